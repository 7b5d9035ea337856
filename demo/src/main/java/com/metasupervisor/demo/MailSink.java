package com.metasupervisor.demo;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.text.Normalizer;

/**
 * The demo's local SMTP server (GreenMail, plain SMTP on a free port of 127.0.0.1): every message it receives is saved
 * once as {@code <n>-<subject-slug>.eml} in a directory, in the order received, by {@link #saveNew()}.
 */
public final class MailSink implements AutoCloseable {

    private static final int SLUG_MAX = 60;

    private final GreenMail server;
    private final Path dir;
    private int saved;

    private MailSink(GreenMail server, Path dir) {
        this.server = server;
        this.dir = dir;
    }

    /** Starts the server; messages go to {@code dir} (created). */
    public static MailSink start(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        server.start();
        return new MailSink(server, dir);
    }

    public int port() {
        return server.getSmtp().getPort();
    }

    /** Saves the messages received since the last call; returns how many it saved. */
    public synchronized int saveNew() {
        MimeMessage[] received = server.getReceivedMessages();
        int before = saved;
        for (int i = saved; i < received.length; i++) {
            MimeMessage message = received[i];
            String subject;
            try {
                subject = message.getSubject();
            } catch (MessagingException e) {
                subject = null;
            }
            Path file = dir.resolve(fileName(i + 1, subject));
            try (OutputStream out = Files.newOutputStream(file)) {
                message.writeTo(out);
            } catch (IOException | MessagingException e) {
                throw new IllegalStateException("cannot save the e-mail '" + subject + "' to " + file + ": " + e.getMessage(), e);
            }
            saved = i + 1;
        }
        return saved - before;
    }

    /** How many messages are saved. */
    public synchronized int saved() {
        return saved;
    }

    /** {@code <n>-<slug>.eml}: the subject in lower case, letters and digits only, joined by dashes, at most 60 characters. */
    static String fileName(int n, String subject) {
        String ascii = Normalizer.normalize(subject == null ? "" : subject, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        if (slug.length() > SLUG_MAX) {
            slug = slug.substring(0, SLUG_MAX).replaceAll("-$", "");
        }
        return String.format(Locale.ROOT, "%03d-%s.eml", n, slug.isEmpty() ? "no-subject" : slug);
    }

    @Override
    public void close() {
        saveNew();
        server.stop();
    }
}
