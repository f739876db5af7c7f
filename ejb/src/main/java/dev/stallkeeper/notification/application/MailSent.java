package dev.stallkeeper.notification.application;

/**
 * Event: an e-mail was sent, fired in the transaction that records it sent (an observer's writes commit with that
 * record). {@code documentId} is the document it carried (an invoice id) or null.
 */
public record MailSent(long mailId, Long documentId) {
}
