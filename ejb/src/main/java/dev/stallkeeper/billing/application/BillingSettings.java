package dev.stallkeeper.billing.application;

import dev.stallkeeper.billing.domain.BillKind;
import dev.stallkeeper.billing.domain.SettlementPolicy;
import dev.stallkeeper.billing.domain.SupervisionState;
import dev.stallkeeper.catalog.application.FeeSchedule;
import dev.stallkeeper.catalog.application.ProductTypes;
import dev.stallkeeper.platform.StallkeeperConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;

/**
 * The settlement settings (docs/settlement.md), read from {@link StallkeeperConfig} on each use: the threshold and
 * fee policy, each product's type (the catalog's {@link ProductTypes}) and which new purchases go through
 * supervision. Implements the catalog's {@link FeeSchedule} port.
 */
@ApplicationScoped
public class BillingSettings implements FeeSchedule {

    @Inject
    StallkeeperConfig config;

    @Inject
    ProductTypes productTypes;

    public BillingSettings() {
    }

    /** For tests. */
    public BillingSettings(StallkeeperConfig config) {
        this.config = config;
        this.productTypes = new ProductTypes(config);
    }

    @Override
    public BigDecimal feePercent(String productType) {
        return policy().feePercent(productType);
    }

    public SettlementPolicy policy() {
        return new SettlementPolicy(config.settlementThreshold(), config.platformFeePercent(),
                config.platformFeePercentByType());
    }

    public String productType(String productId) {
        return productTypes.of(productId);
    }

    /**
     * Supervision of a bill recorded from an order: new purchases of supervised types or products start
     * IN_PROGRESS; renewals, upgrades and refunds never open a new supervision flow (§8.1).
     */
    public SupervisionState initialSupervision(BillKind kind, String productId, String productType) {
        if (kind != BillKind.NEW) {
            return SupervisionState.NOT_REQUIRED;
        }
        return productTypes.supervised(productId, productType)
                ? SupervisionState.IN_PROGRESS : SupervisionState.NOT_REQUIRED;
    }
}
