package com.metasupervisor.platform;

import com.metasupervisor.schemas.RegistrySettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real Apicurio Registry as a child process: the Quarkus app Maven resolved, on a free loopback
 * port, in-memory storage, global compatibility rule BACKWARD. Its output goes to a log file, never to
 * this JVM's console. It shares this JVM's {@code java.io.tmpdir} and stops with this JVM, gracefully
 * (SIGTERM), so that it deletes its temporary files.
 */
public final class ApicurioRegistryProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("Listening on: https?://[^:/]+:(\\d+)");
    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private final Process process;
    private final int port;
    private final Path logFile;
    private final Thread shutdownHook;

    private ApicurioRegistryProcess(Process process, int port, Path logFile, Thread shutdownHook) {
        this.process = process;
        this.port = port;
        this.logFile = logFile;
        this.shutdownHook = shutdownHook;
    }

    /** Starts it with its log {@code apicurio-registry.log} in {@code logDir}. */
    public static ApicurioRegistryProcess start(Path logDir) {
        Path home = RegistryDistribution.unpacked();
        Path logFile = logDir.resolve("apicurio-registry.log");
        List<String> command = new ArrayList<>(List.of(
                javaExecutable(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=0",
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
        // a registry outliving the JVM that started it (Ctrl-C, a failed test) would run on forever
        Thread hook = new Thread(() -> stop(process, null), "apicurio-registry-stop");
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException jvmStopping) {
            process.destroyForcibly();
            throw new PlatformException("not starting Apicurio Registry: the JVM is stopping", jvmStopping);
        }
        CompletableFuture<Integer> portFound = new CompletableFuture<>();
        Deque<String> tail = new ArrayDeque<>();
        Thread pump = Thread.ofPlatform().daemon().name("apicurio-registry-log").start(
                () -> pumpLog(process, logFile, tail, portFound));
        try {
            int port = portFound.get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            ApicurioRegistryProcess registry = new ApicurioRegistryProcess(process, port, logFile, hook);
            registry.awaitApi();
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

    @Override
    public void close() {
        stop(process, shutdownHook);
    }

    private void awaitApi() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        URI info = URI.create(settings().coreApi() + "/system/info");
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(info).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                last = "HTTP " + response.statusCode();
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
        throw new PlatformException("registry API " + info + " not ready: " + last);
    }

    private static void pumpLog(Process process, Path logFile, Deque<String> tail, CompletableFuture<Integer> portFound) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer log = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8)) {
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
                if (!portFound.isDone()) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        portFound.complete(Integer.parseInt(m.group(1)));
                    }
                }
            }
        } catch (IOException e) {
            portFound.completeExceptionally(e);
        }
        portFound.completeExceptionally(new PlatformException("registry process closed its output"
                + (process.isAlive() ? "" : " and exited with code " + process.exitValue())));
    }

    /** SIGTERM, then SIGKILL if it has not stopped in time; {@code hook} (unless null) is not needed any more. */
    private static void stop(Process process, Thread hook) {
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
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
