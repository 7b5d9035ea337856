package com.metasupervisor.reporting.execute;

import static com.metasupervisor.reporting.execute.ExecuteFixtures.T0;
import static com.metasupervisor.reporting.execute.ExecuteFixtures.alert;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.metasupervisor.reporting.config.EmailSettings;
import com.metasupervisor.reporting.ledger.DivergenceEmailRequest;
import com.metasupervisor.reporting.ledger.LedgerRecords;
import com.metasupervisor.reporting.notify.Mailer;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The e-mail performer on a real SMTP server: a repeat after a crash sends a message with the same Message-ID. */
class DivergenceEmailPerformerTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @Test
    void sendsTheAlertWithAMessageIdDerivedFromTheActionKeyAndAnswersIt() throws Exception {
        EmailSettings settings = new EmailSettings(true, "127.0.0.1", SMTP.getSmtp().getPort(), false, "ms@fleet.example",
                Optional.of(List.of("ops@fleet.example")), Optional.empty(), "REPORTING_SMTP_PASSWORD", "0 0 7 * * *",
                "0 0 7 * * MON", "UTC", List.of("OPENED", "ESCALATED"), Duration.ofSeconds(10));
        DivergenceEmailPerformer performer = new DivergenceEmailPerformer(
                new Mailer(settings, Optional.empty(), Clock.fixed(T0, ZoneOffset.UTC)));
        DivergenceEmailRequest request = new DivergenceEmailRequest(alert("al-1", "arb_binance_1"));
        PerformedAction first = performer.perform(LedgerRecords.started(request, T0), request);
        PerformedAction repeat = performer.perform(LedgerRecords.started(request, T0), request);

        assertThat(first.reference()).isEqualTo(Mailer.messageId("email:alert:al-1:OPENED", "ms@fleet.example"));
        assertThat(repeat.reference()).isEqualTo(first.reference());
        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(received).hasSize(2).allSatisfy(m -> {
            assertThat(m.getMessageID()).isEqualTo(first.reference());
            assertThat(m.getSubject()).contains("DIVERGENCE ALERT").contains("arb_binance_1");
        });
    }
}
