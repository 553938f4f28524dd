-- Support for the significance assessment (issue 17 point 5): the handler's answers on
-- the incident (hours an activity was restricted, hours on manual workarounds, people
-- whose protected data is affected, cost as a percent of the year's budget), and the
-- thresholds the CISO keeps per tenant (no row: lis's defaults as reported, not verified;
-- src/incidents/significance.c).
ALTER TABLE incident ADD COLUMN sig_restricted_hours BIGINT;
ALTER TABLE incident ADD COLUMN sig_manual_hours BIGINT;
ALTER TABLE incident ADD COLUMN sig_people BIGINT;
ALTER TABLE incident ADD COLUMN sig_cost_percent BIGINT;

CREATE TABLE significance_threshold (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    criterion TEXT NOT NULL,
    threshold BIGINT NOT NULL,
    verified TEXT NOT NULL,
    source TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX significance_threshold_criterion ON significance_threshold (tenant_id, criterion);
CREATE INDEX significance_threshold_tenant_id ON significance_threshold (tenant_id, id);
