-- Running as a fleet (issue 17).
-- Which node holds (or last held) a work item's claim: set with every claim, shown on an instance's page, and
-- used at a graceful shutdown to give back the leases this node still holds.
ALTER TABLE work_item ADD COLUMN claimed_by VARCHAR(64);

-- One row per periodic job and period (the housekeeping slot, the usage-push slot): the node whose insert wins
-- starts that period's run, the others skip it, so every periodic job runs once per period across the fleet
-- (the monthly settlement has its own claim, settlement_run).
CREATE TABLE job_claim (
    job_name    VARCHAR(64) NOT NULL,
    period_key  VARCHAR(32) NOT NULL,
    claimed_by  VARCHAR(64) NOT NULL,
    claimed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT pk_job_claim PRIMARY KEY (job_name, period_key)
);
CREATE INDEX ix_job_claim_claimed_at ON job_claim (claimed_at);
