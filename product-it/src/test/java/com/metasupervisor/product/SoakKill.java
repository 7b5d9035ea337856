package com.metasupervisor.product;

import static org.awaitility.Awaitility.await;

import com.metasupervisor.schemas.ServiceDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One SIGKILL of a process of the run (the broker, the registry or a service) while the feed goes on, and what
 * followed: the launcher's restart of it (a new pid in processes.properties), the time until every service's
 * {@code /health} is UP again, the time until every service's consumer lag is back to about zero
 * ({@link SoakSettings#caughtUpLag()}), which services' {@code /health} was seen not UP meanwhile (polled every
 * 250 ms), and whether any other process of the run was restarted (a broker or registry outage must not restart a
 * service: they ride it out).
 *
 * @param role             broker, registry or a service name
 * @param killedPid        the pid SIGKILLed
 * @param newPid           the pid the launcher restarted it as (empty: not restarted in time)
 * @param ackedAtKill      events acknowledged when it was killed
 * @param midStream        killed while events were still being fed
 * @param restarted        kill -> the new pid in processes.properties
 * @param healthUp         kill -> every service's /health UP (after the restart)
 * @param lagCaughtUp      kill -> every service's lag at most about one second of feed
 * @param lagCaughtUpByService kill -> the first time each service's own lag was that low (polled every second
 *                         once /health was UP): which service the recovery waited for
 * @param notUpSeen        services whose /health was seen DOWN or unreachable between the kill and healthUp
 * @param othersRestarted  other roles whose pid changed meanwhile (must be none)
 * @param stateIfNotRecovered for a recovery that did not come: each service's /health and lag at the end of the wait
 */
record SoakKill(String role, long killedPid, Optional<Long> newPid, long ackedAtKill, boolean midStream,
        Optional<Duration> restarted, Optional<Duration> healthUp, Optional<Duration> lagCaughtUp,
        Map<String, Duration> lagCaughtUpByService, Set<String> notUpSeen, List<String> othersRestarted, String stateIfNotRecovered) {

    static final Duration HEALTH_POLL = Duration.ofMillis(250);

    /** Kills {@code role} and measures its recovery; never throws for a recovery that did not happen (it is recorded). */
    static SoakKill of(String role, SoakInstallation run, Feeder feeder, ServiceHealth health, ConsumerLag lag,
            List<ServiceDefinition> services, long caughtUpLag) {
        Map<String, Long> before = run.settledPids(List.of(role));
        Long pid = before.get(role);
        if (pid == null) {
            throw new IllegalStateException("no " + role + ".pid in processes.properties: " + before);
        }
        ProcessHandle victim = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException(role + " pid " + pid + " is not running"));
        Set<String> notUp = ConcurrentHashMap.newKeySet();
        // one watcher per service: asked one after the other, with a 3 s timeout each while the broker is away, the
        // last services would be asked only as the broker came back, and their outage never seen
        List<HealthWatch> watches = services.stream().map(s -> new HealthWatch(health, List.of(s), notUp)).toList();
        List<Thread> watchers = watches.stream()
                .map(w -> Thread.ofPlatform().daemon().name("soak-health-watch").start(w)).toList();
        long ackedAtKill = feeder.ackedEvents();
        boolean midStream = !feeder.eventsSent();
        long t0 = System.nanoTime();
        victim.destroyForcibly(); // SIGKILL
        Optional<Duration> restarted = within(() -> {
            Long now = run.pids().get(role);
            return now != null && now != pid.longValue() && ProcessHandle.of(now).map(ProcessHandle::isAlive).orElse(false);
        }, t0, Duration.ofMillis(200));
        Optional<Duration> healthUp = restarted.flatMap(r -> within(health::allUp, t0, HEALTH_POLL));
        String healthNow = healthUp.isPresent() ? "" : health.all() + ", last failure: " + health.lastFailure();
        watches.forEach(HealthWatch::stop);
        watchers.forEach(SoakKill::joinQuietly);
        Map<String, Duration> firstCaughtUp = new java.util.concurrent.ConcurrentHashMap<>();
        Optional<Duration> lagCaughtUp = healthUp.flatMap(h -> within(() -> {
            Map<String, Long> totals = lag.totals(services);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
            totals.forEach((service, total) -> {
                if (total >= 0 && total <= caughtUpLag) {
                    firstCaughtUp.putIfAbsent(service, elapsed);
                }
            });
            return totals.values().stream().allMatch(total -> total >= 0 && total <= caughtUpLag);
        }, t0, Duration.ofSeconds(1)));
        Map<String, Long> after = run.settledPids(before.keySet());
        List<String> others = new ArrayList<>();
        before.forEach((other, otherPid) -> {
            if (!other.equals(role) && !otherPid.equals(after.get(other))) {
                others.add(other + " " + otherPid + " -> " + after.get(other));
            }
        });
        Optional<Long> newPid = Optional.ofNullable(after.get(role)).filter(p -> p != pid.longValue());
        String lagNow = lagCaughtUp.isPresent() ? "" : lag.totals(services).toString();
        Map<String, Duration> byService = new java.util.LinkedHashMap<>();
        services.forEach(service -> {
            if (firstCaughtUp.containsKey(service.name())) {
                byService.put(service.name(), firstCaughtUp.get(service.name()));
            }
        });
        return new SoakKill(role, pid, newPid, ackedAtKill, midStream, restarted, healthUp, lagCaughtUp,
                Collections.unmodifiableMap(byService), Set.copyOf(notUp), List.copyOf(others), (healthNow + " " + lagNow).strip());
    }

    /** Every figure there: restarted, healthy, caught up, nothing else restarted. */
    boolean recovered() {
        return newPid.isPresent() && restarted.isPresent() && healthUp.isPresent() && lagCaughtUp.isPresent()
                && othersRestarted.isEmpty();
    }

    private static Optional<Duration> within(java.util.concurrent.Callable<Boolean> condition, long t0, Duration poll) {
        try {
            await().atMost(SoakSettings.RECOVERY_TIMEOUT).pollInterval(poll).ignoreExceptions().until(condition);
            return Optional.of(Duration.ofNanos(System.nanoTime() - t0));
        } catch (ConditionTimeoutException e) {
            return Optional.empty();
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Polls every service's /health until stopped, recording those seen not UP. */
    private static final class HealthWatch implements Runnable {
        private final ServiceHealth health;
        private final List<ServiceDefinition> services;
        private final Set<String> notUp;
        private volatile boolean stopped;

        HealthWatch(ServiceHealth health, List<ServiceDefinition> services, Set<String> notUp) {
            this.health = health;
            this.services = services;
            this.notUp = notUp;
        }

        void stop() {
            stopped = true;
        }

        @Override
        public void run() {
            while (!stopped) {
                long next = System.nanoTime() + HEALTH_POLL.toNanos();
                for (ServiceDefinition service : services) {
                    try {
                        if (health.of(service) != ServiceHealth.Status.UP) {
                            notUp.add(service.name());
                        }
                    } catch (RuntimeException e) {
                        notUp.add(service.name() + " (" + e + ")");
                    }
                }
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait); // the poll's cadence
                }
            }
        }
    }

    /** One line of the report's kill table. */
    String tableRow() {
        return "| " + role + " | " + killedPid + " → " + newPid.map(String::valueOf).orElse("none") + " | " + ackedAtKill
                + (midStream ? "" : " (after the feed)") + " | " + seconds(restarted) + " | " + seconds(healthUp) + " | "
                + seconds(lagCaughtUp) + " | " + lagCaughtUpByService.entrySet().stream()
                        .map(e -> e.getKey().replace("-service", "") + " " + seconds(Optional.of(e.getValue())))
                        .collect(java.util.stream.Collectors.joining(", ")) + " | " + (notUpSeen.isEmpty() ? "none" : String.join(", ", new LinkedHashSet<>(
                        notUpSeen.stream().sorted().toList()))) + " | " + (othersRestarted.isEmpty() ? "none" : String.join("; ", othersRestarted)) + " |";
    }

    static String tableHeader() {
        return "| killed | pid → restarted as | events acked at the kill | restarted after | every /health UP after "
                + "| every lag caught up after | each service's lag first caught up after | /health seen not UP | other processes restarted |\n"
                + "|---|---|---|---|---|---|---|---|---|";
    }

    private static String seconds(Optional<Duration> d) {
        return d.map(x -> String.format(java.util.Locale.ROOT, "%.1f s", x.toMillis() / 1000.0)).orElse("not within "
                + SoakSettings.RECOVERY_TIMEOUT.toMinutes() + " min");
    }
}
