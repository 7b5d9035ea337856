package com.metasupervisor.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.metasupervisor.configrepo.files.KillList;
import com.metasupervisor.demo.latency.ZeroWeightLatency;
import com.metasupervisor.demo.score.DemoScore;
import com.metasupervisor.configrepo.files.SeedFiles;
import com.metasupervisor.configrepo.localgit.LocalGitRepository;
import com.metasupervisor.platform.FileTree;
import com.metasupervisor.platform.LocalPlatform;
import com.metasupervisor.platform.ServiceFleet;
import com.metasupervisor.platform.ServiceProcess;
import com.metasupervisor.platform.bench.LatencySamples;
import com.metasupervisor.platform.credentials.InstallationCredentials;
import com.metasupervisor.reporting.domain.report.ReportPeriod;
import com.metasupervisor.reporting.domain.report.ReportHistory;
import com.metasupervisor.reporting.domain.report.WeeklyReport;
import com.metasupervisor.reporting.feed.TopicHistoryFeed;
import com.metasupervisor.reporting.pdf.LpReportPdf;
import com.metasupervisor.schemas.ServiceCatalog;
import com.metasupervisor.simulator.FleetManifest;
import com.metasupervisor.simulator.FleetSimulation;
import com.metasupervisor.simulator.SimulationRun;
import com.metasupervisor.simulator.SimulationSpec;
import com.metasupervisor.simulator.publish.FleetReplay;
import com.metasupervisor.simulator.publish.KafkaEventSink;
import com.metasupervisor.simulator.publish.ReplayProgress;
import com.metasupervisor.simulator.publish.ReplayTotals;
import com.metasupervisor.simulator.publish.WallClockWait;
import com.metasupervisor.streams.files.AtomicFileWrite;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Ref;

/**
 * {@code ./ms demo}: the whole product on a simulated fleet with known truth (SPEC §9). A fresh demo directory
 * ({@link DemoDirectory}) gets a local-git config repository seeded with the simulated fleet's manifest and the kill
 * list; local SMTP and webhook sinks save what the product sends; the platform (broker + registry) and the five services
 * start as {@code ./ms run} starts them, pointed at those; the fleet is replayed onto the topics with a progress line;
 * once the pipeline settles the LP report of the last simulated week and the final allocation are written, a summary
 * is printed, and everything stops (or keeps running with {@code --keep-running}, until Ctrl-C).
 *
 * <p>The console shows only the demo's lines; this JVM's logging goes to {@code logs/demo.log}, each service's to
 * {@code services/<name>.log}.
 */
public final class DemoMain {

    private static final String HOME_PROPERTY = "meta-supervisor.home";
    private static final String DIR_PROPERTY = "meta-supervisor.demo-dir";
    private static final String BASE_BRANCH = "main";
    private static final Duration HEALTHY_TIMEOUT = Duration.ofMinutes(3);
    /** The pipeline has settled when its outputs have not grown for this long ... */
    private static final Duration SETTLED_AFTER = Duration.ofSeconds(10);
    /** ... or, at the latest, this long after the replay. */
    private static final Duration SETTLE_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration CHILDREN_STOP_TIMEOUT = Duration.ofSeconds(45);
    private static final int BATCH_SIZE = 1000;
    /** Governance's and risk's scoring horizon (their default): removals are timed from rows at it. */
    private static final int JUDGED_HORIZON_HOURS = 24;
    /**
     * The reconciler trains its sim models on this wall-clock interval in the demo (default P1D): at the default speed
     * about once a simulated day, as a real installation does; without a model, divergence is judged on raw PnL.
     */
    static final String MODEL_TRAIN_INTERVAL = "PT10S";
    private static final java.time.format.DateTimeFormatter CLOCK_TIME = java.time.format.DateTimeFormatter.ofPattern("MM-dd HH:mm:ss");

    private final PrintStream console;
    private final DemoOptions options;
    private final DemoDirectory dir;
    private final Path home;
    private final Clock clock = Clock.systemUTC();
    private final ScheduledExecutorService mailPoll = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "demo-mail-poll");
        t.setDaemon(true);
        return t;
    });

    // what has started, for stop(); guarded by this
    private MailSink mail;
    private WebhookSink webhooks;
    private LocalPlatform platform;
    private ServiceFleet fleet;
    private FleetWatch watch;
    private boolean stopped;
    private Instant wallStart;
    private Outcome outcome;

    /** What a finished run leaves besides the files: the score and the measured figures (the end-to-end test reads them). */
    record Outcome(DemoScore score, FleetWatch.Counts counts, List<ZeroWeightLatency.Sample> removals, List<String> branches,
                   Path lpReport, int mailSaved, int webhooksSaved, List<OperatorTraining.Outcome> training, Duration wallTime) {
        Outcome {
            training = List.copyOf(training);
        }
    }

    DemoMain(PrintStream console, DemoOptions options, DemoDirectory dir, Path home) {
        this.console = console;
        this.options = options;
        this.dir = dir;
        this.home = home;
    }

    public static void main(String[] args) throws InterruptedException {
        PrintStream console = System.out;
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (IllegalArgumentException e) {
            console.println("demo: " + e.getMessage());
            console.println(DemoOptions.USAGE);
            System.exit(2);
            return;
        }
        Path home = Path.of(System.getProperty(HOME_PROPERTY, "..")).toAbsolutePath().normalize();
        DemoDirectory dir;
        PrintStream log;
        try {
            dir = DemoDirectory.fresh(Path.of(System.getProperty(DIR_PROPERTY, home.resolve("target/demo").toString())));
            // ./ms demo puts java.io.tmpdir in the demo directory: it was just emptied
            Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
            log = new PrintStream(Files.newOutputStream(dir.logs().resolve("demo.log")), true, StandardCharsets.UTF_8);
        } catch (IOException e) {
            console.println("demo: " + e.getMessage());
            System.exit(1);
            return;
        }
        System.setOut(log);
        System.setErr(log);
        console.println("Meta-Supervisor demo in " + dir.root() + " (what a previous demo left there was deleted)");

        DemoMain demo = new DemoMain(console, options, dir, home);
        // registered first: Ctrl-C during start-up stops what has started so far
        Runtime.getRuntime().addShutdownHook(new Thread(demo::stop, "demo-stop"));
        boolean done;
        try {
            done = demo.run();
        } catch (RuntimeException | IOException e) {
            e.printStackTrace(log);
            console.println();
            console.println("demo: failed: " + e.getMessage() + " (see " + dir.logs().resolve("demo.log") + ")");
            done = false;
        }
        if (done && options.keepRunning()) {
            console.println("Running (--keep-running): the services stay up, e-mails and webhooks are still saved; Ctrl-C stops everything.");
            new CountDownLatch(1).await(); // until Ctrl-C: the shutdown hook does the rest
        }
        System.exit(done ? 0 : 1); // the shutdown hook stops everything
    }

    /** The demo from the simulation to the summary; false when the product did not come up. */
    boolean run() throws IOException, InterruptedException {
        Instant now = clock.instant();
        wallStart = now;
        Duration tick = Duration.ofMinutes(5);
        SimulationSpec spec = SimulationSpec.of(options.seed(), options.days(), options.agents(),
                SimulationSpec.startEndingBy(now, options.days(), tick), tick);
        SimulationRun simulation = FleetSimulation.run(spec);
        AtomicFileWrite.replace(dir.truth(), simulation.truth().toJson().getBytes(StandardCharsets.UTF_8));
        String brokenClass = simulation.truth().brokenClass().strategyClass();
        String killList = DemoKillList.withCrisisLimit(SeedFiles.killList(), brokenClass, DemoKillList.CRISIS_LIMIT_BPS);
        KillList.parse(killList); // refuses a text governance would refuse, naming the line
        Map<String, String> seed = new LinkedHashMap<>();
        seed.put("agents/manifest.yaml", FleetManifest.yaml(simulation.fleet(), options.seed()));
        seed.put(KillList.PATH, killList);
        LocalGitRepository.init(dir.configRepo(), BASE_BRANCH, seed).close();
        console.printf(Locale.ROOT, "Simulated fleet: seed %d, %d agents, %d days (%s to %s), %d events, replay speed %s%n",
                options.seed(), options.agents(), options.days(), spec.start(), spec.end(), simulation.events().size(), options.speed());
        console.printf(Locale.ROOT, "  config repo seeded (manifest + kill list with a CRISIS CVaR limit of %.0f bps for %s)%n",
                DemoKillList.CRISIS_LIMIT_BPS, brokenClass);

        synchronized (this) {
            mail = MailSink.start(dir.mail());
            webhooks = WebhookSink.start(dir.webhooks());
        }
        mailPoll.scheduleWithFixedDelay(this::saveMail, 1, 1, TimeUnit.SECONDS);
        console.println("Starting the platform (Kafka broker + Apicurio Registry) ...");
        LocalPlatform started = LocalPlatform.start(kafkaMode(), dir.logs());
        synchronized (this) {
            platform = started;
            if (stopped) {
                return false;
            }
        }
        console.println("  Kafka " + started.bootstrapServers() + ", registry " + started.registry().url());
        // as ./ms run: a token secret every service checks tokens with, and the local operator's token, which the demo uses
        InstallationCredentials credentials = InstallationCredentials.ensure(dir.credentials(), clock.instant());
        console.println("Starting the services ...");
        ServiceFleet.Plan plan = ServiceFleet.plan(home, ServiceCatalog.standard());
        ServiceFleet services = ServiceFleet.start(plan, started, dir.services(), credentials, overrides());
        synchronized (this) {
            fleet = services;
            if (stopped) {
                return false;
            }
        }
        plan.skipped().forEach(s -> console.println("  (skipped " + s + ")"));
        List<String> unhealthy = services.awaitHealthy(HEALTHY_TIMEOUT);
        if (!unhealthy.isEmpty()) {
            unhealthy.forEach(u -> console.println("  UNHEALTHY: " + u));
            return false;
        }
        console.println("  " + services.running().size() + " services healthy: "
                + String.join(", ", services.running().stream().map(ServiceFleet.Running::name).toList()));
        console.println("  " + credentials.consoleLine());

        FleetWatch watching = FleetWatch.start(started.bootstrapServers(), started.registry(), JUDGED_HORIZON_HOURS);
        synchronized (this) {
            watch = watching;
        }
        ReplayTotals totals = replay(simulation, spec, started, watching);
        console.printf(Locale.ROOT, "%nReplayed %d price ticks and %d alpha events (%d bad) in %.1f s; waiting for the pipeline to settle ...%n",
                totals.priceTicks(), totals.alphaEvents(), totals.badEvents(), totals.wallTime().toMillis() / 1000.0);
        Duration settled = awaitSettled(watching);
        console.println(settled.compareTo(SETTLE_TIMEOUT) >= 0
                ? "  still busy after " + settled.toSeconds() + " s: the summary counts what came so far"
                : "  settled after " + settled.toSeconds() + " s");
        saveMail();
        List<OperatorTraining.Outcome> training = train(services, credentials);

        Path pdf = writeLpReport(spec, started);
        boolean allocationWritten = writeAllocation(watching);
        printSummary(totals, watching, pdf, allocationWritten, simulation, training, credentials);
        return true;
    }

    /** The score and figures of the finished run; null before {@link #run()} returned true. */
    synchronized Outcome outcome() {
        return outcome;
    }

    /**
     * The operator's action over REST: every horizon's sim model trained now on the replayed fleet, with the operator
     * token (the reconciler refuses the call without one). None when the reconciler is not part of this build.
     */
    private static List<OperatorTraining.Outcome> train(ServiceFleet services, InstallationCredentials credentials)
            throws IOException, InterruptedException {
        var reconciler = services.running().stream().filter(s -> s.name().equals("reconciler-service")).findFirst();
        if (reconciler.isEmpty()) {
            return List.of();
        }
        String token = Files.readString(credentials.operatorTokenFile(), StandardCharsets.UTF_8).strip();
        return OperatorTraining.trainAll(java.net.URI.create(reconciler.get().url()), token);
    }

    /** Per service: the demo's config repository, sinks and report directory over the launch's own configuration. */
    private Map<String, Map<String, String>> overrides() {
        String repo = dir.configRepo().toString();
        Map<String, String> reporting = new LinkedHashMap<>();
        reporting.put("reporting.config-repo.path", repo);
        reporting.put("reporting.email.enabled", "true");
        reporting.put("reporting.email.host", "127.0.0.1");
        reporting.put("reporting.email.port", Integer.toString(mail.port()));
        reporting.put("reporting.email.starttls", "false");
        reporting.put("reporting.email.from", "meta-supervisor@demo.localhost");
        reporting.put("reporting.email.to", "lp@demo.localhost");
        reporting.put("reporting.webhook.url", webhooks.url());
        reporting.put("reporting.lp-report.output-dir", dir.reports().toString());
        reporting.put("reporting.pull-requests.debounce", "PT5S");
        return Map.of("governance-service", Map.of("governance.config-repo.path", repo), "reporting-service", reporting,
                "reconciler-service", Map.of("reconciler.model.train-interval", MODEL_TRAIN_INTERVAL));
    }

    private ReplayTotals replay(SimulationRun simulation, SimulationSpec spec, LocalPlatform started, FleetWatch watching)
            throws InterruptedException {
        try (KafkaEventSink sink = KafkaEventSink.create(started.bootstrapServers(), started.registry(), "ms-demo", Duration.ofSeconds(30))) {
            FleetReplay replay = new FleetReplay(sink, clock, WallClockWait.sleeping(clock), options.speed(), BATCH_SIZE, Duration.ofHours(1),
                    progress -> console.print("\r" + progressLine(progress, spec, watching.counts())));
            return replay.replay(simulation.events());
        } catch (com.metasupervisor.simulator.publish.EventSink.EventSinkException e) {
            throw new IllegalStateException("publishing the fleet failed: " + e.getMessage(), e);
        }
    }

    /** The line redrawn in place while the fleet is replayed. */
    static String progressLine(ReplayProgress progress, SimulationSpec spec, FleetWatch.Counts counts) {
        double day = Duration.between(spec.start(), progress.simulatedTime()).toMillis() / 86_400_000d;
        String allocation = counts.lastAllocationAt()
                .map(at -> String.format(Locale.ROOT, "%s cash %.2f", CLOCK_TIME.format(at.atOffset(ZoneOffset.UTC)),
                        counts.lastCash().orElse(0.0)))
                .orElse("none yet");
        return String.format(Locale.ROOT, "day %5.1f/%d | %6.0f events/s | open alerts %3d | last allocation %s   ", day, spec.days(),
                progress.eventsPerSecond(), counts.openAlerts(), allocation);
    }

    /**
     * Waits until the outputs stop growing for {@link #SETTLED_AFTER} (reconciled rows, alerts, decisions, allocations,
     * and what reporting's executor sends: e-mails and webhooks), at most {@link #SETTLE_TIMEOUT}; returns how long.
     */
    private Duration awaitSettled(FleetWatch watching) throws InterruptedException {
        Instant start = clock.instant();
        Instant deadline = start.plus(SETTLE_TIMEOUT);
        List<Long> outputs = outputs(watching);
        Instant lastChange = start;
        while (clock.instant().isBefore(deadline)) {
            Thread.sleep(1000); // poll interval of the watch's counts and the sinks
            List<Long> now = outputs(watching);
            if (!now.equals(outputs)) {
                outputs = now;
                lastChange = clock.instant();
            } else if (Duration.between(lastChange, clock.instant()).compareTo(SETTLED_AFTER) >= 0) {
                break;
            }
        }
        return Duration.between(start, clock.instant());
    }

    private List<Long> outputs(FleetWatch watching) {
        FleetWatch.Counts counts = watching.counts();
        saveMail();
        return List.of(counts.reconciledRows(), counts.alertRecords(), (long) watching.decisions().size(), counts.allocationSnapshots(),
                (long) webhooks.saved(), (long) mail.saved());
    }

    /** The LP report of the last simulated week (its last day = the simulation's), history from the topics. */
    private Path writeLpReport(SimulationSpec spec, LocalPlatform started) throws IOException {
        LocalDate last = LocalDate.ofInstant(spec.end(), ZoneOffset.UTC);
        LocalDate first = last.minusDays(6);
        LocalDate historyFrom = LocalDate.ofInstant(spec.start(), ZoneOffset.UTC);
        ReportPeriod period = new ReportPeriod(historyFrom.isAfter(first) ? first : historyFrom, first, last, ZoneOffset.UTC);
        Instant from = period.historyFrom().atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant until = clock.instant().plus(Duration.ofDays(1));
        ReportHistory history = new ReportHistory(24, 30);
        try (TopicHistoryFeed feed = TopicHistoryFeed.of(started.bootstrapServers(), started.registry(), history, clock,
                Duration.between(from, until).plusDays(1))) {
            feed.replay(from, until);
        }
        WeeklyReport report = history.weekly(period, clock.instant());
        Path pdf = dir.reports().resolve("lp-" + first + ".pdf");
        AtomicFileWrite.replace(pdf, LpReportPdf.render(report));
        return pdf;
    }

    private boolean writeAllocation(FleetWatch watching) throws IOException {
        var last = watching.lastAllocation();
        if (last.isEmpty()) {
            return false;
        }
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        AtomicFileWrite.replace(dir.allocation(), json.writeValueAsBytes(FleetWatch.weightsDocument(last.get())));
        return true;
    }

    private void printSummary(ReplayTotals totals, FleetWatch watching, Path pdf, boolean allocationWritten, SimulationRun simulation,
                              List<OperatorTraining.Outcome> training, InstallationCredentials credentials) {
        FleetWatch.Counts counts = watching.counts();
        List<String> branches = branches();
        console.println();
        console.println("Summary");
        console.printf(Locale.ROOT, "  events published     %d (%d price ticks, %d alpha events of which %d bad)%n", totals.events(),
                totals.priceTicks(), totals.alphaEvents(), totals.badEvents());
        console.printf(Locale.ROOT, "  reconciled rows      %d (%s)%n", counts.reconciledRows(),
                counts.distinctRows() == counts.reconciledRows() ? "all unique" : counts.distinctRows() + " distinct: DUPLICATES");
        console.printf(Locale.ROOT, "  decisions            %s%n", counts.decisionsByAction().isEmpty() ? "none" : counts.decisionsByAction());
        console.printf(Locale.ROOT, "  alert transitions    %d (%d open at the end)%s%n", counts.alertRecords(), counts.openAlerts(),
                counts.alertsByKind().isEmpty() ? "" : ", by kind " + counts.alertsByKind());
        console.printf(Locale.ROOT, "  allocation snapshots %d%n", counts.allocationSnapshots());
        console.printf(Locale.ROOT, "  models trained       %s%n", training.isEmpty() ? "none (no reconciler in this build)"
                : String.join(", ", training.stream().map(OperatorTraining.Outcome::text).toList())
                        + " (POST /models/{h}/train with the operator token)");
        console.printf(Locale.ROOT, "  PR branches          %d%s%n", branches.size(), branches.isEmpty() ? "" : ": " + String.join(", ", branches));
        console.printf(Locale.ROOT, "  e-mails saved        %d%n", mail.saved());
        console.printf(Locale.ROOT, "  webhooks saved       %d%n", webhooks.saved());
        console.printf(Locale.ROOT, "  wall time            %d s from the simulation to this summary%n",
                Duration.between(wallStart, clock.instant()).toSeconds());
        List<ZeroWeightLatency.Sample> removals = watching.removalLatencies();
        console.println(latencyText(removals, watching.removalsAwaitingZeroWeight()));
        DemoScore score = score(simulation, watching);
        console.println(score == null ? "  (the score against the truth could not be computed: see logs/demo.log)" : score.text());
        synchronized (this) {
            outcome = new Outcome(score, counts, removals, branches, pdf, mail.saved(), webhooks.saved(), training,
                    Duration.between(wallStart, clock.instant()));
        }
        console.println("Where everything is (" + dir.root() + "):");
        console.println("  config-repo/        the demo's config repository (git branch: its pull requests)");
        console.println("  mail/               " + mail.saved() + " e-mails (.eml)");
        console.println("  webhooks/           " + webhooks.saved() + " webhook payloads (.json)");
        console.println("  reports/            the LP report " + pdf.getFileName() + " (and any the service wrote)");
        console.println("  truth.json          the truth the fleet was simulated from");
        console.println("  allocation.json     " + (allocationWritten ? "the final allocation (allocation/weights.json form)" : "(no allocation was published)"));
        console.println("  logs/, services/    the demo's, the registry's and each service's log");
        console.println("  credentials/        the token secret the services check and the operator token "
                + credentials.operatorTokenFile().getFileName());
    }

    /** The supervisor scored against the truth (package score); null (logged) when it cannot be computed. */
    private static DemoScore score(SimulationRun simulation, FleetWatch watching) {
        try {
            return DemoScore.of(simulation.truth(), watching.decisions(), watching.alerts(), watching.policies(), watching.rows(), watching.weights());
        } catch (RuntimeException e) {
            e.printStackTrace(System.err);
            return null;
        }
    }

    /** Acceptance 4's figure: trigger row → zero weight, KILLs and all removals, as one reader of the topics saw them. */
    static String latencyText(List<ZeroWeightLatency.Sample> removals, int awaiting) {
        StringBuilder out = new StringBuilder("  capital pulled back  ");
        List<Double> kills = removals.stream().filter(r -> r.action().equals("KILL") && r.fromRowMillis() != null)
                .map(ZeroWeightLatency.Sample::fromRowMillis).toList();
        List<Double> all = removals.stream().filter(r -> r.fromRowMillis() != null).map(ZeroWeightLatency.Sample::fromRowMillis).toList();
        List<Double> fromDecision = removals.stream().map(ZeroWeightLatency.Sample::fromDecisionMillis).toList();
        out.append("trigger row → zero weight: KILL ").append(percentiles(kills))
                .append("; KILL + RETIRE ").append(percentiles(all))
                .append(String.format(Locale.ROOT, "%n                       decision → zero weight: %s", percentiles(fromDecision)));
        if (awaiting > 0) {
            out.append(String.format(Locale.ROOT, " (%d not zeroed at the end)", awaiting));
        }
        return out.toString();
    }

    /** Nearest-rank p50 / p99 / max of {@code millis} (the benchmarks' LatencySamples), or "none". */
    static String percentiles(List<Double> millis) {
        if (millis.isEmpty()) {
            return "none";
        }
        LatencySamples samples = LatencySamples.of("capital pulled back", millis.stream().map(ms -> Math.round(ms * 1e6)).toList());
        return String.format(Locale.ROOT, "p50 %.0f ms, p99 %.0f ms, max %.0f ms (n = %d)", samples.percentileNanos(50) / 1e6,
                samples.percentileNanos(99) / 1e6, samples.percentileNanos(100) / 1e6, millis.size());
    }

    /** The branches of the demo's config repository other than the base: one per pull request. */
    private List<String> branches() {
        try (Git git = Git.open(dir.configRepo().toFile())) {
            List<String> names = new ArrayList<>();
            for (Ref ref : git.branchList().call()) {
                String name = ref.getName().replaceFirst("^refs/heads/", "");
                if (!name.equals(BASE_BRANCH)) {
                    names.add(name);
                }
            }
            return names;
        } catch (IOException | GitAPIException e) {
            return List.of("(cannot read the branches: " + e.getMessage() + ")");
        }
    }

    private void saveMail() {
        try {
            MailSink sink;
            synchronized (this) {
                sink = mail;
            }
            if (sink != null) {
                sink.saveNew();
            }
        } catch (RuntimeException e) {
            e.printStackTrace(System.err); // logged; the next poll tries again
        }
    }

    private static LocalPlatform.KafkaMode kafkaMode() {
        String value = System.getenv(LocalPlatform.KAFKA_MODE_ENV);
        if (value == null || value.isBlank()) {
            return LocalPlatform.KafkaMode.AUTO;
        }
        try {
            return LocalPlatform.KafkaMode.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(LocalPlatform.KAFKA_MODE_ENV + " must be auto, embedded or container, was '" + value + "'");
        }
    }

    /**
     * The shutdown hook: the watch, the services (they commit as they stop), the registry and broker, the sinks; then
     * the data (the services' state, the temporary files), keeping the results and logs.
     */
    synchronized void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        console.println();
        console.println("Meta-Supervisor demo: stopping ...");
        mailPoll.shutdownNow();
        for (AutoCloseable part : new AutoCloseable[] {watch, fleet, platform}) {
            close(part);
        }
        ServiceProcess.awaitChildrenGone(CHILDREN_STOP_TIMEOUT);
        close(webhooks);
        close(mail); // saves what came last
        try {
            for (ServiceFleet.Launch launch : ServiceFleet.plan(home, ServiceCatalog.standard()).launches()) {
                FileTree.delete(launch.stateDir(dir.services()));
            }
            FileTree.delete(dir.tmp());
        } catch (IOException e) {
            console.println("  could not delete the demo's data: " + e.getMessage());
        }
        console.println("Meta-Supervisor demo: stopped; results in " + dir.root());
    }

    private static void close(AutoCloseable part) {
        if (part == null) {
            return;
        }
        try {
            part.close();
        } catch (Exception e) {
            e.printStackTrace(System.err);
        }
    }
}
