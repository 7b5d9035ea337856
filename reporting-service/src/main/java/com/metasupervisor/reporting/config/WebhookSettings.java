package com.metasupervisor.reporting.config;

import com.metasupervisor.reporting.notify.NotificationKind;
import com.metasupervisor.streams.check.ArgChecker;
import com.metasupervisor.streams.config.SettingsDefaults;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where notifications go (SPEC §7 "Notifications"), keys under {@code reporting.webhook.}. The URL is a secret (a Slack
 * incoming-webhook URL or a Telegram bot URL carries its token in the path): it is shown, in {@link #toString()} and
 * in every message, as {@link #redactedUrl()} only.
 *
 * @param url     the webhook (http or https); unset or blank: no notification is sent
 * @param kinds   the kinds sent, of {@link NotificationKind}
 * @param timeout the longest wait for connecting, and again for the answer, of one post
 */
@ConfigurationProperties("reporting.webhook")
public record WebhookSettings(
        Optional<String> url,
        @Bindable(defaultValue = "ALLOCATION,ALERT,DECISION,PROPOSAL") List<String> kinds,
        @Bindable(defaultValue = "PT10S") Duration timeout) {

    public static final String PREFIX = "reporting.webhook.";

    public WebhookSettings {
        url = url == null ? Optional.empty() : url.map(String::strip).filter(u -> !u.isEmpty());
        url.ifPresent(WebhookSettings::checkUrl);
        ArgChecker.notNull(kinds, PREFIX + "kinds");
        kinds = kinds.stream().map(String::strip).filter(k -> !k.isEmpty()).toList();
        for (String kind : kinds) {
            ArgChecker.isTrue(Arrays.stream(NotificationKind.values()).anyMatch(known -> known.name().equals(kind)),
                    PREFIX + "kinds: unknown kind '" + kind + "' (known: " + Arrays.toString(NotificationKind.values()) + ")");
        }
        ArgChecker.positive(timeout, PREFIX + "timeout");
    }

    /** No webhook; every kind would be sent, with a 10 s timeout. */
    public static WebhookSettings defaults() {
        return SettingsDefaults.of(WebhookSettings.class);
    }

    /** The webhook at {@code url} sending every kind, with the default timeout (tests, the executor's wiring). */
    public static WebhookSettings of(String url) {
        WebhookSettings defaults = defaults();
        return new WebhookSettings(Optional.of(url), defaults.kinds(), defaults.timeout());
    }

    /** The kinds sent, as a set. */
    public Set<NotificationKind> kindSet() {
        EnumSet<NotificationKind> set = EnumSet.noneOf(NotificationKind.class);
        kinds.forEach(kind -> set.add(NotificationKind.valueOf(kind)));
        return set;
    }

    /** A webhook is configured and sends this kind. */
    public boolean sends(NotificationKind kind) {
        return url.isPresent() && kinds.contains(kind.name());
    }

    /** The URL as it may be shown: {@code scheme://host[:port]/***}; "(none)" without one. */
    public String redactedUrl() {
        return url.map(WebhookSettings::redact).orElse("(none)");
    }

    @Override
    public String toString() {
        return "WebhookSettings[url=" + redactedUrl() + ", kinds=" + kinds + ", timeout=" + timeout + "]";
    }

    /** {@code scheme://host[:port]/***} of a URL; never any of its path, query, user info or fragment. */
    public static String redact(String url) {
        try {
            URI uri = URI.create(url.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return "***";
            }
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + "/***";
        } catch (IllegalArgumentException e) {
            return "***";
        }
    }

    private static void checkUrl(String url) {
        // the messages never quote the URL: a typo in it would still leak the token
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(PREFIX + "url is not a valid URL (" + redact(url) + ")");
        }
        ArgChecker.isTrue("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()),
                PREFIX + "url must be an http or https URL, was " + redact(url));
        ArgChecker.isTrue(uri.getHost() != null && !uri.getHost().isBlank(), PREFIX + "url must name a host, was " + redact(url));
    }
}
