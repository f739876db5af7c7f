package dev.stallkeeper.audit.application;

import dev.stallkeeper.platform.StallkeeperConfig;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * What the audit keeps and for how long: expired nonces go once the signature window alone refuses their
 * replays; callbacks go once they are older than the configured retention. Callback deletions run in the
 * caller's transaction, so that a batch chunk's deletions and its checkpoint commit together.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class AuditRetention {

    @PersistenceContext(unitName = "stallkeeper")
    EntityManager em;

    @Inject
    StallkeeperConfig config;

    /** Nonces received before this instant can no longer be replayed: the timestamp window refuses them first. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Instant nonceHorizon(Instant now) {
        return now.minus(config.signatureWindow().multipliedBy(2)).minusSeconds(60);
    }

    /** Callbacks received before this instant leave the audit; empty when retention is unlimited. */
    @TransactionAttribute(TransactionAttributeType.SUPPORTS)
    public Optional<Instant> callbackHorizon(Instant now) {
        return config.auditRetention().isZero() ? Optional.empty() : Optional.of(now.minus(config.auditRetention()));
    }

    public int purgeNonces(Instant before) {
        return em.createNativeQuery("DELETE FROM callback_nonce WHERE received_at < ?1")
                .setParameter(1, before.atOffset(ZoneOffset.UTC)).executeUpdate();
    }

    /** Ids of callbacks received before {@code before}, ascending, after {@code afterId} (keyset paging). */
    public List<Long> expiredCallbackIds(Instant before, long afterId, int limit) {
        return em.createQuery("SELECT c.id FROM CallbackLogEntry c WHERE c.receivedAt < :before AND c.id > :after"
                        + " ORDER BY c.id", Long.class)
                .setParameter("before", before).setParameter("after", afterId)
                .setMaxResults(limit)
                .getResultList();
    }

    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public int deleteCallbacks(List<Long> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        return em.createQuery("DELETE FROM CallbackLogEntry c WHERE c.id IN :ids")
                .setParameter("ids", ids).executeUpdate();
    }
}
