package dev.stallkeeper.billing.infrastructure;

import static dev.stallkeeper.billing.infrastructure.SettlementSql.*;

import dev.stallkeeper.billing.domain.BillingPeriod;
import dev.stallkeeper.billing.domain.BlockReason;
import dev.stallkeeper.billing.domain.PeriodTotals;
import dev.stallkeeper.billing.domain.SettlementStatement;
import dev.stallkeeper.billing.domain.StatementDecision;
import dev.stallkeeper.billing.domain.StatementLine;
import dev.stallkeeper.billing.domain.WorklistCount;
import dev.stallkeeper.billing.domain.WorklistEntry;
import dev.stallkeeper.billing.domain.WorklistLine;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.Query;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the console, the admin API and the CSV exports read of settled periods: statements, their bills, worklists. */
@ApplicationScoped
public class SettlementReadModel {

    @PersistenceContext(unitName = "stallkeeper")
    EntityManager em;

    public List<SettlementStatement> statements(BillingPeriod period) {
        List<SettlementStatement> out = new ArrayList<>();
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
            out.add(new SettlementStatement(number(r[0]), period, d, instant(r[13])));
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
                    BlockReason.valueOf((String) r[1]), (String) r[2], longOrNull(r[3]),
                    decimal(r[4]), instant(r[5]), r[6] == null ? null : decimal(r[6]))));
        }
        return out;
    }
}
