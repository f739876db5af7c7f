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
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Tenants' application passwords at rest (issue 14, row 6): sealed in {@code instance.app_password} and in the answers
 * kept for replays, masked in the audit, while KooGallery still gets them in clear; a password stored in clear before
 * (an upgrade) is sealed at the next start, and still opens after the data key is rotated. Its own WildFly process (port offset 40 above the Arquillian one) and database, because it
 * restarts the server with other keys.
 */
class SecretsAtRestIT {

    private static final String OLD_KEY = System.getProperty("it.data.key");
    private static final String NEW_KEY = randomKey();

    private final ServerProcess server = new ServerProcess("secrets-server", "stallkeeper_it_secrets",
            Integer.getInteger("it.port.offset") + 40, KooGallery.serverProperties());
    private final CallbackClient kooGallery = new CallbackClient(
            URI.create("http://127.0.0.1:" + server.httpPort() + "/api/koogallery/produce"), key());

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void passwordsAreSealedAtRestMaskedInTheAuditAndClearOnlyInTheAnswer() throws Exception {
        server.prepare(Deployments.stallkeeper()).start();
        String orderId = uniqueOrderId();
        order(orderId, "NEW", "PERIOD", "P-SEAL", "SKU-BASIC", 5);
        String id = UUID.randomUUID().toString();
        CallbackClient.SignedCallback create = kooGallery.sign(newInstance(orderId, orderId + "-000001", id));
        CallbackResult created = send(create);
        assertThat(created.resultCode()).isEqualTo("000000");

        String password = queriedPassword(id);
        assertThat(password).as("KooGallery gets the password in clear").isNotBlank();
        String stored = server.sql("SELECT app_password FROM instance WHERE id = ?", id);
        assertThat(stored).startsWith("v1.").doesNotContain(password);

        assertThat(server.rows("SELECT convert_from(response_body, 'UTF8') FROM callback_log WHERE order_id = ?"
                + " OR instance_ids = ?", orderId, id)).as("audited answers").isNotEmpty()
                .allSatisfy(answer -> assertThat(answer).doesNotContain(password));
        assertThat(server.rows("SELECT convert_from(response, 'UTF8') FROM callback_nonce WHERE nonce = ?", create.nonce()))
                .as("the answer kept for replays is sealed").singleElement().asString().startsWith("v1.");

        CallbackResult replayed = send(create);
        assertThat(new String(replayed.body(), StandardCharsets.UTF_8))
                .as("a replay gets exactly the first answer").isEqualTo(new String(created.body(), StandardCharsets.UTF_8));
    }

    @Test
    void aPasswordStoredInClearIsSealedAtTheNextStartAndOpensAfterTheKeyIsRotated() throws Exception {
        server.prepare(Deployments.stallkeeper()).start();
        String id = UUID.randomUUID().toString();
        CallbackResult created = send(kooGallery.sign(activeOrder(id)));
        assertThat(created.resultCode()).isEqualTo("000000");
        // as an earlier version stored it
        assertThat(server.update("UPDATE instance SET app_password = 'clear-from-an-earlier-version' WHERE id = ?", id))
                .isEqualTo(1);

        server.killHard();
        server.start();
        String sealed = server.sql("SELECT app_password FROM instance WHERE id = ?", id);
        assertThat(sealed).startsWith("v1.").doesNotContain("clear-from-an-earlier-version");
        assertThat(queriedPassword(id)).isEqualTo("clear-from-an-earlier-version");

        server.killHard();
        server.start(List.of("-Dstallkeeper.data.key=" + NEW_KEY + "," + OLD_KEY));
        assertThat(queriedPassword(id)).as("sealed under the old key, which still opens").isEqualTo("clear-from-an-earlier-version");
        String id2 = UUID.randomUUID().toString();
        send(kooGallery.sign(activeOrder(id2)));
        assertThat(server.sql("SELECT app_password FROM instance WHERE id = ?", id2).split("\\.")[1])
                .as("new values are sealed under the first key").isNotEqualTo(sealed.split("\\.")[1]);
    }

    private com.fasterxml.jackson.databind.node.ObjectNode activeOrder(String businessId) {
        String orderId = uniqueOrderId();
        order(orderId, "NEW", "PERIOD", "P-SEAL", "SKU-BASIC", 5);
        return newInstance(orderId, orderId + "-000001", businessId);
    }

    private CallbackResult send(CallbackClient.SignedCallback signed) {
        return kooGallery.send(signed.body(), signed.nonce(), signed.timestamp(), signed.signature());
    }

    private String queriedPassword(String id) {
        await().atMost(Duration.ofSeconds(30)).until(() ->
                "000000".equals(kooGallery.send(body("queryInstance").put("instanceId", id)).resultCode()));
        return kooGallery.send(body("queryInstance").put("instanceId", id)).json().at("/info/0/appInfo/password").asText();
    }

    private static String randomKey() {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        return Base64.getEncoder().encodeToString(raw);
    }
}
