-- Continuity in depth (issue 24). The business impact analysis of a plan: how hard an
-- outage hits each kind of consequence after 1 h, 4 h, 1 day, 3 days and 1 week, on the
-- tenant's consequence scale (one row per kind and point in time where the impact is
-- stated; MTPD follows from the rows); the minimum level, the manual workarounds and how
-- long they hold, the people and premises needed; and the yearly review as a due date.
ALTER TABLE continuity_plan ADD COLUMN min_level TEXT;
ALTER TABLE continuity_plan ADD COLUMN workarounds TEXT;
ALTER TABLE continuity_plan ADD COLUMN workaround_hours BIGINT;
ALTER TABLE continuity_plan ADD COLUMN people_needed TEXT;
ALTER TABLE continuity_plan ADD COLUMN premises_needed TEXT;
ALTER TABLE continuity_plan ADD COLUMN review_due TEXT;
CREATE INDEX continuity_plan_review ON continuity_plan (tenant_id, review_due);

CREATE TABLE bia_impact (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    plan_id BIGINT NOT NULL REFERENCES continuity_plan(id),
    unit_id BIGINT NOT NULL REFERENCES unit(id),
    kind TEXT NOT NULL,
    after_hours TEXT NOT NULL,
    level BIGINT NOT NULL,
    note TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (tenant_id, plan_id, kind, after_hours)
);
CREATE INDEX bia_impact_tenant_id ON bia_impact (tenant_id, id);
CREATE INDEX bia_impact_tenant_unit ON bia_impact (tenant_id, unit_id);

-- What a process or a system needs to run: another system, a supplier (its SLA's
-- restore time, when one is agreed) or premises. The unit is the dependant's: it decides
-- who may write. The recovery needs roll down these edges (src/continuity/rollup.c).
CREATE TABLE continuity_dependency (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    unit_id BIGINT NOT NULL REFERENCES unit(id),
    process_id BIGINT REFERENCES process(id),
    system_id BIGINT REFERENCES system(id),
    needs_system_id BIGINT REFERENCES system(id),
    supplier TEXT,
    sla_restore_hours BIGINT,
    premises TEXT,
    note TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX continuity_dependency_tenant_id ON continuity_dependency (tenant_id, id);
CREATE INDEX continuity_dependency_tenant_unit ON continuity_dependency (tenant_id, unit_id);
CREATE INDEX continuity_dependency_process ON continuity_dependency (tenant_id, process_id);
CREATE INDEX continuity_dependency_system ON continuity_dependency (tenant_id, system_id);

-- The step of the consequence scale from which an outage's impact is unacceptable: the
-- BIA's MTPD is where an impact first reaches it. NULL = the scale's highest step (also
-- when the scale has shrunk below the stored step).
ALTER TABLE tenant ADD COLUMN bia_unacceptable INTEGER;
