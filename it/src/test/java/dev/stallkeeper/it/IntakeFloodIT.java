package dev.stallkeeper.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stallkeeper.it.clock.TestClock;
import dev.stallkeeper.it.support.Db;
import dev.stallkeeper.it.support.Deployments;
import dev.stallkeeper.it.support.KooGallery;
import dev.stallkeeper.simulator.CallbackClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Concurrent oversized unsigned bodies (issue 13): six 4 MiB bodies that would cost a large JSON tree to a Kit
 * interface and six 64 KiB bodies to the production address, three rounds. Health answers within 2 s throughout,
 * every request is answered, and nothing but metadata of the bodies is stored.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class IntakeFloodIT {

    private static final int KIT_BODY = 4 * 1024 * 1024;
    private static final int PRODUCE_BODY = 64 * 1024;

    @Deployment(testable = false)
    static EnterpriseArchive deployment() {
        return Deployments.stallkeeper();
    }

    /** {"x":[{},{},...]} of exactly {@code size} bytes. */
    private static byte[] manyObjects(int size) {
        StringBuilder sb = new StringBuilder(size).append("{\"orderId\":\"CS-FLOOD\",\"x\":[{}");
        while (sb.length() + 5 <= size) {
            sb.append(",{}");
        }
        sb.append("]}");
        while (sb.length() < size) {
            sb.append(' ');
        }
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void oversizedUnsignedBodiesLeaveHealthUpAndStoreOnlyMetadata() throws Exception {
        URI produce = KooGallery.produceAddress();
        URI kit = URI.create(produce + "/produceAPI/v2/tenantSync");
        URI health = produce.resolve("/api/health");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        byte[] kitBody = manyObjects(KIT_BODY);
        byte[] produceBody = manyObjects(PRODUCE_BODY);
        String kitHash = sha256(kitBody);
        String produceHash = sha256(produceBody);
        long accepted = Db.count("SELECT COUNT(*) FROM callback_log WHERE NOT refused");

        for (int round = 0; round < 3; round++) {
            List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                // half with no credentials at all, half with fresh credentials and a wrong signature (read and verified)
                boolean looksSigned = i % 2 == 1;
                String ts = Long.toString(TestClock.millis());
                String nonce = CallbackClient.newNonce();
                String sign = "ab".repeat(32);
                HttpRequest.Builder k = HttpRequest.newBuilder(kit).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(kitBody));
                if (looksSigned) {
                    k.header("x-sign", sign).header("x-timestamp", ts).header("x-nonce", nonce);
                }
                calls.add(http.sendAsync(k.build(), HttpResponse.BodyHandlers.ofString()));
                URI p = looksSigned ? URI.create(produce + "?signature=" + sign + "&timestamp=" + ts + "&nonce=" + nonce)
                        : produce;
                calls.add(http.sendAsync(HttpRequest.newBuilder(p).timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(produceBody)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            // health throughout the round: a probe, then up to 100 ms waiting for the round to end
            CompletableFuture<Void> roundDone = CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new));
            while (!roundDone.isDone()) {
                long t0 = System.nanoTime();
                HttpResponse<String> h = http.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).GET()
                        .build(), HttpResponse.BodyHandlers.ofString());
                long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
                assertThat(h.statusCode()).isEqualTo(200);
                assertThat(ms).as("health answer time in round %d", round).isLessThan(2000);
                try {
                    roundDone.get(100, TimeUnit.MILLISECONDS);
                } catch (TimeoutException | ExecutionException stillRunning) {
                    // the next probe (a failed call is reported below, with its answer)
                }
            }
            for (CompletableFuture<HttpResponse<String>> call : calls) {
                HttpResponse<String> r = call.get(30, TimeUnit.SECONDS);
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).matches(".*\"resultCode\":\"00000[12]\".*");
            }
        }

        assertThat(Db.count("SELECT COUNT(*) FROM callback_log WHERE body_sha256 IN (?, ?)", kitHash, produceHash))
                .as("one row per request").isEqualTo(36);
        assertThat(Db.count("SELECT COUNT(*) FROM callback_log WHERE body_sha256 IN (?, ?) AND (NOT refused"
                + " OR order_id IS NOT NULL OR octet_length(request_body) > 1024)", kitHash, produceHash))
                .as("rows that hold more than metadata").isZero();
        assertThat(Db.count("SELECT COUNT(*) FROM callback_log WHERE body_sha256 = ? AND body_size = ?", kitHash, KIT_BODY))
                .isEqualTo(18);
        assertThat(Db.count("SELECT COUNT(*) FROM callback_log WHERE NOT refused")).as("rows of accepted calls")
                .isEqualTo(accepted);
    }

    private static String sha256(byte[] body) throws NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    }
}
