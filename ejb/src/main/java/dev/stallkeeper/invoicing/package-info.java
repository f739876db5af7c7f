/**
 * Invoicing: invoice requests and their workflow (issue, e-mail, reject, overdue), with the PDF.
 *
 * <p>Owns: invoice, invoice_step. Queues e-mails through notification's {@code Outbox}, answers its
 * {@link dev.stallkeeper.notification.application.MailAttachments} port, observes
 * {@link dev.stallkeeper.notification.application.MailSent}, and raises overdue alerts as an
 * {@link dev.stallkeeper.notification.application.AlertSource}.
 *
 * <p>May use: {@code billing}, {@code notification} (its ports), {@code platform}.
 */
package dev.stallkeeper.invoicing;
