-- Stallkeeper schema, version 1: KooGallery callbacks, instances and their background work.
-- Written for PostgreSQL; the quick start runs it on H2 in PostgreSQL mode, so keep to the common subset.
-- Times are UTC instants (timestamp with time zone); money is numeric.

CREATE SEQUENCE callback_log_seq START WITH 1 INCREMENT BY 50;
CREATE SEQUENCE instance_event_seq START WITH 1 INCREMENT BY 50;
CREATE SEQUENCE work_item_seq START WITH 1 INCREMENT BY 50;

-- Every callback received, accepted or not: the audit that outlives the instances.
CREATE TABLE callback_log (
    id             BIGINT PRIMARY KEY,
    received_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    activity       VARCHAR(32),
    order_id       VARCHAR(64),
    order_line_id  VARCHAR(64),
    instance_ids   VARCHAR(255),
    test_flag      BOOLEAN NOT NULL,
    nonce          VARCHAR(128),
    result_code    VARCHAR(6) NOT NULL,
    result_msg     VARCHAR(255),
    latency_ms     INTEGER NOT NULL,
    remote_addr    VARCHAR(64),
    request_body   BYTEA,
    response_body  BYTEA
);
CREATE INDEX ix_callback_log_received ON callback_log (received_at);
CREATE INDEX ix_callback_log_order ON callback_log (order_id, order_line_id);

-- Nonces seen inside the signature window, with the answer given, so that a replay gets the same answer.
CREATE TABLE callback_nonce (
    nonce        VARCHAR(128) PRIMARY KEY,
    body_sha256  VARCHAR(64) NOT NULL,
    response     BYTEA,
    received_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_callback_nonce_received ON callback_nonce (received_at);

-- One SaaS instance per order line (per product for pay-per-use): the key KooGallery retries on.
CREATE TABLE instance (
    id              VARCHAR(64) PRIMARY KEY,
    order_id        VARCHAR(64) NOT NULL,
    order_line_id   VARCHAR(64) NOT NULL,
    product_key     VARCHAR(64) NOT NULL,
    state           VARCHAR(16) NOT NULL,
    charging_mode   VARCHAR(25),
    product_id      VARCHAR(64),
    sku_code        VARCHAR(64),
    linear_value    INTEGER,
    period_type     VARCHAR(10),
    period_number   INTEGER,
    trial           BOOLEAN NOT NULL,
    expires_at      TIMESTAMP WITH TIME ZONE,
    customer_id     VARCHAR(100),
    customer_name   VARCHAR(255),
    front_end_url   VARCHAR(512),
    admin_url       VARCHAR(512),
    app_user_name   VARCHAR(128),
    app_password    VARCHAR(128),
    app_memo        VARCHAR(1024),
    failure_reason  VARCHAR(1024),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    version         BIGINT NOT NULL,
    CONSTRAINT uk_instance_order_line UNIQUE (order_id, order_line_id, product_key)
);
CREATE INDEX ix_instance_state ON instance (state);
CREATE INDEX ix_instance_created ON instance (created_at);

-- The lifecycle timeline of an instance.
CREATE TABLE instance_event (
    id             BIGINT PRIMARY KEY,
    instance_id    VARCHAR(64) NOT NULL REFERENCES instance (id),
    occurred_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    event_type     VARCHAR(64) NOT NULL,
    order_id       VARCHAR(64),
    order_line_id  VARCHAR(64),
    detail         VARCHAR(1024)
);
CREATE INDEX ix_instance_event_instance ON instance_event (instance_id, occurred_at);

-- Orders already applied to an instance (renewals, conversions, upgrades): re-applying is a no-op.
CREATE TABLE instance_order (
    instance_id    VARCHAR(64) NOT NULL REFERENCES instance (id),
    order_id       VARCHAR(64) NOT NULL,
    order_line_id  VARCHAR(64) NOT NULL,
    kind           VARCHAR(32) NOT NULL,
    applied_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (instance_id, order_id, order_line_id, kind)
);

-- Slow or unreliable work is state: claimed with SKIP LOCKED by any node, retried with back-off, parked at the end.
CREATE TABLE work_item (
    id               BIGINT PRIMARY KEY,
    instance_id      VARCHAR(64) NOT NULL REFERENCES instance (id),
    kind             VARCHAR(16) NOT NULL,
    status           VARCHAR(16) NOT NULL,
    attempts         INTEGER NOT NULL,
    next_attempt_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    last_error       VARCHAR(2000),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT uk_work_item_instance_kind UNIQUE (instance_id, kind)
);
CREATE INDEX ix_work_item_due ON work_item (status, next_attempt_at);

-- What Query Order said about an order line (product, period, buyer, amount): input to provisioning and books.
CREATE TABLE order_line (
    order_id          VARCHAR(64) NOT NULL,
    order_line_id     VARCHAR(64) NOT NULL,
    order_type        VARCHAR(32) NOT NULL,
    charging_mode     VARCHAR(25),
    product_id        VARCHAR(64),
    sku_code          VARCHAR(64),
    product_name      VARCHAR(255),
    linear_value      INTEGER,
    period_type       VARCHAR(10),
    period_number     INTEGER,
    expire_time       TIMESTAMP WITH TIME ZONE,
    amount            NUMERIC(18, 3),
    currency          VARCHAR(8),
    customer_id       VARCHAR(100),
    customer_name     VARCHAR(255),
    order_created_at  TIMESTAMP WITH TIME ZONE,
    raw_json          TEXT NOT NULL,
    fetched_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (order_id, order_line_id)
);

-- The built-in provisioner's tenants (a seller's own Provisioner keeps its data elsewhere).
CREATE TABLE tenant (
    instance_id    VARCHAR(64) PRIMARY KEY,
    tenant_code    VARCHAR(64) NOT NULL UNIQUE,
    admin_user     VARCHAR(128) NOT NULL,
    seats          INTEGER,
    users_in_use   INTEGER NOT NULL,
    suspended      BOOLEAN NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
