-- What protects what (issue 21 point 4): per system, whether its logs reach the SOC and
-- whether log-in takes multi-factor authentication ('yes', 'no'; NULL = not known yet),
-- recorded by hand or through the CSV import; and the penetration tests of a system.
-- A test's findings name weaknesses: read need-to-know like risks (src/scans/pentest.c).
ALTER TABLE system ADD COLUMN soc_logging TEXT;
ALTER TABLE system ADD COLUMN mfa TEXT;

CREATE TABLE pentest (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    unit_id BIGINT NOT NULL REFERENCES unit(id),
    system_id BIGINT NOT NULL REFERENCES system(id),
    scope TEXT NOT NULL,
    tested_on TEXT NOT NULL,
    tester TEXT NOT NULL,
    findings TEXT,
    retest_on TEXT,
    retest_result TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX pentest_tenant_system ON pentest (tenant_id, system_id, tested_on);
CREATE INDEX pentest_tenant_tested ON pentest (tenant_id, tested_on, id);
