package dev.stallkeeper.it.workflow;

import static dev.stallkeeper.it.workflow.Workflows.assertRefused;
import static dev.stallkeeper.it.workflow.Workflows.call;
import static dev.stallkeeper.it.workflow.Workflows.file;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stallkeeper.it.clock.TestClock;
import dev.stallkeeper.it.support.Console;
import dev.stallkeeper.it.support.Db;
import dev.stallkeeper.it.support.Deployments;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Service supervision through the admin API on PostgreSQL: a whole order from submitted requirements to
 * completion (with a rejection and an appeal), illegal steps refused with clear JSON errors, the bills of the order
 * line held back until supervision completes, and the instance's validity set by the service start time.
 */
@ExtendWith({ArquillianExtension.class, TestClock.class})
@RunAsClient
class SupervisionIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.stallkeeper();
    }

    private static String supervisionOf(long bill) {
        return (String) Db.value("SELECT supervision_state FROM bill WHERE id = ?", bill);
    }

    @Test
    void anOrderRunsFromRequirementsToCompletionAndOnlyThenItsBillSettles() {
        String order = "SUP-" + RUN;
        long bill = Workflows.seedBill(order, "L1", "1200.00", "NOT_REQUIRED");
        String instance = Workflows.seedInstance(order, "L1", 1);

        Workflows.Answer opened = call("POST", "/api/admin/supervision",
                Map.of("orderId", order, "orderLineId", "L1", "hardwareCodes", List.of("HW-0001-AB", "HW-0002-CD")));
        assertThat(opened.status()).as(opened.body().toString()).isEqualTo(201);
        long id = opened.body().path("id").asLong();
        String path = "/api/admin/supervision/" + id;
        assertThat(opened.body().path("stage").asText()).isEqualTo("REQUIREMENT_SUBMITTED");
        assertThat(opened.body().path("systemCode").asText()).matches("SK[A-Z2-9]{16}");
        assertThat(opened.body().path("instanceId").asText()).isEqualTo(instance);
        assertThat(supervisionOf(bill)).as("the bill waits for supervision").isEqualTo("IN_PROGRESS");
        assertThat(Db.value("SELECT settleable_at FROM bill WHERE id = ?", bill)).isNull();

        assertRefused(call("POST", "/api/admin/supervision", Map.of("orderId", order, "orderLineId", "L1")), 409,
                "supervision.exists", "is supervised already");
        assertRefused(call("POST", path + "/actions/deliver", Map.of()), 409, "supervision.illegalTransition",
                "DELIVER is not allowed while the order is REQUIREMENT_SUBMITTED");
        assertRefused(call("POST", path + "/actions/reject-requirement", Map.of()), 400, "supervision.reasonMissing",
                "needs a reason");
        assertRefused(call("POST", path + "/actions/teleport", Map.of()), 400, "request.badValue", "is not one of");

        step(path, "reject-requirement", Map.of("reason", "the second code is incomplete"), "REQUIREMENT_REJECTED");
        step(path, "resubmit-requirement", Map.of("hardwareCodes", List.of("HW-0001-AB", "HW-0002-CDEF")), "REQUIREMENT_SUBMITTED");
        step(path, "confirm-requirement", Map.of(), "REQUIREMENT_CONFIRMED");
        step(path, "start-delivery", Map.of(), "DELIVERING");
        assertRefused(call("POST", path + "/actions/deliver", Map.of()), 400, "supervision.reportMissing", "acceptance report");
        byte[] report = "%PDF-1.4 acceptance report of the IT\n".getBytes(StandardCharsets.US_ASCII);
        JsonNode delivered = step(path, "deliver", Map.of("attachment", file("验收报告.pdf", "application/pdf", report),
                "serviceStart", "2026-01-01T00:00:00+08:00"), "DELIVERED");
        assertThat(delivered.path("reportName").asText()).isEqualTo("验收报告.pdf");
        HttpResponse<String> download = Console.api("GET", path + "/report", Console.adminUser(), Console.adminPassword(), null);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body().getBytes(StandardCharsets.ISO_8859_1)).isEqualTo(report);
        assertThat(download.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment;");

        step(path, "customer-reject", Map.of("reason", "the buyer wants a second training session"), "CUSTOMER_REJECTED");
        step(path, "appeal", Map.of("reason", "training was not part of the published acceptance criteria",
                "attachment", file("criteria.txt", "text/plain", "criteria".getBytes(StandardCharsets.UTF_8))), "APPEALED");
        JsonNode accepted = step(path, "appeal-upheld", Map.of("reason", "operations decided for the seller"), "CUSTOMER_ACCEPTED");
        assertThat(accepted.path("serviceStart").asText()).isEqualTo("2025-12-31T16:00:00Z");
        assertThat(accepted.path("allowedActions")).isEmpty();
        assertThat(((OffsetDateTime) Db.value("SELECT expires_at FROM instance WHERE id = ?", instance)).toInstant())
                .as("a month from the entered service start").hasToString("2026-01-31T16:00:00Z");
        assertThat(Db.count("SELECT COUNT(*) FROM instance_event WHERE instance_id = ? AND event_type = 'SERVICE_STARTED'", instance))
                .isEqualTo(1);
        assertRefused(call("POST", path + "/actions/complete", Map.of()), 400, "supervision.completeIsAutomatic", "180 minutes");
        assertThat(supervisionOf(bill)).as("accepted is not completed").isEqualTo("IN_PROGRESS");

        // three hours later (brought forward here): the sweep completes it and the bill becomes settleable
        Db.update("UPDATE supervision SET completion_due_at = completion_due_at - INTERVAL '3 hours' WHERE id = ?", id);
        await().atMost(Duration.ofSeconds(30)).until(() -> call("GET", path, null).body().path("stage").asText().equals("COMPLETED"));
        assertThat(supervisionOf(bill)).isEqualTo("COMPLETED");
        assertThat(Db.value("SELECT settleable_at FROM bill WHERE id = ?", bill)).isNotNull();

        JsonNode done = call("GET", path, null).body();
        List<String> actions = done.path("steps").findValuesAsText("action");
        assertThat(actions).containsExactly("OPEN", "REJECT_REQUIREMENT", "RESUBMIT_REQUIREMENT", "CONFIRM_REQUIREMENT",
                "START_DELIVERY", "DELIVER", "CUSTOMER_REJECT", "APPEAL", "APPEAL_UPHELD", "COMPLETE");
        JsonNode last = done.path("steps").get(actions.size() - 1);
        assertThat(last.path("actor").asText()).isEqualTo("system");
        assertThat(done.path("steps").get(1).path("reason").asText()).isEqualTo("the second code is incomplete");
        assertThat(done.path("steps").get(1).path("actor").asText()).isEqualTo(Console.adminUser());
        long appealStep = done.path("steps").get(7).path("id").asLong();
        HttpResponse<String> evidence = Console.api("GET", path + "/steps/" + appealStep + "/attachment",
                Console.adminUser(), Console.adminPassword(), null);
        assertThat(evidence.body()).isEqualTo("criteria");
        assertRefused(call("POST", path + "/actions/appeal", Map.of("reason", "late")), 409, "supervision.illegalTransition",
                "nothing, supervision is over");
    }

    @Test
    void aBillRecordedAfterCompletionIsCompletedToo() {
        String order = "LATE-BILL-" + RUN;
        long id = call("POST", "/api/admin/supervision", Map.of("orderId", order, "orderLineId", "L1")).body().path("id").asLong();
        String path = "/api/admin/supervision/" + id;
        step(path, "confirm-requirement", Map.of(), "REQUIREMENT_CONFIRMED");
        step(path, "start-delivery", Map.of(), "DELIVERING");
        step(path, "deliver", Map.of("attachment", file("report.pdf", "application/pdf", new byte[] {37, 80, 68, 70})), "DELIVERED");
        step(path, "customer-accept", Map.of(), "CUSTOMER_ACCEPTED");
        Db.update("UPDATE supervision SET completion_due_at = ? - INTERVAL '1 second' WHERE id = ?",
                TestClock.now().atOffset(ZoneOffset.UTC), id);
        await().atMost(Duration.ofSeconds(30)).until(() -> call("GET", path, null).body().path("stage").asText().equals("COMPLETED"));

        long bill = Workflows.seedBill(order, "L1", "300.00", "IN_PROGRESS");
        await().atMost(Duration.ofSeconds(30)).until(() -> "COMPLETED".equals(supervisionOf(bill)));
        assertThat(Db.value("SELECT settleable_at FROM bill WHERE id = ?", bill))
                .isEqualTo(Db.value("SELECT completed_at FROM supervision WHERE id = ?", id));
    }

    private static JsonNode step(String path, String action, Map<String, ?> body, String expectedStage) {
        Workflows.Answer a = call("POST", path + "/actions/" + action, body);
        assertThat(a.status()).as(action + ": " + a.body()).isEqualTo(200);
        assertThat(a.body().path("stage").asText()).as(action).isEqualTo(expectedStage);
        return a.body();
    }

    @Test
    void systemCodesAreUniqueAndTheListFlagsStalledOrders() {
        String order = "STALL-" + RUN;
        long a = call("POST", "/api/admin/supervision", Map.of("orderId", order, "orderLineId", "L1")).body().path("id").asLong();
        long b = call("POST", "/api/admin/supervision", Map.of("orderId", order, "orderLineId", "L2")).body().path("id").asLong();
        assertThat(Db.value("SELECT system_code FROM supervision WHERE id = ?", a))
                .isNotEqualTo(Db.value("SELECT system_code FROM supervision WHERE id = ?", b));
        assertThat(Db.count("SELECT COUNT(*) FROM information_schema.table_constraints WHERE constraint_name = 'uk_supervision_system_code'"))
                .as("uniqueness is the database's").isEqualTo(1);

        Db.update("UPDATE supervision SET last_moved_at = last_moved_at - INTERVAL '6 days' WHERE id = ?", a);
        JsonNode stalled = call("GET", "/api/admin/supervision?stalled=true&orderId=" + order, null).body();
        assertThat(stalled.path("items").findValuesAsText("id")).containsExactly(String.valueOf(a));
        assertThat(stalled.path("items").get(0).path("stalled").asBoolean()).isTrue();
        assertThat(call("GET", "/api/admin/supervision/" + a, null).body().path("stalled").asBoolean()).isTrue();
        assertThat(call("GET", "/api/admin/supervision/" + b, null).body().path("stalled").asBoolean()).isFalse();
        assertThat(call("GET", "/api/admin/supervision?stage=nonsense", null).status()).isEqualTo(400);
        assertThat(call("GET", "/api/admin/supervision/999999999", null).status()).isEqualTo(404);
    }

    @Test
    void theListIsPagedNewestFirstWithItsFiltersKeptAndAllRowsReachable() {
        String order = "PAGED-" + RUN;
        List<String> opened = new java.util.ArrayList<>();
        for (int line = 1; line <= 7; line++) {
            opened.add(call("POST", "/api/admin/supervision", Map.of("orderId", order, "orderLineId", "L" + line))
                    .body().path("id").asText());
        }
        // two rows moved at the same moment: the id breaks the tie, so no row is on two pages or on none
        Db.update("UPDATE supervision SET last_moved_at = (SELECT MAX(last_moved_at) FROM supervision WHERE order_id = ?)"
                + " WHERE order_id = ? AND order_line_id IN ('L3', 'L4')", order, order);

        List<JsonNode> pages = Workflows.pages("/api/admin/supervision?orderId=" + order + "&size=3");
        assertThat(pages).hasSize(3);
        assertThat(pages).extracting(p -> p.path("items").size()).containsExactly(3, 3, 1);
        assertThat(pages).allSatisfy(p -> {
            assertThat(p.path("total").asLong()).isEqualTo(7);
            assertThat(p.path("totalCapped").asBoolean()).isFalse();
            assertThat(p.path("size").asInt()).isEqualTo(3);
        });
        assertThat(pages.get(0).path("prev").isTextual()).as("no previous page").isFalse();
        assertThat(pages.get(1).path("prev").asText()).contains("page=0").contains("orderId=" + order);
        assertThat(pages.get(0).path("next").asText()).contains("page=1").contains("size=3").contains("orderId=" + order);
        assertThat(pages.get(2).path("next").isTextual()).as("no next page").isFalse();
        List<String> walked = pages.stream().flatMap(p -> p.path("items").findValuesAsText("id").stream()).toList();
        assertThat(walked).as("every row once").containsExactlyInAnyOrderElementsOf(opened);
        List<String> ordered = Db.rows("SELECT id FROM supervision WHERE order_id = ? ORDER BY last_moved_at DESC, id DESC",
                order).stream().map(r -> String.valueOf(r.get("id"))).toList();
        assertThat(walked).as("most recently moved first, ties by id").containsExactlyElementsOf(ordered);
        assertThat(call("GET", "/api/admin/supervision?orderId=" + order + "&size=3&page=9", null).body().path("items"))
                .as("past the end: an empty page").isEmpty();
        assertThat(call("GET", "/api/admin/supervision?orderId=" + order + "&size=1000", null).body().path("size").asInt())
                .as("the size is capped").isEqualTo(200);
    }

    @Test
    void twoSimultaneousOpensOfTheSameOrderLineGiveOne201AndOne409() throws Exception {
        for (int round = 0; round < 5; round++) {
            Map<String, Object> body = Map.of("orderId", "RACE-" + RUN + "-" + round, "orderLineId", "L1");
            List<Workflows.Answer> answers = Workflows.atOnce(() -> call("POST", "/api/admin/supervision", body),
                    () -> call("POST", "/api/admin/supervision", body));
            assertThat(answers).extracting(Workflows.Answer::status).as(answers.toString()).containsExactlyInAnyOrder(201, 409);
            Workflows.Answer loser = answers.get(0).status() == 409 ? answers.get(0) : answers.get(1);
            assertRefused(loser, 409, "supervision.exists", "is supervised already");
            assertThat(Db.count("SELECT COUNT(*) FROM supervision WHERE order_id = ?", body.get("orderId"))).isEqualTo(1);
        }
    }

    @Test
    void financeStaffDoNotReachSupervision() {
        String user = "it-fin-" + RUN;
        assertThat(call("POST", "/api/admin/users", Map.of("username", user, "password", "finance-pass-" + RUN,
                "roles", List.of("finance"))).status()).isEqualTo(201);
        assertThat(call(user, "finance-pass-" + RUN, "GET", "/api/admin/supervision", null).status()).isEqualTo(403);
        assertThat(call(user, "finance-pass-" + RUN, "GET", "/api/admin/invoices", null).status()).isEqualTo(200);
    }
}
