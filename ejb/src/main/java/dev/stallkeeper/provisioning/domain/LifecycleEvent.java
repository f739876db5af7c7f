package dev.stallkeeper.provisioning.domain;

import java.time.Instant;

/**
 * What happened to an instance, announced by provisioning as a CDI event in the transaction that made it happen
 * (observers run synchronously, in that transaction: what they write commits or rolls back with the change).
 * Billing listens and records the bills; provisioning knows nothing of who listens. An observer must not throw
 * for a consequence that may be completed later (a bill can be imported), or it fails the callback.
 */
public sealed interface LifecycleEvent {

    String instanceId();

    /** A new purchase's instance became active; {@code line} is the order line as Query Order described it. */
    record Provisioned(OrderLineSnapshot line, String instanceId, Instant at) implements LifecycleEvent {
    }

    /**
     * A refreshInstance order was applied: renewal, trial conversion or a refunded renewal period ({@code scene},
     * KooGallery's word); {@code previousExpiry} is the expiry before the change (null if there was none).
     */
    record Renewed(String orderId, String orderLineId, String instanceId, String scene, Instant previousExpiry)
            implements LifecycleEvent {
    }

    /** An upgrade order changed the instance's SKU; {@code line} is the upgrade order's line. */
    record Upgraded(OrderLineSnapshot line, String instanceId, Instant at) implements LifecycleEvent {
    }

    /** The instance was released, by an unsubscribe order (ids set) or at expiry (ids null). */
    record Released(String orderId, String orderLineId, String instanceId) implements LifecycleEvent {
    }
}
