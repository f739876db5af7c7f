package dev.stallkeeper.audit.application;

import dev.stallkeeper.audit.domain.CallbackLogEntry;
import dev.stallkeeper.platform.FileSpool;
import dev.stallkeeper.platform.HealthCheck;
import dev.stallkeeper.platform.NodeMetrics;
import dev.stallkeeper.platform.QuietLog;
import dev.stallkeeper.platform.StallkeeperConfig;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Every answered callback is audited: in {@code callback_log} when the database takes the row, otherwise in this
 * node's spool ({@code <jboss.server.data.dir>/stallkeeper/audit-spool}), which {@link #replay} empties into
 * {@code callback_log} once the database is back, in arrival order, each row marked {@code outage} and keyed by its
 * spool record (a record replayed twice is stored once). Spooling never waits for the database and never fails the
 * answer. The spool is bounded ({@code STALLKEEPER_AUDIT_SPOOL_BYTES}, {@code STALLKEEPER_AUDIT_SPOOL_ENTRIES}): when
 * it is full, further audit rows are dropped, counted ({@code stallkeeper_audit_spool_dropped_total}) and logged
 * once until the spool has emptied again. Also counts every answer for {@code /api/metrics}.
 */
@ApplicationScoped
public class CallbackAudit {

    private static final Logger LOG = Logger.getLogger(CallbackAudit.class);
    private static final int BATCH = 200;
    private static final int MAX_HEAD_FAILURES = 10;

    @Inject
    CallbackJournal journal;

    @Inject
    StallkeeperConfig config;

    @Inject
    NodeMetrics metrics;

    @Inject
    HealthCheck health;

    private final QuietLog quiet = QuietLog.warnings(LOG);
    private final AtomicBoolean fullReported = new AtomicBoolean();
    private FileSpool spool;
    /** Replays in a row in which the oldest record failed on its own (replays run one at a time, on the timer). */
    private int headFailures;

    @PostConstruct
    void open() {
        int pending = spool().pending();
        if (pending > 0) {
            LOG.infof("Audit spool holds %d callbacks from before this start; they are audited once the database answers",
                    pending);
        }
    }

    /** The spool, opened on first use (unit tests of callers that never spool never create one). */
    private synchronized FileSpool spool() {
        if (spool == null) {
            String dataDir = System.getProperty("jboss.server.data.dir", System.getProperty("java.io.tmpdir"));
            spool = new FileSpool(Path.of(dataDir, "stallkeeper", "audit-spool"), config.auditSpoolBytes(),
                    config.auditSpoolEntries());
        }
        return spool;
    }

    @PreDestroy
    synchronized void close() {
        if (spool == null) {
            return;
        }
        try {
            spool.close();
        } catch (IOException e) {
            LOG.debugf(e, "Closing the audit spool");
        }
    }

    /**
     * Audits an answered call; with {@code nonce}, also stores the answer for replays of that nonce. Never throws:
     * when the database does not take the row it goes to the spool.
     */
    public void audit(String channel, String nonce, byte[] answer, CallbackLogEntry entry) {
        answered(channel, entry);
        try {
            if (nonce != null) {
                journal.complete(nonce, answer, entry); // the exact answer, for replays (sealed by the journal)
            } else {
                journal.record(entry);
            }
        } catch (RuntimeException e) {
            keep(entry, e);
        }
    }

    private void answered(String channel, CallbackLogEntry entry) {
        answered(channel, entry.refused() ? "refused" : entry.activity(), entry.resultCode(), entry.latencyMs());
    }

    /** Counts an answer whose audit row is written elsewhere (the one-transaction path). */
    public void answered(String channel, String activity, String resultCode, long millis) {
        metrics.callback(channel, activity, resultCode, millis);
    }

    /** Logs a failure of a callback in one line (a stack trace per cause at most once a minute). */
    public void failed(String message, Throwable cause) {
        quiet.failure(message, cause);
    }

    private void keep(CallbackLogEntry entry, RuntimeException cause) {
        FileSpool spool = spool();
        boolean kept = spool.append(SpooledCallback.encode(entry));
        metrics.event("stallkeeper_audit_spool_events_total", kept ? "spooled" : "dropped");
        quiet.failure(String.format("%s order %s nonce %s answered %s; audit %s", entry.activity(), entry.orderId(),
                entry.nonce(), entry.resultCode(), kept ? "spooled until the database is back" : "DROPPED (spool full)"),
                cause);
        if (!kept && fullReported.compareAndSet(false, true)) {
            LOG.errorf("Audit spool full (%d entries, %d bytes; limits %d entries, %d bytes): callbacks answered from now"
                            + " until the database is back are not audited; they are counted in"
                            + " stallkeeper_audit_spool_dropped_total", spool.pending(), spool.bytes(),
                    spool.maxEntries(), spool.maxBytes());
        }
    }

    /**
     * Moves spooled audit rows into {@code callback_log}, oldest first, until the spool is empty or the database
     * refuses (then they stay for the next call). Returns how many were stored.
     */
    public int replay(int maxBatches) {
        FileSpool spool = spool();
        int moved = 0;
        try {
            for (int i = 0; i < maxBatches; i++) {
                int n = spool.replay(BATCH, this::store);
                if (n == 0) {
                    break;
                }
                moved += n;
            }
            headFailures = 0;
        } catch (Exception e) {
            quiet.failure("Audit spool: " + spool.pending() + " callbacks wait for the database", e);
            skipPoisonedHead(spool);
        }
        if (moved > 0) {
            LOG.infof("Audited %d callbacks answered while the database was away (%d still spooled)", moved, spool.pending());
        }
        if (spool.pending() == 0) {
            fullReported.set(false);
        }
        return moved;
    }

    private void store(List<FileSpool.Record> batch) {
        journal.recordSpooled(batch.stream()
                .map(r -> SpooledCallback.decode(r.payload()).auditedAfterOutage(r.key())).toList());
    }

    /**
     * A row the database refuses for what it holds (not because it is away) would block everything behind it: when the
     * oldest record alone has failed {@link #MAX_HEAD_FAILURES} replays in a row while the database answers, it is
     * dropped, counted ({@code kind="refused"}) and logged with its cause.
     */
    private void skipPoisonedHead(FileSpool spool) {
        try {
            spool.replay(1, this::store);
            headFailures = 0;
        } catch (Exception alone) {
            if (!health.check().up()) {
                headFailures = 0; // the database is away: nothing is wrong with the record
            } else if (++headFailures >= MAX_HEAD_FAILURES) {
                try {
                    spool.replay(1, batch -> LOG.errorf(alone, "Audit spool: record %s refused by the database %d times;"
                            + " dropped", batch.get(0).key(), headFailures));
                    metrics.event("stallkeeper_audit_spool_events_total", "refused");
                } catch (Exception e) {
                    LOG.debugf(e, "Audit spool: could not skip its oldest record");
                }
                headFailures = 0;
            }
        }
    }

    public boolean anySpooled() {
        return spool().pending() > 0;
    }

    /** The spool's figures for metrics. */
    public record SpoolState(int pending, long bytes, long dropped, long appended, long replayed) {
    }

    public SpoolState spoolState() {
        FileSpool spool = spool();
        return new SpoolState(spool.pending(), spool.bytes(), spool.dropped(), spool.appended(), spool.replayed());
    }
}
