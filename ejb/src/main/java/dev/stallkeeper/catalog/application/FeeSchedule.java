package dev.stallkeeper.catalog.application;

import java.math.BigDecimal;

/**
 * Port: the platform fee KooGallery keeps for a product type, in percent. The catalog shows it beside each type;
 * billing, which owns the settlement policy, implements it (so the catalog never depends on billing).
 */
public interface FeeSchedule {

    BigDecimal feePercent(String productType);
}
