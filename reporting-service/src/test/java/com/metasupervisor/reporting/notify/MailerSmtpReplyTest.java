package com.metasupervisor.reporting.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.metasupervisor.reporting.config.EmailSettings;
import com.metasupervisor.reporting.domain.report.AlertLine;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What an SMTP server's refusal means to the executor, against a scripted server that answers one command with a
 * chosen reply: 5xx is permanent, 4xx retryable (GreenMail accepts everything, so it cannot say either).
 */
class MailerSmtpReplyTest {

    private static final Instant NOW = Instant.parse("2026-11-30T07:00:00Z");
    private static final AlertLine ALERT = new AlertLine(NOW, "al-1", "alpha-1", "OPENED", "HIGH", "m");

    private ServerSocket socket;
    private Thread serving;

    /** Serves one SMTP session that accepts everything except {@code command}, answered with {@code reply}. */
    private int serve(String command, String reply) throws IOException {
        socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        serving = Thread.ofVirtual().start(() -> {
            try (Socket client = socket.accept();
                 BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII));
                 OutputStream out = client.getOutputStream()) {
                send(out, "220 scripted ESMTP");
                boolean data = false;
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (data) {
                        if (line.equals(".")) {
                            data = false;
                            send(out, command.equals("END-OF-DATA") ? reply : "250 2.0.0 queued");
                        }
                        continue;
                    }
                    String verb = line.split("[ :]", 2)[0].toUpperCase(Locale.ROOT);
                    if (verb.equals(command)) {
                        send(out, reply);
                        if (reply.startsWith("421")) {
                            return; // 421: the server closes the connection
                        }
                    } else if (verb.equals("EHLO")) {
                        send(out, "250-scripted\r\n250 8BITMIME");
                    } else if (verb.equals("DATA")) {
                        send(out, "354 go ahead");
                        data = true;
                    } else if (verb.equals("QUIT")) {
                        send(out, "221 bye");
                        return;
                    } else {
                        send(out, "250 OK");
                    }
                }
            } catch (IOException ignored) {
                // the client hung up: the session is over
            }
        });
        return socket.getLocalPort();
    }

    private static void send(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @AfterEach
    void stop() throws Exception {
        socket.close();
        serving.join(Duration.ofSeconds(10));
    }

    private static Mailer mailer(int port) {
        EmailSettings settings = new EmailSettings(true, "127.0.0.1", port, false, "meta-supervisor@fleet.example",
                Optional.of(List.of("ops@fleet.example")), Optional.empty(), "REPORTING_SMTP_PASSWORD", "0 0 7 * * *",
                "0 0 7 * * MON", "UTC", List.of("OPENED"), Duration.ofSeconds(10));
        return new Mailer(settings, Optional.empty(), InstantSource.fixed(NOW));
    }

    @Test
    void aRecipientRefusedFor5xxIsPermanent() throws Exception {
        Mailer mailer = mailer(serve("RCPT", "550 5.1.1 no such user here"));

        Throwable failure = catchThrowable(() -> mailer.sendDivergenceAlert("email:alert:al-1:OPENED", ALERT));

        assertThat(failure).isInstanceOf(PermanentDeliveryException.class).hasMessageContaining("550 5.1.1 no such user here");
    }

    @Test
    void aRecipientDeferredFor4xxIsRetryable() throws Exception {
        Mailer mailer = mailer(serve("RCPT", "451 4.3.0 try again later"));

        Throwable failure = catchThrowable(() -> mailer.sendDivergenceAlert("email:alert:al-1:OPENED", ALERT));

        assertThat(failure).isExactlyInstanceOf(RetryableDeliveryException.class).hasMessageContaining("451 4.3.0");
    }

    @Test
    void aMessageRefusedAfterItsDataIsPermanent() throws Exception {
        Mailer mailer = mailer(serve("END-OF-DATA", "554 5.7.1 message rejected as spam"));

        Throwable failure = catchThrowable(() -> mailer.sendDivergenceAlert("email:alert:al-1:OPENED", ALERT));

        assertThat(failure).isInstanceOf(PermanentDeliveryException.class).hasMessageContaining("554 5.7.1");
    }

    @Test
    void aServerThatIsBusyAtTheGreetingIsRetryable() throws Exception {
        Mailer mailer = mailer(serve("EHLO", "421 4.3.2 service not available, closing"));

        Throwable failure = catchThrowable(() -> mailer.sendDivergenceAlert("email:alert:al-1:OPENED", ALERT));

        assertThat(failure).isExactlyInstanceOf(RetryableDeliveryException.class);
    }
}
