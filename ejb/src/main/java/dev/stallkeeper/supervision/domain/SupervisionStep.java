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
import java.time.Instant;

/** One step of a supervision: who moved it, when, why, from which stage to which (append-only). */
@Entity
@Table(name = "supervision_step")
public class SupervisionStep {

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "supervision_step_seq")
    @SequenceGenerator(name = "supervision_step_seq", sequenceName = "supervision_step_seq", allocationSize = 50)
    private Long id;
    @Column(name = "supervision_id", nullable = false)
    private long supervisionId;
    /** OPEN for the first step, otherwise an {@link Action} name. */
    @Column(nullable = false)
    private String action;
    @Enumerated(EnumType.STRING)
    @Column(name = "from_stage")
    private Stage fromStage;
    @Enumerated(EnumType.STRING)
    @Column(name = "to_stage", nullable = false)
    private Stage toStage;
    @Column(nullable = false)
    private String actor;
    private String reason;
    @Column(name = "attachment_name")
    private String attachmentName;
    @Column(name = "attachment_content_type")
    private String attachmentContentType;
    @Column(name = "attachment_bytes")
    private byte[] attachmentBytes;
    @Column(name = "occurred_at", nullable = false)
    private Instant occurredAt;

    protected SupervisionStep() {
    }

    public SupervisionStep(long supervisionId, String action, Stage fromStage, Stage toStage, String actor, String reason,
                           Attachment attachment, Instant occurredAt) {
        this.supervisionId = supervisionId;
        this.action = action;
        this.fromStage = fromStage;
        this.toStage = toStage;
        this.actor = actor;
        this.reason = reason == null || reason.isBlank() ? null : truncate(reason.strip());
        if (attachment != null) {
            this.attachmentName = attachment.name();
            this.attachmentContentType = attachment.contentType();
            this.attachmentBytes = attachment.bytes();
        }
        this.occurredAt = occurredAt;
    }

    private static String truncate(String s) {
        return s.length() > 2000 ? s.substring(0, 2000) : s;
    }

    public Long id() { return id; }
    public long supervisionId() { return supervisionId; }
    public String action() { return action; }
    public Stage fromStage() { return fromStage; }
    public Stage toStage() { return toStage; }
    public String actor() { return actor; }
    public String reason() { return reason; }
    public String attachmentName() { return attachmentName; }
    public String attachmentContentType() { return attachmentContentType; }
    public byte[] attachmentBytes() { return attachmentBytes == null ? null : attachmentBytes.clone(); }
    public Instant occurredAt() { return occurredAt; }
}
