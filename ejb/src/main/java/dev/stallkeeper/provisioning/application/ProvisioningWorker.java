package dev.stallkeeper.provisioning.application;

import dev.stallkeeper.provisioning.domain.Instance;
import dev.stallkeeper.provisioning.domain.InstanceEvent;
import dev.stallkeeper.provisioning.domain.InstanceState;
import dev.stallkeeper.provisioning.domain.LifecycleEvent;
import dev.stallkeeper.provisioning.domain.OrderLineSnapshot;
import dev.stallkeeper.provisioning.domain.WorkClaim;
import dev.stallkeeper.provisioning.domain.WorkItem;
import dev.stallkeeper.provisioning.spi.AppAccess;
import dev.stallkeeper.provisioning.spi.ProductSpec;
import dev.stallkeeper.provisioning.spi.ProvisionRequest;
import dev.stallkeeper.provisioning.spi.Provisioner;
import dev.stallkeeper.provisioning.spi.ProvisioningException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * One attempt at a piece of background work, in one transaction: the Provisioner's own writes and the
 * instance's new state commit together or not at all.
 */
@Stateless
public class ProvisioningWorker {

    private static final Logger LOG = Logger.getLogger(ProvisioningWorker.class);

    @PersistenceContext(unitName = "stallkeeper")
    EntityManager em;

    @Inject
    Provisioner provisioner;

    @Inject
    AppPasswords passwords;

    @Inject
    OrderLines orderLines;

    @Inject
    Clock clock;

    @Inject
    Event<LifecycleEvent> lifecycle;

    /**
     * Runs a claimed attempt. No row lock is held while the Provisioner works (it may take long, and a lock
     * would keep other nodes from taking over once the lease ends); the claim is re-checked under lock at the
     * end, and an attempt whose claim was taken over meanwhile changes nothing. Returns false in that case.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean run(WorkClaim claim) {
        WorkItem work = em.find(WorkItem.class, claim.workId());
        if (!stillOurs(work, claim)) {
            return false;
        }
        Instance instance = em.find(Instance.class, claim.instanceId());
        Instant now = clock.instant();
        return switch (claim.kind()) {
            case PROVISION -> provision(instance, work, claim, now);
            case RELEASE -> release(instance, work, claim, now);
        };
    }

    private static boolean stillOurs(WorkItem work, WorkClaim claim) {
        return work != null && work.status() == WorkItem.Status.PENDING && work.attempts() == claim.attempt();
    }

    /** Locks the work and the instance for the final write and checks that the claim still holds. */
    private boolean relockOurs(WorkItem work, Instance instance, WorkClaim claim) {
        em.refresh(work, LockModeType.PESSIMISTIC_WRITE);
        em.refresh(instance, LockModeType.PESSIMISTIC_WRITE);
        return stillOurs(work, claim);
    }

    private boolean provision(Instance instance, WorkItem work, WorkClaim claim, Instant started) {
        if (instance.state() != InstanceState.PROVISIONING) {
            if (relockOurs(work, instance, claim)) {
                work.cancel(started); // released (or otherwise settled) meanwhile: nothing to create any more
            }
            return false;
        }
        OrderLineSnapshot line = orderLines.fetch(instance.orderId(), instance.orderLineId(), instance.productKey());
        AppAccess access = provisioner.provision(request(instance, line, claim.attempt()));
        if (!relockOurs(work, instance, claim) || instance.state() != InstanceState.PROVISIONING) {
            LOG.infof("Instance %s: attempt %d finished after its claim was taken over; discarded",
                    instance.id(), claim.attempt());
            // rolls back whatever the Provisioner wrote in this attempt; the later attempt owns the work
            throw new ProvisioningException("claim taken over by a later attempt", false);
        }
        work.complete(clock.instant());
        activate(instance, line, access, claim.attempt());
        return true;
    }

    /**
     * Provisions an instance created in the caller's transaction (a newInstance callback) on the caller's thread,
     * when the Provisioner says this request is quick; nothing else holds the instance (its row is not committed),
     * so no claim is needed. False, with nothing done, when the Provisioner is not quick for it.
     */
    @TransactionAttribute(TransactionAttributeType.MANDATORY)
    public boolean provisionInline(Instance instance, OrderLineSnapshot line) {
        ProvisionRequest request = request(instance, line, 1);
        if (!provisioner.quick(request)) {
            return false;
        }
        activate(instance, line, provisioner.provision(request), 1);
        return true;
    }

    private static ProvisionRequest request(Instance instance, OrderLineSnapshot line, int attempt) {
        return new ProvisionRequest(instance.id(), instance.orderId(), instance.orderLineId(),
                line.orderType(), line.chargingMode(),
                new ProductSpec(line.productId(), line.skuCode(), line.linearValue(), line.productName()),
                line.periodType(), line.periodNumber(), line.expireTime(), line.customerId(),
                line.customerName(), "TRIAL".equals(line.orderType()), attempt);
    }

    private void activate(Instance instance, OrderLineSnapshot line, AppAccess access, int attempt) {
        Instant now = clock.instant();
        instance.describe(line, now);
        instance.activate(access.frontEndUrl(), access.adminUrl(), access.userName(),
                passwords.seal(instance.id(), access.password()), access.memo(), now);
        em.persist(new InstanceEvent(instance.id(), "ACTIVATED", instance.orderId(), instance.orderLineId(),
                "provisioned on attempt " + attempt, now));
        // announced in this transaction (billing records the bill)
        lifecycle.fire(new LifecycleEvent.Provisioned(line, instance.id(), now));
        LOG.infof("Instance %s provisioned for order line %s (attempt %d)", instance.id(), instance.orderLineId(),
                attempt);
    }

    private boolean release(Instance instance, WorkItem work, WorkClaim claim, Instant now) {
        provisioner.release(instance.id());
        if (!relockOurs(work, instance, claim)) {
            return false;
        }
        work.complete(now);
        em.persist(new InstanceEvent(instance.id(), "DATA_DELETED", null, null, "tenant data deleted", now));
        LOG.infof("Instance %s: tenant data deleted after release", instance.id());
        return true;
    }
}
