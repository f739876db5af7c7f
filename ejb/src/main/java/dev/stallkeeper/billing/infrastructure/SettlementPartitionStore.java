package dev.stallkeeper.billing.infrastructure;

import static dev.stallkeeper.billing.infrastructure.SettlementSql.*;

import dev.stallkeeper.billing.domain.BillSum;
import dev.stallkeeper.billing.domain.BillingPeriod;
import dev.stallkeeper.billing.domain.PartitionRange;
import dev.stallkeeper.billing.domain.SettlementPhase;
import dev.stallkeeper.billing.domain.SliceSums;
import dev.stallkeeper.billing.domain.WorklistEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's partition plan and the chunk step's work (settlement_partition, settlement_staging, settlement_worklist):
 * the unsettled bills' id range split into partitions, each slice aggregated and classified by one statement, and
 * each partition's checkpoint position per {@link SettlementPhase}, committed with the slice's work.
 */
@ApplicationScoped
public class SettlementPartitionStore {

    @PersistenceContext(unitName = "stallkeeper")
    EntityManager em;

    /** The id range and count of the unsettled bills recorded and last changed before {@code asOf}. */
    public long[] unsettledRange(Instant asOf) {
        Object[] r = (Object[]) em.createNativeQuery("SELECT MIN(id), MAX(id), COUNT(*) FROM bill"
                        + " WHERE" + UNSETTLED + " AND created_at < ?1 AND updated_at < ?1")
                .setParameter(1, utc(asOf)).getSingleResult();
        return r[0] == null ? new long[] {0, -1, 0} : new long[] {number(r[0]), number(r[1]), number(r[2])};
    }

    /**
     * The number of unsettled bills recorded and last changed before {@code asOf} in each of the given consecutive
     * id ranges ({@code {fromId, toId}}, ascending), in one scan.
     */
    public List<Long> countInRanges(List<long[]> ranges, Instant asOf) {
        List<Long> out = new ArrayList<>();
        if (ranges.isEmpty()) {
            return out;
        }
        StringBuilder bucket = new StringBuilder("CASE");
        for (int i = 0; i < ranges.size(); i++) {
            bucket.append(" WHEN id <= ").append(ranges.get(i)[1]).append(" THEN ").append(i);
        }
        bucket.append(" END");
        Map<Integer, Long> found = new LinkedHashMap<>();
        for (Object o : em.createNativeQuery("SELECT " + bucket + ", COUNT(*) FROM bill WHERE" + UNSETTLED
                        + " AND id BETWEEN ?1 AND ?2 AND created_at < ?3 AND updated_at < ?3 GROUP BY " + bucket)
                .setParameter(1, ranges.get(0)[0]).setParameter(2, ranges.get(ranges.size() - 1)[1])
                .setParameter(3, utc(asOf)).getResultList()) {
            Object[] r = (Object[]) o;
            found.put((int) number(r[0]), number(r[1]));
        }
        for (int i = 0; i < ranges.size(); i++) {
            out.add(found.getOrDefault(i, 0L));
        }
        return out;
    }

    public void addPartition(BillingPeriod period, long jobInstanceId, PartitionRange range) {
        em.createNativeQuery("INSERT INTO settlement_partition (period, job_instance_id, partition_no, from_id, to_id,"
                        + " last_id, total_bills, done_bills, settle_last_id, settled_bills)"
                        + " VALUES (?1, ?2, ?3, ?4, ?5, ?4 - 1, ?6, 0, ?4 - 1, 0)")
                .setParameter(1, period.id()).setParameter(2, jobInstanceId).setParameter(3, range.partition())
                .setParameter(4, range.fromId()).setParameter(5, range.toId()).setParameter(6, range.totalBills())
                .executeUpdate();
    }

    public List<PartitionRange> partitions(BillingPeriod period, long jobInstanceId) {
        List<PartitionRange> out = new ArrayList<>();
        for (Object o : em.createNativeQuery("SELECT partition_no, from_id, to_id, total_bills FROM settlement_partition"
                        + " WHERE period = ?1 AND job_instance_id = ?2 ORDER BY partition_no")
                .setParameter(1, period.id()).setParameter(2, jobInstanceId).getResultList()) {
            Object[] r = (Object[]) o;
            out.add(new PartitionRange((int) number(r[0]), number(r[1]), number(r[2]), number(r[3])));
        }
        return out;
    }

    /**
     * One aggregate over the run's bills with ids {@code fromId..toId}: per product type the eligible amounts
     * (the bills whose {@link #BLOCKER} is NULL) and the number of bills read.
     */
    public SliceSums aggregateSlice(long fromId, long toId, Instant asOf, Instant periodEnd) {
        Map<String, BillSum> eligible = new LinkedHashMap<>();
        long bills = 0;
        for (Object o : bindSlice(em.createNativeQuery("SELECT product_type,"
                        + " SUM(CASE WHEN" + ELIGIBLE + " THEN amount ELSE 0 END),"
                        + " SUM(CASE WHEN" + ELIGIBLE + " THEN 1 ELSE 0 END), COUNT(*)"
                        + " FROM bill WHERE" + IN_SLICE + " GROUP BY product_type ORDER BY product_type"),
                fromId, toId, asOf, periodEnd).getResultList()) {
            Object[] r = (Object[]) o;
            long count = number(r[2]);
            if (count > 0) {
                eligible.put((String) r[0], new BillSum(decimal(r[1]), count));
            }
            bills += number(r[3]);
        }
        return new SliceSums(eligible, bills);
    }

    /** Writes the slice's blocked bills to the worklist with their reason, in one INSERT ... SELECT. */
    public int worklistSlice(BillingPeriod period, long jobInstanceId, long fromId, long toId, Instant asOf) {
        return bindSlice(em.createNativeQuery("INSERT INTO settlement_worklist (id, period, job_instance_id, reason,"
                        + " product_type, bill_id, amount, since, gap)"
                        + " SELECT nextval('settlement_worklist_seq'), :period, :instance, reason, product_type, id, amount,"
                        + " CASE reason WHEN 'SUPERVISION_OPEN' THEN effective_at WHEN 'NOT_YET_EFFECTIVE' THEN settleable_at END,"
                        + " NULL FROM (SELECT" + BLOCKER + " AS reason, product_type, id, amount, effective_at, settleable_at"
                        + " FROM bill WHERE" + IN_SLICE + ") b WHERE reason IS NOT NULL ORDER BY id"),
                fromId, toId, asOf, period.end())
                .setParameter("period", period.id()).setParameter("instance", jobInstanceId).executeUpdate();
    }

    /** Adds a chunk's eligible sums to the partition's staging rows (private to the partition: no races). */
    public void addToStaging(BillingPeriod period, long jobInstanceId, int partition, Map<String, BillSum> sums) {
        sums.forEach((type, sum) -> {
            int updated = em.createNativeQuery("UPDATE settlement_staging SET amount = amount + ?5,"
                            + " bill_count = bill_count + ?6 WHERE period = ?1 AND job_instance_id = ?2"
                            + " AND partition_no = ?3 AND product_type = ?4")
                    .setParameter(1, period.id()).setParameter(2, jobInstanceId).setParameter(3, partition)
                    .setParameter(4, type).setParameter(5, sum.amount()).setParameter(6, sum.count())
                    .executeUpdate();
            if (updated == 0) {
                em.createNativeQuery("INSERT INTO settlement_staging (period, job_instance_id, partition_no,"
                                + " product_type, amount, bill_count) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
                        .setParameter(1, period.id()).setParameter(2, jobInstanceId).setParameter(3, partition)
                        .setParameter(4, type).setParameter(5, sum.amount()).setParameter(6, sum.count())
                        .executeUpdate();
            }
        });
    }

    /** Moves the partition's position to {@code lastId}; refuses (false) a chunk at or before the position. */
    public boolean advance(SettlementPhase phase, BillingPeriod period, long jobInstanceId, int partition, long firstId, long lastId,
                           long bills) {
        return em.createNativeQuery("UPDATE settlement_partition SET " + count(phase) + " = " + count(phase) + " + ?4, "
                        + position(phase) + " = ?5 WHERE period = ?1 AND job_instance_id = ?2 AND partition_no = ?3 AND "
                        + position(phase) + " < ?6")
                .setParameter(1, period.id()).setParameter(2, jobInstanceId).setParameter(3, partition)
                .setParameter(4, bills).setParameter(5, lastId).setParameter(6, firstId).executeUpdate() == 1;
    }

    /** The last bill id the partition has done in {@code phase} (committed with the slice's work). */
    public long position(SettlementPhase phase, BillingPeriod period, long jobInstanceId, int partition) {
        return number(em.createNativeQuery("SELECT " + position(phase) + " FROM settlement_partition"
                        + " WHERE period = ?1 AND job_instance_id = ?2 AND partition_no = ?3")
                .setParameter(1, period.id()).setParameter(2, jobInstanceId).setParameter(3, partition)
                .getSingleResult());
    }

    /** Appends worklist lines, up to 500 per statement. */
    public void addWorklist(BillingPeriod period, long jobInstanceId, List<WorklistEntry> entries) {
        for (int from = 0; from < entries.size(); from += 500) {
            List<WorklistEntry> slice = entries.subList(from, Math.min(entries.size(), from + 500));
            StringBuilder sql = new StringBuilder("INSERT INTO settlement_worklist (id, period, job_instance_id, reason,"
                    + " product_type, bill_id, amount, since, gap) VALUES ");
            for (int i = 0; i < slice.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append("(nextval('settlement_worklist_seq'), :period, :instance, :r").append(i)
                        .append(", :t").append(i).append(", :b").append(i).append(", :a").append(i).append(", :s").append(i)
                        .append(", :g").append(i).append(')');
            }
            Query insert = em.createNativeQuery(sql.toString()).setParameter("period", period.id())
                    .setParameter("instance", jobInstanceId);
            for (int i = 0; i < slice.size(); i++) {
                WorklistEntry e = slice.get(i);
                insert.setParameter("r" + i, e.reason().name()).setParameter("t" + i, e.productType())
                        .setParameter("b" + i, e.billId()).setParameter("a" + i, e.amount())
                        .setParameter("s" + i, e.since() == null ? null : utc(e.since())).setParameter("g" + i, e.gap());
            }
            insert.executeUpdate();
        }
    }

    private static String position(SettlementPhase phase) {
        return phase == SettlementPhase.ACCUMULATE ? "last_id" : "settle_last_id";
    }

    private static String count(SettlementPhase phase) {
        return phase == SettlementPhase.ACCUMULATE ? "done_bills" : "settled_bills";
    }
}
