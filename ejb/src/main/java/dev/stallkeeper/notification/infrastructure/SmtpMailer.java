package dev.stallkeeper.notification.infrastructure;

import dev.stallkeeper.platform.Attachment;
import dev.stallkeeper.platform.StallkeeperConfig;
import jakarta.activation.DataHandler;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.util.ByteArrayDataSource;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.List;
import java.util.Properties;

/**
 * Sends one e-mail through the SMTP server configured in {@link StallkeeperConfig} (STALLKEEPER_SMTP_*). The Jakarta
 * Mail session is built from that configuration on each send, so the settings page shows exactly what is used,
 * system properties override the environment as for every other setting, and an unconfigured server fails no boot.
 */
public class SmtpMailer {

    private final StallkeeperConfig config;

    public SmtpMailer(StallkeeperConfig config) {
        this.config = config;
    }

    public boolean configured() {
        return config.smtpHost().isPresent();
    }

    /** The Jakarta Mail session for the configured server (timeouts bounded: a hung server must not hang a sender). */
    Session session() {
        Properties p = new Properties();
        p.put("mail.transport.protocol", "smtp");
        p.put("mail.smtp.host", config.smtpHost().orElseThrow(() -> new IllegalStateException("STALLKEEPER_SMTP_HOST is not set")));
        p.put("mail.smtp.port", String.valueOf(config.smtpPort()));
        p.put("mail.smtp.connectiontimeout", "10000");
        p.put("mail.smtp.timeout", "20000");
        p.put("mail.smtp.writetimeout", "20000");
        p.put("mail.smtp.from", config.smtpFrom());
        if (config.smtpTls()) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true");
            p.put("mail.smtp.ssl.checkserveridentity", "true");
        }
        if (config.smtpUser().isPresent()) {
            p.put("mail.smtp.auth", "true");
            String user = config.smtpUser().get();
            String password = config.smtpPassword().orElse("");
            return Session.getInstance(p, new Authenticator() {
                @Override
                protected PasswordAuthentication getPasswordAuthentication() {
                    return new PasswordAuthentication(user, password);
                }
            });
        }
        return Session.getInstance(p);
    }

    /** Sends a plain-text e-mail, with the attachment when there is one. */
    public void send(List<String> to, String subject, String text, Attachment attachment) throws MessagingException {
        MimeMessage message = new MimeMessage(session());
        message.setFrom(new InternetAddress(config.smtpFrom()));
        InternetAddress[] recipients = new InternetAddress[to.size()];
        for (int i = 0; i < to.size(); i++) {
            recipients[i] = new InternetAddress(to.get(i).strip(), true);
        }
        message.setRecipients(Message.RecipientType.TO, recipients);
        message.setSubject(subject, StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());
        if (attachment == null) {
            message.setText(text, StandardCharsets.UTF_8.name());
        } else {
            MimeBodyPart body = new MimeBodyPart();
            body.setText(text, StandardCharsets.UTF_8.name());
            MimeBodyPart file = new MimeBodyPart();
            file.setDataHandler(new DataHandler(new ByteArrayDataSource(attachment.bytes(), attachment.contentType())));
            file.setFileName(attachment.name());
            file.setDisposition(MimeBodyPart.ATTACHMENT);
            // base64 always: a mostly-ASCII PDF would otherwise go as text and have its line ends rewritten
            file.setHeader("Content-Transfer-Encoding", "base64");
            message.setContent(new MimeMultipart(body, file));
        }
        message.saveChanges();
        Transport.send(message);
    }
}
