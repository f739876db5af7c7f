package dev.stallkeeper.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The body of a pay-per-use usage push (spec §7.2) and KooGallery's answer. The body is serialised once, with sorted
 * keys ({@link UsagePushSignature#canonicalBody}); that exact string is signed and sent.
 */
public final class UsagePushMessage {

    /** KooGallery takes at most this many records per call (§7.2; §7.1 lists a DISCREPANCY of 100 vs 1000). */
    public static final int MAX_RECORDS = 1000;
    public static final String PATH = "/api/mkp-openapi-public/global/v1/isv/usage-data";
    public static final String SUCCESS = "MKT.0000";

    private UsagePushMessage() {
    }

    /** One {@code UsagePushData}. {@code usageValue} must be &gt; 0 with at most 4 decimals. */
    public record Record(String instanceId, Instant recordTime, Instant beginTime, Instant endTime,
                         BigDecimal usageValue, String meteringSn, String relatePkgInstance) {
        public Record {
            Objects.requireNonNull(instanceId, "instanceId");
            Objects.requireNonNull(recordTime, "recordTime");
            Objects.requireNonNull(beginTime, "beginTime");
            Objects.requireNonNull(endTime, "endTime");
            Objects.requireNonNull(meteringSn, "meteringSn");
            if (usageValue == null || usageValue.signum() <= 0 || usageValue.stripTrailingZeros().scale() > 4) {
                throw new IllegalArgumentException("usage_value must be > 0 with at most 4 decimals: " + usageValue);
            }
        }
    }

    /**
     * The canonical body {@code {"usage_records":[...]}} for 1 to {@value #MAX_RECORDS} records, in the given order.
     *
     * @throws IllegalArgumentException for no records or more than {@value #MAX_RECORDS}
     */
    public static String body(List<Record> records) {
        if (records.isEmpty() || records.size() > MAX_RECORDS) {
            throw new IllegalArgumentException("a usage push carries 1 to " + MAX_RECORDS + " records, not "
                    + records.size());
        }
        ObjectNode root = Json.mapper().createObjectNode();
        ArrayNode list = root.putArray("usage_records");
        for (Record r : records) {
            ObjectNode node = list.addObject();
            node.put("instance_id", r.instanceId());
            node.put("record_time", KooTime.formatUsage(r.recordTime()));
            node.put("begin_time", KooTime.formatUsage(r.beginTime()));
            node.put("end_time", KooTime.formatUsage(r.endTime()));
            node.put("usage_value", r.usageValue().stripTrailingZeros().toPlainString());
            node.put("metering_sn", r.meteringSn());
            if (r.relatePkgInstance() != null && !r.relatePkgInstance().isBlank()) {
                node.put("relate_pkg_instance", r.relatePkgInstance());
            }
        }
        return UsagePushSignature.canonicalBody(root);
    }

    /** A record KooGallery refused; {@code meteringSn} or {@code index} (from 0) may be missing. */
    public record Failure(String meteringSn, Integer index, String errorCode, String errorMsg) {
    }

    /** KooGallery's answer: {@code resultCode} and the refused records (their shape is UNCONFIRMED, §9a item 9). */
    public record Response(String resultCode, String resultMsg, List<Failure> failures) {

        public boolean success() {
            return SUCCESS.equals(resultCode);
        }

        /**
         * The failure of the record at {@code index} carrying {@code meteringSn}: matched by metering_sn, or by index
         * when the failure names no metering_sn.
         */
        public Failure failureOf(String meteringSn, int index) {
            for (Failure f : failures) {
                if (f.meteringSn() != null ? f.meteringSn().equals(meteringSn)
                        : f.index() != null && f.index() == index) {
                    return f;
                }
            }
            return null;
        }
    }

    /**
     * Reads an answer tolerantly: {@code failed_records} (or {@code failedRecords}) entries with {@code metering_sn},
     * {@code index}, {@code error_code}/{@code errorCode}, {@code error_msg}/{@code errorMsg}.
     *
     * @throws MalformedBodyException if the body is not a JSON object
     */
    public static Response parseResponse(byte[] body) {
        ObjectNode root = Json.parseObject(body);
        List<Failure> failures = new ArrayList<>();
        JsonNode failed = root.has("failed_records") ? root.get("failed_records") : root.path("failedRecords");
        if (failed.isArray()) {
            for (JsonNode f : failed) {
                failures.add(new Failure(text(f, "metering_sn", "meteringSn"),
                        f.path("index").canConvertToInt() && f.path("index").isNumber() ? f.get("index").asInt() : null,
                        text(f, "error_code", "errorCode"), text(f, "error_msg", "errorMsg")));
            }
        }
        return new Response(text(root, "resultCode", "result_code"), text(root, "resultMsg", "result_msg"),
                List.copyOf(failures));
    }

    private static String text(JsonNode node, String name, String alternative) {
        JsonNode v = node.has(name) ? node.get(name) : node.get(alternative);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** For logs: the answer's first characters. */
    public static String preview(byte[] body) {
        String s = new String(body == null ? new byte[0] : body, StandardCharsets.UTF_8);
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
