package dev.stallkeeper.audit.application;

import dev.stallkeeper.platform.SqlTimes;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Figures about KooGallery's production traffic (test_flag false; requests refused before authentication, which anyone
 * can send, left out) for the dashboard: volume, failures and answer
 * times per hour, and the delisting risk KooGallery applies (more than 5 failed orders in a month delists a
 * product; a newInstance counts as failed when no answer of its order was 000000 or 000004).
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class CallbackStatistics {

    /** KooGallery delists a product after more than this many failed orders in a month. */
    public static final int DELISTING_LIMIT = 5;
    private static final String OK = "('000000', '000004')";

    @PersistenceContext(unitName = "stallkeeper")
    EntityManager em;

    /** One hour of callbacks. */
    public record Hour(Instant start, long count, long failed, int p99Millis) {
        public double failureRate() {
            return count == 0 ? 0 : (double) failed / count;
        }
    }

    /** The 24 hours before {@code now}, oldest first, empty hours included. */
    public List<Hour> last24Hours(Instant now) {
        Instant end = now.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);
        Instant start = end.minus(24, ChronoUnit.HOURS);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT FLOOR(EXTRACT(EPOCH FROM received_at) / 3600) AS h, COUNT(*),"
                        + " SUM(CASE WHEN result_code IN " + OK + " THEN 0 ELSE 1 END),"
                        + " PERCENTILE_CONT(0.99) WITHIN GROUP (ORDER BY latency_ms)"
                        + " FROM callback_log WHERE received_at >= ?1 AND received_at < ?2 AND test_flag = FALSE"
                        + " AND refused = FALSE"
                        + " GROUP BY FLOOR(EXTRACT(EPOCH FROM received_at) / 3600)")
                .setParameter(1, start.atOffset(ZoneOffset.UTC)).setParameter(2, end.atOffset(ZoneOffset.UTC))
                .getResultList();
        Map<Long, Hour> byHour = new LinkedHashMap<>();
        for (Object[] row : rows) {
            long hour = ((Number) row[0]).longValue();
            byHour.put(hour, new Hour(Instant.ofEpochSecond(hour * 3600), ((Number) row[1]).longValue(),
                    ((Number) row[2]).longValue(), row[3] == null ? 0 : (int) Math.ceil(((Number) row[3]).doubleValue())));
        }
        List<Hour> hours = new ArrayList<>();
        for (Instant h = start; h.isBefore(end); h = h.plus(1, ChronoUnit.HOURS)) {
            hours.add(byHour.getOrDefault(h.getEpochSecond() / 3600, new Hour(h, 0, 0, 0)));
        }
        return hours;
    }

    /** What KooGallery's delisting rule sees since {@code monthStart}. */
    public record DelistingRisk(long failedOrders, int consecutiveFailures, int limit) {
        public boolean atRisk() {
            return failedOrders >= limit - 2 || consecutiveFailures >= 3;
        }
    }

    public DelistingRisk delistingRisk(Instant monthStart) {
        Number failed = (Number) em.createNativeQuery("SELECT COUNT(*) FROM ("
                        + " SELECT c.order_id FROM callback_log c WHERE c.activity = 'newInstance' AND c.test_flag = FALSE"
                        + " AND c.refused = FALSE"
                        + " AND c.received_at >= ?1 AND c.order_id IS NOT NULL AND c.result_code NOT IN " + OK
                        + " AND NOT EXISTS (SELECT 1 FROM callback_log g WHERE g.order_id = c.order_id"
                        + " AND g.activity = 'newInstance' AND g.test_flag = FALSE AND g.result_code IN " + OK + ")"
                        + " UNION SELECT i.order_id FROM instance i WHERE i.state = 'FAILED' AND i.created_at >= ?1) x")
                .setParameter(1, monthStart.atOffset(ZoneOffset.UTC)).getSingleResult();
        List<?> recent = em.createNativeQuery("SELECT result_code FROM callback_log WHERE activity = 'newInstance'"
                        + " AND test_flag = FALSE AND refused = FALSE ORDER BY received_at DESC, id DESC")
                .setMaxResults(50).getResultList();
        int consecutive = 0;
        for (Object code : recent) {
            if ("000000".equals(code) || "000004".equals(code)) {
                break;
            }
            consecutive++;
        }
        return new DelistingRisk(failed.longValue(), consecutive, DELISTING_LIMIT);
    }

    /**
     * Debug calls ({@code testFlag=1}: KooGallery's debugging tool and its twice-daily dial tests) received since
     * {@code since}: how many, how many were answered 000000, and the latest of each. Calls whose nonce starts with
     * {@code ownNoncePrefix} (this server's own self-test) are left out, so that only calls from outside count.
     */
    public DebugCalls debugCalls(Instant since, String ownNoncePrefix) {
        Object[] row = (Object[]) em.createNativeQuery("SELECT COUNT(*),"
                        + " SUM(CASE WHEN result_code = '000000' THEN 1 ELSE 0 END),"
                        + " MAX(CASE WHEN result_code = '000000' THEN received_at END)"
                        + " FROM callback_log WHERE test_flag = TRUE AND refused = FALSE AND received_at >= ?1"
                        + " AND (nonce IS NULL OR nonce NOT LIKE ?2)")
                .setParameter(1, since.atOffset(ZoneOffset.UTC)).setParameter(2, ownNoncePrefix + "%")
                .getSingleResult();
        List<?> last = em.createNativeQuery("SELECT received_at, result_code, activity FROM callback_log"
                        + " WHERE test_flag = TRUE AND refused = FALSE AND received_at >= ?1"
                        + " AND (nonce IS NULL OR nonce NOT LIKE ?2) ORDER BY received_at DESC, id DESC")
                .setParameter(1, since.atOffset(ZoneOffset.UTC)).setParameter(2, ownNoncePrefix + "%")
                .setMaxResults(1).getResultList();
        Object[] latest = last.isEmpty() ? null : (Object[]) last.get(0);
        return new DebugCalls(((Number) row[0]).longValue(), row[1] == null ? 0 : ((Number) row[1]).longValue(),
                row[2] == null ? null : SqlTimes.instant(row[2]),
                latest == null ? null : SqlTimes.instant(latest[0]), latest == null ? null : (String) latest[1],
                latest == null ? null : (String) latest[2]);
    }

    /** What {@link #debugCalls} found: counts, the last 000000 answer, and the latest call with its code. */
    public record DebugCalls(long count, long answeredOk, Instant lastOkAt, Instant lastAt, String lastCode,
                             String lastActivity) {
    }
}
