package dev.stallkeeper.it;

import static dev.stallkeeper.it.support.KooGallery.body;
import static dev.stallkeeper.it.support.KooGallery.key;
import static dev.stallkeeper.it.support.KooGallery.newInstance;
import static dev.stallkeeper.it.support.KooGallery.order;
import static dev.stallkeeper.it.support.KooGallery.uniqueOrderId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stallkeeper.it.support.Deployments;
import dev.stallkeeper.it.support.KooGallery;
import dev.stallkeeper.it.support.ServerProcess;
import dev.stallkeeper.simulator.CallbackClient;
import dev.stallkeeper.simulator.CallbackResult;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A node dies hard (SIGKILL, no shutdown of any kind) while a provisioning attempt is in flight; the server
 * started again on the same database finishes the work once the dead attempt's lease has run out: one
 * instance, one tenant, the instanceId KooGallery was given. Runs its own WildFly process (port offset 50
 * above the Arquillian one) on its own database, because the managed container cannot survive a kill -9.
 */
class CrashRecoveryIT {

    private final ServerProcess server = new ServerProcess("crash-server", "stallkeeper_it_crash",
            Integer.getInteger("it.port.offset") + 50, KooGallery.serverProperties(
                    "-Dstallkeeper.provisioning.inline.ms=1500",
                    "-Dstallkeeper.provisioning.lease.seconds=4",
                    "-Dstallkeeper.retry.base.seconds=1",
                    "-Dstallkeeper.retry.max.seconds=2"));
    private final CallbackClient kooGallery = new CallbackClient(
            URI.create("http://127.0.0.1:" + server.httpPort() + "/api/koogallery/produce"), key());

    @Test
    void provisioningInFlightWhenTheNodeIsKilledCompletesOnceAfterRestart() throws Exception {
        server.prepare(Deployments.stallkeeper()).start();

        String orderId = uniqueOrderId();
        order(orderId, "NEW", "PERIOD", "P-HANG", "HANG-UNTIL-RESTART", 1);
        String businessId = UUID.randomUUID().toString();
        CallbackResult first = kooGallery.send(newInstance(orderId, orderId + "-000001", businessId));
        assertThat(first.resultCode()).isEqualTo("000004");
        assertThat(server.sql("SELECT attempts FROM work_item WHERE instance_id = ?", businessId)).isEqualTo("1");

        server.killHard();
        assertThat(server.sql("SELECT state FROM instance WHERE id = ?", businessId)).isEqualTo("PROVISIONING");

        server.start();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> "000000".equals(kooGallery.send(body("queryInstance").put("instanceId", businessId)).resultCode()));

        CallbackResult resent = kooGallery.send(newInstance(orderId, orderId + "-000001", UUID.randomUUID().toString()));
        assertThat(resent.resultCode()).isEqualTo("000000");
        assertThat(resent.json().get("instanceId").asText()).isEqualTo(businessId);
        assertThat(server.sql("SELECT COUNT(*) FROM instance WHERE order_id = ?", orderId)).isEqualTo("1");
        assertThat(server.sql("SELECT COUNT(*) FROM tenant WHERE instance_id = ?", businessId)).isEqualTo("1");
        assertThat(server.sql("SELECT status FROM work_item WHERE instance_id = ?", businessId)).isEqualTo("DONE");
        assertThat(server.sql("SELECT COUNT(*) FROM instance_event WHERE instance_id = ? AND event_type = 'ACTIVATED'",
                businessId)).isEqualTo("1");
    }

    @AfterEach
    void stop() {
        server.close();
    }
}
