package dev.stallkeeper.supervision.domain;

import dev.stallkeeper.platform.Attachment;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The service supervision of one order line (koogallery-protocol.md §8.1). The buyer's side happens on KooGallery;
 * the seller's staff record it here. Every behaviour method checks {@link SupervisionRules} first, so a refused
 * step changes nothing; the service records each step (who, when, why) in {@link SupervisionStep}.
 */
@Entity
@Table(name = "supervision")
public class Supervision {

    /** Longest hardware identification code list (characters, codes separated by newlines). */
    static final int MAX_HARDWARE_CODES = 2000;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "supervision_seq")
    @SequenceGenerator(name = "supervision_seq", sequenceName = "supervision_seq", allocationSize = 50)
    private Long id;
    @Column(name = "order_id", nullable = false)
    private String orderId;
    @Column(name = "order_line_id", nullable = false)
    private String orderLineId;
    @Column(name = "instance_id")
    private String instanceId;
    @Column(name = "product_id")
    private String productId;
    @Column(name = "customer_name")
    private String customerName;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Stage stage;
    @Column(name = "hardware_codes")
    private String hardwareCodes;
    @Column(name = "system_code", nullable = false, updatable = false)
    private String systemCode;
    @Column(name = "report_name")
    private String reportName;
    @Column(name = "report_content_type")
    private String reportContentType;
    @Column(name = "report_bytes")
    private byte[] reportBytes;
    @Column(name = "service_start_at")
    private Instant serviceStartAt;
    @Column(name = "customer_accepted_at")
    private Instant customerAcceptedAt;
    @Column(name = "completion_due_at")
    private Instant completionDueAt;
    @Column(name = "completed_at")
    private Instant completedAt;
    @Column(name = "last_moved_at", nullable = false)
    private Instant lastMovedAt;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Version
    private long version;

    protected Supervision() {
    }

    /**
     * The buyer submitted the requirements.
     *
     * @param hardwareCodes identification codes the buyer typed (may be empty; the buyer answers for them)
     * @param systemCode    the identification code Stallkeeper generated (unique: database constraint)
     */
    public Supervision(String orderId, String orderLineId, List<String> hardwareCodes, String systemCode, Instant now) {
        this.orderId = require(orderId, "orderId", 64);
        this.orderLineId = require(orderLineId, "orderLineId", 64);
        this.systemCode = Objects.requireNonNull(systemCode, "systemCode");
        this.hardwareCodes = codes(hardwareCodes);
        this.stage = Stage.REQUIREMENT_SUBMITTED;
        this.createdAt = now;
        this.updatedAt = now;
        this.lastMovedAt = now;
    }

    /** Facts about the order from the instance Stallkeeper provisioned for it, when there is one. */
    public void describe(String instanceId, String productId, String customerName) {
        this.instanceId = instanceId;
        this.productId = productId;
        this.customerName = customerName;
    }

    private static String require(String value, String name, int max) {
        if (value == null || value.isBlank()) {
            throw new SupervisionException("supervision.fieldMissing", false, name + " is required");
        }
        if (value.strip().length() > max) {
            throw new SupervisionException("supervision.fieldTooLong", false, name + " is longer than " + max + " characters");
        }
        return value.strip();
    }

    static String codes(List<String> codes) {
        if (codes == null || codes.isEmpty()) {
            return null;
        }
        List<String> clean = codes.stream().filter(Objects::nonNull).map(String::strip).filter(c -> !c.isEmpty()).toList();
        for (String c : clean) {
            if (!c.matches("[A-Za-z0-9._:/+=-]{1,200}")) {
                throw new SupervisionException("supervision.badHardwareCode", false, "hardware identification code '"
                        + (c.length() > 40 ? c.substring(0, 40) + "…" : c)
                        + "' may hold only letters, digits and . _ : / + = - (at most 200 characters)");
            }
        }
        String joined = String.join("\n", clean);
        if (joined.length() > MAX_HARDWARE_CODES) {
            throw new SupervisionException("supervision.tooManyHardwareCodes", false,
                    "the hardware identification codes are longer than " + MAX_HARDWARE_CODES + " characters");
        }
        return joined.isEmpty() ? null : joined;
    }

    /** Moves by the table, or throws without changing anything. */
    private Stage move(Action action, String reason, Instant now) {
        Stage next = SupervisionRules.next(stage, action);
        if (action.needsReason() && (reason == null || reason.isBlank())) {
            throw new SupervisionException("supervision.reasonMissing", false, action + " needs a reason");
        }
        Stage from = stage;
        stage = next;
        lastMovedAt = now;
        updatedAt = now;
        return from;
    }

    public void confirmRequirement(Instant now) {
        move(Action.CONFIRM_REQUIREMENT, null, now);
    }

    public void rejectRequirement(String reason, Instant now) {
        move(Action.REJECT_REQUIREMENT, reason, now);
    }

    /** The buyer changed the requirements; new codes replace the old ones when given. */
    public void resubmitRequirement(List<String> newHardwareCodes, Instant now) {
        String codes = newHardwareCodes == null ? hardwareCodes : codes(newHardwareCodes);
        move(Action.RESUBMIT_REQUIREMENT, null, now);
        hardwareCodes = codes;
    }

    public void startDelivery(Instant now) {
        move(Action.START_DELIVERY, null, now);
    }

    /**
     * Delivered with the acceptance report.
     *
     * @param serviceStart the actual service start time the seller entered, or null (acceptance time applies)
     */
    public void deliver(Attachment report, Instant serviceStart, Instant now) {
        if (report == null) {
            SupervisionRules.next(stage, Action.DELIVER); // the illegal transition is the clearer refusal
            throw new SupervisionException("supervision.reportMissing", false, "DELIVER needs the acceptance report");
        }
        if (serviceStart != null && serviceStart.isAfter(now.plus(Duration.ofDays(366)))) {
            throw new SupervisionException("supervision.startTooLate", false, "the service start time is more than a year ahead");
        }
        move(Action.DELIVER, null, now);
        reportName = report.name();
        reportContentType = report.contentType();
        reportBytes = report.bytes();
        serviceStartAt = serviceStart;
    }

    /** The buyer accepted: completion falls due {@code completionDelay} later (3 hours on KooGallery). */
    public void customerAccept(Instant now, Duration completionDelay) {
        move(Action.CUSTOMER_ACCEPT, null, now);
        accepted(now, completionDelay);
    }

    public void customerReject(String reason, Instant now) {
        move(Action.CUSTOMER_REJECT, reason, now);
    }

    public void appeal(String reason, Instant now) {
        move(Action.APPEAL, reason, now);
    }

    /** Operations decided: for the seller (counts as accepted now) or for the buyer (deliver again). */
    public void resolveAppeal(boolean forSeller, String reason, Instant now, Duration completionDelay) {
        if (forSeller) {
            move(Action.APPEAL_UPHELD, reason, now);
            accepted(now, completionDelay);
        } else {
            move(Action.APPEAL_DISMISSED, reason, now);
        }
    }

    private void accepted(Instant now, Duration completionDelay) {
        customerAcceptedAt = now;
        completionDueAt = now.plus(completionDelay);
    }

    /** The clock completes an accepted order once its completion time has come. */
    public void complete(Instant now) {
        if (stage == Stage.CUSTOMER_ACCEPTED && completionDueAt != null && now.isBefore(completionDueAt)) {
            throw new SupervisionException("supervision.notDue", true, "completion is due at " + completionDueAt);
        }
        move(Action.COMPLETE, null, now);
        completedAt = now;
    }

    /** When the paid service began: the start time the seller entered, else the acceptance time (§8.1). */
    public Instant serviceStart() {
        return serviceStartAt != null ? serviceStartAt : customerAcceptedAt;
    }

    /** Open and unmoved for {@link SupervisionRules#STALL_AFTER} (waiting for the clock does not count). */
    public boolean stalled(Instant now) {
        return stage.open() && stage != Stage.CUSTOMER_ACCEPTED && lastMovedAt.plus(SupervisionRules.STALL_AFTER).isBefore(now);
    }

    public Long id() { return id; }
    public String orderId() { return orderId; }
    public String orderLineId() { return orderLineId; }
    public String instanceId() { return instanceId; }
    public String productId() { return productId; }
    public String customerName() { return customerName; }
    public Stage stage() { return stage; }
    public List<String> hardwareCodes() {
        return hardwareCodes == null ? List.of() : Arrays.asList(hardwareCodes.split("\n"));
    }
    public String systemCode() { return systemCode; }
    public String reportName() { return reportName; }
    public String reportContentType() { return reportContentType; }
    public byte[] reportBytes() { return reportBytes == null ? null : reportBytes.clone(); }
    public Instant serviceStartAt() { return serviceStartAt; }
    public Instant customerAcceptedAt() { return customerAcceptedAt; }
    public Instant completionDueAt() { return completionDueAt; }
    public Instant completedAt() { return completedAt; }
    public Instant lastMovedAt() { return lastMovedAt; }
    public Instant createdAt() { return createdAt; }
    public Instant updatedAt() { return updatedAt; }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof Supervision other && orderId.equals(other.orderId) && orderLineId.equals(other.orderLineId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(orderId, orderLineId);
    }
}
