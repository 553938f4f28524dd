-- Requirements (säkerhetskrav) and self-assessment. Each tenant holds its copy of lis's
-- shipped catalogue (source 'lis', kept in step with data/requirements.csv by code; a
-- tenant may switch one off with a reason) and its own requirements (source 'own').
-- An answer is one requirement assessed for one förvaltningsobjekt.

CREATE TABLE requirement (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    code TEXT NOT NULL,
    source TEXT NOT NULL,
    area TEXT NOT NULL,
    kind TEXT NOT NULL,
    aspect TEXT NOT NULL,
    min_level INTEGER NOT NULL,
    text_sv TEXT NOT NULL,
    text_en TEXT,
    iso27002 TEXT,
    msbfs TEXT,
    gdpr TEXT,
    active INTEGER NOT NULL DEFAULT 1,
    disabled_reason TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX requirement_tenant_code ON requirement (tenant_id, code);
CREATE INDEX requirement_tenant_id ON requirement (tenant_id, id);

CREATE TABLE answer (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    unit_id BIGINT NOT NULL REFERENCES unit(id),
    object_id BIGINT NOT NULL REFERENCES managed_object(id),
    requirement_id BIGINT NOT NULL REFERENCES requirement(id),
    status TEXT NOT NULL,
    comment TEXT,
    evidence TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX answer_object_requirement ON answer (tenant_id, object_id, requirement_id);
CREATE INDEX answer_tenant_id ON answer (tenant_id, id);

-- which version of the shipped catalogue each tenant holds (its SHA-256)
ALTER TABLE tenant ADD COLUMN catalogue_hash TEXT;
