package com.metasupervisor.configrepo.files;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The module README's file examples are what the parsers accept, so the documentation cannot drift. */
class ReadmeExamplesTest {

    private static List<String> yamlBlocks() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        Matcher block = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(readme);
        List<String> blocks = new ArrayList<>();
        while (block.find()) {
            blocks.add(block.group(1));
        }
        return blocks;
    }

    @Test
    void theManifestExampleParses() throws IOException {
        String example = yamlBlocks().stream().filter(b -> b.contains("agents:")).findFirst().orElseThrow();
        ManifestFile manifest = ManifestFile.parse(example);
        assertThat(manifest.agents()).extracting(ManifestEntry::agent)
                .containsExactly("arb_binance_1", "macro_rates_2", "sentiment: reddit");
    }

    @Test
    void theKillListExampleIsTheSpecDefaults() throws IOException {
        String example = yamlBlocks().stream().filter(b -> b.contains("by_regime:")).findFirst().orElseThrow();
        assertThat(KillList.parse(example)).isEqualTo(KillList.specDefaults());
        assertThat(example).isEqualTo(KillListTest.SPEC_DEFAULTS);
    }

    @Test
    void theInvalidYamlLineShownIsWhatTheParserSays() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        ConfigFileProblem problem = catchThrowableOfType(ConfigFileException.class,
                () -> KillList.parse("arb:\n  status: ACTIVE\n    reason: x\n")).problems().getFirst();
        assertThat(readme).contains(problem.toString());
    }
}
