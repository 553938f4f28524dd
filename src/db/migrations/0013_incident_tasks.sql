-- Incident handling, continued: where a risk came from (an incident's lessons learned,
-- a failed continuity test), as actions already record it (source_entity, source_id:
-- the record's entity name and id, see src/entity/origin.h).

ALTER TABLE risk ADD COLUMN source_entity TEXT;
ALTER TABLE risk ADD COLUMN source_id BIGINT;
CREATE INDEX risk_tenant_source ON risk (tenant_id, source_entity, source_id);

-- Tasks with owners on an incident. Need-to-know as for the incident: read and written
-- by the handlers; the owner (a handler or the incident's reporter: someone who may see
-- the incident) sees and ticks off their own. due_at and done_at are ISO UTC text.
CREATE TABLE incident_task (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    incident_id BIGINT NOT NULL REFERENCES incident(id),
    title TEXT NOT NULL,
    owner_id BIGINT NOT NULL REFERENCES person(id),
    due_at TEXT,
    status TEXT NOT NULL,
    done_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX incident_task_incident ON incident_task (tenant_id, incident_id, status);
CREATE INDEX incident_task_owner ON incident_task (tenant_id, owner_id, status, due_at);
CREATE INDEX incident_task_tenant_due ON incident_task (tenant_id, due_at, id);

-- The authorities notifications go to, as data the CISO keeps (the CSIRT's name and
-- address change by förordning): one row per tenant and kind ('imy' for GDPR, 'csirt'
-- for Cybersäkerhetslagen); no row means lis's defaults (src/incidents/authorities.c).
CREATE TABLE incident_authority (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    url TEXT,
    phone TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX incident_authority_kind ON incident_authority (tenant_id, kind);
CREATE INDEX incident_authority_tenant_id ON incident_authority (tenant_id, id);
