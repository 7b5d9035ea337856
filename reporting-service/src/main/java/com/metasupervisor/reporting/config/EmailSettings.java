package com.metasupervisor.reporting.config;

import com.metasupervisor.reporting.notify.ReportSchedule;
import com.metasupervisor.reporting.notify.SmtpLogin;
import com.metasupervisor.streams.check.ArgChecker;
import com.metasupervisor.streams.config.SettingsDefaults;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * E-mail over SMTP (SPEC §7 "E-mail"), keys under {@code reporting.email.}. The password is never a key: it is read from
 * the environment variable named by {@code password-env} ({@link #login}), so it is in no file, no record and no
 * {@code toString}.
 *
 * @param enabled            send e-mail at all
 * @param host               the SMTP server (a relay such as SendGrid's works the same way)
 * @param port               its port: 587 (submission, with STARTTLS) or 25
 * @param starttls           upgrade to TLS before anything else is sent, and refuse a server that cannot (so a login
 *                           never crosses the network in clear)
 * @param from               the sender's address; its domain also ends every Message-ID
 * @param to                 the recipients (a comma-separated list or a YAML list); at least one when enabled
 * @param username           the SMTP login; unset: no login
 * @param passwordEnv        the environment variable holding the SMTP password (read when {@code username} is set)
 * @param dailyCron          when the daily summary goes (6 fields, seconds first, Micronaut's cron syntax), in {@code zone}
 * @param weeklyCron         when the weekly LP e-mail goes, in {@code zone}
 * @param zone               the time zone the schedules and the report days are read in
 * @param alertTransitions   the alert transitions that send "DIVERGENCE ALERT: &lt;agent&gt;"
 * @param timeout            the longest wait for connecting, reading and writing to the SMTP server
 */
@ConfigurationProperties("reporting.email")
public record EmailSettings(
        @Bindable(defaultValue = "false") boolean enabled,
        @Bindable(defaultValue = "localhost") String host,
        @Bindable(defaultValue = "587") int port,
        @Bindable(defaultValue = "true") boolean starttls,
        @Bindable(defaultValue = "meta-supervisor@localhost") String from,
        Optional<List<String>> to,
        Optional<String> username,
        @Bindable(defaultValue = "REPORTING_SMTP_PASSWORD") String passwordEnv,
        @Bindable(defaultValue = "0 0 7 * * *") String dailyCron,
        @Bindable(defaultValue = "0 0 7 * * MON") String weeklyCron,
        @Bindable(defaultValue = "UTC") String zone,
        @Bindable(defaultValue = "OPENED,ESCALATED") List<String> alertTransitions,
        @Bindable(defaultValue = "PT30S") Duration timeout) {

    public static final String PREFIX = "reporting.email.";

    public EmailSettings {
        ArgChecker.notBlank(host, PREFIX + "host");
        ArgChecker.isTrue(host.chars().noneMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c)),
                PREFIX + "host must be a host name, was '" + host + "'");
        ArgChecker.isTrue(port >= 1 && port <= 65535, PREFIX + "port must be in [1, 65535], was " + port);
        address(from, PREFIX + "from");
        to = to == null ? Optional.empty() : to.map(list -> list.stream().map(String::strip).filter(a -> !a.isEmpty()).toList())
                .filter(list -> !list.isEmpty());
        to.ifPresent(list -> list.forEach(address -> address(address, PREFIX + "to")));
        ArgChecker.isTrue(!enabled || to.isPresent(), PREFIX + "to must list at least one address when " + PREFIX + "enabled is true");
        username = username == null ? Optional.empty() : username.filter(u -> !u.isBlank());
        ArgChecker.notBlank(passwordEnv, PREFIX + "password-env");
        ArgChecker.isTrue(passwordEnv.matches("[A-Za-z_][A-Za-z0-9_]*"),
                PREFIX + "password-env must be an environment variable name, was '" + passwordEnv + "'");
        schedule(dailyCron, PREFIX + "daily-cron");
        schedule(weeklyCron, PREFIX + "weekly-cron");
        zoneId(zone);
        ArgChecker.notNull(alertTransitions, PREFIX + "alert-transitions");
        alertTransitions = alertTransitions.stream().map(String::strip).filter(t -> !t.isEmpty()).toList();
        alertTransitions.forEach(transition -> ArgChecker.isTrue(transition.matches("[A-Z_]+"),
                PREFIX + "alert-transitions must be transition names such as OPENED, was '" + transition + "'"));
        ArgChecker.positive(timeout, PREFIX + "timeout");
    }

    /** Off; when on: localhost:587 with STARTTLS, no login, 07:00 UTC daily and Mondays, alerts OPENED and ESCALATED. */
    public static EmailSettings defaults() {
        return SettingsDefaults.of(EmailSettings.class);
    }

    /** The recipients (empty when unset). */
    public List<String> recipients() {
        return to.orElse(List.of());
    }

    /** The zone of the schedules and report days. */
    public ZoneId zoneId() {
        return zoneId(zone);
    }

    /** When the daily summary goes. */
    public ReportSchedule dailySchedule() {
        return new ReportSchedule(dailyCron, zoneId());
    }

    /** When the weekly LP e-mail goes. */
    public ReportSchedule weeklySchedule() {
        return new ReportSchedule(weeklyCron, zoneId());
    }

    /** This alert transition sends a divergence e-mail. */
    public boolean mailsAlert(String transition) {
        return enabled && alertTransitions.contains(transition);
    }

    /**
     * The SMTP login: empty without {@code username}; with one, the password from the variable {@code password-env}
     * of {@code environment} (e.g. {@code System::getenv}), which must then be set.
     */
    public Optional<SmtpLogin> login(UnaryOperator<String> environment) {
        if (username.isEmpty()) {
            return Optional.empty();
        }
        String password = environment.apply(passwordEnv);
        ArgChecker.isTrue(password != null && !password.isEmpty(),
                PREFIX + "username is set but the environment variable " + passwordEnv + " (" + PREFIX + "password-env) is not");
        return Optional.of(new SmtpLogin(username.get(), password));
    }

    private static void address(String address, String key) {
        ArgChecker.notBlank(address, key);
        try {
            // strict: one bare address, no display name, no group, no control characters
            InternetAddress parsed = new InternetAddress(address, true);
            ArgChecker.isTrue(parsed.getAddress().equals(address) && address.chars().noneMatch(Character::isISOControl)
                            && address.indexOf('@') > 0,
                    key + " must be a plain e-mail address (user@domain), was '" + address + "'");
        } catch (AddressException e) {
            throw new IllegalArgumentException(key + " must be a plain e-mail address (user@domain), was '" + address + "'", e);
        }
    }

    private static void schedule(String cron, String key) {
        ArgChecker.notBlank(cron, key);
        try {
            ReportSchedule.check(cron);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + " must be a cron expression (seconds minutes hours day-of-month month"
                    + " day-of-week), was '" + cron + "': " + e.getMessage(), e);
        }
    }

    private static ZoneId zoneId(String zone) {
        ArgChecker.notBlank(zone, PREFIX + "zone");
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(PREFIX + "zone must be a time zone such as UTC or Europe/London, was '" + zone + "'", e);
        }
    }
}
