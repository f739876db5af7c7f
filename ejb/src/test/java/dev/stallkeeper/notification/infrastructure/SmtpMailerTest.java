package dev.stallkeeper.notification.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.stallkeeper.platform.Attachment;
import dev.stallkeeper.platform.StallkeeperConfig;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sends through a real SMTP server (GreenMail) and reads the message and its PDF back. */
class SmtpMailerTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP)
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("seller", "smtp-secret"));

    private static StallkeeperConfig config(String password) {
        return new StallkeeperConfig(Map.of("STALLKEEPER_SMTP_HOST", "127.0.0.1",
                "STALLKEEPER_SMTP_PORT", String.valueOf(SMTP.getSmtp().getPort()), "STALLKEEPER_SMTP_TLS", "false",
                "STALLKEEPER_SMTP_USER", "seller", "STALLKEEPER_SMTP_PASSWORD", password,
                "STALLKEEPER_SMTP_FROM", "invoices@seller.example"), Map.of());
    }

    @Test
    void sendsTheInvoicePdfAsAnAttachment() throws Exception {
        byte[] pdf = "%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        new SmtpMailer(config("smtp-secret")).send(List.of("buyer@example.com"), "Invoice No.0001 for order ORD-1",
                "attached is invoice No.0001", new Attachment("No.0001.pdf", "application/pdf", pdf));

        MimeMessage[] received = SMTP.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage m = received[0];
        assertThat(m.getSubject()).isEqualTo("Invoice No.0001 for order ORD-1");
        assertThat(m.getFrom()[0].toString()).isEqualTo("invoices@seller.example");
        assertThat(m.getAllRecipients()[0].toString()).isEqualTo("buyer@example.com");
        MimeMultipart parts = (MimeMultipart) m.getContent();
        assertThat(parts.getCount()).isEqualTo(2);
        assertThat((String) parts.getBodyPart(0).getContent()).contains("attached is invoice No.0001");
        assertThat(parts.getBodyPart(1).getFileName()).isEqualTo("No.0001.pdf");
        assertThat(parts.getBodyPart(1).getContentType()).startsWith("application/pdf");
        assertThat(parts.getBodyPart(1).getInputStream().readAllBytes()).isEqualTo(pdf);
    }

    @Test
    void aWrongPasswordFailsTheSend() {
        assertThatThrownBy(() -> new SmtpMailer(config("wrong")).send(List.of("x@example.com"), "s", "t", null))
                .isInstanceOf(MessagingException.class);
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }
}
