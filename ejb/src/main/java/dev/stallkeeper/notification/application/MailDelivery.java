package dev.stallkeeper.notification.application;

import dev.stallkeeper.notification.infrastructure.SmtpMailer;
import dev.stallkeeper.platform.Attachment;
import dev.stallkeeper.platform.StallkeeperConfig;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Sends the outbox's due e-mails: claim (short transaction), send (no transaction, no lock held while the SMTP
 * server answers), record the outcome (short transaction; an invoice's e-mail moves the invoice to EMAILED in the
 * same transaction that marks the e-mail sent: {@link MailSent}).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MailDelivery {

    private static final Logger LOG = Logger.getLogger(MailDelivery.class);

    @Inject
    Outbox outbox;

    @Inject
    MailAttachments attachments;

    @Inject
    StallkeeperConfig config;

    @Inject
    SentRecorder recorder;

    /** @return how many e-mails were sent */
    public int deliverDue(int limit) {
        SmtpMailer mailer = new SmtpMailer(config);
        if (!mailer.configured()) {
            return 0; // e-mails wait in the outbox until STALLKEEPER_SMTP_HOST is set
        }
        int sent = 0;
        for (Outbox.Claim claim : outbox.claimDue(limit)) {
            try {
                Attachment pdf = null;
                if (claim.invoiceId() != null) {
                    pdf = attachments.attachment(claim.invoiceId());
                }
                mailer.send(claim.recipients(), claim.subject(), claim.body(), pdf);
                recorder.sent(claim);
                sent++;
                LOG.infof("E-mail %d sent (attempt %d)", claim.id(), claim.attempt());
            } catch (Exception e) { // any failure of one e-mail is recorded on it and retried; the others go on
                String error = e.getClass().getSimpleName() + ": " + e.getMessage();
                outbox.recordFailure(claim.id(), claim.attempt(), error);
                LOG.warnf("E-mail %d not sent (attempt %d): %s", claim.id(), claim.attempt(), error);
            }
        }
        return sent;
    }

}
