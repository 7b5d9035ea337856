package com.metasupervisor.product;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scan's sources other than the broker: files by path and line, skipped paths, git objects however stored. */
class SecretScanTest {

    private static final String SECRET = "MSSECRET-github-token-0123456789abcdef";
    private final SecretScan scan = new SecretScan(new RecognisableSecrets().add("GITHUB_TOKEN", SECRET));

    @TempDir
    Path dir;

    @Test
    void reportsAFileHitByItsPathAndLineAndLeavesSkippedFilesAlone() throws IOException {
        Files.createDirectories(dir.resolve("logs"));
        Files.writeString(dir.resolve("logs/reporting-service.log"), "one\ntwo\nGitHub said no to " + SECRET + "\n");
        Files.createDirectories(dir.resolve("credentials"));
        Files.writeString(dir.resolve("credentials/token"), SECRET);

        scan.files("files", dir, file -> file.startsWith(dir.resolve("credentials")));

        assertThat(scan.hits()).singleElement().satisfies(hit -> {
            assertThat(hit.where()).isEqualTo(Path.of("logs", "reporting-service.log") + ":3");
            assertThat(hit.context()).isEqualTo("o.GitHub said no to <GITHUB_TOKEN>.");
        });
        assertThat(scan.scanned()).containsEntry("files", 1L);
    }

    @Test
    void findsASecretInACommittedFileThoughGitStoresItCompressed() throws Exception {
        git("init", "-q", "-b", "main", dir.toString());
        Files.writeString(dir.resolve("weights.json"), "{\"note\": \"" + Base64.getEncoder().encodeToString(("x" + SECRET).getBytes(StandardCharsets.UTF_8)) + "\"}\n");
        git("-C", dir.toString(), "add", "weights.json");
        git("-C", dir.toString(), "-c", "user.name=test", "-c", "user.email=test@example.org", "commit", "-q", "-m", "weights");

        scan.gitObjects(dir);

        assertThat(scan.scanned()).containsEntry("git objects of the config repository", 3L); // blob, tree, commit
        assertThat(scan.hits()).singleElement().satisfies(hit -> {
            assertThat(hit.where()).startsWith("config-repo object ").endsWith(" (blob):1");
            assertThat(hit.form()).isEqualTo("base64+1");
        });
    }

    private static void git(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(git.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(git.exitValue()).as("git %s: %s", List.of(args), output).isZero();
    }
}
