package com.metasupervisor.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;

/**
 * One {@code ./ms run --no-build} as a user starts it, on the modules this build has packaged: its environment
 * (data directory, run directory, ports 0 so the broker and the registry take free ones on the first start of a
 * data directory), its console as it comes, the addresses it prints, and its stop. {@link #close()} leaves nothing
 * running whatever happened: every descendant and every child recorded in {@code <data>/processes.properties}.
 */
final class MsRunProcess implements AutoCloseable {

    /** The repository root: Surefire runs in this module's directory. */
    static final Path HOME = Path.of("").toAbsolutePath().getParent();
    static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    /** The contract's budgets: services 30 s, registry 20 s, broker 60 s, plus the JVMs' own exit. */
    static final Duration STOP_TIMEOUT = Duration.ofMinutes(3);

    private final Process process;
    private final Console console;
    private final Path dataDir;
    private final Path runDir;
    private final long startedNanos;
    private final List<ProcessHandle> children = new CopyOnWriteArrayList<>();

    private MsRunProcess(Process process, Path dataDir, Path runDir, long startedNanos) {
        this.process = process;
        this.console = Console.of(process);
        this.dataDir = dataDir;
        this.runDir = runDir;
        this.startedNanos = startedNanos;
    }

    /** Starts {@code ./ms run --no-build} on {@code dataDir} (MS_DATA_DIR) with its logs in {@code runDir} (MS_RUN_DIR). */
    static MsRunProcess start(Path dataDir, Path runDir) throws IOException {
        return start(dataDir, runDir, Map.of());
    }

    /**
     * As {@link #start(Path, Path)}, with {@code environment} added to what {@code ./ms run} inherits from this JVM (and
     * passes on to every process it starts): how a test hands the services settings and secrets, as a user's shell does.
     */
    static MsRunProcess start(Path dataDir, Path runDir, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(HOME.resolve("ms").toString(), "run", "--no-build")
                .directory(HOME.toFile())
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.putAll(environment);
        env.put("MS_DATA_DIR", dataDir.toString());
        env.put("MS_RUN_DIR", runDir.toString());
        env.put("MS_KAFKA_PORT", "0");
        env.put("MS_KAFKA_CONTROLLER_PORT", "0");
        env.put("MS_REGISTRY_PORT", "0");
        long started = System.nanoTime();
        return new MsRunProcess(builder.start(), dataDir, runDir, started);
    }

    /** Waits for HEALTHY (fails on UNHEALTHY or an early exit, with the ends of the logs); the time from start to it. */
    Duration awaitHealthy() {
        await("HEALTHY or UNHEALTHY on the console").atMost(START_TIMEOUT)
                .until(() -> console.has("HEALTHY") || console.has("UNHEALTHY") || !process.isAlive());
        Duration took = Duration.ofNanos(System.nanoTime() - startedNanos);
        assertThat(console.lines()).as(() -> "the console, with the ends of the run's logs:\n" + logEnds()).contains("HEALTHY");
        children.addAll(process.descendants().toList());
        return took;
    }

    /** Waits for the process to exit by itself (a run that refuses to start); its exit status. */
    int awaitExit(Duration timeout) {
        await("./ms run exits").atMost(timeout).until(() -> !process.isAlive());
        console.awaitEnd();
        return process.exitValue();
    }

    /** SIGTERM to the pid the user started, then waits until it and every process it started are gone; the time it took. */
    Duration stop() {
        List<ProcessHandle> started = List.copyOf(children);
        long sent = System.nanoTime();
        // through its handle: Process.destroy() also closes our end of its output, which has the stop lines still to come
        assertThat(process.toHandle().destroy()).as("SIGTERM sent").isTrue();
        await("the run and every process it started gone").atMost(STOP_TIMEOUT)
                .until(() -> !process.isAlive() && started.stream().noneMatch(ProcessHandle::isAlive));
        Duration took = Duration.ofNanos(System.nanoTime() - sent);
        console.awaitEnd();
        return took;
    }

    int exitValue() {
        return process.exitValue();
    }

    long pid() {
        return process.pid();
    }

    /** The broker and the registry, and each service, as a process of its own (seen when it became healthy). */
    List<ProcessHandle> children() {
        return List.copyOf(children);
    }

    List<String> consoleLines() {
        return console.lines();
    }

    Path dataDir() {
        return dataDir;
    }

    Path runDir() {
        return runDir;
    }

    /** {@code 127.0.0.1:<port>} from the console's {@code   Kafka:    ... at 127.0.0.1:<port>} line. */
    String kafkaBootstrap() {
        String line = consoleLine("  Kafka:    ");
        return line.substring(line.lastIndexOf(" at ") + 4).strip();
    }

    /** The registry's base URL from the console's {@code   Registry: http://... (...)} line. */
    String registryUrl() {
        String rest = consoleLine("  Registry: ").substring("  Registry: ".length()).strip();
        int space = rest.indexOf(' ');
        return space < 0 ? rest : rest.substring(0, space);
    }

    /** Each service's base URL from its console line {@code   <name>  http://...  UP}, in console order. */
    Map<String, String> serviceUrls() {
        Map<String, String> urls = new LinkedHashMap<>();
        for (String line : console.lines()) {
            String[] parts = line.strip().split("\\s+");
            if (line.startsWith("  ") && parts.length == 3 && parts[1].startsWith("http") && parts[2].equals("UP")) {
                urls.put(parts[0], parts[1]);
            }
        }
        return urls;
    }

    private String consoleLine(String prefix) {
        return console.lines().stream().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no console line starting '" + prefix.strip() + "' in " + console.lines()));
    }

    /**
     * The local operator's token as the console names it ({@code operator credential: <file> (curl ...)}): the file
     * must be in the data directory's {@code credentials/} and readable by its owner only.
     */
    String operatorToken() {
        String line = consoleLine("operator credential: ");
        Path file = Path.of(line.substring("operator credential: ".length(), line.indexOf(" (curl ")));
        assertThat(file).as("the operator credential's file").isEqualTo(dataDir.resolve("credentials/operator.token"));
        try {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as("mode of " + file).isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
                    .as("mode of " + file.getParent()).isEqualTo("rwx------");
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new AssertionError("cannot read " + file + ": " + e, e);
        }
    }

    /** {@code <data>/<name>} as properties (e.g. installation.properties, processes.properties); empty when absent. */
    Properties dataFile(String name) {
        Properties properties = new Properties();
        Path file = dataDir.resolve(name);
        if (Files.isRegularFile(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return properties;
    }

    /** The last lines of each log of the run: why it did not start. */
    String logEnds() {
        StringBuilder ends = new StringBuilder();
        try (Stream<Path> logs = Files.list(runDir)) {
            for (Path log : logs.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
                List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
                ends.append("== ").append(log.getFileName()).append('\n');
                lines.subList(Math.max(0, lines.size() - 15), lines.size()).forEach(line -> ends.append(line).append('\n'));
            }
        } catch (IOException | UncheckedIOException e) {
            ends.append("(logs unreadable: ").append(e).append(')');
        }
        return ends.toString();
    }

    /** Leaves nothing running: a failed test must not keep the product's ports and cores. Prints the console (test output). */
    @Override
    public void close() {
        System.out.println("./ms run (pid " + process.pid() + ", data " + dataDir + ", logs " + runDir + ") console:");
        console.lines().forEach(line -> System.out.println("| " + line));
        List<ProcessHandle> left = new ArrayList<>(children);
        left.addAll(process.descendants().toList());
        recordedChildren().ifPresent(left::addAll);
        left.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        left.forEach(p -> p.onExit().orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).exceptionally(e -> p).join());
    }

    /**
     * The java processes named in processes.properties that still run, when they are this run's: children a killed
     * launcher may have left. None while another launcher holds the data directory (the lock file names its pid):
     * a run that was refused the directory must not touch the processes of the one that holds it.
     */
    private Optional<List<ProcessHandle>> recordedChildren() {
        try {
            Path lock = dataDir.resolve(".lock");
            String holder = Files.isRegularFile(lock) ? Files.readString(lock, StandardCharsets.US_ASCII).strip() : "";
            if (!holder.isEmpty() && Long.parseLong(holder) != process.pid()
                    && ProcessHandle.of(Long.parseLong(holder)).map(ProcessHandle::isAlive).orElse(false)) {
                return Optional.empty();
            }
            Properties recorded = dataFile("processes.properties");
            List<ProcessHandle> found = new ArrayList<>();
            for (String key : recorded.stringPropertyNames()) {
                if (!key.endsWith(".pid")) {
                    continue;
                }
                ProcessHandle.of(Long.parseLong(recorded.getProperty(key).strip()))
                        .filter(p -> p.info().command().map(c -> c.contains("java")).orElse(false))
                        .ifPresent(found::add);
            }
            return Optional.of(found);
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // best effort: the descendants were killed already
        }
    }

    /** What the run prints, line by line, as it comes. */
    private record Console(List<String> lines, CountDownLatch ended) {

        static Console of(Process process) {
            Console console = new Console(new CopyOnWriteArrayList<>(), new CountDownLatch(1));
            Thread.ofPlatform().daemon().name("ms-run-console-" + process.pid()).start(() -> {
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
