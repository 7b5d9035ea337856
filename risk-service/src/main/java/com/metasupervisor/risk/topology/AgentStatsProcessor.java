package com.metasupervisor.risk.topology;

import com.metasupervisor.avro.AgentStats;
import com.metasupervisor.avro.Alert;
import com.metasupervisor.avro.AlertSubjectKind;
import com.metasupervisor.avro.AlertTransition;
import com.metasupervisor.avro.ReconciledAlpha;
import com.metasupervisor.avro.SimModel;
import com.metasupervisor.risk.config.RiskSettings;
import com.metasupervisor.risk.domain.AgentFigures;
import com.metasupervisor.risk.domain.AgentWindow;
import com.metasupervisor.risk.domain.AlertTrigger;
import com.metasupervisor.risk.domain.ConfidenceMultiplier;
import com.metasupervisor.risk.domain.DivergenceMonitor;
import com.metasupervisor.risk.domain.DivergenceTransition;
import com.metasupervisor.streams.state.DecodedWindows;
import com.metasupervisor.streams.topology.EventTimeRefresh;
import com.metasupervisor.streams.topology.PublishOnChange;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * One agent per key, at the scoring horizon: its {@link AgentWindow} (rows and event counts) and its
 * {@link DivergenceMonitor}. Each input updates them; {@link AgentStats} is published when a figure
 * changed, an {@link Alert} when the divergence alert changed state (OPENED, ESCALATED, RESOLVED).
 * The model RMSE is the holdout RMSE of the scoring horizon's sim model, from the global models table.
 *
 * <p><b>Now.</b> Figures are as of the task's event time: its stream time (the newest matured_at or
 * dead-letter time of any agent in the task), so a replay publishes what live processing did. A
 * published record's timestamp is that as-of time. Every {@code risk.refresh-interval}
 * ({@link EventTimeRefresh}: stream time, or wall-clock time while the task receives nothing at all),
 * every agent of the task is recomputed and published if a figure changed: a silent agent's windows
 * empty and its multiplier decays (m_time) without a row of its own. Each agent's window keeps the
 * newest time it was refreshed to, so its figures never go back in time, whatever order inputs come in
 * and across restarts.
 */
final class AgentStatsProcessor implements Processor<String, AgentInput, String, AgentOutput> {

    static final String WINDOWS = "agent-windows";
    static final String ALERTS = "agent-alerts";
    static final String PUBLISHED = "agent-stats-published";
    static final String UNKNOWN_STRATEGY = "unknown";
    static final String KIND = "DIVERGENCE";

    private final RiskSettings settings;
    private final String modelKey;
    private final Clock clock;
    private ProcessorContext<String, AgentOutput> context;
    private DecodedWindows<AgentWindow> windows;
    private KeyValueStore<String, byte[]> alerts;
    private PublishOnChange<AgentStats> published;
    private TimestampedKeyValueStore<String, SimModel> models;

    AgentStatsProcessor(RiskSettings settings, Clock clock) {
        this.settings = settings;
        this.modelKey = modelKey(settings.scoringHorizonHours());
        this.clock = clock;
    }

    /** The models.sim key of a horizon's model. */
    static String modelKey(int horizonHours) {
        return com.metasupervisor.schemas.TopicKeys.simModel(horizonHours);
    }

    @Override
    public void init(ProcessorContext<String, AgentOutput> context) {
        this.context = context;
        this.windows = new DecodedWindows<>(context.getStateStore(WINDOWS), bytes -> AgentWindow.fromBytes(bytes, settings),
                AgentWindow::toBytes, () -> new AgentWindow(settings));
        this.alerts = context.getStateStore(ALERTS);
        this.published = PublishOnChange.ignoringUpdatedAt(context.getStateStore(PUBLISHED), AgentStats.getClassSchema());
        this.models = context.getStateStore(RiskTopology.MODELS_STORE);
        EventTimeRefresh.schedule(context, settings.refreshInterval(), this::refreshAll);
    }

    @Override
    public void process(Record<String, AgentInput> record) {
        windows.changing(record.key(), () -> update(record));
    }

    private void update(Record<String, AgentInput> record) {
        String agent = record.key();
        long now = Math.max(record.timestamp(), context.currentStreamTimeMs());
        AgentWindow window = windows.get(agent);
        AgentStats before = published.last(agent);
        String strategyClass = before == null ? UNKNOWN_STRATEGY : before.getStrategyClass();
        Double modelRmse = modelHoldoutRmse();

        Optional<DivergenceTransition> transition = Optional.empty();
        switch (record.value()) {
            case AgentInput.Row(ReconciledAlpha avro, var row) -> {
                if (before == null || before.getLastMaturedAt() == null || !row.maturedAt().isBefore(before.getLastMaturedAt())) {
                    strategyClass = avro.getStrategyClass(); // the newest row's class
                }
                window.add(row);
                window.recordAccepted(avro.getEmittedAt() == null ? row.maturedAt() : avro.getEmittedAt());
                DivergenceMonitor monitor = loadMonitor(agent);
                Optional<Instant> clockBefore = monitor.clock();
                double cusumBefore = monitor.hitRateCusum();
                transition = monitor.observe(window, row, modelRmse);
                // the monitor's clock (newest row time) stamps its transitions, and its hit-rate CUSUM follows every
                // row: kept whenever either moves
                if (transition.isPresent() || !monitor.clock().equals(clockBefore) || monitor.hitRateCusum() != cusumBefore) {
                    alerts.put(agent, monitor.toBytes());
                }
            }
            case AgentInput.DeadLettered dead when dead.agentFault() -> window.recordAgentError(dead.at());
            case AgentInput.DeadLettered dead -> window.recordUnpriced(dead.at()); // a feed gap, beyond the bound
        }
        window.expire(Instant.ofEpochMilli(now));
        windows.put(agent, window);

        publishIfChanged(agent, strategyClass, window.figures(Instant.ofEpochMilli(now)), modelRmse);
        transition.ifPresent(t -> context.forward(new Record<>(agent, new AgentOutput.AlertChange(alert(agent, t)),
                record.timestamp())));
    }

    /** Every agent of this task, as of {@code now}: windows moved on, changed figures published. */
    private void refreshAll(long now) {
        Instant asOf = Instant.ofEpochMilli(now);
        Double modelRmse = modelHoldoutRmse();
        for (String agent : windows.keys()) {
            AgentWindow window = windows.get(agent);
            window.expire(asOf);
            windows.put(agent, window);
            AgentStats before = published.last(agent);
            publishIfChanged(agent, before == null ? UNKNOWN_STRATEGY : before.getStrategyClass(), window.figures(asOf), modelRmse);
        }
    }

    @Override
    public void close() {
        if (windows != null) {
            windows.clear();
        }
    }

    /** Publishes the agent's stats when a figure changed (updated_at is not a figure). */
    private void publishIfChanged(String agent, String strategyClass, AgentFigures figures, Double modelRmse) {
        AgentStats stats = stats(agent, strategyClass, figures, modelRmse);
        if (published.changed(agent, stats)) {
            context.forward(new Record<>(agent, new AgentOutput.Stats(stats), figures.asOf().toEpochMilli()));
        }
    }

    private DivergenceMonitor loadMonitor(String agent) {
        byte[] bytes = alerts.get(agent);
        return bytes == null ? new DivergenceMonitor(settings.divergence()) : DivergenceMonitor.fromBytes(bytes, settings.divergence());
    }

    /** The holdout RMSE of the scoring horizon's model; null without a trained model. */
    private Double modelHoldoutRmse() {
        ValueAndTimestamp<SimModel> model = models.get(modelKey);
        return model == null || model.value() == null ? null : model.value().getHoldoutRmseBps();
    }

    private AgentStats stats(String agent, String strategyClass, AgentFigures f, Double modelRmse) {
        return AgentStats.newBuilder()
                .setAgent(agent)
                .setStrategyClass(strategyClass)
                .setHorizonHours(settings.scoringHorizonHours())
                .setN(f.n())
                .setPnl7dBps(f.pnl7dBps())
                .setPnl30dBps(f.pnl30dBps())
                .setPnlSumBps(f.pnlSumBps())
                .setSharpe30d(f.sharpe30d())
                .setWinrate30d(f.winrate30d())
                .setHitRate(f.hitRate())
                .setMaxDrawdown30dBps(f.maxDrawdown30dBps())
                .setErrorRate(f.errorRate())
                .setUnpricedRate(f.unpricedRate())
                .setAvgAbsErrorBps(f.avgAbsErrorBps())
                .setRmseBps(f.rmseBps())
                .setConfidenceMultiplier(ConfidenceMultiplier.of(f, modelRmse, settings.multiplier()).value())
                .setLastMaturedAt(f.lastMaturedAt())
                .setUpdatedAt(clock.instant())
                .build();
    }

    static String alertId(String agent, int alertNumber) {
        return com.metasupervisor.schemas.TopicKeys.alertId(agent, alertNumber);
    }

    private static Alert alert(String agent, DivergenceTransition t) {
        Map<String, Double> metrics = new LinkedHashMap<>(t.metrics());
        return Alert.newBuilder()
                .setAlertId(alertId(agent, t.alertNumber()))
                .setSubject(agent)
                .setSubjectKind(AlertSubjectKind.AGENT)
                .setKind(KIND)
                .setTransition(AlertTransition.valueOf(t.change().name()))
                .setSeverity(com.metasupervisor.avro.Severity.valueOf(t.severity().name()))
                .setAction(t.action())
                .setTriggers(t.triggers().stream().map(AgentStatsProcessor::trigger).toList())
                .setMetrics(metrics)
                .setOpenedAt(t.openedAt())
                .setAt(t.at())
                .setMessage(message(agent, t))
                .build();
    }

    private static com.metasupervisor.avro.AlertTrigger trigger(AlertTrigger t) {
        return com.metasupervisor.avro.AlertTrigger.newBuilder()
                .setName(t.name()).setValue(t.value()).setThreshold(t.threshold()).setFiring(t.firing()).build();
    }

    /** One line for a human: what changed, why, and what the fleet does about it. */
    static String message(String agent, DivergenceTransition t) {
        String id = alertId(agent, t.alertNumber());
        String firing = t.firing().stream()
                .map(AlertTrigger::describe)
                .collect(Collectors.joining(", "));
        return switch (t.change()) {
            case OPENED -> String.format(Locale.ROOT, "Agent %s diverges from its sim model (%s, %s): %s. Action: %s.",
                    agent, id, t.severity(), firing, t.action());
            case ESCALATED -> String.format(Locale.ROOT, "Divergence of agent %s escalated to %s (%s): %s. Action: %s.",
                    agent, t.severity(), id, firing, t.action());
            case RESOLVED -> String.format(Locale.ROOT,
                    "Divergence of agent %s resolved (%s, was %s): every trigger is back below its resolve level.",
                    agent, id, t.severity());
        };
    }
}
