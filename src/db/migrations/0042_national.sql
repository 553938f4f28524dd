-- The national/regional view (issue 19 point 6): a tenant's consent that its maturity
-- answers count in the aggregates a body (SKR, a county, a kommunalförbund) reads, with the
-- county and the size class it is counted under, and who decided it when. One row a
-- tenant; without a row, or with opted_in 0, the tenant is not counted.
CREATE TABLE national_optin (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    opted_in BIGINT,
    county_code TEXT NOT NULL,
    size_class TEXT NOT NULL,
    decided_by TEXT,
    decided_on TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX national_optin_tenant ON national_optin (tenant_id);
CREATE INDEX national_optin_in ON national_optin (opted_in, tenant_id);
CREATE INDEX maturity_answer_year ON maturity_answer (year, tenant_id);
