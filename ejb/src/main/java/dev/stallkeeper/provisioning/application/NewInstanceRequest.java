package dev.stallkeeper.provisioning.application;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stallkeeper.protocol.KooTime;
import dev.stallkeeper.protocol.order.QueryOrder;
import dev.stallkeeper.provisioning.domain.InvalidRequestException;
import dev.stallkeeper.provisioning.domain.OrderLineSnapshot;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;

/**
 * A newInstance callback in either documented shape: the thin V2 body (ids only; the order comes from
 * Query Order) or the older inline body that carries {@code orderInfo[]} and {@code buyerInfo} itself.
 * The idempotency key is (orderId, orderLineId, productKey), where productKey is the product id of a
 * pay-per-use line when the callback names one, so several billed items of one order get several instances.
 */
record NewInstanceRequest(String orderId, String orderLineId, String businessId, String productKey,
                          OrderLineSnapshot inlineLine) {

    static NewInstanceRequest from(ObjectNode body) {
        JsonNode orders = body.get("orderInfo");
        if (body.get("orderId") == null && orders != null && (orders.isArray() || orders.isObject())) {
            return inline(body, orders.isArray() ? orders.get(0) : orders);
        }
        String orderId = Fields.required(body, "orderId", 64);
        String orderLineId = Fields.required(body, "orderLineId", 64);
        String businessId = Fields.required(body, "businessId", 64);
        String productId = Fields.optional(body, "productId", 64);
        return new NewInstanceRequest(orderId, orderLineId, businessId, productId == null ? "" : productId, null);
    }

    private static NewInstanceRequest inline(ObjectNode body, JsonNode order) {
        if (order == null || !order.isObject()) {
            throw new InvalidRequestException("orderInfo must hold the order");
        }
        ObjectNode o = (ObjectNode) order;
        String orderId = Fields.required(o, "orderId", 64);
        String businessId = Fields.required(o, "businessId", 64);
        String orderLineIdField = Fields.optional(o, "orderLineId", 64);
        String orderLineId = orderLineIdField == null || orderLineIdField.isEmpty() ? orderId : orderLineIdField;
        String chargingMode = Fields.optional(o, "chargingMode", 25);
        JsonNode products = o.get("productInfo");
        JsonNode product = products != null && products.isArray() && !products.isEmpty() ? products.get(0) : null;
        String productId = product == null ? null : Fields.optional(product, "productId", 64);
        String skuCode = product == null ? null : Fields.optional(product, "skuCode", 64);
        String productName = product == null ? null : Fields.optional(product, "productName", 255);
        Integer linearValue = product != null && product.hasNonNull("linearValue") && product.get("linearValue").canConvertToInt()
                ? product.get("linearValue").asInt() : null;
        JsonNode buyer = body.get("buyerInfo");
        String customerId = buyer != null && buyer.isObject() ? Fields.optional(buyer, "customerId", 100) : null;
        String customerName = buyer != null && buyer.isObject() ? Fields.optional(buyer, "customerName", 255) : null;
        String periodNumberText = Fields.optional(o, "periodNumber", 4);
        Integer periodNumber = periodNumberText != null && periodNumberText.matches("\\d{1,4}") ? Integer.valueOf(periodNumberText) : null;
        String amountText = Fields.optional(o, "orderAmount", 32);
        BigDecimal amount = amountText != null && amountText.matches("-?\\d{1,15}(\\.\\d{1,3})?") ? new BigDecimal(amountText) : null;
        boolean trial = "1".equals(Fields.optional(o, "trialFlag", 2));
        String productKey = QueryOrder.ON_DEMAND.equals(chargingMode) && productId != null ? productId : "";
        OrderLineSnapshot line = new OrderLineSnapshot(new OrderLineSnapshot.Key(orderId, orderLineId),
                trial ? QueryOrder.TRIAL : QueryOrder.NEW, chargingMode, productId, skuCode, productName, linearValue,
                Fields.optional(o, "periodType", 10), periodNumber, time(Fields.optional(o, "expireTime", 20)),
                amount, null, customerId, customerName, time(Fields.optional(o, "createTime", 20)),
                body.toString(), Clock.systemUTC().instant());
        return new NewInstanceRequest(orderId, orderLineId, businessId, productKey, line);
    }

    private static Instant time(String value) {
        try {
            return value == null || value.isEmpty() ? null : KooTime.parseExpireTime(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("times must be yyyyMMddHHmmss[SSS] (UTC): " + value);
        }
    }
}
