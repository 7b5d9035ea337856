package com.metasupervisor.reporting.notify;

import com.metasupervisor.reporting.config.EmailSettings;
import com.metasupervisor.reporting.domain.report.AlertLine;
import com.metasupervisor.reporting.domain.report.DailySummary;
import com.metasupervisor.reporting.domain.report.WeeklyReport;
import com.metasupervisor.streams.check.ArgChecker;
import jakarta.activation.DataHandler;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.InstantSource;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the e-mails of SPEC §7 over SMTP with Jakarta Mail directly (not micronaut-email's sender bean: a plain
 * constructor lets the executor and the tests build it without a context, and Jakarta Mail lets the Message-ID be set).
 * <p>
 * Every message's {@code Message-ID} is {@code <sha256-hex(action key)@domain of from>}: the executor passes the ledger
 * action key, so a message sent again after a crash between sending and recording DONE carries the same id and a
 * reader or a mail filter recognises it. STARTTLS, when set, is required (no login in clear); the password is used
 * for the login only and appears in no log, message or exception.
 * <p>
 * An SMTP 5xx reply, a refused login or a refused address: {@link PermanentDeliveryException}; a 4xx reply, a timeout
 * or an I/O failure (and any other failure, which the executor's retry budget bounds): {@link RetryableDeliveryException}.
 */
public final class Mailer {

    private static final Logger LOG = LoggerFactory.getLogger(Mailer.class);
    private static final Pattern SMTP_REPLY = Pattern.compile("^\\s*([245])\\d\\d[ -]");
    private static final int MAX_REASON = 300;

    private final EmailSettings settings;
    private final Optional<SmtpLogin> login;
    private final InstantSource time;
    private final Session session;
    private final List<InternetAddress> recipients;

    /** {@code time} dates the messages. */
    public Mailer(EmailSettings settings, Optional<SmtpLogin> login, InstantSource time) {
        this.settings = ArgChecker.notNull(settings, "settings");
        this.login = ArgChecker.notNull(login, "login");
        this.time = ArgChecker.notNull(time, "time");
        ArgChecker.isTrue(!settings.recipients().isEmpty(), EmailSettings.PREFIX + "to must list at least one address to send e-mail");
        this.recipients = settings.recipients().stream().map(Mailer::address).toList();
        this.session = Session.getInstance(properties(settings, login.isPresent()));
    }

    /** "DIVERGENCE ALERT: &lt;agent&gt;"; returns the Message-ID. */
    public String sendDivergenceAlert(String actionKey, AlertLine alert) {
        return send(actionKey, MailText.divergenceAlert(alert), null, null);
    }

    /** The daily summary; returns the Message-ID. */
    public String sendDailySummary(String actionKey, DailySummary summary) {
        return send(actionKey, MailText.dailySummary(summary), null, null);
    }

    /** The weekly e-mail with the LP report attached ({@link #weeklyAttachmentName}); returns the Message-ID. */
    public String sendWeeklyReport(String actionKey, WeeklyReport report, byte[] pdf) {
        ArgChecker.notNull(pdf, "pdf");
        String name = weeklyAttachmentName(report);
        return send(actionKey, MailText.weeklyReport(report, name), name, pdf);
    }

    /** {@code meta-supervisor-lp-<first day>.pdf}. */
    public static String weeklyAttachmentName(WeeklyReport report) {
        return "meta-supervisor-lp-" + report.period().firstDay() + ".pdf";
    }

    /** {@code <sha256-hex(actionKey)@domain>}, the domain of {@code from}: the same for the same action everywhere. */
    public static String messageId(String actionKey, String from) {
        ArgChecker.notNull(actionKey, "actionKey");
        String domain = from.substring(from.lastIndexOf('@') + 1);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(actionKey.getBytes(StandardCharsets.UTF_8));
            return "<" + HexFormat.of().formatHex(hash) + "@" + domain + ">";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private String send(String actionKey, MailText text, String attachmentName, byte[] attachment) {
        ArgChecker.notNull(actionKey, "actionKey");
        String messageId = messageId(actionKey, settings.from());
        String server = settings.host() + ":" + settings.port();
        try {
            MimeMessage message = new KeyedMessage(session, messageId);
            message.setFrom(address(settings.from()));
            message.setRecipients(Message.RecipientType.TO, recipients.toArray(InternetAddress[]::new));
            message.setSubject(text.subject(), StandardCharsets.UTF_8.name());
            message.setSentDate(Date.from(time.instant()));
            message.setHeader("Auto-Submitted", "auto-generated");
            if (attachment == null) {
                message.setText(text.body(), StandardCharsets.UTF_8.name());
            } else {
                MimeBodyPart body = new MimeBodyPart();
                body.setText(text.body(), StandardCharsets.UTF_8.name());
                MimeBodyPart file = new MimeBodyPart();
                file.setDataHandler(new DataHandler(new ByteArrayDataSource(attachment, "application/pdf")));
                file.setFileName(attachmentName);
                file.setDisposition(Part.ATTACHMENT);
                message.setContent(new MimeMultipart(body, file));
            }
            message.saveChanges();
            try (Transport transport = session.getTransport("smtp")) {
                if (login.isPresent()) {
                    transport.connect(settings.host(), settings.port(), login.get().username(), login.get().password());
                } else {
                    transport.connect(settings.host(), settings.port(), null, null);
                }
                transport.sendMessage(message, message.getAllRecipients());
            }
        } catch (MessagingException e) {
            throw failure(server, e);
        }
        LOG.info("e-mail {} sent through {} to {} recipient(s)", messageId, server, recipients.size());
        return messageId;
    }

    /** The failure as a delivery exception whose message holds the server's reply on one line, never the password. */
    private DeliveryException failure(String server, MessagingException e) {
        String reason = e.getClass().getSimpleName() + ": " + reasonOf(e);
        for (String secret : login.map(l -> List.of(l.password())).orElse(List.of())) {
            if (!secret.isEmpty()) {
                reason = reason.replace(secret, "***");
            }
        }
        String message = "SMTP " + server + " refused or failed: " + OneLineText.of(reason, MAX_REASON);
        if (e instanceof AuthenticationFailedException) {
            return new PermanentDeliveryException("SMTP " + server + " refused the login of "
                    + login.map(SmtpLogin::username).orElse("(none)") + ": " + OneLineText.of(reason, MAX_REASON), null);
        }
        for (Throwable cause = e; cause != null; cause = next(cause)) {
            Matcher reply = SMTP_REPLY.matcher(cause.getMessage() == null ? "" : cause.getMessage());
            if (reply.find()) {
                return "5".equals(reply.group(1)) ? new PermanentDeliveryException(message, null)
                        : new RetryableDeliveryException(message, null);
            }
            if (cause instanceof IOException) {
                return new RetryableDeliveryException(message, null);
            }
        }
        return new RetryableDeliveryException(message, null);
    }

    private static String reasonOf(MessagingException e) {
        StringBuilder reason = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = next(e); cause != null && reason.length() < MAX_REASON; cause = next(cause)) {
            reason.append(" / ").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
        }
        return reason.toString();
    }

    /** A MessagingException's next exception (the SMTP reply of a refused address) or any cause. */
    private static Throwable next(Throwable t) {
        if (t instanceof MessagingException m && m.getNextException() != null && m.getNextException() != t) {
            return m.getNextException();
        }
        return t.getCause() == t ? null : t.getCause();
    }

    private static Properties properties(EmailSettings settings, boolean authenticate) {
        Properties properties = new Properties();
        String timeout = Long.toString(settings.timeout().toMillis());
        properties.put("mail.transport.protocol", "smtp");
        properties.put("mail.smtp.host", settings.host());
        properties.put("mail.smtp.port", Integer.toString(settings.port()));
        properties.put("mail.smtp.connectiontimeout", timeout);
        properties.put("mail.smtp.timeout", timeout);
        properties.put("mail.smtp.writetimeout", timeout);
        properties.put("mail.smtp.auth", Boolean.toString(authenticate));
        properties.put("mail.smtp.starttls.enable", Boolean.toString(settings.starttls()));
        properties.put("mail.smtp.starttls.required", Boolean.toString(settings.starttls()));
        properties.put("mail.smtp.from", settings.from());
        return properties;
    }

    private static InternetAddress address(String address) {
        try {
            return new InternetAddress(address, true);
        } catch (MessagingException e) {
            throw new IllegalArgumentException("not an e-mail address: '" + address + "'", e);
        }
    }

    /** A message whose Message-ID is the one given, which {@link MimeMessage#saveChanges()} would otherwise replace. */
    private static final class KeyedMessage extends MimeMessage {
        private final String id;

        KeyedMessage(Session session, String id) {
            super(session);
            this.id = id;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", id);
        }
    }

    @Override
    public String toString() {
        return "Mailer[" + settings.host() + ":" + settings.port() + ", login=" + login.map(SmtpLogin::toString).orElse("none") + "]";
    }
}
