-- Continuity: per förvaltningsobjekt or process, a business impact analysis (what stops
-- and after how long it hurts: MTPD, RTO, RPO), its dependencies and the continuity plan;
-- and the tests of it (restore tests and exercises), whose next due date flags what is
-- overdue. The unit is copied from the object or process: it decides who may write.

CREATE TABLE continuity_plan (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    name TEXT NOT NULL,
    object_id BIGINT REFERENCES managed_object(id),
    process_id BIGINT REFERENCES process(id),
    unit_id BIGINT NOT NULL REFERENCES unit(id),
    owner_id BIGINT REFERENCES person(id),
    what_stops TEXT,
    mtpd_hours BIGINT,
    rto_hours BIGINT,
    rpo_hours BIGINT,
    dependencies TEXT,
    plan TEXT,
    last_reviewed TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX continuity_plan_tenant_name ON continuity_plan (tenant_id, name, id);
CREATE INDEX continuity_plan_tenant_unit ON continuity_plan (tenant_id, unit_id);

CREATE TABLE continuity_test (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    plan_id BIGINT NOT NULL REFERENCES continuity_plan(id),
    unit_id BIGINT NOT NULL REFERENCES unit(id),
    kind TEXT NOT NULL,
    tested_on TEXT NOT NULL,
    scope TEXT,
    result TEXT NOT NULL,
    findings TEXT,
    next_due TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX continuity_test_plan ON continuity_test (tenant_id, plan_id, tested_on);
CREATE INDEX continuity_test_tenant_tested ON continuity_test (tenant_id, tested_on, id);

-- The risk- och sårbarhetsanalys (lagen 2006:544) once per term of office, reported to
-- the länsstyrelse by a due date that is data (MCF's rule sets it, not lis).
CREATE TABLE rsa (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    term TEXT NOT NULL,
    due_on TEXT NOT NULL,
    reported_on TEXT,
    owner_id BIGINT REFERENCES person(id),
    note TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX rsa_tenant_term ON rsa (tenant_id, term);
CREATE INDEX rsa_tenant_due ON rsa (tenant_id, due_on, id);
