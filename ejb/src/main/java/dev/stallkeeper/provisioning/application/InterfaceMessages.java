package dev.stallkeeper.provisioning.application;

import dev.stallkeeper.audit.domain.CallbackLogEntry;
import dev.stallkeeper.provisioning.domain.Instance;
import dev.stallkeeper.provisioning.domain.InstanceEvent;
import dev.stallkeeper.provisioning.domain.WorkItem;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * What went wrong with KooGallery's traffic: callbacks answered with an error, and background work parked after
 * its last attempt. Parked work can be replayed; a replay re-arms the work under a row lock and only if it is
 * still parked, so pressing the button twice (or on two nodes) runs it once.
 */
@Stateless
public class InterfaceMessages {

    private static final Logger LOG = Logger.getLogger(InterfaceMessages.class);
    public static final List<String> OK_CODES = List.of("000000", "000004");

    @PersistenceContext(unitName = "stallkeeper")
    EntityManager em;

    @Inject
    Clock clock;

    /**
     * Production callbacks answered with an error code since {@code since}, newest first; requests refused before
     * authentication (anyone can send them) are not listed.
     */
    public List<CallbackLogEntry> failedCallbacks(Instant since, int limit) {
        return em.createQuery("SELECT c FROM CallbackLogEntry c WHERE c.resultCode NOT IN :ok AND c.receivedAt >= :since"
                        + " AND c.testFlag = FALSE AND c.refused = FALSE ORDER BY c.receivedAt DESC, c.id DESC",
                        CallbackLogEntry.class)
                .setParameter("ok", OK_CODES).setParameter("since", since).setMaxResults(limit).getResultList();
    }

    /** Background work that gave up, most recent first. */
    public List<WorkItem> parkedWork(int limit) {
        return em.createQuery("SELECT w FROM WorkItem w WHERE w.status = :parked ORDER BY w.updatedAt DESC, w.id DESC",
                WorkItem.class).setParameter("parked", WorkItem.Status.PARKED).setMaxResults(limit).getResultList();
    }

    /** Outcome of a replay request. */
    public enum Replay { REPLAYED, NOT_PARKED, UNKNOWN }

    /** Re-arms parked work so that the next poll (within seconds) runs it again with a fresh set of attempts. */
    public Replay replay(long workId, String by) {
        WorkItem work = em.find(WorkItem.class, workId, LockModeType.PESSIMISTIC_WRITE);
        if (work == null) {
            return Replay.UNKNOWN;
        }
        if (work.status() != WorkItem.Status.PARKED) {
            return Replay.NOT_PARKED;
        }
        Instant now = clock.instant();
        if (work.kind() == WorkItem.Kind.PROVISION) {
            Instance instance = em.find(Instance.class, work.instanceId(), LockModeType.PESSIMISTIC_WRITE);
            if (instance != null) {
                instance.retryProvisioning(now);
            }
        }
        work.rearm(now);
        em.persist(new InstanceEvent(work.instanceId(), work.kind() + "_REPLAYED", null, null,
                "replayed from the console by " + by, now));
        LOG.infof("Work %d (%s of %s) replayed by %s", workId, work.kind(), work.instanceId(), by);
        return Replay.REPLAYED;
    }
}
