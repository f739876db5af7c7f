/**
 * Audit: every callback received (the journal of answers, nonces and refusals, spooled to a file while the
 * database is away), callback statistics, the delisting-risk count, and the alert about rising failures.
 *
 * <p>Owns: callback_log, callback_nonce, the audit spool file. Implements notification's
 * {@link dev.stallkeeper.notification.application.AlertSource} for failing callbacks.
 *
 * <p>May use: {@code notification} (its ports), {@code platform}, {@code protocol}.
 */
package dev.stallkeeper.audit;
