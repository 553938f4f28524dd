-- Readiness for a cyber incident (issue 24 point 4): the kommun-wide incident response
-- plan (roles, decision levels, when the krisledningsnämnd convenes, how to communicate
-- when e-mail does not work, where the paper copies are kept), its contact tree with
-- phone numbers (each contact called by another), and the exercises that test it, whose
-- findings become actions. The plan's review date and last exercise show on the lägesbild.
CREATE TABLE response_plan (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    name TEXT NOT NULL,
    owner_id BIGINT REFERENCES person(id),
    decided_on TEXT,
    decided_by TEXT,
    roles TEXT,
    decision_levels TEXT,
    crisis_board TEXT,
    communication TEXT,
    paper_copies TEXT,
    review_due TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX response_plan_tenant_id ON response_plan (tenant_id, id);

CREATE TABLE response_contact (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    plan_id BIGINT NOT NULL REFERENCES response_plan(id),
    position BIGINT NOT NULL,
    role TEXT NOT NULL,
    person_id BIGINT REFERENCES person(id),
    name TEXT,
    phone TEXT NOT NULL,
    alt_phone TEXT,
    called_by_id BIGINT REFERENCES response_contact(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX response_contact_plan ON response_contact (tenant_id, plan_id, position);
CREATE INDEX response_contact_tenant_id ON response_contact (tenant_id, id);

CREATE TABLE response_exercise (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    plan_id BIGINT NOT NULL REFERENCES response_plan(id),
    unit_id BIGINT NOT NULL REFERENCES unit(id),
    held_on TEXT NOT NULL,
    kind TEXT NOT NULL,
    scenario TEXT,
    result TEXT NOT NULL,
    findings TEXT,
    next_due TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX response_exercise_plan ON response_exercise (tenant_id, plan_id, held_on);
CREATE INDEX response_exercise_tenant_id ON response_exercise (tenant_id, id);
