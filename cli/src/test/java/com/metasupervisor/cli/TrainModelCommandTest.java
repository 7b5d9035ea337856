package com.metasupervisor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

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
        Run run = Run.of("train-model", "24", "--url", reconciler.getURL().toString());
        assertThat(run.exitCode).isZero();
        assertThat(run.out.strip()).isEqualTo(StandInReconciler.TRAINED);
        assertThat(run.err).isEmpty();
    }

    @Test
    void tooFewRowsExitsThree() {
        Run run = Run.of("train-model", "1", "--url", reconciler.getURL().toString());
        assertThat(run.exitCode).isEqualTo(3);
        assertThat(run.out.strip()).isEqualTo(StandInReconciler.INSUFFICIENT);
    }

    @Test
    void anErrorAnswerIsPrintedAndExitsOne() {
        Run run = Run.of("train-model", "4", "--url", reconciler.getURL().toString());
        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.out.strip()).isEqualTo(StandInReconciler.UNAVAILABLE);
    }

    @Test
    void anUnknownStatusExitsOne() {
        Run run = Run.of("train-model", "168", "--url", reconciler.getURL().toString());
        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.out.strip()).isEqualTo(StandInReconciler.UNKNOWN_STATUS);
    }

    @Test
    void anAnswerThatIsNotJsonExitsOneAndSaysSo() {
        Run run = Run.of("train-model", "12", "--url", reconciler.getURL().toString());
        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.out.strip()).isEqualTo("not json");
        assertThat(run.err).contains("not the JSON of a model");
    }

    @Test
    void noReconcilerExitsOneNamingTheUrl() throws IOException {
        String url;
        try (ServerSocket free = new ServerSocket(0)) {
            url = "http://127.0.0.1:" + free.getLocalPort(); // closed again: nothing listens there
        }
        Run run = Run.of("train-model", "24", "--url", url);
        assertThat(run.exitCode).isEqualTo(1);
        assertThat(run.err).contains("no answer from the reconciler at " + url);
    }

    @Test
    void aMissingHorizonIsAUsageError() {
        Run run = Run.of("train-model");
        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("Missing required parameter: '<hours>'").contains("--url");
    }

    @Test
    void theHelpOfEveryCommandNamesItsOptions() {
        Run list = Run.of("--help");
        assertThat(list.exitCode).isZero();
        assertThat(list.out).contains("train-model").contains("Trains one horizon's sim model");

        Run help = Run.of("train-model", "--help");
        assertThat(help.exitCode).isZero();
        assertThat(help.out).contains("<hours>").contains("--url").contains("RECONCILER_URL").contains("Exit status");
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        Run run = Run.of("trian-model", "24");
        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err).contains("trian-model");
    }

    /** One command run as {@code ./ms} makes it, with what it printed. */
    private record Run(int exitCode, String out, String err) {

        static Run of(String... args) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            CommandLine cli = MsCli.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            int exitCode = cli.execute(args);
            return new Run(exitCode, out.toString(), err.toString());
        }
    }
}
