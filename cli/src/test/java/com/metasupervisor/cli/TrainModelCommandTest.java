package com.metasupervisor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.metasupervisor.platform.credentials.AccessTokens;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./ms train-model} against a stand-in reconciler: what it prints and its exit status for each kind of answer. */
class TrainModelCommandTest {

    private static EmbeddedServer reconciler;
    @TempDir
    static Path tokens;
    private static String operator;

    @BeforeAll
    static void startReconciler() throws IOException {
        operator = Files.writeString(tokens.resolve("operator.token"), StandInReconciler.OPERATOR_TOKEN + "\n").toString();
        // the stand-in checks the header itself: the product's security (streams-kit, on this classpath) is off, and
        // gets a secret only because a server context refuses to start without one
        reconciler = ApplicationContext.run(EmbeddedServer.class, Map.of(StandInReconciler.ENABLED, "true",
                "micronaut.server.port", "-1", "micronaut.security.enabled", "false",
                "meta-supervisor.security.token-secret", AccessTokens.newSecret()));
    }

    @AfterAll
    static void stopReconciler() {
        reconciler.close();
    }

    @Test
    void trainedExitsZeroAndPrintsTheModel() {
        CommandRun run = CommandRun.of("train-model", "24", "--url", reconciler.getURL().toString(), "--token-file", operator);
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().strip()).isEqualTo(StandInReconciler.TRAINED);
        assertThat(run.err()).isEmpty();
    }

    @Test
    void tooFewRowsExitsThree() {
        CommandRun run = CommandRun.of("train-model", "1", "--url", reconciler.getURL().toString(), "--token-file", operator);
        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.out().strip()).isEqualTo(StandInReconciler.INSUFFICIENT);
    }

    @Test
    void anErrorAnswerIsPrintedAndExitsOne() {
        CommandRun run = CommandRun.of("train-model", "4", "--url", reconciler.getURL().toString(), "--token-file", operator);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out().strip()).isEqualTo(StandInReconciler.UNAVAILABLE);
    }

    @Test
    void anUnknownStatusExitsOne() {
        CommandRun run = CommandRun.of("train-model", "168", "--url", reconciler.getURL().toString(), "--token-file", operator);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out().strip()).isEqualTo(StandInReconciler.UNKNOWN_STATUS);
    }

    @Test
    void anAnswerThatIsNotJsonExitsOneAndSaysSo() {
        CommandRun run = CommandRun.of("train-model", "12", "--url", reconciler.getURL().toString(), "--token-file", operator);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out().strip()).isEqualTo("not json");
        assertThat(run.err()).contains("not the JSON of a model");
    }

    @Test
    void noReconcilerExitsOneNamingTheUrl() throws IOException {
        String url = CommandRun.urlNobodyAnswers();
        CommandRun run = CommandRun.of("train-model", "24", "--url", url, "--token-file", operator);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("no answer from the reconciler at " + url);
    }

    @Test
    void theOperatorTokenIsSentAndARefusalPrintsTheProblemsDetail() throws IOException {
        String agent = Files.writeString(tokens.resolve("agent.token"), StandInReconciler.AGENT_TOKEN).toString();
        CommandRun forbidden = CommandRun.of("train-model", "24", "--url", reconciler.getURL().toString(), "--token-file", agent);
        assertThat(forbidden.exitCode()).isEqualTo(1);
        assertThat(forbidden.out()).isEmpty();
        assertThat(forbidden.err().strip()).isEqualTo("train-model: the reconciler refused the token in " + agent + " (403): "
                + StandInReconciler.WRONG_ROLE);

        String stale = Files.writeString(tokens.resolve("stale.token"), "a.stale.token").toString();
        CommandRun unauthorized = CommandRun.of("train-model", "24", "--url", reconciler.getURL().toString(), "--token-file", stale);
        assertThat(unauthorized.exitCode()).isEqualTo(1);
        assertThat(unauthorized.err()).contains("(401): " + StandInReconciler.NO_CREDENTIAL).doesNotContain("a.stale.token");
    }

    @Test
    void aMissingTokenFileExitsOneNamingItBeforeCallingAnyone() {
        Path missing = tokens.resolve("none.token");
        CommandRun run = CommandRun.of("train-model", "24", "--url", reconciler.getURL().toString(), "--token-file", missing.toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).contains("cannot read the operator token " + missing).contains("./ms token operator");
    }

    @Test
    void withoutAnOptionTheTokenComesFromTheEnvironmentOrTheDataDirectory() {
        Path dataDir = Path.of("/srv/ms-data");
        assertThat(LocalCredentials.operatorTokenFile(null, Map.of("MS_OPERATOR_TOKEN_FILE", "/etc/ms/op.token",
                "MS_DATA_DIR", dataDir.toString()))).isEqualTo(Path.of("/etc/ms/op.token"));
        assertThat(LocalCredentials.operatorTokenFile(null, Map.of("MS_DATA_DIR", dataDir.toString())))
                .isEqualTo(dataDir.resolve("credentials/operator.token"));
        assertThat(LocalCredentials.operatorTokenFile(null, Map.of()))
                .isEqualTo(Path.of("data/credentials/operator.token").toAbsolutePath());
        assertThat(LocalCredentials.operatorTokenFile(Path.of("/x/t"), Map.of("MS_OPERATOR_TOKEN_FILE", "/etc/ms/op.token")))
                .as("the option first").isEqualTo(Path.of("/x/t"));
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
        assertThat(help.out()).contains("<hours>").contains("--url").contains("RECONCILER_URL").contains("--token-file")
                .contains("MS_OPERATOR_TOKEN_FILE").contains("Exit status");
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        CommandRun run = CommandRun.of("trian-model", "24");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("trian-model");
    }
}
