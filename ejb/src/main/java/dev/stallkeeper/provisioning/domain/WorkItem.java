package dev.stallkeeper.provisioning.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;

/**
 * Background work on an instance (provisioning, release) as durable state: any node claims it when due,
 * a claim is a lease (a crashed node's claim simply expires), failures back off, and exhausted work is parked.
 */
@Entity
@Table(name = "work_item")
public class WorkItem {

    public enum Kind { PROVISION, RELEASE }

    public enum Status { PENDING, DONE, PARKED, CANCELLED }

    @Id
    private Long id;
    @Column(name = "instance_id", nullable = false)
    private String instanceId;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Kind kind;
    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;
    private int attempts;
    @Column(name = "next_attempt_at", nullable = false)
    private Instant nextAttemptAt;
    @Column(name = "last_error")
    private String lastError;
    @Column(name = "claimed_by")
    private String claimedBy;
    @Column(name = "created_at", nullable = false)
    private Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected WorkItem() {
    }

    public Long id() { return id; }
    public String instanceId() { return instanceId; }
    public Kind kind() { return kind; }
    public Status status() { return status; }
    public int attempts() { return attempts; }
    public Instant nextAttemptAt() { return nextAttemptAt; }
    public String lastError() { return lastError; }
    /** The node that took the latest attempt (its {@code STALLKEEPER_NODE_ID}); null before the first. */
    public String claimedBy() { return claimedBy; }

    /** Takes the work for one attempt: until the lease ends no other node will. Returns the attempt number. */
    public int claim(Instant now, Duration lease, String node) {
        if (status != Status.PENDING) {
            throw new IllegalStateException("work " + id + " is " + status);
        }
        attempts++;
        claimedBy = node;
        nextAttemptAt = now.plus(lease);
        updatedAt = now;
        return attempts;
    }

    public void complete(Instant now) {
        status = Status.DONE;
        lastError = null;
        updatedAt = now;
    }

    public void cancel(Instant now) {
        if (status == Status.PENDING || status == Status.PARKED) {
            status = Status.CANCELLED;
            updatedAt = now;
        }
    }

    /** Records a failed attempt: retry after an exponentially growing delay, or park when attempts are exhausted. */
    public void failed(String error, Instant now, int maxAttempts, Duration base, Duration max) {
        lastError = Instance.truncate(error, 2000);
        updatedAt = now;
        if (attempts >= maxAttempts) {
            status = Status.PARKED;
            return;
        }
        long factor = 1L << Math.min(attempts - 1, 20);
        Duration delay = base.multipliedBy(factor);
        nextAttemptAt = now.plus(delay.compareTo(max) > 0 ? max : delay);
    }

    /** Re-arms parked or pending work to run now (a resent request or a replay from the console). */
    public void rearm(Instant now) {
        if (status == Status.PARKED || status == Status.PENDING) {
            status = Status.PENDING;
            attempts = 0;
            nextAttemptAt = now;
            updatedAt = now;
        }
    }

    /**
     * The attempt ended without being able to record its outcome (the database went away under it): it runs again
     * now instead of when its lease would have run out. The attempt still counts.
     */
    public void retryNow(String error, Instant now) {
        if (status == Status.PENDING) {
            lastError = Instance.truncate(error, 2000);
            nextAttemptAt = now;
            updatedAt = now;
        }
    }
}
