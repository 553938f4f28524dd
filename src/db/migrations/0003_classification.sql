-- Informationsklassning: one row per version of an information asset's classification.
-- A version is a draft until the information owner decides it; a decided version is
-- frozen and the latest decided one is the asset's current classification (is_current),
-- which systems and objects aggregate. Earlier versions stay readable.

CREATE TABLE classification (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    unit_id BIGINT NOT NULL REFERENCES unit(id),
    asset_id BIGINT NOT NULL REFERENCES information_asset(id),
    version INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'draft',
    is_current INTEGER NOT NULL DEFAULT 0,
    k TEXT NOT NULL,
    r TEXT NOT NULL,
    t TEXT NOT NULL,
    s TEXT,
    personal_data INTEGER NOT NULL DEFAULT 0,
    sensitive_data INTEGER NOT NULL DEFAULT 0,
    osl INTEGER NOT NULL DEFAULT 0,
    osl_ref TEXT,
    security_protection INTEGER NOT NULL DEFAULT 0,
    motivation TEXT NOT NULL,
    participants TEXT,
    classified_on TEXT NOT NULL,
    next_review TEXT,
    decided_by BIGINT REFERENCES person(id),
    decided_at TEXT,
    review_trigger TEXT,
    triggered_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX classification_asset_version ON classification (tenant_id, asset_id, version);
CREATE INDEX classification_tenant_id ON classification (tenant_id, id);
CREATE INDEX classification_current ON classification (tenant_id, is_current, next_review);

-- how long a decided classification holds before it is due again (months)
ALTER TABLE tenant ADD COLUMN review_months INTEGER NOT NULL DEFAULT 12;
