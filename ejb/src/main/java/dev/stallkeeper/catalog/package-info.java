/**
 * Catalog: the products and SKUs KooGallery's orders name, their display names, and which product type each is
 * ({@link dev.stallkeeper.catalog.application.ProductTypes}: the grouping the 1000-yuan threshold applies to, and
 * which types need manual-service supervision).
 *
 * <p>Owns: catalog_product, catalog_sku, catalog_product_type. Declares the port
 * {@link dev.stallkeeper.catalog.application.FeeSchedule} (billing answers it) so that it shows fees without
 * depending on billing.
 *
 * <p>May use: {@code platform} only.
 */
package dev.stallkeeper.catalog;
