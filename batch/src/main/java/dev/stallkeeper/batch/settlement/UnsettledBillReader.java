package dev.stallkeeper.batch.settlement;

import dev.stallkeeper.billing.application.Settlements;
import dev.stallkeeper.billing.domain.BillFacts;
import dev.stallkeeper.billing.domain.BillingPeriod;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import org.jboss.logging.Logger;

/**
 * Reads one partition's unsettled bills in id order, a page at a time (keyset paging: each page costs the same
 * however many went before). The checkpoint is the last id handed out; on open the reader goes on from the
 * partition's position in the database, which is committed with the partition's sums (JBeret's own checkpoint
 * is stored outside the chunk transaction, so after a crash it may be a chunk ahead of or behind them).
 */
@Dependent
@Named("unsettledBillReader")
public class UnsettledBillReader extends AbstractItemReader {

    private static final Logger LOG = Logger.getLogger(UnsettledBillReader.class);

    @Inject
    Settlements settlements;

    @Inject
    JobContext job;

    /** The period, yyyyMM (required). */
    @Inject
    @BatchProperty
    String period;

    /** This partition's number (from the partition plan). */
    @Inject
    @BatchProperty
    String partition;

    /** Last bill id of this partition's range, inclusive (from the partition plan). */
    @Inject
    @BatchProperty
    String toId;

    /** Bills per query; default 500. */
    @Inject
    @BatchProperty
    String pageSize;

    private long to;
    private Instant asOf;
    private int limit;
    private long lastId;
    private final Deque<BillFacts> page = new ArrayDeque<>();
    private boolean exhausted;

    @Override
    public void open(Serializable checkpoint) {
        BillingPeriod p = JobPeriod.resolve(period);
        int number = Integer.parseInt(partition);
        to = Long.parseLong(toId);
        limit = pageSize == null || pageSize.isBlank() ? 500 : Integer.parseInt(pageSize.trim());
        asOf = to < 0 ? Instant.EPOCH : settlements.asOf(p, job.getInstanceId());
        lastId = to < 0 ? 0 : settlements.position(p, job.getInstanceId(), number);
        if (checkpoint != null && !checkpoint.equals(lastId)) {
            // JBeret's repository is not part of the chunk transaction: after a crash its copy can be a chunk
            // ahead of (or behind) what committed. Reading on from the committed position counts each bill once.
            LOG.infof("Settlement %s, partition %d: JBeret's checkpoint %s, committed position %d: going on from %d",
                    period, number, checkpoint, lastId, lastId);
        }
        exhausted = lastId >= to;
    }

    @Override
    public Object readItem() {
        if (page.isEmpty() && !exhausted) {
            page.addAll(settlements.page(lastId, to, asOf, limit));
            exhausted = page.size() < limit;
        }
        BillFacts bill = page.poll();
        if (bill != null) {
            lastId = bill.id();
        }
        return bill;
    }

    @Override
    public Serializable checkpointInfo() {
        return lastId;
    }
}
