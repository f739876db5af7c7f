package dev.stallkeeper.platform;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * What operators watch in the database, for {@code /api/metrics}: work, usage and e-mail due or parked, and the
 * latest settlement runs. Each figure is one count over an index ({@code (status, next_attempt_at)}); callers cache
 * the result for a few seconds, so scrapes from several Prometheus servers cost the database little.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class OperationsGauges {

    @PersistenceContext(unitName = "stallkeeper")
    EntityManager em;

    @Inject
    Clock clock;

    /** One settlement run: its period (yyyyMM), status and when it finished (null while running). */
    public record SettlementRunState(int period, String status, Instant finishedAt) {
    }

    public record Snapshot(long workDue, long workParked, long usageDue, long usageParked, long mailDue,
                           long mailParked, List<SettlementRunState> settlementRuns) {
    }

    public Snapshot read() {
        Instant now = clock.instant();
        List<SettlementRunState> runs = new ArrayList<>();
        for (Object row : em.createNativeQuery("SELECT period, status, finished_at FROM settlement_run"
                + " ORDER BY period DESC").setMaxResults(3).getResultList()) {
            Object[] r = (Object[]) row;
            runs.add(new SettlementRunState(((Number) r[0]).intValue(), (String) r[1], SqlTimes.instant(r[2])));
        }
        return new Snapshot(due("work_item", now), parked("work_item"), due("usage_record", now),
                parked("usage_record"), due("mail_outbox", now), parked("mail_outbox"), runs);
    }

    private long due(String table, Instant now) {
        return ((Number) em.createNativeQuery("SELECT COUNT(*) FROM " + table
                        + " WHERE status = 'PENDING' AND next_attempt_at <= ?1")
                .setParameter(1, now.atOffset(ZoneOffset.UTC)).getSingleResult()).longValue();
    }

    private long parked(String table) {
        return ((Number) em.createNativeQuery("SELECT COUNT(*) FROM " + table + " WHERE status = 'PARKED'")
                .getSingleResult()).longValue();
    }
}
