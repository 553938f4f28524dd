-- Directory hygiene (issue 21 point 3): what the tenant counts as an inactive account (no
-- sign-in for inactive_days) and its admin groups (one a line); without a row, 90 days
-- and Domain Admins, Enterprise Admins, Administratörer. The findings themselves are scan
-- findings of the host "directory" (plugin = the check, port = the account).
CREATE TABLE directory_setting (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    inactive_days BIGINT NOT NULL,
    admin_groups TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX directory_setting_tenant ON directory_setting (tenant_id);
