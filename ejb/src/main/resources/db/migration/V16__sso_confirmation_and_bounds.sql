-- Stallkeeper schema, version 16: SSO logins KooGallery's portal starts (no state of ours) wait for the user to
-- confirm who they sign in as, and anonymous SSO traffic is bounded per client address.

-- Who asked: at most a few live states and codes per address (an anonymous caller cannot fill the tables).
ALTER TABLE sso_state ADD COLUMN client_address VARCHAR(64);
CREATE INDEX ix_sso_state_address ON sso_state (client_address, created_at);
ALTER TABLE sso_code ADD COLUMN client_address VARCHAR(64);
CREATE INDEX ix_sso_code_address ON sso_code (client_address, used_at);

-- A portal-started login after the code exchange, until the browser that received it confirms (a form with a
-- token that is also a SameSite=Strict cookie, so another site cannot confirm it): the row is the token's SHA-256
-- and the identity service's tokens, sealed with STALLKEEPER_DATA_KEY. Single use, ten minutes.
CREATE TABLE sso_pending (
    confirm_sha256  VARCHAR(64) PRIMARY KEY,
    tenant_id       VARCHAR(64) NOT NULL,
    app_id          VARCHAR(64) NOT NULL,
    user_name       VARCHAR(64) NOT NULL,
    access_token    VARCHAR(4096) NOT NULL,
    refresh_token   VARCHAR(4096),
    expires_in      BIGINT NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX ix_sso_pending_created ON sso_pending (created_at);
