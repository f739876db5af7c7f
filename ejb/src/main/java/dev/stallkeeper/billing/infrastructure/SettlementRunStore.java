package dev.stallkeeper.billing.infrastructure;

import static dev.stallkeeper.billing.infrastructure.SettlementSql.*;

import dev.stallkeeper.billing.domain.BillingPeriod;
import dev.stallkeeper.billing.domain.SettlementRun;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The settlement run of each period (settlement_run, V3): claimed once per period across the fleet, started,
 * resumed, failed, abandoned and completed, in the caller's transaction.
 */
@ApplicationScoped
public class SettlementRunStore {

    @PersistenceContext(unitName = "stallkeeper")
    EntityManager em;

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
}
