package dev.stallkeeper.notification.application;

import jakarta.enterprise.event.Event;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/** Marks an e-mail sent and announces it ({@link MailSent}; invoicing marks the invoice EMAILED): one transaction. */
@Stateless
public class SentRecorder {

    @Inject
    Outbox outbox;

    @Inject
    Event<MailSent> sentEvents;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void sent(Outbox.Claim claim) {
        outbox.recordSent(claim.id());
        sentEvents.fire(new MailSent(claim.id(), claim.invoiceId()));
    }
}
