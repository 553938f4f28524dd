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

-- Who in a tenant must use two-step verification: 'nobody', 'risk_readers' (those who may
-- read risks, ACT_RISK_READ) or 'everyone'.
ALTER TABLE tenant ADD COLUMN totp_required TEXT NOT NULL DEFAULT 'nobody';
