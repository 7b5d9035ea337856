package com.metasupervisor.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoDirectoryTest {

    @TempDir
    Path parent;

    @Test
    void aPreviousDemosResultsAreDeletedAndTheLayoutMade() throws IOException {
        Path root = parent.resolve("demo");
        DemoDirectory first = DemoDirectory.fresh(root);
        Files.writeString(first.truth(), "{}");
        Files.createDirectories(first.configRepo().resolve("agents"));
        Files.writeString(first.mail().resolve("001-x.eml"), "x");

        DemoDirectory again = DemoDirectory.fresh(root);

        assertThat(again.truth()).doesNotExist();
        assertThat(again.configRepo()).doesNotExist();
        assertThat(names(again.mail())).isEmpty();
        assertThat(names(root)).containsExactlyInAnyOrder(".ms-demo", "mail", "webhooks", "reports", "logs", "services", "tmp");
    }

    @Test
    void aDirectoryHoldingSomethingElseIsRefusedAndLeftAlone() throws IOException {
        Path root = parent.resolve("thesis");
        Files.createDirectories(root);
        Files.writeString(root.resolve("chapter-1.tex"), "precious");

        assertThatThrownBy(() -> DemoDirectory.fresh(root))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("is not empty and not a demo's directory").hasMessageContaining("MS_DEMO_DIR");
        assertThat(Files.readString(root.resolve("chapter-1.tex"))).isEqualTo("precious");
    }

    @Test
    void theTemporaryDirectoryTheLauncherMadeIsNoObstacle() throws IOException {
        Path root = parent.resolve("new");
        Files.createDirectories(root.resolve("tmp"));

        DemoDirectory dir = DemoDirectory.fresh(root);

        assertThat(dir.tmp()).isDirectory();
        assertThat(root.resolve(".ms-demo")).exists();
    }

    private static java.util.List<String> names(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).toList();
        }
    }
}
