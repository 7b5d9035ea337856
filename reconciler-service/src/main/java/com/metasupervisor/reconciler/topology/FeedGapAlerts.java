package com.metasupervisor.reconciler.topology;

import com.metasupervisor.avro.Alert;
import com.metasupervisor.avro.AlertSubjectKind;
import com.metasupervisor.avro.AlertTransition;
import com.metasupervisor.avro.AlertTrigger;
import com.metasupervisor.avro.Severity;
import com.metasupervisor.reconciler.domain.FeedGap;
import com.metasupervisor.schemas.TopicKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A symbol's {@link FeedGap} as the {@code PRICE_FEED_GAP} alerts ops watch on {@code alerts} (key symbol): OPENED when
 * the gap is seen, RESOLVED when a tick of the symbol arrives again. Ops only: severity MEDIUM, action NONE (a feed gap
 * is not an agent's fault and changes no allocation).
 */
final class FeedGapAlerts {

    static final String KIND = "PRICE_FEED_GAP";
    static final String ACTION = "NONE";
    static final String MARKET_LAG = "market_lag_minutes";
    static final String SILENCE = "wall_clock_silence_minutes";

    private FeedGapAlerts() {
    }

    /**
     * @param lag     how far the symbol's newest tick lags the task's market clock
     * @param silence wall-clock time since a tick of the symbol last arrived
     */
    static Alert opened(String symbol, FeedGap gap, Duration lag, Duration silence, Duration feedGap) {
        String message = "Price feed gap on " + symbol + " (" + id(symbol, gap) + "): its newest tick is at " + gap.lastTick()
                + " (market time), " + DurationText.of(lag) + " behind the market clock, and none arrived for "
                + DurationText.of(silence) + " of wall-clock time (reconciler.feed-gap " + DurationText.of(feedGap)
                + "). Its pairs that find no price are dead-lettered as unpriced, not charged to the agents. Action: " + ACTION + ".";
        return base(symbol, gap, AlertTransition.OPENED, gap.openedAt(), message)
                .setTriggers(List.of(trigger(MARKET_LAG, lag, feedGap, true), trigger(SILENCE, silence, feedGap, true)))
                .setMetrics(metrics(lag, silence))
                .build();
    }

    /**
     * @param tick the tick that ended the gap (market time)
     * @param lag  how far that tick lags the task's market clock
     * @param at   when it arrived (wall-clock time)
     */
    static Alert resolved(String symbol, FeedGap gap, Instant tick, Duration lag, Instant at, Duration feedGap) {
        String message = "Price feed of " + symbol + " resumed (" + id(symbol, gap) + "): a tick at " + tick
                + " arrived; the gap followed its tick at " + gap.lastTick() + ".";
        return base(symbol, gap, AlertTransition.RESOLVED, at, message)
                .setTriggers(List.of(trigger(MARKET_LAG, lag, feedGap, lag.compareTo(feedGap) > 0),
                        trigger(SILENCE, Duration.ZERO, feedGap, false)))
                .setMetrics(metrics(lag, Duration.ZERO))
                .build();
    }

    private static Alert.Builder base(String symbol, FeedGap gap, AlertTransition transition, Instant at, String message) {
        return Alert.newBuilder()
                .setAlertId(id(symbol, gap))
                .setSubject(symbol)
                .setSubjectKind(AlertSubjectKind.SYMBOL)
                .setKind(KIND)
                .setTransition(transition)
                .setSeverity(Severity.MEDIUM)
                .setAction(ACTION)
                .setOpenedAt(gap.openedAt())
                .setAt(at)
                .setMessage(message);
    }

    private static String id(String symbol, FeedGap gap) {
        return TopicKeys.alertId(symbol, gap.number());
    }

    private static AlertTrigger trigger(String name, Duration value, Duration threshold, boolean firing) {
        return AlertTrigger.newBuilder().setName(name).setValue(minutes(value)).setThreshold(minutes(threshold))
                .setFiring(firing).build();
    }

    private static Map<String, Double> metrics(Duration lag, Duration silence) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put(MARKET_LAG, minutes(lag));
        metrics.put(SILENCE, minutes(silence));
        return metrics;
    }

    private static double minutes(Duration d) {
        return d.toMillis() / 60_000.0;
    }
}
