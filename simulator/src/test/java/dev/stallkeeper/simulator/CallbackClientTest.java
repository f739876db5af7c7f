package dev.stallkeeper.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stallkeeper.protocol.BodySign;
import dev.stallkeeper.protocol.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class CallbackClientTest {

    private static final String KEY = "kg-test-key-0001";

    private FakeSeller seller;
    private CallbackClient client;

    @BeforeEach
    void start() {
        seller = new FakeSeller(KEY);
        client = new CallbackClient(seller.url(), KEY);
    }

    @AfterEach
    void stop() {
        seller.close();
    }

    @Test
    void goodAnswerHasNoProblems() {
        CallbackResult result = client.send(newInstance("CS2211181819B4LVS"));

        assertThat(result.problems()).isEmpty();
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.resultCode()).isEqualTo("000000");
        assertThat(result.bodySignValid()).isTrue();
        assertThat(result.json().path("instanceId").asText()).isEqualTo("b-1");
        assertThat(result.latency()).isPositive();
    }

    @Test
    void signsLikeKooGallery() {
        long before = System.currentTimeMillis();
        client.send(newInstance("CS2211181819B4LVS"));

        FakeSeller.Received received = seller.received.get(0);
        assertThat(received.signatureValid()).isTrue();
        assertThat(received.params().get("nonce")).matches("[0-9a-f]{32}");
        assertThat(Long.parseLong(received.params().get("timestamp"))).isBetween(before, System.currentTimeMillis());
        assertThat(received.params().get("signature")).matches("[0-9a-f]{64}");
    }

    @Test
    void wrongBodySignIsAProblem() {
        seller.answer = request -> {
            byte[] body = "{\"resultCode\":\"000000\",\"resultMsg\":\"success.\"}".getBytes(StandardCharsets.UTF_8);
            return new FakeSeller.Answer(200, "application/json", body, BodySign.header("some-other-key", body));
        };

        CallbackResult result = client.send(newInstance("CS1"));

        assertThat(result.bodySignValid()).isFalse();
        assertThat(result.problems()).singleElement().asString().contains("Body-Sign");
    }

    @Test
    void missingBodySignIsAProblem() {
        seller.answer = request -> new FakeSeller.Answer(200, "application/json",
                "{\"resultCode\":\"000000\"}".getBytes(StandardCharsets.UTF_8), null);

        assertThat(client.send(newInstance("CS1")).problems())
                .singleElement().asString().contains("Body-Sign header missing");
    }

    @Test
    void non200IsAProblem() {
        seller.answer = request -> seller.signed(500, Map.of("resultCode", "000005"));

        CallbackResult result = client.send(newInstance("CS1"));

        assertThat(result.status()).isEqualTo(500);
        assertThat(result.problems()).singleElement().asString().contains("HTTP status 500");
    }

    @Test
    void textPlainIsAProblem() {
        seller.answer = request -> {
            FakeSeller.Answer json = seller.signed(200, Map.of("resultCode", "000000"));
            return new FakeSeller.Answer(200, "text/plain", json.body(), json.bodySign());
        };

        CallbackResult result = client.send(newInstance("CS1"));

        assertThat(result.json()).isNotNull();
        assertThat(result.problems()).singleElement().asString().contains("Content-Type 'text/plain'");
    }

    @Test
    void badEnvelopeFieldsAreProblems() {
        seller.answer = request -> seller.signed(200, Map.of("resultCode", "0", "resultMsg", "x".repeat(256)));

        assertThat(client.send(newInstance("CS1")).problems()).hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("6-character"))
                .anySatisfy(p -> assertThat(p).contains("256 characters"));
    }

    @Test
    void nonJsonBodyIsAProblemAndHasNoJson() {
        seller.answer = request -> {
            byte[] body = "<html>oops</html>".getBytes(StandardCharsets.UTF_8);
            return new FakeSeller.Answer(200, "application/json", body, BodySign.header(KEY, body));
        };

        CallbackResult result = client.send(newInstance("CS1"));

        assertThat(result.json()).isNull();
        assertThat(result.resultCode()).isNull();
        assertThat(result.problems()).containsExactly("body is not a JSON object");
    }

    @Test
    void craftedRequestsLeaveOutNullParameters() {
        byte[] body = Json.write(newInstance("CS1"));

        CallbackResult result = client.send(body, "0123456789abcdef0123456789abcdef", null, "deadbeef");

        FakeSeller.Received received = seller.received.get(0);
        assertThat(received.params()).containsOnlyKeys("nonce", "signature");
        assertThat(received.body()).isEqualTo(body);
        assertThat(result.resultCode()).isEqualTo("000001");
    }

    @Test
    void sendsAsynchronously() throws Exception {
        CallbackResult result = client.sendAsync(newInstance("CS2")).get(10, TimeUnit.SECONDS);

        assertThat(result.problems()).isEmpty();
        assertThat(seller.received).hasSize(1);
    }

    @Test
    void slowAnswerIsAProblem() {
        CallbackResult slow = new CallbackResult(200, "application/json", new byte[0], null, null, null, false,
                Duration.ofSeconds(20));

        assertThat(slow.problems()).anySatisfy(p -> assertThat(p).contains("times out after 20 s"));
    }

    @Test
    void keepsAnExistingQueryOfTheProductionAddress() {
        CallbackClient withQuery = new CallbackClient(URI.create(seller.url() + "?product=a%20b"), KEY);

        assertThat(withQuery.requestUri("n", "1", "s").toString())
                .endsWith("/saasproduce?product=a%20b&signature=s&timestamp=1&nonce=n");
    }

    private static ObjectNode newInstance(String orderId) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("activity", "newInstance");
        body.put("businessId", "b-1");
        body.put("orderId", orderId);
        body.put("orderLineId", orderId + "-000001");
        body.put("testFlag", "1");
        return body;
    }
}
