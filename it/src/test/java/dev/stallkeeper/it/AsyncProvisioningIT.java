package dev.stallkeeper.it;

import static dev.stallkeeper.it.support.KooGallery.body;
import static dev.stallkeeper.it.support.KooGallery.newInstance;
import static dev.stallkeeper.it.support.KooGallery.order;
import static dev.stallkeeper.it.support.KooGallery.send;
import static dev.stallkeeper.it.support.KooGallery.uniqueOrderId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stallkeeper.it.support.Db;
import dev.stallkeeper.it.support.Deployments;
import dev.stallkeeper.simulator.CallbackResult;
import java.time.Duration;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Provisioning that is slow, fails, or is still pending when the server restarts: KooGallery always gets an answer in time,
 * and durable work finishes the job (§10.2 case 5).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AsyncProvisioningIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.stallkeeper();
    }

    @ArquillianResource
    ManagementClient management;

    private static String create(String sku) {
        String orderId = uniqueOrderId();
        order(orderId, "NEW", "PERIOD", "P-" + sku, sku, 3);
        String businessId = UUID.randomUUID().toString();
        CallbackResult result = send(newInstance(orderId, orderId + "-000001", businessId));
        assertThat(result.resultCode()).isEqualTo("000004");
        assertThat(result.json().get("instanceId").asText()).isEqualTo(businessId);
        assertThat(result.latency()).isLessThan(Duration.ofSeconds(20));
        return businessId;
    }

    private static String query(String id) {
        return send(body("queryInstance").put("instanceId", id)).resultCode();
    }

    @Test
    void slowProvisioningAnswers000004ThenQueryShowsAccessWhenReady() {
        String id = create("SLOW-4000");
        assertThat(query(id)).isEqualTo("000004");
        await().atMost(Duration.ofSeconds(30)).until(() -> "000000".equals(query(id)));
        CallbackResult ready = send(body("queryInstance").put("instanceId", id));
        assertThat(ready.json().at("/info/0/appInfo/frontEndUrl").asText()).startsWith("https://");
    }

    @Test
    void failingProvisionerLeavesRetriableWorkThatSucceedsLater() {
        String id = create("FAIL-2");
        await().atMost(Duration.ofSeconds(20)).until(() ->
                Db.count("SELECT attempts FROM work_item WHERE instance_id = ?", id) >= 1
                        && Db.value("SELECT last_error FROM work_item WHERE instance_id = ?", id) != null);
        assertThat(Db.value("SELECT status FROM work_item WHERE instance_id = ?", id)).isIn("PENDING", "DONE");
        await().atMost(Duration.ofSeconds(40)).until(() -> "000000".equals(query(id)));
        assertThat(Db.value("SELECT status FROM work_item WHERE instance_id = ?", id)).isEqualTo("DONE");
        assertThat(Db.count("SELECT attempts FROM work_item WHERE instance_id = ?", id)).isEqualTo(3);
        assertThat(Db.count("SELECT COUNT(*) FROM instance_event WHERE instance_id = ? AND event_type = 'PROVISION_ATTEMPT_FAILED'", id))
                .isEqualTo(2);
    }

    @Test
    void provisioningPendingAcrossAServerRestartCompletesAfterIt() throws Exception {
        String id = create("DOWN-UNTIL-RESTART");
        assertThat(Db.value("SELECT state FROM instance WHERE id = ?", id)).isEqualTo("PROVISIONING");
        assertThat(Db.value("SELECT status FROM work_item WHERE instance_id = ?", id)).isEqualTo("PENDING");

        ModelNode reload = Operations.createOperation("reload");
        management.getControllerClient().execute(reload);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
            ModelNode state = management.getControllerClient().execute(
                    Operations.createReadAttributeOperation(new ModelNode().setEmptyList(), "server-state"));
            return Operations.isSuccessfulOutcome(state)
                    && "running".equals(Operations.readResult(state).asString())
                    && "000000".equals(query(id));
        });
        assertThat(Db.value("SELECT state FROM instance WHERE id = ?", id)).isEqualTo("ACTIVE");
        assertThat(Db.count("SELECT attempts FROM work_item WHERE instance_id = ?", id)).isGreaterThanOrEqualTo(2);
        assertThat(Db.value("SELECT status FROM work_item WHERE instance_id = ?", id)).isEqualTo("DONE");
    }
}
