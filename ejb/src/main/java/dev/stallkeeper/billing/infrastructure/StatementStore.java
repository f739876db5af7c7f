package dev.stallkeeper.billing.infrastructure;

import static dev.stallkeeper.billing.infrastructure.SettlementSql.*;

import dev.stallkeeper.billing.domain.BillSum;
import dev.stallkeeper.billing.domain.BillingPeriod;
import dev.stallkeeper.billing.domain.StatementDecision;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The final step of a run: the staged sums and carried amounts it decides from, the statements it writes, and the
 * settlement ledger (bill_settlement, V20) it appends to, slice by slice; plus the preview of a period.
 */
@ApplicationScoped
public class StatementStore {

    @PersistenceContext(unitName = "stallkeeper")
    EntityManager em;

    @Inject
    SettlingGate gate;

    public Map<String, BillSum> staged(BillingPeriod period, long jobInstanceId) {
        Map<String, BillSum> out = new LinkedHashMap<>();
        for (Object o : em.createNativeQuery("SELECT product_type, SUM(amount), SUM(bill_count) FROM settlement_staging"
                        + " WHERE period = ?1 AND job_instance_id = ?2 GROUP BY product_type ORDER BY product_type")
                .setParameter(1, period.id()).setParameter(2, jobInstanceId).getResultList()) {
            Object[] r = (Object[]) o;
            out.put((String) r[0], new BillSum(decimal(r[1]), number(r[2])));
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
    public Map<String, BillSum> eligibleNow(BillingPeriod period) {
        Map<String, BillSum> out = new LinkedHashMap<>();
        for (Object o : em.createNativeQuery("SELECT product_type, SUM(amount), COUNT(*) FROM bill"
                        + " WHERE" + UNSETTLED + " AND" + ELIGIBLE + " GROUP BY product_type ORDER BY product_type")
                .setParameter("periodEnd", utc(period.end())).getResultList()) {
            Object[] r = (Object[]) o;
            out.put((String) r[0], new BillSum(decimal(r[1]), number(r[2])));
        }
        return out;
    }
}
