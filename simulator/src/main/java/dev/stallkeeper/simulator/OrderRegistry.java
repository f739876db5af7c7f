package dev.stallkeeper.simulator;

import dev.stallkeeper.protocol.order.OrderInfo;

/**
 * Where scenario and conformance runs put the orders the seller will look up with Query Order: an in-process
 * {@link OpenApiServer} or a running {@code serve} reached through {@link ServeAdminClient}.
 */
public interface OrderRegistry {

    /** Makes Query Order answer {@code order} (replacing one with the same id). */
    void register(OrderInfo order);

    /** Tells the usage-push receiver that {@code instanceId} exists (for its unknown-instance check). */
    void registerInstance(String instanceId);
}
