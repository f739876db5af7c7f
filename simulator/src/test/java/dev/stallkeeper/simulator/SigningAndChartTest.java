package dev.stallkeeper.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.stallkeeper.protocol.BodySign;
import dev.stallkeeper.protocol.Json;
import dev.stallkeeper.protocol.KitSignature;
import dev.stallkeeper.protocol.V2Signature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

class SigningAndChartTest {

    @Test
    void rawSignatureEqualsTheCanonicalOneForACanonicalBody() {
        // TV-7 of the protocol document.
        byte[] body = ("{\"activity\":\"newInstance\",\"businessId\":\"87b94795-0603-4e24-8ae5-69420d60e3c8\","
                + "\"orderId\":\"CS2211181819B4LVS\",\"orderLineId\":\"CS2211181819B4LVS-000001\",\"testFlag\":\"1\"}")
                .getBytes(StandardCharsets.UTF_8);
        String nonce = "50D83FDECAED6CCD8EF597F2A577950527928BA287D04E6036E92B2806FD17DA";
        String ts = "1680508066618";

        assertThat(CallbackClient.signRaw("xxxxxxx", nonce, ts, body))
                .isEqualTo("5cba99cdfd4be412ef7ee87accf419acfc21297ae13a457e8776a5d0693ae907")
                .isEqualTo(V2Signature.sign("xxxxxxx", nonce, ts, body));
    }

    @Test
    void rawSignatureOfAMalformedBodyVerifiesThroughTheRawFallback() {
        byte[] body = "{\"activity\":".getBytes(StandardCharsets.UTF_8);
        String sig = CallbackClient.signRaw("k", "n", "1700000000000", body);

        assertThat(V2Signature.verify("k", "n", "1700000000000", body, sig)).isTrue();
        assertThat(V2Signature.verify("k", "n", "1700000000001", body, sig)).isFalse();
    }

    @Test
    void kitCallCarriesAVerifiableXSignAndChecksBodySignWithTheKitKey() throws Exception {
        AtomicReference<Map<String, String>> seen = new AtomicReference<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            var h = exchange.getRequestHeaders();
            seen.set(Map.of("path", exchange.getRequestURI().getPath(),
                    "valid", Boolean.toString(KitSignature.verify("kit-key", h.getFirst("x-nonce"),
                            h.getFirst("x-timestamp"), body, h.getFirst("x-sign"))),
                    "body", new String(body, StandardCharsets.UTF_8)));
            byte[] answer = "{\"resultCode\":\"000000\",\"resultMsg\":\"Success\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.getResponseHeaders().set(BodySign.HEADER, BodySign.header("kit-key", answer));
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        try {
            URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/produce?x=1");
            StringWriter out = new StringWriter();
            int exit = Main.execute(new PrintWriter(out), new PrintWriter(new StringWriter()), "call", "tenantSync",
                    "--kit", "--kit-key", "kit-key", "--url", url.toString(), "--test",
                    "--body", "{\"instanceId\":\"i-1\",\"tenantId\":\"t-1\",\"flag\":1}", "--field", "name=Acme");

            assertThat(exit).as(out.toString()).isZero();
            assertThat(seen.get().get("path")).isEqualTo("/api/produce/produceAPI/v2/tenantSync");
            assertThat(seen.get().get("valid")).isEqualTo("true");
            ObjectNode sent = Json.parseObject(seen.get().get("body").getBytes(StandardCharsets.UTF_8));
            assertThat(sent.path("flag").isInt()).isTrue();
            assertThat(sent.path("testFlag").asInt()).isEqualTo(1);
            assertThat(sent.path("name").asText()).isEqualTo("Acme");
            assertThat(out.toString()).contains("x-sign: ").contains("[ ok ] Body-Sign matches")
                    .contains("[ ok ] resultCode is a 6-character string").contains("problems: none");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void callWithABodyKeepsNestedObjects() {
        try (FakeSeller seller = new FakeSeller("k")) {
            int exit = Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), "call",
                    "changeInstanceCheck", "--url", seller.url().toString(), "--key", "k", "--body",
                    "{\"productInfo\":{\"productId\":\"P\",\"skuCode\":\"S\",\"linearValue\":10}}",
                    "--field", "instanceId=i-1");

            assertThat(exit).isZero();
            ObjectNode sent = Json.parseObject(seller.received.get(0).body());
            assertThat(sent.path("productInfo").path("linearValue").asInt()).isEqualTo(10);
            assertThat(seller.received.get(0).signatureValid()).isTrue();
        }
    }

    private static List<LatencyChart.Series> series() {
        return List.of(new LatencyChart.Series("newInstance", List.of(new LoadReport.Point(0, 1.0),
                        new LoadReport.Point(90, 4.0), new LoadReport.Point(99, 9.5), new LoadReport.Point(100, 30))),
                new LatencyChart.Series("queryInstance <100 ids>", List.of(new LoadReport.Point(0, 2.0),
                        new LoadReport.Point(99.9, 12.0), new LoadReport.Point(100, 14))));
    }

    @Test
    void svgChartHasOneLinePerSeriesAndEscapedLabels(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("chart.svg");

        LatencyChart.write(file, "run & rate", series());

        String svg = Files.readString(file);
        assertThat(svg).startsWith("<svg").contains("run &amp; rate").contains("queryInstance &lt;100 ids&gt;")
                .contains("99.99%").contains("max");
        assertThat(svg.split("<polyline", -1)).hasSize(3);
    }

    @Test
    void pngChartIsAnImage(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("chart.png");

        LatencyChart.write(file, "latency", series());

        BufferedImage image = ImageIO.read(file.toFile());
        assertThat(image.getWidth()).isEqualTo(900);
        assertThat(image.getHeight()).isEqualTo(520);
    }

    @Test
    void axisScaleIsRound() {
        assertThat(LatencyChart.yScale(37)).containsExactly(50, 10);
        assertThat(LatencyChart.yScale(0.4)).containsExactly(0.5, 0.1);
        assertThat(LatencyChart.nines(99.9)).isCloseTo(3.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(LatencyChart.nines(100)).isGreaterThan(4.0);
    }

    @Test
    void loadChartAndChartCommandDrawFromTheSummaries(@TempDir Path dir) throws Exception {
        try (FakeSeller seller = new FakeSeller("k")) {
            Path json = dir.resolve("run.json");
            Path chart = dir.resolve("run.svg");
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int exit = Main.execute(new PrintWriter(out), new PrintWriter(err), "load", "--url",
                    seller.url().toString(), "--key", "k", "--rate", "50", "--duration", "1s",
                    "--mix", "newInstance:50,queryInstance:50", "--seed-instances", "20", "--query-ids", "20",
                    "--json", json.toString(), "--chart", chart.toString());
            assertThat(exit).as(err.toString()).isZero();
            assertThat(err.toString()).contains("seeded 20 of 20 instances");
            assertThat(Files.readString(chart)).contains("<polyline");
            var summary = Json.mapper().readTree(json.toFile());
            assertThat(summary.path("total").path("latencyMs").path("distribution").size()).isEqualTo(34);
            // every queryInstance asked for 20 real instance ids from the start
            assertThat(seller.received).filteredOn(r -> new String(r.body()).contains("queryInstance"))
                    .isNotEmpty()
                    .allSatisfy(r -> assertThat(Json.parseObject(r.body()).path("instanceId").asText().split(","))
                            .hasSize(20).doesNotHaveDuplicates());

            Path combined = dir.resolve("combined.png");
            int chartExit = Main.execute(new PrintWriter(out), new PrintWriter(err), "chart", "--out",
                    combined.toString(), json + "=50/s", json + "=again");
            assertThat(chartExit).isZero();
            assertThat(ImageIO.read(combined.toFile())).isNotNull();
        }
    }
}
