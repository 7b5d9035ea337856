package com.metasupervisor.reconciler.api;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * CLI: trains a sim model now on a running reconciler.
 * {@code ./ms train-model <horizon> [--url http://localhost:8081]}; exits 0 when the model was
 * trained, 3 when there were too few rows, 1 on any other answer.
 */
public final class TrainModelCommand {

    private TrainModelCommand() {
    }

    public static void main(String[] args) throws Exception {
        String horizon = null;
        String url = System.getenv().getOrDefault("RECONCILER_URL", "http://localhost:8081");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--url") && i + 1 < args.length) {
                url = args[++i];
            } else if (!args[i].isBlank()) {
                horizon = args[i];
            }
        }
        if (horizon == null) {
            System.err.println("usage: train-model <horizon hours, e.g. 24> [--url http://localhost:8081]");
            System.exit(2);
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url + "/models/" + horizon + "/train"))
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofString());
        System.out.println(response.body());
        if (response.statusCode() != 200) {
            System.exit(1);
        }
        System.exit(response.body().contains("\"insufficient_rows\"") ? 3 : 0);
    }
}
