-- Suppliers followed up (issue 18 points 3 and 4). The SKA annex comes back with the
-- supplier's answer per requirement (met, partly, not met, and a comment), recorded for
-- the supplier and, when the tender led to one, the agreement. A supplier is reviewed
-- every review_months (12 by default) with next_review as the date the next one is due;
-- a review asks questions (an SKA requirement or the tenant's own text) and records the
-- supplier's answers and evidence and its findings, which become actions. Certifications
-- seen (ISO 27001, SOC 2 …) are kept with their expiry. An incident can name the supplier
-- it concerns.
CREATE TABLE supplier_answer (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    supplier_id BIGINT NOT NULL REFERENCES supplier(id),
    agreement_id BIGINT REFERENCES agreement(id),
    requirement_id BIGINT NOT NULL REFERENCES requirement(id),
    status TEXT NOT NULL,
    comment TEXT,
    answered_on TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX supplier_answer_supplier ON supplier_answer (tenant_id, supplier_id, requirement_id);

ALTER TABLE supplier ADD COLUMN review_months BIGINT;
ALTER TABLE supplier ADD COLUMN next_review TEXT;
UPDATE supplier SET review_months = 12;

CREATE TABLE supplier_review (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    supplier_id BIGINT NOT NULL REFERENCES supplier(id),
    title TEXT NOT NULL,
    status TEXT NOT NULL,
    planned_on TEXT,
    held_on TEXT,
    reviewer_id BIGINT REFERENCES person(id),
    summary TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX supplier_review_supplier ON supplier_review (tenant_id, supplier_id, planned_on);

CREATE TABLE supplier_review_question (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    review_id BIGINT NOT NULL REFERENCES supplier_review(id),
    requirement_id BIGINT REFERENCES requirement(id),
    question TEXT,
    answer TEXT,
    evidence TEXT,
    status TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX supplier_review_question_review ON supplier_review_question (tenant_id, review_id);

CREATE TABLE supplier_finding (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    supplier_id BIGINT NOT NULL REFERENCES supplier(id),
    review_id BIGINT REFERENCES supplier_review(id),
    title TEXT NOT NULL,
    severity TEXT NOT NULL,
    status TEXT NOT NULL,
    description TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX supplier_finding_supplier ON supplier_finding (tenant_id, supplier_id, status);
CREATE INDEX supplier_finding_review ON supplier_finding (tenant_id, review_id);

CREATE TABLE supplier_certification (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    supplier_id BIGINT NOT NULL REFERENCES supplier(id),
    standard TEXT NOT NULL,
    scope TEXT,
    issuer TEXT,
    seen_on TEXT,
    expires_on TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX supplier_certification_supplier ON supplier_certification (tenant_id, supplier_id, expires_on);

ALTER TABLE incident ADD COLUMN supplier_id BIGINT REFERENCES supplier(id);
CREATE INDEX incident_tenant_supplier ON incident (tenant_id, supplier_id);

-- A risk analysis names the suppliers that took part in it (or whose service it
-- concerns); the link's unit is the analysis's, so its writers keep it and need-to-know
-- follows the analysis.
CREATE TABLE analysis_supplier (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    analysis_id BIGINT NOT NULL REFERENCES risk_analysis(id),
    supplier_id BIGINT NOT NULL REFERENCES supplier(id),
    unit_id BIGINT REFERENCES unit(id),
    note TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX analysis_supplier_analysis ON analysis_supplier (tenant_id, analysis_id);
CREATE INDEX analysis_supplier_supplier ON analysis_supplier (tenant_id, supplier_id);

-- A critical supplier (one the kommun cannot do without at short notice) has an exit
-- plan: what data comes back and how, in which format, how long it takes, who does it
-- and when the plan is next tested (a due date).
ALTER TABLE supplier ADD COLUMN critical INTEGER NOT NULL DEFAULT 0;
CREATE TABLE supplier_exit_plan (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    supplier_id BIGINT NOT NULL REFERENCES supplier(id),
    title TEXT NOT NULL,
    data_export TEXT NOT NULL,
    data_format TEXT,
    time_needed TEXT,
    responsible_id BIGINT REFERENCES person(id),
    test_due TEXT,
    tested_on TEXT,
    test_result TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX supplier_exit_plan_supplier ON supplier_exit_plan (tenant_id, supplier_id);
