package dev.stallkeeper.batch.settlement;

import dev.stallkeeper.billing.application.Settlements;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Step 3: sums the partitions with the carries, applies the threshold and the fee, writes the statements and
 * the worklist and settles the bills, in one transaction (see {@link Settlements#finish}). Exit status
 * {@code SETTLED n OF m} (product types).
 */
@Dependent
@Named("settlementFinish")
public class SettlementFinish extends AbstractBatchlet {

    @Inject
    Settlements settlements;

    @Inject
    JobContext job;

    /** The period, yyyyMM (required). */
    @Inject
    @BatchProperty
    String period;

    @Override
    public String process() {
        Settlements.Outcome outcome = settlements.finish(JobPeriod.resolve(period), job.getInstanceId());
        long settled = outcome.statements().stream().filter(s -> s.settles()).count();
        return "SETTLED " + settled + " OF " + outcome.statements().size();
    }
}
