package dev.stallkeeper.notification.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * One e-mail to send, once per event ({@code eventKey} is unique). Claimed by a sender with a lease (attempts + 1,
 * next attempt after the lease), then SENT, or PENDING again with the error and a backed-off next attempt, or PARKED
 * after the last attempt.
 */
@Entity
@Table(name = "mail_outbox")
public class OutboxMail {

    public enum Status { PENDING, SENT, PARKED }

    @Id
    private Long id;
    @Column(name = "event_key", nullable = false)
    private String eventKey;
    @Column(nullable = false)
    private String kind;
    @Column(nullable = false)
    private String recipients;
    @Column(nullable = false)
    private String subject;
    @Column(nullable = false)
    private String body;
    @Column(name = "invoice_id")
    private Long invoiceId;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    @Column(nullable = false)
    private Status status;
    @Column(nullable = false)
    private int attempts;
    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;
    @Column(name = "last_error")
    private String lastError;
    @Column(name = "sent_at")
    private Instant sentAt;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected OutboxMail() {
    }

    /** Claimed for one attempt: no other sender takes it before {@code now + lease}. */
    public int claim(Instant now, Duration lease) {
        attempts++;
        nextAttemptAt = now.plus(lease);
        return attempts;
    }

    public void sent(Instant now) {
        status = Status.SENT;
        sentAt = now;
        lastError = null;
    }

    /** A failed attempt: retry after {@code retryDelay}, or park when {@code maxAttempts} are used up. */
    public void failed(String error, Instant now, Duration retryDelay, int maxAttempts) {
        lastError = error == null ? "unknown error" : error.length() > 2000 ? error.substring(0, 2000) : error;
        if (attempts >= maxAttempts) {
            status = Status.PARKED;
        } else {
            nextAttemptAt = now.plus(retryDelay);
        }
    }

    /** A parked e-mail goes back to the queue (the console's retry). */
    public boolean retry(Instant now) {
        if (status != Status.PARKED) {
            return false;
        }
        status = Status.PENDING;
        attempts = 0;
        nextAttemptAt = now;
        return true;
    }

    public Long id() { return id; }
    public String eventKey() { return eventKey; }
    public String kind() { return kind; }
    public List<String> recipients() { return Arrays.asList(recipients.split(",")); }
    public String subject() { return subject; }
    public String body() { return body; }
    public Long invoiceId() { return invoiceId; }
    public Status status() { return status; }
    public int attempts() { return attempts; }
    public Instant nextAttemptAt() { return nextAttemptAt; }
    public String lastError() { return lastError; }
    public Instant sentAt() { return sentAt; }
    public Instant createdAt() { return createdAt; }
}
