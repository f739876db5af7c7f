package dev.stallkeeper.provisioning.spi;

import java.time.Instant;

/**
 * What a Provisioner needs to create a tenant: the instance id Stallkeeper gave KooGallery, the order line
 * as Query Order described it, and the attempt number (1 on the first try).
 */
public record ProvisionRequest(String instanceId, String orderId, String orderLineId, String orderType,
                               String chargingMode, ProductSpec product, String periodType, Integer periodNumber,
                               Instant expiresAt, String customerId, String customerName, boolean trial,
                               int attempt) {
}
