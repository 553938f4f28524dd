-- Trends (issue 19 point 3): the lägesbild's key figures kept per quarter, one row per
-- tenant and quarter ('2026-Q4', by the Stockholm date), written by lis serve's daily pass
-- and `lis trends-snapshot` (src/dashboard/trends.c) and drawn as small charts on the
-- lägesbild and in the management review. The row of the current quarter is counted again
-- each day; when the quarter ends its last count stands. The unique index is the claim: a
-- pass inserts the row with ON CONFLICT DO NOTHING, then takes it by one UPDATE that sets
-- claimed_until (only where counted_on is older than today and no claim runs), so of two
-- lis processes only one counts a tenant's quarter. A figure left NULL was not counted
-- (no training campaign yet); counted_on NULL: claimed, never yet counted.
CREATE TABLE trend_snapshot (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    quarter TEXT NOT NULL,
    counted_on TEXT,
    claimed_until TEXT,
    risks_low INTEGER,
    risks_medium INTEGER,
    risks_high INTEGER,
    risks_very_high INTEGER,
    actions_open INTEGER,
    actions_late INTEGER,
    objects INTEGER,
    objects_analysed INTEGER,
    assets INTEGER,
    assets_classified INTEGER,
    incidents INTEGER,
    deadlines_met INTEGER,
    deadlines_late INTEGER,
    training_people INTEGER,
    training_done INTEGER,
    updated_at TEXT
);
CREATE UNIQUE INDEX trend_snapshot_quarter ON trend_snapshot (tenant_id, quarter);
