package com.metasupervisor.platform;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What {@code ./ms run} keeps between runs ({@value #ENV}, default {@code <repo>/data}): the broker's log dirs,
 * the registry's work files, every service's state, the ports of the installation and the pids of its child
 * processes. One installation per directory: {@link #claim} takes a lock ({@code FileChannel.tryLock} on
 * {@code <dir>/.lock}, a POSIX record lock the kernel releases when the holder dies, SIGKILL included; advisory,
 * and unreliable on NFS), with the holder's pid written in the lock file so a refusal can name it.
 */
public final class DataDirectory implements AutoCloseable {

    public static final String ENV = "MS_DATA_DIR";

    static final String LOCK = ".lock";
    static final String INSTALLATION = "installation.properties";
    static final String PROCESSES = "processes.properties";
    static final String LAYOUT = "1";

    private static final String BROKER = "broker";
    private static final String REGISTRY = "registry";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    /**
     * How far two readings of one process's start instant may differ: Linux derives it from the boot time, which
     * {@code /proc/stat} reports to the second and which moves with clock adjustments. A reused pid would also have to
     * start within this window of the original to be mistaken for ours.
     */
    private static final Duration SAME_START = Duration.ofSeconds(2);
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    private final Path dir;
    private final FileLock lock;

    private DataDirectory(Path dir, FileLock lock) {
        this.dir = dir;
        this.lock = lock;
    }

    /**
     * Creates {@code dir} if missing and locks it for this process.
     *
     * @throws PlatformException {@code another ./ms run is using <dir> (pid N): stop it first} when another process
     *                           (or this JVM) holds it
     */
    public static DataDirectory claim(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        FileChannel channel = null;
        try {
            Files.createDirectories(absolute);
            channel = FileChannel.open(absolute.resolve(LOCK),
                    StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameJvm) {
                lock = null;
            }
            if (lock == null) {
                String holder = holderPid(channel);
                channel.close();
                throw new PlatformException("another ./ms run is using " + absolute + " (pid " + holder + "): stop it first");
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(false);
            return new DataDirectory(absolute, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new PlatformException("cannot use " + absolute + " as the data directory: " + e.getMessage(), e);
        } catch (PlatformException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    public Path dir() {
        return dir;
    }

    /** The broker's directory: its {@code server.properties} and log dirs. */
    public Path brokerDir() {
        return dir.resolve(BROKER);
    }

    /** The registry's work files (snapshots, imports): its data of record is the broker's journal topic. */
    public Path registryDir() {
        return dir.resolve(REGISTRY);
    }

    /**
     * The installation's credentials ({@link com.metasupervisor.platform.credentials.InstallationCredentials}): its
     * token secret, the local operator's token and the revoked token ids. {@link #deleteContents} deletes them too, so
     * every token issued before a {@code --fresh} stops being accepted.
     */
    public Path credentialsDir() {
        return dir.resolve(com.metasupervisor.platform.credentials.InstallationCredentials.DIRECTORY);
    }

    /** A service's data: its Streams state and whatever else its run configuration keeps. */
    public Path serviceDir(String service) {
        return dir.resolve("services").resolve(checkName("service", service));
    }

    /** Whether an installation has started here before (its ports and layout are kept). */
    public boolean installed() {
        return Files.isRegularFile(dir.resolve(INSTALLATION));
    }

    /**
     * The ports of this installation, kept in {@code installation.properties}: a wanted port above 0 is used (and
     * stored); 0 means the stored one, or a free loopback port chosen now and stored, so that agents keep the
     * addresses printed at the first start.
     *
     * @throws PlatformException when the directory holds an installation of a layout this version does not know
     *                           (checked here, not in {@link #claim}, so that {@code --fresh} can still empty it)
     */
    public synchronized Ports ports(Ports wanted) {
        Properties installation = load(INSTALLATION);
        String layout = installation.getProperty("layout");
        if (layout != null && !layout.equals(LAYOUT)) {
            throw new PlatformException(dir + " holds an installation of layout " + layout + ", this version reads layout "
                    + LAYOUT + ": use another " + ENV + " or ./ms run --fresh");
        }
        installation.putIfAbsent("layout", LAYOUT);
        installation.putIfAbsent("created.at", Instant.now().toString());
        List<ServerSocket> held = new ArrayList<>();
        try {
            int kafka = port(installation, "kafka.port", wanted.kafka(), held);
            int controller = port(installation, "controller.port", wanted.controller(), held);
            int registry = port(installation, "registry.port", wanted.registry(), held);
            store(INSTALLATION, installation, "the installation in this data directory (written by ./ms run)");
            return new Ports(kafka, controller, registry);
        } finally {
            held.forEach(DataDirectory::closeQuietly);
        }
    }

    /**
     * Ports of an installation.
     *
     * @param kafka      the broker's client listener
     * @param controller the broker's KRaft controller listener
     * @param registry   the registry's HTTP port
     */
    public record Ports(int kafka, int controller, int registry) {
        public Ports {
            checkPort("kafka", kafka);
            checkPort("controller", controller);
            checkPort("registry", registry);
        }

        private static void checkPort(String name, int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException(name + " port must be 0 (choose one) or 1-65535, was " + port);
            }
        }
    }

    /**
     * For {@code --fresh}: deletes everything in the directory but the lock.
     *
     * @return what it deleted (its top-level entries) with their sizes, largest first
     */
    public synchronized List<Deleted> deleteContents() {
        List<Path> entries;
        try (Stream<Path> list = Files.list(dir)) {
            entries = list.filter(p -> !p.getFileName().toString().equals(LOCK)).toList();
        } catch (IOException e) {
            throw new PlatformException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        List<Deleted> deleted = new ArrayList<>();
        for (Path entry : entries) {
            long bytes = allocatedBytes(entry);
            try {
                FileTree.delete(entry);
            } catch (IOException e) {
                throw new PlatformException("cannot delete " + entry + ": " + e.getMessage(), e);
            }
            deleted.add(new Deleted(entry, bytes));
        }
        deleted.sort(Comparator.comparingLong(Deleted::bytes).reversed().thenComparing(Deleted::path));
        return List.copyOf(deleted);
    }

    /**
     * An entry {@link #deleteContents} deleted.
     *
     * @param path  where it was
     * @param bytes the disk it took ({@link #sizeBytes} of it)
     */
    public record Deleted(Path path, long bytes) {
        public Deleted {
            Objects.requireNonNull(path, "path");
            if (bytes < 0) {
                throw new IllegalArgumentException("size of " + path + " must be >= 0, was " + bytes);
            }
        }

        /** {@code /data/broker (1.2 GB)}. */
        public String describe() {
            return path + " (" + humanSize(bytes) + ")";
        }
    }

    /**
     * The disk the directory takes: allocated bytes as {@code du} counts them (GNU {@code du -s --block-size=1});
     * the apparent size of its files when {@code du} cannot be run.
     */
    public long sizeBytes() {
        return allocatedBytes(dir);
    }

    /** Decimal units, one decimal: {@code 512 B}, {@code 340.0 kB}, {@code 1.2 GB}. */
    public static String humanSize(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB", "PB", "EB"};
        double value = bytes;
        int unit = -1;
        while (value >= 999.95 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    /**
     * Records a child process ({@code <role>.pid}, {@code <role>.start} = its start instant in epoch ms) in
     * {@code processes.properties}, so that a run killed with SIGKILL does not leave it running for ever.
     *
     * @param role {@code broker}, {@code registry} or a service name
     */
    public synchronized void recordProcess(String role, ProcessHandle process) {
        checkName("role", role);
        Optional<Instant> start = process.info().startInstant();
        Properties processes = load(PROCESSES);
        processes.setProperty(role + ".pid", Long.toString(process.pid()));
        if (start.isPresent()) {
            processes.setProperty(role + ".start", Long.toString(start.get().toEpochMilli()));
        } else {
            processes.remove(role + ".start"); // without it, stopOrphans leaves the pid alone: it may be reused
        }
        store(PROCESSES, processes, "child processes of the run holding this data directory: role.pid, role.start (epoch ms)");
    }

    /** Forgets a child that stopped. */
    public synchronized void forgetProcess(String role) {
        checkName("role", role);
        Properties processes = load(PROCESSES);
        processes.remove(role + ".pid");
        processes.remove(role + ".start");
        store(PROCESSES, processes, "child processes of the run holding this data directory: role.pid, role.start (epoch ms)");
    }

    /**
     * Stops every recorded process that still runs (the same pid AND start instant: a reused pid is not ours),
     * services first, then the registry, then the broker: SIGTERM, then SIGKILL once {@code timeout} has passed.
     * Afterwards no process is recorded.
     *
     * @return one line per process stopped, e.g. {@code stopped the broker (pid 123) left running by a run that was killed}
     */
    public synchronized List<String> stopOrphans(Duration timeout) {
        Properties processes = load(PROCESSES);
        List<String> roles = processes.stringPropertyNames().stream()
                .filter(k -> k.endsWith(".pid"))
                .map(k -> k.substring(0, k.length() - ".pid".length()))
                .sorted(Comparator.comparingInt(DataDirectory::stopRank).thenComparing(Comparator.naturalOrder()))
                .toList();
        List<String> stopped = new ArrayList<>();
        for (String role : roles) {
            orphan(processes, role).ifPresent(process -> stopped.add(stop(role, process, timeout)));
        }
        store(PROCESSES, new Properties(), "child processes of the run holding this data directory: role.pid, role.start (epoch ms)");
        return List.copyOf(stopped);
    }

    /** Releases the lock (the kernel does it too when the process dies). */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it as well
        }
        closeQuietly(lock.channel());
    }

    @Override
    public String toString() {
        return "data directory " + dir;
    }

    private static int port(Properties installation, String key, int wanted, List<ServerSocket> held) {
        if (wanted > 0) {
            installation.setProperty(key, Integer.toString(wanted));
            return wanted;
        }
        String stored = installation.getProperty(key);
        if (stored != null) {
            int port;
            try {
                port = Integer.parseInt(stored.trim());
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65_535) {
                throw new PlatformException(INSTALLATION + " has " + key + "=" + stored + ": not a port");
            }
            return port;
        }
        try {
            // kept open until all three are chosen, so that they differ
            ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
            held.add(socket);
            installation.setProperty(key, Integer.toString(socket.getLocalPort()));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new PlatformException("cannot find a free port for " + key + ": " + e.getMessage(), e);
        }
    }

    private static Optional<ProcessHandle> orphan(Properties processes, String role) {
        String start = processes.getProperty(role + ".start");
        if (start == null) {
            return Optional.empty();
        }
        long pid;
        long startMillis;
        try {
            pid = Long.parseLong(processes.getProperty(role + ".pid").trim());
            startMillis = Long.parseLong(start.trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().startInstant()
                        .map(s -> Math.abs(s.toEpochMilli() - startMillis) <= SAME_START.toMillis())
                        .orElse(false));
    }

    private static String stop(String role, ProcessHandle process, Duration timeout) {
        String what = switch (role) {
            case BROKER, REGISTRY -> "the " + role;
            default -> role;
        } + " (pid " + process.pid() + ")";
        ProcessStop.Outcome outcome = ProcessStop.gracefully(process, timeout, KILL_WAIT);
        if (outcome == ProcessStop.Outcome.SURVIVED) {
            throw new PlatformException(Thread.currentThread().isInterrupted()
                    ? "interrupted while stopping a process left running by a killed run"
                    : "could not stop " + what + ", left running by a run that was killed");
        }
        return "stopped " + what + " left running by a run that was killed"
                + (outcome == ProcessStop.Outcome.KILLED ? " (SIGKILL after " + timeout.toSeconds() + " s)" : "");
    }

    /** Services (any other role) first, then the registry, then the broker: the reverse of the start order. */
    private static int stopRank(String role) {
        return switch (role) {
            case REGISTRY -> 1;
            case BROKER -> 2;
            default -> 0;
        };
    }

    private static long allocatedBytes(Path path) {
        try {
            Process du = new ProcessBuilder("du", "-s", "--block-size=1", path.toString())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out;
            try (InputStream in = du.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (du.waitFor() == 0) {
                return Long.parseLong(out.trim().split("\\s+", 2)[0]);
            }
        } catch (IOException | NumberFormatException e) {
            // no GNU du here: the apparent size below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return apparentBytes(path);
    }

    private static long apparentBytes(Path path) {
        try (Stream<Path> tree = Files.walk(path)) {
            return tree.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException gone) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    private Properties load(String name) {
        return PropertiesFile.load(dir.resolve(name));
    }

    private void store(String name, Properties properties, String comment) {
        PropertiesFile.store(dir.resolve(name), properties, comment);
    }

    private static String holderPid(FileChannel channel) {
        try {
            ByteBuffer buffer = ByteBuffer.allocate(32);
            channel.read(buffer, 0);
            String content = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII).trim();
            return content.matches("\\d+") ? content : "unknown";
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String checkName(String what, String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " must be letters, digits, '.', '_' or '-', was " + name);
        }
        return name;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception ignored) {
            // nothing more to release
        }
    }
}
