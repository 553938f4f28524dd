-- Reporting as Cybersäkerhetslagen has it (issue 17 point 5). When the incident was
-- handled (over): a final report is due a month after the notification, or — when the
-- incident is still going on then — a progress report then and the final report a month
-- after handling. One submission can serve two duties (an incident notification that is
-- also the early warning), recorded once. A delrapport is due when the authority asks: a
-- recorded request with its own deadline.
ALTER TABLE incident ADD COLUMN handled_at TEXT;
ALTER TABLE incident_notification ADD COLUMN also_serves TEXT;

CREATE TABLE incident_report_request (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    incident_id BIGINT NOT NULL REFERENCES incident(id),
    requested_at TEXT NOT NULL,
    requested_by TEXT,
    asked_for TEXT NOT NULL,
    due_at TEXT NOT NULL,
    sent_at TEXT,
    reference TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX incident_report_request_tenant_id ON incident_report_request (tenant_id, id);
CREATE INDEX incident_report_request_incident ON incident_report_request (tenant_id, incident_id);
CREATE INDEX incident_report_request_due ON incident_report_request (tenant_id, due_at);
