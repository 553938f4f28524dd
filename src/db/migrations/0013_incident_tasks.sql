-- Incident handling, continued: where a risk came from (an incident's lessons learned,
-- a failed continuity test), as actions already record it (source_entity, source_id:
-- the record's entity name and id, see src/entity/origin.h).

ALTER TABLE risk ADD COLUMN source_entity TEXT;
ALTER TABLE risk ADD COLUMN source_id BIGINT;
CREATE INDEX risk_tenant_source ON risk (tenant_id, source_entity, source_id);
