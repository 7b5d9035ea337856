package com.metasupervisor.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MailSinkTest {

    @TempDir
    Path dir;

    @Test
    void eachReceivedMessageIsSavedOnceWithItsSubjectInTheName() throws IOException {
        try (MailSink sink = MailSink.start(dir)) {
            ServerSetup smtp = new ServerSetup(sink.port(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
            GreenMailUtil.sendTextEmail("lp@demo.localhost", "ms@demo.localhost", "DIVERGENCE ALERT: arb_01", "hit rate fell", smtp);

            assertThat(sink.saveNew()).isEqualTo(1);
            GreenMailUtil.sendTextEmail("lp@demo.localhost", "ms@demo.localhost", "Daily summary 2026-11-29", "figures", smtp);
            assertThat(sink.saveNew()).isEqualTo(1);
            assertThat(sink.saveNew()).isZero();
            assertThat(sink.saved()).isEqualTo(2);
        }

        assertThat(files()).containsExactly("001-divergence-alert-arb-01.eml", "002-daily-summary-2026-11-29.eml");
        String first = Files.readString(dir.resolve("001-divergence-alert-arb-01.eml"));
        assertThat(first).contains("Subject: DIVERGENCE ALERT: arb_01").contains("hit rate fell");
    }

    @Test
    void aSubjectBecomesOneSafeNameWhateverItHolds() {
        assertThat(MailSink.fileName(7, "Wöchentlicher Bericht\r\n../../etc/passwd")).isEqualTo("007-wochentlicher-bericht-etc-passwd.eml");
        assertThat(MailSink.fileName(1, null)).isEqualTo("001-no-subject.eml");
        assertThat(MailSink.fileName(2, "!!!")).isEqualTo("002-no-subject.eml");
        assertThat(MailSink.fileName(3, "x".repeat(100))).isEqualTo("003-" + "x".repeat(60) + ".eml");
    }

    private java.util.List<String> files() throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
