package dev.stallkeeper.notification.application;

import dev.stallkeeper.invoicing.application.Invoices;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;

/** Marks an e-mail sent and, for an invoice's e-mail, the invoice EMAILED: one transaction. */
@Stateless
public class SentRecorder {

    @Inject
    Outbox outbox;

    @Inject
    Invoices invoices;

    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void sent(Outbox.Claim claim) {
        outbox.recordSent(claim.id());
        if (claim.invoiceId() != null) {
            invoices.emailed(claim.invoiceId());
        }
    }
}
