package dev.stallkeeper.usage.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

/**
 * One consumption record reported by the seller's SaaS, and its way to KooGallery. Rows are inserted by
 * {@code UsageReports} (native SQL, so that the caller's id, the metering_sn and the instance/time window meet
 * their unique keys); after that only these methods change them, under a row lock. The {@code meteringSn} is given
 * once at insert and every push of the record carries it, so a retry is a duplicate KooGallery recognises.
 */
@Entity
@Table(name = "usage_record")
@NamedQuery(name = "UsageRecord.findByReportId", query = "SELECT u FROM UsageRecord u WHERE u.reportId = :reportId")
@NamedQuery(name = "UsageRecord.findByStatus",
        query = "SELECT u FROM UsageRecord u WHERE u.status = :status ORDER BY u.updatedAt DESC, u.id DESC")
public class UsageRecord {

    @Id
    private Long id;
    @Column(name = "report_id", nullable = false)
    private String reportId;
    @Column(name = "metering_sn", nullable = false)
    private String meteringSn;
    @Column(name = "instance_id", nullable = false)
    private String instanceId;
    @Column(name = "order_id", nullable = false)
    private String orderId;
    @Column(name = "product_id")
    private String productId;
    @Column(nullable = false)
    private String unit;
    @Column(name = "usage_value", nullable = false)
    private BigDecimal usageValue;
    @Column(nullable = false)
    private BigDecimal amount;
    @Column(name = "begin_time", nullable = false)
    private Instant beginTime;
    @Column(name = "end_time", nullable = false)
    private Instant endTime;
    @Column(name = "relate_pkg_instance")
    private String relatePkgInstance;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private UsageStatus status;
    @Column(name = "due_at", nullable = false)
    private Instant dueAt;
    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;
    private int attempts;
    @Column(name = "force_send", nullable = false)
    private boolean forceSend;
    @Column(name = "error_code")
    private String errorCode;
    @Column(name = "last_error")
    private String lastError;
    @Column(name = "bill_id")
    private Long billId;
    @Column(name = "accepted_at")
    private Instant acceptedAt;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected UsageRecord() {
    }

    /** For tests of the behaviour below (rows are inserted with SQL). */
    public UsageRecord(long id, String reportId, String meteringSn, String instanceId, String orderId, String unit,
                       BigDecimal usageValue, BigDecimal amount, Instant beginTime, Instant endTime, Instant dueAt,
                       Instant now) {
        this.id = id;
        this.reportId = reportId;
        this.meteringSn = meteringSn;
        this.instanceId = instanceId;
        this.orderId = orderId;
        this.unit = unit;
        this.usageValue = usageValue;
        this.amount = amount;
        this.beginTime = beginTime;
        this.endTime = endTime;
        this.status = usageValue.signum() == 0 ? UsageStatus.SKIPPED : UsageStatus.PENDING;
        this.dueAt = dueAt;
        this.nextAttemptAt = dueAt;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public Long id() { return id; }
    public String reportId() { return reportId; }
    public String meteringSn() { return meteringSn; }
    public String instanceId() { return instanceId; }
    public String orderId() { return orderId; }
    public String productId() { return productId; }
    public String unit() { return unit; }
    public BigDecimal usageValue() { return usageValue; }
    public BigDecimal amount() { return amount; }
    public Instant beginTime() { return beginTime; }
    public Instant endTime() { return endTime; }
    public String relatePkgInstance() { return relatePkgInstance; }
    public UsageStatus status() { return status; }
    public Instant dueAt() { return dueAt; }
    public Instant nextAttemptAt() { return nextAttemptAt; }
    public int attempts() { return attempts; }
    public boolean forceSend() { return forceSend; }
    public String errorCode() { return errorCode; }
    public String lastError() { return lastError; }
    public Long billId() { return billId; }
    public Instant acceptedAt() { return acceptedAt; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }

    /**
     * Takes the record for one push: until the lease ends no other node takes it. A record that can no longer make
     * KooGallery's window is parked instead (unless a person replayed it: then KooGallery decides). Returns whether
     * the record is to be sent.
     */
    public boolean claim(Instant now, Duration lease, PushWindow window) {
        if (status != UsageStatus.PENDING) {
            throw new IllegalStateException("usage record " + id + " is " + status);
        }
        updatedAt = now;
        if (!forceSend && window.missed(beginTime, now)) {
            park("begin_time " + beginTime + " is too old for KooGallery's 21-day window (deadline "
                    + window.deadline(beginTime) + ")");
            return false;
        }
        attempts++;
        nextAttemptAt = now.plus(lease);
        return true;
    }

    /** KooGallery took the record (or had it already, from an earlier attempt whose answer was lost). */
    public void accepted(Instant now) {
        status = UsageStatus.ACCEPTED;
        acceptedAt = now;
        errorCode = null;
        lastError = null;
        updatedAt = now;
    }

    /** The settlement bill recorded for this record. */
    public void billed(long billId) {
        this.billId = billId;
    }

    /** KooGallery refused this record, with its per-record code. Final: the same record would be refused again. */
    public void rejected(String code, String message, Instant now) {
        status = UsageStatus.REJECTED;
        errorCode = truncate(code, 16);
        lastError = truncate(message, 1024);
        updatedAt = now;
    }

    /**
     * The call carrying this record failed (KooGallery unreachable, 5xx, a refused call): retry after an
     * exponentially growing delay, or park when the retry would miss the window (or after a replay's one try).
     */
    public void callFailed(String error, Instant now, Duration base, Duration max, PushWindow window) {
        lastError = truncate(error, 1024);
        errorCode = null;
        updatedAt = now;
        long factor = 1L << Math.min(Math.max(attempts, 1) - 1, 20);
        Duration delay = base.multipliedBy(factor);
        Instant next = now.plus(delay.compareTo(max) > 0 ? max : delay);
        if (forceSend) {
            park("the replay's push failed: " + lastError);
        } else if (window.missed(beginTime, next)) {
            park("KooGallery could not be reached before the 21-day window closes (" + window.deadline(beginTime)
                    + "): " + lastError);
        } else {
            nextAttemptAt = next;
        }
    }

    /** A person asks for one more push of a parked record, whatever the window: KooGallery decides. */
    public boolean replay(Instant now) {
        if (status != UsageStatus.PARKED) {
            return false;
        }
        status = UsageStatus.PENDING;
        forceSend = true;
        attempts = 0;
        nextAttemptAt = now;
        dueAt = now.isBefore(dueAt) ? now : dueAt;
        updatedAt = now;
        return true;
    }

    private void park(String reason) {
        status = UsageStatus.PARKED;
        lastError = truncate(reason, 1024);
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
