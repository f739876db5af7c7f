package dev.stallkeeper.batch.settlement;

import dev.stallkeeper.batch.settlement.BillSliceReader.BillSlice;
import dev.stallkeeper.billing.application.Settlements;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/**
 * Adds slices of bill ids to the partition's per-product-type sums, worklist and position, set-based in SQL, in
 * the chunk's transaction (see {@link Settlements#accumulate}).
 */
@Dependent
@Named("settlementSliceWriter")
public class SettlementSliceWriter extends AbstractItemWriter {

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

    /**
     * Test only: milliseconds to wait in each chunk before writing (default 0), so that a test can stop a server
     * in the middle of a run. Never set it in production.
     */
    @Inject
    @BatchProperty
    String delayMillis;

    @Override
    public void writeItems(List<Object> items) throws InterruptedException {
        long delay = delayMillis == null || delayMillis.isBlank() ? 0 : Long.parseLong(delayMillis.trim());
        if (delay > 0) {
            Thread.sleep(delay);
        }
        for (Object item : items) {
            BillSlice slice = (BillSlice) item;
            settlements.accumulate(JobPeriod.resolve(period), job.getInstanceId(), Integer.parseInt(partition),
                    slice.fromId(), slice.toId());
        }
    }
}
