package dev.stallkeeper.it;

import static dev.stallkeeper.it.support.Console.adminPassword;
import static dev.stallkeeper.it.support.Console.adminUser;
import static dev.stallkeeper.it.support.Console.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stallkeeper.it.clock.TestClock;
import dev.stallkeeper.it.settlement.SettledPeriods;
import dev.stallkeeper.it.support.Console;
import dev.stallkeeper.it.support.Db;
import dev.stallkeeper.it.support.Deployments;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The settlement admin API end to end, as a finance user: the bill file imported as CSV and one bill as JSON,
 * a run of the month before last (on the test clock) started and polled until done, its statements, worklist
 * and CSV exports; a bad file refused with its line numbers and nothing of it imported; operators and anonymous callers refused. Product
 * types SKAPI_* are this test's own; the period is forgotten afterwards (periods settle in order).
 */
@ExtendWith({ArquillianExtension.class, TestClock.class})
@RunAsClient
class SettlementApiIT {

    /** The month before last on the test clock (yyyyMM), and the same as yyyy-MM for the bills' dates. */
    private static String period;
    private static String month;
    private static final String FINANCE = "it-settle-finance";
    private static final String FINANCE_PASSWORD = "finance-pass-0002";
    private static final String OPERATOR = "it-settle-operator";
    private static final String OPERATOR_PASSWORD = "operator-pass-0002";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String HEADER = "kind,order_id,order_line_id,amount,product_type,payment_state,supervision_state,"
            + "effective_at,supervision_completed_at\n";

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.stallkeeper();
    }

    @BeforeAll
    static void staff() {
        period = TestClock.period(2);
        month = period.substring(0, 4) + "-" + period.substring(4);
        Console.ensureUser(OPERATOR, OPERATOR_PASSWORD, "operator");
        Console.ensureUser(FINANCE, FINANCE_PASSWORD, "finance");
    }

    @AfterAll
    static void forgetThePeriod() {
        SettledPeriods.forget(Integer.parseInt(period), "SKAPI-");
    }

    @Test
    void importsBillsRunsThePeriodWithProgressAndExportsStatementsAndWorklist() throws Exception {
        HttpResponse<String> imported = csv(FINANCE, FINANCE_PASSWORD, HEADER
                + "NEW,SKAPI-1,1,600.00,skapi saas,PAID,NOT_REQUIRED," + month + "-03T02:00:00Z,\n"
                + "NEW,SKAPI-2,1,500.00,SKAPI_SAAS,PAID,NOT_REQUIRED," + month + "-10 10:00:00,\n"
                + "NEW,SKAPI-3,1,200.00,SKAPI_SAAS,UNPAID,NOT_REQUIRED," + month + "-11T02:00:00Z,\n"
                + "NEW,SKAPI-4,1,300.00,SKAPI_LICENSE,PAID,NOT_REQUIRED," + month + "-12T02:00:00Z,\n"
                + "NEW,SKAPI-5,1,50.00,SKAPI_LICENSE,PAID,IN_PROGRESS," + month + "-13T02:00:00Z,\n");
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        assertThat(json(imported)).isEqualTo(JSON.readTree("{\"created\":5,\"updated\":0,\"unchanged\":0}"));
        assertThat(json(csv(FINANCE, FINANCE_PASSWORD, HEADER + "NEW,SKAPI-1,1,600.00,SKAPI_SAAS,PAID,NOT_REQUIRED,"
                + month + "-03T02:00:00Z,\n")).get("unchanged").asInt()).as("the same bill again").isEqualTo(1);

        HttpResponse<String> posted = api("POST", "/api/admin/bills", FINANCE, FINANCE_PASSWORD,
                "[{\"kind\":\"RENEWAL\",\"order_id\":\"SKAPI-1\",\"order_line_id\":\"1\",\"amount\":100.5,"
                        + "\"product_type\":\"SKAPI_SAAS\",\"payment_state\":\"PAID\",\"supervision_state\":\"NOT_REQUIRED\","
                        + "\"effective_at\":\"" + month + "-20T00:00:00+08:00\"}]");
        assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);
        assertThat(json(posted).get("created").asInt()).isEqualTo(1);
        assertThat(Db.value("SELECT recorded_by FROM bill WHERE order_id = 'SKAPI-1' AND kind = 'RENEWAL'")).isEqualTo("API");

        HttpResponse<String> started = api("POST", "/api/admin/settlement/runs/" + period, FINANCE, FINANCE_PASSWORD, null);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        long execution = json(started).get("executionId").asLong();

        List<Long> progress = new ArrayList<>();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(() -> {
            HttpResponse<String> run = api("GET", "/api/admin/settlement/runs/" + period, FINANCE, FINANCE_PASSWORD, null);
            if (run.statusCode() == 404) {
                return false; // the job has not claimed the period yet
            }
            JsonNode r = json(run);
            progress.add(r.get("doneBills").asLong());
            return r.get("status").asText().equals("COMPLETED");
        });
        JsonNode run = json(api("GET", "/api/admin/settlement/runs/" + period, FINANCE, FINANCE_PASSWORD, null));
        assertThat(run.get("doneBills").asLong()).as("progress at the end").isEqualTo(run.get("totalBills").asLong())
                .isGreaterThanOrEqualTo(6);
        assertThat(run.get("percent").asDouble()).isEqualTo(100.0);
        assertThat(run.get("execution").get("id").asLong()).isEqualTo(execution);
        assertThat(run.get("execution").get("batchStatus").asText()).isEqualTo("COMPLETED");
        assertThat(run.get("node").asText()).isNotBlank();
        assertThat(progress).as("progress never goes back").isSorted();

        JsonNode history = json(api("GET", "/api/admin/settlement/runs", FINANCE, FINANCE_PASSWORD, null));
        assertThat(history.findValuesAsText("period")).contains(period);

        JsonNode statements = json(api("GET", "/api/admin/settlement/periods/" + period + "/statements", FINANCE,
                FINANCE_PASSWORD, null));
        JsonNode saas = byType(statements, "SKAPI_SAAS");
        assertThat(saas.get("settled").asBoolean()).isTrue();
        assertThat(saas.get("gross").asText()).isEqualTo("1200.50");
        assertThat(saas.get("fee").asText()).isEqualTo("60.03"); // 5 % of 1200.50 = 60.025, half-up
        assertThat(saas.get("net").asText()).isEqualTo("1140.47");
        assertThat(saas.get("bills").findValuesAsText("orderId")).containsExactly("SKAPI-1", "SKAPI-2", "SKAPI-1");
        JsonNode license = byType(statements, "SKAPI_LICENSE");
        assertThat(license.get("settled").asBoolean()).isFalse();
        assertThat(license.get("accumulated").asText()).isEqualTo("300.00");
        assertThat(license.get("carryOut").asText()).isEqualTo("300.00");
        assertThat(license.get("bills")).isEmpty();

        JsonNode worklist = json(api("GET", "/api/admin/settlement/periods/" + period + "/worklist", FINANCE,
                FINANCE_PASSWORD, null));
        List<String> mine = new ArrayList<>();
        for (JsonNode line : worklist.get("lines")) {
            if (line.get("productType").asText().startsWith("SKAPI_")) {
                mine.add(line.get("reason").asText() + " " + line.get("productType").asText() + " "
                        + line.get("amount").asText() + (line.get("gap").isNull() ? "" : " gap " + line.get("gap").asText()));
            }
        }
        assertThat(mine).containsExactlyInAnyOrder("UNPAID SKAPI_SAAS 200.00", "SUPERVISION_OPEN SKAPI_LICENSE 50.00",
                "BELOW_THRESHOLD SKAPI_LICENSE 300.00 gap 700.00");

        HttpResponse<String> statementsCsv = api("GET", "/api/admin/settlement/periods/" + period + "/statements.csv",
                FINANCE, FINANCE_PASSWORD, null);
        assertThat(statementsCsv.statusCode()).isEqualTo(200);
        assertThat(statementsCsv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        assertThat(statementsCsv.body().lines()).first().isEqualTo("period,product_type,settled,carried_in,period_amount,"
                + "accumulated,bill_count,threshold,fee_percent,gross,fee,net,carry_out,gap");
        assertThat(statementsCsv.body().lines()).contains(
                period + ",SKAPI_SAAS,true,0.00,1200.50,1200.50,3,1000.00,5,1200.50,60.03,1140.47,0.00,0.00",
                period + ",SKAPI_LICENSE,false,0.00,300.00,300.00,1,1000.00,5,0.00,0.00,0.00,300.00,700.00");
        String linesCsv = api("GET", "/api/admin/settlement/periods/" + period + "/statement-lines.csv", FINANCE,
                FINANCE_PASSWORD, null).body();
        assertThat(linesCsv.lines().filter(l -> l.contains(",SKAPI_SAAS,"))).hasSize(3);
        String worklistCsv = api("GET", "/api/admin/settlement/periods/" + period + "/worklist.csv", FINANCE,
                FINANCE_PASSWORD, null).body();
        assertThat(worklistCsv.lines().filter(l -> l.contains(",SKAPI_"))).containsExactlyInAnyOrder(
                period + ",BELOW_THRESHOLD,SKAPI_LICENSE,,300.00,,700.00",
                period + ",SUPERVISION_OPEN,SKAPI_LICENSE," + billId("SKAPI-5") + ",50.00," + month + "-13T02:00:00Z,",
                period + ",UNPAID,SKAPI_SAAS," + billId("SKAPI-3") + ",200.00,,");

        HttpResponse<String> again = api("POST", "/api/admin/settlement/runs/" + period, FINANCE, FINANCE_PASSWORD, null);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again).get("error").asText()).contains("settled already");
        assertThat(api("POST", "/api/admin/settlement/runs/" + period + "/restart", FINANCE, FINANCE_PASSWORD, null)
                .statusCode()).as("nothing to restart").isEqualTo(409);
        HttpResponse<String> early = api("POST", "/api/admin/settlement/runs/209912", FINANCE, FINANCE_PASSWORD, null);
        assertThat(early.statusCode()).isEqualTo(400);
        assertThat(json(early).get("error").asText()).contains("can only be previewed");
        assertThat(api("GET", "/api/admin/settlement/runs/2026-9", FINANCE, FINANCE_PASSWORD, null).statusCode()).isEqualTo(400);
    }

    @Test
    void aBadFileIsRefusedWithItsLineNumbersAndNothingOfItIsImported() throws Exception {
        HttpResponse<String> refused = csv(adminUser(), adminPassword(), HEADER
                + "NEW,SKAPI-BAD-1,1,10.00,SKAPI_SAAS,PAID,NOT_REQUIRED," + month + "-03T02:00:00Z,\n"
                + "NEW,SKAPI-BAD-2,1,10.001,SKAPI_SAAS,PAID,NOT_REQUIRED," + month + "-03T02:00:00Z,\n"
                + "NEW,SKAPI-BAD-3,1,10.00,SKAPI_SAAS,PAID,NOT_REQUIRED," + month + "-03T02:00:00Z,\n"
                + "NEW,SKAPI-BAD-4,1,10.00,SKAPI_SAAS,PAYED,NOT_REQUIRED," + month + "-03T02:00:00Z,\n");
        assertThat(refused.statusCode()).isEqualTo(400);
        JsonNode body = json(refused);
        assertThat(body.get("error").asText()).isEqualTo("2 problem(s), nothing imported");
        assertThat(body.get("problems").findValuesAsText("line")).containsExactly("3", "5");
        assertThat(body.get("problems").get(0).get("message").asText()).contains("amount");
        assertThat(body.get("problems").get(1).get("message").asText()).contains("payment_state");
        assertThat(Db.count("SELECT COUNT(*) FROM bill WHERE order_id LIKE 'SKAPI-BAD-%'")).as("nothing half-imported").isZero();

        HttpResponse<String> badJson = api("POST", "/api/admin/bills", adminUser(), adminPassword(),
                "[{\"kind\":\"NEW\",\"order_id\":\"SKAPI-BAD-5\",\"order_line_id\":\"1\",\"amount\":\"5.00\","
                        + "\"product_type\":\"SKAPI_SAAS\",\"payment_state\":\"PAID\",\"supervision_state\":\"NOT_REQUIRED\","
                        + "\"effective_at\":\"" + month + "-03T02:00:00Z\"},"
                        + "{\"kind\":\"NEW\",\"order_id\":\"SKAPI-BAD-6\",\"amount\":\"5.00\",\"colour\":\"red\"}]");
        assertThat(badJson.statusCode()).isEqualTo(400);
        assertThat(json(badJson).get("problems").findValuesAsText("line")).containsOnly("2");
        assertThat(badJson.body()).contains("unknown field 'colour'").contains("missing field 'order_line_id'");
        assertThat(Db.count("SELECT COUNT(*) FROM bill WHERE order_id LIKE 'SKAPI-BAD-%'")).isZero();
    }

    @Test
    void operatorsAndAnonymousCallersAreRefused() {
        for (String[] call : new String[][] {{"GET", "/api/admin/settlement/runs"}, {"POST", "/api/admin/settlement/runs/" + period},
                {"GET", "/api/admin/settlement/periods/" + period + "/statements"},
                {"GET", "/api/admin/settlement/periods/" + period + "/worklist.csv"}}) {
            HttpResponse<String> operator = api(call[0], call[1], OPERATOR, OPERATOR_PASSWORD, null);
            assertThat(operator.statusCode()).as("operator " + call[0] + " " + call[1]).isEqualTo(403);
            assertThat(operator.body()).doesNotContain("Exception");
            assertThat(api(call[0], call[1], null, null, null).statusCode()).as("anonymous " + call[1]).isEqualTo(401);
        }
        assertThat(api("POST", "/api/admin/bills", OPERATOR, OPERATOR_PASSWORD, "[]").statusCode()).isEqualTo(403);
        assertThat(csv(OPERATOR, OPERATOR_PASSWORD, HEADER).statusCode()).isEqualTo(403);
        assertThat(Console.api("GET", "/api/admin/settlement/runs", FINANCE, "wrong-password-1", null).statusCode())
                .isEqualTo(401);

        // the pages, in a console session: finance sees them, an operator gets 403 and no link
        List<String> pages = List.of("/admin/settlement.xhtml", "/admin/settlement-period.xhtml?period=" + period,
                "/admin/settlement/progress?period=" + period, "/admin/settlement/" + period + "/worklist.csv",
                "/admin/settlement.js");
        Console finance = Console.browser();
        assertThat(finance.login(FINANCE, FINANCE_PASSWORD).statusCode()).isEqualTo(302);
        for (String page : pages) {
            assertThat(finance.get(page).statusCode()).as("finance " + page).isEqualTo(200);
        }
        assertThat(finance.get("/admin/index.xhtml").body()).contains("id=\"nav-settlement\"");
        Console operator = Console.browser();
        assertThat(operator.login(OPERATOR, OPERATOR_PASSWORD).statusCode()).isEqualTo(302);
        for (String page : pages) {
            assertThat(operator.get(page).statusCode()).as("operator " + page).isEqualTo(403);
        }
        assertThat(operator.get("/admin/index.xhtml").body()).doesNotContain("nav-settlement");
    }

    private static HttpResponse<String> csv(String user, String password, String body) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(Console.url("/api/admin/bills"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "text/csv; charset=UTF-8")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }

    private static JsonNode byType(JsonNode statements, String type) {
        for (JsonNode s : statements) {
            if (s.get("productType").asText().equals(type)) {
                return s;
            }
        }
        throw new AssertionError("no statement of " + type + " in " + statements);
    }

    private static long billId(String orderId) {
        return ((Number) Db.value("SELECT id FROM bill WHERE order_id = ? AND kind = 'NEW'", orderId)).longValue();
    }
}
