-- Styrdokument: the kommun's governing documents in their hierarchy (policy → riktlinje →
-- tillämpningsanvisning / rutin), each with its owner, scope (the whole tenant when unit_id
-- is NULL), text or link or an uploaded file (base64 in the row: uploads live in the
-- database, never on disk), status, decision and review date. A decided version is
-- copied to document_version, which is never edited; the requirements a document meets
-- are rows of document_requirement.
CREATE TABLE document (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    title TEXT NOT NULL,
    level TEXT NOT NULL,
    parent_id BIGINT REFERENCES document(id),
    owner_id BIGINT REFERENCES person(id),
    unit_id BIGINT REFERENCES unit(id),
    status TEXT NOT NULL,
    version BIGINT NOT NULL,
    body TEXT,
    link TEXT,
    file_name TEXT,
    file_type TEXT,
    file_size BIGINT,
    file_data TEXT,
    decided_by TEXT,
    decided_on TEXT,
    decision_paragraph TEXT,
    diarienummer TEXT,
    review_months BIGINT,
    next_review TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX document_tenant_title ON document (tenant_id, title, id);
CREATE INDEX document_tenant_parent ON document (tenant_id, parent_id);
CREATE INDEX document_tenant_review ON document (tenant_id, next_review, id);

CREATE TABLE document_version (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    document_id BIGINT NOT NULL REFERENCES document(id),
    version BIGINT NOT NULL,
    title TEXT NOT NULL,
    unit_id BIGINT REFERENCES unit(id),
    body TEXT,
    link TEXT,
    file_name TEXT,
    file_type TEXT,
    file_data TEXT,
    decided_by TEXT,
    decided_on TEXT,
    decision_paragraph TEXT,
    diarienummer TEXT,
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX document_version_number ON document_version (tenant_id, document_id, version);

CREATE TABLE document_requirement (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    document_id BIGINT NOT NULL REFERENCES document(id),
    requirement_id BIGINT NOT NULL REFERENCES requirement(id),
    unit_id BIGINT REFERENCES unit(id),
    note TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX document_requirement_pair
    ON document_requirement (tenant_id, document_id, requirement_id);
CREATE INDEX document_requirement_req ON document_requirement (tenant_id, requirement_id);

-- A decided version published to its readers: everyone, a unit's staff (with its
-- subtree) or the holders of a role; each person confirms "läst och förstått" once per
-- version, so a new version asks again. unit_id is the document's (who may publish);
-- an acknowledgement keeps the person's unit for the share per förvaltning.
CREATE TABLE document_publication (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    document_id BIGINT NOT NULL REFERENCES document(id),
    version BIGINT NOT NULL,
    unit_id BIGINT REFERENCES unit(id),
    target TEXT NOT NULL,
    target_unit_id BIGINT REFERENCES unit(id),
    target_role TEXT,
    published_on TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX document_publication_document ON document_publication (tenant_id, document_id, version);
CREATE INDEX document_publication_tenant ON document_publication (tenant_id, published_on, id);

CREATE TABLE document_ack (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    document_id BIGINT NOT NULL REFERENCES document(id),
    version BIGINT NOT NULL,
    person_id BIGINT NOT NULL REFERENCES person(id),
    unit_id BIGINT REFERENCES unit(id),
    confirmed_at TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE UNIQUE INDEX document_ack_once ON document_ack (tenant_id, document_id, version, person_id);
CREATE INDEX document_ack_person ON document_ack (tenant_id, person_id);
