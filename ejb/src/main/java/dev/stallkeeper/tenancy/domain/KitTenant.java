package dev.stallkeeper.tenancy.domain;

/**
 * An enterprise that bound the seller's app (tenantSync). {@code domainName} is the base URL of its identity
 * service, where its users' OAuth authorization codes are exchanged (spec §6.3).
 */
public record KitTenant(String tenantId, String instanceId, String orderId, String tenantCode, String name,
                        String domainName, boolean active) {
}
