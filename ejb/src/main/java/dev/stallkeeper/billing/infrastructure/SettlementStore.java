package dev.stallkeeper.billing.infrastructure;

import dev.stallkeeper.billing.domain.BillingPeriod;
import dev.stallkeeper.billing.domain.SettlementRun;
import dev.stallkeeper.billing.domain.StatementDecision;
import dev.stallkeeper.billing.domain.WorklistEntry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The settlement tables in SQL (V3__billing.sql), in the caller's transaction. Plain SQL that runs on PostgreSQL
 * and on H2 in PostgreSQL mode. The eligibility predicate {@link #ELIGIBLE} is the SQL form of
 * {@code Eligibility.blocker(..) == empty}; the final step checks that both select the same bills.
 */
@ApplicationScoped
public class SettlementStore {

    /** Eligible for the period ending at ?end (parameter), and part of the run's frozen snapshot. */
    static final String ELIGIBLE = " payment_state IN ('PAID', 'REPAID')"
            + " AND supervision_state IN ('NOT_REQUIRED', 'COMPLETED') AND settleable_at < :periodEnd";
    /**
     * Not settled: no row in the settlement ledger (bill_settlement, V20), for a query over {@code bill}. Settlement
     * is never a column of the bill: bills are immutable facts, settling appends to the ledger.
     */
    static final String UNSETTLED = " NOT EXISTS (SELECT 1 FROM bill_settlement bs WHERE bs.bill_id = bill.id)";

    public record PartitionRange(int partition, long fromId, long toId, long totalBills) {
    }

    /** Per product type: the sum and the count of bills. */
    public record Sum(BigDecimal amount, long count) {
        public Sum plus(BigDecimal more) {
            return new Sum(amount.add(more), count + 1);
        }
    }

    @PersistenceContext(unitName = "stallkeeper")
    EntityManager em;

    @Inject
    SettlingGate gate;

    // --- runs ------------------------------------------------------------------------------------------------

    /** Inserts the period's claim unless one exists; true when this call inserted it. */
    public boolean claim(BillingPeriod period, String node, Instant now) {
        return em.createNativeQuery("INSERT INTO settlement_run (period, status, claimed_by, claimed_at, total_bills)"
                        + " VALUES (?1, 'CLAIMED', ?2, ?3, 0) ON CONFLICT DO NOTHING")
                .setParameter(1, period.id()).setParameter(2, node).setParameter(3, utc(now))
                .executeUpdate() == 1;
    }

    /** The run row under a row lock (serialises the starts, restarts and the final step of a period). */
    public Optional<SettlementRun> lockRun(BillingPeriod period) {
        List<?> rows = em.createNativeQuery(RUN_SELECT + " WHERE r.period = ?1 FOR UPDATE")
                .setParameter(1, period.id()).getResultList();
        return rows.isEmpty() ? Optional.empty() : Optional.of(run((Object[]) rows.get(0), 0));
    }

    public Optional<SettlementRun> run(BillingPeriod period) {
        List<?> rows = em.createNativeQuery(RUN_SELECT + " WHERE r.period = ?1").setParameter(1, period.id())
                .getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] row = (Object[]) rows.get(0);
        SettlementRun run = run(row, 0);
        long done = run.jobInstanceId() == null ? 0 : number(em.createNativeQuery(
                        "SELECT COALESCE(SUM(done_bills), 0) FROM settlement_partition WHERE period = ?1 AND job_instance_id = ?2")
                .setParameter(1, period.id()).setParameter(2, run.jobInstanceId()).getSingleResult());
        return Optional.of(run(row, done));
    }

    /** When job instance {@code jobInstanceId}'s run of the period started (its as-of); empty if not its run. */
    public Optional<Instant> startedAt(BillingPeriod period, long jobInstanceId) {
        List<?> rows = em.createNativeQuery("SELECT started_at FROM settlement_run WHERE period = ?1 AND job_instance_id = ?2")
                .setParameter(1, period.id()).setParameter(2, jobInstanceId).getResultList();
        return rows.isEmpty() || rows.get(0) == null ? Optional.empty() : Optional.of(instant(rows.get(0)));
    }

    public List<SettlementRun> runs() {
        List<SettlementRun> out = new ArrayList<>();
        for (Object row : em.createNativeQuery(RUN_SELECT + " ORDER BY r.period DESC").getResultList()) {
            out.add(run((Object[]) row, 0));
        }
        return out;
    }

    private static final String RUN_SELECT = "SELECT r.period, r.status, r.job_instance_id, r.execution_id, r.claimed_by,"
            + " r.claimed_at, r.started_at, r.finished_at, r.min_bill_id, r.max_bill_id, r.total_bills, r.failure"
            + " FROM settlement_run r";

    private static SettlementRun run(Object[] r, long done) {
        SettlementRun.Status status = SettlementRun.Status.valueOf((String) r[1]);
        long total = number(r[10]);
        return new SettlementRun(BillingPeriod.fromId((int) number(r[0])), status, longOrNull(r[2]), longOrNull(r[3]),
                (String) r[4], instant(r[5]), instant(r[6]), instant(r[7]), longOrNull(r[8]), longOrNull(r[9]),
                total, status == SettlementRun.Status.COMPLETED ? total : done, (String) r[11]);
    }

    public Optional<Integer> latestCompletedAfter(BillingPeriod period) {
        Object v = em.createNativeQuery("SELECT MAX(period) FROM settlement_run WHERE status = 'COMPLETED' AND period > ?1")
                .setParameter(1, period.id()).getSingleResult();
        return v == null ? Optional.empty() : Optional.of((int) number(v));
    }

    /**
     * Drops what an earlier, abandoned run of the period left (partitions, staging, worklist, and its statements and
     * ledger rows if it got that far: the period has not completed, so they settled nothing for good).
     */
    public void clearWork(BillingPeriod period) {
        for (String table : List.of("settlement_partition", "settlement_staging", "settlement_worklist",
                "bill_settlement", "settlement_statement")) {
            em.createNativeQuery("DELETE FROM " + table + " WHERE period = ?1").setParameter(1, period.id())
                    .executeUpdate();
        }
    }

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

    public void start(BillingPeriod period, long jobInstanceId, long executionId, Instant startedAt, long minId,
                      long maxId, long total) {
        em.createNativeQuery("UPDATE settlement_run SET status = 'RUNNING', job_instance_id = ?2, execution_id = ?3,"
                        + " started_at = ?4, finished_at = NULL, min_bill_id = ?5, max_bill_id = ?6, total_bills = ?7,"
                        + " failure = NULL WHERE period = ?1")
                .setParameter(1, period.id()).setParameter(2, jobInstanceId).setParameter(3, executionId)
                .setParameter(4, utc(startedAt)).setParameter(5, minId).setParameter(6, maxId).setParameter(7, total)
                .executeUpdate();
    }

    /** A restart of the run's own job instance takes the run back (RUNNING, this execution); false if not its run. */
    public boolean resume(BillingPeriod period, long jobInstanceId, long executionId) {
        return em.createNativeQuery("UPDATE settlement_run SET status = 'RUNNING', execution_id = ?3, failure = NULL"
                        + " WHERE period = ?1 AND job_instance_id = ?2 AND status IN ('RUNNING', 'FAILED')")
                .setParameter(1, period.id()).setParameter(2, jobInstanceId).setParameter(3, executionId)
                .executeUpdate() == 1;
    }

    public void fail(BillingPeriod period, long jobInstanceId, String reason) {
        em.createNativeQuery("UPDATE settlement_run SET status = 'FAILED', failure = ?3"
                        + " WHERE period = ?1 AND job_instance_id = ?2 AND status = 'RUNNING'")
                .setParameter(1, period.id()).setParameter(2, jobInstanceId)
                .setParameter(3, reason == null ? null : reason.substring(0, Math.min(reason.length(), 2000)))
                .executeUpdate();
    }

    /** An operator gives up a run that will not finish (its server is gone): a new start may take the period. */
    public int abandon(BillingPeriod period, String reason) {
        return em.createNativeQuery("UPDATE settlement_run SET status = 'FAILED', failure = ?2"
                        + " WHERE period = ?1 AND status IN ('RUNNING', 'CLAIMED')")
                .setParameter(1, period.id()).setParameter(2, reason).executeUpdate();
    }

    public void complete(BillingPeriod period, Instant now) {
        em.createNativeQuery("UPDATE settlement_run SET status = 'COMPLETED', finished_at = ?2 WHERE period = ?1")
                .setParameter(1, period.id()).setParameter(2, utc(now)).executeUpdate();
    }

    // --- partitions and the chunk step -------------------------------------------------------------------------

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
     * Why an unsettled bill is blocked, in {@code Eligibility.blocker}'s order of precedence: the SQL form of the
     * domain rule (NULL when eligible), so that a slice of bills is classified by the database, not row by row in Java.
     */
    static final String BLOCKER = " CASE WHEN payment_state = 'UNPAID' THEN 'UNPAID'"
            + " WHEN payment_state = 'POSTPAID_AWAITING_REPAYMENT' THEN 'POSTPAID_NOT_REPAID'"
            + " WHEN supervision_state NOT IN ('NOT_REQUIRED', 'COMPLETED') OR settleable_at IS NULL THEN 'SUPERVISION_OPEN'"
            + " WHEN settleable_at >= :periodEnd THEN 'NOT_YET_EFFECTIVE' END";
    /** The run's bills in one id slice of a partition (the chunk of the accumulate step). */
    static final String IN_SLICE = UNSETTLED + " AND id BETWEEN :fromId AND :toId"
            + " AND created_at < :asOf AND updated_at < :asOf";

    /** What a slice adds: per product type the eligible sum and count, and how many of the run's bills it holds. */
    public record SliceSums(Map<String, Sum> eligible, long bills) {
    }

    /**
     * One aggregate over the run's bills with ids {@code fromId..toId}: per product type the eligible amounts
     * (the bills whose {@link #BLOCKER} is NULL) and the number of bills read.
     */
    public SliceSums aggregateSlice(long fromId, long toId, Instant asOf, Instant periodEnd) {
        Map<String, Sum> eligible = new LinkedHashMap<>();
        long bills = 0;
        for (Object o : bindSlice(em.createNativeQuery("SELECT product_type,"
                        + " SUM(CASE WHEN" + ELIGIBLE + " THEN amount ELSE 0 END),"
                        + " SUM(CASE WHEN" + ELIGIBLE + " THEN 1 ELSE 0 END), COUNT(*)"
                        + " FROM bill WHERE" + IN_SLICE + " GROUP BY product_type ORDER BY product_type"),
                fromId, toId, asOf, periodEnd).getResultList()) {
            Object[] r = (Object[]) o;
            long count = number(r[2]);
            if (count > 0) {
                eligible.put((String) r[0], new Sum(decimal(r[1]), count));
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

    private static Query bindSlice(Query q, long fromId, long toId, Instant asOf, Instant periodEnd) {
        return q.setParameter("fromId", fromId).setParameter("toId", toId).setParameter("asOf", utc(asOf))
                .setParameter("periodEnd", utc(periodEnd));
    }

    /** Adds a chunk's eligible sums to the partition's staging rows (private to the partition: no races). */
    public void addToStaging(BillingPeriod period, long jobInstanceId, int partition, Map<String, Sum> sums) {
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

    /**
     * A partitioned step's columns in settlement_partition: its position (last bill id done, committed with the
     * slice's work) and its count of bills.
     */
    public enum Phase {
        /** Counting: the partition's sums, worklist and progress. */
        ACCUMULATE("last_id", "done_bills"),
        /** Settling: the partition's rows of the settlement ledger. */
        SETTLE("settle_last_id", "settled_bills");

        final String position;
        final String count;

        Phase(String position, String count) {
            this.position = position;
            this.count = count;
        }
    }

    /** Moves the partition's position to {@code lastId}; refuses (false) a chunk at or before the position. */
    public boolean advance(Phase phase, BillingPeriod period, long jobInstanceId, int partition, long firstId, long lastId,
                           long bills) {
        return em.createNativeQuery("UPDATE settlement_partition SET " + phase.count + " = " + phase.count + " + ?4, "
                        + phase.position + " = ?5 WHERE period = ?1 AND job_instance_id = ?2 AND partition_no = ?3 AND "
                        + phase.position + " < ?6")
                .setParameter(1, period.id()).setParameter(2, jobInstanceId).setParameter(3, partition)
                .setParameter(4, bills).setParameter(5, lastId).setParameter(6, firstId).executeUpdate() == 1;
    }

    /** The last bill id the partition has done in {@code phase} (committed with the slice's work). */
    public long position(Phase phase, BillingPeriod period, long jobInstanceId, int partition) {
        return number(em.createNativeQuery("SELECT " + phase.position + " FROM settlement_partition"
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

    // --- the final step ------------------------------------------------------------------------------------------

    public Map<String, Sum> staged(BillingPeriod period, long jobInstanceId) {
        Map<String, Sum> out = new LinkedHashMap<>();
        for (Object o : em.createNativeQuery("SELECT product_type, SUM(amount), SUM(bill_count) FROM settlement_staging"
                        + " WHERE period = ?1 AND job_instance_id = ?2 GROUP BY product_type ORDER BY product_type")
                .setParameter(1, period.id()).setParameter(2, jobInstanceId).getResultList()) {
            Object[] r = (Object[]) o;
            out.put((String) r[0], new Sum(decimal(r[1]), number(r[2])));
        }
        return out;
    }

    /** Each product type's carry from its latest statement before {@code period}. */
    public Map<String, BigDecimal> carriedIn(BillingPeriod period) {
        Map<String, BigDecimal> out = new LinkedHashMap<>();
        for (Object o : em.createNativeQuery("SELECT s.product_type, s.carry_out FROM settlement_statement s"
                        + " WHERE s.period = (SELECT MAX(s2.period) FROM settlement_statement s2"
                        + " WHERE s2.product_type = s.product_type AND s2.period < ?1)")
                .setParameter(1, period.id()).getResultList()) {
            Object[] r = (Object[]) o;
            out.put((String) r[0], decimal(r[1]));
        }
        return out;
    }

    public long insertStatement(BillingPeriod period, StatementDecision d, Instant now) {
        long id = number(em.createNativeQuery("SELECT nextval('settlement_statement_seq')").getSingleResult());
        em.createNativeQuery("INSERT INTO settlement_statement (id, period, product_type, carried_in, period_amount,"
                        + " accumulated, bill_count, threshold, settled, fee_percent, gross, fee, net, carry_out, created_at)"
                        + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)")
                .setParameter(1, id).setParameter(2, period.id()).setParameter(3, d.productType())
                .setParameter(4, d.carriedIn()).setParameter(5, d.periodAmount()).setParameter(6, d.accumulated())
                .setParameter(7, d.billCount()).setParameter(8, d.threshold()).setParameter(9, d.settles())
                .setParameter(10, d.feePercent()).setParameter(11, d.gross()).setParameter(12, d.fee())
                .setParameter(13, d.net()).setParameter(14, d.carryOut()).setParameter(15, utc(now))
                .executeUpdate();
        return id;
    }

    /**
     * Settles one slice of the run's bills (ids {@code fromId..toId}): one {@code INSERT ... SELECT} appends a ledger
     * row (bill_settlement) for each eligible, unsettled bill whose product type's statement of the period settles;
     * the bills themselves are not written. The ledger's primary key makes a second settlement of a bill impossible,
     * whatever runs. Returns how many it settled.
     *
     * <p>A slice and a change to one of its bills ({@code BillLedger}, {@code BillImport}) meet in the {@link SettlingGate}
     * before the insert: a change committed first is seen here (a bill that stopped being eligible, or changed after
     * the run's as-of instant, is left out); a slice committed first is seen by the change, which then refuses (the
     * bill is settled). Without it a supervision opened on a bill in the instant of its settling could leave a bill
     * settled that was no longer eligible.
     */
    public int settleSlice(BillingPeriod period, long fromId, long toId, Instant asOf, Instant now) {
        gate.enterSlice(fromId, toId);
        return bindSlice(em.createNativeQuery("INSERT INTO bill_settlement (bill_id, period, statement_id, settled_at)"
                        + " SELECT b.id, :period, st.id, :now FROM (SELECT id, product_type FROM bill WHERE" + IN_SLICE
                        + " AND" + ELIGIBLE + ") b JOIN settlement_statement st"
                        + " ON st.period = :period AND st.product_type = b.product_type AND st.settled"),
                fromId, toId, asOf, period.end())
                .setParameter("period", period.id()).setParameter("now", utc(now)).executeUpdate();
    }

    /**
     * Refreshes the planner's statistics of the settlement ledger on PostgreSQL (a no-op on H2). Right after a run
     * appended a million rows, autovacuum has not analysed them yet and the planner, expecting a handful, joins a
     * whole statement's bills to show its first lines (13 s at 10 million bills instead of milliseconds).
     */
    public void analyzeLedger() {
        if (gate.onPostgres()) {
            em.createNativeQuery("ANALYZE bill_settlement").executeUpdate();
        }
    }


    /** The period's ledger rows per statement id. */
    public Map<Long, Long> ledgerCounts(BillingPeriod period) {
        Map<Long, Long> out = new LinkedHashMap<>();
        for (Object o : em.createNativeQuery("SELECT statement_id, COUNT(*) FROM bill_settlement WHERE period = ?1"
                        + " GROUP BY statement_id").setParameter(1, period.id()).getResultList()) {
            Object[] r = (Object[]) o;
            out.put(number(r[0]), number(r[1]));
        }
        return out;
    }

    /** The preview: eligible unsettled bills per product type now, for a period (writes nothing). */
    public Map<String, Sum> eligibleNow(BillingPeriod period) {
        Map<String, Sum> out = new LinkedHashMap<>();
        for (Object o : em.createNativeQuery("SELECT product_type, SUM(amount), COUNT(*) FROM bill"
                        + " WHERE" + UNSETTLED + " AND" + ELIGIBLE + " GROUP BY product_type ORDER BY product_type")
                .setParameter("periodEnd", utc(period.end())).getResultList()) {
            Object[] r = (Object[]) o;
            out.put((String) r[0], new Sum(decimal(r[1]), number(r[2])));
        }
        return out;
    }


    // --- reading the results ---------------------------------------------------------------------------------

    /** A stored statement. */
    public record Statement(long id, BillingPeriod period, StatementDecision decision, Instant createdAt) {
    }

    /** A stored worklist line. */
    public record WorklistLine(long id, BillingPeriod period, WorklistEntry entry) {
    }

    public List<Statement> statements(BillingPeriod period) {
        List<Statement> out = new ArrayList<>();
        for (Object o : em.createNativeQuery("SELECT id, product_type, carried_in, period_amount, accumulated, bill_count,"
                        + " threshold, settled, fee_percent, gross, fee, net, carry_out, created_at FROM settlement_statement"
                        + " WHERE period = ?1 ORDER BY product_type")
                .setParameter(1, period.id()).getResultList()) {
            Object[] r = (Object[]) o;
            BigDecimal accumulated = decimal(r[4]);
            BigDecimal threshold = decimal(r[6]);
            boolean settled = (Boolean) r[7];
            StatementDecision d = new StatementDecision((String) r[1], decimal(r[2]), decimal(r[3]), accumulated,
                    number(r[5]), threshold, settled, ((BigDecimal) r[8]).stripTrailingZeros(), decimal(r[9]), decimal(r[10]), decimal(r[11]),
                    decimal(r[12]), settled ? BigDecimal.ZERO.setScale(2) : threshold.subtract(accumulated));
            out.add(new Statement(number(r[0]), period, d, instant(r[13])));
        }
        return out;
    }

    public List<Long> statementBills(long statementId) {
        List<Long> out = new ArrayList<>();
        for (Object o : em.createNativeQuery("SELECT l.bill_id FROM settlement_statement s JOIN settlement_statement_line l"
                + " ON l.period = s.period AND l.product_type = s.product_type AND l.statement_id = s.id"
                + " WHERE s.id = ?1 ORDER BY l.bill_id").setParameter(1, statementId).getResultList()) {
            out.add(number(o));
        }
        return out;
    }

    /** One bill of a statement (the view settlement_statement_line). */
    public record StatementLine(long statementId, long billId, String productType, String kind, String orderId,
                                String orderLineId, BigDecimal amount) {
    }

    /** The bills of the period's settled statements, by product type and bill id, up to {@code limit}. */
    public List<StatementLine> statementLines(BillingPeriod period, int limit) {
        return lines(em.createNativeQuery("SELECT statement_id, bill_id, product_type, kind, order_id, order_line_id,"
                        + " amount FROM settlement_statement_line WHERE period = ?1 ORDER BY product_type, bill_id")
                .setParameter(1, period.id()).setMaxResults(limit));
    }

    /**
     * The first {@code limit} bills of one statement of {@code period}, by bill id (the database can walk the
     * ledger's primary key in bill order and stop at the limit).
     */
    public List<StatementLine> statementLinesOf(BillingPeriod period, long statementId, int limit) {
        return lines(em.createNativeQuery("SELECT statement_id, bill_id, product_type, kind, order_id, order_line_id,"
                        + " amount FROM settlement_statement_line WHERE period = ?1 AND statement_id = ?2 ORDER BY bill_id")
                .setParameter(1, period.id()).setParameter(2, statementId).setMaxResults(limit));
    }

    private static List<StatementLine> lines(Query query) {
        List<StatementLine> out = new ArrayList<>();
        for (Object o : query.getResultList()) {
            Object[] r = (Object[]) o;
            out.add(new StatementLine(number(r[0]), number(r[1]), (String) r[2], (String) r[3], (String) r[4],
                    (String) r[5], decimal(r[6])));
        }
        return out;
    }

    /** A period's worklist per reason: how many lines, and their amount. */
    public record WorklistCount(String reason, long lines, BigDecimal amount) {
    }

    public List<WorklistCount> worklistCounts(BillingPeriod period) {
        List<WorklistCount> out = new ArrayList<>();
        for (Object o : em.createNativeQuery("SELECT reason, COUNT(*), SUM(amount) FROM settlement_worklist"
                        + " WHERE period = ?1 GROUP BY reason ORDER BY reason")
                .setParameter(1, period.id()).getResultList()) {
            Object[] r = (Object[]) o;
            out.add(new WorklistCount((String) r[0], number(r[1]), decimal(r[2])));
        }
        return out;
    }

    /** Totals of each period's statements: settled product types, gross, fee and net settled, amount carried. */
    public record PeriodTotals(int period, long statements, long settled, BigDecimal gross, BigDecimal fee,
                               BigDecimal net, BigDecimal carried) {
    }

    public Map<Integer, PeriodTotals> periodTotals() {
        Map<Integer, PeriodTotals> out = new LinkedHashMap<>();
        for (Object o : em.createNativeQuery("SELECT period, COUNT(*), SUM(CASE WHEN settled THEN 1 ELSE 0 END),"
                + " COALESCE(SUM(CASE WHEN settled THEN gross ELSE 0 END), 0),"
                + " COALESCE(SUM(CASE WHEN settled THEN fee ELSE 0 END), 0),"
                + " COALESCE(SUM(CASE WHEN settled THEN net ELSE 0 END), 0),"
                + " COALESCE(SUM(CASE WHEN settled THEN 0 ELSE carry_out END), 0)"
                + " FROM settlement_statement GROUP BY period ORDER BY period DESC").getResultList()) {
            Object[] r = (Object[]) o;
            int period = (int) number(r[0]);
            out.put(period, new PeriodTotals(period, number(r[1]), number(r[2]), decimal(r[3]), decimal(r[4]),
                    decimal(r[5]), decimal(r[6])));
        }
        return out;
    }

    public List<WorklistLine> worklist(BillingPeriod period, int limit) {
        List<WorklistLine> out = new ArrayList<>();
        for (Object o : em.createNativeQuery("SELECT id, reason, product_type, bill_id, amount, since, gap"
                        + " FROM settlement_worklist WHERE period = ?1 ORDER BY reason, product_type, bill_id")
                .setParameter(1, period.id()).setMaxResults(limit).getResultList()) {
            Object[] r = (Object[]) o;
            out.add(new WorklistLine(number(r[0]), period, new WorklistEntry(
                    dev.stallkeeper.billing.domain.BlockReason.valueOf((String) r[1]), (String) r[2], longOrNull(r[3]),
                    decimal(r[4]), instant(r[5]), r[6] == null ? null : decimal(r[6]))));
        }
        return out;
    }

    // --- conversions -------------------------------------------------------------------------------------------

    static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    static long number(Object value) {
        return ((Number) value).longValue();
    }

    static Long longOrNull(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }

    static BigDecimal decimal(Object value) {
        BigDecimal d = value instanceof BigDecimal b ? b : new BigDecimal(value.toString());
        return d.setScale(2, java.math.RoundingMode.UNNECESSARY);
    }

    static Instant instant(Object value) {
        return dev.stallkeeper.platform.SqlTimes.instant(value);
    }
}
