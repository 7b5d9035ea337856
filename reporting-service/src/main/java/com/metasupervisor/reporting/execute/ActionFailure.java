package com.metasupervisor.reporting.execute;

import com.metasupervisor.configrepo.ConfigRepositoryException;
import com.metasupervisor.configrepo.files.ConfigFileException;
import com.metasupervisor.reporting.notify.PermanentDeliveryException;
import com.metasupervisor.reporting.notify.RateLimitedDeliveryException;
import com.metasupervisor.reporting.notify.RetryableDeliveryException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why an action failed and whether to try again: retryable (I/O, a 5xx, a network error or rate limit of the config
 * repository, a delivery the receiver may take later) or permanent (a caller's error, a 4xx, a file the edit refuses).
 * The message is the exception's own: config-repo's and notify's exceptions are written without credentials.
 *
 * @param retryable  try again after the back-off
 * @param message    one line for the ledger's detail and the log
 * @param retryAfter the receiver's own wait, when it gave one (at least the back-off is waited anyway)
 */
public record ActionFailure(boolean retryable, String message, Optional<Duration> retryAfter) {

    /** "status 404" / "answered 502" in config-repo's GitHub messages. */
    private static final Pattern HTTP_STATUS = Pattern.compile("(?:status|answered) (\\d{3})\\b");

    public ActionFailure {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(retryAfter, "retryAfter");
    }

    public static ActionFailure of(Throwable error) {
        String message = describe(error);
        return switch (error) {
            case RateLimitedDeliveryException limited -> new ActionFailure(true, message, Optional.of(limited.retryAfter()));
            case RetryableDeliveryException e -> new ActionFailure(true, message, Optional.empty());
            case PermanentDeliveryException e -> new ActionFailure(false, message, Optional.empty());
            case ConfigFileException e -> new ActionFailure(false, message, Optional.empty());
            case ConfigRepositoryException e -> new ActionFailure(retryableRepositoryError(e.getMessage()), message, Optional.empty());
            // the edits' "does not read back as intended": the same input gives the same refusal
            case IllegalArgumentException e -> new ActionFailure(false, message, Optional.empty());
            case IllegalStateException e -> new ActionFailure(false, message, Optional.empty());
            case IOException e -> new ActionFailure(true, message, Optional.empty());
            case UncheckedIOException e -> new ActionFailure(true, message, Optional.empty());
            default -> new ActionFailure(true, message, Optional.empty());
        };
    }

    /** A 4xx (other than 408 and 429) is the request's fault and answers the same next time; anything else may pass. */
    static boolean retryableRepositoryError(String message) {
        if (message == null) {
            return true;
        }
        Matcher status = HTTP_STATUS.matcher(message);
        if (status.find()) {
            int code = Integer.parseInt(status.group(1));
            return code >= 500 || code == 408 || code == 429 || message.contains("rate limit");
        }
        return true;
    }

    private static String describe(Throwable error) {
        String message = error.getMessage();
        String text = message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
        if (error instanceof ConfigFileException files && !files.problems().isEmpty()) {
            text = String.join("; ", files.problems().stream().map(Object::toString).toList());
        }
        return text.replaceAll("[\\r\\n\\t]+", " ");
    }
}
