package dev.stallkeeper.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stallkeeper.protocol.ApigSigner;
import dev.stallkeeper.protocol.Json;
import dev.stallkeeper.protocol.order.BuyerInfo;
import dev.stallkeeper.protocol.order.MockOrders;
import dev.stallkeeper.protocol.order.OrderInfo;
import dev.stallkeeper.protocol.order.OrderLine;
import dev.stallkeeper.protocol.order.ProductInfo;
import dev.stallkeeper.protocol.order.QueryOrder;
import dev.stallkeeper.protocol.order.QueryOrderResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OpenApiServerTest {

    private static final String AK = "QTWAOYTTINDUT2QVKYUC";
    private static final String SK = "MFyfvK41ba2giqM7Uio6PznpdUKGpownRZlmVmHc";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private OpenApiServer server;

    @BeforeEach
    void start() {
        server = OpenApiServer.start("127.0.0.1", 0, AK, SK);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void answersSignedQueryForMockYearlyOrder() throws Exception {
        HttpResponse<byte[]> response = query("MOCKPERIODYEARNEW", "MOCKPERIODYEARNEW-000001", SK, Instant.now());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                ct -> assertThat(ct).startsWith("application/json"));
        QueryOrderResponse parsed = QueryOrderResponse.parse(response.body());
        assertThat(parsed.resultCode()).isEqualTo(QueryOrder.SUCCESS);
        OrderInfo order = parsed.orderInfo();
        assertThat(order.orderId()).isEqualTo("MOCKPERIODYEARNEW");
        assertThat(order.orderType()).isEqualTo(QueryOrder.NEW);
        assertThat(order.orderLine()).singleElement().satisfies(line -> {
            assertThat(line.orderLineId()).isEqualTo("MOCKPERIODYEARNEW-000001");
            assertThat(line.chargingMode()).isEqualTo(QueryOrder.PERIOD);
            assertThat(line.periodType()).isEqualTo("year");
            assertThat(line.periodNumber()).isEqualTo(1);
            assertThat(line.expireTime()).hasSize(14);
            assertThat(line.productInfo()).isNotEmpty();
        });
        assertThat(order.buyerInfo().customerId()).isNotBlank();
        assertThat(server.queryOrderCount()).isEqualTo(1);
        assertThat(server.queriedOrderIds()).containsExactly("MOCKPERIODYEARNEW");
    }

    static List<MockOrders.MockOrder> mockOrders() {
        return MockOrders.all();
    }

    @ParameterizedTest
    @MethodSource("mockOrders")
    void everyDocumentedMockOrderHasTheExpectedTypeAndChargingMode(MockOrders.MockOrder mock) throws Exception {
        HttpResponse<byte[]> response = query(mock.orderId(), mock.orderLineId(), SK, Instant.now());

        assertThat(response.statusCode()).isEqualTo(200);
        OrderInfo order = QueryOrderResponse.parse(response.body()).orderInfo();
        assertThat(order.orderType()).isEqualTo(mock.orderType());
        assertThat(order.orderLine()).singleElement().satisfies(line -> {
            assertThat(line.orderLineId()).isEqualTo(mock.orderLineId());
            assertThat(line.chargingMode()).isEqualTo(mock.chargingMode());
            assertThat(line.orderAmount()).isNotNull();
        });
    }

    @Test
    void rejectsWrongSecretWith401IllegalToken() throws Exception {
        HttpResponse<byte[]> response = query("MOCKPERIODYEARNEW", null, "not-the-secret", Instant.now());

        assertThat(response.statusCode()).isEqualTo(401);
        ObjectNode body = Json.parseObject(response.body());
        assertThat(body.path("resultCode").asText()).isEqualTo("MKT.0154");
        assertThat(body.path("resultMsg").asText()).isEqualTo("Illegal token");
    }

    @Test
    void rejectsUnsignedAndStaleRequests() throws Exception {
        HttpResponse<byte[]> unsigned = http.send(HttpRequest.newBuilder(queryUri("MOCKPERIODYEARNEW", null)).GET()
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> stale = query("MOCKPERIODYEARNEW", null, SK, Instant.now().minus(Duration.ofHours(1)));

        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(stale.statusCode()).isEqualTo(401);
        assertThat(Json.parseObject(stale.body()).path("resultCode").asText()).isEqualTo("MKT.0154");
    }

    @Test
    void unknownOrderIsInvalidParameter() throws Exception {
        HttpResponse<byte[]> response = query("CS0000000000NOPE", null, SK, Instant.now());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Json.parseObject(response.body()).path("resultCode").asText()).isEqualTo("MKT.0101");
    }

    @Test
    void synthesizesUnknownOrdersDeterministicallyWhenEnabled() throws Exception {
        server.setSynthesizeUnknown(true);

        HttpResponse<byte[]> first = query("LOADabc123", null, SK, Instant.now());
        HttpResponse<byte[]> again = query("LOADabc123", null, SK, Instant.now());
        HttpResponse<byte[]> otherLine = query("LOADabc123", "LOADabc123-000007", SK, Instant.now());
        HttpResponse<byte[]> otherOrder = query("LOADdef456", null, SK, Instant.now());

        assertThat(first.statusCode()).isEqualTo(200);
        OrderInfo order = QueryOrderResponse.parse(first.body()).orderInfo();
        assertThat(order.orderType()).isEqualTo(QueryOrder.NEW);
        OrderLine line = order.orderLine().get(0);
        assertThat(order.orderLine()).hasSize(1);
        assertThat(line.orderLineId()).isEqualTo("LOADabc123-000001");
        assertThat(line.chargingMode()).isEqualTo(QueryOrder.PERIOD);
        assertThat(line.periodType()).isEqualTo("month");
        assertThat(line.periodNumber()).isEqualTo(1);
        assertThat(line.orderAmount()).isEqualByComparingTo("99.00");
        assertThat(line.productInfo()).containsExactly(
                new ProductInfo("SIM-PRODUCT-1", "SIM-SKU-1", 1, "Simulated SaaS"));
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(QueryOrderResponse.parse(otherLine.body()).orderInfo().orderLine().get(0).orderLineId())
                .isEqualTo("LOADabc123-000007");
        assertThat(QueryOrderResponse.parse(otherOrder.body()).orderInfo().buyerInfo().customerId())
                .isNotEqualTo(order.buyerInfo().customerId());
    }

    @Test
    void registeredOrderIsFilteredToTheRequestedLine() throws Exception {
        OrderLine a = new OrderLine("CS1-000001", QueryOrder.ON_DEMAND, null, null, null, BigDecimal.ZERO, "CNY",
                List.of(new ProductInfo("P-A", "SKU-A", null, "A")));
        OrderLine b = new OrderLine("CS1-000002", QueryOrder.ON_DEMAND, null, null, null, BigDecimal.ZERO, "CNY",
                List.of(new ProductInfo("P-B", "SKU-B", null, "B")));
        server.register(new OrderInfo("CS1", QueryOrder.NEW, "20240101000000", List.of(a, b),
                new BuyerInfo("c1", "customer", null, null, null, null), List.of()));

        OrderInfo whole = QueryOrderResponse.parse(query("CS1", null, SK, Instant.now()).body()).orderInfo();
        OrderInfo second = QueryOrderResponse.parse(query("CS1", "CS1-000002", SK, Instant.now()).body()).orderInfo();
        HttpResponse<byte[]> missingLine = query("CS1", "CS1-000009", SK, Instant.now());

        assertThat(whole.orderLine()).containsExactly(a, b);
        assertThat(second.orderLine()).containsExactly(b);
        assertThat(missingLine.statusCode()).isEqualTo(400);
    }

    @Test
    void failsTheNextNCallsThenRecovers() throws Exception {
        server.setFailNext(2, 503);

        HttpResponse<byte[]> first = query("MOCKONETIMENEW", null, SK, Instant.now());
        HttpResponse<byte[]> second = query("MOCKONETIMENEW", null, SK, Instant.now());
        HttpResponse<byte[]> third = query("MOCKONETIMENEW", null, SK, Instant.now());

        assertThat(first.statusCode()).isEqualTo(503);
        assertThat(second.statusCode()).isEqualTo(503);
        assertThat(Json.parseObject(first.body()).path("resultCode").asText()).isEqualTo("MKT.0999");
        assertThat(third.statusCode()).isEqualTo(200);
        assertThat(server.queryOrderCount()).isEqualTo(3);
    }

    @Test
    void delaysAnswers() throws Exception {
        server.setDelay(Duration.ofMillis(300));

        long start = System.nanoTime();
        HttpResponse<byte[]> response = query("MOCKONDEMAND", null, SK, Instant.now());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void baseUriNamesTheBoundPort() {
        assertThat(server.baseUri()).isEqualTo(URI.create("http://127.0.0.1:" + server.port()));
    }

    private HttpResponse<byte[]> query(String orderId, String orderLineId, String sk, Instant signedAt)
            throws IOException, InterruptedException {
        URI uri = queryUri(orderId, orderLineId);
        Map<String, String> headers = ApigSigner.sign("GET", uri, Map.of("Content-Type", "application/json"),
                new byte[0], AK, sk, signedAt);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET();
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private URI queryUri(String orderId, String orderLineId) {
        String query = "orderId=" + URLEncoder.encode(orderId, StandardCharsets.UTF_8)
                + (orderLineId == null ? "" : "&orderLineId=" + URLEncoder.encode(orderLineId, StandardCharsets.UTF_8));
        return URI.create(server.baseUri() + QueryOrder.PATH + "?" + query);
    }
}
