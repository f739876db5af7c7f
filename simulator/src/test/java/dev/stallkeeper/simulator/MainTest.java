package dev.stallkeeper.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stallkeeper.protocol.BodySign;
import dev.stallkeeper.protocol.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {

    private static final String KEY = "kg-test-key-0001";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @ParameterizedTest
    @ValueSource(strings = {"serve", "call", "conformance", "scenario", "load", "chart"})
    void everyCommandHasHelp(String command) {
        int exit = run(command, "--help");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("Usage: stallkeeper-simulator " + command);
    }

    @Test
    void missingCommandIsAUsageError() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString()).contains("Missing command");
    }

    @Test
    void callNewInstanceFillsIdsAndReportsNoProblems() {
        try (FakeSeller seller = new FakeSeller(KEY)) {
            int exit = run("call", "newInstance", "--url", seller.url().toString(), "--key", KEY,
                    "--field", "orderId=MOCKPERIODYEARNEW", "--test");

            assertThat(exit).as(out.toString()).isZero();
            JsonNode sent = Json.parseObject(seller.received.get(0).body());
            assertThat(sent.path("activity").asText()).isEqualTo("newInstance");
            assertThat(sent.path("businessId").asText()).matches("[0-9a-f-]{36}");
            assertThat(sent.path("orderLineId").asText()).isEqualTo("MOCKPERIODYEARNEW-000001");
            assertThat(sent.path("testFlag").asText()).isEqualTo("1");
            assertThat(out.toString()).contains("> POST ").contains("< HTTP 200").contains("problems: none");
        }
    }

    @Test
    void callExitsOneOnProblems() {
        try (FakeSeller seller = new FakeSeller(KEY)) {
            seller.answer = request -> {
                byte[] body = "{\"resultCode\":\"000000\"}".getBytes(StandardCharsets.UTF_8);
                return new FakeSeller.Answer(200, "application/json", body, BodySign.header("wrong", body));
            };

            int exit = run("call", "queryInstance", "--url", seller.url().toString(), "--key", KEY,
                    "--field", "instanceId=i-1");

            assertThat(exit).isEqualTo(1);
            assertThat(out.toString()).contains("[INVALID]").contains("  - Body-Sign header does not match");
        }
    }

    @Test
    void callNewInstanceWithoutOrderIdIsAUsageError() {
        int exit = run("call", "newInstance", "--url", "http://127.0.0.1:9/", "--key", KEY);

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("orderId");
    }

    private int run(String... args) {
        return Main.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }
}
