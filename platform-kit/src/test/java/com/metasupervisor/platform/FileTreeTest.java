package com.metasupervisor.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreeTest {

    @Test
    void aTreeGoesDeepestFirstItsSiblingStaysAndAMissingOneIsNothingToDo(@TempDir Path dir) throws Exception {
        Path tree = dir.resolve("state");
        Files.createDirectories(tree.resolve("a/b/c"));
        Files.writeString(tree.resolve("a/b/c/data.bin"), "x");
        Files.writeString(tree.resolve("a/top.txt"), "y");
        Path sibling = Files.writeString(dir.resolve("run.log"), "kept");

        FileTree.delete(tree);

        assertThat(tree).doesNotExist();
        assertThat(sibling).hasContent("kept");
        assertThatCode(() -> FileTree.delete(tree)).doesNotThrowAnyException();
        Path file = Files.writeString(dir.resolve("single.txt"), "z");
        FileTree.delete(file);
        assertThat(file).doesNotExist();
    }
}
