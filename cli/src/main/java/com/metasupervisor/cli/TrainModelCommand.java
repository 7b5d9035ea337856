package com.metasupervisor.cli;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.exceptions.HttpClientException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./ms train-model <hours> [--url ...] [--token-file ...]}: trains a sim model now on a running reconciler, as
 * an operator (the reconciler accepts the call with an OPERATOR token only).
 */
@Command(name = "train-model",
        description = {"Trains one horizon's sim model now on a running reconciler and prints its answer.",
                "Sends the operator token of --token-file, else env MS_OPERATOR_TOKEN_FILE, else",
                "<MS_DATA_DIR or ./data>/credentials/operator.token (./ms run's).",
                "Exit status: 0 trained, 3 too few rows to train, 1 refused, no token or any other answer, 2 usage."})
final class TrainModelCommand implements Callable<Integer> {

    static final int TRAINED = 0;
    static final int OTHER_ANSWER = 1;
    static final int INSUFFICIENT_ROWS = 3;

    @Parameters(paramLabel = "<hours>", description = "The model's horizon in hours, e.g. 24 (the reconciler checks it).")
    String horizon;

    @Option(names = "--url", paramLabel = "<url>", defaultValue = "${env:RECONCILER_URL:-http://localhost:8081}",
            description = "The reconciler (env RECONCILER_URL; now ${DEFAULT-VALUE}).")
    URI url;

    @Option(names = "--token-file", paramLabel = "<file>",
            description = "A file holding an operator's token (default: env MS_OPERATOR_TOKEN_FILE, else ./ms run's).")
    Path tokenFile;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path file = LocalCredentials.operatorTokenFile(tokenFile, System.getenv());
        String token;
        try {
            token = LocalCredentials.token(file);
        } catch (LocalCredentials.Unavailable e) {
            err.println("train-model: " + e.getMessage());
            return OTHER_ANSWER;
        }
        try (ServiceClients clients = ServiceClients.pointingAt(ReconcilerClient.ID, url)) {
            HttpResponse<String> answer = clients.client(ReconcilerClient.class).train(horizon, "Bearer " + token);
            String body = answer.getBody(String.class).orElse("");
            if (answer.getStatus() == HttpStatus.UNAUTHORIZED || answer.getStatus() == HttpStatus.FORBIDDEN) {
                err.println("train-model: the reconciler refused the token in " + file + " (" + answer.getStatus().getCode()
                        + "): " + refusal(clients, body));
                return OTHER_ANSWER;
            }
            out.println(body);
            if (answer.getStatus() != HttpStatus.OK) {
                return OTHER_ANSWER;
            }
            String status = clients.readJson(body, TrainingAnswer.class).status();
            return switch (status == null ? "" : status) {
                case TrainingAnswer.TRAINED -> TRAINED;
                case TrainingAnswer.INSUFFICIENT_ROWS -> INSUFFICIENT_ROWS;
                default -> OTHER_ANSWER;
            };
        } catch (HttpClientException e) {
            err.println("train-model: no answer from the reconciler at " + url + ": " + e.getMessage());
            return OTHER_ANSWER;
        } catch (IOException e) {
            err.println("train-model: the reconciler's answer is not the JSON of a model: " + e.getMessage());
            return OTHER_ANSWER;
        }
    }

    /** The problem's detail (its title when it has none); the body as it came when it is not a problem. */
    private static String refusal(ServiceClients clients, String body) {
        try {
            ProblemAnswer problem = clients.readJson(body, ProblemAnswer.class);
            String why = problem.detail() != null ? problem.detail() : problem.title();
            return why != null ? why : body;
        } catch (IOException e) {
            return body;
        }
    }
}
