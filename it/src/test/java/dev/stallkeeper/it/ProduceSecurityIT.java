package dev.stallkeeper.it;

import static dev.stallkeeper.it.support.KooGallery.body;
import static dev.stallkeeper.it.support.KooGallery.client;
import static dev.stallkeeper.it.support.KooGallery.key;
import static dev.stallkeeper.it.support.KooGallery.newInstance;
import static dev.stallkeeper.it.support.KooGallery.uniqueOrderId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stallkeeper.it.clock.TestClock;
import dev.stallkeeper.it.support.Db;
import dev.stallkeeper.it.support.Deployments;
import dev.stallkeeper.protocol.BodySign;
import dev.stallkeeper.protocol.Json;
import dev.stallkeeper.protocol.V2Signature;
import dev.stallkeeper.simulator.CallbackClient;
import dev.stallkeeper.simulator.CallbackResult;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Authentication and hostile input on the production address (§10.2 cases 6-13, 24). */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ProduceSecurityIT {

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.stallkeeper();
    }

    private static String now() {
        return Long.toString(TestClock.millis());
    }

    private static byte[] debugCreate(String orderId) {
        return Json.write(newInstance(orderId, orderId + "-000001", UUID.randomUUID().toString()).put("testFlag", "1"));
    }

    private static String sign(byte[] body, String nonce, String ts) {
        return V2Signature.sign(key(), nonce, ts, body);
    }

    /** Huawei's signature over a body taken as it is (the fallback for bodies that are not canonical JSON). */
    private static String signRaw(byte[] body, String nonce, String ts) {
        String digest = V2Signature.bodyDigest(key(), new String(body, StandardCharsets.UTF_8));
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(
                    mac.doFinal((key() + nonce + ts + digest).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long instancesOf(String orderId) {
        return Db.count("SELECT COUNT(*) FROM instance WHERE order_id = ?", orderId);
    }

    @Test
    void flippedSignatureIsRefusedWith000001AndChangesNothing() {
        String orderId = uniqueOrderId();
        byte[] body = Json.write(newInstance(orderId, orderId + "-000001", UUID.randomUUID().toString()));
        String nonce = CallbackClient.newNonce();
        String ts = now();
        String good = sign(body, nonce, ts);
        char flipped = good.charAt(10) == 'a' ? 'b' : 'a';
        String bad = good.substring(0, 10) + flipped + good.substring(11);

        CallbackResult result = client().send(body, nonce, ts, bad);

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.resultCode()).isEqualTo("000001");
        assertThat(instancesOf(orderId)).isZero();
    }

    @Test
    void upperCaseSignatureIsAccepted() {
        byte[] body = debugCreate(uniqueOrderId());
        String nonce = CallbackClient.newNonce();
        String ts = now();
        CallbackResult result = client().send(body, nonce, ts, sign(body, nonce, ts).toUpperCase());
        assertThat(result.resultCode()).isEqualTo("000000");
    }

    @Test
    void staleAndFutureTimestampsAreRefused() {
        byte[] body = debugCreate(uniqueOrderId());
        for (long shift : new long[] {-61_000, 61_000}) {
            String nonce = CallbackClient.newNonce();
            String ts = Long.toString(TestClock.millis() + shift);
            CallbackResult result = client().send(body, nonce, ts, sign(body, nonce, ts));
            assertThat(result.resultCode()).as("shift %d ms", shift).isEqualTo("000002");
        }
    }

    @Test
    void secondsTimestampWithinTheWindowIsAccepted() {
        byte[] body = debugCreate(uniqueOrderId());
        String nonce = CallbackClient.newNonce();
        String ts = Long.toString(TestClock.millis() / 1000);
        assertThat(client().send(body, nonce, ts, sign(body, nonce, ts)).resultCode()).isEqualTo("000000");
    }

    @Test
    void missingParametersGetTheDocumentedCodes() {
        byte[] body = debugCreate(uniqueOrderId());
        String nonce = CallbackClient.newNonce();
        String ts = now();
        String sig = sign(body, nonce, ts);
        assertThat(client().send(body, null, ts, sig).resultCode()).as("no nonce").isEqualTo("000002");
        assertThat(client().send(body, nonce, null, sig).resultCode()).as("no timestamp").isEqualTo("000002");
        assertThat(client().send(body, nonce, ts, null).resultCode()).as("no signature").isEqualTo("000001");
    }

    @Test
    void replayGetsTheSameAnswerAndAReusedNonceWithAnotherBodyIsRefused() {
        String orderId = uniqueOrderId();
        byte[] body = debugCreate(orderId);
        String nonce = CallbackClient.newNonce();
        String ts = now();
        CallbackResult first = client().send(body, nonce, ts, sign(body, nonce, ts));
        CallbackResult replay = client().send(body, nonce, ts, sign(body, nonce, ts));
        assertThat(first.resultCode()).isEqualTo("000000");
        assertThat(replay.body()).isEqualTo(first.body());
        assertThat(replay.bodySignHeader()).isEqualTo(first.bodySignHeader());

        byte[] other = debugCreate(uniqueOrderId());
        CallbackResult forged = client().send(other, nonce, ts, sign(other, nonce, ts));
        assertThat(forged.resultCode()).isEqualTo("000001");
    }

    @Test
    void unknownActivityAndMalformedBodiesGet000002() {
        assertThat(client().send(body("deleteEverything").put("testFlag", "1")).resultCode()).isEqualTo("000002");
        assertThat(client().send(body("newInstance").put("testFlag", "1")).resultCode()).as("no order").isEqualTo("000002");
        for (String raw : new String[] {"{\"activity\":", "[1,2,3]", "", "{\"activity\":\"newInstance\"} trailing"}) {
            byte[] body = raw.getBytes(StandardCharsets.UTF_8);
            String nonce = CallbackClient.newNonce();
            String ts = now();
            CallbackResult result = client().send(body, nonce, ts, signRaw(body, nonce, ts));
            assertThat(result.status()).isEqualTo(200);
            assertThat(result.resultCode()).as("body %s", raw).isEqualTo("000002");
            assertThat(result.bodyText()).doesNotContain("Exception").doesNotContain("at dev.");
        }
    }

    @Test
    void oversizedBodyIsRefusedWithoutBeingParsed() {
        ObjectNode huge = newInstance(uniqueOrderId(), "X-000001", UUID.randomUUID().toString())
                .put("padding", "x".repeat(70_000));
        byte[] body = Json.write(huge);
        String nonce = CallbackClient.newNonce();
        String ts = now();
        CallbackResult result = client().send(body, nonce, ts, sign(body, nonce, ts));
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.resultCode()).isEqualTo("000002");
    }

    @Test
    void unsortedBodyWithNullIsVerifiedOnItsCanonicalForm() {
        String raw = "{\"testFlag\":\"1\",\"orderId\":\"CS2211181819B4LVS\",\"activity\":\"releaseInstance\","
                + "\"orderLineId\":null,\"instanceId\":\"87b94795-0603-4e24-8ae5-69420d60e3c8\"}";
        byte[] body = raw.getBytes(StandardCharsets.UTF_8);
        String nonce = CallbackClient.newNonce();
        String ts = now();
        CallbackResult result = client().send(body, nonce, ts, sign(body, nonce, ts));
        assertThat(result.resultCode()).isEqualTo("000000");
    }

    @Test
    void everyAnswerHasTheDocumentedShapeAndASignedBody() {
        Map<String, Long> before = Db.productionCounts();
        CallbackResult result = client().send(body("queryInstance").put("instanceId", "x1,x2").put("testFlag", "1"));
        assertThat(result.problems()).isEmpty();
        assertThat(result.contentType()).startsWith("application/json");
        assertThat(result.resultCode()).hasSize(6);
        assertThat(BodySign.verify(key(), result.body(), result.bodySignHeader())).isTrue();
        assertThat(result.latency()).isLessThan(java.time.Duration.ofSeconds(20));
        assertThat(Db.productionCounts()).isEqualTo(before);
    }

    @Test
    void everyCallbackIsAudited() {
        String orderId = uniqueOrderId();
        client().send(Json.parseObject(debugCreate(orderId)));
        assertThat(Db.count("SELECT COUNT(*) FROM callback_log WHERE order_id = ? AND activity = 'newInstance'"
                + " AND result_code = '000000' AND test_flag AND request_body IS NOT NULL", orderId)).isEqualTo(1);
    }
}
