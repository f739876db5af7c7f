package dev.stallkeeper.billing.application;

import dev.stallkeeper.billing.domain.BillKind;
import dev.stallkeeper.billing.domain.ProductType;
import dev.stallkeeper.billing.domain.SettlementPolicy;
import dev.stallkeeper.billing.domain.SupervisionState;
import dev.stallkeeper.platform.StallkeeperConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The settlement settings (docs/settlement.md), read from {@link StallkeeperConfig} on each use: the threshold and
 * fee policy, each product's type (there is no catalog yet: STALLKEEPER_PRODUCT_TYPES maps productIds, every
 * other product is STALLKEEPER_DEFAULT_PRODUCT_TYPE) and which new purchases go through supervision.
 */
@ApplicationScoped
public class BillingSettings {

    @Inject
    StallkeeperConfig config;

    public BillingSettings() {
    }

    /** For tests. */
    public BillingSettings(StallkeeperConfig config) {
        this.config = config;
    }

    public SettlementPolicy policy() {
        return new SettlementPolicy(config.settlementThreshold(), config.platformFeePercent(),
                config.platformFeePercentByType());
    }

    public String productType(String productId) {
        String type = productId == null ? null : config.productTypes().get(productId);
        return ProductType.normalize(type != null ? type : config.defaultProductType());
    }

    /**
     * Supervision of a bill recorded from an order: new purchases of supervised types or products start
     * IN_PROGRESS; renewals, upgrades and refunds never open a new supervision flow (§8.1).
     */
    public SupervisionState initialSupervision(BillKind kind, String productId, String productType) {
        if (kind != BillKind.NEW) {
            return SupervisionState.NOT_REQUIRED;
        }
        Set<String> types = config.supervisedProductTypes().stream().map(ProductType::normalize)
                .collect(Collectors.toSet());
        boolean supervised = types.contains(productType)
                || (productId != null && config.supervisedProducts().contains(productId));
        return supervised ? SupervisionState.IN_PROGRESS : SupervisionState.NOT_REQUIRED;
    }
}
