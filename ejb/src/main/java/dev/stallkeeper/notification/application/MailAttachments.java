package dev.stallkeeper.notification.application;

import dev.stallkeeper.platform.Attachment;

/**
 * Port: the attachment of an e-mail queued about a document (today: an invoice's PDF, queued with its invoice id
 * as the outbox row's {@code invoice_id}). Invoicing implements it; the mail delivery reads the attachment when it
 * sends, so the outbox never holds a copy.
 */
public interface MailAttachments {

    Attachment attachment(long documentId);
}
