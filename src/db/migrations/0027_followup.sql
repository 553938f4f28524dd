-- Follow-up (ISO/IEC 27001 9.2, 9.3; SKR's area 10): the internal audit (egenkontroll) and
-- the management review.
--
-- An audit programme per year; its audits (what, where = the unit audited, when, who) with
-- the requirements and styrdokument they checked; their findings, classified, each of
-- which becomes an action of the handlingsplan (the action carries the finding as its
-- origin: action_item.source_entity = 'audit_findings'). A finding's and a check's unit is
-- copied from its audit: it decides who writes and who reads (findings are need-to-know).

CREATE TABLE audit_programme (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    year BIGINT NOT NULL,
    title TEXT NOT NULL,
    owner_id BIGINT REFERENCES person(id),
    approved_on TEXT,
    note TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX audit_programme_tenant_year ON audit_programme (tenant_id, year);

CREATE TABLE internal_audit (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    programme_id BIGINT NOT NULL REFERENCES audit_programme(id),
    title TEXT NOT NULL,
    unit_id BIGINT NOT NULL REFERENCES unit(id),
    planned_on TEXT NOT NULL,
    auditor_id BIGINT REFERENCES person(id),
    scope TEXT,
    status TEXT NOT NULL,
    held_on TEXT,
    summary TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX internal_audit_programme ON internal_audit (tenant_id, programme_id, planned_on);
CREATE INDEX internal_audit_tenant_planned ON internal_audit (tenant_id, planned_on, id);

CREATE TABLE audit_check (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    audit_id BIGINT NOT NULL REFERENCES internal_audit(id),
    unit_id BIGINT NOT NULL REFERENCES unit(id),
    requirement_id BIGINT REFERENCES requirement(id),
    document_id BIGINT REFERENCES document(id),
    note TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX audit_check_audit ON audit_check (tenant_id, audit_id);

CREATE TABLE audit_finding (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    audit_id BIGINT NOT NULL REFERENCES internal_audit(id),
    unit_id BIGINT NOT NULL REFERENCES unit(id),
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    description TEXT,
    requirement_id BIGINT REFERENCES requirement(id),
    status TEXT NOT NULL,
    closed_on TEXT,
    close_reason TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX audit_finding_audit ON audit_finding (tenant_id, audit_id);
CREATE INDEX audit_finding_tenant_status ON audit_finding (tenant_id, status, id);

-- The management review: a record of the meeting, its inputs counted from live data until
-- it is held, then kept as they were (snapshot, JSON written by lis) so that the figures
-- kommunstyrelsen read do not change afterwards and the next review shows the change.
CREATE TABLE management_review (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    title TEXT NOT NULL,
    planned_on TEXT NOT NULL,
    status TEXT NOT NULL,
    held_on TEXT,
    attendees TEXT,
    context_changes TEXT,
    feedback TEXT,
    opportunities TEXT,
    conclusions TEXT,
    snapshot TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX management_review_tenant_planned ON management_review (tenant_id, planned_on, id);

CREATE TABLE review_decision (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    review_id BIGINT NOT NULL REFERENCES management_review(id),
    decision TEXT NOT NULL,
    responsible_id BIGINT REFERENCES person(id),
    due_on TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX review_decision_review ON review_decision (tenant_id, review_id);

-- Maturity per SKR area (seed 003: the ten areas of SKR's 2019 survey, MSB's levels 1–4):
-- the tenant's answer per year and area, yes/no and then the level, with its evidence; the
-- rows of earlier years are the history.
CREATE TABLE maturity_answer (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    year BIGINT NOT NULL,
    area TEXT NOT NULL,
    answered_yes BIGINT,
    level BIGINT,
    evidence TEXT,
    note TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX maturity_answer_tenant_year_area ON maturity_answer (tenant_id, year, area);
