package dev.stallkeeper.protocol.order;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The product (SKU) bought on an order line. The structure is INFERRED from the changeInstanceCheck and inline
 * newInstance examples (spec §7.1).
 *
 * @param linearValue the purchased quantity for linear products, null otherwise
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProductInfo(String productId, String skuCode, Integer linearValue, String productName) {
}
