package dev.stallkeeper.it;

import static dev.stallkeeper.it.support.KooGallery.body;
import static dev.stallkeeper.it.support.KooGallery.key;
import static dev.stallkeeper.it.support.KooGallery.newInstance;
import static dev.stallkeeper.it.support.KooGallery.order;
import static dev.stallkeeper.it.support.KooGallery.uniqueOrderId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.stallkeeper.it.clock.TestClock;
import dev.stallkeeper.it.support.Deployments;
import dev.stallkeeper.it.support.KooGallery;
import dev.stallkeeper.it.support.ServerProcess;
import dev.stallkeeper.it.support.TcpProxy;
import dev.stallkeeper.simulator.CallbackClient;
import dev.stallkeeper.simulator.CallbackResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The database goes away for a few seconds (a restart, an RDS failover) while KooGallery sends 20 signed newInstance
 * a second. A TCP proxy of the test's own stands between the server and PostgreSQL and is cut (every connection
 * dropped, new ones refused) and resumed; the machine's PostgreSQL is never touched. Runs its own WildFly (port
 * offset 90 above the Arquillian one) on its own database.
 * <p>
 * Checked: every answer is HTTP 200, signed JSON, within 1 s; callbacks succeed again within 2 s of the database
 * being back; every request sent has exactly one audit row afterwards (those answered during the outage marked so);
 * every order succeeds when resent, with one instance; the log grows by a bounded number of bytes per failed
 * callback; {@code /api/metrics} shows the failures and the recovery.
 */
class DatabaseOutageIT {

    private static final int RATE = 20;
    /** Requests sent before the cut, during the outage and after the database is back (4 s, 8 s, 10 s at 20/s). */
    private static final int BEFORE = 4 * RATE;
    private static final int OUTAGE = 8 * RATE;
    private static final int AFTER = 10 * RATE;
    private static final String METRICS_TOKEN = "it-metrics-token-0001";

    private TcpProxy proxy;
    private ServerProcess server;

    /** One request sent: when, its order and nonce, and what came back. */
    private record Sent(Instant at, String orderId, String nonce, CompletableFuture<CallbackResult> answer) {
    }

    @Test
    void callbacksAreAnsweredAuditedAndRecoveredAcrossADatabaseOutage() throws Exception {
        proxy = new TcpProxy(System.getProperty("it.db.host"), Integer.getInteger("it.db.port"));
        server = new ServerProcess("outage-server", System.getProperty("it.db.name") + "_dbdown",
                Integer.getInteger("it.port.offset") + 90, KooGallery.serverProperties(
                    "-Dstallkeeper.metrics.token=" + METRICS_TOKEN));
        server.databaseVia("127.0.0.1", proxy.port()).prepare(Deployments.stallkeeper()).start();
        CallbackClient kooGallery = new CallbackClient(
                URI.create("http://127.0.0.1:" + server.httpPort() + "/api/koogallery/produce"), key(),
                CallbackClient.defaultHttpClient(), Duration.ofSeconds(30), TestClock.CLOCK);
        // warm up: the first calls of a fresh server pay for class loading and compilation
        for (int i = 0; i < 60; i++) {
            String orderId = uniqueOrderId();
            order(orderId, "NEW", "PERIOD", "P-" + orderId, "SKU-BASIC", 20);
            kooGallery.send(newInstance(orderId, orderId + "-000001", UUID.randomUUID().toString()));
        }
        Path log = server.home().resolve("standalone/log/server.log");

        List<Sent> sent = Collections.synchronizedList(new ArrayList<>());
        ScheduledExecutorService load = Executors.newSingleThreadScheduledExecutor();
        load.scheduleAtFixedRate(() -> {
            String orderId = uniqueOrderId();
            order(orderId, "NEW", "PERIOD", "P-" + orderId, "SKU-BASIC", 20);
            CallbackClient.SignedCallback signed = kooGallery.sign(
                    newInstance(orderId, orderId + "-000001", UUID.randomUUID().toString()));
            sent.add(new Sent(Instant.now(), orderId, signed.nonce(),
                    kooGallery.sendAsync(signed.body(), signed.nonce(), signed.timestamp(), signed.signature())));
        }, 0, 1000 / RATE, TimeUnit.MILLISECONDS);

        // a provisioning attempt in flight when the database goes away (5 s of work, sent a second before the cut)
        await().atMost(Duration.ofSeconds(30)).until(() -> sent.size() >= BEFORE - RATE);
        String slowOrder = uniqueOrderId();
        String slowInstance = UUID.randomUUID().toString();
        order(slowOrder, "NEW", "PERIOD", "P-" + slowOrder, "SLOW-5000", 1);
        CompletableFuture<CallbackResult> slowAnswer = kooGallery.sendAsync(
                newInstance(slowOrder, slowOrder + "-000001", slowInstance));
        await().atMost(Duration.ofSeconds(30)).until(() -> sent.size() >= BEFORE);
        Map<String, Double> beforeOutage = metrics();
        long logBefore = Files.size(log);
        Instant cutAt = Instant.now();
        proxy.cut();
        await().atMost(Duration.ofSeconds(60)).until(() -> sent.size() >= BEFORE + OUTAGE - RATE);
        Map<String, Double> duringOutage = metrics();
        await().atMost(Duration.ofSeconds(60)).until(() -> sent.size() >= BEFORE + OUTAGE);
        long logAtResume = Files.size(log);
        proxy.resume();
        Instant backAt = Instant.now();
        await().atMost(Duration.ofSeconds(60)).until(() -> sent.size() >= BEFORE + OUTAGE + AFTER);
        load.shutdown();
        assertThat(load.awaitTermination(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture.allOf(sent.stream().map(Sent::answer).toArray(CompletableFuture[]::new))
                .get(30, TimeUnit.SECONDS);
        long logAfter = Files.size(log);

        System.out.printf("DatabaseOutageIT: slowest answer before the cut %d ms, while the database was away %d ms,"
                        + " after it was back %d ms%n", slowest(sent, Instant.MIN, cutAt), slowest(sent, cutAt, backAt),
                slowest(sent, backAt, Instant.MAX));

        // every answer: HTTP 200, signed JSON, within a second
        List<String> problems = new ArrayList<>();
        for (Sent s : sent) {
            CallbackResult r = s.answer().join();
            r.problems(true).forEach(p -> problems.add(s.orderId() + ": " + p));
            if (r.latency().compareTo(Duration.ofSeconds(1)) > 0) {
                problems.add(s.orderId() + ": answered in " + r.latency().toMillis() + " ms");
            }
        }
        assertThat(problems).isEmpty();

        List<Sent> failed = sent.stream().filter(s -> !ok(s.answer().join().resultCode())).toList();
        long busyAnswers = failed.stream().filter(s -> "000005".equals(s.answer().join().resultCode())).count();
        Instant lastFailure = failed.stream().map(Sent::at).max(Instant::compareTo).orElseThrow();
        double recovery = Math.max(0, Duration.between(backAt, lastFailure).toMillis() / 1000.0);
        long failedDuring = failed.stream().filter(s -> !s.at().isBefore(cutAt) && s.at().isBefore(backAt)).count();
        long perFailure = (logAtResume - logBefore) / Math.max(1, failedDuring);
        System.out.printf("DatabaseOutageIT: %d callbacks sent, %d failed (%d while the database was away, %.1f s);"
                        + " last failure sent %.2f s after the database was back; the log grew %d bytes during the"
                        + " outage = %d bytes per failed callback (%d bytes from the cut to the end of the load)%n",
                sent.size(), failed.size(), failedDuring, Duration.between(cutAt, backAt).toMillis() / 1000.0, recovery,
                logAtResume - logBefore, perFailure, logAfter - logBefore);
        assertThat(failedDuring).as("the outage is felt").isPositive();
        assertThat(failed).as("nothing answered before the cut failed")
                .allMatch(s -> !s.at().plus(s.answer().join().latency()).isBefore(cutAt));
        assertThat(recovery).as("seconds after the database is back until callbacks succeed").isLessThan(2.0);
        assertThat(perFailure).as("log bytes per failed callback").isLessThan(2048);
        String logText = Files.readString(log);
        assertThat(logText).doesNotContain("WFLYEJB0020").doesNotContain("WFLYEJB0022");

        // the attempt that died with the database ran again within seconds of its return, not after its 120 s lease
        String slowCode = slowAnswer.get(30, TimeUnit.SECONDS).resultCode();
        assertThat(slowCode).isIn("000004", "000005");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).until(() ->
                "ACTIVE".equals(server.sql("SELECT state FROM instance WHERE id = ?", slowInstance)));
        System.out.printf("DatabaseOutageIT: the provisioning attempt that died with the database was active again"
                + " %.1f s after the database was back (attempts %s)%n",
                Duration.between(backAt, Instant.now()).toMillis() / 1000.0,
                server.sql("SELECT attempts FROM work_item WHERE instance_id = ?", slowInstance));
        assertThat(Integer.parseInt(server.sql("SELECT attempts FROM work_item WHERE instance_id = ?", slowInstance)))
                .as("the first attempt died with the database").isGreaterThanOrEqualTo(2);

        // every request has exactly one audit row once the spool is replayed; the outage's rows are marked
        Set<String> nonces = sent.stream().map(Sent::nonce).collect(Collectors.toSet());
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(auditedNonces(nonces)).isEqualTo(nonces.size()));
        assertThat(server.sql("SELECT COUNT(*) FROM (SELECT nonce FROM callback_log GROUP BY nonce"
                + " HAVING COUNT(*) > 1) d")).isEqualTo("0");
        long outageRows = Long.parseLong(server.sql("SELECT COUNT(*) FROM callback_log WHERE outage"));
        System.out.printf("DatabaseOutageIT: %d audit rows written from the spool after the outage%n", outageRows);
        // the failed callbacks, and the slow order's own answer, which was given while the database was away
        assertThat(outageRows).isPositive().isLessThanOrEqualTo(failed.size() + 1L);
        // a spooled row replayed a second time (a crash between its insert and the spool's position) cannot be stored
        // twice: the spool key is unique
        String spoolKey = server.sql("SELECT spool_key FROM callback_log WHERE outage ORDER BY id LIMIT 1");
        assertThatThrownBy(() -> server.update("INSERT INTO callback_log (id, received_at, activity, test_flag, nonce,"
                + " result_code, latency_ms, refused, outage, spool_key) SELECT nextval('callback_log_seq'), received_at,"
                + " activity, test_flag, nonce, result_code, latency_ms, refused, outage, spool_key FROM callback_log"
                + " WHERE spool_key = ?", spoolKey)).isInstanceOf(SQLException.class).hasMessageContaining("spool_key");
        for (Sent s : failed.subList(0, Math.min(20, failed.size()))) {
            assertThat(server.sql("SELECT result_code FROM callback_log WHERE nonce = ?", s.nonce()))
                    .isEqualTo(s.answer().join().resultCode());
        }

        // every order succeeds when resent, with one instance
        List<String> notProvisioned = new ArrayList<>();
        for (Sent s : sent) {
            CallbackResult resent = kooGallery.send(newInstance(s.orderId(), s.orderId() + "-000001",
                    UUID.randomUUID().toString()));
            String instanceId = resent.json().path("instanceId").asText(null);
            if ("000004".equals(resent.resultCode()) && instanceId != null) {
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250)).until(() -> "000000".equals(
                        kooGallery.send(body("queryInstance").put("instanceId", instanceId)).resultCode()));
            } else if (!"000000".equals(resent.resultCode())) {
                notProvisioned.add(s.orderId() + " " + resent.resultCode());
            }
        }
        assertThat(notProvisioned).isEmpty();
        assertThat(server.sql("SELECT COUNT(*) FROM (SELECT order_id FROM instance GROUP BY order_id"
                + " HAVING COUNT(*) > 1) d")).isEqualTo("0");
        assertThat(server.sql("SELECT COUNT(*) FROM instance WHERE state <> 'ACTIVE' AND order_id IN ("
                + sent.stream().map(s -> "'" + s.orderId() + "'").collect(Collectors.joining(",")) + ")")).isEqualTo("0");

        // the metrics showed the outage, then the recovery
        String failedSeries = "stallkeeper_callbacks_total{interface=\"produce\",activity=\"newInstance\",result_code=\"000005\"}";
        String okSeries = "stallkeeper_callbacks_total{interface=\"produce\",activity=\"newInstance\",result_code=\"000000\"}";
        assertThat(beforeOutage.getOrDefault(failedSeries, 0.0)).isZero();
        assertThat(duringOutage.getOrDefault(failedSeries, 0.0)).isPositive();
        assertThat(duringOutage.get("stallkeeper_database_up")).isZero();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Map<String, Double> after = metrics();
            assertThat(after.get("stallkeeper_database_up")).isEqualTo(1.0);
            assertThat(after.get("stallkeeper_audit_spool_entries")).isZero();
            assertThat(after.get("stallkeeper_audit_spool_replayed_total")).isEqualTo((double) outageRows);
            assertThat(after.get(okSeries)).isGreaterThan(duringOutage.getOrDefault(okSeries, 0.0));
            // the load's 000005 answers, and the slow order's own when it was one
            assertThat(after.get(failedSeries)).isEqualTo((double) busyAnswers + ("000005".equals(slowCode) ? 1 : 0));
        });
        System.out.printf("DatabaseOutageIT: metrics during the outage: %s 000005 answers, database_up %s%n",
                duringOutage.get(failedSeries), duringOutage.get("stallkeeper_database_up"));
    }

    private static long slowest(List<Sent> sent, Instant from, Instant to) {
        return sent.stream().filter(s -> !s.at().isBefore(from) && s.at().isBefore(to))
                .mapToLong(s -> s.answer().join().latency().toMillis()).max().orElse(0);
    }

    private static boolean ok(String code) {
        return "000000".equals(code) || "000004".equals(code);
    }

    private long auditedNonces(Set<String> nonces) throws Exception {
        long found = 0;
        List<String> all = new ArrayList<>(nonces);
        for (int i = 0; i < all.size(); i += 200) {
            List<String> slice = all.subList(i, Math.min(all.size(), i + 200));
            found += Long.parseLong(server.sql("SELECT COUNT(DISTINCT nonce) FROM callback_log WHERE nonce IN ("
                    + slice.stream().map(n -> "'" + n.replace("'", "''") + "'").collect(Collectors.joining(",")) + ")"));
        }
        return found;
    }

    /** The node's metrics, by series (name with labels) to value. */
    private Map<String, Double> metrics() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.httpPort() + "/api/metrics"))
                .header("Authorization", "Bearer " + METRICS_TOKEN).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        Map<String, Double> series = new java.util.HashMap<>();
        Matcher m = Pattern.compile("^([a-z_]+(?:\\{[^}]*})?) (\\S+)$", Pattern.MULTILINE).matcher(response.body());
        while (m.find()) {
            series.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return series;
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }
}
