-- Stallkeeper schema, version 8: joint-operation tenants synchronised by KooGallery's Kit interfaces (§6.1-6.2)
-- and the single sign-on of their users (§6.3-6.4). Debug calls (testFlag=1) write none of these tables.
-- Rows are keyed by KooGallery's own identifiers, so a repeated sync meets its earlier row (idempotency).

-- Enterprises (tenants) that bound the seller's app: the OAuth host of their users is domain_name.
CREATE TABLE kit_tenant (
    tenant_id    VARCHAR(64) PRIMARY KEY,
    instance_id  VARCHAR(64) NOT NULL,
    order_id     VARCHAR(64),
    tenant_code  VARCHAR(64) NOT NULL,
    name         VARCHAR(255) NOT NULL,
    domain_name  VARCHAR(255) NOT NULL,
    active       BOOLEAN NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_kit_tenant_instance ON kit_tenant (instance_id);

-- OAuth clients KooGallery created for (tenant, app). The secret is AES-GCM sealed with STALLKEEPER_DATA_KEY.
CREATE TABLE kit_application (
    tenant_id      VARCHAR(64) NOT NULL,
    app_id         VARCHAR(64) NOT NULL,
    instance_id    VARCHAR(64) NOT NULL,
    client_id      VARCHAR(64) NOT NULL,
    client_secret  VARCHAR(2048) NOT NULL,
    active         BOOLEAN NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_id, app_id)
);

-- Users of a tenant and whether they are authorised to use the app (authSync).
CREATE TABLE kit_user (
    tenant_id      VARCHAR(64) NOT NULL,
    app_id         VARCHAR(64) NOT NULL,
    user_name      VARCHAR(64) NOT NULL,
    name           VARCHAR(255) NOT NULL,
    org_code       VARCHAR(64),
    job_position   VARCHAR(255),
    employee_code  VARCHAR(64),
    employee_type  VARCHAR(16),
    role           VARCHAR(16),
    enabled        BOOLEAN NOT NULL,
    mobile         VARCHAR(64),
    email          VARCHAR(255),
    work_place     VARCHAR(255),
    entry_date     VARCHAR(32),
    authorised     BOOLEAN NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_id, app_id, user_name)
);

-- The organisation tree of a tenant, one row per department; parent_code empty at the top.
CREATE TABLE kit_org (
    tenant_id    VARCHAR(64) NOT NULL,
    org_code     VARCHAR(64) NOT NULL,
    org_name     VARCHAR(255) NOT NULL,
    parent_code  VARCHAR(64) NOT NULL,
    updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (tenant_id, org_code)
);

-- One row per tenant whose tree was synchronised: locked by every org change, so a full replace and an
-- incremental change of the same tenant never interleave.
CREATE TABLE kit_org_tree (
    tenant_id     VARCHAR(64) PRIMARY KEY,
    instance_id   VARCHAR(64) NOT NULL,
    full_sync_at  TIMESTAMP WITH TIME ZONE,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

-- SSO: a login we started (/api/sso/login); the state is single use (deleted when the callback consumes it).
CREATE TABLE sso_state (
    state       VARCHAR(64) PRIMARY KEY,
    tenant_id   VARCHAR(64) NOT NULL,
    app_id      VARCHAR(64) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_sso_state_created ON sso_state (created_at);

-- SSO: authorization codes already presented to the callback (SHA-256), so a replayed code is refused here.
CREATE TABLE sso_code (
    code_sha256  VARCHAR(64) PRIMARY KEY,
    tenant_id    VARCHAR(64) NOT NULL,
    used_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_sso_code_used ON sso_code (used_at);

-- SSO sessions of tenant users; the cookie holds a random token, the row its SHA-256. Tokens sealed at rest.
CREATE TABLE sso_session (
    id_sha256           VARCHAR(64) PRIMARY KEY,
    tenant_id           VARCHAR(64) NOT NULL,
    app_id              VARCHAR(64) NOT NULL,
    user_name           VARCHAR(64) NOT NULL,
    display_name        VARCHAR(255),
    role                VARCHAR(16),
    org_code            VARCHAR(64),
    access_token        VARCHAR(4096) NOT NULL,
    refresh_token       VARCHAR(4096),
    expires_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    refresh_expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    refreshed_at        TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_sso_session_user ON sso_session (tenant_id, user_name);
CREATE INDEX ix_sso_session_refresh_expires ON sso_session (refresh_expires_at);
