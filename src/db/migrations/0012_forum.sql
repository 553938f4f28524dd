-- The security forum (Forum för informations- och IT-säkerhet): its meetings and the
-- matters (ärenden) on each meeting's agenda, with proposal, decision and notes.
-- Every row carries its tenant; lists are served by indexes led by tenant_id.

-- starts_at is stored in UTC (ISO 8601) and shown in Europe/Stockholm. Once the minutes
-- are approved (justerade: approved_by_id, approved_at), the meeting and its items are
-- frozen by the rules (src/forum/rules.c).
CREATE TABLE forum_meeting (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    title TEXT NOT NULL,
    starts_at TEXT NOT NULL,
    place TEXT,
    chair_id BIGINT REFERENCES person(id),
    participants TEXT,
    status TEXT NOT NULL,
    approved_by_id BIGINT REFERENCES person(id),
    approved_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX forum_meeting_tenant_starts ON forum_meeting (tenant_id, starts_at, id);
CREATE INDEX forum_meeting_tenant_status ON forum_meeting (tenant_id, status, id);

-- kind is one of risk, incident, action, free; source_entity/source_id name the record
-- the matter was raised from ("risks", "incidents", "actions"), the same contract as an
-- action's origin. position is the order number on the agenda (ties in the priority).
CREATE TABLE forum_item (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    meeting_id BIGINT NOT NULL REFERENCES forum_meeting(id),
    title TEXT NOT NULL,
    description TEXT,
    kind TEXT NOT NULL,
    source_entity TEXT,
    source_id BIGINT,
    presenter_id BIGINT REFERENCES person(id),
    proposal TEXT,
    decision TEXT,
    notes TEXT,
    status TEXT NOT NULL,
    position INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX forum_item_tenant_meeting ON forum_item (tenant_id, meeting_id, position, id);
CREATE INDEX forum_item_tenant_title ON forum_item (tenant_id, title, id);
CREATE INDEX forum_item_tenant_source ON forum_item (tenant_id, source_entity, source_id);
