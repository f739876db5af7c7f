package dev.stallkeeper.notification.application;

import dev.stallkeeper.notification.domain.OutboxMail;
import dev.stallkeeper.platform.ListPage;
import dev.stallkeeper.platform.ListQuery;
import dev.stallkeeper.platform.Locks;
import dev.stallkeeper.platform.StallkeeperConfig;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The e-mail outbox: rows written in the business transaction (so an e-mail is queued exactly when its cause
 * commits), one per event by a unique key (a notification never storms, whichever node notices the event first),
 * and sent by {@link MailDelivery} outside any transaction with retries.
 */
@Stateless
public class Outbox {

    /** How long a sender owns a claimed e-mail before another may try it. */
    static final Duration LEASE = Duration.ofMinutes(2);

    public enum Kind { INVOICE, INVOICE_OVERDUE, SUPERVISION_STALLED, CALLBACK_FAILURES }

    @PersistenceContext(unitName = "stallkeeper")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    StallkeeperConfig config;

    /**
     * Queues an e-mail for this event unless one was queued before.
     *
     * @param invoiceId an invoice whose PDF is attached and which becomes EMAILED once sent; null for none
     * @return true when this call queued it
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public boolean enqueue(String eventKey, Kind kind, List<String> recipients, String subject, String body, Long invoiceId) {
        if (recipients.isEmpty()) {
            throw new IllegalArgumentException("an e-mail needs a recipient");
        }
        long id = ((Number) em.createNativeQuery("SELECT nextval('mail_outbox_seq')").getSingleResult()).longValue();
        Instant now = clock.instant();
        int inserted = em.createNativeQuery("INSERT INTO mail_outbox (id, event_key, kind, recipients, subject, body,"
                        + " invoice_id, status, attempts, next_attempt_at, created_at)"
                        + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'PENDING', 0, ?8, ?8) ON CONFLICT DO NOTHING")
                .setParameter(1, id).setParameter(2, eventKey).setParameter(3, kind.name())
                .setParameter(4, String.join(",", recipients)).setParameter(5, truncate(subject, 500))
                .setParameter(6, truncate(body, 20000)).setParameter(7, invoiceId)
                .setParameter(8, now.atOffset(ZoneOffset.UTC))
                .executeUpdate();
        return inserted == 1;
    }

    /** Queues a notification to the seller's addresses (STALLKEEPER_NOTIFY_TO); none configured, nothing queued. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public boolean notifySeller(String eventKey, Kind kind, String subject, String body) {
        List<String> to = config.notifyTo();
        return !to.isEmpty() && enqueue(eventKey, kind, to, subject, body, null);
    }

    private static String truncate(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }

    /** A claimed e-mail: what to send, for one attempt. */
    public record Claim(long id, int attempt, List<String> recipients, String subject, String body, Long invoiceId) {
    }

    /** Claims up to {@code limit} due e-mails (FOR UPDATE SKIP LOCKED: nodes never take the same one). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public List<Claim> claimDue(int limit) {
        Instant now = clock.instant();
        List<OutboxMail> due = Locks.skipLocked(em.createQuery("SELECT m FROM OutboxMail m WHERE m.status = :pending"
                        + " AND m.nextAttemptAt <= :now ORDER BY m.nextAttemptAt", OutboxMail.class))
                .setParameter("pending", OutboxMail.Status.PENDING).setParameter("now", now)
                .setMaxResults(limit)
                .getResultList();
        return due.stream().map(m -> new Claim(m.id(), m.claim(now, LEASE), m.recipients(), m.subject(), m.body(),
                m.invoiceId())).toList();
    }

    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void recordSent(long id) {
        em.find(OutboxMail.class, id, LockModeType.PESSIMISTIC_WRITE).sent(clock.instant());
    }

    /** A failed attempt, with back-off (STALLKEEPER_RETRY_BASE_SECONDS doubling up to STALLKEEPER_RETRY_MAX_SECONDS). */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void recordFailure(long id, int attempt, String error) {
        Duration delay = config.retryBaseDelay().multipliedBy(1L << Math.min(20, Math.max(0, attempt - 1)));
        if (delay.compareTo(config.retryMaxDelay()) > 0) {
            delay = config.retryMaxDelay();
        }
        em.find(OutboxMail.class, id, LockModeType.PESSIMISTIC_WRITE).failed(error, clock.instant(), delay,
                config.mailMaxAttempts());
    }

    /** A parked e-mail goes back to the queue. */
    public boolean retry(long id) {
        OutboxMail mail = em.find(OutboxMail.class, id, LockModeType.PESSIMISTIC_WRITE);
        return mail != null && mail.retry(clock.instant());
    }

    public Optional<OutboxMail> find(long id) {
        return Optional.ofNullable(em.find(OutboxMail.class, id));
    }

    /** The most recent e-mails, newest first. */
    public List<OutboxMail> recent(int max) {
        return em.createQuery("SELECT m FROM OutboxMail m ORDER BY m.id DESC", OutboxMail.class).setMaxResults(max)
                .getResultList();
    }

    /** A row of the outbox list: everything but the body (which may carry links or figures not meant for a list). */
    public record Row(long id, String eventKey, String kind, List<String> recipients, String subject,
                      OutboxMail.Status status, int attempts, String lastError, Instant nextAttemptAt, Instant sentAt,
                      Instant createdAt) {
        /** The recipients as one line. */
        public String recipientLine() {
            return String.join(", ", recipients);
        }
    }

    /**
     * Page {@code page} (from 0) of {@code size} of the outbox, newest first (the primary key; with a status, index
     * {@code ix_mail_outbox_status}), with the total counted up to {@link ListPage#COUNT_LIMIT}.
     */
    public ListPage<Row> page(OutboxMail.Status status, int page, int size) {
        String from = " FROM OutboxMail m" + (status == null ? "" : " WHERE m.status = :status");
        Map<String, Object> params = status == null ? Map.of() : Map.of("status", status);
        return new ListQuery<>(em, "m.id, m.eventKey, m.kind, m.recipients, m.subject, m.status, m.attempts, m.lastError,"
                + " m.nextAttemptAt, m.sentAt, m.createdAt", from, "m.id DESC", params,
                r -> new Row((Long) r[0], (String) r[1], (String) r[2], Arrays.asList(((String) r[3]).split(",")),
                        (String) r[4], (OutboxMail.Status) r[5], (Integer) r[6], (String) r[7], (Instant) r[8],
                        (Instant) r[9], (Instant) r[10])).page(page, size);
    }

    /** The e-mails of one invoice. */
    public List<OutboxMail> ofInvoice(long invoiceId) {
        return em.createQuery("SELECT m FROM OutboxMail m WHERE m.invoiceId = :id ORDER BY m.id", OutboxMail.class)
                .setParameter("id", invoiceId).getResultList();
    }
}
