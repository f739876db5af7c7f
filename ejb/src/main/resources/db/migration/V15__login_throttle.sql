-- Stallkeeper schema, version 15: failed console and admin API logins, per user and per client address, so that
-- guessing passwords is slowed down on every node alike (the table is the fleet's memory, not a node's).
-- subject: 'user:<username>' or 'addr:<address>'; locked_until: no password is checked for it before then.
CREATE TABLE login_failure (
    subject          VARCHAR(200) PRIMARY KEY,
    failures         INTEGER NOT NULL,
    last_failure_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    locked_until     TIMESTAMP WITH TIME ZONE
);
