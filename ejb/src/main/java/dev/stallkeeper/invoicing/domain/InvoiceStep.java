package dev.stallkeeper.invoicing.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** One step of an invoice: who, when, why, from which status to which (append-only). */
@Entity
@Table(name = "invoice_step")
public class InvoiceStep {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "invoice_step_seq")
    @SequenceGenerator(name = "invoice_step_seq", sequenceName = "invoice_step_seq", allocationSize = 50)
    private Long id;
    @Column(name = "invoice_id", nullable = false)
    private long invoiceId;
    /** REQUEST for the first step, EMAIL_QUEUED when an e-mail is queued, otherwise an {@link InvoiceAction} name. */
    @Column(nullable = false)
    private String action;
    @Enumerated(EnumType.STRING)
    @Column(name = "from_status")
    private InvoiceStatus fromStatus;
    @Enumerated(EnumType.STRING)
    @Column(name = "to_status", nullable = false)
    private InvoiceStatus toStatus;
    @Column(nullable = false)
    private String actor;
    private String reason;
    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    protected InvoiceStep() {
    }

    public InvoiceStep(long invoiceId, String action, InvoiceStatus fromStatus, InvoiceStatus toStatus, String actor,
                       String reason, Instant occurredAt) {
        this.invoiceId = invoiceId;
        this.action = action;
        this.fromStatus = fromStatus;
        this.toStatus = toStatus;
        this.actor = actor;
        this.reason = reason == null || reason.isBlank() ? null
                : reason.strip().length() > 2000 ? reason.strip().substring(0, 2000) : reason.strip();
        this.occurredAt = occurredAt;
    }

    public Long id() { return id; }
    public long invoiceId() { return invoiceId; }
    public String action() { return action; }
    public InvoiceStatus fromStatus() { return fromStatus; }
    public InvoiceStatus toStatus() { return toStatus; }
    public String actor() { return actor; }
    public String reason() { return reason; }
    public Instant occurredAt() { return occurredAt; }
}
