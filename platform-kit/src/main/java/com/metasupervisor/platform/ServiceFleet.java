package com.metasupervisor.platform;

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

/**
 * The product's services on the local platform, each in a JVM of its own (its module's classes and
 * run-time classpath, written by the build to {@code target/classpath.txt}): what {@code ./ms run}
 * starts after the platform. A service whose module is not built yet is skipped, and said so.
 */
public final class ServiceFleet implements AutoCloseable {

    /** The services in start order, with the port each listens on locally. */
    public static final Map<String, Integer> SERVICES = services();

    private final List<Running> running;

    /** A started service and where it answers. */
    public record Running(String name, int port, ServiceProcess process) {
        public String url() {
            return "http://localhost:" + port;
        }
    }

    private ServiceFleet(List<Running> running) {
        this.running = running;
    }

    private static Map<String, Integer> services() {
        Map<String, Integer> services = new LinkedHashMap<>();
        services.put("reconciler-service", 8081);
        services.put("risk-service", 8082);
        services.put("allocator-service", 8083);
        services.put("governance-service", 8084);
        services.put("reporting-service", 8085);
        return services;
    }

    /** Starts every built service against {@code platform}; logs and state go under {@code workDir}. */
    public static ServiceFleet start(Path home, LocalPlatform platform, Path workDir, List<String> skipped) {
        List<Running> running = new ArrayList<>();
        for (var service : SERVICES.entrySet()) {
            String name = service.getKey();
            Path module = home.resolve(name);
            Path classpathFile = module.resolve("target/classpath.txt");
            if (!Files.isRegularFile(module.resolve("src/main/resources/application.yml"))) {
                skipped.add(name + (Files.isDirectory(module) ? " (no runnable service in this build yet)" : " (not in this build yet)"));
                continue;
            }
            if (!Files.isRegularFile(classpathFile)) {
                skipped.add(name + " (not built: run ./mvnw package)");
                continue;
            }
            String classpath;
            try {
                classpath = module.resolve("target/classes") + java.io.File.pathSeparator + Files.readString(classpathFile).strip();
            } catch (IOException e) {
                throw new PlatformException("cannot read " + classpathFile + ": " + e.getMessage(), e);
            }
            Map<String, String> config = new LinkedHashMap<>();
            config.put("kafka.bootstrap.servers", platform.bootstrapServers());
            config.put("registry.url", platform.registry().url());
            config.put("micronaut.server.port", Integer.toString(service.getValue()));
            config.put("kafka.streams.default.state.dir", workDir.resolve("state").resolve(name).toString());
            String mainClass = "com.metasupervisor." + name.replace("-service", "") + ".Application";
            running.add(new Running(name, service.getValue(),
                    ServiceProcess.start(mainClass, classpath, config, workDir.resolve(name + ".log"))));
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
