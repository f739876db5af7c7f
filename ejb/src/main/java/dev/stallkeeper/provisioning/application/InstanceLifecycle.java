package dev.stallkeeper.provisioning.application;

import dev.stallkeeper.protocol.ProduceResponse;
import dev.stallkeeper.protocol.ResultCode;
import dev.stallkeeper.provisioning.domain.AppliedOrder;
import dev.stallkeeper.provisioning.domain.Instance;
import dev.stallkeeper.provisioning.domain.InstanceEvent;
import dev.stallkeeper.provisioning.domain.InstanceState;
import dev.stallkeeper.provisioning.domain.LifecycleEvent;
import dev.stallkeeper.provisioning.domain.LifecycleException;
import dev.stallkeeper.provisioning.domain.OrderLineSnapshot;
import dev.stallkeeper.provisioning.domain.WorkItem;
import dev.stallkeeper.provisioning.infrastructure.ProvisioningStore;
import dev.stallkeeper.provisioning.spi.ChangeCheck;
import dev.stallkeeper.provisioning.spi.ProductSpec;
import dev.stallkeeper.provisioning.spi.Provisioner;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The lifecycle activities KooGallery sends for existing instances, each in one transaction under a row
 * lock on the instance: repeated and out-of-order calls find the state already reached and change nothing.
 */
@Stateless
public class InstanceLifecycle {

    private static final Logger LOG = Logger.getLogger(InstanceLifecycle.class);

    @PersistenceContext(unitName = "stallkeeper")
    EntityManager em;

    @Inject
    Provisioner provisioner;

    @Inject
    OrderLines orderLines;

    @Inject
    ProvisioningStore store;

    @Inject
    Clock clock;

    @Inject
    Event<LifecycleEvent> lifecycle;

    /** What a release left to do in the background. */
    public record Released(ProduceResponse response, Long releaseWorkId) {
    }

    public List<Instance> find(List<String> ids) {
        return em.createNamedQuery("Instance.findByIds", Instance.class).setParameter("ids", ids).getResultList();
    }

    public ProduceResponse refresh(String instanceId, String orderId, String orderLineId, String scene,
                                   Instant expiresAt, String productId) {
        Instance instance = lockLive(instanceId);
        if (instance == null) {
            return notFound(instanceId);
        }
        AppliedOrder.Key key = new AppliedOrder.Key(instanceId, orderId, orderLineId, "REFRESH");
        if (em.find(AppliedOrder.class, key) != null) {
            return ProduceResponse.of(ResultCode.SUCCESS);
        }
        Instant now = clock.instant();
        Instant previousExpiry = instance.expiresAt();
        instance.renew(expiresAt, "TRIAL_TO_FORMAL".equals(scene), productId, now);
        // announced in this transaction (billing records the renewal, conversion or refunded period)
        lifecycle.fire(new LifecycleEvent.Renewed(orderId, orderLineId, instanceId, scene, previousExpiry));
        em.persist(new AppliedOrder(key, now));
        em.persist(new InstanceEvent(instanceId, "REFRESHED_" + scene, orderId, orderLineId,
                "expires " + expiresAt, now));
        LOG.infof("Instance %s %s: expires %s", instanceId, scene, expiresAt);
        return ProduceResponse.of(ResultCode.SUCCESS);
    }

    public ProduceResponse updateStatus(String instanceId, boolean freeze) {
        Instance instance = lockLive(instanceId);
        if (instance == null) {
            return notFound(instanceId);
        }
        Instant now = clock.instant();
        try {
            boolean changed = freeze ? instance.freeze(now) : instance.unfreeze(now);
            if (changed) {
                if (freeze) {
                    provisioner.suspend(instanceId);
                } else {
                    provisioner.resume(instanceId);
                }
                em.persist(new InstanceEvent(instanceId, freeze ? "FROZEN" : "UNFROZEN", null, null, null, now));
                LOG.infof("Instance %s %s", instanceId, freeze ? "frozen" : "unfrozen");
            }
            return ProduceResponse.of(ResultCode.SUCCESS);
        } catch (LifecycleException e) {
            return ProduceResponse.of(ResultCode.INTERNAL_ERROR).message(e.getMessage() + "; retry later");
        }
    }

    public Released release(String instanceId, String orderId, String orderLineId) {
        Instance instance = em.find(Instance.class, instanceId, LockModeType.PESSIMISTIC_WRITE);
        if (instance == null) {
            return new Released(notFound(instanceId), null);
        }
        Instant now = clock.instant();
        if (!instance.release(now)) {
            return new Released(ProduceResponse.of(ResultCode.SUCCESS), null);
        }
        store.lockWork(instanceId, WorkItem.Kind.PROVISION).ifPresent(w -> w.cancel(now));
        long workId = store.enqueue(instanceId, WorkItem.Kind.RELEASE);
        // announced in this transaction (billing records an unsubscribe order's refund)
        lifecycle.fire(new LifecycleEvent.Released(orderId, orderLineId, instanceId));
        em.persist(new InstanceEvent(instanceId, "RELEASED", orderId, orderLineId, null, now));
        LOG.infof("Instance %s released%s", instanceId, orderId == null ? "" : " by order " + orderId);
        return new Released(ProduceResponse.of(ResultCode.SUCCESS), workId);
    }

    public ProduceResponse upgrade(String instanceId, String orderId, String orderLineId) {
        Instance instance = lockLive(instanceId);
        if (instance == null) {
            return notFound(instanceId);
        }
        AppliedOrder.Key key = new AppliedOrder.Key(instanceId, orderId, orderLineId, "UPGRADE");
        if (em.find(AppliedOrder.class, key) != null) {
            return ProduceResponse.of(ResultCode.SUCCESS);
        }
        OrderLineSnapshot line = orderLines.fetch(orderId, orderLineId, "");
        ProductSpec target = new ProductSpec(line.productId(), line.skuCode(), line.linearValue(), line.productName());
        provisioner.applyChange(instanceId, target);
        Instant now = clock.instant();
        instance.changeSpec(target.productId(), target.skuCode(), target.linearValue(), now);
        em.persist(new AppliedOrder(key, now));
        // announced in this transaction (billing records the price difference)
        lifecycle.fire(new LifecycleEvent.Upgraded(line, instanceId, now));
        em.persist(new InstanceEvent(instanceId, "UPGRADED", orderId, orderLineId,
                "sku " + target.skuCode() + ", linear value " + target.linearValue(), now));
        LOG.infof("Instance %s changed to sku %s by order %s", instanceId, target.skuCode(), orderId);
        return ProduceResponse.of(ResultCode.SUCCESS);
    }

    public ProduceResponse checkChange(String instanceId, ProductSpec target) {
        Instance instance = em.find(Instance.class, instanceId);
        if (instance == null || instance.state() == InstanceState.RELEASED) {
            return notFound(instanceId);
        }
        ChangeCheck check = provisioner.checkChange(instanceId, target);
        return check.allowed() ? ProduceResponse.of(ResultCode.SUCCESS)
                : ProduceResponse.of(ResultCode.INTERNAL_ERROR).message(check.reason());
    }

    /** Remembers an order KooGallery announced (orderNotify), reading it through Query Order. */
    public ProduceResponse orderNotified(String orderId, String orderLineId) {
        orderLines.fetch(orderId, orderLineId, "");
        return ProduceResponse.of(ResultCode.SUCCESS);
    }

    private Instance lockLive(String instanceId) {
        Instance instance = em.find(Instance.class, instanceId, LockModeType.PESSIMISTIC_WRITE);
        return instance == null || instance.state() == InstanceState.RELEASED ? null : instance;
    }

    private static ProduceResponse notFound(String instanceId) {
        return ProduceResponse.of(ResultCode.INSTANCE_NOT_FOUND);
    }
}
