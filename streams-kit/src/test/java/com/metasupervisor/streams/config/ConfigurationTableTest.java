package com.metasupervisor.streams.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigurationTableTest {

    private static final String HEADER = """
            # sample

            ## Configuration
            | key | env | default | meaning |
            |---|---|---|---|
            """;
    private static final String ROWS = """
            | `sample.max-rows` | `SAMPLE_MAX_ROWS` | `2000` | newest rows |
            | `sample.max-age` | `SAMPLE_MAX_AGE` | `P30D` | |
            | `sample.tail` | `SAMPLE_TAIL` | `0.05` | in (0, 1) \\| a pipe in the text |
            | `sample.horizons` | `SAMPLE_HORIZONS` | `1,4,24` | |
            | `sample.enabled` | `SAMPLE_ENABLED` | `true` | |
            | `sample.window.short-window` | `SAMPLE_WINDOW_SHORT_WINDOW` | `P7D` | |
            | `sample.window.long-window` | `SAMPLE_WINDOW_LONG_WINDOW` | `P30D` | |
            | `sample.port` | `SAMPLE_PORT` | `8089` | from application.yml |
            | `sample.peer` | `SAMPLE_PEER` | (empty: alone) | from application.yml |
            """;
    private static final String YML = """
            micronaut:
              application:
                name: sample
            sample:
              port: ${SAMPLE_PORT:8089}
              peer: ${SAMPLE_PEER:}
            """;

    @TempDir
    Path dir;

    @Test
    void aTableWithEveryKeyItsEnvAndDefaultHasNoDifference() throws IOException {
        assertThat(check(HEADER + ROWS, YML)).isEmpty();
    }

    @Test
    void theKeysComeFromMicronautsMetadataAndTheApplicationYml() throws IOException {
        assertThat(ConfigurationKey.declaredBeside(SampleSettings.class)).contains(
                new ConfigurationKey("sample.window.short-window", "SAMPLE_WINDOW_SHORT_WINDOW", "P7D"),
                new ConfigurationKey("sample.horizons", "SAMPLE_HORIZONS", "1,4,24"));
        assertThat(ConfigurationKey.mappedIn(write("application.yml", YML))).containsExactlyInAnyOrder(
                new ConfigurationKey("sample.port", "SAMPLE_PORT", "8089"), new ConfigurationKey("sample.peer", "SAMPLE_PEER", ""));
    }

    @Test
    void aMissingKeyIsNamed() throws IOException {
        assertThat(check(HEADER + ROWS.replace("| `sample.tail` | `SAMPLE_TAIL` | `0.05` | in (0, 1) \\| a pipe in the text |\n", ""), YML))
                .containsExactly("README.md lacks sample.tail (env SAMPLE_TAIL, default '0.05')");
        assertThat(check(HEADER + ROWS.replace("| `sample.port` | `SAMPLE_PORT` | `8089` | from application.yml |\n", ""), YML))
                .containsExactly("README.md lacks sample.port (env SAMPLE_PORT, default '8089')");
    }

    @Test
    void aKeyThatDoesNotExistIsNamed() throws IOException {
        assertThat(check(HEADER + ROWS + "| `sample.gone` | `SAMPLE_GONE` | `1` | |\n", YML))
                .containsExactly("README.md lists sample.gone, which is no key of this module's configuration");
    }

    @Test
    void aWrongDefaultOrEnvIsNamed() throws IOException {
        assertThat(check(HEADER + ROWS.replace("`P30D` | |\n| `sample.tail`", "`P60D` | |\n| `sample.tail`"), YML))
                .containsExactly("README.md gives sample.max-age the default 'P60D', the configuration 'P30D'");
        assertThat(check(HEADER + ROWS.replace("`SAMPLE_PEER` | (empty: alone)", "`SAMPLE_PEER` | `none`"), YML))
                .containsExactly("README.md gives sample.peer the default 'none', the configuration ''");
        assertThat(check(HEADER + ROWS.replace("`SAMPLE_PORT`", "`PORT`"), YML))
                .containsExactly("README.md gives sample.port the env PORT, the configuration SAMPLE_PORT");
    }

    @Test
    void aKeyListedTwiceIsNamed() throws IOException {
        assertThat(check(HEADER + ROWS + "| `sample.enabled` | `SAMPLE_ENABLED` | `true` | again |\n", YML))
                .containsExactly("README.md lists sample.enabled twice");
    }

    @Test
    void anApplicationYmlThatRestatesADefaultIsNamed() throws IOException {
        assertThat(check(HEADER + ROWS, YML + "  tail: 0.05\n  max-rows: ${SAMPLE_ROWS:2000}\n")).containsExactly(
                "application.yml sets sample.max-rows, whose default belongs to its settings record only (Micronaut maps SAMPLE_MAX_ROWS by itself)");
    }

    @Test
    void aReadmeWithoutTableIsNamed() throws IOException {
        assertThat(check("# sample\n\nno table here\n", YML)).containsExactly("README.md has no configuration table (a header | key | env | default |)");
    }

    @Test
    void theKitsOwnReadmeListsItsKeys() {
        List<ConfigurationKey> keys = ConfigurationKey.declaredBeside(RegistryConfiguration.class);

        // the kit's defaults map the token secret's keys to the env variables of the contract, not META_SUPERVISOR_...

        assertThat(keys).extracting(ConfigurationKey::env).contains("MS_TOKEN_SECRET_FILE", "MS_TOKEN_SECRET");
        assertThat(ConfigurationTable.differences(Path.of("README.md"), keys)).isEmpty();
    }

    private List<String> check(String readme, String yml) throws IOException {
        return ConfigurationTable.check(write("README.md", readme), write("application.yml", yml), sampleKeys());
    }

    /** The keys of SampleSettings (the tests' metadata holds those of every test record). */
    private static List<ConfigurationKey> sampleKeys() {
        return ConfigurationKey.declaredBeside(SampleSettings.class).stream().filter(k -> k.name().startsWith("sample.")).toList();
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
