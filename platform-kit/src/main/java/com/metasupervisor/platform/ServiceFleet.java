package com.metasupervisor.platform;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The product's services on the local platform, each in a JVM of its own (its module's classes and
 * run-time classpath, written by the build to {@code target/classpath.txt}): what {@code ./ms run}
 * starts after the platform. Which services there are, their ports, main classes and application ids
 * come from the service catalog ({@link ServiceCatalog#standard()}). A service whose module is not
 * built yet is skipped, and said so.
 */
public final class ServiceFleet implements AutoCloseable {

    private final List<Running> running;

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

        /** The configuration it starts with (system properties, which Micronaut reads before application.yml). */
        public Map<String, String> config(String bootstrapServers, String registryUrl, Path workDir) {
            Map<String, String> config = new LinkedHashMap<>();
            config.put("kafka.bootstrap.servers", bootstrapServers);
            config.put("registry.url", registryUrl);
            config.put("micronaut.server.port", Integer.toString(service.port()));
            config.put("kafka.streams.default.application.id", service.applicationId());
            config.put("kafka.streams.default.state.dir", workDir.resolve("state").resolve(service.name()).toString());
            config.putAll(service.runConfig(workDir.resolve(service.name()).toString()));
            return config;
        }
    }

    private ServiceFleet(List<Running> running) {
        this.running = running;
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

    /** Starts every built service of the service catalog in force against {@code platform}; logs and state go under {@code workDir}. */
    public static ServiceFleet start(Path home, LocalPlatform platform, Path workDir, List<String> skipped) {
        Plan plan = plan(home, ServiceCatalog.standard());
        skipped.addAll(plan.skipped());
        return start(plan, platform, workDir);
    }

    /** Starts the services {@code plan} launches against {@code platform}; logs and state go under {@code workDir}. */
    public static ServiceFleet start(Plan plan, LocalPlatform platform, Path workDir) {
        return start(plan, platform, workDir, Map.of());
    }

    /**
     * As {@link #start(Plan, LocalPlatform, Path)}, with per-service configuration ({@code overrides}, by
     * service name) added over each launch's own: how {@code ./ms demo} points the services at its config
     * repository and its mail and webhook sinks.
     */
    public static ServiceFleet start(Plan plan, LocalPlatform platform, Path workDir, Map<String, Map<String, String>> overrides) {
        Objects.requireNonNull(overrides, "overrides");
        List<Running> running = new ArrayList<>();
        for (Launch launch : plan.launches()) {
            ServiceDefinition service = launch.service();
            Map<String, String> config = launch.config(platform.bootstrapServers(), platform.registry().url(), workDir);
            config.putAll(overrides.getOrDefault(service.name(), Map.of()));
            running.add(new Running(service.name(), service.port(), ServiceProcess.start(service.mainClass(), launch.classpath(),
                    config, workDir.resolve(service.name() + ".log"))));
        }
        return new ServiceFleet(running);
    }

    public List<Running> running() {
        return running;
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

    @Override
    public void close() {
        for (Running service : running.reversed()) {
            service.process().close();
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
