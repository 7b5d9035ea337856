package com.metasupervisor.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The demo acting as the operator: {@code POST /models/{h}/train} on the reconciler for each horizon, with the operator
 * token {@code ./ms run} would print (issue 16: the action is refused without it). What each call answered goes into
 * the summary.
 */
final class OperatorTraining {

    /** The reconciler's horizons with a sim model (its {@code reconciler.model-horizons-hours} default, which the demo keeps). */
    static final List<Integer> HORIZONS = List.of(1, 4, 24);
    /** Training reads the horizon's whole window first. */
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private OperatorTraining() {
    }

    /**
     * One training call's outcome.
     *
     * @param horizonHours the horizon
     * @param httpStatus   the reconciler's answer status (0: no answer)
     * @param status       {@code trained} / {@code insufficient_rows}, or the problem's detail / why there was no answer
     * @param version      the model's version when trained, else null
     * @param rows         rows it was trained on (or found, when too few), else null
     */
    record Outcome(int horizonHours, int httpStatus, String status, String version, Long rows) {
        Outcome {
            Objects.requireNonNull(status, "status");
        }

        boolean trained() {
            return httpStatus == 200 && "trained".equals(status);
        }

        /** {@code h24 trained v7 on 1200 rows}, {@code h1 insufficient_rows (12 rows)}, {@code h4 refused 401: ...}. */
        String text() {
            if (httpStatus == 200) {
                return String.format(Locale.ROOT, "h%d %s%s", horizonHours, status,
                        version != null ? " " + version + (rows != null ? " on " + rows + " rows" : "") : rows != null ? " (" + rows + " rows)" : "");
            }
            return "h" + horizonHours + (httpStatus == 0 ? " no answer: " : " HTTP " + httpStatus + ": ") + status;
        }
    }

    /** Trains every horizon of {@link #HORIZONS} on {@code reconciler} with {@code operatorToken}, one after the other. */
    static List<Outcome> trainAll(URI reconciler, String operatorToken) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ObjectMapper json = new ObjectMapper();
        List<Outcome> outcomes = new ArrayList<>();
        for (int horizon : HORIZONS) {
            HttpRequest request = HttpRequest.newBuilder(reconciler.resolve("/models/" + horizon + "/train"))
                    .header("Authorization", "Bearer " + operatorToken)
                    .timeout(TIMEOUT)
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build();
            outcomes.add(outcome(horizon, http, request, json));
        }
        return List.copyOf(outcomes);
    }

    private static Outcome outcome(int horizon, HttpClient http, HttpRequest request, ObjectMapper json) throws InterruptedException {
        HttpResponse<String> answer;
        try {
            answer = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return new Outcome(horizon, 0, e.getClass().getSimpleName(), null, null);
        }
        JsonNode body;
        try {
            body = json.readTree(answer.body());
        } catch (IOException e) {
            body = null;
        }
        if (answer.statusCode() != 200 || body == null) {
            String detail = body == null ? "an answer that is not JSON"
                    : body.hasNonNull("detail") ? body.get("detail").asText() : "a problem without a detail";
            return new Outcome(horizon, answer.statusCode(), detail, null, null);
        }
        return new Outcome(horizon, 200, body.path("status").asText("unknown"),
                body.hasNonNull("version") ? body.get("version").asText() : null,
                body.hasNonNull("n") ? body.get("n").asLong() : null);
    }
}
