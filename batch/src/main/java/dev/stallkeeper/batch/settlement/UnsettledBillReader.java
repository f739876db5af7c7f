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

/**
 * Reads one partition's unsettled bills in id order, a page at a time (keyset paging: each page costs the same
 * however many went before). The checkpoint is the last id handed out; on open the reader goes on from the
 * partition's position in the database, which is committed with the partition's sums and so never behind them.
 */
@Dependent
@Named("unsettledBillReader")
public class UnsettledBillReader extends AbstractItemReader {

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
        if (checkpoint != null && (Long) checkpoint > lastId) {
            throw new IllegalStateException("partition " + number + ": JBeret's checkpoint " + checkpoint
                    + " is ahead of the committed position " + lastId);
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
