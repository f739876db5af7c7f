package dev.stallkeeper.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stallkeeper.protocol.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LoadCommandTest {

    private static final String KEY = "kg-test-key-0001";

    private FakeSeller seller;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void start() {
        seller = new FakeSeller(KEY);
    }

    @AfterEach
    void stop() {
        seller.close();
    }

    @Test
    void openLoopProducesCountsAndPercentiles(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("report.json");

        int exit = run("load", "--url", seller.url().toString(), "--key", KEY, "--rate", "50", "--duration", "2s",
                "--mix", "newInstance:70,queryInstance:30", "--query-ids", "5", "--json", json.toString());

        assertThat(exit).as(err.toString()).isZero();
        JsonNode report = Json.mapper().readTree(Files.readAllBytes(json));
        assertThat(report.path("mode").asText()).isEqualTo("open");
        JsonNode total = report.path("total");
        // 50/s for 2 s is 100 scheduled requests; all of them are answered and measured.
        assertThat(total.path("count").asLong()).isEqualTo(100);
        assertThat(total.path("errors").asLong()).isZero();
        assertThat(total.path("throughputPerSecond").asDouble()).isBetween(40.0, 60.0);
        JsonNode latency = total.path("latencyMs");
        assertThat(latency.path("p50").asDouble()).isPositive();
        assertThat(latency.path("p90").asDouble()).isGreaterThanOrEqualTo(latency.path("p50").asDouble());
        assertThat(latency.path("p99").asDouble()).isGreaterThanOrEqualTo(latency.path("p90").asDouble());
        assertThat(latency.path("p99.9").asDouble()).isGreaterThanOrEqualTo(latency.path("p99").asDouble());
        assertThat(latency.path("max").asDouble()).isGreaterThanOrEqualTo(latency.path("p99.9").asDouble());
        long newInstances = report.path("activities").path("newInstance").path("count").asLong();
        long queries = report.path("activities").path("queryInstance").path("count").asLong();
        assertThat(newInstances).isPositive();
        assertThat(queries).isPositive();
        assertThat(newInstances + queries).isEqualTo(100);
        assertThat(seller.count("newInstance")).isEqualTo(newInstances);

        assertThat(seller.received).allSatisfy(r -> assertThat(r.signatureValid()).isTrue());
        assertThat(seller.received).filteredOn(r -> new String(r.body()).contains("newInstance"))
                .allSatisfy(r -> {
                    JsonNode body = Json.parseObject(r.body());
                    assertThat(body.path("orderId").asText()).matches("LOAD[0-9a-f]{32}");
                    assertThat(body.path("orderLineId").asText()).isEqualTo(body.path("orderId").asText() + "-000001");
                    assertThat(body.has("testFlag")).isFalse();
                });
        assertThat(seller.received).filteredOn(r -> new String(r.body()).contains("queryInstance"))
                .allSatisfy(r -> assertThat(Json.parseObject(r.body()).path("instanceId").asText().split(","))
                        .hasSizeBetween(1, 5));
        assertThat(err.toString()).contains("[   1s] sent=");
        assertThat(out.toString()).contains("p99.9 ms").contains("errors: none");
    }

    @Test
    void closedLoopCountsErrorsByResultCode() throws Exception {
        seller.answer = request -> seller.signed(200, Map.of("resultCode", "000005", "resultMsg", "boom"));

        int exit = run("load", "--url", seller.url().toString(), "--key", KEY, "--connections", "2",
                "--duration", "1s", "--mix", "newInstance");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(seller.count("newInstance")).isPositive();
        assertThat(out.toString()).contains("resultCode 000005").doesNotContain("errors: none");
    }

    @Test
    void unreachableSellerStillReports() {
        seller.close();

        int exit = run("load", "--url", seller.url().toString(), "--key", KEY, "--rate", "20", "--duration", "1s");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("exception ConnectException");
    }

    @Test
    void refusesToStartWithoutRateOrConnections() {
        int exit = run("load", "--url", seller.url().toString(), "--key", KEY, "--duration", "1s");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--rate").contains("--connections");
    }

    @Test
    void refusesUnsupportedActivitiesInTheMix() {
        int exit = run("load", "--url", seller.url().toString(), "--key", KEY, "--rate", "5", "--duration", "1s",
                "--mix", "releaseInstance:1");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("releaseInstance");
        assertThat(seller.received).isEmpty();
    }

    private int run(String... args) {
        return Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void openLoopMeasuresFromTheIntendedSendTime() throws Exception {
        // The first answer stalls 500 ms and only one request may be outstanding: every request due meanwhile is
        // sent late. Measured from the intended time (no coordinated omission) they show the wait; measured from
        // the actual send they would all look instant.
        java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);
        seller.answer = request -> {
            if (first.getAndSet(false)) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return seller.success(request);
        };
        LoadPlan plan = new LoadPlan(seller.url(), KEY, 50.0, null, java.time.Duration.ofSeconds(1), null,
                LoadPlan.parseMix("newInstance:1"), 10, false, 1, java.time.Duration.ofSeconds(5));

        LoadReport report = new LoadGenerator(plan, new CallbackClient(seller.url(), KEY), null).run();

        assertThat(report.total().count()).isEqualTo(50);
        assertThat(report.total().p90Ms()).as("requests due during the stall waited for it").isGreaterThan(200);
        assertThat(report.total().maxMs()).isGreaterThanOrEqualTo(500);
        assertThat(report.sendLagMaxMs()).as("the generator reports that it sent late").isGreaterThan(300);
        assertThat(report.format()).contains("the generator itself fell behind");
    }
}
