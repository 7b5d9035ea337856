package com.metasupervisor.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A service in a JVM of its own, on the current classpath: what a deployment runs, and what a test
 * can kill abruptly ({@link #kill()}: SIGKILL, no shutdown hooks, no final commit). Its output goes to
 * its log file, never to this JVM's console. It shares this JVM's {@code java.io.tmpdir} and stops with
 * this JVM, gracefully (SIGTERM), so that it commits its work and deletes its temporary files.
 */
public final class ServiceProcess implements AutoCloseable {

    /** How long a service gets to close its streams (final commit) after SIGTERM before SIGKILL. */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    private final Process process;
    private final Path log;
    private final Thread stopWithUs;

    private ServiceProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
        // a service outliving the JVM that started it (a failed test, Ctrl-C) would run on forever
        this.stopWithUs = new Thread(this::terminate, "stop-" + process.pid());
        try {
            Runtime.getRuntime().addShutdownHook(stopWithUs);
        } catch (IllegalStateException jvmStopping) {
            process.destroyForcibly();
            throw new PlatformException("not starting a service: the JVM is stopping", jvmStopping);
        }
    }

    /**
     * @param mainClass  the service's main class
     * @param properties system properties (Micronaut reads them as configuration)
     * @param log        where its stdout and stderr go
     */
    public static ServiceProcess start(String mainClass, Map<String, String> properties, Path log) {
        return start(mainClass, System.getProperty("java.class.path"), properties, log);
    }

    /** As {@link #start(String, Map, Path)}, on the given classpath. */
    public static ServiceProcess start(String mainClass, String classpath, Map<String, String> properties, Path log) {
        return start(mainClass, classpath, properties, log, false);
    }

    /**
     * As {@link #start(String, String, Map, Path)}; {@code appendLog}: after what the log holds (a restart keeps the
     * history of the run), else the log starts empty.
     */
    public static ServiceProcess start(String mainClass, String classpath, Map<String, String> properties, Path log,
                                       boolean appendLog) {
        return start(mainClass, classpath, properties, Map.of(), log, appendLog);
    }

    /**
     * As {@link #start(String, String, Map, Path, boolean)}, with {@code environment} set in the process's environment
     * (over what it inherits; a null value removes the variable): how the fleet hands a service the path of its token
     * secret without putting anything on a command line that every user of the machine can read.
     */
    public static ServiceProcess start(String mainClass, String classpath, Map<String, String> properties,
                                       Map<String, String> environment, Path log, boolean appendLog) {
        List<String> command = new ArrayList<>(OwnSession.prefix());
        command.addAll(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx768m", "-XX:+UseSerialGC", "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"),
                // JDK 25 warns about Netty's and Kafka's use of sun.misc.Unsafe and native code
                "--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"));
        properties.forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.addAll(List.of("-cp", classpath, mainClass));
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder.Redirect output = appendLog ? ProcessBuilder.Redirect.appendTo(log.toFile())
                    : ProcessBuilder.Redirect.to(log.toFile());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output);
            environment.forEach((name, value) -> {
                if (value == null) {
                    builder.environment().remove(name);
                } else {
                    builder.environment().put(name, value);
                }
            });
            Process process = builder.start();
            return new ServiceProcess(process, log);
        } catch (IOException e) {
            throw new PlatformException("could not start " + mainClass + ": " + e.getMessage(), e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path log() {
        return log;
    }

    public ProcessHandle processHandle() {
        return process.toHandle();
    }

    /** Its exit status once it has ended (143 after SIGTERM, 137 after SIGKILL), else empty. */
    public java.util.OptionalInt exitCode() {
        return process.isAlive() ? java.util.OptionalInt.empty() : java.util.OptionalInt.of(process.exitValue());
    }

    /** SIGKILL: the process gets no chance to commit, flush or close anything. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dropShutdownHook();
    }

    /** SIGTERM: a graceful stop (SIGKILL if it has not stopped in {@link #STOP_TIMEOUT}). */
    @Override
    public void close() {
        stopGracefully();
    }

    /**
     * As {@link #close()}; true when it ended by itself within {@link #STOP_TIMEOUT} after the SIGTERM (it closed its
     * Kafka Streams and committed), false when it had to be killed or had died before.
     */
    public boolean stopGracefully() {
        boolean ended = terminate();
        dropShutdownHook();
        return ended;
    }

    /** True when it was running and ended by itself after SIGTERM. */
    private boolean terminate() {
        boolean aliveBefore = process.isAlive();
        return ProcessStop.gracefully(process.toHandle(), STOP_TIMEOUT, KILL_WAIT) == ProcessStop.Outcome.ENDED && aliveBefore;
    }

    private void dropShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopWithUs);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running anyway
        }
    }

    /**
     * Waits until every child process of this JVM is gone, whoever stopped it (their own hooks stop them too, and a
     * stop during start-up can find a child not yet in a fleet), at most {@code timeout}; then kills what is left.
     * What {@code ./ms run} and {@code ./ms demo} do before deleting their data.
     */
    public static void awaitChildrenGone(Duration timeout) {
        List<CompletableFuture<ProcessHandle>> exits =
                ProcessHandle.current().descendants().map(ProcessHandle::onExit).toList();
        try {
            CompletableFuture.allOf(exits.toArray(CompletableFuture[]::new))
                    .get(timeout.toSeconds(), TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            ProcessHandle.current().descendants().forEach(ProcessHandle::destroyForcibly);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("onExit does not fail", e);
        }
    }
}
