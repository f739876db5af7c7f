/**
 * Notification: the e-mail outbox (claimed with SKIP LOCKED, retried with back-off), SMTP delivery and the watch
 * that turns alerts into e-mails to the seller. Its timers live in {@code application.NotificationTimers}.
 *
 * <p>Owns: mail_outbox. Declares the ports the workflows use: {@code Outbox} (queue an e-mail),
 * {@code AlertSource} (something the seller must hear about), {@code MailAttachments} (a document's attachment),
 * and the event {@code MailSent}.
 *
 * <p>May use: {@code platform} only. Never the contexts that use it.
 */
package dev.stallkeeper.notification;
