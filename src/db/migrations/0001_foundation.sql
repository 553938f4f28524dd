-- The foundation: tenants, accounts, the organisation tree, people and their roles,
-- sessions, API tokens, login throttling and the audit log.
-- Times are ISO 8601 UTC text written by lis; booleans are 0/1; @ID@ is the engine's
-- auto-increment key.

CREATE TABLE tenant (
    id @ID@,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'kommun',
    nis2_status TEXT NOT NULL DEFAULT 'vasentlig',
    coverage_deadline TEXT,
    created_at TEXT NOT NULL
);

CREATE TABLE account (
    id @ID@,
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT,
    lang TEXT NOT NULL DEFAULT 'sv',
    created_at TEXT NOT NULL,
    password_changed_at TEXT
);

CREATE TABLE unit (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    parent_id BIGINT REFERENCES unit(id),
    path TEXT NOT NULL DEFAULT '',
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    code TEXT,
    retired_at TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX unit_tenant_name ON unit (tenant_id, name, id);
CREATE INDEX unit_tenant_path ON unit (tenant_id, path);
CREATE INDEX unit_parent ON unit (parent_id);

CREATE TABLE person (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    account_id BIGINT NOT NULL REFERENCES account(id),
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    title TEXT,
    phone TEXT,
    unit_id BIGINT REFERENCES unit(id),
    active INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (tenant_id, email),
    UNIQUE (tenant_id, account_id)
);
CREATE INDEX person_tenant_name ON person (tenant_id, name, id);
CREATE INDEX person_account ON person (account_id);

CREATE TABLE role_assignment (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    person_id BIGINT NOT NULL REFERENCES person(id),
    unit_id BIGINT NOT NULL REFERENCES unit(id),
    role TEXT NOT NULL,
    note TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (tenant_id, person_id, unit_id, role)
);
CREATE INDEX role_assignment_person ON role_assignment (person_id);
CREATE INDEX role_assignment_unit ON role_assignment (unit_id, role);
CREATE INDEX role_assignment_tenant ON role_assignment (tenant_id, role, id);

CREATE TABLE session (
    id_hash TEXT PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES account(id),
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    csrf TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    ip TEXT
);
CREATE INDEX session_account ON session (account_id);

CREATE TABLE api_token (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    person_id BIGINT NOT NULL REFERENCES person(id),
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    prefix TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at TEXT,
    updated_at TEXT
);
CREATE INDEX api_token_person ON api_token (tenant_id, person_id);

CREATE TABLE login_throttle (
    key TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    first_at TEXT NOT NULL,
    locked_until TEXT
);

CREATE TABLE audit_log (
    id @ID@,
    tenant_id BIGINT NOT NULL,
    seq BIGINT NOT NULL,
    at TEXT NOT NULL,
    actor_id BIGINT NOT NULL,
    actor TEXT NOT NULL,
    ip TEXT,
    action TEXT NOT NULL,
    entity TEXT,
    entity_id TEXT,
    summary TEXT,
    diff TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL,
    UNIQUE (tenant_id, seq)
);
CREATE INDEX audit_log_tenant_at ON audit_log (tenant_id, id);
CREATE INDEX audit_log_entity ON audit_log (tenant_id, entity, entity_id);
