package dev.stallkeeper.it;

import static dev.stallkeeper.it.support.KooGallery.activeInstance;
import static dev.stallkeeper.it.support.KooGallery.body;
import static dev.stallkeeper.it.support.KooGallery.newInstance;
import static dev.stallkeeper.it.support.KooGallery.order;
import static dev.stallkeeper.it.support.KooGallery.send;
import static dev.stallkeeper.it.support.KooGallery.uniqueOrderId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stallkeeper.it.support.Db;
import dev.stallkeeper.it.support.Deployments;
import dev.stallkeeper.simulator.CallbackResult;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Query, renew, freeze, release, upgrade and change checks on existing instances (§10.2 cases 14-23, 25). */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class LifecycleIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.stallkeeper();
    }

    private static ObjectNode refresh(String instanceId, String orderId, String scene, String expireTime) {
        return body("refreshInstance").put("instanceId", instanceId).put("orderId", orderId)
                .put("orderLineId", orderId + "-000001").put("scene", scene).put("expireTime", expireTime);
    }

    private static OffsetDateTime expiry(String id) {
        return (OffsetDateTime) Db.value("SELECT expires_at FROM instance WHERE id = ?", id);
    }

    @Test
    void queryReturnsAccessForEveryKnownInstance() {
        String a = activeInstance();
        String b = activeInstance();
        CallbackResult result = send(body("queryInstance").put("instanceId", a + "," + b));
        assertThat(result.resultCode()).isEqualTo("000000");
        JsonNode info = result.json().get("info");
        assertThat(info).hasSize(2);
        for (JsonNode entry : info) {
            assertThat(entry.get("instanceId").asText()).isIn(a, b);
            assertThat(entry.at("/appInfo/frontEndUrl").asText()).startsWith("https://").hasSizeLessThanOrEqualTo(512);
            assertThat(entry.at("/appInfo/password").asText()).isNotEmpty();
        }
    }

    @Test
    void queryLimitsAndUnknownIds() {
        String ids101 = IntStream.range(0, 101).mapToObj(i -> "id" + i).collect(Collectors.joining(","));
        assertThat(send(body("queryInstance").put("instanceId", ids101)).resultCode()).isEqualTo("000002");
        assertThat(send(body("queryInstance").put("instanceId", "")).resultCode()).isEqualTo("000002");
        assertThat(send(body("queryInstance").put("instanceId", "never-seen-1")).resultCode()).isEqualTo("000003");
    }

    @Test
    void renewalSetsTheExpiryOnceAndResendingChangesNothing() {
        String id = activeInstance();
        String renewal = uniqueOrderId();
        assertThat(send(refresh(id, renewal, "RENEWAL", "20240101000000")).resultCode()).isEqualTo("000000");
        assertThat(expiry(id).toInstant()).isEqualTo("2024-01-01T00:00:00Z");
        Object updated = Db.value("SELECT updated_at FROM instance WHERE id = ?", id);

        assertThat(send(refresh(id, renewal, "RENEWAL", "20240101000000")).resultCode()).isEqualTo("000000");
        assertThat(Db.value("SELECT updated_at FROM instance WHERE id = ?", id)).isEqualTo(updated);
        assertThat(Db.count("SELECT COUNT(*) FROM instance_order WHERE instance_id = ?", id)).isEqualTo(1);
    }

    @Test
    void seventeenDigitExpiryIsParsedToTheMillisecond() {
        String id = activeInstance();
        assertThat(send(refresh(id, uniqueOrderId(), "RENEWAL", "20221124023618256")).resultCode()).isEqualTo("000000");
        assertThat(expiry(id).toInstant()).isEqualTo("2022-11-24T02:36:18.256Z");
    }

    @Test
    void trialToFormalClearsTheTrialAndUnsubscribingARenewalMovesExpiryEarlier() {
        String orderId = uniqueOrderId();
        order(orderId, "TRIAL", "PERIOD", "P-TRIAL", "SKU-BASIC", 5);
        String id = send(KooGallery_newInstance(orderId)).json().get("instanceId").asText();
        assertThat(Db.value("SELECT trial FROM instance WHERE id = ?", id)).isEqualTo(true);

        assertThat(send(refresh(id, uniqueOrderId(), "TRIAL_TO_FORMAL", "20280101000000")).resultCode()).isEqualTo("000000");
        assertThat(Db.value("SELECT trial FROM instance WHERE id = ?", id)).isEqualTo(false);
        assertThat(send(refresh(id, uniqueOrderId(), "UNSUBSCRIBE_RENEWAL_PERIOD", "20270101000000")).resultCode())
                .isEqualTo("000000");
        assertThat(expiry(id).toInstant()).isEqualTo("2027-01-01T00:00:00Z");
    }

    private static ObjectNode KooGallery_newInstance(String orderId) {
        return dev.stallkeeper.it.support.KooGallery.newInstance(orderId, orderId + "-000001",
                java.util.UUID.randomUUID().toString());
    }

    @Test
    void refreshOfAnUnknownInstanceIs000003AndBadInputIs000002() {
        assertThat(send(refresh("never-seen-2", uniqueOrderId(), "RENEWAL", "20240101000000")).resultCode()).isEqualTo("000003");
        String id = activeInstance();
        assertThat(send(refresh(id, uniqueOrderId(), "RENEWAL", "2024-01-01")).resultCode()).isEqualTo("000002");
        assertThat(send(refresh(id, uniqueOrderId(), "SOMETHING", "20240101000000")).resultCode()).isEqualTo("000002");
    }

    @Test
    void freezeKeepsDataAndUnfreezeRestoresAccess() {
        String id = activeInstance();
        ObjectNode freeze = body("updateInstanceStatus").put("instanceId", id).put("status", "FREEZE");
        assertThat(send(freeze).resultCode()).isEqualTo("000000");
        assertThat(Db.value("SELECT state FROM instance WHERE id = ?", id)).isEqualTo("FROZEN");
        assertThat(Db.value("SELECT suspended FROM tenant WHERE instance_id = ?", id)).isEqualTo(true);
        assertThat(send(freeze.deepCopy()).resultCode()).as("freeze again").isEqualTo("000000");

        assertThat(send(body("updateInstanceStatus").put("instanceId", id).put("status", "UNFREEZE")).resultCode())
                .isEqualTo("000000");
        assertThat(Db.value("SELECT state FROM instance WHERE id = ?", id)).isEqualTo("ACTIVE");
        assertThat(Db.value("SELECT suspended FROM tenant WHERE instance_id = ?", id)).isEqualTo(false);
        assertThat(send(body("updateInstanceStatus").put("instanceId", id).put("status", "PAUSE")).resultCode())
                .isEqualTo("000002");
    }

    @Test
    void releaseDeletesTenantDataKeepsTheAuditAndIsIdempotent() {
        String id = activeInstance();
        ObjectNode release = body("releaseInstance").put("instanceId", id).put("orderId", uniqueOrderId());
        assertThat(send(release).resultCode()).isEqualTo("000000");
        assertThat(Db.value("SELECT state FROM instance WHERE id = ?", id)).isEqualTo("RELEASED");
        assertThat(Db.count("SELECT COUNT(*) FROM tenant WHERE instance_id = ?", id)).isZero();
        assertThat(Db.value("SELECT app_password FROM instance WHERE id = ?", id)).isNull();
        assertThat(Db.count("SELECT COUNT(*) FROM callback_log WHERE instance_ids = ?", id)).isGreaterThanOrEqualTo(1);

        assertThat(send(release.deepCopy()).resultCode()).isEqualTo("000000");
        assertThat(send(body("releaseInstance").put("instanceId", "never-seen-3")).resultCode()).isEqualTo("000003");
        assertThat(send(body("queryInstance").put("instanceId", id)).resultCode()).isEqualTo("000003");

        // newInstance resent for the released order line: the same instanceId and result, nothing provisioned again
        String orderId = (String) Db.value("SELECT order_id FROM instance WHERE id = ?", id);
        String lineId = (String) Db.value("SELECT order_line_id FROM instance WHERE id = ?", id);
        var resent = send(newInstance(orderId, lineId, java.util.UUID.randomUUID().toString()));
        assertThat(resent.resultCode()).isEqualTo("000000");
        assertThat(resent.json().get("instanceId").asText()).isEqualTo(id);
        assertThat(Db.value("SELECT state FROM instance WHERE id = ?", id)).isEqualTo("RELEASED");
        assertThat(Db.count("SELECT COUNT(*) FROM tenant WHERE instance_id = ?", id)).isZero();
    }

    @Test
    void upgradeAppliesTheNewOrdersSpecificationAndKeepsTheId() {
        String id = activeInstance();
        String change = uniqueOrderId();
        order(change, "CHANGE", "PERIOD", "P-PRO", "SKU-PRO", 50);
        ObjectNode upgrade = body("upgradeInstance").put("instanceId", id).put("orderId", change)
                .put("orderLineId", change + "-000001");
        assertThat(send(upgrade).resultCode()).isEqualTo("000000");
        Map<String, Object> row = Db.rows("SELECT sku_code, linear_value FROM instance WHERE id = ?", id).get(0);
        assertThat(row).containsEntry("sku_code", "SKU-PRO").containsEntry("linear_value", 50);
        assertThat(Db.value("SELECT seats FROM tenant WHERE instance_id = ?", id)).isEqualTo(50);
        assertThat(send(upgrade.deepCopy()).resultCode()).isEqualTo("000000");
    }

    @Test
    void changeCheckRefusesATargetBelowCurrentUsage() {
        String id = activeInstance();
        Db.update("UPDATE tenant SET users_in_use = 30 WHERE instance_id = ?", id);
        ObjectNode check = body("changeInstanceCheck").put("instanceId", id);
        check.putObject("productInfo").put("productId", "P-SMALL").put("skuCode", "SKU-SMALL")
                .put("linearValue", 10).put("productName", "SaaS测试商品");
        CallbackResult refused = send(check);
        assertThat(refused.resultCode()).isNotEqualTo("000000");
        assertThat(refused.json().get("resultMsg").asText()).contains("10").contains("30");

        ((ObjectNode) check.get("productInfo")).put("linearValue", 30);
        assertThat(send(check).resultCode()).isEqualTo("000000");
    }

    @Test
    void debugTrafficOfEveryActivityTouchesNoProductionRecord() {
        String id = activeInstance();
        Map<String, Long> before = Db.productionCounts();
        String state = (String) Db.value("SELECT state FROM instance WHERE id = ?", id);
        for (ObjectNode request : new ObjectNode[] {
                refresh(id, uniqueOrderId(), "RENEWAL", "20300101000000"),
                body("updateInstanceStatus").put("instanceId", id).put("status", "FREEZE"),
                body("upgradeInstance").put("instanceId", id).put("orderId", "MOCKMONTYCHANGE").put("orderLineId", "MOCKMONTYCHANGE-000001"),
                body("releaseInstance").put("instanceId", id),
                body("queryInstance").put("instanceId", id + ",synthetic-dial-test-id"),
                body("orderNotify").put("orderId", "MOCKPERIODYEARNEW").put("orderLineId", "MOCKPERIODYEARNEW-000001")}) {
            CallbackResult result = send(request.put("testFlag", "1"));
            assertThat(result.resultCode()).as(request.get("activity").asText()).isEqualTo("000000");
        }
        assertThat(Db.productionCounts()).isEqualTo(before);
        assertThat(Db.value("SELECT state FROM instance WHERE id = ?", id)).isEqualTo(state);
        assertThat(expiry(id).toInstant()).isNotEqualTo(OffsetDateTime.of(2030, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC).toInstant());
    }

    @Test
    void orderNotifyReadsAndKeepsTheOrder() {
        String orderId = uniqueOrderId();
        order(orderId, "NEW", "ONE_TIME", "P-ONCE", "SKU-ONCE", 1);
        ObjectNode notify = body("orderNotify").put("orderId", orderId).put("orderLineId", orderId + "-000001").put("testFlag", "0");
        assertThat(send(notify).resultCode()).isEqualTo("000000");
        assertThat(Db.value("SELECT charging_mode FROM order_line WHERE order_id = ?", orderId)).isEqualTo("ONE_TIME");
    }
}
