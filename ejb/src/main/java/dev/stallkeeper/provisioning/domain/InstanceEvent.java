package dev.stallkeeper.provisioning.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** One step of an instance's lifecycle timeline. */
@Entity
@Table(name = "instance_event")
public class InstanceEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "instance_event_seq")
    @SequenceGenerator(name = "instance_event_seq", sequenceName = "instance_event_seq", allocationSize = 50)
    private Long id;
    @Column(name = "instance_id", nullable = false)
    private String instanceId;
    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;
    @Column(name = "event_type", nullable = false)
    private String type;
    @Column(name = "order_id")
    private String orderId;
    @Column(name = "order_line_id")
    private String orderLineId;
    private String detail;

    protected InstanceEvent() {
    }

    public InstanceEvent(String instanceId, String type, String orderId, String orderLineId, String detail, Instant at) {
        this.instanceId = instanceId;
        this.type = type;
        this.orderId = orderId;
        this.orderLineId = orderLineId;
        this.detail = Instance.truncate(detail, 1024);
        this.occurredAt = at;
    }

    public String instanceId() { return instanceId; }
    public String type() { return type; }
    public String detail() { return detail; }
    public Instant occurredAt() { return occurredAt; }
}
