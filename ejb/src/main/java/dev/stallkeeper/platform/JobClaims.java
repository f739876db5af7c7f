package dev.stallkeeper.platform;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Once per period across the fleet: every node's timer asks for the claim of a periodic job's current period
 * (table {@code job_claim}); the node whose insert wins runs it, the others skip that period. The monthly
 * settlement has its own claim ({@code settlement_run}).
 * <p>
 * The period is read from the database's clock, not the node's: the nodes' clocks may differ by a little, and near
 * the end of a period two of them would otherwise claim two periods within one. (It is also not the application's
 * {@code Clock}, which tests move back and forth: the period of a schedule is real time.)
 */
@Stateless
public class JobClaims {

    @PersistenceContext
    EntityManager em;

    @Inject
    StallkeeperConfig config;

    /** Claims the current period of {@code job} for this node; true when this call won it. Commits at once. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean claim(String job, Duration every) {
        Instant now = databaseNow();
        return em.createNativeQuery("INSERT INTO job_claim (job_name, period_key, claimed_by, claimed_at)"
                        + " VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING")
                .setParameter(1, job).setParameter(2, Long.toString(JobPeriods.slot(now, every)))
                .setParameter(3, config.nodeId()).setParameter(4, now.atOffset(ZoneOffset.UTC))
                .executeUpdate() == 1;
    }

    /** Forgets claims older than {@code age} (their periods are long past); returns how many. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int forgetOlderThan(Duration age) {
        return em.createNativeQuery("DELETE FROM job_claim WHERE claimed_at < ?1")
                .setParameter(1, databaseNow().minus(age).atOffset(ZoneOffset.UTC))
                .executeUpdate();
    }

    private Instant databaseNow() {
        Number millis = (Number) em.createNativeQuery(
                "SELECT CAST(FLOOR(EXTRACT(EPOCH FROM CURRENT_TIMESTAMP) * 1000) AS BIGINT)").getSingleResult();
        return Instant.ofEpochMilli(millis.longValue());
    }
}
