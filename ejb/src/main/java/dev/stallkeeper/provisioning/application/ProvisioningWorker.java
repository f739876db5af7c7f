package dev.stallkeeper.provisioning.application;

import dev.stallkeeper.provisioning.domain.Instance;
import dev.stallkeeper.provisioning.domain.InstanceEvent;
import dev.stallkeeper.provisioning.domain.InstanceState;
import dev.stallkeeper.provisioning.domain.OrderLineSnapshot;
import dev.stallkeeper.provisioning.domain.WorkItem;
import dev.stallkeeper.provisioning.spi.AppAccess;
import dev.stallkeeper.provisioning.spi.ProductSpec;
import dev.stallkeeper.provisioning.spi.ProvisionRequest;
import dev.stallkeeper.provisioning.spi.Provisioner;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
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
    OrderLines orderLines;

    @Inject
    Clock clock;

    /** Runs a claimed attempt. Returns false when the claim was lost to a later one (nothing done). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public boolean run(WorkClaim claim) {
        WorkItem work = em.find(WorkItem.class, claim.workId(), LockModeType.PESSIMISTIC_WRITE);
        if (work == null || work.status() != WorkItem.Status.PENDING || work.attempts() != claim.attempt()) {
            return false;
        }
        Instance instance = em.find(Instance.class, claim.instanceId(), LockModeType.PESSIMISTIC_WRITE);
        Instant now = clock.instant();
        switch (claim.kind()) {
            case PROVISION -> provision(instance, work, claim.attempt(), now);
            case RELEASE -> release(instance, work, now);
        }
        return true;
    }

    private void provision(Instance instance, WorkItem work, int attempt, Instant now) {
        if (instance.state() != InstanceState.PROVISIONING) {
            // released (or otherwise settled) meanwhile: nothing to create any more
            work.cancel(now);
            return;
        }
        OrderLineSnapshot line = orderLines.fetch(instance.orderId(), instance.orderLineId(), instance.productKey());
        instance.describe(line, now);
        ProvisionRequest request = new ProvisionRequest(instance.id(), instance.orderId(), instance.orderLineId(),
                line.orderType(), line.chargingMode(),
                new ProductSpec(line.productId(), line.skuCode(), line.linearValue(), line.productName()),
                line.periodType(), line.periodNumber(), instance.expiresAt(), line.customerId(),
                line.customerName(), instance.trial(), attempt);
        AppAccess access = provisioner.provision(request);
        instance.activate(access.frontEndUrl(), access.adminUrl(), access.userName(), access.password(),
                access.memo(), now);
        work.complete(now);
        em.persist(new InstanceEvent(instance.id(), "ACTIVATED", instance.orderId(), instance.orderLineId(),
                "provisioned on attempt " + attempt, now));
        LOG.infof("Instance %s provisioned for order line %s (attempt %d)", instance.id(), instance.orderLineId(), attempt);
    }

    private void release(Instance instance, WorkItem work, Instant now) {
        provisioner.release(instance.id());
        work.complete(now);
        em.persist(new InstanceEvent(instance.id(), "DATA_DELETED", null, null, "tenant data deleted", now));
        LOG.infof("Instance %s: tenant data deleted after release", instance.id());
    }
}
