-- Organisation-wide requirements (issue 19 point 1): a policy adopted by KF, management
-- trained, an incident routine — assessed once for the tenant, not once per object. The
-- catalogue marks them (data/requirements.csv, column scope = org; catalogue_sync keeps
-- org_wide in step, a tenant marks its own); the tenant's one answer to each is an
-- org_answer. The objects' earlier answers to a requirement that becomes organisation-wide
-- stay in answer as history (listed from the requirement's page); the strictest of them
-- (not met before partly before met before not applicable, the latest on a tie) becomes
-- the tenant's answer when the tenant has none yet (src/requirements/org.c, run by the
-- catalogue sync and when a tenant marks one of its own). The objects' counts (answer_tally,
-- answer_phase_tally) leave organisation-wide requirements out: they are counted once.
ALTER TABLE requirement ADD COLUMN org_wide INTEGER NOT NULL DEFAULT 0;
CREATE TABLE org_answer (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    requirement_id BIGINT NOT NULL REFERENCES requirement(id),
    status TEXT NOT NULL,
    comment TEXT,
    evidence TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX org_answer_requirement ON org_answer (tenant_id, requirement_id);
CREATE INDEX org_answer_tenant_id ON org_answer (tenant_id, id);
