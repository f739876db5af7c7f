package dev.stallkeeper.provisioning.infrastructure;

import dev.stallkeeper.platform.StallkeeperConfig;
import dev.stallkeeper.provisioning.domain.Instance;
import dev.stallkeeper.provisioning.domain.InstanceEvent;
import dev.stallkeeper.provisioning.domain.InvalidRequestException;
import dev.stallkeeper.provisioning.domain.WorkClaim;
import dev.stallkeeper.provisioning.domain.WorkItem;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.ZoneOffset;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Short transactions around instances and their background work. Idempotency and exclusivity come from the
 * database: the unique order-line key makes concurrent duplicate creates converge on one row, and work is
 * claimed with {@code FOR UPDATE SKIP LOCKED} so that two nodes never run the same attempt.
 */
@Stateless
public class ProvisioningStore {

    /** Hibernate's hint value for SKIP LOCKED. */
    private static final int SKIP_LOCKED = -2;

    @PersistenceContext(unitName = "stallkeeper")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    StallkeeperConfig config;


    /**
     * The instance for an order line, and whether this call created it. A call that created it also holds the
     * first attempt's claim ({@code claim} non-null): it commits with the instance, so no other node starts
     * that attempt while the lease runs, and the caller can start it without claiming again.
     */
    public record Created(Instance instance, boolean created, Long provisionWorkId, WorkClaim claim) {
    }

    /**
     * Creates the instance (state PROVISIONING, id = this call's businessId) and its provisioning work, or
     * finds the one an earlier call created. Runs in its own transaction so that the row is durable before
     * any slow work starts.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Created createOrGet(String orderId, String orderLineId, String productKey, String businessId) {
        Instant now = clock.instant();
        int inserted = insertInstance(orderId, orderLineId, productKey, businessId, now);
        Long workId = null;
        WorkClaim claim = null;
        if (inserted == 1) {
            workId = insertWork(businessId, WorkItem.Kind.PROVISION, WorkItem.Status.PENDING, now, 1,
                    now.plus(config.provisioningLease()));
            claim = new WorkClaim(workId, businessId, WorkItem.Kind.PROVISION, 1);
            em.persist(new InstanceEvent(businessId, "CREATED", orderId, orderLineId, "newInstance accepted", now));
        }
        Instance instance = em.createNamedQuery("Instance.findByOrderLine", Instance.class)
                .setParameter("orderId", orderId).setParameter("orderLineId", orderLineId)
                .setParameter("productKey", productKey)
                .getResultStream().findFirst()
                .orElseThrow(() -> new InvalidRequestException(
                        "businessId " + businessId + " is already used by another order line"));
        if (workId == null) {
            workId = workId(instance.id(), WorkItem.Kind.PROVISION).orElse(null);
        }
        return new Created(instance, inserted == 1, workId, claim);
    }

    /**
     * Creates the instance of a new order line in the caller's transaction, with its provisioning work either done
     * ({@code provisionNow}: the caller provisions before it commits, or rolls everything back) or due now for the
     * work poller. Empty, with nothing written, when the order line or the id exists already: the durable path of
     * {@link #createOrGet} answers those.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public Optional<Instance> createInline(String orderId, String orderLineId, String productKey, String businessId,
                                           boolean provisionNow) {
        Instant now = clock.instant();
        int inserted = insertInstance(orderId, orderLineId, productKey, businessId, now);
        if (inserted == 0) {
            return Optional.empty();
        }
        if (provisionNow) {
            insertWork(businessId, WorkItem.Kind.PROVISION, WorkItem.Status.DONE, now, 1, now);
        } else {
            insertWork(businessId, WorkItem.Kind.PROVISION, WorkItem.Status.PENDING, now, 0, now);
        }
        em.persist(new InstanceEvent(businessId, "CREATED", orderId, orderLineId, "newInstance accepted", now));
        return Optional.of(em.find(Instance.class, businessId));
    }

    /** Inserts a PROVISIONING instance unless its id or order line exists; 1 when inserted, else 0. */
    private int insertInstance(String orderId, String orderLineId, String productKey, String businessId, Instant now) {
        return em.createNativeQuery("INSERT INTO instance (id, order_id, order_line_id, product_key, state, trial,"
                        + " created_at, updated_at, version) VALUES (?1, ?2, ?3, ?4, 'PROVISIONING', FALSE, ?5, ?5, 0)"
                        + " ON CONFLICT DO NOTHING")
                .setParameter(1, businessId).setParameter(2, orderId).setParameter(3, orderLineId)
                .setParameter(4, productKey).setParameter(5, now.atOffset(ZoneOffset.UTC))
                .executeUpdate();
    }

    /** Queues background work (idempotent per instance and kind); returns its id. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public long enqueue(String instanceId, WorkItem.Kind kind) {
        Optional<Long> existing = workId(instanceId, kind);
        if (existing.isPresent()) {
            return existing.get();
        }
        Instant now = clock.instant();
        return insertWork(instanceId, kind, WorkItem.Status.PENDING, now, 0, now);
    }

    /** Inserts work in {@code status}; PENDING with {@code attempts} 1 is born claimed, its lease ending at {@code nextAttemptAt}. */
    private long insertWork(String instanceId, WorkItem.Kind kind, WorkItem.Status status, Instant now, int attempts,
                            Instant nextAttemptAt) {
        long id = ((Number) em.createNativeQuery("SELECT nextval('work_item_seq')").getSingleResult()).longValue();
        em.createNativeQuery("INSERT INTO work_item (id, instance_id, kind, status, attempts, next_attempt_at,"
                        + " created_at, updated_at, claimed_by) VALUES (?1, ?2, ?3, ?7, ?4, ?5, ?6, ?6, ?8)")
                .setParameter(1, id).setParameter(2, instanceId).setParameter(3, kind.name())
                .setParameter(4, attempts).setParameter(5, nextAttemptAt.atOffset(ZoneOffset.UTC))
                .setParameter(6, now.atOffset(ZoneOffset.UTC)).setParameter(7, status.name())
                .setParameter(8, attempts > 0 ? config.nodeId() : null)
                .executeUpdate();
        return id;
    }

    /** The instance's work of that kind, locked for the caller's transaction. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public Optional<WorkItem> lockWork(String instanceId, WorkItem.Kind kind) {
        return workId(instanceId, kind).map(id -> em.find(WorkItem.class, id, LockModeType.PESSIMISTIC_WRITE));
    }

    public Optional<Long> workId(String instanceId, WorkItem.Kind kind) {
        return em.createQuery("SELECT w.id FROM WorkItem w WHERE w.instanceId = :i AND w.kind = :k", Long.class)
                .setParameter("i", instanceId).setParameter("k", kind)
                .getResultStream().findFirst();
    }

    /**
     * Claims due work for one attempt, or nothing when it is not due, done, or being worked on elsewhere.
     * The claim commits at once: it is a lease, so a crash during the attempt only delays the next one.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<WorkClaim> claim(long workId) {
        Instant now = clock.instant();
        List<WorkItem> found = em.createQuery("SELECT w FROM WorkItem w WHERE w.id = :id"
                        + " AND w.status = :pending AND w.nextAttemptAt <= :now", WorkItem.class)
                .setParameter("id", workId).setParameter("pending", WorkItem.Status.PENDING)
                .setParameter("now", now)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint("jakarta.persistence.lock.timeout", SKIP_LOCKED)
                .getResultList();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        WorkItem work = found.get(0);
        int attempt = work.claim(now, config.provisioningLease(), config.nodeId());
        return Optional.of(new WorkClaim(work.id(), work.instanceId(), work.kind(), attempt));
    }

    /** Records a failed attempt (retry later, or park and fail the instance when exhausted or permanent). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordFailure(WorkClaim claim, String error, boolean permanent) {
        Instant now = clock.instant();
        WorkItem work = em.find(WorkItem.class, claim.workId(), LockModeType.PESSIMISTIC_WRITE);
        if (work == null || work.status() != WorkItem.Status.PENDING || work.attempts() != claim.attempt()) {
            return; // another attempt has taken over meanwhile
        }
        int max = permanent ? work.attempts() : config.provisioningMaxAttempts();
        work.failed(error, now, max, config.retryBaseDelay(), config.retryMaxDelay());
        em.persist(new InstanceEvent(work.instanceId(), work.kind() + "_ATTEMPT_FAILED", null, null,
                "attempt " + claim.attempt() + ": " + error, now));
        if (work.status() == WorkItem.Status.PARKED && work.kind() == WorkItem.Kind.PROVISION) {
            Instance instance = em.find(Instance.class, work.instanceId(), LockModeType.PESSIMISTIC_WRITE);
            if (instance != null) {
                instance.fail(error, now);
                em.persist(new InstanceEvent(instance.id(), "PROVISIONING_FAILED", null, null, error, now));
            }
        }
    }

    /**
     * Gives back the claim of an attempt whose outcome could not be recorded (the database was away): the work is due
     * again at once, unless another attempt has taken it over meanwhile.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void releaseUnrecorded(WorkClaim claim, String error) {
        Instant now = clock.instant();
        WorkItem work = em.find(WorkItem.class, claim.workId(), LockModeType.PESSIMISTIC_WRITE);
        if (work == null || work.status() != WorkItem.Status.PENDING || work.attempts() != claim.attempt()) {
            return;
        }
        work.retryNow(error, now);
        em.persist(new InstanceEvent(work.instanceId(), work.kind() + "_ATTEMPT_FAILED", null, null,
                "attempt " + claim.attempt() + ": " + error, now));
    }

    /** Ids of work that is due now, oldest first; claiming happens per item. */
    public List<Long> dueWork(int limit) {
        return em.createQuery("SELECT w.id FROM WorkItem w WHERE w.status = :pending AND w.nextAttemptAt <= :now"
                        + " ORDER BY w.nextAttemptAt", Long.class)
                .setParameter("pending", WorkItem.Status.PENDING).setParameter("now", clock.instant())
                .setMaxResults(limit)
                .getResultList();
    }

    /** Re-arms failed provisioning so that it runs again now (a resent newInstance). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void retryFailed(String instanceId) {
        Instant now = clock.instant();
        Instance instance = em.find(Instance.class, instanceId, LockModeType.PESSIMISTIC_WRITE);
        if (instance != null && instance.retryProvisioning(now)) {
            lockWork(instanceId, WorkItem.Kind.PROVISION).ifPresent(w -> w.rearm(now));
            em.persist(new InstanceEvent(instanceId, "PROVISIONING_RETRIED", null, null, "newInstance resent", now));
        }
    }


    public Optional<Instance> find(String instanceId) {
        return Optional.ofNullable(em.find(Instance.class, instanceId));
    }
}
