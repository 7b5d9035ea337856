package com.metasupervisor.product;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code ./ms run --no-build} as a user starts it, on a data directory of its own with ports chosen at its first
 * start (0): its console, its ports ({@code installation.properties}) and its children's pids
 * ({@code processes.properties}, rewritten by the launcher when it restarts a child). Every process it ever saw
 * there is remembered (with its start instant, so a reused pid is never killed): {@link #close()} stops the run with
 * SIGTERM and then SIGKILLs whatever is left of them, so a failed soak leaves nothing running.
 */
final class SoakInstallation implements AutoCloseable {

    private static final String PID_SUFFIX = ".pid";
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(3);

    private final SoakSettings settings;
    private final Process launcher;
    private final List<String> console = new CopyOnWriteArrayList<>();
    private final Set<ProcessHandle> seen = ConcurrentHashMap.newKeySet();

    private SoakInstallation(SoakSettings settings, Process launcher) {
        this.settings = settings;
        this.launcher = launcher;
    }

    static SoakInstallation start(SoakSettings settings) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(settings.home().resolve("ms").toString(), "run", "--no-build")
                .directory(settings.home().toFile())
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("MS_DATA_DIR", settings.dataDir().toString());
        env.put("MS_RUN_DIR", settings.runDir().toString());
        env.put("MS_KAFKA_PORT", "0");
        env.put("MS_KAFKA_CONTROLLER_PORT", "0");
        env.put("MS_REGISTRY_PORT", "0");
        SoakInstallation run = new SoakInstallation(settings, builder.start());
        run.readConsole();
        return run;
    }

    private void readConsole() throws IOException {
        Files.createDirectories(settings.runDir());
        Writer copy = Files.newBufferedWriter(settings.runDir().resolve("soak-console.log"), StandardCharsets.UTF_8);
        Thread.ofPlatform().daemon().name("soak-console").start(() -> {
            try (Reader in = new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8);
                    BufferedReader reader = new BufferedReader(in); Writer out = copy) {
                String line;
                while ((line = reader.readLine()) != null) {
                    console.add(line);
                    out.write(line + "\n");
                    out.flush();
                }
            } catch (IOException | UncheckedIOException e) {
                console.add("(console unreadable: " + e + ")");
            }
        });
    }

    /** Waits for HEALTHY on the console; fails with the console when the run said UNHEALTHY or exited. */
    void awaitHealthy() {
        await("HEALTHY or UNHEALTHY on ./ms run's console").atMost(SoakSettings.START_TIMEOUT)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> console.contains("HEALTHY") || console.contains("UNHEALTHY") || !launcher.isAlive());
        if (!console.contains("HEALTHY")) {
            throw new IllegalStateException("./ms run did not become healthy; its console:\n" + String.join("\n", console));
        }
        pids(); // remember the children from the start
    }

    List<String> console() {
        return List.copyOf(console);
    }

    boolean launcherAlive() {
        return launcher.isAlive();
    }

    int kafkaPort() {
        return Integer.parseInt(installation().getProperty("kafka.port"));
    }

    int registryPort() {
        return Integer.parseInt(installation().getProperty("registry.port"));
    }

    String bootstrapServers() {
        return "127.0.0.1:" + kafkaPort();
    }

    String registryUrl() {
        return "http://127.0.0.1:" + registryPort();
    }

    private Properties installation() {
        return properties(settings.dataDir().resolve("installation.properties"))
                .orElseThrow(() -> new IllegalStateException("no installation.properties in " + settings.dataDir()));
    }

    /** Role (broker, registry, a service name) -> pid, as processes.properties says now. */
    Map<String, Long> pids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        properties(settings.dataDir().resolve("processes.properties")).ifPresent(p -> p.stringPropertyNames().stream()
                .filter(key -> key.endsWith(PID_SUFFIX)).sorted()
                .forEach(key -> pids.put(key.substring(0, key.length() - PID_SUFFIX.length()),
                        Long.parseLong(p.getProperty(key).strip()))));
        pids.values().forEach(pid -> ProcessHandle.of(pid).ifPresent(seen::add));
        return pids;
    }

    /**
     * The pids once processes.properties names every one of {@code roles} and two reads 100 ms apart agree (the
     * launcher rewrites it when it restarts a child: a read must not catch it half written).
     */
    Map<String, Long> settledPids(java.util.Collection<String> roles) {
        java.util.concurrent.atomic.AtomicReference<Map<String, Long>> last = new java.util.concurrent.atomic.AtomicReference<>(Map.of());
        await("processes.properties naming " + roles).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .ignoreExceptions().until(() -> {
                    Map<String, Long> now = pids();
                    return now.keySet().containsAll(roles) && now.equals(last.getAndSet(now));
                });
        return last.get();
    }

    /** The live process of a role, as processes.properties says now. */
    Optional<ProcessHandle> process(String role) {
        Long pid = pids().get(role);
        return pid == null ? Optional.empty() : ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    }

    private static Optional<Properties> properties(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
            return Optional.of(p);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty(); // being rewritten: the next read sees it whole
        }
    }

    /**
     * SIGTERM to the launcher and its clean stop (services, registry, broker); then SIGKILL to anything of the
     * run still alive (its descendants, every child it ever recorded). Returns what had to be killed.
     */
    @Override
    public void close() {
        List<String> killed = new ArrayList<>();
        if (launcher.isAlive()) {
            launcher.toHandle().destroy();
            try {
                await("./ms run stopped").atMost(STOP_TIMEOUT).pollInterval(Duration.ofMillis(500))
                        .until(() -> !launcher.isAlive());
            } catch (RuntimeException e) {
                killed.add("./ms run (pid " + launcher.pid() + ") did not stop within " + STOP_TIMEOUT);
            }
        }
        try {
            pids();
        } catch (RuntimeException e) {
            // an unreadable file: the handles seen so far are still known
        }
        launcher.descendants().forEach(seen::add);
        for (ProcessHandle process : seen) {
            if (process.isAlive()) {
                killed.add("pid " + process.pid());
                process.destroyForcibly();
            }
        }
        launcher.destroyForcibly();
        if (!killed.isEmpty()) {
            console.add("(soak: killed what the run left: " + killed + ")");
        }
    }

    /** Exit status of the launcher once it ended. */
    Optional<Integer> exitStatus() {
        return launcher.isAlive() ? Optional.empty() : Optional.of(launcher.exitValue());
    }
}
