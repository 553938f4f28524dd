-- The four phases (issue 24 point 5; seed 001: förhindra, upptäcka, bekämpa, återställa —
-- prevent, detect, respond, recover): requirements, actions and incident timeline entries
-- say which phase of the work they serve, so the lägesbild can show where the kommun's
-- measures sit. lis's own catalogue rows get a phase by their chapter where it is plain
-- (logging detects, incident handling responds, backup and continuity recover, the rest
-- prevents); the tenant may change it. An incident records when it was contained, so that
-- its report can say how long detecting, containing and restoring took (restored is
-- handled_at, when the impact was over).
ALTER TABLE requirement ADD COLUMN phase TEXT;
UPDATE requirement SET phase = CASE
    WHEN area = 'loggning' THEN 'detect'
    WHEN area = 'incident' THEN 'respond'
    WHEN area IN ('backup', 'kontinuitet') THEN 'recover'
    ELSE 'prevent' END
WHERE source = 'lis';
ALTER TABLE action_item ADD COLUMN phase TEXT;
ALTER TABLE incident_event ADD COLUMN phase TEXT;
ALTER TABLE incident ADD COLUMN contained_at TEXT;
CREATE INDEX requirement_tenant_phase ON requirement (tenant_id, phase);
CREATE INDEX action_item_tenant_phase ON action_item (tenant_id, phase);
