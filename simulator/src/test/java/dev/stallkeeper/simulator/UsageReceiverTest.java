package dev.stallkeeper.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stallkeeper.protocol.Json;
import dev.stallkeeper.protocol.KooTime;
import dev.stallkeeper.protocol.UsagePushSignature;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class UsageReceiverTest {

    private static final String KEY = "xxxxxxx";
    private static final Instant NOW = Instant.parse("2026-11-14T12:00:00Z");

    private final UsageReceiver receiver = new UsageReceiver(KEY, Clock.fixed(NOW, ZoneOffset.UTC));

    static ObjectNode record(String instance, String sn, Instant begin, Instant end, String value) {
        ObjectNode r = Json.mapper().createObjectNode();
        r.put("instance_id", instance);
        r.put("record_time", KooTime.formatUsage(end));
        r.put("begin_time", KooTime.formatUsage(begin));
        r.put("end_time", KooTime.formatUsage(end));
        r.put("usage_value", value);
        r.put("metering_sn", sn);
        return r;
    }

    static ObjectNode good(String sn) {
        return record("inst-1", sn, NOW.minus(Duration.ofHours(2)), NOW.minus(Duration.ofHours(1)), "12.5");
    }

    private UsageReceiver.Outcome push(String key, ObjectNode... records) {
        ObjectNode body = Json.mapper().createObjectNode();
        ArrayNode list = body.putArray("usage_records");
        for (ObjectNode r : records) {
            list.add(r);
        }
        return push(key, UsagePushSignature.canonicalBody(body), Long.toString(NOW.toEpochMilli()));
    }

    private UsageReceiver.Outcome push(String key, String body, String ts) {
        String nonce = UUID.randomUUID().toString();
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put("signature", UsagePushSignature.sign(key, ts, nonce, body));
        headers.put("ts", ts);
        headers.put("nonce", nonce);
        return receiver.receive(headers, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void acceptsTheDocumentedVector() {
        // TV-16: the body, ts and nonce of the document, key xxxxxxx.
        UsageReceiver tv = new UsageReceiver(KEY, Clock.fixed(Instant.ofEpochMilli(1699923900000L), ZoneOffset.UTC));
        String body = "{\"usage_records\":[{\"begin_time\":\"20231114T000000Z\",\"end_time\":\"20231114T010000Z\","
                + "\"instance_id\":\"87b94795-0603-4e24-8ae5-69420d60e3c8\",\"metering_sn\":"
                + "\"3f2a7c1e-0b5d-4e8f-9a61-2c4d8e7f9b10\",\"record_time\":\"20231114T010500Z\","
                + "\"usage_value\":\"12.5\"}]}";
        Map<String, String> headers = Map.of("signature", "vbiU5tEvVu6mPerZG9yCdY3E+yuf2V307KV7/OkAKfo=",
                "ts", "1699923900000", "nonce", "3c8e1f2a-5b7d-4c9e-8f0a-1b2c3d4e5f60");

        UsageReceiver.Outcome outcome = tv.receive(headers, body.getBytes(StandardCharsets.UTF_8));

        assertThat(outcome.httpStatus()).isEqualTo(200);
        assertThat(outcome.accepted()).isEqualTo(1);
        assertThat(tv.records()).singleElement().satisfies(r -> {
            assertThat(r.instanceId()).isEqualTo("87b94795-0603-4e24-8ae5-69420d60e3c8");
            assertThat(r.usageValue()).isEqualTo("12.5");
        });
    }

    @Test
    void refusesAWrongSignatureAndRecordsNothing() {
        UsageReceiver.Outcome outcome = push("another-key", good("sn-1"));

        assertThat(outcome.httpStatus()).isEqualTo(400);
        assertThat(outcome.resultCode()).isEqualTo("MKT.0102");
        assertThat(receiver.records()).isEmpty();
    }

    @Test
    void refusesABodyChangedAfterSigning() {
        String body = "{\"usage_records\":[" + good("sn-1") + "]}";
        String ts = Long.toString(NOW.toEpochMilli());
        String nonce = "n-1";
        Map<String, String> headers = Map.of("signature", UsagePushSignature.sign(KEY, ts, nonce, body), "ts", ts,
                "nonce", nonce);

        UsageReceiver.Outcome outcome = receiver.receive(headers,
                body.replace("12.5", "125").getBytes(StandardCharsets.UTF_8));

        assertThat(outcome.resultCode()).isEqualTo("MKT.0102");
    }

    @Test
    void refusesAStaleTsAndAReusedNonce() {
        String body = UsagePushSignature.canonicalBody(Json.mapper().createObjectNode()
                .set("usage_records", Json.mapper().createArrayNode().add(good("sn-1"))));
        assertThat(push(KEY, body, Long.toString(NOW.minus(Duration.ofMinutes(10)).toEpochMilli())).resultCode())
                .isEqualTo("MKT.0102");

        Map<String, String> headers = Map.of("signature", UsagePushSignature.sign(KEY, "" + NOW.toEpochMilli(), "n",
                body), "ts", "" + NOW.toEpochMilli(), "nonce", "n");
        assertThat(receiver.receive(headers, body.getBytes(StandardCharsets.UTF_8)).httpStatus()).isEqualTo(200);
        assertThat(receiver.receive(headers, body.getBytes(StandardCharsets.UTF_8)).resultMsg())
                .contains("nonce already used");
    }

    @Test
    void reportsEachBadRecordAndKeepsTheGoodOnes() {
        receiver.setKnownInstancesOnly(true);
        receiver.registerInstance("inst-1");
        ObjectNode unknown = record("inst-404", "sn-unknown", NOW.minus(Duration.ofHours(2)),
                NOW.minus(Duration.ofHours(1)), "1");
        ObjectNode backwards = record("inst-1", "sn-backwards", NOW.minus(Duration.ofHours(1)),
                NOW.minus(Duration.ofHours(2)), "1");
        ObjectNode future = record("inst-1", "sn-future", NOW.minus(Duration.ofHours(1)), NOW.plus(Duration.ofHours(1)),
                "1");
        ObjectNode old = record("inst-1", "sn-old", NOW.minus(Duration.ofDays(22)), NOW.minus(Duration.ofDays(21)), "1");
        ObjectNode zero = record("inst-1", "sn-zero", NOW.minus(Duration.ofHours(3)), NOW.minus(Duration.ofHours(2)), "0");
        ObjectNode badTime = good("sn-badtime").put("begin_time", "2026-11-14 10:00:00");
        ObjectNode missing = good("sn-missing");
        missing.remove("usage_value");

        UsageReceiver.Outcome outcome = push(KEY, good("sn-1"), good("sn-1"), unknown, backwards, future, old, zero,
                badTime, missing);

        assertThat(outcome.httpStatus()).isEqualTo(200);
        assertThat(outcome.resultCode()).isEqualTo("MKT.0000");
        assertThat(outcome.accepted()).isEqualTo(1);
        assertThat(outcome.failures()).extracting(UsageReceiver.RecordError::meteringSn,
                        UsageReceiver.RecordError::errorCode)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("sn-1", "003"),
                        org.assertj.core.groups.Tuple.tuple("sn-unknown", "001"),
                        org.assertj.core.groups.Tuple.tuple("sn-backwards", "004"),
                        org.assertj.core.groups.Tuple.tuple("sn-future", "004"),
                        org.assertj.core.groups.Tuple.tuple("sn-old", "005"),
                        org.assertj.core.groups.Tuple.tuple("sn-zero", "002"),
                        org.assertj.core.groups.Tuple.tuple("sn-badtime", "002"),
                        org.assertj.core.groups.Tuple.tuple("sn-missing", "002"));
        assertThat(receiver.records()).extracting(UsageReceiver.UsageRecord::meteringSn).containsExactly("sn-1");
        JsonNode json = Json.parseObject(outcome.toJson());
        assertThat(json.path("success_count").asInt()).isEqualTo(1);
        assertThat(json.path("fail_count").asInt()).isEqualTo(8);
        assertThat(json.path("failed_records").get(1).path("error_code").asText()).isEqualTo("001");
    }

    @Test
    void aRetriedRecordIsADuplicateAndSoIsTheSameWindowUnderAnotherSn() {
        assertThat(push(KEY, good("sn-1")).accepted()).isEqualTo(1);

        UsageReceiver.Outcome retry = push(KEY, good("sn-1"));
        UsageReceiver.Outcome sameWindow = push(KEY, good("sn-2"));

        assertThat(retry.failures()).singleElement().extracting(UsageReceiver.RecordError::errorCode).isEqualTo("003");
        assertThat(sameWindow.failures()).singleElement().extracting(UsageReceiver.RecordError::errorMsg)
                .asString().contains("same instance, begin_time and end_time");
        assertThat(receiver.records()).hasSize(1);
    }

    @Test
    void releasedInstancesAreAbnormal() {
        receiver.releaseInstance("inst-1");

        assertThat(push(KEY, good("sn-1")).failures()).singleElement()
                .extracting(UsageReceiver.RecordError::errorCode).isEqualTo("013");
    }

    @Test
    void acceptsExactly1000RecordsAndRefuses1001() {
        ObjectNode[] thousand = new ObjectNode[1000];
        for (int i = 0; i < 1000; i++) {
            thousand[i] = record("inst-" + i, "sn-" + i, NOW.minus(Duration.ofHours(2)), NOW.minus(Duration.ofHours(1)),
                    "1");
        }
        assertThat(push(KEY, thousand).accepted()).isEqualTo(1000);

        ObjectNode[] tooMany = new ObjectNode[1001];
        for (int i = 0; i < 1001; i++) {
            tooMany[i] = record("inst-" + i, "sn-b" + i, NOW.minus(Duration.ofHours(4)), NOW.minus(Duration.ofHours(3)),
                    "1");
        }
        UsageReceiver.Outcome outcome = push(KEY, tooMany);
        assertThat(outcome.httpStatus()).isEqualTo(500);
        assertThat(outcome.resultCode()).isEqualTo("MKT.9003");
        assertThat(receiver.records()).hasSize(1000);
    }

    @Test
    void refusesABodyWithoutRecords() {
        assertThat(push(KEY, "{\"usage_records\":[]}", Long.toString(NOW.toEpochMilli())).resultCode())
                .isEqualTo("MKT.0101");
        assertThat(push(KEY, "not json", Long.toString(NOW.toEpochMilli())).resultCode()).isEqualTo("MKT.0101");
    }
}
