package com.metasupervisor.platform;

import com.metasupervisor.platform.credentials.InstallationCredentials;
import com.metasupervisor.schemas.ServiceCatalog;
import com.metasupervisor.schemas.ServiceDefinition;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The product's services on the local platform, each in a JVM of its own (its module's classes and
 * run-time classpath, written by the build to {@code target/classpath.txt}): what {@code ./ms run}
 * starts after the platform. Which services there are, their ports, main classes and application ids
 * come from the service catalog ({@link ServiceCatalog#standard()}). A service whose module is not
 * built yet is skipped, and said so.
 */
public final class ServiceFleet implements AutoCloseable {

    /** In a service's directory while it is stopped after a clean stop; see {@link #launch}. */
    static final String CLEAN_STOP = ".clean-stop";

    private final List<Running> running = new CopyOnWriteArrayList<>();
    private final Map<String, Launch> launches;
    private final Addresses addresses;
    private final Path servicesDir;
    private final Path logDir;
    private final InstallationCredentials credentials;
    private final Map<String, Map<String, String>> overrides;

    /** A started service and where it answers. */
    public record Running(String name, int port, ServiceProcess process) {
        public String url() {
            return "http://localhost:" + port;
        }
    }

    /**
     * What {@link #start} would do, worked out without starting anything.
     *
     * @param launches the services it starts, in catalog order
     * @param skipped  the others, each with the reason (e.g. {@code allocator-service (not in this build yet)})
     */
    public record Plan(List<Launch> launches, List<String> skipped) {
        public Plan {
            launches = List.copyOf(launches);
            skipped = List.copyOf(skipped);
        }
    }

    /**
     * A service the fleet starts.
     *
     * @param service   its catalog entry
     * @param classpath its module's classes and run-time classpath
     */
    public record Launch(ServiceDefinition service, String classpath) {
        public Launch {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(classpath, "classpath");
        }

        /**
         * The configuration it starts with (system properties, which Micronaut reads before application.yml): its
         * Kafka Streams state in {@link #stateDir}, and {@code <servicesDir>/<name>} as its run configuration's
         * {@value ServiceDefinition#RUN_DIR}.
         */
        public Map<String, String> config(String bootstrapServers, String registryUrl, Path servicesDir) {
            Map<String, String> config = new LinkedHashMap<>();
            config.put("kafka.bootstrap.servers", bootstrapServers);
            config.put("registry.url", registryUrl);
            config.put("micronaut.server.port", Integer.toString(service.port()));
            config.put("kafka.streams.default.application.id", service.applicationId());
            config.put("kafka.streams.default.state.dir", stateDir(servicesDir).toString());
            config.putAll(service.runConfig(servicesDir.resolve(service.name()).toString()));
            return config;
        }

        /** {@code <servicesDir>/<name>/state}: its Kafka Streams state. */
        public Path stateDir(Path servicesDir) {
            return servicesDir.resolve(service.name()).resolve("state");
        }
    }

    /** Where the services connect to. */
    public record Addresses(String bootstrapServers, String registryUrl) {
        public Addresses {
            Objects.requireNonNull(bootstrapServers, "bootstrapServers");
            Objects.requireNonNull(registryUrl, "registryUrl");
        }

        public static Addresses of(LocalPlatform platform) {
            return new Addresses(platform.bootstrapServers(), platform.registry().url());
        }
    }

    private ServiceFleet(Map<String, Launch> launches, Addresses addresses, Path servicesDir, Path logDir,
                         InstallationCredentials credentials, Map<String, Map<String, String>> overrides) {
        this.launches = launches;
        this.addresses = addresses;
        this.servicesDir = servicesDir;
        this.logDir = logDir;
        this.credentials = credentials;
        this.overrides = overrides;
    }

    /**
     * What the fleet would start from the modules under {@code home}: every service of {@code catalog}
     * whose module has its configuration and has been built, in catalog order; the others are skipped.
     */
    public static Plan plan(Path home, ServiceCatalog catalog) {
        List<Launch> launches = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (ServiceDefinition service : catalog.services()) {
            String name = service.name();
            Path module = home.resolve(name);
            Path classpathFile = module.resolve("target/classpath.txt");
            if (!Files.isRegularFile(module.resolve("src/main/resources/application.yml"))) {
                skipped.add(name + (Files.isDirectory(module) ? " (no runnable service in this build yet)" : " (not in this build yet)"));
            } else if (!Files.isRegularFile(classpathFile)) {
                skipped.add(name + " (not built: run ./mvnw package)");
            } else {
                try {
                    launches.add(new Launch(service,
                            module.resolve("target/classes") + File.pathSeparator + Files.readString(classpathFile).strip()));
                } catch (IOException e) {
                    throw new PlatformException("cannot read " + classpathFile + ": " + e.getMessage(), e);
                }
            }
        }
        return new Plan(launches, skipped);
    }

    /**
     * Starts the services {@code plan} launches against {@code platform} (an ephemeral one: tests, the demo), with
     * per-service configuration ({@code overrides}, by service name) added over each launch's own: how
     * {@code ./ms demo} points the services at its config repository and its mail and webhook sinks. Logs and state go
     * under {@code workDir}; every service checks tokens with the secret and the revoked tokens of {@code credentials}.
     */
    public static ServiceFleet start(Plan plan, LocalPlatform platform, Path workDir, InstallationCredentials credentials,
                                     Map<String, Map<String, String>> overrides) {
        return start(plan, Addresses.of(platform), workDir, workDir, credentials, overrides);
    }

    /**
     * Starts the services {@code plan} launches against {@code addresses}: each one's state and run data under
     * {@code <servicesDir>/<name>} ({@link Launch#config}), its log {@code <name>.log} in {@code logDir}, and in its
     * environment {@value InstallationCredentials#SECRET_FILE_ENV} = the absolute path of the credentials' secret file (the
     * secret it checks tokens with; {@value InstallationCredentials#SECRET_ENV} is removed from what it inherits, since
     * a service refuses to start with both) and {@value InstallationCredentials#REVOKED_TOKENS_FILE_ENV} = that of their
     * revoked tokens file (the tokens it refuses before they expire).
     */
    public static ServiceFleet start(Plan plan, Addresses addresses, Path servicesDir, Path logDir, InstallationCredentials credentials,
                                     Map<String, Map<String, String>> overrides) {
        Objects.requireNonNull(credentials, "credentials");
        Map<String, Launch> byName = new LinkedHashMap<>();
        plan.launches().forEach(l -> byName.put(l.service().name(), l));
        ServiceFleet fleet = new ServiceFleet(byName, addresses, servicesDir, logDir, credentials, Map.copyOf(overrides));
        for (Launch launch : plan.launches()) {
            fleet.running.add(fleet.launch(launch, false));
        }
        return fleet;
    }

    /**
     * Starts {@code launch}. A service that did not stop cleanly last time (no {@value #CLEAN_STOP} in its
     * directory: SIGKILL, a crash, a machine that went down) starts without its state's checkpoints, so that Kafka
     * Streams rebuilds its stores from their changelogs rather than trust a checkpoint from before the crash (under
     * exactly-once a store may hold writes of a transaction that was then aborted; Streams 4.2.0 has known cases
     * where a stale checkpoint survives: KAFKA-20685, KAFKA-20940). The marker is removed while it runs.
     */
    private Running launch(Launch launch, boolean appendLog) {
        ServiceDefinition service = launch.service();
        Path dir = servicesDir.resolve(service.name());
        Path stateDir = launch.stateDir(servicesDir);
        try {
            Files.createDirectories(dir);
            if (!Files.deleteIfExists(dir.resolve(CLEAN_STOP)) && Files.isDirectory(stateDir)) {
                StateCheckpoints.delete(stateDir);
            }
        } catch (IOException e) {
            throw new PlatformException("cannot prepare " + dir + " for " + service.name() + ": " + e.getMessage(), e);
        }
        Map<String, String> config = launch.config(addresses.bootstrapServers(), addresses.registryUrl(), servicesDir);
        config.putAll(overrides.getOrDefault(service.name(), Map.of()));
        Map<String, String> environment = new HashMap<>();
        environment.put(InstallationCredentials.SECRET_FILE_ENV, credentials.secretFile().toAbsolutePath().normalize().toString());
        environment.put(InstallationCredentials.REVOKED_TOKENS_FILE_ENV, credentials.revokedTokensFile().toAbsolutePath().normalize().toString());
        environment.put(InstallationCredentials.SECRET_ENV, null); // removed: one source of the secret only
        return new Running(service.name(), service.port(), ServiceProcess.start(service.mainClass(), launch.classpath(),
                config, environment, logDir.resolve(service.name() + ".log"), appendLog));
    }

    /**
     * Starts {@code name} again after it ended without being asked to; its log goes on, its state's checkpoints are
     * not trusted ({@link #launch}). Returns the new process.
     */
    public synchronized Running restart(String name) {
        Launch launch = launches.get(name);
        if (launch == null) {
            throw new IllegalArgumentException("no service " + name + " in this fleet");
        }
        Running old = running.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
        if (old.process().isAlive()) {
            old.process().kill();
        }
        Running fresh = launch(launch, true);
        running.set(running.indexOf(old), fresh);
        return fresh;
    }

    public List<Running> running() {
        return List.copyOf(running);
    }

    /** Waits until every service answers {@code /health} with UP; returns the ones that did not. */
    public List<String> awaitHealthy(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        List<String> unhealthy = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Running service : running) {
            String last = "no answer";
            boolean up = false;
            while (!up && System.nanoTime() < deadline && service.process().isAlive()) {
                try {
                    HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(service.url() + "/health"))
                            .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
                    up = health.statusCode() == 200 && health.body().contains("\"status\":\"UP\"");
                    last = "HTTP " + health.statusCode();
                } catch (IOException e) {
                    last = e.getClass().getSimpleName();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new PlatformException("interrupted while waiting for " + service.name(), e);
                }
                if (!up) {
                    pause();
                }
            }
            if (!up) {
                unhealthy.add(service.name() + " (" + (service.process().isAlive() ? last : "exited") + "; log " + service.process().log() + ")");
            }
        }
        return unhealthy;
    }

    /**
     * Stops every service at once (SIGTERM; each gets {@link ServiceProcess#STOP_TIMEOUT} to close its streams and
     * commit, then SIGKILL); one that ended by itself in time is marked as stopped cleanly.
     */
    @Override
    public void close() {
        List<Thread> stops = new ArrayList<>();
        for (Running service : running) {
            stops.add(Thread.ofPlatform().name("stop-" + service.name()).start(() -> {
                if (service.process().stopGracefully()) {
                    markCleanStop(service.name());
                }
            }));
        }
        for (Thread stop : stops) {
            try {
                stop.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void markCleanStop(String name) {
        try {
            Files.writeString(servicesDir.resolve(name).resolve(CLEAN_STOP), "stopped cleanly\n");
        } catch (IOException e) {
            // without the marker its next start rebuilds its state from the changelogs: slower, not wrong
        }
    }

    private static void pause() {
        try {
            Thread.sleep(500); // poll interval while a service starts
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
