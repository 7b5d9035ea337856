package com.metasupervisor.reporting.notify;

import com.metasupervisor.reporting.config.WebhookSettings;
import com.metasupervisor.streams.check.ArgChecker;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts notifications to the configured webhook ({@link SlackMessage} JSON), at least once: the executor retries a
 * {@link RetryableDeliveryException}, so a receiver may see a notification twice after a crash (documented).
 * <p>
 * The JDK's {@link HttpClient}, not Micronaut's: the URL is per installation and secret, so a declarative client with a
 * fixed service id does not fit, and the JDK client logs nothing about requests (Micronaut's logs request URIs at
 * TRACE), so the token in the URL's path cannot reach a log through it. Redirects are not followed (a webhook answers
 * itself; following one would send the body elsewhere).
 * <p>
 * 2xx: sent. 429: {@link RateLimitedDeliveryException} with the {@code retry-after} (seconds or an HTTP date; absent:
 * {@link #DEFAULT_RETRY_AFTER}). Other 4xx and 3xx: {@link PermanentDeliveryException}. 5xx, a timeout or an I/O
 * failure: {@link RetryableDeliveryException}. Messages and logs show the URL as {@code scheme://host/***} only.
 */
public final class WebhookSender implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);
    /** The wait after a 429 that did not say how long (as SPEC §7 waits on GitHub's secondary limit). */
    public static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(60);
    private static final int MAX_BODY_SHOWN = 200;

    private final WebhookSettings settings;
    private final InstantSource time;
    private final HttpClient client;

    /** {@code time} reads "now" for a {@code retry-after} given as a date. */
    public WebhookSender(WebhookSettings settings, InstantSource time) {
        this.settings = ArgChecker.notNull(settings, "settings");
        this.time = ArgChecker.notNull(time, "time");
        this.client = HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** A webhook is configured and sends this kind ({@code reporting.webhook.url}, {@code .kinds}). */
    public boolean sends(NotificationKind kind) {
        return settings.sends(kind);
    }

    /**
     * Posts the notification; false, without a request, when no webhook is configured or its kind is not sent.
     *
     * @throws RateLimitedDeliveryException on 429
     * @throws RetryableDeliveryException   on 5xx, a timeout or an I/O failure
     * @throws PermanentDeliveryException   on any other non-2xx answer
     */
    public boolean send(Notification notification) {
        ArgChecker.notNull(notification, "notification");
        if (!settings.sends(notification.kind())) {
            return false;
        }
        String url = settings.url().orElseThrow();
        String shown = settings.redactedUrl();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(settings.timeout())
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(SlackMessage.json(notification), StandardCharsets.UTF_8))
                .build();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the JDK's messages name no URL today; the class alone is shown all the same, without the cause chain
            throw new RetryableDeliveryException("webhook " + shown + " not reached: " + e.getClass().getSimpleName(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetryableDeliveryException("webhook " + shown + " post interrupted", null);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            LOG.info("{} notification posted to webhook {} ({})", notification.kind(), shown, status);
            return true;
        }
        String said = "webhook " + shown + " answered " + status + bodyShown(response.body(), url);
        if (status == 429) {
            throw new RateLimitedDeliveryException(said, retryAfter(response.headers().firstValue("retry-after"), time.instant()));
        }
        if (status >= 500) {
            throw new RetryableDeliveryException(said, null);
        }
        throw new PermanentDeliveryException(said, null);
    }

    /**
     * A {@code retry-after} value: delta-seconds or an HTTP date (RFC 9110), never negative; absent or unreadable:
     * {@link #DEFAULT_RETRY_AFTER}.
     */
    static Duration retryAfter(Optional<String> header, Instant now) {
        if (header.isEmpty() || header.get().isBlank()) {
            return DEFAULT_RETRY_AFTER;
        }
        String value = header.get().strip();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? DEFAULT_RETRY_AFTER : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return at.isAfter(now) ? Duration.between(now, at) : Duration.ZERO;
            } catch (DateTimeParseException notDate) {
                return DEFAULT_RETRY_AFTER;
            }
        }
    }

    /** The start of the answer's body, on one line, with the URL and its path masked should a receiver echo them. */
    private static String bodyShown(String body, String url) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String masked = body.replace(url, "***");
        String path = URI.create(url).getRawPath();
        if (path != null && path.length() > 1) {
            masked = masked.replace(path, "/***");
        }
        return ": " + OneLineText.of(masked, MAX_BODY_SHOWN);
    }

    @Override
    public void close() {
        client.close();
    }

    @Override
    public String toString() {
        return "WebhookSender[" + settings + "]";
    }
}
