package dev.stallkeeper.batch.settlement;

import dev.stallkeeper.billing.application.Settlements;
import dev.stallkeeper.billing.domain.PartitionRange;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.partition.PartitionMapper;
import jakarta.batch.api.partition.PartitionPlan;
import jakarta.batch.api.partition.PartitionPlanImpl;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Properties;

/**
 * One partition per bill-id range that step 1 stored for the run (STALLKEEPER_SETTLEMENT_PARTITIONS, default 4,
 * equal slices of min..max id). The ranges come from the database, not from a fresh min/max, so that a restarted
 * execution reads exactly the ranges the first one did.
 */
@Dependent
@Named("billRangeMapper")
public class BillRangeMapper implements PartitionMapper {

    @Inject
    Settlements settlements;

    @Inject
    JobContext job;

    /** The period, yyyyMM (required). */
    @Inject
    @BatchProperty
    String period;

    @Override
    public PartitionPlan mapPartitions() {
        List<PartitionRange> ranges = settlements.partitions(JobPeriod.resolve(period), job.getInstanceId());
        if (ranges.isEmpty()) {
            // no unsettled bills at all: one partition with an empty range, so that the step still runs
            ranges = List.of(new PartitionRange(0, 0, -1, 0));
        }
        Properties[] properties = new Properties[ranges.size()];
        for (int i = 0; i < ranges.size(); i++) {
            Properties p = new Properties();
            p.setProperty("partition", Integer.toString(ranges.get(i).partition()));
            p.setProperty("fromId", Long.toString(ranges.get(i).fromId()));
            p.setProperty("toId", Long.toString(ranges.get(i).toId()));
            properties[i] = p;
        }
        PartitionPlanImpl plan = new PartitionPlanImpl();
        plan.setPartitions(ranges.size());
        plan.setThreads(ranges.size());
        plan.setPartitionProperties(properties);
        plan.setPartitionsOverride(false);
        return plan;
    }
}
