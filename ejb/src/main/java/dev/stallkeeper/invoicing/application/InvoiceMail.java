package dev.stallkeeper.invoicing.application;

import dev.stallkeeper.invoicing.domain.Invoice;
import dev.stallkeeper.notification.application.MailAttachments;
import dev.stallkeeper.notification.application.MailSent;
import dev.stallkeeper.platform.Attachment;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Invoicing's side of the e-mail of an invoice: the PDF attached when the mail is sent, and the invoice marked
 * EMAILED in the transaction that records the mail sent.
 */
@ApplicationScoped
public class InvoiceMail implements MailAttachments {

    @Inject
    Invoices invoices;

    @Override
    public Attachment attachment(long invoiceId) {
        Invoice invoice = invoices.find(invoiceId).orElseThrow(
                () -> new IllegalStateException("the e-mail's invoice " + invoiceId + " does not exist"));
        return new Attachment(invoice.pdfName(), invoice.pdfContentType(), invoice.pdfBytes());
    }

    void sent(@Observes MailSent sent) {
        if (sent.documentId() != null) {
            invoices.emailed(sent.documentId());
        }
    }
}
