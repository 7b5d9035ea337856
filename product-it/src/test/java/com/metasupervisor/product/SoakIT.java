package com.metasupervisor.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.metasupervisor.schemas.ServiceCatalog;
import com.metasupervisor.schemas.ServiceDefinition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Issue 15, acceptance 2-5, outside CI ({@code ./ms soak}, or {@code -Dsoak.events=N} on this module's tests):
 * {@code ./ms run --no-build} on a fresh data directory, {@link SoakFeed}'s events and ticks fed through an idempotent
 * producer, and meanwhile the broker, the registry and each service SIGKILLed in turn ({@link SoakKill}: the launcher
 * restarts it; recovery measured). After the feed, once every service has consumed everything: every (event, horizon)
 * exactly once in {@code alpha.reconciled} ({@link ExactlyOnceCheck}), every risk figure equal to a recomputation from
 * those rows ({@link RiskRecomputation}), the other services' outputs free of duplicated or lost writes
 * ({@link ServiceOutputChecks}), every dead-letter topic empty ({@link DeadLetterCount}), every schema id unchanged
 * ({@link SchemaIds}), then the data directory's size after a clean stop ({@link DiskUsage}). Writes
 * {@code target/soak/report.md}, prints it, and fails when a check failed.
 */
@EnabledIfSystemProperty(named = "soak.events", matches = "\\d+")
class SoakIT {

    @Test
    void everyProcessKilledUnderLoadAndEveryOutputExactlyOnce() throws Exception {
        SoakSettings settings = SoakSettings.fromSystemProperties();
        deleteTree(settings.dataDir());
        deleteTree(settings.runDir());
        List<ServiceDefinition> services = ServiceCatalog.standard().services();
        SoakReport report = new SoakReport(settings);
        try {
            soak(settings, services, report);
        } catch (Exception | AssertionError e) {
            report.check(new SoakCheck("the soak ran to its end", false, e.toString()));
            throw e;
        } finally {
            report.write();
            System.out.println(report.markdown());
            System.out.println("(written to " + settings.reportFile() + ")");
        }
        assertThat(report.failed()).as("failed checks; the report is " + settings.reportFile()).isEmpty();
    }

    private static void soak(SoakSettings settings, List<ServiceDefinition> services, SoakReport report) throws Exception {
        long t0 = System.nanoTime();
        SoakInstallation run = SoakInstallation.start(settings);
        Feeder feeding = null;
        try {
            run.awaitHealthy();
            long healthyAt = System.nanoTime();
            report.figure("./ms run start to HEALTHY (fresh data directory)", SoakReport.seconds(Duration.ofNanos(healthyAt - t0)));
            report.figure("processes", run.pids().toString());
            SoakFeed feed = new SoakFeed(settings.seed(), settings.events(), settings.agents(), Instant.now().minus(Duration.ofMinutes(10)));
            ServiceHealth health = new ServiceHealth(services);
            // the probe itself first: a recovery is measured by it
            try {
                await("every service's /health UP as the soak sees it").atMost(Duration.ofMinutes(2))
                        .pollInterval(Duration.ofSeconds(1)).until(health::allUp);
            } catch (ConditionTimeoutException e) {
                throw new IllegalStateException("the soak's /health probe: " + health.all() + ", last failure " + health.lastFailure(), e);
            }
            TopicReader reader = new TopicReader(run.bootstrapServers());
            try (ConsumerLag lag = new ConsumerLag(run.bootstrapServers());
                    Feeder feeder = new Feeder(feed, settings.rate(), run.bootstrapServers(), run.registryUrl())) {
                feeder.start();
                feeding = feeder;
                SchemaIds idsBefore = killInTurn(settings, services, report, run, feeder, health, lag);
                await("the feed's end").atMost(feedBudget(settings, feed)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> {
                            feeder.checkNotCrashed();
                            return feeder.done();
                        });
                feeder.checkNotCrashed();
                long fed = System.nanoTime();
                report.figure("events acknowledged / sent", feeder.ackedEvents() + " / " + settings.events()
                        + " (ticks acknowledged " + feeder.ackedTicks() + " / " + feed.ticks() + ", failed sends " + feeder.failedSends()
                        + (feeder.firstFailure() == null ? "" : ", first: " + feeder.firstFailure()) + "; serializations retried while "
                        + "the registry was away: " + feeder.serializerWaits() + ")");
                report.figure("feed rate (events acknowledged per second of the events' feed, paced at " + settings.rate() + "/s)",
                        String.format(java.util.Locale.ROOT, "%.0f events/s over %s", feeder.eventRate(),
                                SoakReport.seconds(feeder.eventFeedDuration())));
                report.figure("whole feed (events, then 25 h of ticks)", SoakReport.seconds(feeder.totalDuration()));
                BitSet acked = feeder.ackedEventSet();
                drain(services, report, lag, acked.cardinality(), fed, healthyAt);

                ExactlyOnceCheck rows = ExactlyOnceCheck.read(feed, reader, run.registryUrl());
                long missing = rows.missing(acked);
                report.check(new SoakCheck("alpha.reconciled: every (event_id, horizon) at most once", rows.duplicates() == 0
                        && rows.foreign() == 0 && rows.undecodable() == 0, rows.rows().size() + " rows, " + rows.duplicates()
                        + " duplicates, " + rows.foreign() + " of no event of the feed, " + rows.undecodable() + " undecodable"));
                report.check(new SoakCheck("alpha.reconciled: every acknowledged event with its 1, 4 and 24 h rows", missing == 0,
                        acked.cardinality() + " events acknowledged, " + missing + " (event, horizon) pairs missing, "
                                + rows.rowsOfUnacknowledged(acked) + " rows of events whose acknowledgement was lost"));
                report.check(new SoakCheck("alpha.reconciled: matured_at and realized PnL as the feed's ticks give them",
                        rows.wrongValues() == 0, rows.wrongValues() + " rows differ"));
                if (!rows.examples().isEmpty()) {
                    report.note("alpha.reconciled examples: " + rows.examples());
                }
                report.check(new SoakCheck("every send acknowledged (the producer waited out every outage)",
                        feeder.failedSends() == 0 && acked.cardinality() == settings.events(),
                        feeder.failedSends() + " failed sends"));

                RiskRecomputation risk = RiskRecomputation.check(rows.rows(), reader, run.registryUrl());
                report.check(new SoakCheck("risk.strategy-cvar and risk.agent-stats: final figures = recomputation from the rows",
                        risk.mismatchCount() == 0 && risk.missingKeys().isEmpty() && risk.cvarKeys() > 0 && risk.agentKeys() > 0,
                        risk.cvarKeys() + " CVaR keys, " + risk.agentKeys() + " agents, " + risk.mismatchCount() + " figures differ"
                                + (risk.missingKeys().isEmpty() ? "" : ", keys without a final value: " + risk.missingKeys())
                                + (risk.mismatchExamples().isEmpty() ? "" : ", e.g. " + risk.mismatchExamples())));
                ServiceOutputChecks.check(reader, run.registryUrl()).forEach(report::check);

                DeadLetterCount deadLetters = DeadLetterCount.read(lag.admin(), reader);
                report.check(new SoakCheck("every *.dlq empty (no valid record dead-lettered, by a registry outage or otherwise)",
                        deadLetters.total() == 0, deadLetters.total() + " dead letters" + (deadLetters.total() == 0 ? ""
                                : " by topic stage/reason: " + deadLetters.byTopicStageReason())));
                SchemaIds idsAfter = SchemaIds.read(run.registryUrl());
                Map<String, String> moved = idsAfter.changesSince(idsBefore);
                boolean anyMoved = moved.values().stream().anyMatch(change -> !change.startsWith("new"));
                report.check(new SoakCheck("every subject's schema ids unchanged from before the kills", !anyMoved,
                        idsBefore.idsBySubjectVersion().size() + " subject versions before, " + idsAfter.idsBySubjectVersion().size()
                                + " after" + (moved.isEmpty() ? "" : "; changes: " + moved)));
                report.check(new SoakCheck("no process of the run other than the one killed was restarted by a kill",
                        report.kills().stream().allMatch(k -> k.othersRestarted().isEmpty()), "see the kill table"));
            }
        } finally {
            long stopping = System.nanoTime();
            run.close();
            report.figure("clean stop of the run (SIGTERM to ./ms run)", SoakReport.seconds(Duration.ofNanos(System.nanoTime() - stopping))
                    + ", exit status " + run.exitStatus().map(String::valueOf).orElse("none"));
            run.console().stream().filter(line -> line.startsWith("Meta-Supervisor:") || line.startsWith("  ") || line.startsWith("(soak"))
                    .filter(line -> line.contains("restarted") || line.contains("stopped") || line.contains("killed"))
                    .forEach(line -> report.note("console: `" + line.strip() + "`"));
            if (Files.isDirectory(settings.dataDir())) {
                try {
                    DiskUsage usage = DiskUsage.of(settings.dataDir());
                    report.disk(usage);
                    // a run that stopped early has fed fewer events than asked: the size is of what was fed
                    report.figure("data directory, allocated (du -s -B1) after " + (feeding == null ? 0 : feeding.ackedEvents())
                                    + " events acknowledged",
                            DiskUsage.human(usage.allocated().values().iterator().next()));
                } catch (IOException e) {
                    report.note("du failed: " + e.getMessage()); // a figure missing, not a reason to hide the run's outcome
                }
            }
        }
    }

    /**
     * The broker, the registry, then each service, SIGKILLed in turn, the i-th once i/(kills + 2) of the events are
     * acknowledged (or at once when the previous recovery took longer). Returns the schema ids taken just before
     * the first kill.
     */
    private static SchemaIds killInTurn(SoakSettings settings, List<ServiceDefinition> services, SoakReport report,
            SoakInstallation run, Feeder feeder, ServiceHealth health, ConsumerLag lag) throws Exception {
        List<String> roles = new ArrayList<>(List.of("broker", "registry"));
        services.forEach(s -> roles.add(s.name()));
        SchemaIds before = null;
        for (int i = 0; i < roles.size(); i++) {
            long due = (long) settings.events() * (i + 1) / (roles.size() + 2);
            await("event " + due + " acknowledged").atMost(SoakSettings.DRAIN_TIMEOUT).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        feeder.checkNotCrashed();
                        return feeder.ackedEvents() >= due || feeder.eventsSent();
                    });
            if (before == null) {
                before = SchemaIds.read(run.registryUrl());
            }
            SoakKill kill = SoakKill.of(roles.get(i), run, feeder, health, lag, services, settings.caughtUpLag());
            report.kill(kill);
            boolean shouldGoDown = roles.get(i).equals("broker") || roles.get(i).equals("registry");
            report.check(new SoakCheck("SIGKILL " + roles.get(i) + ": restarted, every /health UP and every lag caught up within "
                    + SoakSettings.RECOVERY_TIMEOUT.toMinutes() + " min" + (kill.midStream() ? "" : " (killed after the feed)"),
                    kill.recovered(), kill.recovered() ? "see the kill table" : kill.tableRow() + "; then: " + kill.stateIfNotRecovered()));
            if (shouldGoDown) {
                report.check(new SoakCheck("SIGKILL " + roles.get(i) + ": every service's /health reported it (not UP) meanwhile",
                        kill.notUpSeen().size() == services.size(), "not UP seen: " + kill.notUpSeen()));
            }
            if (!kill.recovered()) {
                // what follows would measure a product with a process missing: stop here, with the report
                throw new IllegalStateException("SIGKILL " + roles.get(i) + ": no recovery within " + SoakSettings.RECOVERY_TIMEOUT
                        + " (" + kill.tableRow() + "; then: " + kill.stateIfNotRecovered() + "); the soak stops here");
            }
        }
        return before;
    }

    /**
     * Waits until every service has consumed everything, seen on two polls in a row (a service can write to another's
     * input after that one was seen at 0: governance's statuses feed the allocator).
     */
    private static void drain(List<ServiceDefinition> services, SoakReport report, ConsumerLag lag, long ackedEvents,
            long fedNanos, long startNanos) {
        int[] zeroPolls = {0};
        try {
            await("every service's lag 0").atMost(SoakSettings.DRAIN_TIMEOUT).pollInterval(Duration.ofSeconds(2))
                    .until(() -> {
                        zeroPolls[0] = lag.allAtMost(services, 0) ? zeroPolls[0] + 1 : 0;
                        return zeroPolls[0] >= 2;
                    });
            long drained = System.nanoTime();
            report.figure("feed end → every service's lag 0", SoakReport.seconds(Duration.ofNanos(drained - fedNanos)));
            report.figure("product throughput (events / (HEALTHY → every lag 0), kills included)", String.format(java.util.Locale.ROOT,
                    "%.0f events/s", ackedEvents / ((drained - startNanos) / 1e9)));
        } catch (ConditionTimeoutException e) {
            report.check(new SoakCheck("every service consumed everything after the feed", false,
                    "lags after " + SoakSettings.DRAIN_TIMEOUT + ": " + lag.totals(services)));
        }
    }

    private static Duration feedBudget(SoakSettings settings, SoakFeed feed) {
        long seconds = settings.events() / settings.rate() + (feed.ticks() - settings.events()) / Math.max(2_000, 2L * settings.rate());
        return Duration.ofSeconds(seconds * 2).plus(SoakSettings.DRAIN_TIMEOUT);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
