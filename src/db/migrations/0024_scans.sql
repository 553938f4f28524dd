-- Vulnerability scans (issue 21): the findings of Greenbone/OpenVAS and Nessus exports,
-- de-duplicated across scans by host + plugin/NVT + port, so that a re-scan marks what is
-- fixed and what is still open while keeping when each was first and last seen.
-- Findings name weaknesses: read need-to-know like risks (src/scans/entities.c).

-- One import of a scan file: its counts, the trend between scans.
CREATE TABLE scan_import (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    unit_id BIGINT NOT NULL REFERENCES unit(id),
    file_name TEXT,
    format TEXT NOT NULL,
    scanned_on TEXT NOT NULL,
    findings BIGINT NOT NULL,
    hosts BIGINT NOT NULL,
    new_findings BIGINT NOT NULL,
    still_open BIGINT NOT NULL,
    fixed BIGINT NOT NULL,
    unmapped_hosts TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX scan_import_tenant ON scan_import (tenant_id, id);

CREATE TABLE scan_finding (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    unit_id BIGINT NOT NULL REFERENCES unit(id),
    system_id BIGINT REFERENCES system(id),
    host TEXT NOT NULL,
    host_name TEXT,
    plugin TEXT NOT NULL,
    port TEXT NOT NULL,
    title TEXT NOT NULL,
    scanner TEXT NOT NULL,
    severity TEXT NOT NULL,
    cvss TEXT,
    cvss_version TEXT,
    output TEXT,
    status TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    fixed_on TEXT,
    due_on TEXT NOT NULL,
    acceptance_reason TEXT,
    review_date TEXT,
    last_import_id BIGINT REFERENCES scan_import(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX scan_finding_key ON scan_finding (tenant_id, host, plugin, port);
CREATE INDEX scan_finding_tenant_title ON scan_finding (tenant_id, title, id);
CREATE INDEX scan_finding_tenant_system ON scan_finding (tenant_id, system_id, status);
CREATE INDEX scan_finding_tenant_due ON scan_finding (tenant_id, status, due_on);

-- The tenant's rules from a scanned host to the system it belongs to, set once: a host
-- name or address, or a prefix ending in '*' ("10.1.2.*", "web*").
CREATE TABLE scan_host_rule (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    pattern TEXT NOT NULL,
    system_id BIGINT NOT NULL REFERENCES system(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX scan_host_rule_pattern ON scan_host_rule (tenant_id, pattern);

-- The tenant's remediation deadline per severity, in days; a severity without a row
-- has the default (14 critical, 30 high, 90 medium, 180 low).
CREATE TABLE scan_deadline (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    severity TEXT NOT NULL,
    days BIGINT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX scan_deadline_severity ON scan_deadline (tenant_id, severity);
