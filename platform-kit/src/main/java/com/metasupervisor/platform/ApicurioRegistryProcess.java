package com.metasupervisor.platform;

import com.metasupervisor.schemas.RegistrySettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Apicurio Registry as a child process: the Quarkus app Maven resolved, global compatibility rule BACKWARD.
 * Its output goes to a log file, never to this JVM's console.
 * <ul>
 *   <li>{@link #start}: on a free loopback port, in-memory storage (for tests). It shares this JVM's
 *   {@code java.io.tmpdir} and stops with this JVM, gracefully (SIGTERM), so that it deletes its temporary files.</li>
 *   <li>{@link #startDurable}: storage in Kafka (KafkaSQL: every write is a record of the journal topic
 *   {@code kafkasql-journal}, replayed on every start, so schema ids never change), on a fixed port, launched through
 *   {@code setsid} when present so a terminal's Ctrl-C reaches only its owner, which stops it in order: no JVM
 *   shutdown hook of its own.</li>
 * </ul>
 */
public final class ApicurioRegistryProcess implements AutoCloseable {

    /** close(): SIGTERM, then SIGKILL if it has not stopped by then. */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private static final Pattern LISTENING = Pattern.compile("Listening on: https?://[^:/]+:(\\d+)");
    private static final Pattern MANAGEMENT = Pattern.compile("Management interface listening on:? https?://[^:/]+:(\\d+)");
    private static final String LOG_NAME = "apicurio-registry.log";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);

    private final Process process;
    private final int port;
    private final Path logFile;
    private final Thread shutdownHook;
    private final int managementPort;

    private ApicurioRegistryProcess(Process process, int port, int managementPort, Path logFile, Thread shutdownHook) {
        this.process = process;
        this.port = port;
        this.managementPort = managementPort;
        this.logFile = logFile;
        this.shutdownHook = shutdownHook;
    }

    /** Starts it with its log {@code apicurio-registry.log} in {@code logDir}: in memory, on a free port. */
    public static ApicurioRegistryProcess start(Path logDir) {
        return launch(logDir, List.of(
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-Dquarkus.http.port=0"), false);
    }

    /**
     * Starts it with its storage in Kafka and returns once it answers and its journal is replayed.
     *
     * @param logDir           where its log {@code apicurio-registry.log} is appended to
     * @param dataDir          its work files (snapshots, imports, temporary files); no data of record
     * @param bootstrapServers the broker holding its journal topic (created on first start)
     * @param port             its HTTP port, above 0
     * @throws PlatformException naming the port when it is in use, or with the end of its log when it does not start
     */
    public static ApicurioRegistryProcess startDurable(Path logDir, Path dataDir, String bootstrapServers, int port) {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("registry port must be 1-65535, was " + port);
        }
        checkFree(port);
        Path data = dataDir.toAbsolutePath();
        Path snapshots = data.resolve("snapshots");
        Path imports = data.resolve("import");
        Path tmp = data.resolve("tmp");
        try {
            Files.createDirectories(snapshots);
            Files.createDirectories(imports);
            Files.createDirectories(tmp);
        } catch (IOException e) {
            throw new PlatformException("cannot create the registry's directories in " + data + ": " + e.getMessage(), e);
        }
        return launch(logDir, List.of(
                "-Djava.io.tmpdir=" + tmp,
                "-Dquarkus.http.port=" + port,
                "-Dapicurio.storage.kind=kafkasql",
                "-Dapicurio.kafkasql.bootstrap.servers=" + bootstrapServers,
                "-Dapicurio.storage.snapshot.location=" + snapshots,
                "-Dapicurio.import.work-dir=" + imports,
                // it waits one full poll timeout (default 5 s) at least four times while starting (journal check,
                // snapshots topic); its loops end on end offsets, not on an empty poll, so a shorter one loses nothing
                "-Dapicurio.kafkasql.consumer.poll.timeout=" + POLL_TIMEOUT.toMillis()), true);
    }

    private static ApicurioRegistryProcess launch(Path logDir, List<String> modeArgs, boolean durable) {
        Path home = RegistryDistribution.unpacked();
        Path logFile = logDir.resolve(LOG_NAME);
        List<String> command = new ArrayList<>();
        if (durable) {
            command.addAll(OwnSession.prefix()); // the terminal's SIGINT reaches only the owner, which stops it in order
        }
        command.addAll(List.of(javaExecutable(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto"));
        command.addAll(modeArgs);
        command.addAll(List.of(
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.management.host=127.0.0.1",
                "-Dquarkus.management.port=0",
                "-Dquarkus.log.console.color=false",
                "-Dapicurio.rules.global.compatibility=BACKWARD",
                "-jar", home.resolve("quarkus-run.jar").toString()));
        Process process;
        try {
            Files.createDirectories(logDir);
            process = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new PlatformException("could not launch Apicurio Registry from " + home + ": " + e.getMessage(), e);
        }
        Thread hook = null;
        if (!durable) {
            // a registry outliving the JVM that started it (Ctrl-C, a failed test) would run on forever
            hook = new Thread(() -> stop(process, null), "apicurio-registry-stop");
            try {
                Runtime.getRuntime().addShutdownHook(hook);
            } catch (IllegalStateException jvmStopping) {
                process.destroyForcibly();
                throw new PlatformException("not starting Apicurio Registry: the JVM is stopping", jvmStopping);
            }
        }
        CompletableFuture<int[]> portsFound = new CompletableFuture<>();
        Deque<String> tail = new ArrayDeque<>();
        Thread pump = Thread.ofPlatform().daemon().name("apicurio-registry-log").start(
                () -> pumpLog(process, logFile, durable, tail, portsFound));
        try {
            int[] ports = portsFound.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            ApicurioRegistryProcess registry = new ApicurioRegistryProcess(process, ports[0], ports[1], logFile, hook);
            registry.awaitApi(durable);
            return registry;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop(process, hook);
            throw new PlatformException("interrupted while starting Apicurio Registry", e);
        } catch (ExecutionException | TimeoutException | PlatformException e) {
            stop(process, hook);
            pump.interrupt();
            String lastLines;
            synchronized (tail) {
                lastLines = String.join("\n", tail);
            }
            throw new PlatformException("Apicurio Registry did not start (" + e.getMessage() + "); log "
                    + logFile + " ends with:\n" + lastLines, e);
        }
    }

    /** Quarkus would say only "port in use" deep in its log: say which, before launching. */
    private static void checkFree(int port) {
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new PlatformException("the registry's port " + port + " on 127.0.0.1 is in use (" + e.getMessage()
                    + "): stop what uses it or choose another port");
        }
    }

    /** Where clients reach it. */
    public RegistrySettings settings() {
        return RegistrySettings.of("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    public ProcessHandle processHandle() {
        return process.toHandle();
    }

    public Path logFile() {
        return logFile;
    }

    /** SIGTERM, then SIGKILL once {@link #STOP_TIMEOUT} has passed. */
    @Override
    public void close() {
        stop(process, shutdownHook);
    }

    /** SIGKILL (as a crash would end it); returns once it is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("interrupted while killing Apicurio Registry", e);
        }
        removeHook(shutdownHook);
    }

    /**
     * Until the API answers; durable, also until its storage has replayed the journal (Quarkus readiness, which is
     * the KafkaSQL storage's {@code bootstrapped} flag) and serves a read.
     */
    private void awaitApi(boolean durable) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        List<URI> probes = new ArrayList<>(List.of(URI.create(settings().coreApi() + "/system/info")));
        if (durable) {
            if (managementPort <= 0) {
                throw new PlatformException("its log named no management port: its readiness cannot be read");
            }
            // Quarkus readiness = the KafkaSQL storage's "bootstrapped" flag (journal replayed); the API answers before
            probes.add(URI.create("http://127.0.0.1:" + managementPort + "/health/ready"));
            probes.add(URI.create(settings().confluentCompatApi() + "/subjects"));
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String last = "no answer";
        int next = 0;
        while (System.nanoTime() < deadline && process.isAlive()) {
            URI probe = probes.get(next);
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(probe).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    next++;
                    if (next == probes.size()) {
                        return;
                    }
                    continue;
                }
                last = probe + ": HTTP " + response.statusCode();
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PlatformException("interrupted while waiting for Apicurio Registry", e);
            }
            try {
                Thread.sleep(POLL_INTERVAL); // poll interval while the HTTP layer comes up
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PlatformException("interrupted while waiting for Apicurio Registry", e);
            }
        }
        throw new PlatformException("registry not ready: " + last
                + (process.isAlive() ? "" : " (it exited with code " + process.exitValue() + ")"));
    }

    private static void pumpLog(Process process, Path logFile, boolean append, Deque<String> tail,
                                CompletableFuture<int[]> portsFound) {
        StandardOpenOption[] mode = append
                ? new StandardOpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE}
                : new StandardOpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE};
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8, mode)) {
            String line;
            while ((line = reader.readLine()) != null) {
                log.write(line);
                log.write('\n');
                log.flush();
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > 40) {
                        tail.removeFirst();
                    }
                }
                if (!portsFound.isDone()) {
                    Matcher http = LISTENING.matcher(line);
                    if (http.find()) {
                        Matcher management = MANAGEMENT.matcher(line);
                        portsFound.complete(new int[] {Integer.parseInt(http.group(1)),
                                management.find() ? Integer.parseInt(management.group(1)) : -1});
                    }
                }
            }
        } catch (IOException e) {
            portsFound.completeExceptionally(e);
        }
        portsFound.completeExceptionally(new PlatformException("registry process closed its output"
                + (process.isAlive() ? "" : " and exited with code " + process.exitValue())));
    }

    /** SIGTERM, then SIGKILL if it has not stopped in time; {@code hook} (unless null) is not needed any more. */
    private static void stop(Process process, Thread hook) {
        ProcessStop.gracefully(process.toHandle(), STOP_TIMEOUT, Duration.ofSeconds(10));
        removeHook(hook);
    }

    private static void removeHook(Thread hook) {
        if (hook == null) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or has run
        }
    }

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
