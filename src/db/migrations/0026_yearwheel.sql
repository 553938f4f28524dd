-- The årshjul: the tenant's own recurring duties (forum meetings, management review, the
-- plan decision, internal audits, reporting to kommunstyrelsen) beside those lis derives
-- from its data; and each person's secret calendar feed, kept only as a hash of its token
-- (the address is shown once; revoking sets revoked_at, a new one replaces it).
CREATE TABLE yearly_duty (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    name TEXT NOT NULL,
    recurrence TEXT NOT NULL,
    month TEXT,
    day BIGINT,
    every_months BIGINT,
    starts_on TEXT,
    owner_id BIGINT REFERENCES person(id),
    unit_id BIGINT REFERENCES unit(id),
    description TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX yearly_duty_tenant_name ON yearly_duty (tenant_id, name, id);
CREATE INDEX yearly_duty_tenant_owner ON yearly_duty (tenant_id, owner_id);

CREATE TABLE calendar_feed (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    person_id BIGINT NOT NULL REFERENCES person(id),
    token_hash TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
CREATE INDEX calendar_feed_person ON calendar_feed (tenant_id, person_id);

-- E-mail: the tenant's SMTP server (the kommun's Exchange/M365 relay), set by the tenant
-- administrator. The password is kept sealed (libsodium secretbox under a subkey of the
-- key file kept outside the database) and never shown again.
CREATE TABLE mail_setting (
    tenant_id BIGINT PRIMARY KEY REFERENCES tenant(id),
    host TEXT NOT NULL,
    port BIGINT NOT NULL,
    security TEXT NOT NULL,
    username TEXT,
    password_sealed TEXT,
    sender TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
