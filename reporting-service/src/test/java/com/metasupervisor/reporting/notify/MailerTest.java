package com.metasupervisor.reporting.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.metasupervisor.reporting.config.EmailSettings;
import com.metasupervisor.reporting.domain.DailyPnl;
import com.metasupervisor.reporting.domain.Drawdowns;
import com.metasupervisor.reporting.domain.MonthlyReturns;
import com.metasupervisor.reporting.domain.RollingSharpe;
import com.metasupervisor.reporting.domain.TearSheetFigures;
import com.metasupervisor.reporting.domain.report.AgentLine;
import com.metasupervisor.reporting.domain.report.AlertLine;
import com.metasupervisor.reporting.domain.report.DailySummary;
import com.metasupervisor.reporting.domain.report.DecisionLine;
import com.metasupervisor.reporting.domain.report.DisabledClass;
import com.metasupervisor.reporting.domain.report.ReportPeriod;
import com.metasupervisor.reporting.domain.report.WeeklyReport;
import com.metasupervisor.reporting.domain.report.WeightChange;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** The three e-mails as a real SMTP server (GreenMail) receives them: subject, figures, attachment, Message-ID. */
class MailerTest {

    private static final String USER = "ops-sender";
    private static final String PASSWORD = "Sm7p-Pa55word-Secret";
    private static final String FROM = "meta-supervisor@fleet.example";
    private static final String TO = "ops@fleet.example";
    private static final Instant NOW = Instant.parse("2026-11-30T07:00:00Z");

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser(USER, PASSWORD));

    private static EmailSettings settings(int port, List<String> to) {
        return new EmailSettings(true, "127.0.0.1", port, false, FROM, Optional.of(to), Optional.of(USER),
                "REPORTING_SMTP_PASSWORD", "0 0 7 * * *", "0 0 7 * * MON", "UTC", List.of("OPENED", "ESCALATED"),
                Duration.ofSeconds(10));
    }

    private static Mailer mailer(String password) {
        EmailSettings settings = settings(SMTP.getSmtp().getPort(), List.of(TO));
        return new Mailer(settings, settings.login(Map.of("REPORTING_SMTP_PASSWORD", password)::get), InstantSource.fixed(NOW));
    }

    @Test
    void aDivergenceAlertCarriesItsFiguresAndTheMessageIdOfItsActionKey() throws Exception {
        AlertLine alert = new AlertLine(Instant.parse("2026-11-30T06:15:00Z"), "al-9", "alpha-1", "ESCALATED", "HIGH",
                "live PnL -42.5 bps vs expected +3.1 bps over 24 h");
        String key = "email:alert:al-9:ESCALATED";

        String messageId = mailer(PASSWORD).sendDivergenceAlert(key, alert);

        MimeMessage received = only(SMTP.getReceivedMessages());
        assertThat(received.getSubject()).isEqualTo("DIVERGENCE ALERT: alpha-1");
        assertThat(received.getMessageID()).isEqualTo(messageId).isEqualTo("<" + sha256(key) + "@fleet.example>");
        assertThat(Arrays.stream(received.getFrom()).map(Address::toString)).containsExactly(FROM);
        assertThat(Arrays.stream(received.getAllRecipients()).map(Address::toString)).containsExactly(TO);
        assertThat(received.getSentDate().toInstant()).isEqualTo(NOW);
        String body = ((String) received.getContent()).replace("\r\n", "\n");
        assertThat(body).contains("Divergence alert on agent alpha-1", "Transition: ESCALATED", "Severity:   HIGH",
                "At:         2026-11-30T06:15:00Z", "Message:    live PnL -42.5 bps vs expected +3.1 bps over 24 h", "Alert id:   al-9")
                .doesNotContain("Opened:"); // the time is the transition's, not when the alert opened
    }

    @Test
    void theSameActionKeySentAgainCarriesTheSameMessageId() throws Exception {
        AlertLine alert = new AlertLine(NOW, "al-1", "alpha-1", "ESCALATED", "CRITICAL", "worse");
        Mailer mailer = mailer(PASSWORD);

        String first = mailer.sendDivergenceAlert("email:alert:al-1:ESCALATED", alert);
        String again = mailer.sendDivergenceAlert("email:alert:al-1:ESCALATED", alert);
        String other = mailer.sendDivergenceAlert("email:alert:al-1:OPENED", alert);

        assertThat(SMTP.getReceivedMessages()).extracting(MimeMessage::getMessageID).containsExactly(first, again, other);
        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void aNastyAgentNameAddsNoHeaderAndNoRecipient() throws Exception {
        String nasty = "evil\r\nBcc: x@y\r\n\r\nX-Injected: 1\u0000\u202Eמתקפה " + "n".repeat(300);
        AlertLine alert = new AlertLine(NOW, "al-2\r\nBcc: z@y", nasty, "OPENED", "HIGH", "msg\r\nBcc: w@y");

        mailer(PASSWORD).sendDivergenceAlert("email:alert:al-2:OPENED", alert);

        // GreenMail delivers one copy per recipient: an injected Bcc would show as a second message
        MimeMessage received = only(SMTP.getReceivedMessages());
        assertThat(received.getHeader("Bcc")).isNull();
        assertThat(received.getHeader("X-Injected")).isNull();
        List<String> names = new ArrayList<>();
        for (Header header : Collections.list(received.getAllHeaders())) {
            names.add(header.getName().toLowerCase(Locale.ROOT));
        }
        assertThat(names).doesNotContain("bcc", "x-injected");
        String subject = received.getSubject();
        assertThat(subject).startsWith("DIVERGENCE ALERT: evil Bcc: x@y X-Injected: 1 \uFFFDמתקפה nnn").endsWith("…")
                .doesNotContain("\r", "\n", "\u0000", "\u202E");
        assertThat(subject.length()).isLessThanOrEqualTo(MailText.MAX_SUBJECT);
        assertThat(((String) received.getContent()).replace("\r\n", "\n")).contains("Alert id:   al-2 Bcc: z@y", "Message:    msg Bcc: w@y");
    }

    @Test
    void theDailySummaryHasTheDaysFigures() throws Exception {
        LocalDate day = LocalDate.of(2026, 11, 29);
        DailySummary summary = new DailySummary(day, 37.25, 1234.5, 412, 0.5625,
                List.of(new AgentLine("alpha-1", "macro", 55.5, 24, 0.75, 1.8, 0.2, "LIVE", null)),
                List.of(new AgentLine("omega-9", "arb", -31.0, 24, 0.25, -0.4, 0.05, "LIVE", "KILL")),
                List.of(new DecisionLine(NOW, "omega-9", "arb", "KILL", List.of("kill_drawdown: -612 <= -500"), false, "omega-9@1:KILL")),
                List.of(new AlertLine(NOW, "al-3", "beta-2", "OPENED", "HIGH", "drift")),
                List.of(new AlertLine(NOW, "al-3", "beta-2", "OPENED", "HIGH", "drift")),
                List.of(new DisabledClass("sentiment", Instant.parse("2026-11-01T00:00:00Z"), "kill_list", "structural alpha decay")));

        String messageId = mailer(PASSWORD).sendDailySummary("email:daily:2026-11-29", summary);

        MimeMessage received = only(SMTP.getReceivedMessages());
        assertThat(received.getSubject()).isEqualTo("Meta-Supervisor daily summary 2026-11-29");
        assertThat(received.getMessageID()).isEqualTo(messageId).isEqualTo("<" + sha256("email:daily:2026-11-29") + "@fleet.example>");
        String body = ((String) received.getContent()).replace("\r\n", "\n");
        assertThat(body).contains("Fleet PnL:       37.25 bps", "Cumulative PnL:  1234.50 bps", "Rows:            412",
                "Hit rate:        56.3 %", "Best agents (1):\n  - alpha-1 (macro): 55.50 bps, 24 rows, hit rate 75.0 %",
                "Worst agents (1):\n  - omega-9 (arb): -31.00 bps", "Decisions (1):", "KILL omega-9: kill_drawdown: -612 <= -500",
                "Alerts (1):", "Open alerts (1):", "OPENED beta-2 (HIGH): drift",
                "Disabled strategy classes (1):\n  - sentiment since 2026-11-01T00:00:00Z by kill_list: structural alpha decay");
    }

    @Test
    void theWeeklyEmailHasTheWeeksFiguresAndThePdfAttached() throws Exception {
        double[] daily = {10, -5, 20, 3, -2, 7, 1, 4, -8, 12, 6, -3, 9, 2};
        LocalDate historyFrom = LocalDate.of(2026, 11, 16);
        LocalDate first = LocalDate.of(2026, 11, 23);
        LocalDate last = LocalDate.of(2026, 11, 29);
        DailyPnl fleet = DailyPnl.consecutive(historyFrom, daily);
        DailyPnl week = DailyPnl.consecutive(first, Arrays.copyOfRange(daily, 7, 14));
        List<AgentLine> agents = List.of(new AgentLine("alpha-1", "macro", 40, 100, 0.6, 1.2, 0.3, "LIVE", null),
                new AgentLine("beta-2", "arb", 5, 100, 0.5, 0.2, 0.3, "LIVE", null),
                new AgentLine("omega-9", "arb", -23, 100, 0.4, -1.0, 0.0, "KILLED", "KILL"));
        WeeklyReport report = new WeeklyReport(new ReportPeriod(historyFrom, first, last, ZoneOffset.UTC), NOW, fleet,
                TearSheetFigures.of(fleet), TearSheetFigures.of(week), Drawdowns.worst(fleet, 5), RollingSharpe.of(fleet, 7),
                MonthlyReturns.of(fleet), List.of(),
                List.of(new WeightChange(NOW, "omega-9", 0.1, 0.0, "KILLED by governance")), agents, List.of(), List.of(),
                List.of(new DecisionLine(NOW, "omega-9", "arb", "KILL", List.of("kill_drawdown"), false, "omega-9@1:KILL")),
                List.of(), List.of(), List.of(new AlertLine(NOW, "al-3", "beta-2", "OPENED", "HIGH", "drift")));
        byte[] pdf = new byte[4096];
        for (int i = 0; i < pdf.length; i++) {
            pdf[i] = (byte) (i * 31 + 7); // every byte value, binary: the transfer encoding must round-trip it
        }
        System.arraycopy("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), 0, pdf, 0, 9);

        String messageId = mailer(PASSWORD).sendWeeklyReport("email:weekly:2026-11-23", report, pdf);

        MimeMessage received = only(SMTP.getReceivedMessages());
        assertThat(received.getSubject()).isEqualTo("Meta-Supervisor weekly LP report 2026-11-23–2026-11-29");
        assertThat(received.getMessageID()).isEqualTo(messageId).isEqualTo("<" + sha256("email:weekly:2026-11-23") + "@fleet.example>");
        MimeMultipart parts = (MimeMultipart) received.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        String body = ((String) parts.getBodyPart(0).getContent()).replace("\r\n", "\n");
        double weekPnl = Arrays.stream(daily, 7, 14).sum();
        double historyPnl = Arrays.stream(daily).sum();
        assertThat(body).contains(String.format(Locale.ROOT, "Fleet PnL:        %.2f bps", weekPnl),
                String.format(Locale.ROOT, "Cumulative PnL:   %.2f bps", historyPnl),
                "Best day:         12.00 bps", "Worst day:        -8.00 bps",
                String.format(Locale.ROOT, "Max drawdown:     %.2f bps", TearSheetFigures.of(week).maxDrawdownBps()),
                "Decisions: 1, alerts: 1, weight changes: 1",
                "Best agents of the week (2):\n  - alpha-1 (macro): 40.00 bps", "  - beta-2 (arb): 5.00 bps",
                "Worst agents of the week (1):\n  - omega-9 (arb): -23.00 bps, 100 rows, hit rate 40.0 %, weight 0.0 %",
                "The full report is attached: meta-supervisor-lp-2026-11-23.pdf");
        BodyPart attachment = parts.getBodyPart(1);
        assertThat(attachment.getContentType()).startsWith("application/pdf");
        assertThat(attachment.getFileName()).isEqualTo("meta-supervisor-lp-2026-11-23.pdf");
        assertThat(attachment.getDisposition()).isEqualTo(BodyPart.ATTACHMENT);
        assertThat(attachment.getInputStream().readAllBytes()).isEqualTo(pdf);
    }

    @Test
    void aRefusedLoginIsPermanentAnUnreachableServerRetryableAndThePasswordIsNowhere() throws Exception {
        ListAppender<ILoggingEvent> logs = captureLogs();
        List<String> texts = new ArrayList<>();
        String wrongPassword = "Wr0ng-But-Also-Secret";
        AlertLine alert = new AlertLine(NOW, "al-1", "alpha-1", "OPENED", "HIGH", "m");
        try {
            Mailer mailer = mailer(PASSWORD);
            mailer.sendDivergenceAlert("email:alert:al-1:OPENED", alert);
            texts.add(mailer.toString());

            Throwable refused = catchThrowable(() -> mailer(wrongPassword).sendDivergenceAlert("email:alert:al-1:OPENED", alert));
            assertThat(refused).isInstanceOf(PermanentDeliveryException.class).hasMessageContaining(USER);
            texts.add(refused.getMessage());

            EmailSettings nowhere = settings(freePort(), List.of(TO));
            Mailer unreachable = new Mailer(nowhere, nowhere.login(Map.of("REPORTING_SMTP_PASSWORD", PASSWORD)::get),
                    InstantSource.fixed(NOW));
            Throwable down = catchThrowable(() -> unreachable.sendDivergenceAlert("email:alert:al-1:OPENED", alert));
            assertThat(down).isExactlyInstanceOf(RetryableDeliveryException.class);
            texts.add(down.getMessage());
        } finally {
            release(logs);
        }
        assertThat(SMTP.getReceivedMessages()).hasSize(1);
        assertThat(logs.list).isNotEmpty();
        logs.list.forEach(event -> texts.add(event.getFormattedMessage()
                + (event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage())));
        texts.add(settings(25, List.of(TO)).toString());
        texts.add(new SmtpLogin(USER, PASSWORD).toString());
        assertThat(texts).allSatisfy(text -> assertThat(text).doesNotContain(PASSWORD, wrongPassword));
    }

    private static MimeMessage only(MimeMessage[] messages) {
        assertThat(messages).hasSize(1);
        return messages[0];
    }

    private static String sha256(String key) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static ListAppender<ILoggingEvent> captureLogs() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.setContext((LoggerContext) LoggerFactory.getILoggerFactory());
        captured.start();
        root.addAppender(captured);
        ((Logger) LoggerFactory.getLogger("com.metasupervisor")).setLevel(Level.DEBUG);
        return captured;
    }

    private static void release(ListAppender<ILoggingEvent> captured) {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(captured);
        ((Logger) LoggerFactory.getLogger("com.metasupervisor")).setLevel(null);
    }
}
