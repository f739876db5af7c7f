package dev.stallkeeper.billing.application;

import dev.stallkeeper.billing.domain.Bill;
import dev.stallkeeper.billing.domain.BillKind;
import dev.stallkeeper.billing.domain.BillingException;
import dev.stallkeeper.billing.domain.Cny;
import dev.stallkeeper.billing.domain.NewBill;
import dev.stallkeeper.billing.domain.PaymentState;
import dev.stallkeeper.billing.domain.SupervisionState;
import dev.stallkeeper.billing.infrastructure.SettlingGate;
import dev.stallkeeper.provisioning.application.OrderLines;
import dev.stallkeeper.provisioning.domain.OrderLineSnapshot;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The bills ledger: records the bills of the orders Stallkeeper sees and moves their payment and supervision
 * states (the admin API and pages call these). Each bill is one business event, keyed (source, source key) and
 * unique in the database, so recording the same event twice returns the first bill.
 */
@Stateless
public class BillLedger {

    public static final String RECORDED_BY_CALLBACK = "CALLBACK";
    public static final String RECORDED_BY_IMPORT = "CSV_IMPORT";
    public static final String RECORDED_BY_API = "API";

    private static final Logger LOG = Logger.getLogger(BillLedger.class);

    @PersistenceContext(unitName = "stallkeeper")
    EntityManager em;

    @Inject
    BillingSettings settings;

    @Inject
    Clock clock;

    @Inject
    SettlingGate gate;

    @Inject
    OrderLines orderLines;

    /**
     * The bill of a refreshInstance order: a trial conversion is a new purchase (effective now), a renewal takes
     * effect when the renewed period starts (the previous expiry, or now if the instance had expired), an
     * unsubscribed renewal period is a refund (effective now). Reads the order through Query Order; when that
     * fails, logs and records nothing (never throws: the lifecycle change must not fail over bookkeeping).
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public Optional<Long> recordRefresh(String orderId, String orderLineId, String instanceId, String scene,
                                        Instant previousExpiry) {
        Instant now = clock.instant();
        BillKind kind;
        Instant effective = now;
        switch (scene) {
            case "TRIAL_TO_FORMAL" -> kind = BillKind.NEW;
            case "RENEWAL", "RENEWAL_CHANGE" -> {
                kind = BillKind.RENEWAL;
                effective = previousExpiry != null && previousExpiry.isAfter(now) ? previousExpiry : now;
            }
            case "UNSUBSCRIBE_RENEWAL_PERIOD" -> kind = BillKind.REFUND;
            default -> {
                return Optional.empty();
            }
        }
        Optional<OrderLineSnapshot> line = snapshot(orderId, orderLineId);
        return line.isEmpty() ? Optional.empty() : recordOrderEvent(line.get(), instanceId, kind, effective);
    }

    /** The refund of an unsubscribe order that released an instance (effective now); other releases make no bill. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public Optional<Long> recordRelease(String orderId, String orderLineId, String instanceId) {
        if (orderId == null || orderLineId == null) {
            return Optional.empty(); // released at expiry: no money moves
        }
        Optional<OrderLineSnapshot> line = snapshot(orderId, orderLineId);
        if (line.isEmpty() || !"UNSUBSCRIBE".equals(line.get().orderType())) {
            return Optional.empty();
        }
        return recordOrderEvent(line.get(), instanceId, BillKind.REFUND, clock.instant());
    }

    private Optional<OrderLineSnapshot> snapshot(String orderId, String orderLineId) {
        try {
            return Optional.of(orderLines.fetch(orderId, orderLineId, ""));
        } catch (RuntimeException e) {
            LOG.warnf("Order %s/%s: no bill recorded, Query Order failed (%s); import KooGallery's bill export to"
                    + " complete the ledger", orderId, orderLineId, e.getMessage());
            return Optional.empty();
        }
    }

    /**
     * Records the bill of an order line event seen through a callback, in the caller's transaction, with the
     * amount Query Order reported (rounded half-up to the fen). Free orders (trials, zero amounts) make no bill.
     * Never throws for a bill it cannot record (it logs why): provisioning must not fail over bookkeeping, and
     * the bill export import completes the ledger.
     *
     * @param effectiveAt when the event took effect (settleable-at unless supervision is needed)
     * @return the bill's id, or empty when the event makes no bill
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public Optional<Long> recordOrderEvent(OrderLineSnapshot line, String instanceId, BillKind kind,
                                           Instant effectiveAt) {
        String orderId = line.key().orderId();
        String orderLineId = line.key().orderLineId();
        try {
            if ("TRIAL".equals(line.orderType()) || line.amount() == null || line.amount().signum() == 0) {
                return Optional.empty();
            }
            if (line.currency() != null && !line.currency().isBlank() && !"CNY".equalsIgnoreCase(line.currency())) {
                LOG.warnf("Order line %s/%s is in %s: no bill (settlement is in CNY)", orderId, orderLineId,
                        line.currency());
                return Optional.empty();
            }
            BigDecimal amount = Cny.fen(line.amount().abs());
            if (kind == BillKind.REFUND) {
                amount = amount.negate();
            } else if (line.amount().signum() < 0) {
                LOG.warnf("Order line %s/%s (%s) has a negative amount %s: no bill", orderId, orderLineId, kind,
                        line.amount());
                return Optional.empty();
            }
            String type = settings.productType(line.productId());
            SupervisionState supervision = settings.initialSupervision(kind, line.productId(), type);
            NewBill bill = new NewBill(kind, orderId, orderLineId, instanceId, line.productId(), type, amount,
                    PaymentState.PAID, supervision, effectiveAt, null);
            return Optional.of(record(bill, RECORDED_BY_CALLBACK).id());
        } catch (IllegalArgumentException e) {
            LOG.warnf("Order line %s/%s: no %s bill recorded: %s", orderId, orderLineId, kind, e.getMessage());
            return Optional.empty();
        }
    }

    /** The bill of this event: the existing one, or a new one. Invalid values throw IllegalArgumentException. */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public Bill record(NewBill b, String recordedBy) {
        String source = Bill.sourceOf(b.kind());
        String key = Bill.orderKey(b.orderId(), b.orderLineId(), b.kind());
        Optional<Bill> known = findBySource(source, key);
        if (known.isPresent()) {
            return known.get();
        }
        Instant now = clock.instant();
        Bill bill = new Bill(source, key, recordedBy, b.orderId(), b.orderLineId(), b.instanceId(), b.productId(),
                b.productType(), b.kind(), b.amount(), b.payment(), b.supervision(), b.effectiveAt(),
                b.supervisionCompletedAt(), now);
        em.persist(bill);
        LOG.infof("Bill %s recorded: %s %s %s CNY, %s, %s, effective %s", key, b.kind(), bill.productType(),
                bill.amount(), b.payment(), b.supervision(), b.effectiveAt());
        return bill;
    }

    public Optional<Bill> findBySource(String source, String key) {
        return em.createNamedQuery("Bill.findBySource", Bill.class).setParameter("source", source)
                .setParameter("key", key).getResultStream().findFirst();
    }

    public Optional<Bill> find(long id) {
        return Optional.ofNullable(em.find(Bill.class, id));
    }

    public List<Bill> ofOrder(String orderId) {
        return em.createQuery("SELECT b FROM Bill b WHERE b.orderId = :orderId ORDER BY b.id", Bill.class)
                .setParameter("orderId", orderId).getResultList();
    }

    public Bill markPaid(long id) {
        Bill bill = lock(id);
        if (bill.markPaid(clock.instant())) {
            LOG.infof("Bill %d paid", id);
        }
        return bill;
    }

    public Bill markPostpaid(long id) {
        Bill bill = lock(id);
        if (bill.markPostpaid(clock.instant())) {
            LOG.infof("Bill %d paid on credit: settles once repaid", id);
        }
        return bill;
    }

    public Bill markRepaid(long id) {
        Bill bill = lock(id);
        if (bill.markRepaid(clock.instant())) {
            LOG.infof("Bill %d repaid", id);
        }
        return bill;
    }

    public Bill openSupervision(long id) {
        Bill bill = lock(id);
        if (bill.openSupervision(clock.instant())) {
            LOG.infof("Bill %d: supervision opened", id);
        }
        return bill;
    }

    public Bill completeSupervision(long id, Instant completedAt) {
        Bill bill = lock(id);
        if (bill.completeSupervision(completedAt, clock.instant())) {
            LOG.infof("Bill %d: supervision completed at %s", id, completedAt);
        }
        return bill;
    }

    /** Row lock: serialises a state change with the settling of the same bill ({@link #lockFresh}). */
    private Bill lock(long id) {
        Bill bill = lockFresh(id);
        if (bill == null) {
            throw new BillingException("no bill " + id);
        }
        return bill;
    }

    /**
     * The bill under its row lock, with its ledger row read after the {@link SettlingGate}: a slice settling this
     * bill's bucket while we waited has committed by then, so the bill is seen settled and refuses the change
     * ({@code StatementStore.settleSlice}). Null when there is no such bill.
     */
    public Bill lockFresh(long id) {
        Bill bill = em.find(Bill.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (bill != null) {
            gate.enterChange(id);
            em.refresh(bill); // a new statement: sees a ledger row committed while the gate was awaited
        }
        return bill;
    }
}
