package com.metasupervisor.reporting.config;

import com.metasupervisor.reporting.domain.report.ReportHistory;
import com.metasupervisor.reporting.domain.report.ReportPeriod;
import com.metasupervisor.streams.check.ArgChecker;
import com.metasupervisor.streams.config.SettingsDefaults;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

/**
 * The weekly LP report and the daily summary (SPEC §7), keys under {@code reporting.lp-report.}.
 *
 * @param horizonHours      the reconciled rows (and risk's agent stats) the report reads are those at this horizon
 * @param historyWeeks      weeks of history the report's series and tear-sheet figures span (the week included); the
 *                          feed reads the topics from that far back
 * @param rollingSharpeDays the rolling Sharpe's window, in days (clipped to the history when longer)
 * @param zone              the report's time zone (a region id such as {@code Europe/Paris}, or an offset): days,
 *                          weeks and months are those of this zone; {@link #zoneId()} is it parsed
 * @param outputDir         also write each weekly PDF to this directory; unset: not written
 */
@ConfigurationProperties("reporting.lp-report")
public record LpReportSettings(
        @Bindable(defaultValue = "24") int horizonHours,
        @Bindable(defaultValue = "8") int historyWeeks,
        @Bindable(defaultValue = "30") int rollingSharpeDays,
        @Bindable(defaultValue = "UTC") String zone,
        Optional<Path> outputDir) {

    public static final String PREFIX = "reporting.lp-report.";

    public LpReportSettings {
        ArgChecker.positive(horizonHours, PREFIX + "horizon-hours");
        ArgChecker.positive(historyWeeks, PREFIX + "history-weeks");
        ArgChecker.atLeast(rollingSharpeDays, 2, PREFIX + "rolling-sharpe-days");
        zoneOf(zone); // Micronaut's own ZoneId conversion fails without naming the key: parsed here instead
        outputDir = outputDir == null ? Optional.empty() : outputDir;
    }

    private static ZoneId zoneOf(String zone) {
        ArgChecker.notBlank(zone, PREFIX + "zone");
        try {
            return ZoneId.of(zone);
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException(PREFIX + "zone: '" + zone + "' is not a time zone (" + e.getMessage()
                    + "); use a region id such as Europe/Paris, or UTC", e);
        }
    }

    /** The report's time zone. */
    public ZoneId zoneId() {
        return zoneOf(zone);
    }

    /** Horizon 24 h, 8 weeks of history, a 30-day rolling Sharpe, UTC, no PDF file. */
    public static LpReportSettings defaults() {
        return SettingsDefaults.of(LpReportSettings.class);
    }

    /** How far back the report data reaches: {@code historyWeeks} weeks. */
    public Duration history() {
        return Duration.ofDays(7L * historyWeeks);
    }

    /**
     * How much the feed reads and keeps ({@code TopicHistoryFeed}'s {@code keep}): {@link #history()} + 2 days. The
     * history's first day starts {@code historyWeeks} weeks before the end of the report's last day, and a report is
     * built after that end (the weekly cron the next morning, a run retried later), so reading from now − history
     * would cut the first day short (by the hours between that end and now). The 2 days' margin keeps the first day
     * whole for a report built up to 47 hours after its last day ends, in any zone and across a DST change (which
     * lengthens the history by up to an hour).
     */
    public Duration feedKeep() {
        return history().plusDays(2);
    }

    /** The week ending on {@code lastDay} (7 days) with the {@code historyWeeks} weeks of history ending with it. */
    public ReportPeriod weekEnding(LocalDate lastDay) {
        ArgChecker.notNull(lastDay, "lastDay");
        return new ReportPeriod(lastDay.minusDays(7L * historyWeeks - 1), lastDay.minusDays(6), lastDay, zoneId());
    }

    /** An empty history reading rows at this horizon, with this rolling-Sharpe window. */
    public ReportHistory newHistory() {
        return new ReportHistory(horizonHours, rollingSharpeDays);
    }
}
