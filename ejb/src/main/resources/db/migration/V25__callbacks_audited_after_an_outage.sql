-- Callbacks answered while the database was away are kept in a node-local spool and audited once it is back
-- (docs/operations.md). outage marks those rows; spool_key is the spool record's unique key, so replaying a record
-- twice (a crash between the insert and the spool's position) cannot create a second row.
ALTER TABLE callback_log ADD COLUMN outage BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE callback_log ADD COLUMN spool_key VARCHAR(64);
CREATE UNIQUE INDEX ux_callback_log_spool_key ON callback_log (spool_key);
