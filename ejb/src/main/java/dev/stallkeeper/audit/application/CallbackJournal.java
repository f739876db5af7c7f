package dev.stallkeeper.audit.application;

import dev.stallkeeper.audit.domain.CallbackLogEntry;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Nonces and the audit of callbacks. The nonce table's primary key is what makes replay detection hold
 * across nodes: a second request with the same nonce waits for the first one's row and then sees its answer.
 * Joins the caller's transaction (a callback done in one transaction), or runs in one of its own.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRED)
public class CallbackJournal {

    @PersistenceContext(unitName = "stallkeeper")
    EntityManager em;

    @Inject
    StoredAnswers storedAnswers;

    /** What a nonce claim found. */
    public sealed interface NonceClaim permits Fresh, Replay, Conflict, InFlight {
    }

    /** First time this nonce is seen. */
    public record Fresh() implements NonceClaim {
    }

    /** Seen with the same body and answered: send the same answer again. */
    public record Replay(byte[] response) implements NonceClaim {
    }

    /** Seen with another body: a forged or broken request. */
    public record Conflict() implements NonceClaim {
    }

    /** Seen with the same body, not answered yet (still running, or the node died): process again, idempotently. */
    public record InFlight() implements NonceClaim {
    }

    public NonceClaim claimNonce(String nonce, String bodySha256, Instant now) {
        int inserted = em.createNativeQuery("INSERT INTO callback_nonce (nonce, body_sha256, received_at)"
                        + " VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING")
                .setParameter(1, nonce).setParameter(2, bodySha256).setParameter(3, now.atOffset(ZoneOffset.UTC))
                .executeUpdate();
        if (inserted == 1) {
            return new Fresh();
        }
        List<?> rows = em.createNativeQuery("SELECT body_sha256, response FROM callback_nonce WHERE nonce = ?1")
                .setParameter(1, nonce).getResultList();
        if (rows.isEmpty()) {
            return new Fresh(); // purged in between: the timestamp check already bounds its age
        }
        Object[] row = (Object[]) rows.get(0);
        if (!bodySha256.equals(row[0])) {
            return new Conflict();
        }
        if (row[1] == null) {
            return new InFlight();
        }
        byte[] answer = storedAnswers.open(nonce, (byte[]) row[1]);
        return answer == null ? new InFlight() : new Replay(answer);
    }

    /** Stores the answer for replays (sealed: it may carry a tenant's password) and the audit entry, together. */
    public void complete(String nonce, byte[] response, CallbackLogEntry entry) {
        if (nonce != null) {
            em.createNativeQuery("UPDATE callback_nonce SET response = ?1 WHERE nonce = ?2 AND response IS NULL")
                    .setParameter(1, storedAnswers.seal(nonce, response)).setParameter(2, nonce).executeUpdate();
        }
        em.persist(entry);
    }

    /** Audit of a request that was refused before its nonce counted (bad signature, stale, oversized). */
    public void record(CallbackLogEntry entry) {
        em.persist(entry);
    }

    /**
     * Audit rows of callbacks answered while the database was away, in order, in a transaction of their own; a row
     * whose spool key is stored already (replayed twice) is skipped, and the unique key on {@code spool_key} holds
     * even if two replays raced.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int recordSpooled(List<CallbackLogEntry> entries) {
        if (entries.isEmpty()) {
            return 0;
        }
        java.util.Set<String> stored = new java.util.HashSet<>(em.createQuery(
                        "SELECT c.spoolKey FROM CallbackLogEntry c WHERE c.spoolKey IN :keys", String.class)
                .setParameter("keys", entries.stream().map(CallbackLogEntry::spoolKey).toList())
                .getResultList());
        int added = 0;
        for (CallbackLogEntry entry : entries) {
            if (stored.add(entry.spoolKey())) {
                em.persist(entry);
                added++;
            }
        }
        return added;
    }
}
