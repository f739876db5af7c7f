package dev.stallkeeper.simulator;

import dev.stallkeeper.protocol.Json;
import dev.stallkeeper.protocol.order.OrderInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScenarioTest {

    private static final String KEY = "kg-test-key-0001";

    private final ReferenceSeller seller = new ReferenceSeller(KEY);
    private final List<OrderInfo> registered = new ArrayList<>();
    private final OrderRegistry registry = new OrderRegistry() {
        @Override
        public void register(OrderInfo order) {
            registered.add(order);
        }

        @Override
        public void registerInstance(String instanceId) {
        }
    };

    @AfterEach
    void stop() {
        seller.close();
    }

    private ScenarioReport run(Scenario scenario) {
        CallbackClient client = new CallbackClient(seller.url(), KEY, CallbackClient.defaultHttpClient(),
                Duration.ofSeconds(10));
        return new ScenarioRunner(client, registry, Duration.ofSeconds(5), true).run(scenario);
    }

    static List<String> builtIns() {
        return Scenario.builtInNames();
    }

    @ParameterizedTest
    @MethodSource("builtIns")
    void everyBuiltInScenarioParsesAndHasOrdersForItsNewInstances(String name) {
        Scenario s = Scenario.load(name);

        assertThat(s.name()).isEqualTo(name);
        assertThat(s.description()).isNotBlank();
        assertThat(s.orders()).isNotEmpty();
        List<String> orderIds = s.orders().stream().map(Scenario.OrderSpec::id).toList();
        s.steps().stream().filter(st -> st.fields() != null && st.fields().has("orderId"))
                .forEach(st -> assertThat(orderIds).contains(st.fields().get("orderId").asText()));
    }

    @Test
    void builtInsAreListedInOrder() {
        assertThat(Scenario.builtInNames()).containsExactly("yearly-lifecycle", "trial-to-formal", "pay-per-use",
                "upgrade", "unsubscribe-renewal", "retry-storm");
    }

    @ParameterizedTest
    @MethodSource("builtIns")
    void builtInScenariosPassAgainstACorrectSeller(String name) {
        // The reference seller has no notion of users in use, so it cannot refuse the downgrade of "upgrade".
        Scenario s = Scenario.load(name);
        if (name.equals("upgrade")) {
            List<Scenario.Step> steps = s.steps().stream().filter(st -> !st.label(0).contains("refused")).toList();
            s = new Scenario(s.name(), s.description(), s.orders(), steps);
        }

        ScenarioReport report = run(s);

        assertThat(report.allPassed()).as(report.format(true)).isTrue();
        assertThat(registered).hasSize(s.orders().size());
    }

    @Test
    void ordersAreRegisteredWithTheRunTokenAndConsistentTerms() {
        ScenarioReport report = run(Scenario.load("yearly-lifecycle"));

        assertThat(report.allPassed()).isTrue();
        OrderInfo bought = registered.get(0);
        assertThat(bought.orderId()).matches("SCY[0-9A-F]{12}");
        assertThat(bought.orderType()).isEqualTo("NEW");
        assertThat(bought.orderLine()).singleElement().satisfies(l -> {
            assertThat(l.orderLineId()).isEqualTo(bought.orderId() + "-000001");
            assertThat(l.chargingMode()).isEqualTo("PERIOD");
            assertThat(l.periodType()).isEqualTo("year");
            assertThat(l.expireTime()).hasSize(14);
            assertThat(l.productInfo()).singleElement().satisfies(p -> assertThat(p.linearValue()).isEqualTo(10));
        });
        assertThat(registered.get(1).orderId()).isEqualTo(bought.orderId() + "R");
        assertThat(registered.get(1).orderType()).isEqualTo("RENEW");
        assertThat(report.captured()).containsKey("instance");
    }

    @Test
    void aRetryStormAgainstANonIdempotentSellerFails() {
        seller.breakage = ReferenceSeller.Breakage.NEW_ID_ON_RESEND;

        ScenarioReport report = run(Scenario.load("retry-storm"));

        assertThat(report.allPassed()).isFalse();
        assertThat(report.steps().get(1).reason()).contains("8 answers disagree on instanceId");
        assertThat(report.steps().get(2).status()).isEqualTo(ConformanceReport.Status.SKIP);
    }

    @Test
    void parsesAJsonScenarioFileWithEveryStepKind(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("story.json");
        Files.writeString(file, """
                {"name": "story", "description": "all step kinds",
                 "orders": [{"id": "ST${run}", "type": "NEW", "chargingMode": "ONE_TIME", "amount": "5.00",
                             "products": [{"productId": "P", "skuCode": "S"}]}],
                 "steps": [
                   {"activity": "newInstance", "fields": {"orderId": "ST${run}", "orderLineId": "ST${run}-000001",
                    "businessId": "${uuid}"}, "expect": ["000000", "000004"], "capture": {"a": "instanceId"}},
                   {"activity": "newInstance", "fields": {"orderId": "ST${run}", "orderLineId": "ST${run}-000001",
                    "businessId": "${uuid}"}, "repeat": {"times": 3, "concurrent": true}, "same": ["instanceId"],
                    "check": {"instanceId": "${a}"}},
                   {"wait": "50ms"},
                   {"activity": "queryInstance", "fields": {"instanceId": "${a}"},
                    "poll": {"until": "000000", "every": "100ms", "timeout": "2s"},
                    "check": {"info#": "1", "info/0/appInfo/frontEndUrl": "*"}},
                   {"name": "no such instance", "activity": "refreshInstance",
                    "fields": {"instanceId": "nope", "orderId": "X", "orderLineId": "X-1", "scene": "RENEWAL",
                               "expireTime": "${time17:+1M}"}, "expect": "!000000"},
                   {"distinct": ["${a}", "${run}"]}
                 ]}
                """);

        ScenarioReport report = run(Scenario.load(file.toString()));

        assertThat(report.allPassed()).as(report.format(true)).isTrue();
        assertThat(report.steps()).hasSize(7);
        assertThat(report.steps().get(2).exchanges()).hasSize(3);
        assertThat(registered).singleElement().satisfies(o -> assertThat(o.orderLine().get(0).chargingMode())
                .isEqualTo("ONE_TIME"));
    }

    @Test
    void aFailedCheckNamesThePointerAndTheValues() {
        Scenario s = Scenario.parse("""
                name: bad-check
                steps:
                  - activity: newInstance
                    fields: {orderId: A, orderLineId: A-1, businessId: b-1}
                    check: {instanceId: not-b-1}
                  - activity: releaseInstance
                    fields: {instanceId: x}
                """, false);

        ScenarioReport report = run(s);

        assertThat(report.steps().get(0).reason()).contains("instanceId is 'b-1', expected 'not-b-1'");
        assertThat(report.steps().get(1).status()).isEqualTo(ConformanceReport.Status.SKIP);
    }

    @Test
    void rejectsInvalidScenarioFiles() {
        assertThatThrownBy(() -> Scenario.parse("name: x\nsteps:\n  - activity: newInstance\n    expct: '000000'\n",
                false)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("expct");
        assertThatThrownBy(() -> Scenario.parse("name: x\nsteps:\n  - activity: newInstance\n    wait: 1s\n", false))
                .hasMessageContaining("exactly one of activity, wait, distinct");
        assertThatThrownBy(() -> Scenario.parse("name: x\nsteps: []\n", false)).hasMessageContaining("no steps");
        assertThatThrownBy(() -> Scenario.parse("name: x\nsteps:\n  - activity: a\n    expect: '0000'\n", false))
                .hasMessageContaining("6 characters");
        assertThatThrownBy(() -> Scenario.parse("name: x\norders:\n  - id: A\n    type: NEW\n"
                + "steps:\n  - wait: 1s\n", false)).hasMessageContaining("chargingMode");
        assertThatThrownBy(() -> Scenario.load("no-such-scenario")).hasMessageContaining("no built-in scenario");
    }

    @Test
    void expandsVariablesAndTimeOffsets() {
        Instant now = Instant.parse("2026-01-31T10:00:00Z");
        ScenarioVariables vars = new ScenarioVariables("RUN1", Clock.fixed(now, ZoneOffset.UTC));
        vars.put("instance", "i-9");

        assertThat(vars.expand("O${run}-${instance}")).isEqualTo("ORUN1-i-9");
        assertThat(vars.expand("${time:+1M}")).isEqualTo("20260228100000");
        assertThat(vars.expand("${time17:-1d}")).isEqualTo("20260130100000000");
        assertThat(vars.expand("${usage:+2h}")).isEqualTo("20260131T120000Z");
        assertThat(vars.expand("${uuid}")).isNotEqualTo(vars.expand("${uuid}"));
        assertThatThrownBy(() -> vars.expand("${missing}")).hasMessageContaining("not defined");
        assertThatThrownBy(() -> vars.expand("${time:+1w}")).hasMessageContaining("not a time offset");
        assertThat(Json.write(vars.expand(Json.parseObject("{\"a\":{\"b\":\"${run}\"},\"n\":5}".getBytes()))))
                .asString().isEqualTo("{\"a\":{\"b\":\"RUN1\"},\"n\":5}");
    }

    @Test
    void commandListsPrintsAndRunsWithAnInProcessQueryOrderServer() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertThat(Main.execute(new PrintWriter(out), new PrintWriter(err), "scenario", "--list")).isZero();
        assertThat(out.toString()).contains("yearly-lifecycle").contains("retry-storm");

        StringWriter printed = new StringWriter();
        assertThat(Main.execute(new PrintWriter(printed), new PrintWriter(err), "scenario", "--print", "retry-storm"))
                .isZero();
        assertThat(Scenario.parse(printed.toString(), false).name()).isEqualTo("retry-storm");

        StringWriter run = new StringWriter();
        int exit = Main.execute(new PrintWriter(run), new PrintWriter(err), "scenario", "yearly-lifecycle",
                "retry-storm", "--url", seller.url().toString(), "--key", KEY, "--openapi-port", "0", "--ak", "AK",
                "--sk", "SK");
        assertThat(exit).as(run + "" + err).isZero();
        assertThat(run.toString()).contains("scenario yearly-lifecycle").contains("scenario retry-storm")
                .contains("scenario: 11 passed, 0 failed, 0 skipped");
        assertThat(err.toString()).contains("Query Order served by this process at http://127.0.0.1:");

        int noRegistry = Main.execute(new PrintWriter(new StringWriter()), new PrintWriter(err), "scenario",
                "retry-storm", "--url", seller.url().toString(), "--key", KEY);
        assertThat(noRegistry).isEqualTo(2);
    }
}
