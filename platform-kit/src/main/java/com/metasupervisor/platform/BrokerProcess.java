package com.metasupervisor.platform;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.FeatureMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A durable one-node KRaft broker: Kafka 4.2.0's own server ({@code kafka.Kafka}) in a JVM of its own, on the
 * {@code server.properties} of a {@link BrokerConfig}, its data in {@link BrokerConfig#logDirs()} (formatted once,
 * kept across restarts). Its output is appended to a log file, never this JVM's console.
 *
 * <p>It is launched through {@code setsid} when that exists, in a session of its own: a terminal's Ctrl-C reaches
 * only the launcher, which stops its children in order. It has no JVM shutdown hook of its own: the owner closes it.
 */
public final class BrokerProcess implements KafkaBroker {

    /** How long {@link #close()} gives the broker's controlled shutdown before SIGKILL. */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    /** Logging of the broker JVM (a classpath resource of this module): INFO, to its standard output. */
    static final String LOGBACK_CONFIG = "broker-logback.xml";

    private static final Logger LOG = LoggerFactory.getLogger(BrokerProcess.class);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final Duration ADMIN_CALL_TIMEOUT = Duration.ofSeconds(5);
    private static final int TAIL_LINES = 40;
    private static final String FORMAT_CONFIG = "format.properties";

    private final BrokerConfig config;
    private final Process process;
    private final Path logFile;
    private final String clusterId;
    private final boolean formattedThisStart;
    private final Duration formatTook;

    private BrokerProcess(BrokerConfig config, Process process, Path logFile, String clusterId,
                          boolean formattedThisStart, Duration formatTook) {
        this.config = config;
        this.process = process;
        this.logFile = logFile;
        this.clusterId = clusterId;
        this.formattedThisStart = formattedThisStart;
        this.formatTook = formatTook;
    }

    /**
     * Formats {@code config.logDirs()} if not yet formatted (with {@link BrokerConfig#RELEASE_VERSION}), writes
     * {@code server.properties}, starts {@code kafka.Kafka} with its output appended to {@code logFile}, and returns
     * once the broker answers and serves metadata (at most {@link #START_TIMEOUT}).
     *
     * @throws PlatformException naming the busy port, or with the broker's exit code and its log's last lines
     */
    public static BrokerProcess start(BrokerConfig config, Path logFile) {
        requireFree(config.port(), "Kafka listener");
        requireFree(config.controllerPort(), "Kafka controller listener");
        long startNanos = System.nanoTime();
        String clusterId;
        boolean formatted;
        Duration formatTook = Duration.ZERO;
        try {
            Files.createDirectories(config.dir());
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            Path metaProperties = config.logDirs().resolve("meta.properties");
            formatted = !Files.exists(metaProperties);
            if (formatted) {
                clusterId = Uuid.randomUuid().toString();
                format(config, clusterId, logFile);
                formatTook = Duration.ofNanos(System.nanoTime() - startNanos);
            } else {
                clusterId = storedClusterId(metaProperties);
                // left by a start that stopped between the rename and its deletion
                Files.deleteIfExists(config.dir().resolve(FORMAT_CONFIG));
            }
            writeAtomically(config.serverProperties(), serverPropertiesText(config));
            appendLine(logFile, "=== " + Instant.now() + " Meta-Supervisor starts kafka.Kafka "
                    + config.serverProperties() + " (cluster " + clusterId + ")");
        } catch (IOException e) {
            throw new PlatformException("could not prepare the Kafka broker's directory " + config.dir() + ": "
                    + e.getMessage(), e);
        }
        Process process = launch(config, logFile);
        BrokerProcess broker = new BrokerProcess(config, process, logFile, clusterId, formatted, formatTook);
        try {
            broker.awaitReady();
        } catch (RuntimeException e) {
            try {
                broker.kill();
            } catch (RuntimeException alsoFailed) {
                e.addSuppressed(alsoFailed);
            }
            throw e;
        }
        LOG.info("Kafka broker (pid {}) ready at {} in {} ms{}", process.pid(), config.bootstrapServers(),
                (System.nanoTime() - startNanos) / 1_000_000, formatted ? ", formatted " + config.logDirs() : "");
        return broker;
    }

    public BrokerConfig config() {
        return config;
    }

    public ProcessHandle processHandle() {
        return process.toHandle();
    }

    public Path logFile() {
        return logFile;
    }

    /** The cluster id stored in {@code meta.properties} when the directory was formatted. */
    public String clusterId() {
        return clusterId;
    }

    /** Whether this start formatted the directory (a new installation) rather than reusing its data. */
    public boolean formattedThisStart() {
        return formattedThisStart;
    }

    /** How long this start spent formatting ({@link Duration#ZERO} when it did not), for the figures. */
    Duration formatTook() {
        return formatTook;
    }

    @Override
    public String bootstrapServers() {
        return config.bootstrapServers();
    }

    @Override
    public int brokerCount() {
        return 1;
    }

    @Override
    public String kind() {
        return "KRaft broker process";
    }

    /** SIGKILL: no controlled shutdown, the next start recovers the logs. Waits until the process is gone. */
    public void kill() {
        boolean wasAlive = process.isAlive();
        process.destroyForcibly();
        if (!awaitExit(Duration.ofSeconds(30))) {
            throw new PlatformException(Thread.currentThread().isInterrupted()
                    ? "interrupted while waiting for the killed Kafka broker (pid " + process.pid() + ") to go"
                    : "the Kafka broker (pid " + process.pid() + ") survived SIGKILL for 30 s");
        }
        if (wasAlive) {
            LOG.info("Kafka broker (pid {}) killed (SIGKILL)", process.pid());
        }
    }

    /**
     * SIGTERM: {@code kafka.Kafka}'s shutdown hook shuts down in a controlled way and marks its logs cleanly shut
     * down ({@code .kafka_cleanshutdown}); SIGKILL if it has not exited within {@link #STOP_TIMEOUT}.
     */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        long startNanos = System.nanoTime();
        process.destroy();
        if (!awaitExit(STOP_TIMEOUT)) {
            LOG.warn("Kafka broker (pid {}) did not stop within {} s of SIGTERM: SIGKILL", process.pid(),
                    STOP_TIMEOUT.toSeconds());
            kill();
            return;
        }
        LOG.info("Kafka broker (pid {}) stopped in {} ms, exit code {}", process.pid(),
                (System.nanoTime() - startNanos) / 1_000_000, process.exitValue());
    }

    /** Whether it exited within {@code timeout}. */
    private boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return !process.isAlive();
        }
    }

    // ---- format once ----

    /**
     * Formats into a sibling directory, then renames it to {@code logs} in one step: a crash mid-format leaves no
     * half-formatted {@code logs} (a leftover sibling is deleted by the next attempt). Kafka's own formatter
     * ({@code kafka-storage.sh format}), called in this JVM: {@link StorageTool#execute} returns instead of exiting.
     */
    private static void format(BrokerConfig config, String clusterId, Path logFile) throws IOException {
        Path logDirs = config.logDirs();
        if (Files.isDirectory(logDirs)) {
            try (Stream<Path> entries = Files.list(logDirs)) {
                if (entries.findAny().isPresent()) {
                    throw new PlatformException(logDirs + " holds files but no meta.properties: not a broker"
                            + " directory this platform formatted; move it away (or start with --fresh)");
                }
            }
            Files.delete(logDirs);
        }
        Path staging = config.dir().resolve("logs.formatting");
        Path formatConfig = config.dir().resolve(FORMAT_CONFIG);
        if (Files.exists(staging)) {
            FileTree.delete(staging);
        }
        writeAtomically(formatConfig, propertiesText(config.propertiesWithLogDirs(staging)));
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int exitCode;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            exitCode = StorageTool.execute(BrokerConfig.formatArguments(formatConfig, clusterId).toArray(String[]::new), out);
        } catch (Exception e) { // Kafka's TerseFailure and configuration errors
            throw new PlatformException("could not format the Kafka broker's directory " + staging + ": "
                    + e.getMessage() + "\n" + output.toString(StandardCharsets.UTF_8), e);
        }
        String formatterSaid = output.toString(StandardCharsets.UTF_8).strip();
        if (exitCode != 0) {
            throw new PlatformException("formatting " + staging + " failed with code " + exitCode + ":\n" + formatterSaid);
        }
        Files.move(staging, logDirs, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(config.dir());
        Files.delete(formatConfig);
        appendLine(logFile, "=== " + Instant.now() + " Meta-Supervisor formatted " + logDirs + " (cluster " + clusterId
                + ", release version " + BrokerConfig.RELEASE_VERSION.version() + "): " + lastLine(formatterSaid));
    }

    private static String storedClusterId(Path metaProperties) throws IOException {
        Properties meta = new Properties();
        try (InputStream in = Files.newInputStream(metaProperties)) {
            meta.load(in);
        }
        String id = meta.getProperty("cluster.id");
        if (id == null || id.isBlank()) {
            throw new PlatformException(metaProperties + " has no cluster.id");
        }
        return id;
    }

    /** The rename's directory entry reaches the disk (not only the page cache) before the broker uses it. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException notSupportedHere) {
            // some file systems cannot sync a directory; the rename itself is still atomic
        }
    }

    // ---- launch and readiness ----

    private static Process launch(BrokerConfig config, Path logFile) {
        // a JVM's child is no process group leader, so setsid calls setsid() and execs java: the pid is java's
        List<String> command = new ArrayList<>(OwnSession.prefix());
        if (command.isEmpty()) {
            LOG.info("no setsid: the Kafka broker shares this process's session (a terminal's Ctrl-C reaches it too)");
        }
        command.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms128m", "-Xmx1g",
                // one broker on a developer machine: the serial collector costs no extra threads; young pauses of a
                // few ms are irrelevant next to the network and disk
                "-XX:+UseSerialGC",
                "-Djava.awt.headless=true",
                // JDK 25 warns about Kafka's use of sun.misc.Unsafe and native code
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow",
                "-Dlogback.configurationFile=" + LOGBACK_CONFIG,
                "-cp", absoluteClasspath(),
                "kafka.Kafka", config.serverProperties().toAbsolutePath().toString()));
        try {
            Process process = new ProcessBuilder(command)
                    .directory(config.dir().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            process.getOutputStream().close(); // it reads nothing
            return process;
        } catch (IOException e) {
            throw new PlatformException("could not launch the Kafka broker: " + e.getMessage(), e);
        }
    }

    /**
     * This JVM's classpath with every entry absolute: the broker runs in its own directory, where an entry relative
     * to ours ({@code ./ms run} starts with {@code platform-kit/target/classes}) would miss its logging configuration.
     */
    private static String absoluteClasspath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> !entry.isEmpty())
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    /** Ready = the listener accepts, {@code describeCluster} shows our one node and the finalized features answer. */
    private void awaitReady() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        // an Admin client logs a warning per refused connection: wait for the listener first
        while (!accepts(config.port())) {
            failIfExitedOrLate(deadline, "its listener " + config.bootstrapServers() + " accepts no connection");
            pause();
        }
        String last = "no answer";
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ADMIN_CALL_TIMEOUT.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_CALL_TIMEOUT.toMillis()))) {
            while (true) {
                failIfExitedOrLate(deadline, last);
                try {
                    List<Node> nodes = new ArrayList<>(admin.describeCluster().nodes()
                            .get(ADMIN_CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
                    FeatureMetadata features = admin.describeFeatures().featureMetadata()
                            .get(ADMIN_CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                    if (nodes.size() == 1 && features.finalizedFeatures().containsKey("metadata.version")) {
                        return;
                    }
                    last = "nodes " + nodes + ", finalized features " + features.finalizedFeatures().keySet();
                } catch (ExecutionException | TimeoutException e) {
                    last = e.getCause() != null ? e.getCause().toString() : e.toString();
                }
                pause();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("interrupted while waiting for the Kafka broker", e);
        }
    }

    private void failIfExitedOrLate(long deadline, String waitingFor) {
        if (!process.isAlive()) {
            throw new PlatformException("the Kafka broker exited during start with code " + process.exitValue()
                    + "; log " + logFile + " ends with:\n" + tail(logFile));
        }
        if (System.nanoTime() > deadline) {
            throw new PlatformException("the Kafka broker (pid " + process.pid() + ") was not ready within "
                    + START_TIMEOUT.toSeconds() + " s (" + waitingFor + "); log " + logFile + " ends with:\n"
                    + tail(logFile));
        }
    }

    /** Waits one poll interval, or less if the broker exits meanwhile. */
    private void pause() {
        try {
            process.waitFor(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PlatformException("interrupted while waiting for the Kafka broker", e);
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    /** A busy port fails here, naming it, before anything is written or launched. */
    private static void requireFree(int port, String what) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true); // as Kafka binds: a port in TIME_WAIT after our own broker's stop is free
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            throw new PlatformException("port " + port + " (" + what + ") on 127.0.0.1 is in use: " + e.getMessage()
                    + "; stop what uses it or choose another port", e);
        }
    }

    // ---- files ----

    static String serverPropertiesText(BrokerConfig config) {
        return "# Written by Meta-Supervisor at every start of the broker (BrokerConfig): edits here are overwritten\n"
                + propertiesText(config.properties());
    }

    private static String propertiesText(Map<String, String> properties) {
        StringBuilder text = new StringBuilder();
        properties.forEach((k, v) -> text.append(k).append('=').append(escaped(v)).append('\n'));
        return text.toString();
    }

    /** Kafka reads the file as ISO-8859-1 ({@code Properties.load(InputStream)}): anything else as {@code \\uXXXX}. */
    private static String escaped(String value) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c == '\\') {
                out.append("\\\\");
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path next = file.resolveSibling(file.getFileName() + ".next");
        Files.writeString(next, text, StandardCharsets.UTF_8);
        Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void appendLine(Path file, String line) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            out.write(line);
            out.write('\n');
        }
    }

    private static String lastLine(String text) {
        String[] lines = text.split("\n");
        return lines[lines.length - 1].strip();
    }

    /** The log's last lines (reads only its end: the file keeps every start's output). */
    static String tail(Path file) {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            int size = (int) Math.min(length, 16_384);
            byte[] bytes = new byte[size];
            in.seek(length - size);
            in.readFully(bytes);
            List<String> lines = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\n"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "(could not read it: " + e.getMessage() + ")";
        }
    }
}
