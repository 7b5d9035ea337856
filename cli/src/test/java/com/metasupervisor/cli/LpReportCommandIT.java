package com.metasupervisor.cli;

import static com.metasupervisor.testkit.ReconciledRowBuilder.reconciledRow;
import static org.assertj.core.api.Assertions.assertThat;

import com.metasupervisor.avro.AgentAllocation;
import com.metasupervisor.avro.AllocationSnapshot;
import com.metasupervisor.avro.ReconciledAlpha;
import com.metasupervisor.platform.LocalPlatform;
import com.metasupervisor.platform.SharedPlatformExtension;
import com.metasupervisor.schemas.Topics;
import com.metasupervisor.testkit.CatalogRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./ms lp-report} against the real broker and registry (issue 13: "a cli command renders the report for a period
 * from the topics to a PDF, and its pages to PNG"): an allocation and reconciled rows on the topics, the command's PDF
 * holds the fleet's weighted PnL computed here by hand, and one PNG per page.
 */
@ExtendWith(SharedPlatformExtension.class)
class LpReportCommandIT {

    @Test
    void rendersThePeriodFromTheTopicsToAPdfAndPngPages(LocalPlatform platform, @TempDir Path dir) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String alpha = "alpha-" + run;
        String beta = "beta-" + run;
        Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant allocatedAt = now.minus(4, ChronoUnit.DAYS);
        CatalogRecords.produce(platform, Topics.ALLOCATIONS, s -> "fleet", List.of(AllocationSnapshot.newBuilder()
                .setSnapshotId("snap-" + run).setPolicy("composite")
                .setAllocations(List.of(allocation(alpha, 0.5, run, allocatedAt), allocation(beta, 0.25, run, allocatedAt)))
                .setCash(0.25).setMinAllocation(0.0).setMaxAllocation(0.5).setRegime("TREND").setRegimeMultiplier(1.0)
                .setGuardianPaused(false).setSource("allocator").setReasonForPublish("scheduled").setWarnings(List.of())
                .setAsOf(allocatedAt).build()));
        List<ReconciledAlpha> rows = List.of(
                reconciledRow().eventId("e1-" + run).agent(alpha).horizonHours(24).maturedAt(now.minus(3, ChronoUnit.DAYS)).realizedBps(10).build(),
                reconciledRow().eventId("e2-" + run).agent(beta).horizonHours(24).maturedAt(now.minus(2, ChronoUnit.DAYS)).realizedBps(-4).build(),
                reconciledRow().eventId("e3-" + run).agent(alpha).horizonHours(24).maturedAt(now.minus(1, ChronoUnit.DAYS)).realizedBps(6).build(),
                // another horizon: not the report's
                reconciledRow().eventId("e4-" + run).agent(alpha).horizonHours(4).maturedAt(now.minus(1, ChronoUnit.DAYS)).realizedBps(500).build());
        CatalogRecords.produce(platform, Topics.ALPHA_RECONCILED, ReconciledAlpha::getAgent, rows);
        // 0.5·10 + 0.25·(−4) + 0.5·6, each row weighted by the allocation in force when it matured
        double fleetPnl = 0.5 * 10 + 0.25 * -4 + 0.5 * 6;

        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Path pdf = dir.resolve("lp.pdf");
        Path pages = dir.resolve("pages");
        CommandRun result = CommandRun.of("lp-report", "--from", today.minusDays(6).toString(), "--to", today.toString(),
                "--history-weeks", "2", "--output", pdf.toString(), "--png", pages.toString(), "--dpi", "40",
                "--bootstrap-servers", platform.bootstrapServers(), "--registry-url", platform.registry().url());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("lp-report: " + today.minusDays(6) + " to " + today).contains(pdf.getFileName().toString());
        try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
            String text = new PDFTextStripper().getText(document);
            assertThat(text).contains("Meta-Supervisor weekly LP report")
                    .contains(String.format(java.util.Locale.ROOT, "fleet PnL %.1f bps", fleetPnl))
                    .contains(alpha).contains(beta);
            try (var pngs = Files.list(pages)) {
                assertThat(pngs.filter(p -> p.toString().endsWith(".png")).count()).isEqualTo(document.getNumberOfPages());
            }
        }
    }

    @Test
    void aPeriodThatIsNotOneIsAUsageErrorNamingTheOption() {
        CommandRun result = CommandRun.of("lp-report", "--from", "2026-11-30", "--to", "2026-11-01");
        assertThat(result.exitCode()).isEqualTo(LpReportCommand.USAGE);
        assertThat(result.err()).contains("--to 2026-11-01 is before --from 2026-11-30");
        assertThat(CommandRun.of("lp-report", "--zone", "Mars/Olympus").err()).contains("--zone: not a time zone");
    }

    private static AgentAllocation allocation(String agent, double weight, String run, Instant at) {
        return AgentAllocation.newBuilder().setAgent(agent).setWeight(weight).setPolicy("composite").setAsOf(at)
                .setSnapshotId("snap-" + run).setStrategyClass("arb").setStatus("LIVE").build();
    }
}
