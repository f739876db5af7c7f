-- Stallkeeper schema, version 3: the bills ledger and monthly settlement (docs/settlement.md).
-- (Version 2 is reserved for users and roles.) PostgreSQL, and H2 in PostgreSQL mode for the quick start:
-- common subset only. Money is NUMERIC with 2 decimals (CNY, fen); times are UTC instants; a period is
-- the integer yyyyMM of a calendar month in Beijing time.

CREATE SEQUENCE bill_seq START WITH 1 INCREMENT BY 50;
CREATE SEQUENCE settlement_statement_seq START WITH 1 INCREMENT BY 50;
CREATE SEQUENCE settlement_worklist_seq START WITH 1 INCREMENT BY 50;

-- One money movement of one order line (new purchase, renewal, upgrade, refund) or one consumption record.
-- (source, source_key) is the business event: the same event, seen by a callback and again in KooGallery's
-- bill export, is one bill. A bill is settled at most once: settled_in_period and statement_id are written
-- together by one conditional UPDATE (... WHERE settled_in_period IS NULL) whose row count is checked, and
-- the CHECK below keeps the two in step.
CREATE TABLE bill (
    id                        BIGINT PRIMARY KEY,
    source                    VARCHAR(16) NOT NULL,
    source_key                VARCHAR(200) NOT NULL,
    recorded_by               VARCHAR(16) NOT NULL,
    order_id                  VARCHAR(64),
    order_line_id             VARCHAR(64),
    instance_id               VARCHAR(64),
    product_id                VARCHAR(64),
    product_type              VARCHAR(32) NOT NULL,
    kind                      VARCHAR(16) NOT NULL,
    amount                    NUMERIC(14, 2) NOT NULL,
    payment_state             VARCHAR(32) NOT NULL,
    supervision_state         VARCHAR(16) NOT NULL,
    effective_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    supervision_completed_at  TIMESTAMP WITH TIME ZONE,
    settleable_at             TIMESTAMP WITH TIME ZONE,
    settled_in_period         INTEGER,
    statement_id              BIGINT,
    created_at                TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at                TIMESTAMP WITH TIME ZONE NOT NULL,
    version                   BIGINT NOT NULL,
    CONSTRAINT uk_bill_source UNIQUE (source, source_key),
    CONSTRAINT ck_bill_kind CHECK (kind IN ('NEW', 'RENEWAL', 'UPGRADE', 'REFUND', 'USAGE')),
    CONSTRAINT ck_bill_sign CHECK ((kind = 'REFUND' AND amount <= 0) OR (kind <> 'REFUND' AND amount >= 0)),
    CONSTRAINT ck_bill_payment CHECK (payment_state IN ('UNPAID', 'PAID', 'POSTPAID_AWAITING_REPAYMENT', 'REPAID')),
    CONSTRAINT ck_bill_supervision CHECK (supervision_state IN ('NOT_REQUIRED', 'IN_PROGRESS', 'COMPLETED')),
    CONSTRAINT ck_bill_settled CHECK ((settled_in_period IS NULL AND statement_id IS NULL)
                                      OR (settled_in_period IS NOT NULL AND statement_id IS NOT NULL))
);
-- The reconciliation reads unsettled bills in id order; settled ones are skipped by this index, which also
-- finds a period's settled bills (statement lines). (No index on statement_id: each index costs the settling
-- update of every bill.)
CREATE INDEX ix_bill_unsettled ON bill (settled_in_period, id);
CREATE INDEX ix_bill_order ON bill (order_id, order_line_id);

-- One row per period: the claim (inserted with ON CONFLICT DO NOTHING, so one node and one job instance own
-- a period), the frozen inputs of the run (id range, as-of), its progress and its outcome.
CREATE TABLE settlement_run (
    period            INTEGER PRIMARY KEY,
    status            VARCHAR(16) NOT NULL,
    job_instance_id   BIGINT,
    execution_id      BIGINT,
    claimed_by        VARCHAR(64),
    claimed_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at        TIMESTAMP WITH TIME ZONE,
    finished_at       TIMESTAMP WITH TIME ZONE,
    min_bill_id       BIGINT,
    max_bill_id       BIGINT,
    total_bills       BIGINT NOT NULL,
    failure           VARCHAR(2000),
    CONSTRAINT ck_settlement_run_status CHECK (status IN ('CLAIMED', 'RUNNING', 'COMPLETED', 'FAILED'))
);

-- The key ranges a run's partitions read (fixed when the run starts, so a restart reads the same ranges)
-- and each partition's position and progress, advanced in the chunk transaction together with the sums:
-- last_id is the authoritative checkpoint (JBeret stores its own copy outside the chunk transaction, so after
-- a crash its copy may be a chunk ahead or behind; reading on from last_id counts every bill exactly once).
CREATE TABLE settlement_partition (
    period            INTEGER NOT NULL,
    job_instance_id   BIGINT NOT NULL,
    partition_no      INTEGER NOT NULL,
    from_id           BIGINT NOT NULL,
    to_id             BIGINT NOT NULL,
    last_id           BIGINT NOT NULL,
    total_bills       BIGINT NOT NULL,
    done_bills        BIGINT NOT NULL,
    PRIMARY KEY (period, job_instance_id, partition_no)
);

-- Eligible amounts accumulated per (partition, product type), written in the same chunk transaction as the
-- partition's checkpoint: a restarted partition continues its own sums without counting a bill twice.
CREATE TABLE settlement_staging (
    period            INTEGER NOT NULL,
    job_instance_id   BIGINT NOT NULL,
    partition_no      INTEGER NOT NULL,
    product_type      VARCHAR(32) NOT NULL,
    amount            NUMERIC(18, 2) NOT NULL,
    bill_count        BIGINT NOT NULL,
    PRIMARY KEY (period, job_instance_id, partition_no, product_type)
);

-- One per (period, product type): what was carried in, what became eligible, and whether it settled.
-- Its bills are the bills whose statement_id is this id (settlement_statement_line).
CREATE TABLE settlement_statement (
    id                BIGINT PRIMARY KEY,
    period            INTEGER NOT NULL,
    product_type      VARCHAR(32) NOT NULL,
    carried_in        NUMERIC(18, 2) NOT NULL,
    period_amount     NUMERIC(18, 2) NOT NULL,
    accumulated       NUMERIC(18, 2) NOT NULL,
    bill_count        BIGINT NOT NULL,
    threshold         NUMERIC(18, 2) NOT NULL,
    settled           BOOLEAN NOT NULL,
    fee_percent       NUMERIC(7, 4) NOT NULL,
    gross             NUMERIC(18, 2) NOT NULL,
    fee               NUMERIC(18, 2) NOT NULL,
    net               NUMERIC(18, 2) NOT NULL,
    carry_out         NUMERIC(18, 2) NOT NULL,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uk_settlement_statement UNIQUE (period, product_type)
);

ALTER TABLE bill ADD CONSTRAINT fk_bill_statement FOREIGN KEY (statement_id) REFERENCES settlement_statement (id);

-- A statement's lines: its bills.
CREATE VIEW settlement_statement_line AS
    SELECT statement_id, id AS bill_id, settled_in_period AS period, product_type, kind, order_id,
           order_line_id, amount
    FROM bill WHERE statement_id IS NOT NULL;

-- Why money is not arriving, per period: one row per blocked bill (UNPAID, POSTPAID_NOT_REPAID,
-- SUPERVISION_OPEN, NOT_YET_EFFECTIVE) or per product type below the threshold (BELOW_THRESHOLD).
CREATE TABLE settlement_worklist (
    id                BIGINT PRIMARY KEY,
    period            INTEGER NOT NULL,
    job_instance_id   BIGINT NOT NULL,
    reason            VARCHAR(32) NOT NULL,
    product_type      VARCHAR(32) NOT NULL,
    bill_id           BIGINT,
    amount            NUMERIC(18, 2) NOT NULL,
    since             TIMESTAMP WITH TIME ZONE,
    gap               NUMERIC(18, 2),
    CONSTRAINT ck_settlement_worklist_reason CHECK (reason IN ('UNPAID', 'POSTPAID_NOT_REPAID', 'SUPERVISION_OPEN',
                                                               'NOT_YET_EFFECTIVE', 'BELOW_THRESHOLD'))
);
CREATE INDEX ix_settlement_worklist_period ON settlement_worklist (period, reason);
