package dev.stallkeeper.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stallkeeper.protocol.Json;
import dev.stallkeeper.protocol.KooTime;
import dev.stallkeeper.protocol.MalformedBodyException;
import dev.stallkeeper.protocol.UsagePushSignature;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * KooGallery's side of the pay-per-use usage push, new variant (spec §7.2): checks the {@code signature}/{@code ts}/
 * {@code nonce} headers ({@link UsagePushSignature}, basic-interface key) over the exact body, accepts at most
 * {@value #MAX_RECORDS} records per call, checks each record and keeps the good ones.
 *
 * <p>Call-level answers (the documented codes of §7.1/§7.2): bad or missing signature, stale {@code ts} or a reused
 * nonce: HTTP 400 {@code MKT.0102}; a body that is not {@code {"usage_records":[...]}} with at least one record:
 * HTTP 400 {@code MKT.0101}; more than {@value #MAX_RECORDS} records: HTTP 500 {@code MKT.9003} (nothing kept).
 * Otherwise HTTP 200 {@code MKT.0000} with per-record failures:
 * <pre>
 * {"resultCode":"MKT.0000","resultMsg":"success","success_count":2,"fail_count":1,
 *  "failed_records":[{"metering_sn":"...","error_code":"003","error_msg":"duplicate metering_sn"}]}
 * </pre>
 * Huawei documents only {@code 001} (instance does not exist) and {@code 013} (resource status abnormal) among the
 * per-record codes and not the shape of the answer (UNCONFIRMED, §9a item 9); the simulator's own choices are
 * {@link #INVALID_FIELD 002}, {@link #DUPLICATE 003}, {@link #BAD_TIME_ORDER 004}, {@link #TOO_OLD 005}.
 *
 * <p>Thread-safe.
 */
public final class UsageReceiver {

    public static final String PATH = "/api/mkp-openapi-public/global/v1/isv/usage-data";
    public static final String HEADER_SIGNATURE = "signature";
    public static final String HEADER_TS = "ts";
    public static final String HEADER_NONCE = "nonce";
    public static final int MAX_RECORDS = 1000;
    /** {@code begin_time} must lie within the last 21 days (MKT.9004). */
    public static final Duration MAX_AGE = Duration.ofDays(21);
    /** How far {@code ts} may be from the receiver's clock. */
    public static final Duration TS_WINDOW = Duration.ofMinutes(5);
    /** End times this far after the receipt are still accepted, for clock skew between the two machines. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

    public static final String UNKNOWN_INSTANCE = "001";
    public static final String INVALID_FIELD = "002";
    public static final String DUPLICATE = "003";
    public static final String BAD_TIME_ORDER = "004";
    public static final String TOO_OLD = "005";
    public static final String RESOURCE_ABNORMAL = "013";

    private static final int MAX_REMEMBERED_NONCES = 100_000;

    private final Clock clock;
    private volatile String key;
    private volatile boolean knownInstancesOnly;
    private final Set<String> knownInstances = Collections.synchronizedSet(new HashSet<>());
    private final Set<String> releasedInstances = Collections.synchronizedSet(new HashSet<>());
    private final Set<String> nonces = new LinkedHashSet<>();
    private final Map<String, UsageRecord> bySn = new LinkedHashMap<>();
    private final Map<String, String> byInstanceWindow = new HashMap<>();
    private final List<Call> calls = new ArrayList<>();

    /**
     * One push as it arrived and was judged: every metering_sn it carried (in order) and those accepted. Calls refused
     * as a whole (signature, shape, size) are not listed.
     */
    public record Call(Instant receivedAt, List<String> meteringSns, List<String> acceptedSns,
                       List<RecordError> failures) {
    }

    /** One accepted record, as sent, with when it arrived. */
    public record UsageRecord(String instanceId, String recordTime, String beginTime, String endTime,
                              String usageValue, String meteringSn, String relatePkgInstance, Instant receivedAt) {

        ObjectNode toJson() {
            ObjectNode node = Json.mapper().createObjectNode();
            node.put("instance_id", instanceId);
            node.put("record_time", recordTime);
            node.put("begin_time", beginTime);
            node.put("end_time", endTime);
            node.put("usage_value", usageValue);
            node.put("metering_sn", meteringSn);
            if (relatePkgInstance != null) {
                node.put("relate_pkg_instance", relatePkgInstance);
            }
            node.put("received_at", receivedAt.toString());
            return node;
        }
    }

    /** Why one record was refused. {@code index} is its position in the call, from 0. */
    public record RecordError(int index, String meteringSn, String errorCode, String errorMsg) {
    }

    /** The answer to one call. */
    public record Outcome(int httpStatus, String resultCode, String resultMsg, int accepted,
                          List<RecordError> failures) {

        public boolean callAccepted() {
            return httpStatus == 200;
        }

        public byte[] toJson() {
            ObjectNode node = Json.mapper().createObjectNode();
            node.put("resultCode", resultCode);
            node.put("resultMsg", resultMsg);
            if (callAccepted()) {
                node.put("success_count", accepted);
                node.put("fail_count", failures.size());
                ArrayNode failed = node.putArray("failed_records");
                for (RecordError e : failures) {
                    ObjectNode f = failed.addObject();
                    if (e.meteringSn() != null) {
                        f.put("metering_sn", e.meteringSn());
                    }
                    f.put("index", e.index());
                    f.put("error_code", e.errorCode());
                    f.put("error_msg", e.errorMsg());
                }
            }
            return Json.write(node);
        }

        static Outcome refused(int status, String code, String message) {
            return new Outcome(status, code, message, 0, List.of());
        }
    }

    /**
     * @param key the seller's basic-interface key the pushes are signed with; {@code null} refuses every push
     */
    public UsageReceiver(String key, Clock clock) {
        this.key = key;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void setKey(String key) {
        this.key = key;
    }

    /**
     * When true, records for instances not {@link #registerInstance registered} fail with {@code 001}; when false
     * (the default) any instance id is taken, since the simulator does not see the seller's newInstance answers.
     */
    public void setKnownInstancesOnly(boolean knownOnly) {
        this.knownInstancesOnly = knownOnly;
    }

    /** Makes {@code instanceId} a known pay-per-use instance (and forgets an earlier release of it). */
    public void registerInstance(String instanceId) {
        knownInstances.add(Objects.requireNonNull(instanceId, "instanceId"));
        releasedInstances.remove(instanceId);
    }

    /** Records for a released instance then fail with {@code 013} (resource status abnormal). */
    public void releaseInstance(String instanceId) {
        releasedInstances.add(Objects.requireNonNull(instanceId, "instanceId"));
    }

    /** Accepted records in arrival order (a snapshot). */
    public synchronized List<UsageRecord> records() {
        return List.copyOf(bySn.values());
    }

    /** Every judged push in arrival order (a snapshot); only the last 10,000 are kept. */
    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    /** How many times a record with this metering_sn was accepted (KooGallery keeps one: 0 or 1). */
    public synchronized long acceptedCount(String meteringSn) {
        return calls.stream().flatMap(c -> c.acceptedSns().stream()).filter(meteringSn::equals).count();
    }

    /** The calls as {@code {"calls":[{"receivedAt":...,"records":n,"accepted":[sn...],"failed":[{sn,code}]}]}}. */
    public synchronized ObjectNode callsJson() {
        ObjectNode node = Json.mapper().createObjectNode();
        ArrayNode list = node.putArray("calls");
        for (Call c : calls) {
            ObjectNode call = list.addObject();
            call.put("receivedAt", c.receivedAt().toString());
            call.put("records", c.meteringSns().size());
            ArrayNode accepted = call.putArray("accepted");
            c.acceptedSns().forEach(accepted::add);
            ArrayNode failed = call.putArray("failed");
            c.failures().forEach(f -> failed.addObject().put("metering_sn", f.meteringSn()).put("error_code", f.errorCode()));
        }
        return node;
    }

    /** All accepted records as {@code {"records":[...]}}. */
    public synchronized ObjectNode recordsJson() {
        ObjectNode node = Json.mapper().createObjectNode();
        ArrayNode list = node.putArray("records");
        bySn.values().forEach(r -> list.add(r.toJson()));
        return node;
    }

    /**
     * Handles one push.
     *
     * @param headers request headers, looked up case-insensitively by the caller's map
     * @param body    the exact body bytes
     */
    public Outcome receive(Map<String, String> headers, byte[] body) {
        String k = key;
        String signature = headers.get(HEADER_SIGNATURE);
        String ts = headers.get(HEADER_TS);
        String nonce = headers.get(HEADER_NONCE);
        String text = new String(body == null ? new byte[0] : body, StandardCharsets.UTF_8);
        if (k == null || !UsagePushSignature.verify(k, ts, nonce, text, signature)) {
            return Outcome.refused(400, "MKT.0102", "Invalid body sign");
        }
        Instant now = clock.instant();
        Instant sent;
        try {
            sent = KooTime.parseSignatureTimestamp(ts);
        } catch (IllegalArgumentException e) {
            return Outcome.refused(400, "MKT.0102", "Invalid body sign: ts is not a Unix time");
        }
        if (Duration.between(sent, now).abs().compareTo(TS_WINDOW) > 0) {
            return Outcome.refused(400, "MKT.0102", "Invalid body sign: ts outside " + TS_WINDOW.toMinutes() + " min");
        }
        ObjectNode root;
        try {
            root = Json.parseObject(body);
        } catch (MalformedBodyException e) {
            return Outcome.refused(400, "MKT.0101", "Invalid parameter: " + e.getMessage());
        }
        JsonNode records = root.get("usage_records");
        if (records == null || !records.isArray() || records.isEmpty()) {
            return Outcome.refused(400, "MKT.0101", "Invalid parameter: usage_records must be a non-empty list");
        }
        if (records.size() > MAX_RECORDS) {
            return Outcome.refused(500, "MKT.9003", "Too many usage records: " + records.size() + ", at most "
                    + MAX_RECORDS);
        }
        synchronized (this) {
            if (!nonces.add(nonce)) {
                return Outcome.refused(400, "MKT.0102", "Invalid body sign: nonce already used");
            }
            if (nonces.size() > MAX_REMEMBERED_NONCES) {
                nonces.remove(nonces.iterator().next());
            }
            List<RecordError> failures = new ArrayList<>();
            List<String> sns = new ArrayList<>();
            List<String> acceptedSns = new ArrayList<>();
            int accepted = 0;
            for (int i = 0; i < records.size(); i++) {
                JsonNode r = records.get(i);
                String sn = r.isObject() && r.path("metering_sn").isTextual() ? r.get("metering_sn").asText() : null;
                String problem = check(r, now);
                sns.add(sn);
                if (problem != null) {
                    failures.add(new RecordError(i, sn, problem.substring(0, 3), problem.substring(4)));
                    continue;
                }
                UsageRecord record = new UsageRecord(r.get("instance_id").asText(), r.get("record_time").asText(),
                        r.get("begin_time").asText(), r.get("end_time").asText(), r.get("usage_value").asText(), sn,
                        r.path("relate_pkg_instance").isTextual() ? r.get("relate_pkg_instance").asText() : null,
                        now);
                bySn.put(sn, record);
                byInstanceWindow.put(windowKey(record.instanceId(), record.beginTime(), record.endTime()), sn);
                acceptedSns.add(sn);
                accepted++;
            }
            calls.add(new Call(now, List.copyOf(sns), List.copyOf(acceptedSns), List.copyOf(failures)));
            if (calls.size() > 10_000) {
                calls.remove(0);
            }
            return new Outcome(200, "MKT.0000", "success", accepted, List.copyOf(failures));
        }
    }

    /** {@code "<code> <message>"} for a refused record, {@code null} for a good one. Caller holds the lock. */
    private String check(JsonNode r, Instant now) {
        if (!r.isObject()) {
            return INVALID_FIELD + " record is not an object";
        }
        for (String field : List.of("instance_id", "record_time", "begin_time", "end_time", "usage_value",
                "metering_sn")) {
            JsonNode v = r.get(field);
            if (v == null || !v.isTextual() || v.asText().isBlank()) {
                return INVALID_FIELD + " " + field + " is missing or not a string";
            }
        }
        String instanceId = r.get("instance_id").asText();
        String sn = r.get("metering_sn").asText();
        if (instanceId.length() > 64 || sn.length() > 64) {
            return INVALID_FIELD + " instance_id and metering_sn have at most 64 characters";
        }
        JsonNode pkg = r.get("relate_pkg_instance");
        if (pkg != null && !pkg.isNull() && (!pkg.isTextual() || pkg.asText().length() > 64)) {
            return INVALID_FIELD + " relate_pkg_instance must be a string of at most 64 characters";
        }
        Instant recordTime;
        Instant begin;
        Instant end;
        try {
            recordTime = KooTime.parseUsage(r.get("record_time").asText());
            begin = KooTime.parseUsage(r.get("begin_time").asText());
            end = KooTime.parseUsage(r.get("end_time").asText());
        } catch (IllegalArgumentException e) {
            return INVALID_FIELD + " times must be yyyyMMdd'T'HHmmss'Z' (UTC): " + e.getMessage();
        }
        String value = r.get("usage_value").asText();
        BigDecimal usage;
        try {
            usage = new BigDecimal(value);
        } catch (NumberFormatException e) {
            return INVALID_FIELD + " usage_value is not a number: " + shorten(value);
        }
        if (value.length() > 20 || usage.signum() <= 0 || usage.stripTrailingZeros().scale() > 4) {
            return INVALID_FIELD + " usage_value must be > 0 with at most 4 decimals and 20 characters";
        }
        Instant latest = now.plus(CLOCK_SKEW);
        if (begin.isAfter(end) || end.isAfter(latest) || recordTime.isAfter(latest)) {
            return BAD_TIME_ORDER + " begin_time <= end_time <= report time is required";
        }
        if (begin.isBefore(now.minus(MAX_AGE))) {
            return TOO_OLD + " begin_time is more than " + MAX_AGE.toDays() + " days old (MKT.9004)";
        }
        if (knownInstancesOnly && !knownInstances.contains(instanceId)) {
            return UNKNOWN_INSTANCE + " instance " + shorten(instanceId) + " does not exist";
        }
        if (releasedInstances.contains(instanceId)) {
            return RESOURCE_ABNORMAL + " instance " + shorten(instanceId) + " is released";
        }
        if (bySn.containsKey(sn)) {
            return DUPLICATE + " duplicate metering_sn " + shorten(sn);
        }
        String earlier = byInstanceWindow.get(windowKey(instanceId, r.get("begin_time").asText(),
                r.get("end_time").asText()));
        if (earlier != null) {
            return DUPLICATE + " same instance, begin_time and end_time as metering_sn " + shorten(earlier);
        }
        return null;
    }

    private static String windowKey(String instanceId, String begin, String end) {
        return instanceId + '\n' + begin + '\n' + end;
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
