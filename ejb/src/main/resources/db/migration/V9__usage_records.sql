-- Stallkeeper schema, version 9: pay-per-use usage records and their push to KooGallery (docs/usage-push.md).
-- PostgreSQL, and H2 in PostgreSQL mode for the quick start: common subset only. Times are UTC instants.

CREATE SEQUENCE usage_record_seq START WITH 1 INCREMENT BY 50;

-- One consumption record as the seller's SaaS reported it (POST /api/usage), with its push state.
--   report_id:   the caller's id of the record; the same id again is the same record (idempotent reporting).
--   metering_sn: KooGallery's deduplication key, given once at insert and sent with every push of the record.
--   (instance_id, begin_time, end_time): KooGallery keeps only the first record of an instance with the same
--   times, so a second one is refused here, where the caller can still be told.
-- Pushers on every node claim due PENDING rows with FOR UPDATE SKIP LOCKED; a claim is a lease (next_attempt_at).
CREATE TABLE usage_record (
    id                   BIGINT PRIMARY KEY,
    report_id            VARCHAR(64) NOT NULL,
    metering_sn          VARCHAR(64) NOT NULL,
    instance_id          VARCHAR(64) NOT NULL,
    order_id             VARCHAR(64) NOT NULL,
    product_id           VARCHAR(64),
    unit                 VARCHAR(32) NOT NULL,
    usage_value          NUMERIC(20, 4) NOT NULL,
    amount               NUMERIC(14, 2) NOT NULL,
    begin_time           TIMESTAMP WITH TIME ZONE NOT NULL,
    end_time             TIMESTAMP WITH TIME ZONE NOT NULL,
    relate_pkg_instance  VARCHAR(64),
    status               VARCHAR(16) NOT NULL,
    due_at               TIMESTAMP WITH TIME ZONE NOT NULL,
    next_attempt_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    attempts             INTEGER NOT NULL,
    force_send           BOOLEAN NOT NULL,
    error_code           VARCHAR(16),
    last_error           VARCHAR(1024),
    bill_id              BIGINT,
    accepted_at          TIMESTAMP WITH TIME ZONE,
    created_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at           TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uk_usage_report UNIQUE (report_id),
    CONSTRAINT uk_usage_metering_sn UNIQUE (metering_sn),
    CONSTRAINT uk_usage_window UNIQUE (instance_id, begin_time, end_time),
    CONSTRAINT ck_usage_status CHECK (status IN ('PENDING', 'ACCEPTED', 'REJECTED', 'PARKED', 'SKIPPED')),
    CONSTRAINT ck_usage_value CHECK (usage_value >= 0 AND amount >= 0),
    CONSTRAINT ck_usage_times CHECK (begin_time <= end_time)
);
-- The pushers' claim: due pending rows in attempt order.
CREATE INDEX ix_usage_due ON usage_record (status, next_attempt_at);
