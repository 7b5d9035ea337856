package com.metasupervisor.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./ms run} as a user starts it, on the modules this build has packaged ({@code --no-build}): its
 * console opens with the product's own lines only, and SIGTERM to the process the user started stops
 * every process it started and deletes the run's data, leaving the logs.
 */
class MsRunIT {

    /** The repository root: Surefire runs in this module's directory. */
    private static final Path HOME = Path.of("").toAbsolutePath().getParent();
    private static final int CONSOLE_HEAD = 20;
    /** What a JVM or a library prints when it gets to the console (JDK and logging warnings, SLF4J, Kafka's formatter). */
    private static final List<String> NOISE = List.of("WARNING", "WARN", "SLF4J", "log4j", "Bootstrap metadata",
            "Formatting metadata", "Exception");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(2);

    @Test
    void sigtermStopsEveryChildAndTheConsoleShowsOnlyTheProductsLines(@TempDir Path runDir) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(HOME.resolve("ms").toString(), "run", "--no-build")
                .directory(HOME.toFile())
                .redirectErrorStream(true);
        builder.environment().put("MS_RUN_DIR", runDir.toString());
        Process run = builder.start();
        Console console = Console.of(run);
        List<ProcessHandle> children = List.of();
        try {
            await("HEALTHY or UNHEALTHY on the console").atMost(START_TIMEOUT)
                    .until(() -> console.has("HEALTHY") || console.has("UNHEALTHY") || !run.isAlive());
            assertThat(console.lines()).as(() -> "the console, with the ends of the run's logs:\n" + logEnds(runDir))
                    .contains("HEALTHY");
            children = run.descendants().toList();
            long services = console.lines().stream().filter(line -> line.endsWith("  UP")).count();
            assertThat(services).as("services up").isGreaterThanOrEqualTo(2);
            assertThat(children).as("the registry and every service, each a process of its own").hasSizeGreaterThanOrEqualTo((int) services + 1);

            assertThat(console.lines().subList(0, Math.min(CONSOLE_HEAD, console.lines().size())))
                    .as("the first %d lines of the console", CONSOLE_HEAD)
                    .noneMatch(line -> NOISE.stream().anyMatch(line::contains));

            // SIGTERM to the PID the user started (no Maven JVM in between any more); through its handle,
            // because Process.destroy() also closes our end of its output, which has the stop lines still to come
            assertThat(run.toHandle().destroy()).as("SIGTERM sent").isTrue();
            List<ProcessHandle> started = children;
            await("the run and every process it started gone").atMost(STOP_TIMEOUT)
                    .until(() -> !run.isAlive() && started.stream().noneMatch(ProcessHandle::isAlive));
            console.awaitEnd();
            assertThat(run.exitValue()).as("exit status after SIGTERM").isEqualTo(128 + 15);
            assertThat(console.lines()).as("the console").contains("Meta-Supervisor: stopping ...")
                    .anyMatch(line -> line.startsWith("Meta-Supervisor: stopped, its data deleted; logs in " + runDir.toAbsolutePath().normalize()));
            try (Stream<Path> left = Files.list(runDir)) {
                assertThat(left.map(p -> p.getFileName().toString()).toList())
                        .as("what the run left: its logs (and its lock), no data")
                        .contains("platform.log", "apicurio-registry.log", "reconciler-service.log", "risk-service.log")
                        .allMatch(name -> name.endsWith(".log") || name.equals(".lock"));
            }
        } finally {
            // a failed test must not leave the product running
            children.forEach(ProcessHandle::destroyForcibly);
            run.descendants().forEach(ProcessHandle::destroyForcibly);
            run.destroyForcibly();
        }
    }

    /** The last lines of each log of the run: why it did not start. */
    private static String logEnds(Path runDir) {
        StringBuilder ends = new StringBuilder();
        try (Stream<Path> logs = Files.list(runDir)) {
            for (Path log : logs.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                ends.append("== ").append(log.getFileName()).append('\n');
                lines.subList(Math.max(0, lines.size() - 15), lines.size()).forEach(line -> ends.append(line).append('\n'));
            }
        } catch (IOException e) {
            ends.append("(logs unreadable: ").append(e).append(')');
        }
        return ends.toString();
    }

    /** What the run prints, line by line, as it comes. */
    private record Console(List<String> lines, CountDownLatch ended) {

        static Console of(Process process) {
            Console console = new Console(new CopyOnWriteArrayList<>(), new CountDownLatch(1));
            Thread.ofPlatform().daemon().name("ms-run-console").start(() -> {
                try (BufferedReader reader = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    reader.lines().forEach(console.lines::add);
                } catch (IOException | UncheckedIOException e) {
                    console.lines.add("(console unreadable: " + e + ")");
                } finally {
                    console.ended.countDown();
                }
            });
            return console;
        }

        boolean has(String line) {
            return lines.contains(line);
        }

        void awaitEnd() {
            await("the end of the console").atMost(Duration.ofSeconds(30)).until(() -> ended.getCount() == 0);
        }
    }
}
