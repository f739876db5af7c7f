package dev.stallkeeper.provisioning.spi;

/** A KooGallery product specification: product id, SKU and the linear (quantity) value, e.g. seats. */
public record ProductSpec(String productId, String skuCode, Integer linearValue, String productName) {
}
