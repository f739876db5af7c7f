package dev.stallkeeper.notification.application;

import java.time.Instant;
import java.util.List;

/**
 * Port: a context that has something the seller must hear about implements this (invoicing: overdue invoices;
 * supervision: stalled supervisions; audit: rising callback failures). The notification watch asks every
 * implementation every thirty seconds and queues one e-mail per alert; notification never depends on who answers.
 */
public interface AlertSource {

    /** The alerts due now, at most {@code limit}; asking again returns the same ones until they stop being due. */
    List<Alert> due(Instant now, int limit);
}
