package dev.stallkeeper.batch.settlement;

import dev.stallkeeper.billing.application.Settlements;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * The two one-transaction steps around the settling one: with {@code action} {@code decide}, sums the partitions
 * with the carries, applies the threshold and the fee, writes the statements and the worklist of the types below
 * the threshold ({@link Settlements#decide}; exit status {@code SETTLES n OF m}); with {@code finish}, checks the
 * settlement ledger against the statements and completes the run ({@link Settlements#finish}; exit status
 * {@code SETTLED n OF m}, product types).
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

    /** {@code decide} or {@code finish} (default). */
    @Inject
    @BatchProperty
    String action;

    @Override
    public String process() {
        boolean decide = "decide".equals(action);
        Settlements.Outcome outcome = decide
                ? settlements.decide(JobPeriod.resolve(period), job.getInstanceId())
                : settlements.finish(JobPeriod.resolve(period), job.getInstanceId());
        long settled = outcome.statements().stream().filter(s -> s.settles()).count();
        return (decide ? "SETTLES " : "SETTLED ") + settled + " OF " + outcome.statements().size();
    }
}
