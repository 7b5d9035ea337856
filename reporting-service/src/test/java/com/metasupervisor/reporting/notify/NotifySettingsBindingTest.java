package com.metasupervisor.reporting.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.metasupervisor.reporting.config.EmailSettings;
import com.metasupervisor.reporting.config.WebhookSettings;
import com.metasupervisor.streams.config.ConfigurationKey;
import com.metasupervisor.testkit.TestCredentials;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.ConfigurationException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the service reads {@code reporting.webhook.*} and {@code reporting.email.*}: bound, defaults once, bad values named. */
class NotifySettingsBindingTest {

    /** Every key of the two records with a valid value other than its default. */
    private static final Map<String, String> OTHER_VALUES = new LinkedHashMap<>();

    static {
        OTHER_VALUES.put("reporting.webhook.url", "https://hooks.slack.example/services/T1/B2/token3");
        OTHER_VALUES.put("reporting.webhook.kinds", "ALERT,DECISION");
        OTHER_VALUES.put("reporting.webhook.timeout", "PT3S");
        OTHER_VALUES.put("reporting.email.enabled", "true");
        OTHER_VALUES.put("reporting.email.host", "smtp.sendgrid.example");
        OTHER_VALUES.put("reporting.email.port", "25");
        OTHER_VALUES.put("reporting.email.starttls", "false");
        OTHER_VALUES.put("reporting.email.from", "fleet@ops.example");
        OTHER_VALUES.put("reporting.email.to", "a@ops.example,b@lp.example");
        OTHER_VALUES.put("reporting.email.username", "apikey");
        OTHER_VALUES.put("reporting.email.password-env", "SENDGRID_PASSWORD");
        OTHER_VALUES.put("reporting.email.daily-cron", "0 30 6 * * *");
        OTHER_VALUES.put("reporting.email.weekly-cron", "0 0 8 * * FRI");
        OTHER_VALUES.put("reporting.email.zone", "Europe/London");
        OTHER_VALUES.put("reporting.email.alert-transitions", "OPENED");
        OTHER_VALUES.put("reporting.email.timeout", "PT5S");
    }

    @TempDir
    Path stateDir;

    @Test
    void theKeysAreThoseOfTheRecords() {
        assertThat(ConfigurationKey.declaredBeside(WebhookSettings.class)).extracting(ConfigurationKey::name)
                .filteredOn(name -> name.startsWith(WebhookSettings.PREFIX) || name.startsWith(EmailSettings.PREFIX))
                .containsExactlyInAnyOrderElementsOf(OTHER_VALUES.keySet());
    }

    @Test
    void theDefaultsAreThoseOfTheRecords() {
        try (ApplicationContext context = ApplicationContext.run(startable(Map.of()))) {
            assertThat(context.getBean(WebhookSettings.class)).isEqualTo(WebhookSettings.defaults())
                    .isEqualTo(new WebhookSettings(Optional.empty(), List.of("ALLOCATION", "ALERT", "DECISION", "PROPOSAL"), Duration.ofSeconds(10)));
            assertThat(context.getBean(EmailSettings.class)).isEqualTo(EmailSettings.defaults())
                    .isEqualTo(new EmailSettings(false, "localhost", 587, true, "meta-supervisor@localhost", Optional.empty(),
                            Optional.empty(), "REPORTING_SMTP_PASSWORD", "0 0 7 * * *", "0 0 7 * * MON", "UTC",
                            List.of("OPENED", "ESCALATED"), Duration.ofSeconds(30)));
        }
    }

    @Test
    void everyKeyIsBound() {
        // on, the service logs in at start: with a username it needs the password's variable, unset here, so off...
        Map<String, String> values = new HashMap<>(OTHER_VALUES);
        values.put("reporting.email.enabled", "false");
        try (ApplicationContext context = ApplicationContext.run(startable(values))) {
            WebhookSettings webhook = context.getBean(WebhookSettings.class);
            assertThat(webhook).isEqualTo(new WebhookSettings(Optional.of("https://hooks.slack.example/services/T1/B2/token3"),
                    List.of("ALERT", "DECISION"), Duration.ofSeconds(3)));
            assertThat(webhook.sends(NotificationKind.ALERT)).isTrue();
            assertThat(webhook.sends(NotificationKind.ALLOCATION)).isFalse();
            EmailSettings email = context.getBean(EmailSettings.class);
            assertThat(email).isEqualTo(new EmailSettings(false, "smtp.sendgrid.example", 25, false, "fleet@ops.example",
                    Optional.of(List.of("a@ops.example", "b@lp.example")), Optional.of("apikey"), "SENDGRID_PASSWORD",
                    "0 30 6 * * *", "0 0 8 * * FRI", "Europe/London", List.of("OPENED"), Duration.ofSeconds(5)));
            assertThat(email.mailsAlert("OPENED")).isFalse(); // off
            assertThat(email.dailySchedule().nextAfter(Instant.parse("2026-07-01T00:00:00Z")))
                    .contains(Instant.parse("2026-07-01T05:30:00Z"));
            assertThat(email.login(Map.of("SENDGRID_PASSWORD", "pw")::get)).contains(new SmtpLogin("apikey", "pw"));
            assertThatThrownBy(() -> email.login(name -> null)).hasMessageContaining("SENDGRID_PASSWORD");
        }
        // ... and on without a username
        values.put("reporting.email.enabled", "true");
        values.remove("reporting.email.username");
        try (ApplicationContext context = ApplicationContext.run(startable(values))) {
            EmailSettings email = context.getBean(EmailSettings.class);
            assertThat(email.enabled()).isTrue();
            assertThat(email.username()).isEmpty();
            assertThat(email.mailsAlert("OPENED")).isTrue();
            assertThat(email.mailsAlert("ESCALATED")).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = ';', value = {
            "reporting.webhook.kinds; abc", "reporting.webhook.timeout; abc",
            "reporting.email.port; abc", "reporting.email.port; 70000",
            "reporting.email.from; abc", "reporting.email.to; ops@x.example,abc",
            "reporting.email.password-env; 1abc", "reporting.email.daily-cron; abc", "reporting.email.weekly-cron; 0 0 7 * * abc",
            "reporting.email.zone; abc", "reporting.email.alert-transitions; abc", "reporting.email.timeout; abc"})
    void anUnreadableOrInvalidValueStopsTheStartNamingItsKey(String key, String bad) {
        assertThatThrownBy(() -> start(Map.of(key, bad))).as(key + "=" + bad)
                .satisfies(e -> assertThat(configurationError(e).getMessage()).contains(key).contains("abc".equals(bad) ? bad : ""));
    }

    @Test
    void aWrongWebhookUrlIsNamedByItsKeyWithoutItsSecretPath() {
        assertThatThrownBy(() -> start(Map.of("reporting.webhook.url", "ftp://hooks.example/services/T9/B9/secret-token")))
                .satisfies(e -> assertThat(configurationError(e).getMessage()).contains("reporting.webhook.url")
                        .contains("ftp://hooks.example/***").doesNotContain("secret-token"));
        assertThatThrownBy(() -> start(Map.of("reporting.webhook.url", "hooks.example/secret-token")))
                .satisfies(e -> assertThat(configurationError(e).getMessage()).contains("reporting.webhook.url").doesNotContain("secret-token"));
    }

    @Test
    void anAddressWithALineBreakOrADisplayNameIsRefused() {
        EmailSettings defaults = EmailSettings.defaults();
        for (String bad : List.of("a@b.example\r\nBcc: c@d.example", "Boss <boss@b.example>", "a@b.example, c@d.example")) {
            assertThatThrownBy(() -> new EmailSettings(true, "localhost", 25, false, defaults.from(), Optional.of(List.of(bad)),
                    Optional.empty(), defaults.passwordEnv(), defaults.dailyCron(), defaults.weeklyCron(), defaults.zone(),
                    defaults.alertTransitions(), defaults.timeout())).as(bad).hasMessageContaining("reporting.email.to");
        }
    }

    @Test
    void emailOnWithoutRecipientsStopsTheStart() {
        assertThatThrownBy(() -> start(Map.of("reporting.email.enabled", "true")))
                .satisfies(e -> assertThat(configurationError(e).getMessage()).contains("reporting.email.to"));
    }

    private void start(Map<String, String> settings) {
        try (ApplicationContext context = ApplicationContext.run(startable(settings))) {
            context.getBean(WebhookSettings.class);
            context.getBean(EmailSettings.class);
        }
    }

    /** What a context needs to start without Kafka or a registry: nothing listens on port 1, streams not started. */
    private Map<String, Object> startable(Map<String, String> settings) {
        Map<String, Object> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", "127.0.0.1:1");
        config.put("registry.url", "http://127.0.0.1:1");
        config.put("kafka.streams.default.application.id", "notify-settings-test-" + UUID.randomUUID());
        config.put("kafka.streams.default.state.dir", stateDir.toString());
        config.put("kafka.streams.default.start-kafka-streams", false);
        // the config test package's one-source topology, while the service has none of its own
        config.put("lp-report-settings-test.idle-topology", true);
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
