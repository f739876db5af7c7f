package dev.stallkeeper.it;

import static dev.stallkeeper.it.support.KooGallery.key;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stallkeeper.it.support.Deployments;
import dev.stallkeeper.it.support.KooGallery;
import dev.stallkeeper.it.support.ServerProcess;
import dev.stallkeeper.protocol.Json;
import dev.stallkeeper.simulator.CallbackClient;
import dev.stallkeeper.simulator.CallbackResult;
import dev.stallkeeper.simulator.OpenApiServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A node dies hard (SIGKILL) after KooGallery has taken a usage push and before the node booked the answer: the
 * records stay PENDING under the dead push's lease; the server started again on the same database pushes them once
 * more with the same metering_sn once the lease has run out, KooGallery recognises them, and each is accepted and
 * billed exactly once. Own WildFly process and database (the managed container cannot survive a kill -9).
 */
class UsageCrashIT {

    private static final String TOKEN = "crash-usage-token-0001";

    private final ServerProcess server = new ServerProcess("usage-crash-server",
            System.getProperty("it.db.name") + "_usage_crash", Integer.getInteger("it.port.offset") + 70, KooGallery.serverProperties(
                    "-Dstallkeeper.provisioning.inline.ms=1500",
                    "-Dstallkeeper.retry.base.seconds=1",
                    "-Dstallkeeper.retry.max.seconds=2",
                    "-Dstallkeeper.usage.token=" + TOKEN,
                    "-Dstallkeeper.usage.units=hour=0.50",
                    "-Dstallkeeper.usage.push.seconds=2",
                    "-Dstallkeeper.usage.lease.seconds=10"));
    private final CallbackClient callbacks = new CallbackClient(
            URI.create("http://127.0.0.1:" + server.httpPort() + "/api/koogallery/produce"), key());
    private final OpenApiServer koo = KooGallery.openApi();

    @Test
    void usageKooGalleryTookWhenTheNodeDiedIsBookedOnceAfterRestartWithTheSameMeteringSn() throws Exception {
        koo.setUsageKey(key());
        server.prepare(Deployments.stallkeeper()).start();
        String instance = payPerUseInstance();
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(4));
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < 3; i++) {
            list.add(JsonNodeFactory.instance.objectNode().put("id", "crash-" + i + "-" + instance)
                    .put("instanceId", instance).put("unit", "hour").put("value", "2")
                    .put("beginTime", hour.plus(Duration.ofHours(i)).toString())
                    .put("endTime", hour.plus(Duration.ofHours(i + 1)).toString()));
        }
        koo.setUsageAnswerDelay(Duration.ofMinutes(5)); // KooGallery keeps the records, the answer is held back

        HttpResponse<String> reported = report(JsonNodeFactory.instance.objectNode().set("records", list));
        assertThat(reported.statusCode()).as(reported.body()).isEqualTo(200);
        List<String> sns = new ArrayList<>();
        for (JsonNode r : Json.parseObject(reported.body().getBytes()).path("records")) {
            sns.add(r.path("meteringSn").asText());
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> sns.stream().allMatch(sn -> koo.usage().acceptedCount(sn) == 1));

        server.killHard();
        koo.setUsageAnswerDelay(Duration.ZERO);
        assertThat(server.rows("SELECT status, attempts, metering_sn FROM usage_record WHERE instance_id = ? ORDER BY id",
                instance)).as("sent, not booked").containsExactly("PENDING 1 " + sns.get(0), "PENDING 1 " + sns.get(1),
                "PENDING 1 " + sns.get(2));

        server.start();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() ->
                "3".equals(server.sql("SELECT COUNT(*) FROM usage_record WHERE instance_id = ? AND status = 'ACCEPTED'",
                        instance)));

        for (String sn : sns) {
            assertThat(koo.usage().acceptedCount(sn)).as("KooGallery counts " + sn + " once").isEqualTo(1);
            assertThat(koo.usage().calls().stream().filter(c -> c.meteringSns().contains(sn)).count())
                    .as("resent once after the lease, with the same metering_sn").isEqualTo(2);
        }
        assertThat(server.rows("SELECT attempts FROM usage_record WHERE instance_id = ?", instance)).containsOnly("2");
        assertThat(server.sql("SELECT COUNT(*) FROM bill WHERE instance_id = ? AND kind = 'USAGE'", instance)).isEqualTo("3");
        assertThat(server.sql("SELECT SUM(amount) FROM bill WHERE instance_id = ? AND kind = 'USAGE'", instance))
                .isEqualTo("3.00");
    }

    @AfterEach
    void stop() {
        koo.setUsageAnswerDelay(Duration.ZERO);
        server.close();
    }

    private String payPerUseInstance() throws Exception {
        String orderId = KooGallery.uniqueOrderId();
        KooGallery.order(orderId, "NEW", "ON_DEMAND", "P-" + orderId, "SKU-USAGE", 1);
        CallbackResult result = callbacks.send(KooGallery.newInstance(orderId, orderId + "-000001", UUID.randomUUID().toString()));
        String id = result.json().path("instanceId").asText(null);
        assertThat(id).as(result.toString()).isNotNull();
        await().atMost(Duration.ofSeconds(60)).until(() -> "ACTIVE".equals(server.sql("SELECT state FROM instance WHERE id = ?", id)));
        return id;
    }

    private HttpResponse<String> report(ObjectNode body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.httpPort() + "/api/usage"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }
}
