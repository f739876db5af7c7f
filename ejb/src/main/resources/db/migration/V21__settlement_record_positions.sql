-- The settling step appends the ledger (bill_settlement) partition by partition, slice by slice (issue 15): each
-- partition's position in that step, committed with the slice's ledger rows, so a restarted run goes on from it
-- (the accumulate step's position is last_id). settled_bills counts the ledger rows the partition appended.
ALTER TABLE settlement_partition ADD COLUMN settle_last_id BIGINT;
ALTER TABLE settlement_partition ADD COLUMN settled_bills BIGINT DEFAULT 0 NOT NULL;
UPDATE settlement_partition SET settle_last_id = from_id - 1;
ALTER TABLE settlement_partition ALTER COLUMN settle_last_id SET NOT NULL;
