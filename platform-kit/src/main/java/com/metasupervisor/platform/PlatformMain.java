package com.metasupervisor.platform;

import com.metasupervisor.platform.credentials.InstallationCredentials;
import com.metasupervisor.schemas.ServiceCatalog;
import com.metasupervisor.schemas.Topics;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./ms run}: an installation of the product on this machine. It brings up the platform on the data directory
 * ({@link DataDirectory}: {@code MS_DATA_DIR}, system property {@code meta-supervisor.data-dir}) — the broker in a
 * process of its own, then the registry on it — then every built service in a JVM of its own, shows that all are
 * healthy, and keeps them running until Ctrl-C or SIGTERM, which stop the services, then the registry, then the broker,
 * each within its stop timeout, and keep every byte of data for the next run. {@code --check} stops once it has shown
 * that (exit status 0 healthy, 1 not); {@code --fresh} deletes the data directory's contents first, and says what.
 *
 * <p>It supervises what it started: a process that ends while the run is not stopping (a crash, a SIGKILL, the
 * OOM killer) is started again on the same data, with a growing pause if it keeps ending. A broker or registry
 * restart leaves the services alone: they ride it out.
 *
 * <p>The console shows only the product's own lines: everything else this JVM writes (its logging, and
 * what libraries print) goes to {@code platform.log} in the run directory ({@link RunDirectory}, system property
 * {@code meta-supervisor.run-dir}), beside the broker's, the registry's and each service's log.
 */
public final class PlatformMain {

    private static final String RUN_DIR_PROPERTY = "meta-supervisor.run-dir";
    private static final String DATA_DIR_PROPERTY = "meta-supervisor.data-dir";
    private static final String HOME_PROPERTY = "meta-supervisor.home";
    static final String KAFKA_PORT_ENV = "MS_KAFKA_PORT";
    static final String CONTROLLER_PORT_ENV = "MS_KAFKA_CONTROLLER_PORT";
    static final String REGISTRY_PORT_ENV = "MS_REGISTRY_PORT";
    static final DataDirectory.Ports DEFAULT_PORTS = new DataDirectory.Ports(9092, 9093, 8080);
    /** Processes a killed run left running get this long to stop before SIGKILL. */
    private static final Duration ORPHAN_STOP_TIMEOUT = Duration.ofSeconds(30);
    /** A last net after the ordered stop: every timeout of the order together, and some. */
    private static final Duration CHILDREN_STOP_TIMEOUT = Duration.ofSeconds(30);
    /** A restarted process that ends again within this time is restarted after a pause that doubles each time. */
    private static final Duration STABLE_AFTER = Duration.ofMinutes(2);
    private static final Duration MAX_RESTART_PAUSE = Duration.ofMinutes(1);

    private final PrintStream console;
    private final RunDirectory run;
    private final DataDirectory data;
    private final ScheduledExecutorService supervisor = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("supervisor").unstarted(r));
    private final Map<String, Restarts> restarts = new HashMap<>();
    private InstalledPlatform platform;
    private ServiceFleet fleet;
    private boolean stopped;

    private PlatformMain(PrintStream console, RunDirectory run, DataDirectory data) {
        this.console = console;
        this.run = run;
        this.data = data;
    }

    public static void main(String[] args) throws InterruptedException {
        PrintStream console = System.out;
        Set<String> options = new TreeSet<>(List.of(args));
        options.removeAll(List.of("--check", "--fresh"));
        if (!options.isEmpty()) {
            console.println("Meta-Supervisor: unknown option " + String.join(" ", options) + " (./ms run [--check] [--fresh] [--no-build])");
            System.exit(2);
        }
        boolean checkOnly = List.of(args).contains("--check");
        boolean fresh = List.of(args).contains("--fresh");
        Path home = Path.of(System.getProperty(HOME_PROPERTY, "..")).toAbsolutePath().normalize();
        DataDirectory data;
        RunDirectory run;
        DataDirectory.Ports wanted;
        try {
            data = DataDirectory.claim(Path.of(System.getProperty(DATA_DIR_PROPERTY, home.resolve("data").toString())));
            // a port not set in the environment is the installation's (kept since its first start), else the default
            boolean keep = data.installed() && !fresh;
            wanted = new DataDirectory.Ports(port(KAFKA_PORT_ENV, keep ? 0 : DEFAULT_PORTS.kafka()),
                    port(CONTROLLER_PORT_ENV, keep ? 0 : DEFAULT_PORTS.controller()),
                    port(REGISTRY_PORT_ENV, keep ? 0 : DEFAULT_PORTS.registry()));
            run = RunDirectory.claim(Path.of(System.getProperty(RUN_DIR_PROPERTY, home.resolve("target/run").toString())));
            // the run directory may hold java.io.tmpdir (./ms run puts it there): it was just emptied
            Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        } catch (PlatformException | java.io.IOException e) {
            console.println("Meta-Supervisor: " + e.getMessage());
            System.exit(1);
            return;
        }
        PrintStream log = run.newLog("platform");
        System.setOut(log);
        System.setErr(log);

        PlatformMain product = new PlatformMain(console, run, data);
        // registered first: a stop during start-up stops what has started so far
        Runtime.getRuntime().addShutdownHook(new Thread(product::stop, "platform-stop"));
        boolean healthy;
        try {
            product.prepare(fresh);
            healthy = product.start(home, data.ports(wanted));
        } catch (RuntimeException e) {
            e.printStackTrace(log);
            console.println("Meta-Supervisor could not start: " + e.getMessage());
            console.println("  see " + run.dir().resolve("platform.log"));
            healthy = false;
        }
        if (checkOnly || !healthy) {
            System.exit(healthy ? 0 : 1); // the shutdown hook stops everything
        }
        console.println("Running. Agents publish to alpha.events (or POST http://localhost:8081/alpha-events);"
                + " Ctrl-C stops everything and keeps its data in " + data.dir() + ".");
        new CountDownLatch(1).await(); // until the JVM is stopped: the shutdown hook does the rest
    }

    /** A port from the environment: unset = {@code fallback}; 0 = a free port chosen at the installation's first start. */
    static int port(String env, int fallback) {
        String value = System.getenv(env);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int port = Integer.parseInt(value.strip());
            if (port < 0 || port > 65_535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new PlatformException(env + " must be a port number in 0..65535 (0: a free one, kept), was '" + value + "'");
        }
    }

    /** Stops what a killed run left running, then, for {@code --fresh}, empties the data directory. */
    private void prepare(boolean fresh) {
        data.stopOrphans(ORPHAN_STOP_TIMEOUT).forEach(line -> console.println("Meta-Supervisor: " + line));
        if (fresh) {
            List<DataDirectory.Deleted> deleted = data.deleteContents();
            console.println("Meta-Supervisor: --fresh: " + (deleted.isEmpty() ? "the data directory " + data.dir() + " was empty"
                    : "deleted " + String.join(", ", deleted.stream().map(DataDirectory.Deleted::describe).toList())));
        }
    }

    /** Starts the platform and the services; true when all are healthy. */
    private boolean start(Path home, DataDirectory.Ports ports) {
        console.println("Meta-Supervisor: starting the platform (Kafka broker, then Apicurio Registry); data in "
                + data.dir() + ", logs in " + run.dir());
        InstalledPlatform started = InstalledPlatform.start(data, run.dir(), ports);
        synchronized (this) {
            platform = started;
            if (stopped) { // stopped while starting: the hook has run and missed it
                started.stop();
                return false;
            }
        }
        PlatformHealth health = PlatformHealth.of(started);
        console.println(health.describe());
        if (!health.healthy()) {
            return false;
        }
        // every service checks tokens with the installation's secret; the local operator gets a token to act with
        InstallationCredentials credentials = InstallationCredentials.ensure(data.credentialsDir(), Instant.now());
        if (credentials.operatorIssued() != null) { // to platform.log: the console keeps to one line about it
            System.out.println("issued a new operator token in " + credentials.operatorTokenFile() + ": " + credentials.operatorIssued());
        }
        console.println("Starting the services ...");
        ServiceFleet.Plan plan = ServiceFleet.plan(home, ServiceCatalog.standard());
        ServiceFleet services = ServiceFleet.start(plan, new ServiceFleet.Addresses(started.bootstrapServers(),
                started.registry().url()), data.dir().resolve("services"), run.dir(), credentials, Map.of());
        synchronized (this) {
            fleet = services;
            if (stopped) {
                services.close();
                return false;
            }
        }
        services.running().forEach(s -> data.recordProcess(s.name(), s.process().processHandle()));
        List<String> unhealthy = services.awaitHealthy(Duration.ofMinutes(3));
        for (ServiceFleet.Running service : services.running()) {
            boolean up = unhealthy.stream().noneMatch(u -> u.startsWith(service.name()));
            console.printf("  %-20s %s  %s%n", service.name(), service.url(), up ? "UP" : "DOWN");
        }
        plan.skipped().forEach(s -> console.println("  (skipped " + s + ")"));
        console.println(credentials.consoleLine());
        unhealthy.forEach(u -> console.println("  UNHEALTHY: " + u));
        boolean healthy = unhealthy.isEmpty();
        console.println(healthy ? "HEALTHY" : "UNHEALTHY");
        supervise(InstalledPlatform.BROKER, started.broker().processHandle());
        supervise(InstalledPlatform.REGISTRY, started.registryProcess().processHandle());
        services.running().forEach(s -> supervise(s.name(), s.process().processHandle()));
        return healthy;
    }

    /** Restarts {@code role} when {@code process} ends while the run is not stopping. */
    private void supervise(String role, ProcessHandle process) {
        process.onExit().thenRun(() -> {
            try {
                supervisor.execute(() -> restart(role, process.pid(), 1));
            } catch (java.util.concurrent.RejectedExecutionException stopping) {
                // the run is stopping: nothing to restart
            }
        });
    }

    private void restart(String role, long endedPid, int attempt) {
        synchronized (this) {
            if (stopped) {
                return;
            }
        }
        Duration pause = restarts.computeIfAbsent(role, r -> new Restarts()).pauseBefore(System.nanoTime());
        if (!pause.isZero() && attempt == 1) {
            console.println("Meta-Supervisor: " + role + " (pid " + endedPid + ") ended again soon after its restart; starting it in "
                    + pause.toSeconds() + " s");
            supervisor.schedule(() -> restart(role, endedPid, attempt + 1), pause.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        ProcessHandle fresh;
        try {
            fresh = switch (role) {
                case InstalledPlatform.BROKER -> platform.restartBroker().processHandle();
                case InstalledPlatform.REGISTRY -> platform.restartRegistry().processHandle();
                default -> fleet.restart(role).process().processHandle();
            };
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                return; // stopping
            }
            Duration retry = restarts.get(role).failed();
            console.println("Meta-Supervisor: could not restart " + role + " (" + e.getMessage().lines().findFirst().orElse("")
                    + "); trying again in " + retry.toSeconds() + " s");
            e.printStackTrace(System.err);
            supervisor.schedule(() -> restart(role, endedPid, attempt + 1), retry.toMillis(), TimeUnit.MILLISECONDS);
            return;
        }
        data.recordProcess(role, fresh);
        console.println("Meta-Supervisor: " + role + " (pid " + endedPid + ") ended; restarted as pid " + fresh.pid());
        supervise(role, fresh);
    }

    /**
     * The shutdown hook: no more restarts; the services first (they commit to the broker as they stop), then the
     * registry (it writes to Kafka), then the broker; the data stays.
     */
    private void stop() {
        synchronized (this) {
            if (stopped) {
                return;
            }
            stopped = true;
        }
        console.println("Meta-Supervisor: stopping ...");
        supervisor.shutdownNow();
        try {
            supervisor.awaitTermination(3, TimeUnit.MINUTES); // a restart in progress ends or gives up
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (fleet != null) {
            ServiceFleet services = fleet;
            console.println("  " + InstalledPlatform.timed("services", services::close));
            services.running().forEach(s -> data.forgetProcess(s.name()));
        }
        if (platform != null) {
            platform.stop().forEach(line -> console.println("  " + line));
        }
        // what a restart started while the stop began, or what did not stop in time
        data.stopOrphans(ORPHAN_STOP_TIMEOUT).forEach(line -> console.println("  " + line));
        ServiceProcess.awaitChildrenGone(CHILDREN_STOP_TIMEOUT);
        console.println("Meta-Supervisor: stopped; its data kept in " + data.dir() + "; logs in " + run.dir() + ": "
                + String.join(", ", run.logs().stream().map(p -> p.getFileName().toString()).toList()));
        data.close();
        run.release();
    }

    /** When a role's next restart may come: at once, unless its last one was recent; then after a doubling pause. */
    private static final class Restarts {
        private long lastStart = Long.MIN_VALUE;
        private Duration pause = Duration.ZERO;

        Duration pauseBefore(long now) {
            boolean recent = lastStart != Long.MIN_VALUE && now - lastStart < STABLE_AFTER.toNanos();
            pause = recent ? next(pause) : Duration.ZERO;
            lastStart = now;
            return pause;
        }

        Duration failed() {
            pause = next(pause);
            return pause;
        }

        private static Duration next(Duration pause) {
            Duration doubled = pause.isZero() ? Duration.ofSeconds(1) : pause.multipliedBy(2);
            return doubled.compareTo(MAX_RESTART_PAUSE) > 0 ? MAX_RESTART_PAUSE : doubled;
        }
    }

    /** What an operator wants to see first: both parts answer and every topic is there. */
    record PlatformHealth(String kafka, String registry, Set<String> missingTopics, long startupMillis, boolean registryAnswers) {

        static PlatformHealth of(InstalledPlatform platform) {
            Set<String> present = platform.topicNames();
            Set<String> missing = new TreeSet<>(Topics.allNamesWithDeadLetters());
            missing.removeAll(present);
            return new PlatformHealth(
                    platform.broker().kind() + " at " + platform.bootstrapServers(),
                    platform.registry().url(),
                    missing,
                    platform.startupTime().toMillis(),
                    RegistryProbe.answers(platform.registry()));
        }

        boolean healthy() {
            return missingTopics.isEmpty() && registryAnswers;
        }

        String describe() {
            int expected = Topics.allNamesWithDeadLetters().size();
            return String.join(System.lineSeparator(),
                    "  Kafka:    " + kafka,
                    "  Registry: " + registry + " (Confluent-compatible API at " + registry + "/apis/ccompat/v7)"
                            + (registryAnswers ? "" : " NOT ANSWERING"),
                    "  Topics:   " + (expected - missingTopics.size()) + "/" + expected + " catalog and dead-letter topics"
                            + (missingTopics.isEmpty() ? "" : ", missing " + missingTopics),
                    "  Started in " + startupMillis + " ms" + (healthy() ? "" : ": UNHEALTHY"));
        }
    }
}
