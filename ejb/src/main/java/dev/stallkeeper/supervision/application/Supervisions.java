package dev.stallkeeper.supervision.application;

import dev.stallkeeper.billing.application.BillLedger;
import dev.stallkeeper.billing.domain.Bill;
import dev.stallkeeper.billing.domain.BillKind;
import dev.stallkeeper.billing.domain.SupervisionState;
import dev.stallkeeper.platform.Attachment;
import dev.stallkeeper.platform.ListPage;
import dev.stallkeeper.platform.ListQuery;
import dev.stallkeeper.platform.Locks;
import dev.stallkeeper.platform.NotFoundException;
import dev.stallkeeper.platform.StallkeeperConfig;
import dev.stallkeeper.platform.UniqueKeys;
import dev.stallkeeper.provisioning.domain.Instance;
import dev.stallkeeper.provisioning.domain.InstanceEvent;
import dev.stallkeeper.provisioning.domain.InstanceState;
import dev.stallkeeper.supervision.domain.Action;
import dev.stallkeeper.supervision.domain.Stage;
import dev.stallkeeper.supervision.domain.Supervision;
import dev.stallkeeper.supervision.domain.SupervisionException;
import dev.stallkeeper.supervision.domain.SupervisionRules;
import dev.stallkeeper.supervision.domain.SupervisionStep;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Service supervision (koogallery-protocol.md §8.1): opens a supervision for an order line, records each step the
 * seller's staff take (the buyer's side happens on KooGallery and is recorded here too), completes accepted orders
 * when their time comes, and keeps the order's bills and instance in step: bills settle only once supervision has
 * COMPLETED, and the service start time sets a period product's validity.
 */
@Stateless
public class Supervisions {

    /** The actor of steps the clock takes. */
    public static final String SYSTEM = "system";
    private static final char[] CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Logger LOG = Logger.getLogger(Supervisions.class);

    @PersistenceContext(unitName = "stallkeeper")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    StallkeeperConfig config;

    @Inject
    BillLedger bills;

    /** What a step may carry besides who takes it. */
    public record StepInput(String reason, List<String> hardwareCodes, Attachment attachment, Instant serviceStart) {
        public static StepInput none() {
            return new StepInput(null, null, null, null);
        }
    }

    /** A list row (no file bytes). */
    public record Row(long id, String orderId, String orderLineId, String customerName, Stage stage, String systemCode,
                      Instant lastMovedAt, Instant completionDueAt, boolean stalled) {
    }

    /** Filters of the list; nulls mean any. */
    public record Filter(Stage stage, String orderId, boolean stalledOnly) {
    }

    /**
     * The buyer submitted requirements for an order line: a new supervision with a generated, unique system
     * identification code. The order line's new-purchase bills wait for it (supervision IN_PROGRESS).
     */
    public Supervision open(String orderId, String orderLineId, List<String> hardwareCodes, String actor) {
        Instant now = clock.instant();
        Supervision s = new Supervision(orderId, orderLineId, hardwareCodes, systemCode(), now);
        if (findByOrderLine(s.orderId(), s.orderLineId()).isPresent()) {
            throw exists(s);
        }
        instanceOf(s.orderId(), s.orderLineId()).ifPresent(i -> s.describe(i.id(), i.productId(), i.customerName()));
        try {
            em.persist(s);
            em.flush(); // the unique constraints answer here, not at commit
        } catch (PersistenceException e) {
            if (UniqueKeys.violated(e, "uk_supervision_order_line")) { // a concurrent open of the same line won
                throw exists(s);
            }
            throw e;
        }
        em.persist(new SupervisionStep(s.id(), "OPEN", null, s.stage(), actor, null, null, now));
        for (Bill bill : newBills(s)) {
            if (bill.settledInPeriod() == null && bill.supervisionState() == SupervisionState.NOT_REQUIRED) {
                bills.openSupervision(bill.id());
            }
        }
        LOG.infof("Supervision %d opened for order line %s/%s by %s", s.id(), s.orderId(), s.orderLineId(), actor);
        return s;
    }

    private static SupervisionException exists(Supervision s) {
        return new SupervisionException("supervision.exists", true, "order line " + s.orderId() + "/" + s.orderLineId()
                + " is supervised already");
    }

    /** 16 characters from a 32-letter alphabet (80 random bits); uniqueness is the database's constraint. */
    static String systemCode() {
        StringBuilder code = new StringBuilder("SK");
        for (int i = 0; i < 16; i++) {
            code.append(CODE_ALPHABET[RANDOM.nextInt(CODE_ALPHABET.length)]);
        }
        return code.toString();
    }

    /** A person's step; refuses illegal transitions (409) and missing input (400) without changing anything. */
    public Supervision act(long id, Action action, StepInput input, String actor) {
        if (action == Action.COMPLETE) {
            throw new SupervisionException("supervision.completeIsAutomatic", false,
                    "COMPLETE is taken by Stallkeeper itself " + config.supervisionCompletionDelay().toMinutes()
                            + " minutes after the buyer's acceptance");
        }
        StepInput in = input == null ? StepInput.none() : input;
        Supervision s = lock(id);
        Instant now = clock.instant();
        Stage from = s.stage();
        switch (action) {
            case CONFIRM_REQUIREMENT -> s.confirmRequirement(now);
            case REJECT_REQUIREMENT -> s.rejectRequirement(in.reason(), now);
            case RESUBMIT_REQUIREMENT -> s.resubmitRequirement(in.hardwareCodes(), now);
            case START_DELIVERY -> s.startDelivery(now);
            case DELIVER -> s.deliver(in.attachment(), in.serviceStart(), now);
            case CUSTOMER_ACCEPT -> s.customerAccept(now, config.supervisionCompletionDelay());
            case CUSTOMER_REJECT -> s.customerReject(in.reason(), now);
            case APPEAL -> s.appeal(in.reason(), now);
            case APPEAL_UPHELD -> s.resolveAppeal(true, in.reason(), now, config.supervisionCompletionDelay());
            case APPEAL_DISMISSED -> s.resolveAppeal(false, in.reason(), now, config.supervisionCompletionDelay());
            default -> throw new IllegalStateException(action.name());
        }
        em.persist(new SupervisionStep(s.id(), action.name(), from, s.stage(), actor, in.reason(),
                action == Action.DELIVER ? null : in.attachment(), now));
        if (s.stage() == Stage.CUSTOMER_ACCEPTED) {
            startService(s, now);
        }
        LOG.infof("Supervision %d: %s by %s, %s -> %s", s.id(), action, actor, from, s.stage());
        return s;
    }

    /** The period product's validity runs from the service start (entered start time, else acceptance time). */
    private void startService(Supervision s, Instant now) {
        Optional<Instance> instance = s.instanceId() == null ? Optional.empty()
                : Optional.ofNullable(em.find(Instance.class, s.instanceId(), LockModeType.PESSIMISTIC_WRITE));
        if (instance.isEmpty() || instance.get().state() == InstanceState.RELEASED) {
            return;
        }
        Instant start = s.serviceStart();
        if (instance.get().startServiceAt(start, now)) {
            em.persist(new InstanceEvent(instance.get().id(), "SERVICE_STARTED", s.orderId(), s.orderLineId(),
                    "supervision " + s.id() + ": service starts " + start + ", valid until " + instance.get().expiresAt(), now));
        }
    }

    /**
     * Completes accepted supervisions whose time has come (at most {@code limit}), in one transaction. Rows are
     * claimed with FOR UPDATE SKIP LOCKED, so two nodes never complete the same one; their bills become settleable.
     *
     * @return how many were completed
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int completeDue(int limit) {
        Instant now = clock.instant();
        List<Supervision> due = Locks.skipLocked(em.createQuery("SELECT s FROM Supervision s WHERE s.stage = :accepted"
                        + " AND s.completionDueAt <= :now ORDER BY s.completionDueAt", Supervision.class))
                .setParameter("accepted", Stage.CUSTOMER_ACCEPTED).setParameter("now", now)
                .setMaxResults(limit)
                .getResultList();
        for (Supervision s : due) {
            s.complete(now);
            em.persist(new SupervisionStep(s.id(), Action.COMPLETE.name(), Stage.CUSTOMER_ACCEPTED, s.stage(), SYSTEM,
                    null, null, now));
            for (Bill bill : newBills(s)) {
                if (bill.settledInPeriod() == null && bill.supervisionState() != SupervisionState.COMPLETED) {
                    bills.completeSupervision(bill.id(), now);
                }
            }
            LOG.infof("Supervision %d of order line %s/%s completed", s.id(), s.orderId(), s.orderLineId());
        }
        return due.size();
    }

    /**
     * Bills recorded after their order line's supervision completed (a late callback, a bill import) were recorded
     * IN_PROGRESS: complete them with the supervision's completion time (at most {@code limit}, one transaction).
     *
     * @return how many bills were completed
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public int completeLateBills(int limit) {
        List<Object[]> late = em.createQuery("SELECT b.id, s.completedAt FROM Bill b, Supervision s"
                        + " WHERE b.supervisionState = :inProgress AND b.kind = :kind"
                        + " AND NOT EXISTS (SELECT 1 FROM BillSettlement bs WHERE bs.billId = b.id)"
                        + " AND b.orderId = s.orderId AND b.orderLineId = s.orderLineId AND s.stage = :completed", Object[].class)
                .setParameter("inProgress", SupervisionState.IN_PROGRESS).setParameter("kind", BillKind.NEW)
                .setParameter("completed", Stage.COMPLETED).setMaxResults(limit).getResultList();
        for (Object[] row : late) {
            bills.completeSupervision((Long) row[0], (Instant) row[1]);
        }
        return late.size();
    }

    /** The new-purchase bills of the order line (renewals never open a supervision flow, §8.1). */
    private List<Bill> newBills(Supervision s) {
        return bills.ofOrder(s.orderId()).stream()
                .filter(b -> s.orderLineId().equals(b.orderLineId()) && b.kind() == BillKind.NEW).toList();
    }

    private Optional<Instance> instanceOf(String orderId, String orderLineId) {
        return em.createQuery("SELECT i FROM Instance i WHERE i.orderId = :o AND i.orderLineId = :l ORDER BY i.createdAt",
                        Instance.class)
                .setParameter("o", orderId).setParameter("l", orderLineId).setMaxResults(1)
                .getResultStream().findFirst();
    }

    private Supervision lock(long id) {
        Supervision s = em.find(Supervision.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (s == null) {
            throw new NotFoundException("no supervision " + id);
        }
        return s;
    }

    public Optional<Supervision> find(long id) {
        return Optional.ofNullable(em.find(Supervision.class, id));
    }

    public Optional<Supervision> findByOrderLine(String orderId, String orderLineId) {
        return em.createQuery("SELECT s FROM Supervision s WHERE s.orderId = :o AND s.orderLineId = :l", Supervision.class)
                .setParameter("o", orderId).setParameter("l", orderLineId).getResultStream().findFirst();
    }

    public List<SupervisionStep> steps(long id) {
        return em.createQuery("SELECT t FROM SupervisionStep t WHERE t.supervisionId = :id ORDER BY t.id", SupervisionStep.class)
                .setParameter("id", id).getResultList();
    }

    public Optional<SupervisionStep> step(long supervisionId, long stepId) {
        SupervisionStep step = em.find(SupervisionStep.class, stepId);
        return step == null || step.supervisionId() != supervisionId ? Optional.empty() : Optional.of(step);
    }

    /** The first {@code max} supervisions of the list, most recently moved first (file bytes are not read). */
    public List<Row> list(Filter filter, int first, int max) {
        return query(filter).slice(first, max);
    }

    /**
     * Page {@code page} (from 0) of {@code size} of the list, most recently moved first, ties by id (index
     * {@code ix_supervision_moved}), with the total counted up to {@link ListPage#COUNT_LIMIT}.
     */
    public ListPage<Row> page(Filter filter, int page, int size) {
        return query(filter).page(page, size);
    }

    private static Row row(Object[] r, Instant stalledBefore) {
        Stage stage = (Stage) r[4];
        Instant moved = (Instant) r[6];
        boolean stalled = stage.open() && stage != Stage.CUSTOMER_ACCEPTED && moved.isBefore(stalledBefore);
        return new Row((Long) r[0], (String) r[1], (String) r[2], (String) r[3], stage, (String) r[5], moved,
                (Instant) r[7], stalled);
    }

    private ListQuery<Row> query(Filter filter) {
        Instant stalledBefore = clock.instant().minus(SupervisionRules.STALL_AFTER);
        StringBuilder from = new StringBuilder(" FROM Supervision s WHERE 1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        if (filter.stage() != null) {
            from.append(" AND s.stage = :stage");
            params.put("stage", filter.stage());
        }
        if (filter.orderId() != null && !filter.orderId().isBlank()) {
            from.append(" AND s.orderId = :orderId");
            params.put("orderId", filter.orderId().strip());
        }
        if (filter.stalledOnly()) {
            from.append(" AND s.stage NOT IN (:quiet) AND s.lastMovedAt < :stalledBefore");
            params.put("quiet", List.of(Stage.COMPLETED, Stage.CUSTOMER_ACCEPTED));
            params.put("stalledBefore", stalledBefore);
        }
        return new ListQuery<>(em, "s.id, s.orderId, s.orderLineId, s.customerName, s.stage, s.systemCode,"
                + " s.lastMovedAt, s.completionDueAt", from.toString(), "s.lastMovedAt DESC, s.id DESC", params,
                r -> row(r, stalledBefore));
    }

    /** Whether the supervision is stalled now (by the application's clock). */
    public boolean stalledNow(Supervision s) {
        return s.stalled(clock.instant());
    }

    /** Open supervisions unmoved since {@code before} (the stall notifier's query). */
    public List<Row> stalled(int max) {
        return list(new Filter(null, null, true), 0, max);
    }

}
