-- Stallkeeper schema, version 7: service supervision, invoices and the e-mail outbox
-- (docs/supervision-and-invoices.md; koogallery-protocol.md §8.1, §8.2). PostgreSQL, and H2 in PostgreSQL mode.

CREATE SEQUENCE supervision_seq START WITH 1 INCREMENT BY 50;
CREATE SEQUENCE supervision_step_seq START WITH 1 INCREMENT BY 50;
CREATE SEQUENCE invoice_seq START WITH 1 INCREMENT BY 50;
CREATE SEQUENCE invoice_step_seq START WITH 1 INCREMENT BY 50;
CREATE SEQUENCE mail_outbox_seq START WITH 1 INCREMENT BY 1;

-- One supervised order line. The system identification code Stallkeeper generates is unique by constraint;
-- completion_due_at (3 hours after acceptance) is what the completion sweep claims rows by.
CREATE TABLE supervision (
    id                    BIGINT PRIMARY KEY,
    order_id              VARCHAR(64) NOT NULL,
    order_line_id         VARCHAR(64) NOT NULL,
    instance_id           VARCHAR(64),
    product_id            VARCHAR(64),
    customer_name         VARCHAR(255),
    stage                 VARCHAR(32) NOT NULL,
    hardware_codes        VARCHAR(2000),
    system_code           VARCHAR(64) NOT NULL,
    report_name           VARCHAR(255),
    report_content_type   VARCHAR(128),
    report_bytes          BYTEA,
    service_start_at      TIMESTAMP WITH TIME ZONE,
    customer_accepted_at  TIMESTAMP WITH TIME ZONE,
    completion_due_at     TIMESTAMP WITH TIME ZONE,
    completed_at          TIMESTAMP WITH TIME ZONE,
    last_moved_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    version               BIGINT NOT NULL,
    CONSTRAINT uk_supervision_order_line UNIQUE (order_id, order_line_id),
    CONSTRAINT uk_supervision_system_code UNIQUE (system_code),
    CONSTRAINT ck_supervision_stage CHECK (stage IN ('REQUIREMENT_SUBMITTED', 'REQUIREMENT_REJECTED',
        'REQUIREMENT_CONFIRMED', 'DELIVERING', 'DELIVERED', 'CUSTOMER_REJECTED', 'APPEALED', 'CUSTOMER_ACCEPTED',
        'COMPLETED'))
);
CREATE INDEX ix_supervision_stage_due ON supervision (stage, completion_due_at);
CREATE INDEX ix_supervision_moved ON supervision (last_moved_at, id);

-- Who moved a supervision, when, why (append-only).
CREATE TABLE supervision_step (
    id                       BIGINT PRIMARY KEY,
    supervision_id           BIGINT NOT NULL REFERENCES supervision (id),
    action                   VARCHAR(32) NOT NULL,
    from_stage               VARCHAR(32),
    to_stage                 VARCHAR(32) NOT NULL,
    actor                    VARCHAR(64) NOT NULL,
    reason                   VARCHAR(2000),
    attachment_name          VARCHAR(255),
    attachment_content_type  VARCHAR(128),
    attachment_bytes         BYTEA,
    occurred_at              TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_supervision_step ON supervision_step (supervision_id, id);

-- Invoices: the seller's to its customers (general products, 7-day deadline) and to Huawei (joint-operation
-- settlement statements); direction tells them apart. Each invoice number is used once per direction.
CREATE TABLE invoice (
    id                  BIGINT PRIMARY KEY,
    direction           VARCHAR(16) NOT NULL,
    order_id            VARCHAR(64),
    statement_ref       VARCHAR(64),
    title               VARCHAR(200) NOT NULL,
    tax_id              VARCHAR(32),
    invoice_type        VARCHAR(16) NOT NULL,
    medium              VARCHAR(16) NOT NULL,
    mailing_address     VARCHAR(500),
    recipient_email     VARCHAR(254),
    amount              NUMERIC(14, 2) NOT NULL,
    status              VARCHAR(16) NOT NULL,
    requested_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    due_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    invoice_number      VARCHAR(64),
    issued_on           DATE,
    pdf_name            VARCHAR(255),
    pdf_content_type    VARCHAR(128),
    pdf_bytes           BYTEA,
    carrier             VARCHAR(64),
    tracking_number     VARCHAR(64),
    delivered_at        TIMESTAMP WITH TIME ZONE,
    reject_reason       VARCHAR(1000),
    closed_at           TIMESTAMP WITH TIME ZONE,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    version             BIGINT NOT NULL,
    CONSTRAINT uk_invoice_number UNIQUE (direction, invoice_number),
    CONSTRAINT ck_invoice_direction CHECK (direction IN ('TO_CUSTOMER', 'TO_HUAWEI')),
    CONSTRAINT ck_invoice_type CHECK (invoice_type IN ('ORDINARY', 'SPECIAL_VAT')),
    CONSTRAINT ck_invoice_medium CHECK (medium IN ('PAPER', 'ELECTRONIC', 'FULLY_DIGITAL')),
    CONSTRAINT ck_invoice_status CHECK (status IN ('PENDING', 'ISSUED', 'MAILED', 'EMAILED', 'REJECTED', 'RETURNED')),
    CONSTRAINT ck_invoice_amount CHECK (amount > 0)
);
CREATE INDEX ix_invoice_status_due ON invoice (status, due_at, id);
CREATE INDEX ix_invoice_order ON invoice (order_id);

CREATE TABLE invoice_step (
    id            BIGINT PRIMARY KEY,
    invoice_id    BIGINT NOT NULL REFERENCES invoice (id),
    action        VARCHAR(32) NOT NULL,
    from_status   VARCHAR(16),
    to_status     VARCHAR(16) NOT NULL,
    actor         VARCHAR(64) NOT NULL,
    reason        VARCHAR(2000),
    occurred_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_invoice_step ON invoice_step (invoice_id, id);

-- E-mail to send: notifications to the seller and invoices to customers. event_key is unique, so an event is
-- mailed once however many nodes notice it; senders claim due rows with FOR UPDATE SKIP LOCKED, and an SMTP
-- failure leaves the row PENDING with its error and a later next_attempt_at (PARKED after the last attempt).
CREATE TABLE mail_outbox (
    id               BIGINT PRIMARY KEY,
    event_key        VARCHAR(200) NOT NULL,
    kind             VARCHAR(32) NOT NULL,
    recipients       VARCHAR(2000) NOT NULL,
    subject          VARCHAR(500) NOT NULL,
    body             VARCHAR(20000) NOT NULL,
    invoice_id       BIGINT REFERENCES invoice (id),
    status           VARCHAR(16) NOT NULL,
    attempts         INTEGER NOT NULL,
    next_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    last_error       VARCHAR(2000),
    sent_at          TIMESTAMP WITH TIME ZONE,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uk_mail_outbox_event UNIQUE (event_key),
    CONSTRAINT ck_mail_outbox_status CHECK (status IN ('PENDING', 'SENT', 'PARKED'))
);
CREATE INDEX ix_mail_outbox_due ON mail_outbox (status, next_attempt_at);
