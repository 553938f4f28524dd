-- Two-step verification (TOTP, RFC 6238) for local accounts. The seed is stored sealed
-- (crypto_secretbox under a key derived from the key file outside the database, see
-- src/auth/totp_key.c), never in clear. enabled_at is NULL while enrolment awaits its first
-- code. last_step is the last accepted 30-second step: a code is never accepted twice.
CREATE TABLE account_totp (
    account_id BIGINT PRIMARY KEY REFERENCES account(id),
    sealed_secret TEXT NOT NULL,
    last_step BIGINT NOT NULL DEFAULT 0,
    enabled_at TEXT,
    created_at TEXT NOT NULL
);

-- Ten recovery codes per account, argon2id-hashed like passwords, each usable once.
CREATE TABLE account_totp_recovery (
    id @ID@,
    account_id BIGINT NOT NULL REFERENCES account(id),
    code_hash TEXT NOT NULL,
    used_at TEXT
);
CREATE INDEX account_totp_recovery_account ON account_totp_recovery(account_id);

-- Who in a tenant must use two-step verification: 'nobody', 'everyone', 'risk_readers'
-- (those who may read or write risks) or 'roles' (the roles in tenant_totp_role).
ALTER TABLE tenant ADD COLUMN totp_required TEXT NOT NULL DEFAULT 'nobody';
CREATE TABLE tenant_totp_role (
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    role TEXT NOT NULL,
    PRIMARY KEY (tenant_id, role)
);

-- A login between its two steps: written after the right password, by the hash of the
-- cookie that carries it, removed when the code is right (a session takes its place) or
-- after five minutes. In the database, not in memory: any lis process may take step two.
CREATE TABLE login_pending (
    id_hash TEXT PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES account(id),
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    csrf TEXT NOT NULL,
    next_path TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX login_pending_created ON login_pending(created_at);
