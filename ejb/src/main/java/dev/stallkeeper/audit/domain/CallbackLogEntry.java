package dev.stallkeeper.audit.domain;

import dev.stallkeeper.platform.SecretFields;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** One callback as received and answered: kept after the instance is gone. */
@Entity
@Table(name = "callback_log")
public class CallbackLogEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "callback_log_seq")
    @SequenceGenerator(name = "callback_log_seq", sequenceName = "callback_log_seq", allocationSize = 50)
    private Long id;
    @Column(name = "received_at", nullable = false)
    private Instant receivedAt;
    private String activity;
    @Column(name = "order_id")
    private String orderId;
    @Column(name = "order_line_id")
    private String orderLineId;
    @Column(name = "instance_ids")
    private String instanceIds;
    @Column(name = "test_flag", nullable = false)
    private boolean testFlag;
    private String nonce;
    @Column(name = "result_code", nullable = false)
    private String resultCode;
    @Column(name = "result_msg")
    private String resultMsg;
    @Column(name = "latency_ms", nullable = false)
    private int latencyMs;
    @Column(name = "remote_addr")
    private String remoteAddr;
    @Column(name = "request_body")
    private byte[] requestBody;
    @Column(name = "response_body")
    private byte[] responseBody;
    /** Refused before authentication: only metadata of the body is kept, and it never counts as a failure. */
    @Column(nullable = false)
    private boolean refused;
    @Column(name = "body_size")
    private Integer bodySize;
    @Column(name = "body_sha256")
    private String bodySha256;
    /** Answered while the database was away; audited later from the node's spool. */
    @Column(nullable = false)
    private boolean outage;
    /** The spool record this row came from: unique, so a record replayed twice is stored once. */
    @Column(name = "spool_key")
    private String spoolKey;

    protected CallbackLogEntry() {
    }

    @SuppressWarnings("java:S107")
    public CallbackLogEntry(Instant receivedAt, String activity, String orderId, String orderLineId, String instanceIds,
                            boolean testFlag, String nonce, String resultCode, String resultMsg, int latencyMs,
                            String remoteAddr, byte[] requestBody, byte[] responseBody) {
        this.receivedAt = receivedAt;
        this.activity = cut(activity, 32);
        this.orderId = cut(orderId, 64);
        this.orderLineId = cut(orderLineId, 64);
        this.instanceIds = cut(instanceIds, 255);
        this.testFlag = testFlag;
        this.nonce = cut(nonce, 128);
        this.resultCode = resultCode;
        this.resultMsg = cut(resultMsg, 255);
        this.latencyMs = latencyMs;
        this.remoteAddr = cut(remoteAddr, 64);
        this.requestBody = requestBody;
        this.responseBody = SecretFields.mask(responseBody); // the answer as sent, its secrets masked (SecretFields)
    }

    /**
     * A callback refused before it was authenticated: nothing of its body is read for keys; its size, SHA-256 and at
     * most its first KiB ({@code prefix}) are kept. {@code channel} is the interface it was sent to.
     */
    @SuppressWarnings("java:S107")
    public static CallbackLogEntry refused(Instant receivedAt, String channel, String nonce, String resultCode,
                                           String resultMsg, int latencyMs, String remoteAddr, long bodySize,
                                           String bodySha256, byte[] prefix, byte[] responseBody) {
        CallbackLogEntry entry = new CallbackLogEntry(receivedAt, channel, null, null, null, false, nonce, resultCode,
                resultMsg, latencyMs, remoteAddr, prefix, responseBody);
        entry.refused = true;
        entry.bodySize = (int) Math.min(Integer.MAX_VALUE, bodySize);
        entry.bodySha256 = bodySha256;
        return entry;
    }

    /** Marks this entry as answered while the database was away, audited from spool record {@code key}. */
    public CallbackLogEntry auditedAfterOutage(String key) {
        this.outage = true;
        this.spoolKey = key;
        return this;
    }

    /**
     * At most {@code max} characters, with NUL (which PostgreSQL cannot store in text) written as the escape backslash-u0000:
     * the audit row must be writable whatever a caller sent.
     */
    private static String cut(String s, int max) {
        if (s == null) {
            return null;
        }
        String safe = s.indexOf('\0') < 0 ? s : s.replace("\0", "\\u0000");
        return safe.length() <= max ? safe : safe.substring(0, max);
    }

    public Long id() { return id; }
    public String activity() { return activity; }
    public String resultCode() { return resultCode; }
    public Instant receivedAt() { return receivedAt; }
    public String orderId() { return orderId; }
    public String orderLineId() { return orderLineId; }
    public String instanceIds() { return instanceIds; }
    public boolean testFlag() { return testFlag; }
    public String nonce() { return nonce; }
    public String resultMsg() { return resultMsg; }
    public int latencyMs() { return latencyMs; }
    public String remoteAddr() { return remoteAddr; }
    public byte[] requestBody() { return requestBody == null ? null : requestBody.clone(); }
    public byte[] responseBody() { return responseBody == null ? null : responseBody.clone(); }
    public boolean refused() { return refused; }
    public Integer bodySize() { return bodySize; }
    public String bodySha256() { return bodySha256; }
    public boolean outage() { return outage; }
    public String spoolKey() { return spoolKey; }
}
