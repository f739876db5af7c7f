package dev.stallkeeper.catalog.application;

import dev.stallkeeper.catalog.domain.ProductType;
import dev.stallkeeper.platform.StallkeeperConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which product type each product is (STALLKEEPER_PRODUCT_TYPES maps productIds; every other product is
 * STALLKEEPER_DEFAULT_PRODUCT_TYPE) and which products need manual-service supervision
 * (STALLKEEPER_SUPERVISED_PRODUCT_TYPES, STALLKEEPER_SUPERVISED_PRODUCTS). Read from the configuration on each use.
 * Billing asks this to group bills; the catalog's pages show it.
 */
@ApplicationScoped
public class ProductTypes {

    @Inject
    StallkeeperConfig config;

    public ProductTypes() {
    }

    /** For tests. */
    public ProductTypes(StallkeeperConfig config) {
        this.config = config;
    }

    /** The product type code of a product (the default type for an unknown or null product). */
    public String of(String productId) {
        String type = productId == null ? null : config.productTypes().get(productId);
        return ProductType.normalize(type != null ? type : config.defaultProductType());
    }

    /** Whether new purchases of this product (of this type) go through manual-service supervision. */
    public boolean supervised(String productId, String productType) {
        return supervisedTypes().contains(productType)
                || (productId != null && config.supervisedProducts().contains(productId));
    }

    /** Whether a product type is supervised as a whole. */
    public boolean supervisedType(String productType) {
        return supervisedTypes().contains(productType);
    }

    /** The types the configuration names: the default, those of mapped products and those with their own fee. */
    public Set<String> configured() {
        TreeSet<String> types = new TreeSet<>();
        types.add(of(null));
        config.productTypes().keySet().forEach(id -> types.add(of(id)));
        config.platformFeePercentByType().keySet().forEach(t -> types.add(ProductType.normalize(t)));
        return types;
    }

    private Set<String> supervisedTypes() {
        TreeSet<String> types = new TreeSet<>();
        config.supervisedProductTypes().forEach(t -> types.add(ProductType.normalize(t)));
        return types;
    }
}
