package dev.stallkeeper.batch.settlement;

import dev.stallkeeper.billing.application.Settlements;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Step 1: claims the period for this job instance and fixes the run's inputs (bill id ranges of the partitions,
 * the as-of instant). Exit status {@code READY}, or {@code ALREADY_SETTLED}, which ends the job without change.
 */
@Dependent
@Named("settlementPrepare")
public class SettlementPrepare extends AbstractBatchlet {

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
        return settlements.prepare(JobPeriod.resolve(period), job.getInstanceId(), job.getExecutionId(),
                JobPeriod.nodeName()).name();
    }
}
