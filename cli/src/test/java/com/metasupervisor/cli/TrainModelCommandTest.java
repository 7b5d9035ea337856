package com.metasupervisor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code ./ms train-model} against a stand-in reconciler: what it prints and its exit status for each kind of answer. */
class TrainModelCommandTest {

    private static EmbeddedServer reconciler;

    @BeforeAll
    static void startReconciler() {
        reconciler = ApplicationContext.run(EmbeddedServer.class,
                Map.of(StandInReconciler.ENABLED, "true", "micronaut.server.port", "-1"));
    }

    @AfterAll
    static void stopReconciler() {
        reconciler.close();
    }

    @Test
    void trainedExitsZeroAndPrintsTheModel() {
        CommandRun run = CommandRun.of("train-model", "24", "--url", reconciler.getURL().toString());
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().strip()).isEqualTo(StandInReconciler.TRAINED);
        assertThat(run.err()).isEmpty();
    }

    @Test
    void tooFewRowsExitsThree() {
        CommandRun run = CommandRun.of("train-model", "1", "--url", reconciler.getURL().toString());
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out().strip()).isEqualTo(StandInReconciler.INSUFFICIENT);
    }

    @Test
    void anErrorAnswerIsPrintedAndExitsOne() {
        CommandRun run = CommandRun.of("train-model", "4", "--url", reconciler.getURL().toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out().strip()).isEqualTo(StandInReconciler.UNAVAILABLE);
    }

    @Test
    void anUnknownStatusExitsOne() {
        CommandRun run = CommandRun.of("train-model", "168", "--url", reconciler.getURL().toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out().strip()).isEqualTo(StandInReconciler.UNKNOWN_STATUS);
    }

    @Test
    void anAnswerThatIsNotJsonExitsOneAndSaysSo() {
        CommandRun run = CommandRun.of("train-model", "12", "--url", reconciler.getURL().toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out().strip()).isEqualTo("not json");
        assertThat(run.err()).contains("not the JSON of a model");
    }

    @Test
    void noReconcilerExitsOneNamingTheUrl() throws IOException {
        String url = CommandRun.urlNobodyAnswers();
        CommandRun run = CommandRun.of("train-model", "24", "--url", url);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("no answer from the reconciler at " + url);
    }

    @Test
    void aMissingHorizonIsAUsageError() {
        CommandRun run = CommandRun.of("train-model");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required parameter: '<hours>'").contains("--url");
    }

    @Test
    void theHelpOfEveryCommandNamesItsOptions() {
        CommandRun list = CommandRun.of("--help");
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).contains("train-model").contains("Trains one horizon's sim model");

        CommandRun help = CommandRun.of("train-model", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("<hours>").contains("--url").contains("RECONCILER_URL").contains("Exit status");
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        CommandRun run = CommandRun.of("trian-model", "24");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("trian-model");
    }
}
