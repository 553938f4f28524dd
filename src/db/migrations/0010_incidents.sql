-- Incidents: the report any employee makes, the handlers' triage and legal assessment,
-- what is affected (units, systems, information assets), the notifications actually
-- sent to IMY and the CSIRT, and the timeline. Need-to-know: rows are read by the
-- handlers and the reporter only (src/incidents), so every index leads by tenant_id and
-- the reporter's own list is served by (tenant_id, reporter_id). Times are ISO UTC text.

CREATE TABLE incident (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    reference TEXT NOT NULL,
    title TEXT NOT NULL,
    what_happened TEXT NOT NULL,
    discovered_at TEXT NOT NULL,
    affected TEXT,
    contact TEXT,
    reporter_id BIGINT REFERENCES person(id),
    status TEXT NOT NULL,
    aware_at TEXT NOT NULL,
    triaged_at TEXT,
    category TEXT,
    severity TEXT,
    personal_data TEXT NOT NULL,
    personal_data_reason TEXT,
    significant TEXT NOT NULL,
    significant_reason TEXT,
    breach_nature TEXT,
    data_subject_categories TEXT,
    data_subjects_approx BIGINT,
    records_approx BIGINT,
    consequences TEXT,
    measures TEXT,
    dso_contact TEXT,
    suspected_cause TEXT,
    cross_border TEXT,
    impact TEXT,
    indicators TEXT,
    closed_at TEXT,
    lessons TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX incident_tenant_reference ON incident (tenant_id, reference);
CREATE INDEX incident_tenant_reference_id ON incident (tenant_id, reference, id);
CREATE INDEX incident_tenant_reporter ON incident (tenant_id, reporter_id);
CREATE INDEX incident_tenant_status ON incident (tenant_id, status, id);
CREATE INDEX incident_tenant_discovered ON incident (tenant_id, discovered_at, id);
CREATE INDEX incident_tenant_aware ON incident (tenant_id, aware_at);

-- One row per affected thing: a unit, a system or an information asset.
CREATE TABLE incident_link (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    incident_id BIGINT NOT NULL REFERENCES incident(id),
    unit_id BIGINT REFERENCES unit(id),
    system_id BIGINT REFERENCES system(id),
    asset_id BIGINT REFERENCES information_asset(id),
    note TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX incident_link_incident ON incident_link (tenant_id, incident_id);

CREATE TABLE incident_notification (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    incident_id BIGINT NOT NULL REFERENCES incident(id),
    kind TEXT NOT NULL,
    sent_at TEXT NOT NULL,
    reference TEXT,
    note TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX incident_notification_kind ON incident_notification (tenant_id, incident_id, kind);

CREATE TABLE incident_event (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    incident_id BIGINT NOT NULL REFERENCES incident(id),
    at TEXT NOT NULL,
    person_id BIGINT REFERENCES person(id),
    what TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX incident_event_incident ON incident_event (tenant_id, incident_id, at);
