package dev.stallkeeper.it.workflow;

import static dev.stallkeeper.it.support.Console.adminPassword;
import static dev.stallkeeper.it.support.Console.adminUser;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stallkeeper.it.clock.TestClock;
import dev.stallkeeper.it.support.Console;
import dev.stallkeeper.it.support.Db;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Helpers of the supervision and invoice tests: the admin API as JSON, and ledger rows seeded as callbacks would. */
final class Workflows {

    static final ObjectMapper JSON = new ObjectMapper();

    private Workflows() {
    }

    record Answer(int status, JsonNode body) {
    }

    static Answer call(String method, String path, Object body) {
        return call(adminUser(), adminPassword(), method, path, body);
    }

    static Answer call(String user, String password, String method, String path, Object body) {
        try {
            HttpResponse<String> r = Console.api(method, path, user, password,
                    body == null ? (method.equals("GET") ? null : "{}") : JSON.writeValueAsString(body));
            JsonNode json = r.body() == null || r.body().isBlank() ? JSON.nullNode() : parse(r.body());
            return new Answer(r.statusCode(), json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return JSON.getNodeFactory().textNode(body);
        }
    }

    /** A JSON-ready file. */
    static java.util.Map<String, String> file(String name, String contentType, byte[] bytes) {
        return java.util.Map.of("name", name, "contentType", contentType, "base64", Base64.getEncoder().encodeToString(bytes));
    }

    /** A bill of a new purchase, as the callback path records it. */
    static long seedBill(String orderId, String orderLineId, String amount, String supervision) {
        long id = ((Number) Db.value("SELECT nextval('bill_seq')")).longValue();
        OffsetDateTime now = TestClock.now().atOffset(ZoneOffset.UTC);
        Db.update("INSERT INTO bill (id, source, source_key, recorded_by, order_id, order_line_id, product_id, product_type,"
                        + " kind, amount, payment_state, supervision_state, effective_at, settleable_at, created_at, updated_at,"
                        + " version) VALUES (?, 'ORDER', ?, 'CALLBACK', ?, ?, 'OFFI-IT', 'SAAS', 'NEW', ?, 'PAID', ?, ?, ?, ?, ?, 0)",
                id, orderId + "/" + orderLineId + "/NEW", orderId, orderLineId, new BigDecimal(amount), supervision, now,
                "NOT_REQUIRED".equals(supervision) ? now : null, now, now);
        return id;
    }

    /** An active monthly instance of the order line, as provisioning leaves it. */
    static String seedInstance(String orderId, String orderLineId, int months) {
        String id = "it-sup-" + orderId;
        OffsetDateTime now = TestClock.now().atOffset(ZoneOffset.UTC);
        Db.update("INSERT INTO instance (id, order_id, order_line_id, product_key, state, charging_mode, product_id,"
                        + " period_type, period_number, trial, expires_at, customer_name, created_at, updated_at, version)"
                        + " VALUES (?, ?, ?, '', 'ACTIVE', 'PERIOD', 'OFFI-IT', 'month', ?, FALSE, ?, 'Supervised Buyer', ?, ?, 0)",
                id, orderId, orderLineId, months, now.plusMonths(months), now, now);
        return id;
    }

    static void assertRefused(Answer a, int status, String key, String messagePart) {
        assertThat(a.status()).as(a.body().toString()).isEqualTo(status);
        assertThat(a.body().path("key").asText()).isEqualTo(key);
        assertThat(a.body().path("error").asText()).contains(messagePart);
    }

    /** Two calls released at the same moment (a barrier), as two users pressing at once; their answers, in order. */
    static List<Answer> atOnce(Supplier<Answer> first, Supplier<Answer> second) throws Exception {
        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Answer> a = pool.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                return first.get();
            });
            Future<Answer> b = pool.submit(() -> {
                start.await(10, TimeUnit.SECONDS);
                return second.get();
            });
            return List.of(a.get(60, TimeUnit.SECONDS), b.get(60, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }

    /** The pages of a list, from {@code path} along its {@code next} links (at most 50 pages). */
    static List<JsonNode> pages(String path) {
        List<JsonNode> pages = new ArrayList<>();
        for (String next = path; next != null && pages.size() < 50; ) {
            Answer a = call("GET", next, null);
            assertThat(a.status()).as(a.body().toString()).isEqualTo(200);
            pages.add(a.body());
            next = a.body().path("next").isTextual() ? a.body().path("next").asText() : null;
        }
        return pages;
    }
}
