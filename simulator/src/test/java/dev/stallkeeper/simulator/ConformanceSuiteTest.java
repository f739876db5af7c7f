package dev.stallkeeper.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stallkeeper.protocol.Json;
import dev.stallkeeper.protocol.order.OrderInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ConformanceSuiteTest {

    private static final String KEY = "kg-test-key-0001";

    private final ReferenceSeller seller = new ReferenceSeller(KEY);

    @AfterEach
    void stop() {
        seller.close();
    }

    private ConformanceReport run(ConformanceSuite.Options options) {
        CallbackClient client = new CallbackClient(seller.url(), KEY, CallbackClient.defaultHttpClient(),
                Duration.ofSeconds(10));
        return new ConformanceSuite(client, options).run();
    }

    private static ConformanceReport.CaseResult find(ConformanceReport report, String name) {
        return report.cases().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no case " + name + " in " + report.format(false)));
    }

    @ParameterizedTest
    @EnumSource(ConformanceSuite.Billing.class)
    void aCorrectSellerPassesEveryDebugCase(ConformanceSuite.Billing billing) {
        ConformanceReport report = run(ConformanceSuite.Options.defaults(billing));

        assertThat(report.allPassed()).as(report.format(true)).isTrue();
        assertThat(report.count(ConformanceReport.Status.SKIP)).isZero();
        assertThat(report.cases()).extracting(ConformanceReport.CaseResult::name).contains("newInstance",
                "newInstance resent with a new businessId", "queryInstance", "releaseInstance",
                "queryInstance with 101 ids", "security: flipped signature", "security: stale timestamp (now - 61 s)",
                "security: future timestamp (now + 61 s)", "security: replayed nonce with another body",
                "security: malformed JSON", "security: oversized body", "every answer within the deadline");
        assertThat(seller.instanceCount()).as("debug calls create nothing").isZero();
    }

    @Test
    void periodBillingRunsTheLifecycleCases() {
        ConformanceReport report = run(ConformanceSuite.Options.defaults(ConformanceSuite.Billing.PERIOD));

        assertThat(report.cases()).extracting(ConformanceReport.CaseResult::name).contains(
                "newInstance for a trial order", "refreshInstance RENEWAL", "refreshInstance TRIAL_TO_FORMAL",
                "refreshInstance UNSUBSCRIBE_RENEWAL_PERIOD", "updateInstanceStatus FREEZE",
                "updateInstanceStatus UNFREEZE", "upgradeInstance", "changeInstanceCheck");
        ConformanceReport.CaseResult created = find(report, "newInstance");
        JsonNode sent = Json.parseObject(created.exchanges().get(0).request().getBytes());
        assertThat(sent.path("orderId").asText()).isEqualTo("MOCKPERIODYEARNEW");
        assertThat(sent.path("orderLineId").asText()).isEqualTo("MOCKPERIODYEARNEW-000001");
        assertThat(sent.path("testFlag").asText()).isEqualTo("1");
    }

    @Test
    void oneTimeBillingHasNoPeriodCases() {
        ConformanceReport report = run(ConformanceSuite.Options.defaults(ConformanceSuite.Billing.ONE_TIME));

        assertThat(report.cases()).extracting(ConformanceReport.CaseResult::name)
                .doesNotContain("refreshInstance RENEWAL", "updateInstanceStatus FREEZE", "upgradeInstance");
    }

    @Test
    void liveModeRegistersFreshOrdersAndChecksUnknownInstances() {
        List<OrderInfo> registered = new ArrayList<>();
        OrderRegistry registry = new OrderRegistry() {
            @Override
            public void register(OrderInfo order) {
                registered.add(order);
            }

            @Override
            public void registerInstance(String instanceId) {
            }
        };
        ConformanceReport report = run(ConformanceSuite.Options.defaults(ConformanceSuite.Billing.PERIOD)
                .live(registry));

        assertThat(report.allPassed()).as(report.format(true)).isTrue();
        assertThat(report.live()).isTrue();
        assertThat(registered).hasSizeGreaterThanOrEqualTo(6)
                .allSatisfy(o -> assertThat(o.orderId()).startsWith("CONF"));
        assertThat(registered).extracting(OrderInfo::orderType)
                .contains("NEW", "TRIAL", "TRIAL_TO_FORMAL", "RENEW", "UNSUBSCRIBE", "CHANGE");
        assertThat(find(report, "refreshInstance of an unknown instance").passed()).isTrue();
        assertThat(seller.instanceCount()).as("live calls create the main and the trial instance").isEqualTo(2);
        JsonNode sent = Json.parseObject(find(report, "newInstance").exchanges().get(0).request().getBytes());
        assertThat(sent.has("testFlag")).isFalse();
    }

    @Test
    void liveOnDemandCreatesOneInstancePerBilledItem() {
        OrderRegistry registry = new OrderRegistry() {
            @Override
            public void register(OrderInfo order) {
            }

            @Override
            public void registerInstance(String instanceId) {
            }
        };
        ConformanceReport report = run(ConformanceSuite.Options.defaults(ConformanceSuite.Billing.ON_DEMAND)
                .live(registry));

        assertThat(report.allPassed()).as(report.format(true)).isTrue();
        assertThat(find(report, "newInstance").exchanges()).hasSize(2)
                .allSatisfy(e -> assertThat(e.request()).contains("\"productId\""));
        assertThat(seller.instanceCount()).isEqualTo(2);
    }

    @Test
    void wrongBodySignFailsEveryCaseWithTheReason() {
        seller.breakage = ReferenceSeller.Breakage.WRONG_BODY_SIGN;

        ConformanceReport report = run(ConformanceSuite.Options.defaults(ConformanceSuite.Billing.PERIOD));

        assertThat(report.allPassed()).isFalse();
        ConformanceReport.CaseResult c = find(report, "newInstance");
        assertThat(c.status()).isEqualTo(ConformanceReport.Status.FAIL);
        assertThat(c.reason()).contains("Body-Sign header does not match the body");
        assertThat(find(report, "queryInstance").status()).isEqualTo(ConformanceReport.Status.SKIP);
        assertThat(find(report, "security: flipped signature").reason()).contains("Body-Sign");
    }

    @Test
    void serverErrorFailsTheCaseThatGotIt() {
        seller.breakage = ReferenceSeller.Breakage.HTTP_500_ON_REFRESH;

        ConformanceReport report = run(ConformanceSuite.Options.defaults(ConformanceSuite.Billing.PERIOD));

        ConformanceReport.CaseResult c = find(report, "refreshInstance RENEWAL");
        assertThat(c.status()).isEqualTo(ConformanceReport.Status.FAIL);
        assertThat(c.reason()).contains("HTTP status 500, expected 200");
        assertThat(find(report, "newInstance").passed()).isTrue();
        assertThat(find(report, "updateInstanceStatus FREEZE").passed()).isTrue();
    }

    @Test
    void slowAnswersFailTheDeadline() {
        seller.breakage = ReferenceSeller.Breakage.SLOW_QUERY;
        seller.slow = Duration.ofMillis(900);

        ConformanceReport report = run(ConformanceSuite.Options.defaults(ConformanceSuite.Billing.ONE_TIME)
                .deadline(Duration.ofMillis(400)).security(false));

        ConformanceReport.CaseResult c = find(report, "queryInstance");
        assertThat(c.status()).isEqualTo(ConformanceReport.Status.FAIL);
        assertThat(c.reason()).contains("the deadline is 400 ms");
        assertThat(find(report, "every answer within the deadline").status())
                .isEqualTo(ConformanceReport.Status.FAIL);
        assertThat(find(report, "newInstance").passed()).isTrue();
    }

    @Test
    void aNewInstanceIdForAResentNewInstanceFailsIdempotency() {
        seller.breakage = ReferenceSeller.Breakage.NEW_ID_ON_RESEND;

        ConformanceReport report = run(ConformanceSuite.Options.defaults(ConformanceSuite.Billing.PERIOD));

        ConformanceReport.CaseResult c = find(report, "newInstance resent with a new businessId");
        assertThat(c.status()).isEqualTo(ConformanceReport.Status.FAIL);
        assertThat(c.reason()).contains("differs from the first answer's").contains("must return the same instance");
    }

    @Test
    void acceptingStaleTimestampsFails() {
        seller.breakage = ReferenceSeller.Breakage.NO_TIMESTAMP_WINDOW;

        ConformanceReport report = run(ConformanceSuite.Options.defaults(ConformanceSuite.Billing.PACKAGE));

        assertThat(find(report, "security: stale timestamp (now - 61 s)").reason())
                .contains("expected resultCode 000002 or 000001, got 000000");
        assertThat(find(report, "security: future timestamp (now + 61 s)").status())
                .isEqualTo(ConformanceReport.Status.FAIL);
        assertThat(find(report, "newInstance").passed()).isTrue();
    }

    @Test
    void acceptingAnySignatureFails() {
        seller.breakage = ReferenceSeller.Breakage.NO_SIGNATURE_CHECK;

        ConformanceReport report = run(ConformanceSuite.Options.defaults(ConformanceSuite.Billing.ON_DEMAND));

        assertThat(find(report, "security: flipped signature").reason())
                .contains("expected resultCode 000001, got 000000");
        assertThat(find(report, "security: replayed nonce with another body").passed())
                .as("the nonce cache still refuses it").isTrue();
    }

    @Test
    void noAnswerFailsWithTheTransportError() {
        CallbackClient client = new CallbackClient(URI.create("http://127.0.0.1:9/produce"), KEY,
                CallbackClient.defaultHttpClient(), Duration.ofSeconds(2));

        ConformanceReport report = new ConformanceSuite(client,
                ConformanceSuite.Options.defaults(ConformanceSuite.Billing.ONE_TIME)).run();

        assertThat(report.allPassed()).isFalse();
        assertThat(find(report, "newInstance").reason()).contains("no answer");
    }

    @Test
    void skippedCasesAreReportedAsSkipped() {
        ConformanceReport report = run(ConformanceSuite.Options.defaults(ConformanceSuite.Billing.PERIOD)
                .skip(Set.of("upgradeInstance", "changeinstancecheck")));

        assertThat(find(report, "upgradeInstance").status()).isEqualTo(ConformanceReport.Status.SKIP);
        assertThat(find(report, "changeInstanceCheck").status()).isEqualTo(ConformanceReport.Status.SKIP);
        assertThat(report.allPassed()).isTrue();
    }

    @Test
    void commandExitsOneOnFailureAndPrintsJson() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int ok = Main.execute(new PrintWriter(out), new PrintWriter(err), "conformance", "--url",
                seller.url().toString(), "--key", KEY, "--billing", "one-time");
        assertThat(ok).as(out + "" + err).isZero();
        assertThat(out.toString()).contains("PASS  newInstance").containsPattern("conformance: \\d+ passed, 0 failed");

        seller.breakage = ReferenceSeller.Breakage.NEW_ID_ON_RESEND;
        StringWriter json = new StringWriter();
        int failed = Main.execute(new PrintWriter(json), new PrintWriter(err), "conformance", "--url",
                seller.url().toString(), "--key", KEY, "--billing", "one-time", "--json");
        assertThat(failed).isEqualTo(1);
        JsonNode report = Json.parseObject(json.toString().getBytes());
        assertThat(report.path("ok").asBoolean()).isFalse();
        assertThat(report.path("failed").asInt()).isPositive();
        assertThat(report.path("cases").get(1).path("status").asText()).isEqualTo("FAIL");
    }

    @Test
    void liveNeedsAPlaceForItsOrders() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(new PrintWriter(out), new PrintWriter(err), "conformance", "--url",
                seller.url().toString(), "--key", KEY, "--live");
        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--openapi-port");
    }
}
