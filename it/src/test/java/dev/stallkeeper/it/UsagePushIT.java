package dev.stallkeeper.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stallkeeper.it.clock.TestClock;
import dev.stallkeeper.it.support.Console;
import dev.stallkeeper.it.support.Db;
import dev.stallkeeper.it.support.Deployments;
import dev.stallkeeper.it.support.KooGallery;
import dev.stallkeeper.protocol.Json;
import dev.stallkeeper.simulator.CallbackResult;
import dev.stallkeeper.simulator.OpenApiServer;
import dev.stallkeeper.simulator.UsageReceiver;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.as.arquillian.container.ManagementClient;
import org.jboss.as.controller.client.helpers.Operations;
import org.jboss.dmr.ModelNode;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Pay-per-use usage on PostgreSQL against the simulator's usage receiver: POST /api/usage, the usage-push job started
 * by its timer (every 2 s here), exactly-once arrival by metering_sn through outages and lost answers, per-record
 * rejections, 1000 records per call, parking at the 21-day window with a replay from the console, and the bills.
 */
@ExtendWith({ArquillianExtension.class, TestClock.class})
@RunAsClient
class UsagePushIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.stallkeeper();
    }

    private OpenApiServer koo;

    @BeforeEach
    void koogallery() {
        koo = KooGallery.openApi();
        koo.setUsageKey(KooGallery.key());
        koo.setUsageOutage(null);
    }

    @AfterEach
    void noOutageLeftBehind() {
        koo.setUsageOutage(null);
        koo.setUsageLoseAnswers(0, 500);
        koo.setUsageFailNext(0, 503);
    }

    @Test
    void reportedUsageReachesKooGalleryOnceWithItsMeteringSnAndIsBilledOnce() {
        String instance = payPerUseInstance();
        Instant hour = TestClock.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(3));
        String a = "ok-a-" + UUID.randomUUID();
        String b = "ok-b-" + UUID.randomUUID();

        HttpResponse<String> first = report(records(record(a, instance, "hour", "2", hour, hour.plus(Duration.ofHours(1))),
                record(b, instance, "GB", "10.5", hour.plus(Duration.ofHours(1)), hour.plus(Duration.ofHours(2)))));

        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        String snA = meteringSn(first, a);
        String snB = meteringSn(first, b);
        awaitStatus(a, "ACCEPTED");
        awaitStatus(b, "ACCEPTED");
        assertThat(koo.usage().acceptedCount(snA)).isEqualTo(1);
        assertThat(koo.usage().acceptedCount(snB)).isEqualTo(1);
        assertThat(callsCarrying(snA)).as("pushed once").hasSize(1);
        UsageReceiver.UsageRecord received = koo.usageRecords().stream().filter(r -> r.meteringSn().equals(snA))
                .findFirst().orElseThrow();
        assertThat(received.instanceId()).isEqualTo(instance);
        assertThat(received.usageValue()).isEqualTo("2");
        assertThat(received.beginTime()).isEqualTo(dev.stallkeeper.protocol.KooTime.formatUsage(hour));

        // the same report again: the same answer, nothing new stored or sent
        HttpResponse<String> again = report(records(record(a, instance, "hour", "2.000", hour, hour.plus(Duration.ofHours(1))),
                record(b, instance, "GB", "10.5", hour.plus(Duration.ofHours(1)), hour.plus(Duration.ofHours(2)))));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(Json.parseObject(again.body().getBytes())).isEqualTo(Json.parseObject(first.body().getBytes()));
        assertThat(Db.count("SELECT COUNT(*) FROM usage_record WHERE instance_id = ?", instance)).isEqualTo(2);

        // bills of the settlement ledger: USAGE, keyed orderId/metering_sn/USAGE, once each, priced per unit
        List<Map<String, Object>> bills = Db.rows("SELECT source, source_key, amount, kind, recorded_by, effective_at"
                + " FROM bill WHERE instance_id = ? AND kind = 'USAGE' ORDER BY amount", instance);
        assertThat(bills).hasSize(2);
        assertThat((BigDecimal) bills.get(0).get("amount")).isEqualByComparingTo("1.00");
        assertThat((BigDecimal) bills.get(1).get("amount")).isEqualByComparingTo("1.05");
        assertThat(bills).allSatisfy(bill -> {
            assertThat(bill.get("source")).isEqualTo("USAGE");
            assertThat(bill.get("recorded_by")).isEqualTo("USAGE_PUSH");
        });
        assertThat(bills).extracting(bill -> bill.get("source_key").toString())
                .containsExactlyInAnyOrder(orderOf(instance) + "/" + snA + "/USAGE", orderOf(instance) + "/" + snB + "/USAGE");
        HttpResponse<String> status = get("/api/usage/" + a, token());
        assertThat(status.statusCode()).isEqualTo(200);
        assertThat(Json.parseObject(status.body().getBytes()).path("status").asText()).isEqualTo("ACCEPTED");
    }

    @Test
    void reportingIsIdempotentByTheCallersIdAndRefusesConflictsAndBadRecordsClearly() {
        String instance = payPerUseInstance();
        Instant hour = TestClock.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(5));
        String id = "idem-" + UUID.randomUUID();
        ObjectNode good = record(id, instance, "hour", "1.5", hour, hour.plus(Duration.ofHours(1)));

        HttpResponse<String> first = report(records(good));
        HttpResponse<String> second = report(records(good));
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(second.body()).isEqualTo(first.body());

        HttpResponse<String> changed = report(records(record(id, instance, "hour", "1.6", hour, hour.plus(Duration.ofHours(1)))));
        assertThat(changed.statusCode()).isEqualTo(409);
        assertThat(changed.body()).contains("id " + id + " was reported before with a different record");
        HttpResponse<String> sameWindow = report(records(record("other-" + id, instance, "hour", "1.5", hour,
                hour.plus(Duration.ofHours(1)))));
        assertThat(sameWindow.statusCode()).isEqualTo(409);
        assertThat(sameWindow.body()).contains("already has record (id " + id + ")");
        assertThat(Db.count("SELECT COUNT(*) FROM usage_record WHERE instance_id = ?", instance)).isEqualTo(1);

        String periodInstance = KooGallery.activeInstance();
        HttpResponse<String> bad = report(records(
                record("bad-1-" + id, instance, "minute", "1", hour, hour.plus(Duration.ofHours(1))),
                record("bad-2-" + id, instance, "hour", "-1", hour.plus(Duration.ofHours(1)), hour.plus(Duration.ofHours(2))),
                record("bad-3-" + id, instance, "hour", "1", hour.plus(Duration.ofHours(3)), hour.plus(Duration.ofHours(2)))));
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("records[0] (id bad-1-" + id + "): unknown unit 'minute'")
                .contains("records[1] (id bad-2-" + id + "): value must not be negative")
                .contains("records[2] (id bad-3-" + id + "): beginTime is after endTime")
                .contains("nothing of this report was stored");
        HttpResponse<String> notPayPerUse = report(records(
                record("ppu-1-" + id, periodInstance, "hour", "1", hour, hour.plus(Duration.ofHours(1))),
                record("ppu-2-" + id, "no-such-instance", "hour", "1", hour, hour.plus(Duration.ofHours(1)))));
        assertThat(notPayPerUse.statusCode()).isEqualTo(400);
        assertThat(notPayPerUse.body()).contains("is not pay-per-use (chargingMode PERIOD)")
                .contains("instance no-such-instance does not exist");
        HttpResponse<String> malformed = send("POST", "/api/usage", token(), "{\"records\": [");
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.body()).contains("not valid JSON").doesNotContain("Exception");
        assertThat(Db.count("SELECT COUNT(*) FROM usage_record WHERE report_id LIKE ?", "%-" + id)).isZero();

        assertThat(send("POST", "/api/usage", null, records(good).toString()).statusCode()).isEqualTo(401);
        HttpResponse<String> wrong = send("POST", "/api/usage", "Bearer not-the-token", records(good).toString());
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(get("/api/usage/" + id, "Bearer not-the-token").statusCode()).isEqualTo(401);
        assertThat(get("/api/usage/no-such-" + id, token()).statusCode()).isEqualTo(404);

        // the settings page lists the usage settings and masks the token
        Console admin = Console.browser();
        admin.login(Console.adminUser(), Console.adminPassword());
        String settings = admin.get("/admin/settings.xhtml").body();
        assertThat(settings).contains("STALLKEEPER_USAGE_TOKEN").contains("STALLKEEPER_USAGE_UNITS")
                .contains("hour=0.50,GB=0.10").doesNotContain(System.getProperty("it.usage.token"));
    }

    @Test
    void aRecordKooGalleryRejectsIsStoredWithItsCodeAndNotBilled() {
        String instance = payPerUseInstance();
        koo.usage().releaseInstance(instance); // KooGallery: resource status abnormal (013)
        Instant hour = TestClock.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));
        String id = "rejected-" + UUID.randomUUID();

        assertThat(report(records(record(id, instance, "hour", "3", hour, hour.plus(Duration.ofHours(1))))).statusCode())
                .isEqualTo(200);

        awaitStatus(id, "REJECTED");
        assertThat(Db.value("SELECT error_code FROM usage_record WHERE report_id = ?", id)).isEqualTo("013");
        assertThat((String) Db.value("SELECT last_error FROM usage_record WHERE report_id = ?", id)).contains("released");
        assertThat(Db.count("SELECT COUNT(*) FROM bill WHERE instance_id = ? AND kind = 'USAGE'", instance)).isZero();
        Console admin = Console.browser();
        admin.login(Console.adminUser(), Console.adminPassword());
        assertThat(admin.get("/admin/messages.xhtml").body()).contains(id).contains("013");
    }

    @Test
    void anOutageDuringAPushLosesNothingAndEachRecordArrivesExactlyOnce() {
        String instance = payPerUseInstance();
        Instant hour = TestClock.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(6));
        List<String> ids = List.of("outage-a-" + UUID.randomUUID(), "outage-b-" + UUID.randomUUID(),
                "outage-c-" + UUID.randomUUID());
        koo.setUsageOutage(503);
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < ids.size(); i++) {
            list.add(record(ids.get(i), instance, "hour", "1", hour.plus(Duration.ofHours(i)), hour.plus(Duration.ofHours(i + 1))));
        }
        HttpResponse<String> reported = report(JsonNodeFactory.instance.objectNode().set("records", list));
        assertThat(reported.statusCode()).isEqualTo(200);
        List<String> sns = ids.stream().map(id -> meteringSn(reported, id)).toList();

        // KooGallery answers 503: the records stay pending, with their metering_sn, and are retried
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).until(() ->
                Db.count("SELECT COUNT(*) FROM usage_record WHERE instance_id = ? AND status = 'PENDING' AND attempts >= 2"
                        + " AND last_error LIKE '%HTTP 503%'", instance) == 3);
        // then the connection breaks without an answer
        koo.setUsageOutage(OpenApiServer.DROP);
        long attempts = Db.count("SELECT SUM(attempts) FROM usage_record WHERE instance_id = ?", instance);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).until(() ->
                Db.count("SELECT SUM(attempts) FROM usage_record WHERE instance_id = ?", instance) >= attempts + 3);
        // KooGallery comes back, but the answer to the first push is lost: the records arrive, Stallkeeper retries
        koo.setUsageLoseAnswers(1, 500);
        koo.setUsageOutage(null);

        for (String id : ids) {
            awaitStatus(id, "ACCEPTED");
        }
        assertThat(Db.count("SELECT COUNT(*) FROM usage_record WHERE instance_id = ? AND status = 'PENDING'", instance)).isZero();
        for (String sn : sns) {
            assertThat(koo.usage().acceptedCount(sn)).as("accepted once: " + sn).isEqualTo(1);
            assertThat(callsCarrying(sn)).as("the lost answer made one retry with the same metering_sn").hasSize(2);
        }
        assertThat(Db.count("SELECT COUNT(*) FROM usage_record WHERE instance_id = ? AND metering_sn IN (?, ?, ?)",
                instance, sns.get(0), sns.get(1), sns.get(2))).isEqualTo(3);
        assertThat(Db.count("SELECT COUNT(*) FROM bill WHERE instance_id = ? AND kind = 'USAGE'", instance)).isEqualTo(3);
    }

    @Test
    void fifteenHundredRecordsGoToKooGalleryInTwoCallsOfAtMostAThousand() {
        String instance = payPerUseInstance();
        Instant start = TestClock.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(30));
        String prefix = "bulk-" + UUID.randomUUID() + "-";
        List<String> sns = new ArrayList<>();
        for (int part = 0; part < 2; part++) {
            ArrayNode list = JsonNodeFactory.instance.arrayNode();
            int from = part == 0 ? 0 : 1000;
            int to = part == 0 ? 1000 : 1500;
            for (int i = from; i < to; i++) {
                Instant begin = start.plus(Duration.ofMinutes(i));
                // a free unit: the settlement tests sharing this database must not see thousands of usage bills
                list.add(record(prefix + i, instance, "event", "1", begin, begin.plus(Duration.ofMinutes(1))));
            }
            HttpResponse<String> r = report(JsonNodeFactory.instance.objectNode().set("records", list));
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            Json.parseObject(r.body().getBytes()).path("records").forEach(n -> sns.add(n.path("meteringSn").asText()));
        }
        assertThat(sns).hasSize(1500).doesNotHaveDuplicates();

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() ->
                Db.count("SELECT COUNT(*) FROM usage_record WHERE instance_id = ? AND status = 'ACCEPTED'", instance) == 1500);
        java.util.Set<String> ours = new java.util.HashSet<>(sns);
        List<UsageReceiver.Call> calls = koo.usage().calls().stream()
                .filter(c -> c.meteringSns().stream().anyMatch(ours::contains)).toList();
        assertThat(calls).hasSize(2);
        assertThat(calls).allSatisfy(c -> assertThat(c.meteringSns()).hasSizeLessThanOrEqualTo(1000));
        assertThat(calls.stream().mapToInt(c -> c.acceptedSns().size()).sum()).isEqualTo(1500);
        assertThat(Db.count("SELECT COUNT(*) FROM bill WHERE instance_id = ? AND kind = 'USAGE'", instance))
                .as("free usage (price 0) makes no bill").isZero();
    }

    @Test
    void concurrentPushRunsShareTheRecordsAndNeverSendOneTwice() throws Exception {
        String instance = payPerUseInstance();
        // job_execution times are the batch runtime's own (the system clock), not the application's
        java.sql.Timestamp since = java.sql.Timestamp.from(Instant.now().minusSeconds(1));
        koo.setDelay(Duration.ofSeconds(2)); // every call takes 2 s: runs started together overlap
        try {
            Instant start = TestClock.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(80));
            String prefix = "race-" + UUID.randomUUID() + "-";
            List<String> sns = new ArrayList<>();
            for (int part = 0; part < 3; part++) {
                ArrayNode list = JsonNodeFactory.instance.arrayNode();
                for (int i = part * 1000; i < (part + 1) * 1000; i++) {
                    Instant begin = start.plus(Duration.ofMinutes(i));
                    list.add(record(prefix + i, instance, "event", "1", begin, begin.plus(Duration.ofMinutes(1))));
                }
                HttpResponse<String> r = report(JsonNodeFactory.instance.objectNode().set("records", list));
                assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
                Json.parseObject(r.body().getBytes()).path("records").forEach(n -> sns.add(n.path("meteringSn").asText()));
            }
            // three more runs beside the timer's, as three more nodes would start them
            for (int i = 0; i < 3; i++) {
                startUsagePush();
            }

            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(() ->
                    Db.count("SELECT COUNT(*) FROM usage_record WHERE instance_id = ? AND status = 'ACCEPTED'", instance) == 3000);
            java.util.Set<String> ours = new java.util.HashSet<>(sns);
            List<UsageReceiver.Call> calls = koo.usage().calls().stream()
                    .filter(c -> c.meteringSns().stream().anyMatch(ours::contains)).toList();
            Map<String, Long> sent = calls.stream().flatMap(c -> c.meteringSns().stream())
                    .collect(java.util.stream.Collectors.groupingBy(sn -> sn, java.util.stream.Collectors.counting()));
            assertThat(sent).hasSize(3000);
            assertThat(sent.values()).as("every record sent once").containsOnly(1L);
            assertThat(calls).allSatisfy(c -> assertThat(c.meteringSns()).hasSizeLessThanOrEqualTo(1000));
            // the work was shared: at least two runs that sent something ran side by side
            await().atMost(PATIENCE).until(() -> Db.count("SELECT COUNT(*) FROM job_execution e JOIN job_instance i"
                    + " ON i.jobinstanceid = e.jobinstanceid WHERE i.jobname = 'usage-push' AND e.starttime >= ?"
                    + " AND e.batchstatus IN ('STARTING', 'STARTED')", since) == 0);
            List<Map<String, Object>> runs = Db.rows("SELECT e.starttime, e.endtime, s.exitstatus FROM job_execution e"
                    + " JOIN job_instance i ON i.jobinstanceid = e.jobinstanceid JOIN step_execution s"
                    + " ON s.jobexecutionid = e.jobexecutionid WHERE i.jobname = 'usage-push' AND e.starttime >= ?"
                    + " AND s.exitstatus NOT LIKE '% calls=0 %' ORDER BY e.starttime", since);
            assertThat(runs).as("runs that sent records").hasSizeGreaterThanOrEqualTo(2);
            boolean overlapped = false;
            java.time.OffsetDateTime latestEnd = (java.time.OffsetDateTime) runs.get(0).get("endtime");
            for (Map<String, Object> run : runs.subList(1, runs.size())) {
                overlapped |= ((java.time.OffsetDateTime) run.get("starttime")).isBefore(latestEnd);
                java.time.OffsetDateTime end = (java.time.OffsetDateTime) run.get("endtime");
                latestEnd = end.isAfter(latestEnd) ? end : latestEnd;
            }
            assertThat(overlapped).as("two sending runs overlapped: " + runs).isTrue();
        } finally {
            koo.setDelay(Duration.ZERO);
        }
    }

    @Test
    void aRecordThatCannotMakeTheWindowIsParkedShownAndAReplayPressedTwicePushesItOnce() {
        String instance = payPerUseInstance();
        // 30 minutes left of KooGallery's 21 days: inside Stallkeeper's 60-minute margin, so it is parked, not sent
        Instant begin = TestClock.now().minus(Duration.ofDays(21)).plus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
        String id = "late-" + UUID.randomUUID();
        HttpResponse<String> reported = report(records(record(id, instance, "hour", "1", begin, begin.plus(Duration.ofHours(1)))));
        assertThat(reported.statusCode()).isEqualTo(200);
        String sn = meteringSn(reported, id);

        awaitStatus(id, "PARKED");
        assertThat(callsCarrying(sn)).as("never sent").isEmpty();
        Console admin = Console.browser();
        admin.login(Console.adminUser(), Console.adminPassword());
        HttpResponse<String> page = admin.get("/admin/messages.xhtml");
        assertThat(page.body()).contains(id).contains(sn).contains("21-day window");
        Map<String, String> press = Map.of("parkedUsage", "parkedUsage", "parkedUsage:replay", replayButtonFor(page.body(), id),
                "jakarta.faces.ViewState", Console.viewStateOf(page.body(), "parkedUsage"));

        assertThat(admin.post("/admin/messages.xhtml", press).statusCode()).isEqualTo(302);
        assertThat(admin.get("/admin/messages.xhtml").body()).contains("will be pushed once more");
        assertThat(admin.post("/admin/messages.xhtml", press).statusCode()).as("the same page pressed again").isIn(200, 302);

        awaitStatus(id, "ACCEPTED");
        assertThat(callsCarrying(sn)).as("pushed once, with its metering_sn").hasSize(1);
        assertThat(koo.usage().acceptedCount(sn)).isEqualTo(1);
        assertThat(Db.count("SELECT COUNT(*) FROM bill WHERE instance_id = ? AND kind = 'USAGE'", instance)).isEqualTo(1);
    }

    // --- helpers ---------------------------------------------------------------------------------------------------

    @ArquillianResource
    ManagementClient management;

    /** start-job usage-push through WildFly's management API; returns the execution id. */
    private long startUsagePush() throws IOException {
        ModelNode op = Operations.createOperation("start-job", Operations.createAddress("deployment", "stallkeeper.ear",
                "subdeployment", "stallkeeper-batch.jar", "subsystem", "batch-jberet"));
        op.get("job-xml-name").set("usage-push");
        ModelNode result = management.getControllerClient().execute(op);
        assertThat(Operations.isSuccessfulOutcome(result)).as(result.toString()).isTrue();
        return Operations.readResult(result).asLong();
    }

    /** A new pay-per-use (ON_DEMAND) instance, active. */
    private static String payPerUseInstance() {
        String orderId = KooGallery.uniqueOrderId();
        KooGallery.order(orderId, "NEW", "ON_DEMAND", "P-" + orderId, "SKU-USAGE", 1);
        CallbackResult result = KooGallery.send(KooGallery.newInstance(orderId, orderId + "-000001", UUID.randomUUID().toString()));
        String id = result.json().path("instanceId").asText(null);
        assertThat(id).as(result.toString()).isNotNull();
        await().atMost(PATIENCE).until(() -> "ACTIVE".equals(Db.value("SELECT state FROM instance WHERE id = ?", id)));
        return id;
    }

    private static String orderOf(String instance) {
        return (String) Db.value("SELECT order_id FROM instance WHERE id = ?", instance);
    }

    private static ObjectNode record(String id, String instance, String unit, String value, Instant begin, Instant end) {
        return JsonNodeFactory.instance.objectNode().put("id", id).put("instanceId", instance).put("unit", unit)
                .put("value", value).put("beginTime", begin.toString()).put("endTime", end.toString());
    }

    private static ObjectNode records(ObjectNode... records) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode list = body.putArray("records");
        for (ObjectNode r : records) {
            list.add(r);
        }
        return body;
    }

    private static String meteringSn(HttpResponse<String> answer, String id) {
        for (JsonNode r : Json.parseObject(answer.body().getBytes()).path("records")) {
            if (id.equals(r.path("id").asText())) {
                return r.path("meteringSn").asText();
            }
        }
        throw new AssertionError("no record " + id + " in " + answer.body());
    }

    private List<UsageReceiver.Call> callsCarrying(String sn) {
        return koo.usage().calls().stream().filter(c -> c.meteringSns().contains(sn)).toList();
    }

    private static void awaitStatus(String reportId, String status) {
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(Db.value("SELECT status FROM usage_record WHERE report_id = ?", reportId)).isEqualTo(status));
    }

    private static String token() {
        return "Bearer " + System.getProperty("it.usage.token");
    }

    private static HttpResponse<String> report(ObjectNode body) {
        return send("POST", "/api/usage", token(), body.toString());
    }

    private static HttpResponse<String> get(String path, String authorization) {
        return send("GET", path, authorization, null);
    }

    private static HttpResponse<String> send(String method, String path, String authorization, String json) {
        HttpRequest.Builder request = HttpRequest.newBuilder(Console.url(path)).timeout(Duration.ofSeconds(60));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The value of the replay button in the parked-usage row of that record (the record's id). */
    private static String replayButtonFor(String html, String reportId) {
        int row = html.indexOf(reportId);
        Matcher m = Pattern.compile("name=\"parkedUsage:replay\" value=\"(\\d+)\"").matcher(html);
        assertThat(m.find(row)).as("replay button after " + reportId).isTrue();
        return m.group(1);
    }
}
