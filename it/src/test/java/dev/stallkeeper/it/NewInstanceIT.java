package dev.stallkeeper.it;

import static dev.stallkeeper.it.support.KooGallery.newInstance;
import static dev.stallkeeper.it.support.KooGallery.order;
import static dev.stallkeeper.it.support.KooGallery.send;
import static dev.stallkeeper.it.support.KooGallery.uniqueOrderId;
import static org.assertj.core.api.Assertions.assertThat;

import dev.stallkeeper.it.support.Db;
import dev.stallkeeper.it.support.Deployments;
import dev.stallkeeper.it.support.KooGallery;
import dev.stallkeeper.simulator.CallbackClient;
import dev.stallkeeper.simulator.CallbackResult;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** newInstance: debug answers, idempotency per order line and product, concurrency (§10.2 cases 1-4, 25). */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class NewInstanceIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.stallkeeper();
    }

    @Test
    void debugCreateAnswersLikeProductionAndStoresNothing() {
        Map<String, Long> before = Db.productionCounts();
        String orderId = uniqueOrderId();
        CallbackResult first = send(newInstance(orderId, orderId + "-000001", "b1").put("testFlag", "1"));
        CallbackResult again = send(newInstance(orderId, orderId + "-000001", "b2").put("testFlag", "1"));
        assertThat(first.resultCode()).isEqualTo("000000");
        assertThat(first.json().get("instanceId").asText()).isNotEmpty().hasSizeLessThanOrEqualTo(64)
                .isEqualTo(again.json().get("instanceId").asText());
        assertThat(Db.productionCounts()).isEqualTo(before);
    }

    @Test
    void resentCreateReturnsTheFirstInstanceAndCreatesNoSecond() {
        String orderId = uniqueOrderId();
        order(orderId, "NEW", "PERIOD", "P1", "SKU-BASIC", 5);
        String b1 = UUID.randomUUID().toString();
        CallbackResult first = send(newInstance(orderId, orderId + "-000001", b1));
        CallbackResult second = send(newInstance(orderId, orderId + "-000001", UUID.randomUUID().toString()));

        assertThat(first.resultCode()).isEqualTo("000000");
        assertThat(first.json().get("instanceId").asText()).isEqualTo(b1);
        assertThat(second.resultCode()).isEqualTo("000000");
        assertThat(second.json().get("instanceId").asText()).isEqualTo(b1);
        assertThat(Db.count("SELECT COUNT(*) FROM instance WHERE order_id = ?", orderId)).isEqualTo(1);
        assertThat(Db.count("SELECT COUNT(*) FROM tenant WHERE instance_id = ?", b1)).isEqualTo(1);
        assertThat(Db.value("SELECT sku_code FROM instance WHERE id = ?", b1)).isEqualTo("SKU-BASIC");
        assertThat(Db.value("SELECT customer_id FROM instance WHERE id = ?", b1)).isEqualTo("cust-" + orderId);
    }

    @Test
    void distinctOrderLinesGetDistinctInstances() {
        String orderId = uniqueOrderId();
        order(orderId, "NEW", "PERIOD", "P1", "SKU-BASIC", 5);
        CallbackResult a = send(newInstance(orderId, orderId + "-000001", UUID.randomUUID().toString()));
        CallbackResult b = send(newInstance(orderId, orderId + "-000002", UUID.randomUUID().toString()));
        assertThat(a.json().get("instanceId").asText()).isNotEqualTo(b.json().get("instanceId").asText());
        assertThat(Db.count("SELECT COUNT(*) FROM instance WHERE order_id = ?", orderId)).isEqualTo(2);
    }

    @Test
    void payPerUseItemsOfOneOrderGetOneInstanceEach() {
        String orderId = uniqueOrderId();
        order(orderId, "NEW", "ON_DEMAND", "PPU-SMS", "SKU-SMS", 1);
        String line = orderId + "-000001";
        CallbackResult sms = send(newInstance(orderId, line, UUID.randomUUID().toString()).put("productId", "PPU-SMS"));
        CallbackResult mms = send(newInstance(orderId, line, UUID.randomUUID().toString()).put("productId", "PPU-MMS"));
        CallbackResult smsAgain = send(newInstance(orderId, line, UUID.randomUUID().toString()).put("productId", "PPU-SMS"));
        assertThat(sms.json().get("instanceId").asText()).isNotEqualTo(mms.json().get("instanceId").asText());
        assertThat(smsAgain.json().get("instanceId").asText()).isEqualTo(sms.json().get("instanceId").asText());
        assertThat(Db.count("SELECT COUNT(*) FROM instance WHERE order_id = ?", orderId)).isEqualTo(2);
    }

    @Test
    void fiftyConcurrentDuplicatesGiveOneInstanceAndTheSameIdInEveryAnswer() {
        String orderId = uniqueOrderId();
        order(orderId, "NEW", "PERIOD", "P1", "SKU-BASIC", 5);
        CallbackClient client = KooGallery.client();
        List<CompletableFuture<CallbackResult>> calls = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            calls.add(client.sendAsync(newInstance(orderId, orderId + "-000001", UUID.randomUUID().toString())));
        }
        List<CallbackResult> results = calls.stream().map(CompletableFuture::join).toList();

        assertThat(results).allSatisfy(r -> assertThat(r.resultCode()).isIn("000000", "000004"));
        assertThat(results.stream().map(r -> r.json().get("instanceId").asText()).distinct()).hasSize(1);
        assertThat(Db.count("SELECT COUNT(*) FROM instance WHERE order_id = ?", orderId)).isEqualTo(1);
        assertThat(Db.count("SELECT COUNT(*) FROM work_item w JOIN instance i ON i.id = w.instance_id"
                + " WHERE i.order_id = ?", orderId)).isEqualTo(1);
        assertThat(Db.count("SELECT COUNT(*) FROM tenant t JOIN instance i ON i.id = t.instance_id"
                + " WHERE i.order_id = ?", orderId)).isEqualTo(1);
    }

    @Test
    void inlineVariantCarriesItsOwnOrderAndNeedsNoQueryOrder() {
        String orderId = uniqueOrderId();
        String businessId = UUID.randomUUID().toString();
        long queriesBefore = KooGallery.openApi().queryOrderCount();
        var body = KooGallery.body("newInstance");
        body.putObject("buyerInfo").put("customerId", "inline-cust").put("customerName", "Inline <b>Buyer</b>");
        var order = body.putArray("orderInfo").addObject();
        order.put("businessId", businessId).put("orderId", orderId).put("trialFlag", "0").put("orderAmount", 12.78)
                .put("chargingMode", "PERIOD").put("periodType", "month").put("periodNumber", 5)
                .put("createTime", "20221024194509").put("expireTime", "20221224194509");
        order.putArray("productInfo").addObject().put("skuCode", "SKU-INLINE").put("productId", "P-INLINE").put("linearValue", 20);

        CallbackResult result = send(body);

        assertThat(result.resultCode()).isEqualTo("000000");
        assertThat(result.json().get("instanceId").asText()).isEqualTo(businessId);
        assertThat(Db.value("SELECT sku_code FROM instance WHERE id = ?", businessId)).isEqualTo("SKU-INLINE");
        assertThat(KooGallery.openApi().queriedOrderIds()).doesNotContain(orderId);
        assertThat(KooGallery.openApi().queryOrderCount()).isGreaterThanOrEqualTo(queriesBefore);
    }
}
