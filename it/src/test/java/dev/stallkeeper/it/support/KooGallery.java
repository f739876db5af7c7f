package dev.stallkeeper.it.support;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stallkeeper.it.clock.TestClock;
import dev.stallkeeper.protocol.KooTime;
import dev.stallkeeper.protocol.order.BuyerInfo;
import dev.stallkeeper.protocol.order.OrderInfo;
import dev.stallkeeper.protocol.order.OrderLine;
import dev.stallkeeper.protocol.order.ProductInfo;
import dev.stallkeeper.simulator.CallbackClient;
import dev.stallkeeper.simulator.CallbackResult;
import dev.stallkeeper.simulator.OpenApiServer;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * KooGallery as the tests see it: the simulator's signed callback client pointed at the server under test,
 * and the simulator's Query Order API (one per test JVM, on the port the server was told about).
 */
public final class KooGallery {

    private static OpenApiServer openApi;

    private KooGallery() {
    }

    public static synchronized OpenApiServer openApi() {
        if (openApi == null) {
            openApi = OpenApiServer.start("127.0.0.1", Integer.getInteger("it.openapi.port"),
                    System.getProperty("it.ak"), System.getProperty("it.sk"), TestClock.CLOCK);
        }
        return openApi;
    }

    public static URI produceAddress() {
        return URI.create("http://127.0.0.1:" + Integer.getInteger("it.http.port") + "/api/koogallery/produce");
    }

    public static CallbackClient client() {
        return new CallbackClient(produceAddress(), key(), CallbackClient.defaultHttpClient(),
                Duration.ofSeconds(30), TestClock.CLOCK);
    }

    /**
     * The settings a server process of its own (see {@code ServerProcess}) needs to talk to this test's KooGallery:
     * the signing key, the open API's AK/SK and address; then {@code more}.
     */
    public static java.util.List<String> serverProperties(String... more) {
        java.util.List<String> out = new java.util.ArrayList<>(java.util.List.of(
                "-Dkoogallery.key=" + key(),
                "-Dkoogallery.ak=" + System.getProperty("it.ak"),
                "-Dkoogallery.sk=" + System.getProperty("it.sk"),
                "-Dkoogallery.api.base=http://127.0.0.1:" + System.getProperty("it.openapi.port")));
        out.addAll(java.util.List.of(more));
        return out;
    }

    public static String key() {
        return System.getProperty("it.key");
    }

    public static CallbackResult send(ObjectNode body) {
        return client().send(body);
    }

    public static ObjectNode body(String activity) {
        return JsonNodeFactory.instance.objectNode().put("activity", activity);
    }

    public static String uniqueOrderId() {
        return "CS" + UUID.randomUUID().toString().replace("-", "").substring(0, 18).toUpperCase();
    }

    /** An order's createTime: now on the test clock, as KooGallery writes times (yyyyMMddHHmmss, UTC). */
    public static String orderTime() {
        return KooTime.format14(TestClock.now());
    }

    /** An order line's expireTime {@code months} calendar months (Beijing) from now on the test clock. */
    public static String expireTime(int months) {
        return KooTime.format14(TestClock.now().atZone(TestClock.BEIJING).plusMonths(months).toInstant());
    }

    /** Registers a NEW order with one line of the given SKU in the simulator's Query Order API. */
    public static OrderInfo order(String orderId, String orderType, String chargingMode, String productId,
                                  String skuCode, int linearValue) {
        openApi();
        OrderInfo order = new OrderInfo(orderId, orderType, orderTime(),
                List.of(new OrderLine(orderId + "-000001", chargingMode, "month", 1, expireTime(13),
                        new BigDecimal("99.00"), "CNY",
                        List.of(new ProductInfo(productId, skuCode, linearValue, "Stallkeeper test product")))),
                new BuyerInfo("cust-" + orderId, "Buyer of " + orderId, null, null, null, null), List.of());
        openApi.register(order);
        return order;
    }

    public static ObjectNode newInstance(String orderId, String orderLineId, String businessId) {
        return body("newInstance").put("orderId", orderId).put("orderLineId", orderLineId).put("businessId", businessId);
    }

    /** Creates an order (plain SKU) and its instance; returns the instance id once it is active. */
    public static String activeInstance() {
        String orderId = uniqueOrderId();
        order(orderId, "NEW", "PERIOD", "P-" + orderId, "SKU-BASIC", 20);
        CallbackResult result = send(newInstance(orderId, orderId + "-000001", UUID.randomUUID().toString()));
        String id = result.json().path("instanceId").asText(null);
        if ("000004".equals(result.resultCode()) && id != null) {
            // slower than the inline budget (a busy machine): KooGallery would now poll queryInstance
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(() ->
                    "000000".equals(send(body("queryInstance").put("instanceId", id)).resultCode()));
            return id;
        }
        if (!"000000".equals(result.resultCode())) {
            throw new AssertionError("newInstance failed: " + result);
        }
        return id;
    }
}
