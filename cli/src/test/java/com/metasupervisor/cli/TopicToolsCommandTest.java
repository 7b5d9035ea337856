package com.metasupervisor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * publish, import, tail and import-legacy refusing bad input before they reach for Kafka (no broker here: the address
 * given answers nothing, so a command that tried to send would fail differently).
 */
class TopicToolsCommandTest {

    private static final String NOWHERE = "127.0.0.1:1";

    @Test
    void publishNamesEveryBadLineAndPublishesNothing(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("events.jsonl");
        Files.writeString(file, """
                {"event_id":"e1","agent":"a","symbol":"BTC","direction":1,"score_final":0.5,"confidence":0.5,"regime":"TREND","emitted_at":"2026-11-30T09:00:00Z"}

                {"event_id":"e2","agent":"a","symbol":"BTC","direction":1,"score_final":0.5,"confidence":"x","regime":"TREND","emitted_at":"2026-11-30T09:00:00Z"}
                not json
                {"event_id":"e4","agent":"a","symbol":"BTC","direction":1,"score_final":0.5,"confidence":0.5,"regime":"TREND"}
                """);
        CommandRun run = CommandRun.of("publish", "--file", file.toString(), "--bootstrap-servers", NOWHERE, "--registry-url", "http://127.0.0.1:1");
        assertThat(run.exitCode()).isEqualTo(PublishCommand.FAILED);
        assertThat(run.err()).contains("3 bad lines, nothing was written")
                .contains(file + " line 3: confidence: expected a number, found the string \"x\"")
                .contains(file + " line 4: not JSON")
                .contains(file + " line 5: emitted_at: missing required field")
                .doesNotContain("line 1:");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void publishRefusesATopicOrKeyFieldThatIsNotThere(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("e.jsonl"), "");
        CommandRun run = CommandRun.of("publish", "--file", file.toString(), "--topic", "alpha.event");
        assertThat(run.exitCode()).isEqualTo(PublishCommand.USAGE);
        assertThat(run.err()).contains("not a catalog topic: 'alpha.event'").contains("alpha.events");
        assertThat(CommandRun.of("publish", "--file", file.toString(), "--key-field", "owner").err())
                .contains("--key-field: AlphaEvent has no field 'owner'");
    }

    @Test
    void importNamesTheLineAndMemberOfABadRecord(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("alerts.jsonl");
        Files.writeString(file, """
                {"key":"a","timestamp":"2026-11-30T09:00:00Z","value":null}
                {"key":"a","timestamp":"2026-11-30T09:00:00Z","value":{"alert_id":"x"}}
                {"key":"a","time":"2026-11-30T09:00:00Z","value":null}
                """);
        CommandRun run = CommandRun.of("import", "alerts", "--input", file.toString(), "--bootstrap-servers", NOWHERE);
        assertThat(run.exitCode()).isEqualTo(ImportCommand.FAILED);
        assertThat(run.err()).contains(file + " line 2: value.subject: missing required field")
                .contains(file + " line 3: time: unknown member");
    }

    @Test
    void tailRefusesAWhereThatIsNotFieldEqualsValue() {
        CommandRun run = CommandRun.of("tail", "alerts", "--where", "severity");
        assertThat(run.exitCode()).isEqualTo(TailCommand.USAGE);
        assertThat(run.err()).contains("--where takes field=value, was 'severity'");
        assertThat(CommandRun.of("tail", "nope.dlq").err()).contains("not a catalog topic: 'nope'");
        assertThat(CommandRun.of("tail", "alerts", "--max", "0").err()).contains("--max must be >= 1");
    }

    @Test
    void importLegacyReportsEveryProblemOfEveryFileAndImportsNothing(@TempDir Path dir) throws Exception {
        Path manifest = Files.writeString(dir.resolve("manifest.yaml"), """
                agents:
                  - agent: a
                    strategy_class: arb
                    status: LIVEE
                    owner: desk
                """);
        Path killList = Files.writeString(dir.resolve("kill_list.yaml"), """
                arb:
                  min_hit_rate: 1.5
                """);
        Path rows = Files.writeString(dir.resolve("reconciled.jsonl"), """
                {"agent":"a","horizon_hours":24,"emitted_at":"2025-03-01T12:00:00Z","realized_pnl_bps":1}
                {"agent":"a","horizon_hours":24,"emitted_at":"2025-03-01T12:00:00Z"}
                """);
        Path repo = dir.resolve("config-repo");
        CommandRun run = CommandRun.of("import-legacy", "--reconciled", rows.toString(), "--manifest", manifest.toString(),
                "--kill-list", killList.toString(), "--config-repo", repo.toString(), "--bootstrap-servers", NOWHERE);
        assertThat(run.exitCode()).isEqualTo(ImportLegacyCommand.FAILED);
        assertThat(run.err()).contains("3 problems, nothing was imported")
                .contains(manifest + " line 4: agents[0].status: unknown status 'LIVEE'")
                .contains(killList + " line 2: arb.min_hit_rate")
                .contains(rows + " line 2: realized_pnl_bps: missing required field");
        assertThat(repo).doesNotExist();
    }

    @Test
    void importLegacyNeedsARepositoryForTheFilesAndSomethingToImport(@TempDir Path dir) throws Exception {
        Path manifest = Files.writeString(dir.resolve("manifest.yaml"), "agents: []\n");
        assertThat(CommandRun.of("import-legacy", "--manifest", manifest.toString()).err()).contains("give --config-repo");
        CommandRun nothing = CommandRun.of("import-legacy");
        assertThat(nothing.exitCode()).isEqualTo(ImportLegacyCommand.USAGE);
        assertThat(nothing.err()).contains("nothing to import");
    }
}
