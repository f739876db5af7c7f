package dev.stallkeeper.usage.application;

import dev.stallkeeper.billing.application.BillLedger;
import dev.stallkeeper.billing.application.BillingSettings;
import dev.stallkeeper.billing.domain.NewBill;
import dev.stallkeeper.billing.domain.BillKind;
import dev.stallkeeper.billing.domain.PaymentState;
import dev.stallkeeper.billing.domain.SupervisionState;
import dev.stallkeeper.protocol.UsagePushMessage;
import dev.stallkeeper.usage.domain.PushWindow;
import dev.stallkeeper.usage.domain.UsageRecord;
import dev.stallkeeper.usage.domain.UsageStatus;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.FlushModeType;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Short transactions around the usage ledger's push state. Exclusivity comes from the database: due records are
 * claimed with {@code FOR UPDATE SKIP LOCKED} and the claim commits at once as a lease, so two nodes never push the
 * same record at the same time; an outcome is applied only by the attempt that holds the claim.
 */
@Stateless
public class UsageQueue {

    /** Hibernate's hint value for SKIP LOCKED. */
    private static final int SKIP_LOCKED = -2;
    /** Who recorded the settlement bills of accepted usage. */
    public static final String RECORDED_BY_USAGE_PUSH = "USAGE_PUSH";

    private static final Logger LOG = Logger.getLogger(UsageQueue.class);

    @PersistenceContext(unitName = "stallkeeper")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    UsageSettings settings;

    @Inject
    BillLedger ledger;

    @Inject
    BillingSettings billing;

    /** One claimed attempt at pushing a record: the attempt number guards the outcome. */
    public record ClaimedUsage(long id, int attempt, UsagePushMessage.Record wire) {
    }

    /** What a claim took: the records to send now, and how many were parked instead. */
    public record Claim(List<ClaimedUsage> toSend, int parked) {
        public int claimed() {
            return toSend.size() + parked;
        }
    }

    /** Outcome counts of one push. */
    public record Settled(int accepted, int rejected, int parked) {
    }

    /** Claims up to {@code limit} due records (oldest attempt first) for one push; commits the lease at once. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Claim claim(int limit) {
        Instant now = clock.instant();
        List<UsageRecord> due = em.createQuery("SELECT u FROM UsageRecord u WHERE u.status = :pending"
                        + " AND u.nextAttemptAt <= :now ORDER BY u.nextAttemptAt, u.id", UsageRecord.class)
                .setParameter("pending", UsageStatus.PENDING).setParameter("now", now)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint("jakarta.persistence.lock.timeout", SKIP_LOCKED)
                .setMaxResults(limit)
                .getResultList();
        PushWindow window = settings.window();
        List<ClaimedUsage> toSend = new ArrayList<>();
        int parked = 0;
        for (UsageRecord u : due) {
            if (u.claim(now, settings.config().usageLease(), window)) {
                toSend.add(new ClaimedUsage(u.id(), u.attempts(), new UsagePushMessage.Record(u.instanceId(),
                        u.createdAt(), u.beginTime(), u.endTime(), u.usageValue(), u.meteringSn(),
                        u.relatePkgInstance())));
            } else {
                parked++;
                LOG.warnf("Usage record %s (metering_sn %s) parked: %s", u.reportId(), u.meteringSn(), u.lastError());
            }
        }
        return new Claim(List.copyOf(toSend), parked);
    }

    /**
     * Applies KooGallery's answer to a call it took (HTTP 200, {@code MKT.0000}): records without a failure are
     * accepted and billed once; a failure whose code says "received already" counts as accepted; other failures
     * reject the record with their code.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Settled settle(List<ClaimedUsage> sent, UsagePushMessage.Response answer) {
        Instant now = clock.instant();
        Set<String> duplicateCodes = settings.config().usageDuplicateCodes();
        // The bills' look-ups must not flush the whole batch before each query (quadratic); the unique keys still hold.
        em.setFlushMode(FlushModeType.COMMIT);
        Map<Long, UsageRecord> owned = ownLocked(sent);
        int accepted = 0;
        int rejected = 0;
        for (int i = 0; i < sent.size(); i++) {
            ClaimedUsage c = sent.get(i);
            UsageRecord u = owned.get(c.id());
            if (u == null) {
                continue;
            }
            UsagePushMessage.Failure failure = answer.failureOf(u.meteringSn(), i);
            if (failure == null || duplicateCodes.contains(failure.errorCode())) {
                u.accepted(now);
                bill(u);
                accepted++;
            } else {
                u.rejected(failure.errorCode(), failure.errorMsg(), now);
                rejected++;
                LOG.warnf("Usage record %s (metering_sn %s) rejected by KooGallery: %s %s", u.reportId(),
                        u.meteringSn(), failure.errorCode(), failure.errorMsg());
            }
        }
        return new Settled(accepted, rejected, 0);
    }

    /** The call failed as a whole: its records are retried later with the same metering_sn, or parked. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Settled callFailed(List<ClaimedUsage> sent, String error) {
        Instant now = clock.instant();
        PushWindow window = settings.window();
        Map<Long, UsageRecord> owned = ownLocked(sent);
        int parked = 0;
        for (ClaimedUsage c : sent) {
            UsageRecord u = owned.get(c.id());
            if (u == null) {
                continue;
            }
            u.callFailed(error, now, settings.config().retryBaseDelay(), settings.config().retryMaxDelay(), window);
            if (u.status() == UsageStatus.PARKED) {
                parked++;
                LOG.warnf("Usage record %s (metering_sn %s) parked: %s", u.reportId(), u.meteringSn(), u.lastError());
            }
        }
        return new Settled(0, 0, parked);
    }

    /** Whether any record is due now (a cheap look before starting the push job). */
    public boolean anyDue() {
        return !em.createQuery("SELECT u.id FROM UsageRecord u WHERE u.status = :pending AND u.nextAttemptAt <= :now",
                        Long.class)
                .setParameter("pending", UsageStatus.PENDING).setParameter("now", clock.instant())
                .setMaxResults(1).getResultList().isEmpty();
    }

    /** Records in a status, most recently changed first. */
    public List<UsageRecord> withStatus(UsageStatus status, int limit) {
        return em.createNamedQuery("UsageRecord.findByStatus", UsageRecord.class).setParameter("status", status)
                .setMaxResults(limit).getResultList();
    }

    /** Outcome of a replay request. */
    public enum Replay { REPLAYED, NOT_PARKED, UNKNOWN }

    /**
     * One more push of a parked record, whatever the window (KooGallery decides), with the same metering_sn. Under a
     * row lock and only if still parked, so pressing replay twice (or on two nodes) pushes it once.
     */
    public Replay replay(long id, String by) {
        UsageRecord u = em.find(UsageRecord.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (u == null) {
            return Replay.UNKNOWN;
        }
        if (!u.replay(clock.instant())) {
            return Replay.NOT_PARKED;
        }
        LOG.infof("Usage record %s (metering_sn %s) replayed by %s", u.reportId(), u.meteringSn(), by);
        return Replay.REPLAYED;
    }

    /**
     * The claimed records, locked in id order (no deadlock between two nodes), that this attempt still owns: another
     * node may have taken one over after the lease ran out.
     */
    private Map<Long, UsageRecord> ownLocked(List<ClaimedUsage> claimed) {
        Map<Long, Integer> attempts = claimed.stream().collect(Collectors.toMap(ClaimedUsage::id, ClaimedUsage::attempt));
        Map<Long, UsageRecord> owned = new HashMap<>();
        em.createQuery("SELECT u FROM UsageRecord u WHERE u.id IN :ids ORDER BY u.id", UsageRecord.class)
                .setParameter("ids", attempts.keySet()).setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultStream()
                .filter(u -> u.status() == UsageStatus.PENDING && u.attempts() == attempts.get(u.id()))
                .forEach(u -> owned.put(u.id(), u));
        return owned;
    }

    /** The USAGE bill of an accepted record (none for a zero amount); the ledger's unique key makes it once. */
    private void bill(UsageRecord u) {
        if (u.amount().signum() == 0) {
            return;
        }
        NewBill bill = new NewBill(BillKind.USAGE, u.orderId(), u.meteringSn(), u.instanceId(), u.productId(),
                billing.productType(u.productId()), u.amount(), PaymentState.PAID, SupervisionState.NOT_REQUIRED,
                u.endTime(), null);
        u.billed(ledger.record(bill, RECORDED_BY_USAGE_PUSH).id());
    }
}
