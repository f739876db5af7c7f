package dev.stallkeeper.billing.infrastructure;

import dev.stallkeeper.platform.SqlTimes;
import jakarta.persistence.Query;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The settlement tables' shared SQL (V3__billing.sql, V20): plain SQL that runs on PostgreSQL and on H2 in
 * PostgreSQL mode. The eligibility predicate {@link #ELIGIBLE} is the SQL form of {@code Eligibility.blocker(..) ==
 * empty}, {@link #BLOCKER} the reason a bill is blocked; the final step checks that both select the same bills.
 */
final class SettlementSql {

    private SettlementSql() {
    }

    /** Eligible for the period ending at ?end (parameter), and part of the run's frozen snapshot. */
    static final String ELIGIBLE = " payment_state IN ('PAID', 'REPAID')"
            + " AND supervision_state IN ('NOT_REQUIRED', 'COMPLETED') AND settleable_at < :periodEnd";
    /**
     * Not settled: no row in the settlement ledger (bill_settlement, V20), for a query over {@code bill}. Settlement
     * is never a column of the bill: bills are immutable facts, settling appends to the ledger.
     */
    static final String UNSETTLED = " NOT EXISTS (SELECT 1 FROM bill_settlement bs WHERE bs.bill_id = bill.id)";

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

    static Query bindSlice(Query q, long fromId, long toId, Instant asOf, Instant periodEnd) {
        return q.setParameter("fromId", fromId).setParameter("toId", toId).setParameter("asOf", utc(asOf))
                .setParameter("periodEnd", utc(periodEnd));
    }

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
        return d.setScale(2, RoundingMode.UNNECESSARY);
    }

    static Instant instant(Object value) {
        return SqlTimes.instant(value);
    }
}
