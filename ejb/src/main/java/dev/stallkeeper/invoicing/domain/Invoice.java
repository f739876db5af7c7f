package dev.stallkeeper.invoicing.domain;

import dev.stallkeeper.billing.domain.Cny;
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
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One invoice the seller owes: to a customer for an order (general products, koogallery-protocol.md §8.2), or to
 * Huawei for a joint-operation settlement statement. Behaviour methods check {@link InvoiceRules} first, so a
 * refused step changes nothing; the service records each step in {@link InvoiceStep}.
 */
@Entity
@Table(name = "invoice")
public class Invoice {

    private static final Pattern TAX_ID = Pattern.compile("[0-9A-Z]{15,20}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s,;<>\"]{1,64}@[A-Za-z0-9.-]{1,189}\\.[A-Za-z]{2,}");

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "invoice_seq")
    @SequenceGenerator(name = "invoice_seq", sequenceName = "invoice_seq", allocationSize = 50)
    private Long id;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private InvoiceDirection direction;
    @Column(name = "order_id")
    private String orderId;
    @Column(name = "statement_ref")
    private String statementRef;
    @Column(nullable = false)
    private String title;
    @Column(name = "tax_id")
    private String taxId;
    @Enumerated(EnumType.STRING)
    @Column(name = "invoice_type", nullable = false)
    private InvoiceType type;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private InvoiceMedium medium;
    @Column(name = "mailing_address")
    private String mailingAddress;
    @Column(name = "recipient_email")
    private String recipientEmail;
    @Column(nullable = false, precision = 14, scale = 2)
    private BigDecimal amount;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private InvoiceStatus status;
    @Column(name = "requested_at", nullable = false)
    private Instant requestedAt;
    @Column(name = "due_at", nullable = false)
    private Instant dueAt;
    @Column(name = "invoice_number")
    private String invoiceNumber;
    @Column(name = "issued_on")
    private LocalDate issuedOn;
    @Column(name = "pdf_name")
    private String pdfName;
    @Column(name = "pdf_content_type")
    private String pdfContentType;
    @Column(name = "pdf_bytes")
    private byte[] pdfBytes;
    private String carrier;
    @Column(name = "tracking_number")
    private String trackingNumber;
    @Column(name = "delivered_at")
    private Instant deliveredAt;
    @Column(name = "reject_reason")
    private String rejectReason;
    @Column(name = "closed_at")
    private Instant closedAt;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Version
    private long version;

    protected Invoice() {
    }

    /** What a request carries; validated by the constructor. */
    public record Request(InvoiceDirection direction, String orderId, String statementRef, String title, String taxId,
                          InvoiceType type, InvoiceMedium medium, String mailingAddress, String recipientEmail,
                          BigDecimal amount) {
    }

    /** A new request, PENDING, due {@code deadline} after {@code requestedAt}. */
    public Invoice(Request r, Instant requestedAt, Duration deadline, Instant now) {
        this.direction = required(r.direction(), "direction");
        this.type = required(r.type(), "type");
        this.medium = required(r.medium(), "medium");
        this.title = text(r.title(), "title", 200, true);
        this.taxId = r.taxId() == null || r.taxId().isBlank() ? null : r.taxId().strip().toUpperCase(java.util.Locale.ROOT);
        if (taxId != null && !TAX_ID.matcher(taxId).matches()) {
            throw refuse("invoice.badTaxId", "the tax id must be 15 to 20 letters or digits (unified social credit code)");
        }
        if (taxId == null && type == InvoiceType.SPECIAL_VAT) {
            throw refuse("invoice.taxIdMissing", "a special VAT invoice needs the buyer's tax id");
        }
        if (direction == InvoiceDirection.TO_CUSTOMER) {
            this.orderId = text(r.orderId(), "orderId", 64, true);
        } else {
            this.statementRef = text(r.statementRef(), "statementRef", 64, true);
            this.orderId = text(r.orderId(), "orderId", 64, false);
            if (type != InvoiceType.SPECIAL_VAT) {
                throw refuse("invoice.huaweiNeedsSpecial", "invoices to Huawei for settlement statements are special VAT invoices");
            }
        }
        if (medium.mailedOnPaper()) {
            this.mailingAddress = text(r.mailingAddress(), "mailingAddress", 500, true);
        } else {
            String email = text(r.recipientEmail(), "recipientEmail", 254, true);
            if (!EMAIL.matcher(email).matches()) {
                throw refuse("invoice.badEmail", "recipientEmail '" + email + "' is not an e-mail address");
            }
            this.recipientEmail = email;
        }
        if (r.amount() == null) {
            throw refuse("invoice.fieldMissing", "amount is required");
        }
        try {
            this.amount = Cny.exact(r.amount());
        } catch (IllegalArgumentException e) {
            throw refuse("invoice.badAmount", e.getMessage());
        }
        if (amount.signum() <= 0) {
            throw refuse("invoice.badAmount", "the amount must be positive (the order's paid amount), got " + amount.toPlainString());
        }
        this.status = InvoiceStatus.PENDING;
        this.requestedAt = Objects.requireNonNull(requestedAt, "requestedAt");
        this.dueAt = requestedAt.plus(deadline);
        this.createdAt = now;
        this.updatedAt = now;
    }

    private static <T> T required(T value, String name) {
        if (value == null) {
            throw refuse("invoice.fieldMissing", name + " is required");
        }
        return value;
    }

    private static String text(String value, String name, int max, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw refuse("invoice.fieldMissing", name + " is required");
            }
            return null;
        }
        String v = value.strip();
        if (v.length() > max) {
            throw refuse("invoice.fieldTooLong", name + " is longer than " + max + " characters");
        }
        return v;
    }

    private static InvoiceException refuse(String key, String message) {
        return new InvoiceException(key, false, message);
    }

    private void move(InvoiceAction action, String reason, Instant now) {
        InvoiceStatus next = InvoiceRules.next(status, action);
        if (action.needsReason() && (reason == null || reason.isBlank())) {
            throw refuse("invoice.reasonMissing", action + " needs a reason");
        }
        status = next;
        updatedAt = now;
    }

    /** Issued: number, date and the PDF. */
    public void issue(String number, LocalDate issuedOn, Attachment pdf, Instant now) {
        InvoiceRules.next(status, InvoiceAction.ISSUE);
        String n = text(number, "invoiceNumber", 64, true);
        required(issuedOn, "issuedOn");
        if (pdf == null) {
            throw refuse("invoice.pdfMissing", "ISSUE needs the invoice PDF");
        }
        move(InvoiceAction.ISSUE, null, now);
        invoiceNumber = n;
        this.issuedOn = issuedOn;
        pdfName = pdf.name();
        pdfContentType = pdf.contentType();
        pdfBytes = pdf.bytes();
    }

    /** A paper invoice handed to a carrier. */
    public void mail(String carrier, String trackingNumber, Instant now) {
        InvoiceRules.next(status, InvoiceAction.MAIL);
        if (!medium.mailedOnPaper()) {
            throw new InvoiceException("invoice.notPaper", true, "a " + medium + " invoice is e-mailed, not mailed");
        }
        String c = text(carrier, "carrier", 64, true);
        String t = text(trackingNumber, "trackingNumber", 64, true);
        move(InvoiceAction.MAIL, null, now);
        this.carrier = c;
        this.trackingNumber = t;
        deliveredAt = now;
    }

    /** Checks that e-mailing is allowed now (before the mail is queued; {@link #emailed} records the delivery). */
    public void checkEmail() {
        InvoiceRules.next(status, InvoiceAction.EMAIL);
        if (medium.mailedOnPaper()) {
            throw new InvoiceException("invoice.notElectronic", true, "a paper invoice is mailed, not e-mailed");
        }
    }

    /** The SMTP server accepted the e-mail with the PDF. */
    public void emailed(Instant now) {
        checkEmail();
        move(InvoiceAction.EMAIL, null, now);
        deliveredAt = now;
    }

    public void reject(String reason, Instant now) {
        move(InvoiceAction.REJECT, reason, now);
        rejectReason = reason.strip().length() > 1000 ? reason.strip().substring(0, 1000) : reason.strip();
        closedAt = now;
    }

    public void returned(String reason, Instant now) {
        move(InvoiceAction.RETURN, reason, now);
        closedAt = now;
    }

    /** Still owed after its deadline. */
    public boolean overdue(Instant now) {
        return status.outstanding() && now.isAfter(dueAt);
    }

    public InvoiceRules.Postage postage() {
        return InvoiceRules.postage(medium, amount);
    }

    public Long id() { return id; }
    public InvoiceDirection direction() { return direction; }
    public String orderId() { return orderId; }
    public String statementRef() { return statementRef; }
    public String title() { return title; }
    public String taxId() { return taxId; }
    public InvoiceType type() { return type; }
    public InvoiceMedium medium() { return medium; }
    public String mailingAddress() { return mailingAddress; }
    public String recipientEmail() { return recipientEmail; }
    public BigDecimal amount() { return amount; }
    public InvoiceStatus status() { return status; }
    public Instant requestedAt() { return requestedAt; }
    public Instant dueAt() { return dueAt; }
    public String invoiceNumber() { return invoiceNumber; }
    public LocalDate issuedOn() { return issuedOn; }
    public String pdfName() { return pdfName; }
    public String pdfContentType() { return pdfContentType; }
    public byte[] pdfBytes() { return pdfBytes == null ? null : pdfBytes.clone(); }
    public String carrier() { return carrier; }
    public String trackingNumber() { return trackingNumber; }
    public Instant deliveredAt() { return deliveredAt; }
    public String rejectReason() { return rejectReason; }
    public Instant closedAt() { return closedAt; }
    public Instant createdAt() { return createdAt; }
}
