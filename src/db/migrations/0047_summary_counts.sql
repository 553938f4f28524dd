-- The summary pages' first request after a change (issue 23 point 5), a training
-- campaign's page and the reminder pass: what they count over a whole tenant is read from
-- an index or a tally kept on write, not from every row.

-- A training campaign's target group is the tenant's active people with their units: one
-- pass over this index (10,000 people at scale 100), never over the people's rows.
CREATE INDEX person_tenant_active_unit ON person (tenant_id, active, unit_id);

-- A campaign's completions newest first (its page's list): an index range of the campaign
-- in date order. Without it the tenant's completions were read in date order until the
-- campaign's first 51 were found — all 49,000 of them for a campaign with few (0.1 s).
CREATE INDEX training_completion_campaign_date ON training_completion (tenant_id, campaign_id, completed_on, id);

-- The drafts waiting for their information owner's decision (the start page and each
-- person's reminders): their assets by owner, instead of every classification of the
-- tenant read again for every person of a reminder pass.
CREATE INDEX information_asset_tenant_owner ON information_asset (tenant_id, owner_id);

-- The lägesbild's assessments met and not met per phase: per object and phase of the
-- requirement, counted from the object's answers by answer_tally_refresh in the same
-- transaction as every answer write (src/requirements/tally.c), and for the whole tenant
-- again when a requirement changes phase. Summing these rows (a few thousand) replaces
-- reading every answer of the tenant (195,000 at scale 100: 0.1-0.6 s). phase NULL: a
-- requirement without one. Rebuilt here once.
CREATE TABLE answer_phase_tally (
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    object_id BIGINT NOT NULL REFERENCES managed_object(id),
    phase TEXT,
    met INTEGER NOT NULL,
    not_met INTEGER NOT NULL
);
CREATE INDEX answer_phase_tally_object ON answer_phase_tally (tenant_id, object_id);
INSERT INTO answer_phase_tally (tenant_id, object_id, phase, met, not_met)
SELECT a.tenant_id, a.object_id, q.phase, SUM(CASE WHEN a.status = 'met' THEN 1 ELSE 0 END),
       SUM(CASE WHEN a.status IN ('partly', 'not_met') THEN 1 ELSE 0 END)
FROM answer a JOIN requirement q ON q.tenant_id = a.tenant_id AND q.id = a.requirement_id
GROUP BY a.tenant_id, a.object_id, q.phase;
