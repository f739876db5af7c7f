package dev.stallkeeper.batch.settlement;

import dev.stallkeeper.billing.application.Settlements;
import dev.stallkeeper.billing.domain.BillingPeriod;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import org.jboss.logging.Logger;

/**
 * Keeps the period's run row in step with the job: a restarted execution takes its run back (status RUNNING,
 * its execution id), a failed execution marks it FAILED with the reason (it may be restarted).
 */
@Dependent
@Named("settlementJobListener")
public class SettlementJobListener extends AbstractJobListener {

    private static final Logger LOG = Logger.getLogger(SettlementJobListener.class);

    @Inject
    Settlements settlements;

    @Inject
    JobContext job;

    /** The period, yyyyMM (required). */
    @Inject
    @BatchProperty
    String period;

    @Override
    public void beforeJob() {
        // the first execution has no run yet (step 1 makes it); a restart finds its own and resumes it
        BillingPeriod p;
        try {
            p = JobPeriod.resolve(period);
        } catch (IllegalArgumentException e) {
            return; // step 1 fails with the reason
        }
        if (settlements.resume(p, job.getInstanceId(), job.getExecutionId())) {
            LOG.infof("Settlement %s: job instance %d resumed by execution %d", period, job.getInstanceId(),
                    job.getExecutionId());
        }
    }

    @Override
    public void afterJob() {
        if (job.getBatchStatus() == BatchStatus.FAILED) {
            BillingPeriod p;
            try {
                p = JobPeriod.resolve(period);
            } catch (IllegalArgumentException e) {
                return; // no run to mark
            }
            settlements.failed(p, job.getInstanceId(), "job execution " + job.getExecutionId()
                    + " failed (exit status " + job.getExitStatus() + "); restart it, or abandon the run");
        }
    }
}
