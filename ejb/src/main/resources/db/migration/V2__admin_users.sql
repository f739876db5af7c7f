-- Stallkeeper schema, version 2: the seller's staff who use the admin console and the admin API.
-- Passwords are PBKDF2 hashes in Jakarta Security's Pbkdf2PasswordHash format (algorithm:iterations:salt:hash).

CREATE TABLE admin_user (
    username       VARCHAR(64) PRIMARY KEY,
    display_name   VARCHAR(128),
    password_hash  VARCHAR(512) NOT NULL,
    enabled        BOOLEAN NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by     VARCHAR(64),
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    version        BIGINT NOT NULL
);

-- One row per role held: admin, finance, operator.
CREATE TABLE admin_user_role (
    username  VARCHAR(64) NOT NULL REFERENCES admin_user (username) ON DELETE CASCADE,
    role      VARCHAR(16) NOT NULL,
    PRIMARY KEY (username, role)
);
