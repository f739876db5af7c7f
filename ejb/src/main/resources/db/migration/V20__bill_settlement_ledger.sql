-- Settlement becomes an append-only ledger of its own (issue 15, docs/settlement.md). A bill is an immutable fact;
-- that it settled, in which period and statement, is one row of bill_settlement, written once by the settling
-- INSERT ... SELECT and never updated. "A bill is settled at most once" is the primary key on bill_id.
-- Settling 900,000 bills used to rewrite 900,000 bill rows (four index entries and an FK check each); it is now
-- one narrow row per bill with one index entry. No foreign keys, for the same reason: the settling statement
-- writes the statement rows itself in the same transaction.
CREATE TABLE bill_settlement (
    bill_id        BIGINT PRIMARY KEY,
    period         INTEGER NOT NULL,
    statement_id   BIGINT NOT NULL,
    settled_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Every bill settled before keeps its period and statement (updated_at was set by the settling update).
INSERT INTO bill_settlement (bill_id, period, statement_id, settled_at)
    SELECT id, settled_in_period, statement_id, updated_at FROM bill WHERE settled_in_period IS NOT NULL;

-- A statement's lines: its bills (the same columns as before).
DROP VIEW settlement_statement_line;
CREATE VIEW settlement_statement_line AS
    SELECT s.statement_id, b.id AS bill_id, s.period, b.product_type, b.kind, b.order_id, b.order_line_id, b.amount
    FROM bill_settlement s JOIN bill b ON b.id = s.bill_id;

ALTER TABLE bill DROP CONSTRAINT fk_bill_statement;
ALTER TABLE bill DROP CONSTRAINT ck_bill_settled;
DROP INDEX ix_bill_unsettled;
ALTER TABLE bill DROP COLUMN settled_in_period;
ALTER TABLE bill DROP COLUMN statement_id;
