package com.metasupervisor.reporting.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.metasupervisor.reporting.domain.report.ReportPeriod;
import com.metasupervisor.streams.config.ConfigurationKey;
import com.metasupervisor.testkit.TestCredentials;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.ConfigurationException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the service reads {@code reporting.lp-report.*}: every key bound, each default once, a bad value names its key. */
class LpReportSettingsBindingTest {

    /** Every reporting.lp-report.* key with a valid value other than its default. */
    private static final Map<String, String> OTHER_VALUES = new LinkedHashMap<>();

    static {
        OTHER_VALUES.put("reporting.lp-report.horizon-hours", "4");
        OTHER_VALUES.put("reporting.lp-report.history-weeks", "12");
        OTHER_VALUES.put("reporting.lp-report.rolling-sharpe-days", "10");
        OTHER_VALUES.put("reporting.lp-report.zone", "Europe/Paris");
        OTHER_VALUES.put("reporting.lp-report.output-dir", "target/lp-reports");
    }

    @TempDir
    Path stateDir;

    @Test
    void theKeysAreThoseOfTheRecord() {
        assertThat(ConfigurationKey.declaredBeside(LpReportSettings.class)).extracting(ConfigurationKey::name)
                .filteredOn(name -> name.startsWith(LpReportSettings.PREFIX))
                .containsExactlyInAnyOrderElementsOf(OTHER_VALUES.keySet());
    }

    @Test
    void theDefaultsAreThoseOfTheRecord() {
        try (ApplicationContext context = ApplicationContext.run(startable(Map.of()))) {
            assertThat(context.getBean(LpReportSettings.class)).isEqualTo(LpReportSettings.defaults())
                    .isEqualTo(new LpReportSettings(24, 8, 30, "UTC", Optional.empty()));
        }
    }

    @Test
    void everyKeyIsBound() {
        try (ApplicationContext context = ApplicationContext.run(startable(OTHER_VALUES))) {
            assertThat(context.getBean(LpReportSettings.class)).isEqualTo(
                    new LpReportSettings(4, 12, 10, "Europe/Paris", Optional.of(Path.of("target/lp-reports"))));
        }
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "reporting.lp-report.horizon-hours, abc", "reporting.lp-report.horizon-hours, 0",
            "reporting.lp-report.history-weeks, abc", "reporting.lp-report.history-weeks, -1",
            "reporting.lp-report.rolling-sharpe-days, abc", "reporting.lp-report.rolling-sharpe-days, 1",
            "reporting.lp-report.zone, abc", "reporting.lp-report.zone, Mars/Olympus"})
    void anUnreadableOrInvalidValueStopsTheStartNamingItsKey(String key, String bad) {
        assertThatThrownBy(() -> ApplicationContext.run(startable(Map.of(key, bad))).getBean(LpReportSettings.class))
                .as(key + "=" + bad)
                .satisfies(e -> assertThat(configurationError(e).getMessage()).contains(key).contains(bad));
    }

    @Test
    void theWeekEndingOnADayHasTheHistoryWeeksBeforeIt() {
        LpReportSettings settings = new LpReportSettings(24, 8, 30, "Asia/Tokyo", Optional.empty());

        ReportPeriod period = settings.weekEnding(LocalDate.parse("2026-03-08"));

        assertThat(period).isEqualTo(new ReportPeriod(LocalDate.parse("2026-01-12"), LocalDate.parse("2026-03-02"),
                LocalDate.parse("2026-03-08"), ZoneId.of("Asia/Tokyo")));
        assertThat(period.historyFrom().plusDays(settings.history().toDays())).isEqualTo(period.lastDay().plusDays(1));
        assertThat(settings.history()).isEqualTo(Duration.ofDays(56));
    }

    @ParameterizedTest(name = "{0}, week ending {1}")
    @CsvSource({"UTC, 2026-03-08", "Pacific/Kiritimati, 2026-03-08", "Pacific/Pago_Pago, 2026-03-08",
            "Europe/Paris, 2026-04-05", "Europe/Paris, 2026-11-01", "America/New_York, 2026-11-08"})
    void theFeedReadsTheHistorysFirstDayWholeForAReportBuiltWithin47HoursOfItsEnd(String zone, String lastDay) {
        LpReportSettings settings = new LpReportSettings(24, 8, 30, zone, Optional.empty());
        ReportPeriod period = settings.weekEnding(LocalDate.parse(lastDay));
        java.time.Instant firstDayStart = period.historyFrom().atStartOfDay(settings.zoneId()).toInstant();
        java.time.Instant weekEnd = period.lastDay().plusDays(1).atStartOfDay(settings.zoneId()).toInstant();

        for (int hoursAfter = 0; hoursAfter <= 47; hoursAfter++) {
            java.time.Instant now = weekEnd.plus(Duration.ofHours(hoursAfter));
            assertThat(now.minus(settings.feedKeep())).as("built %d h after the week", hoursAfter).isBeforeOrEqualTo(firstDayStart);
        }
        // from now − history, a report built at 07:00 the next morning would miss its first day's first 7 hours
        assertThat(weekEnd.plus(Duration.ofHours(7)).minus(settings.history())).isAfter(firstDayStart);
        assertThat(settings.feedKeep()).isEqualTo(settings.history().plusDays(2));
    }

    /** What a context needs to start without Kafka or a registry: nothing listens on port 1, streams not started. */
    private Map<String, Object> startable(Map<String, String> settings) {
        Map<String, Object> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", "127.0.0.1:1");
        config.put("registry.url", "http://127.0.0.1:1");
        config.put("kafka.streams.default.application.id", "lp-report-settings-test-" + UUID.randomUUID());
        config.put("kafka.streams.default.state.dir", stateDir.toString());
        config.put("kafka.streams.default.start-kafka-streams", false);
        config.put(IdleTopologyFactory.ENABLED, true); // until the service has a topology of its own
        config.putAll(settings);
        return TestCredentials.in(config);
    }

    private static Throwable configurationError(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConfigurationException) {
                return cause;
            }
        }
        throw new AssertionError("no error naming a key in " + e, e);
    }
}
