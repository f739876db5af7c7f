package dev.stallkeeper.provisioning.application;

import dev.stallkeeper.audit.domain.CallbackLogEntry;
import dev.stallkeeper.provisioning.domain.Instance;
import dev.stallkeeper.provisioning.domain.InstanceEvent;
import dev.stallkeeper.provisioning.domain.WorkItem;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.List;
import java.util.Optional;

/** Everything the console shows about one instance: its lifecycle, its background work and its callbacks. */
@Stateless
@TransactionAttribute(TransactionAttributeType.SUPPORTS)
public class InstanceDetails {

    /** Callbacks shown per instance, newest first. */
    public static final int MAX_CALLBACKS = 200;

    @PersistenceContext(unitName = "stallkeeper")
    EntityManager em;

    public record Details(Instance instance, List<InstanceEvent> timeline, List<WorkItem> work,
                          List<CallbackLogEntry> callbacks) {
    }

    public Optional<Details> find(String instanceId) {
        Instance instance = instanceId == null ? null : em.find(Instance.class, instanceId);
        if (instance == null) {
            return Optional.empty();
        }
        List<InstanceEvent> timeline = em.createQuery("SELECT e FROM InstanceEvent e WHERE e.instanceId = :id"
                + " ORDER BY e.occurredAt, e.id", InstanceEvent.class).setParameter("id", instanceId).getResultList();
        List<WorkItem> work = em.createQuery("SELECT w FROM WorkItem w WHERE w.instanceId = :id ORDER BY w.id",
                WorkItem.class).setParameter("id", instanceId).getResultList();
        // newInstance names the order line; later activities name the instance.
        List<CallbackLogEntry> callbacks = em.createQuery("SELECT c FROM CallbackLogEntry c WHERE c.testFlag = FALSE AND"
                        + " (c.instanceIds = :id OR (c.orderId = :order AND c.orderLineId = :line))"
                        + " ORDER BY c.receivedAt DESC, c.id DESC", CallbackLogEntry.class)
                .setParameter("id", instanceId).setParameter("order", instance.orderId())
                .setParameter("line", instance.orderLineId())
                .setMaxResults(MAX_CALLBACKS).getResultList();
        return Optional.of(new Details(instance, timeline, work, callbacks));
    }
}
