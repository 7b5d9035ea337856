package com.metasupervisor.reporting.notify;

import com.metasupervisor.streams.check.ArgChecker;
import io.micronaut.scheduling.cron.CronExpression;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * When a scheduled e-mail goes: a cron expression (Micronaut's {@link CronExpression}: 6 fields, seconds first, or 5
 * without seconds) read on the wall clock of a time zone. "0 0 7 * * *" in Europe/London is 07:00 London time every
 * day, 06:00 UTC in summer and 07:00 UTC in winter.
 * <p>
 * Across a DST change each wall-clock time of the expression fires exactly once, like Vixie cron's fixed-time jobs:
 * a time that does not exist that day (01:30 when London springs forward) fires at the same offset after the gap
 * (02:30 BST), and a time that happens twice (01:30 when London falls back) fires at its first occurrence only.
 * Micronaut's own evaluation on a zoned time skips the first and fires the second twice, so the expression is
 * evaluated here on local date-times (in UTC, which has no DST) and each result is placed in the zone.
 */
public final class ReportSchedule {

    /** More than any DST gap or overlap: local times this far before a query can still fire after it. */
    private static final Duration SHIFT_MARGIN = Duration.ofHours(3);
    /** An expression that does not fire within this many years of a query is taken never to fire again. */
    private static final int HORIZON_YEARS = 5;
    private static final Duration LONGEST_LOOK_BACK = Duration.ofDays(4 * 366);

    private final String expression;
    private final CronExpression cron;
    private final ZoneId zone;

    /** @throws IllegalArgumentException when the expression is not one Micronaut reads, or never fires */
    public ReportSchedule(String expression, ZoneId zone) {
        this.expression = ArgChecker.notBlank(expression, "expression");
        this.zone = ArgChecker.notNull(zone, "zone");
        this.cron = check(expression);
    }

    /** The expression read, refused with Micronaut's reason when it is not a valid one or never fires. */
    public static CronExpression check(String expression) {
        ArgChecker.notBlank(expression, "expression");
        CronExpression cron;
        try {
            cron = CronExpression.create(expression.strip());
            // a day that does not exist (30 February) is found only by looking for a fire
            cron.nextTimeAfter(ZonedDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC),
                    ZonedDateTime.of(2024 + HORIZON_YEARS, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return cron;
    }

    public String expression() {
        return expression;
    }

    public ZoneId zone() {
        return zone;
    }

    /** The first fire strictly after {@code after}; empty when the expression fires no more within 5 years. */
    public Optional<Instant> nextAfter(Instant after) {
        ArgChecker.notNull(after, "after");
        LocalDateTime start = LocalDateTime.ofInstant(after, zone).minus(SHIFT_MARGIN);
        ZonedDateTime cursor = start.atZone(ZoneOffset.UTC);
        ZonedDateTime limit = cursor.plusYears(HORIZON_YEARS);
        Instant best = null;
        while (true) {
            try {
                cursor = cron.nextTimeAfter(cursor, limit);
            } catch (IllegalArgumentException none) {
                return Optional.ofNullable(best);
            }
            if (cursor == null) {
                return Optional.ofNullable(best);
            }
            LocalDateTime local = cursor.toLocalDateTime();
            // a time in a gap moves forward past later local times: look a margin beyond the best fire found
            if (best != null && local.isAfter(LocalDateTime.ofInstant(best, zone).plus(SHIFT_MARGIN))) {
                return Optional.of(best);
            }
            Instant fire = ZonedDateTime.ofLocal(local, zone, null).toInstant();
            if (fire.isAfter(after) && (best == null || fire.isBefore(best))) {
                best = fire;
            }
        }
    }

    /**
     * The latest fire at or before {@code at} (the run a scheduler that was down should catch up on); empty when
     * there is none within 4 years before. Found by bisection on {@link #nextAfter}, which is monotonic.
     */
    public Optional<Instant> latestAtOrBefore(Instant at) {
        ArgChecker.notNull(at, "at");
        Instant low = null;
        for (Duration back = Duration.ofDays(1); low == null; back = back.multipliedBy(4)) {
            if (back.compareTo(LONGEST_LOOK_BACK) > 0) {
                return Optional.empty();
            }
            Instant candidate = at.minus(back);
            if (nextAfter(candidate).filter(fire -> !fire.isAfter(at)).isPresent()) {
                low = candidate;
            }
        }
        // nextAfter(low) <= at < nextAfter(high); fires are whole seconds, so within a second nextAfter(low) is the last
        Instant high = at;
        while (Duration.between(low, high).compareTo(Duration.ofSeconds(1)) > 0) {
            Instant middle = low.plus(Duration.between(low, high).dividedBy(2));
            if (nextAfter(middle).filter(fire -> !fire.isAfter(at)).isPresent()) {
                low = middle;
            } else {
                high = middle;
            }
        }
        return nextAfter(low);
    }

    @Override
    public String toString() {
        return "ReportSchedule[" + expression + " in " + zone + "]";
    }
}
