package dev.stallkeeper.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stallkeeper.protocol.ApigSigner;
import dev.stallkeeper.protocol.Json;
import dev.stallkeeper.protocol.KooTime;
import dev.stallkeeper.protocol.UsagePushSignature;
import dev.stallkeeper.protocol.order.OrderInfo;
import dev.stallkeeper.protocol.order.QueryOrder;
import dev.stallkeeper.protocol.order.QueryOrderResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The usage-push receiver and the admin API as served over HTTP. */
class OpenApiServerUsageTest {

    private static final String AK = "AK-1";
    private static final String SK = "SK-1";
    private static final String KEY = "seller-key";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<String> events = new ArrayList<>();
    private OpenApiServer server;

    @BeforeEach
    void start() {
        server = OpenApiServer.start("127.0.0.1", 0, AK, SK);
        server.setUsageKey(KEY);
        server.setEventListener(events::add);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> push(String key, ObjectNode... records) throws Exception {
        ObjectNode body = Json.mapper().createObjectNode();
        for (ObjectNode r : records) {
            body.withArray("usage_records").add(r);
        }
        String text = UsagePushSignature.canonicalBody(body);
        String ts = Long.toString(System.currentTimeMillis());
        String nonce = UUID.randomUUID().toString();
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUri() + UsageReceiver.PATH))
                .header("Content-Type", "application/json")
                .header("signature", UsagePushSignature.sign(key, ts, nonce, text))
                .header("ts", ts)
                .header("nonce", nonce)
                .POST(HttpRequest.BodyPublishers.ofString(text)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static ObjectNode record(String instance, String sn) {
        Instant now = Instant.now();
        return UsageReceiverTest.record(instance, sn, now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)),
                "3.25");
    }

    @Test
    void recordsSignedPushesAndReportsPerRecordErrors() throws Exception {
        HttpResponse<String> first = push(KEY, record("i-1", "sn-1"), record("i-2", "sn-2"));
        HttpResponse<String> again = push(KEY, record("i-1", "sn-1"));

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(Json.parseObject(first.body().getBytes()).path("success_count").asInt()).isEqualTo(2);
        JsonNode dup = Json.parseObject(again.body().getBytes());
        assertThat(dup.path("failed_records").get(0).path("error_code").asText()).isEqualTo("003");
        assertThat(server.usageRecords()).extracting(UsageReceiver.UsageRecord::meteringSn)
                .containsExactly("sn-1", "sn-2");
        assertThat(events).anySatisfy(e -> assertThat(e).contains("2 accepted, 0 refused"));
        assertThat(events).anySatisfy(e -> assertThat(e).contains("refused #0 sn-1: 003"));
    }

    @Test
    void refusesBadSignaturesWithMkt0102() throws Exception {
        HttpResponse<String> response = push("wrong-key", record("i-1", "sn-1"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("MKT.0102");
        assertThat(server.usageRecords()).isEmpty();
    }

    @Test
    void injectedOutageFailsTheNextPushesThenRecovers() throws Exception {
        server.setUsageFailNext(2, 503);

        assertThat(push(KEY, record("i-1", "sn-1")).statusCode()).isEqualTo(503);
        assertThat(push(KEY, record("i-1", "sn-1")).statusCode()).isEqualTo(503);
        assertThat(push(KEY, record("i-1", "sn-1")).statusCode()).isEqualTo(200);
        assertThat(server.usageRecords()).hasSize(1);
    }

    @Test
    void adminApiRegistersOrdersAndInstancesListsUsageAndInjectsFaults() throws Exception {
        ServeAdminClient admin = new ServeAdminClient(server.baseUri(), AK, SK);
        OrderInfo order = SimulatedOrders.renamed(SimulatedOrders.mockOrders(Instant.now()).get(0), "ADMIN-1");

        admin.register(order);
        server.setUsageKnownInstancesOnly(true);
        admin.registerInstance("i-known");
        push(KEY, record("i-known", "sn-k"), record("i-other", "sn-o"));

        assertThat(server.order("ADMIN-1")).isEqualTo(order);
        assertThat(admin.usageRecordList()).singleElement()
                .satisfies(r -> assertThat(r.path("metering_sn").asText()).isEqualTo("sn-k"));
        admin.failNext("queryOrder", 1, 500);
        assertThat(queryOrder("ADMIN-1").statusCode()).isEqualTo(500);
        HttpResponse<byte[]> ok = queryOrder("ADMIN-1");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(QueryOrderResponse.parse(ok.body()).orderInfo().orderLine().get(0).orderLineId())
                .isEqualTo("ADMIN-1-000001");
    }

    @Test
    void aLostAnswerKeepsTheRecordsSoTheRetryIsADuplicateAcceptedOnce() throws Exception {
        server.setUsageLoseAnswers(1, 500);

        assertThat(push(KEY, record("i-1", "sn-1")).statusCode()).isEqualTo(500);
        HttpResponse<String> retry = push(KEY, record("i-1", "sn-1"));

        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.body()).contains("\"error_code\":\"003\"");
        assertThat(server.usage().acceptedCount("sn-1")).isEqualTo(1);
        assertThat(server.usage().calls()).hasSize(2)
                .allSatisfy(c -> assertThat(c.meteringSns()).containsExactly("sn-1"));
    }

    @Test
    void aHeldAnswerComesAfterTheRecordsWereKeptAndIsReleasedAtOnce() throws Exception {
        server.setUsageAnswerDelay(Duration.ofMinutes(5));
        java.util.concurrent.CompletableFuture<HttpResponse<String>> answer =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        return push(KEY, record("i-1", "sn-held"));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> server.usage().acceptedCount("sn-held") == 1);
        assertThat(answer).isNotDone();

        server.setUsageAnswerDelay(Duration.ZERO);
        assertThat(answer.get(10, java.util.concurrent.TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    @Test
    void anOutageDropsOrFailsEveryPushUntilSwitchedOff() throws Exception {
        ServeAdminClient admin = new ServeAdminClient(server.baseUri(), AK, SK);
        admin.usageOutage(OpenApiServer.DROP);
        assertThatThrownBy(() -> push(KEY, record("i-1", "sn-1"))).isInstanceOf(java.io.IOException.class);
        admin.usageOutage(503);
        assertThat(push(KEY, record("i-1", "sn-1")).statusCode()).isEqualTo(503);
        assertThat(push(KEY, record("i-1", "sn-1")).statusCode()).isEqualTo(503);
        admin.usageOutage(null);

        assertThat(push(KEY, record("i-1", "sn-1")).statusCode()).isEqualTo(200);
        assertThat(server.usage().calls()).singleElement()
                .satisfies(c -> assertThat(c.acceptedSns()).containsExactly("sn-1"));
        assertThat(admin.usageCalls().path("calls").get(0).path("accepted").get(0).asText()).isEqualTo("sn-1");
    }

    @Test
    void aPushAlsoSignedForTheApiGatewayMustCarryTheRightAkSk() throws Exception {
        ObjectNode body = Json.mapper().createObjectNode();
        body.withArray("usage_records").add(record("i-1", "sn-1"));
        String text = UsagePushSignature.canonicalBody(body);
        URI uri = URI.create(server.baseUri() + UsageReceiver.PATH);
        for (String sk : List.of("not-the-sk", SK)) {
            String ts = Long.toString(System.currentTimeMillis());
            String nonce = UUID.randomUUID().toString();
            Map<String, String> apig = ApigSigner.sign("POST", uri, Map.of("Content-Type", "application/json"),
                    text.getBytes(java.nio.charset.StandardCharsets.UTF_8), AK, sk, Instant.now());
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("signature",
                    UsagePushSignature.sign(KEY, ts, nonce, text)).header("ts", ts).header("nonce", nonce)
                    .POST(HttpRequest.BodyPublishers.ofString(text));
            apig.forEach(b::header);
            int status = http.send(b.build(), HttpResponse.BodyHandlers.ofString()).statusCode();
            assertThat(status).as("signed with " + sk).isEqualTo(sk.equals(SK) ? 200 : 401);
        }
        assertThat(server.usageRecords()).hasSize(1);
    }

    @Test
    void adminApiRefusesUnsignedCalls() {
        ServeAdminClient wrong = new ServeAdminClient(server.baseUri(), AK, "not-the-sk");

        assertThatThrownBy(wrong::usageRecords).hasMessageContaining("HTTP 401");
    }

    private HttpResponse<byte[]> queryOrder(String orderId) throws Exception {
        URI uri = URI.create(server.baseUri() + QueryOrder.PATH + "?orderId=" + orderId);
        Map<String, String> headers = ApigSigner.sign("GET", uri, Map.of("Content-Type", "application/json"),
                new byte[0], AK, SK, Instant.now());
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).GET();
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void formatsUsageTimes() {
        assertThat(KooTime.formatUsage(Instant.parse("2026-11-14T01:02:03Z"))).isEqualTo("20261114T010203Z");
    }

    @ParameterizedTest
    @CsvSource({"GET, nope", "POST, nope", "GET, orders", "GET, faults", "POST, usage-records", "DELETE, orders",
            "POST, orders/x", "POST, ''"})
    void unknownRoutesAndKnownPathsWithTheWrongMethodAreNotFound(String method, String path) throws Exception {
        HttpResponse<String> response = admin(method, path, "{}", SK);

        assertThat(response.statusCode()).isEqualTo(404);
        JsonNode body = Json.mapper().readTree(response.body());
        assertThat(body.path("resultCode").asText()).isEqualTo("MKT.0199");
        assertThat(body.path("resultMsg").asText())
                .isEqualTo("No such API in the simulator: " + OpenApiServer.ADMIN_PREFIX + path);
    }

    @Test
    void theSignatureIsCheckedBeforeTheRoute() throws Exception {
        HttpResponse<String> response = admin("GET", "nope", "", "not-the-sk");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(Json.mapper().readTree(response.body()).path("resultCode").asText()).isEqualTo("MKT.0154");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "orders    | []                  | Invalid parameter: orders need an orderId",
            "instances | {\"x\":1}           | Invalid parameter: instanceIds must be a list",
            "faults    | {\"api\":\"nope\"}  | Invalid parameter: api must be queryOrder, usage or usageLostAnswer",
            "faults    | {\"api\":\"usage\",\"count\":-1} | Invalid parameter: n must be >= 0",
            "outage    | {\"api\":\"query\"} | Invalid parameter: api must be usage"})
    void aBodyTheRouteCannotUseIsAnInvalidParameter(String path, String body, String message) throws Exception {
        HttpResponse<String> response = admin("POST", path, body, SK);

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode answer = Json.mapper().readTree(response.body());
        assertThat(answer.path("resultCode").asText()).isEqualTo("MKT.0101");
        assertThat(answer.path("resultMsg").asText()).isEqualTo(message);
    }

    @Test
    void pathsBelowQueryOrderAndUsagePushAreNotFound() throws Exception {
        for (String path : new String[] {QueryOrder.PATH + "/x", UsageReceiver.PATH + "/x", "/elsewhere"}) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(server.baseUri() + path))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.body()).as(path).contains("No such API in the simulator: " + path);
        }
        assertThat(server.queryOrderCount()).isZero();
    }

    private HttpResponse<String> admin(String method, String path, String body, String sk) throws Exception {
        URI uri = URI.create(server.baseUri() + OpenApiServer.ADMIN_PREFIX + path);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = ApigSigner.sign(method, uri, Map.of("Content-Type", "application/json"), bytes,
                AK, sk, Instant.now());
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).method(method, bytes.length == 0
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
