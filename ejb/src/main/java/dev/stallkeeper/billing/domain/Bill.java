package dev.stallkeeper.billing.domain;

import dev.stallkeeper.catalog.domain.ProductType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.OneToOne;
import jakarta.persistence.PrimaryKeyJoinColumn;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One money movement of one order line, or one consumption record: the ledger's unit. Amount and kind never
 * change after recording; payment and supervision move forward; once settled (a row in the settlement ledger,
 * written by the reconciliation job, never through this class) nothing changes any more.
 *
 * <p>Settleable-at (settlement-rules.md): the time it took effect when no supervision is required (provisioning
 * succeeded, renewal period began, upgrade or refund took effect, consumption time); the time supervision
 * completed when it is required; unknown (null) while supervision is open.
 */
@Entity
@Table(name = "bill")
@NamedQuery(name = "Bill.findBySource", query = "SELECT b FROM Bill b WHERE b.source = :source AND b.sourceKey = :key")
public class Bill {

    /** Order line events (new, renewal, upgrade, refund): key orderId/orderLineId/KIND. */
    public static final String SOURCE_ORDER = "ORDER";
    /** Pay-per-use consumption records: key orderId/recordId/USAGE. */
    public static final String SOURCE_USAGE = "USAGE";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "bill_seq")
    @SequenceGenerator(name = "bill_seq", sequenceName = "bill_seq", allocationSize = 50)
    private Long id;
    @Column(nullable = false)
    private String source;
    @Column(name = "source_key", nullable = false)
    private String sourceKey;
    @Column(name = "recorded_by", nullable = false)
    private String recordedBy;
    @Column(name = "order_id")
    private String orderId;
    @Column(name = "order_line_id")
    private String orderLineId;
    @Column(name = "instance_id")
    private String instanceId;
    @Column(name = "product_id")
    private String productId;
    @Column(name = "product_type", nullable = false)
    private String productType;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private BillKind kind;
    @Column(nullable = false, precision = 14, scale = 2)
    private BigDecimal amount;
    @Enumerated(EnumType.STRING)
    @Column(name = "payment_state", nullable = false)
    private PaymentState paymentState;
    @Enumerated(EnumType.STRING)
    @Column(name = "supervision_state", nullable = false)
    private SupervisionState supervisionState;
    @Column(name = "effective_at", nullable = false)
    private Instant effectiveAt;
    @Column(name = "supervision_completed_at")
    private Instant supervisionCompletedAt;
    @Column(name = "settleable_at")
    private Instant settleableAt;
    /** The bill's row in the settlement ledger (bill_settlement, same key); null while it is unsettled. */
    @OneToOne(optional = true)
    @PrimaryKeyJoinColumn
    private BillSettlement settlement;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Version
    private long version;

    protected Bill() {
    }

    /**
     * A new, unsettled bill.
     *
     * @param supervisionCompletedAt required when supervision is COMPLETED, otherwise ignored
     */
    @SuppressWarnings("java:S107")
    public Bill(String source, String sourceKey, String recordedBy, String orderId, String orderLineId,
                String instanceId, String productId, String productType, BillKind kind, BigDecimal amount,
                PaymentState paymentState, SupervisionState supervisionState, Instant effectiveAt,
                Instant supervisionCompletedAt, Instant now) {
        this.source = require(source, "source");
        this.sourceKey = require(sourceKey, "sourceKey");
        this.recordedBy = require(recordedBy, "recordedBy");
        this.orderId = orderId;
        this.orderLineId = orderLineId;
        this.instanceId = instanceId;
        this.productId = productId;
        this.productType = ProductType.normalize(productType);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.amount = Cny.exact(Objects.requireNonNull(amount, "amount"));
        if (!kind.allows(this.amount)) {
            throw new IllegalArgumentException(kind + " bill with amount " + this.amount
                    + ": refunds are negative (or zero), other bills positive (or zero)");
        }
        this.paymentState = Objects.requireNonNull(paymentState, "paymentState");
        this.supervisionState = Objects.requireNonNull(supervisionState, "supervisionState");
        this.effectiveAt = Objects.requireNonNull(effectiveAt, "effectiveAt");
        if (supervisionState == SupervisionState.COMPLETED) {
            this.supervisionCompletedAt = Objects.requireNonNull(supervisionCompletedAt,
                    "supervisionCompletedAt is required when supervision is COMPLETED");
        }
        this.settleableAt = settleableAt(supervisionState, effectiveAt, this.supervisionCompletedAt);
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** The natural key of an order line event. */
    public static String orderKey(String orderId, String orderLineId, BillKind kind) {
        return require(orderId, "orderId") + "/" + require(orderLineId, "orderLineId") + "/" + kind;
    }

    public static String sourceOf(BillKind kind) {
        return kind == BillKind.USAGE ? SOURCE_USAGE : SOURCE_ORDER;
    }

    static Instant settleableAt(SupervisionState supervision, Instant effectiveAt, Instant completedAt) {
        return switch (supervision) {
            case NOT_REQUIRED -> effectiveAt;
            case COMPLETED -> completedAt;
            case IN_PROGRESS -> null;
        };
    }

    private static String require(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    /** The buyer paid (cash, coupons or credit that needs no repayment). UNPAID -> PAID; PAID stays PAID. */
    public boolean markPaid(Instant now) {
        return movePayment(PaymentState.PAID, now, PaymentState.UNPAID);
    }

    /** Paid on credit: counts once repaid. UNPAID -> POSTPAID_AWAITING_REPAYMENT. */
    public boolean markPostpaid(Instant now) {
        return movePayment(PaymentState.POSTPAID_AWAITING_REPAYMENT, now, PaymentState.UNPAID);
    }

    /** The postpaid customer repaid the month's bill. */
    public boolean markRepaid(Instant now) {
        return movePayment(PaymentState.REPAID, now, PaymentState.POSTPAID_AWAITING_REPAYMENT, PaymentState.UNPAID);
    }

    private boolean movePayment(PaymentState target, Instant now, PaymentState... from) {
        if (paymentState == target) {
            return false;
        }
        checkOpen();
        if (!java.util.List.of(from).contains(paymentState)) {
            throw new BillingException("bill " + id + " is " + paymentState + " and cannot become " + target);
        }
        paymentState = target;
        updatedAt = now;
        return true;
    }

    /** Supervision started (the product needs acceptance). Only from NOT_REQUIRED, before settlement. */
    public boolean openSupervision(Instant now) {
        if (supervisionState == SupervisionState.IN_PROGRESS) {
            return false;
        }
        checkOpen();
        if (supervisionState == SupervisionState.COMPLETED) {
            throw new BillingException("bill " + id + ": supervision completed already");
        }
        supervisionState = SupervisionState.IN_PROGRESS;
        settleableAt = null;
        updatedAt = now;
        return true;
    }

    /** The buyer accepted: the bill becomes settleable at {@code completedAt}. */
    public boolean completeSupervision(Instant completedAt, Instant now) {
        Objects.requireNonNull(completedAt, "completedAt");
        if (supervisionState == SupervisionState.COMPLETED) {
            return false;
        }
        checkOpen();
        supervisionState = SupervisionState.COMPLETED;
        supervisionCompletedAt = completedAt;
        settleableAt = completedAt;
        updatedAt = now;
        return true;
    }

    private void checkOpen() {
        if (settlement != null) {
            throw new BillingException("bill " + id + " was settled in " + settlement.period() + " and can no longer change");
        }
    }

    public BillFacts facts() {
        return new BillFacts(id == null ? 0 : id, productType, kind, amount, paymentState, supervisionState,
                effectiveAt, settleableAt, settledInPeriod());
    }

    public Long id() { return id; }
    public String source() { return source; }
    public String sourceKey() { return sourceKey; }
    public String recordedBy() { return recordedBy; }
    public String orderId() { return orderId; }
    public String orderLineId() { return orderLineId; }
    public String instanceId() { return instanceId; }
    public String productId() { return productId; }
    public String productType() { return productType; }
    public BillKind kind() { return kind; }
    public BigDecimal amount() { return amount; }
    public PaymentState paymentState() { return paymentState; }
    public SupervisionState supervisionState() { return supervisionState; }
    public Instant effectiveAt() { return effectiveAt; }
    public Instant supervisionCompletedAt() { return supervisionCompletedAt; }
    public Instant settleableAt() { return settleableAt; }
    public Integer settledInPeriod() { return settlement == null ? null : settlement.period(); }
    public Long statementId() { return settlement == null ? null : settlement.statementId(); }
    public Instant createdAt() { return createdAt; }

    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof Bill other && source.equals(other.source) && sourceKey.equals(other.sourceKey);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, sourceKey);
    }
}
