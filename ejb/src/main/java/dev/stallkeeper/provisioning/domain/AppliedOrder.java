package dev.stallkeeper.provisioning.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;

/** An order (renewal, conversion, upgrade) already applied to an instance: applying it again is a no-op. */
@Entity
@Table(name = "instance_order")
public class AppliedOrder {

    @Embeddable
    public record Key(@Column(name = "instance_id") String instanceId,
                      @Column(name = "order_id") String orderId,
                      @Column(name = "order_line_id") String orderLineId,
                      @Column(name = "kind") String kind) implements Serializable {
    }

    @EmbeddedId
    private Key key;
    @Column(name = "applied_at", nullable = false)
    private Instant appliedAt;

    protected AppliedOrder() {
    }

    public AppliedOrder(Key key, Instant appliedAt) {
        this.key = key;
        this.appliedAt = appliedAt;
    }

    public Key key() { return key; }
}
