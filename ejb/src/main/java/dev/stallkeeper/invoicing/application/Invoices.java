package dev.stallkeeper.invoicing.application;

import dev.stallkeeper.billing.application.BillLedger;
import dev.stallkeeper.billing.domain.Bill;
import dev.stallkeeper.billing.domain.BillKind;
import dev.stallkeeper.billing.domain.Cny;
import dev.stallkeeper.billing.domain.PaymentState;
import dev.stallkeeper.invoicing.domain.Invoice;
import dev.stallkeeper.invoicing.domain.InvoiceAction;
import dev.stallkeeper.invoicing.domain.InvoiceDirection;
import dev.stallkeeper.invoicing.domain.InvoiceException;
import dev.stallkeeper.invoicing.domain.InvoiceMedium;
import dev.stallkeeper.invoicing.domain.InvoiceRules;
import dev.stallkeeper.invoicing.domain.InvoiceStatus;
import dev.stallkeeper.invoicing.domain.InvoiceStep;
import dev.stallkeeper.notification.application.Outbox;
import dev.stallkeeper.platform.Attachment;
import dev.stallkeeper.platform.ListPage;
import dev.stallkeeper.platform.ListQuery;
import dev.stallkeeper.platform.NotFoundException;
import dev.stallkeeper.platform.UniqueKeys;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Invoices the seller owes (koogallery-protocol.md §8.2): customers' requests for general products (7-day deadline,
 * postage rule) and the seller's invoices to Huawei for joint-operation settlement statements. Electronic and fully
 * digital invoices are e-mailed with their PDF through the mail outbox; the invoice becomes EMAILED once the SMTP
 * server has accepted the message.
 */
@Stateless
public class Invoices {

    /** The actor of the e-mailed step (the outbox, once the SMTP server accepted the message). */
    public static final String MAILER = "mailer";
    private static final Set<PaymentState> PAID = EnumSet.of(PaymentState.PAID, PaymentState.REPAID);
    private static final Logger LOG = Logger.getLogger(Invoices.class);

    @PersistenceContext(unitName = "stallkeeper")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    BillLedger bills;

    @Inject
    Outbox outbox;

    /** A list row (no PDF bytes). */
    public record Row(long id, InvoiceDirection direction, String orderId, String statementRef, String title,
                      BigDecimal amount, InvoiceStatus status, String invoiceNumber, Instant requestedAt, Instant dueAt,
                      boolean overdue, InvoiceRules.Postage postage) {
    }

    public record Filter(InvoiceDirection direction, InvoiceStatus status, String orderId, boolean overdueOnly) {
    }

    /**
     * Records a request. For a customer's invoice the amount must be what the order's bills say was paid (when the
     * ledger knows the order): the invoice covers the full amount actually paid.
     *
     * @param requestedAt when the requester asked (the deadline counts from it); null means now
     */
    public Invoice request(Invoice.Request request, Instant requestedAt, String actor) {
        Instant now = clock.instant();
        Instant asked = requestedAt == null ? now : requestedAt;
        if (asked.isAfter(now.plusSeconds(300))) {
            throw new InvoiceException("invoice.requestedInFuture", false, "requestedAt lies in the future");
        }
        Invoice invoice = new Invoice(request, asked, InvoiceRules.DEADLINE, now);
        if (invoice.direction() == InvoiceDirection.TO_CUSTOMER) {
            paidAmount(invoice.orderId()).ifPresent(paid -> {
                if (paid.compareTo(invoice.amount()) != 0) {
                    throw new InvoiceException("invoice.amountMismatch", false, "order " + invoice.orderId() + " was paid "
                            + paid.toPlainString() + " CNY according to its bills; the invoice must cover exactly that, not "
                            + invoice.amount().toPlainString());
                }
            });
        }
        em.persist(invoice);
        em.flush();
        em.persist(new InvoiceStep(invoice.id(), "REQUEST", null, invoice.status(), actor, null, now));
        LOG.infof("Invoice %d requested (%s, %s, %s CNY) by %s", invoice.id(), invoice.direction(), invoice.medium(),
                invoice.amount(), actor);
        return invoice;
    }

    /** The net paid amount of the order's bills (purchases, renewals, upgrades, refunds), if the ledger has any. */
    public Optional<BigDecimal> paidAmount(String orderId) {
        List<Bill> paid = bills.ofOrder(orderId).stream()
                .filter(b -> b.kind() != BillKind.USAGE && PAID.contains(b.paymentState())).toList();
        return paid.isEmpty() ? Optional.empty()
                : Optional.of(paid.stream().map(Bill::amount).reduce(Cny.ZERO, BigDecimal::add));
    }

    public Invoice issue(long id, String number, LocalDate issuedOn, Attachment pdf, String actor) {
        Invoice invoice = lock(id);
        InvoiceStatus from = invoice.status();
        if (number != null && !em.createQuery("SELECT i.id FROM Invoice i WHERE i.direction = :d AND i.invoiceNumber = :n",
                        Long.class).setParameter("d", invoice.direction()).setParameter("n", number.strip())
                .setMaxResults(1).getResultList().isEmpty()) {
            throw numberUsed(number);
        }
        try {
            invoice.issue(number, issuedOn, pdf, clock.instant());
            em.flush(); // the unique constraint (direction, invoice_number) settles a race between two issuers
        } catch (PersistenceException e) {
            if (UniqueKeys.violated(e, "uk_invoice_number")) { // the other issuer won: the same answer as a plain duplicate
                throw numberUsed(number);
            }
            throw e;
        }
        return stepped(invoice, InvoiceAction.ISSUE.name(), from, actor, null);
    }

    private static InvoiceException numberUsed(String number) {
        return new InvoiceException("invoice.numberUsed", false, "invoice number " + number.strip() + " is used already");
    }

    public Invoice mail(long id, String carrier, String trackingNumber, String actor) {
        Invoice invoice = lock(id);
        InvoiceStatus from = invoice.status();
        invoice.mail(carrier, trackingNumber, clock.instant());
        return stepped(invoice, InvoiceAction.MAIL.name(), from, actor, carrier + " " + trackingNumber);
    }

    /**
     * Queues the e-mail with the PDF to the recipient; the invoice becomes EMAILED when the SMTP server accepts it.
     * Queuing twice queues one e-mail.
     *
     * @return true when this call queued it, false when it was queued already
     */
    public boolean email(long id, String actor) {
        Invoice invoice = lock(id);
        invoice.checkEmail();
        String subject = "Invoice " + invoice.invoiceNumber() + (invoice.orderId() != null ? " for order " + invoice.orderId() : "");
        String body = "Dear customer,\n\nattached is invoice " + invoice.invoiceNumber() + " of " + invoice.issuedOn()
                + " (" + invoice.title() + ", " + invoice.amount().toPlainString() + " CNY"
                + (invoice.orderId() != null ? ", order " + invoice.orderId() : "")
                + (invoice.statementRef() != null ? ", settlement statement " + invoice.statementRef() : "")
                + ").\n\nThis message was sent by the seller's Stallkeeper.\n";
        boolean queued = outbox.enqueue("invoice-email/" + id, Outbox.Kind.INVOICE, List.of(invoice.recipientEmail()),
                subject, body, id);
        if (queued) {
            em.persist(new InvoiceStep(id, "EMAIL_QUEUED", invoice.status(), invoice.status(), actor,
                    "to " + invoice.recipientEmail(), clock.instant()));
            LOG.infof("Invoice %d: e-mail to the recipient queued by %s", id, actor);
        }
        return queued;
    }

    /** The outbox's callback: the SMTP server accepted the invoice's e-mail. */
    public void emailed(long id) {
        Invoice invoice = lock(id);
        if (invoice.status() != InvoiceStatus.ISSUED) {
            LOG.warnf("Invoice %d was e-mailed while %s: status left as it is", id, invoice.status());
            return;
        }
        InvoiceStatus from = invoice.status();
        invoice.emailed(clock.instant());
        stepped(invoice, InvoiceAction.EMAIL.name(), from, MAILER, "to " + invoice.recipientEmail());
    }

    public Invoice reject(long id, String reason, String actor) {
        Invoice invoice = lock(id);
        InvoiceStatus from = invoice.status();
        invoice.reject(reason, clock.instant());
        return stepped(invoice, InvoiceAction.REJECT.name(), from, actor, reason);
    }

    public Invoice returned(long id, String reason, String actor) {
        Invoice invoice = lock(id);
        InvoiceStatus from = invoice.status();
        invoice.returned(reason, clock.instant());
        return stepped(invoice, InvoiceAction.RETURN.name(), from, actor, reason);
    }

    private Invoice stepped(Invoice invoice, String action, InvoiceStatus from, String actor, String reason) {
        em.persist(new InvoiceStep(invoice.id(), action, from, invoice.status(), actor, reason, clock.instant()));
        LOG.infof("Invoice %d: %s by %s, %s -> %s", invoice.id(), action, actor, from, invoice.status());
        return invoice;
    }

    private Invoice lock(long id) {
        Invoice invoice = em.find(Invoice.class, id, LockModeType.PESSIMISTIC_WRITE);
        if (invoice == null) {
            throw new NotFoundException("no invoice " + id);
        }
        return invoice;
    }

    public Optional<Invoice> find(long id) {
        return Optional.ofNullable(em.find(Invoice.class, id));
    }

    /** Whether the invoice is overdue now (by the application's clock). */
    public boolean overdueNow(Invoice invoice) {
        return invoice.overdue(clock.instant());
    }

    public List<InvoiceStep> steps(long id) {
        return em.createQuery("SELECT t FROM InvoiceStep t WHERE t.invoiceId = :id ORDER BY t.id", InvoiceStep.class)
                .setParameter("id", id).getResultList();
    }

    /** The first {@code max} invoices of the list, newest request first (PDF bytes are not read). */
    public List<Row> list(Filter filter, int first, int max) {
        return query(filter).slice(first, max);
    }

    /**
     * Page {@code page} (from 0) of {@code size} of the list, newest request first, ties by id (index
     * {@code ix_invoice_requested}), with the total counted up to {@link ListPage#COUNT_LIMIT}.
     */
    public ListPage<Row> page(Filter filter, int page, int size) {
        return query(filter).page(page, size);
    }

    private static Row row(Object[] r, Instant now) {
        InvoiceStatus status = (InvoiceStatus) r[6];
        Instant due = (Instant) r[9];
        BigDecimal amount = (BigDecimal) r[5];
        return new Row((Long) r[0], (InvoiceDirection) r[1], (String) r[2], (String) r[3], (String) r[4], amount,
                status, (String) r[7], (Instant) r[8], due, status.outstanding() && now.isAfter(due),
                InvoiceRules.postage((InvoiceMedium) r[10], amount));
    }

    private ListQuery<Row> query(Filter filter) {
        Instant now = clock.instant();
        StringBuilder from = new StringBuilder(" FROM Invoice i WHERE 1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        if (filter.direction() != null) {
            from.append(" AND i.direction = :direction");
            params.put("direction", filter.direction());
        }
        if (filter.status() != null) {
            from.append(" AND i.status = :status");
            params.put("status", filter.status());
        }
        if (filter.orderId() != null && !filter.orderId().isBlank()) {
            from.append(" AND i.orderId = :orderId");
            params.put("orderId", filter.orderId().strip());
        }
        if (filter.overdueOnly()) {
            from.append(" AND i.status IN (:outstanding) AND i.dueAt < :now");
            params.put("outstanding", List.of(InvoiceStatus.PENDING, InvoiceStatus.ISSUED));
            params.put("now", now);
        }
        return new ListQuery<>(em, "i.id, i.direction, i.orderId, i.statementRef, i.title, i.amount, i.status,"
                + " i.invoiceNumber, i.requestedAt, i.dueAt, i.medium", from.toString(), "i.requestedAt DESC, i.id DESC",
                params, r -> row(r, now));
    }

}
