package dev.stallkeeper.batch.settlement;

import dev.stallkeeper.batch.settlement.BillSliceReader.BillSlice;
import dev.stallkeeper.billing.application.Settlements;
import dev.stallkeeper.billing.domain.SettlementPhase;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/**
 * Works on slices of bill ids set-based in SQL, in the chunk's transaction: in the accumulate step adds them to the
 * partition's per-product-type sums, worklist and position ({@link Settlements#accumulate}); in the settle step
 * appends their settling bills to the settlement ledger and moves the partition's settling position
 * ({@link Settlements#settle}).
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

    /** The step this writer serves: {@code ACCUMULATE} (default) or {@code SETTLE}. */
    @Inject
    @BatchProperty
    String phase;

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
        boolean settle = BillSliceReader.phase(phase) == SettlementPhase.SETTLE;
        for (Object item : items) {
            BillSlice slice = (BillSlice) item;
            if (settle) {
                settlements.settle(JobPeriod.resolve(period), job.getInstanceId(), Integer.parseInt(partition),
                        slice.fromId(), slice.toId());
            } else {
                settlements.accumulate(JobPeriod.resolve(period), job.getInstanceId(), Integer.parseInt(partition),
                        slice.fromId(), slice.toId());
            }
        }
    }
}
