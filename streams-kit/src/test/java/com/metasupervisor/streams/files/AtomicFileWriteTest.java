package com.metasupervisor.streams.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileWriteTest {

    @Test
    void aNewFileIsReadableByOthersAndAReplacedOneKeepsItsPermissionsAndNoTempFileIsLeft(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out/weights.json");
        AtomicFileWrite.replace(file, "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readString(file)).isEqualTo("{\"a\":1}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r--r--");

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw----"));
        AtomicFileWrite.replace(file, "{\"a\":2}".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readString(file)).isEqualTo("{\"a\":2}");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as("the person's choice kept").isEqualTo("rw-rw----");
        try (var entries = Files.list(file.getParent())) {
            assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("weights.json");
        }
    }
}
