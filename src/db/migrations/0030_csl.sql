-- Cybersäkerhetslagen's duties (issue 17 §4), per organisation: the kommun, a
-- kommunalförbund, a kommunalt bolag (a unit of kind organisation, forbund, koncern or
-- bolag). Each records its status under the law with the reason, the facts registered
-- with the supervisory authority and the registration itself; a change to a registered
-- fact is a csl_change due 14 days later until reported (2 kap. 2 §); management
-- training (2 kap. 4 §) per person and mandate period.
CREATE TABLE csl_organisation (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    unit_id BIGINT NOT NULL REFERENCES unit(id),
    reason TEXT NOT NULL,
    sector TEXT,
    status TEXT NOT NULL,
    reason_note TEXT,
    org_number TEXT,
    address TEXT,
    contact_email TEXT,
    contact_phone TEXT,
    ip_ranges TEXT,
    registered_on TEXT,
    registration_ref TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX csl_organisation_unit ON csl_organisation (tenant_id, unit_id);
CREATE INDEX csl_organisation_tenant_id ON csl_organisation (tenant_id, id);

CREATE TABLE csl_change (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    organisation_id BIGINT NOT NULL REFERENCES csl_organisation(id),
    unit_id BIGINT NOT NULL REFERENCES unit(id),
    facts TEXT NOT NULL,
    changed_on TEXT NOT NULL,
    due_on TEXT NOT NULL,
    reported_on TEXT,
    report_ref TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX csl_change_open ON csl_change (tenant_id, reported_on, due_on, id);
CREATE INDEX csl_change_organisation ON csl_change (tenant_id, organisation_id);

CREATE TABLE csl_training (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    organisation_id BIGINT NOT NULL REFERENCES csl_organisation(id),
    unit_id BIGINT NOT NULL REFERENCES unit(id),
    person_id BIGINT NOT NULL REFERENCES person(id),
    trained_on TEXT NOT NULL,
    period TEXT NOT NULL,
    course TEXT,
    note TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX csl_training_person ON csl_training (tenant_id, person_id, period);
CREATE INDEX csl_training_organisation ON csl_training (tenant_id, organisation_id, period);

-- Roles with time (issue 17 §6): the share of working time a role takes, and a deputy
-- (ersättare), so that the coverage page shows the functions that rest on one person.
ALTER TABLE role_assignment ADD COLUMN time_share BIGINT;
ALTER TABLE role_assignment ADD COLUMN deputy_id BIGINT REFERENCES person(id);
