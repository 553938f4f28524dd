-- Each tenant's audit chain head: the last seq and hash, signed with the audit key (an
-- HMAC over tenant, seq and hash), updated in the same transaction as every new entry.
-- Deleting the newest rows of a chain, or a whole chain, then leaves a head that no
-- longer matches (or a tenant without one), and `lis audit verify` names the tenant.
-- Rows written before this migration carry plain SHA-256 hashes; `lis audit rekey`
-- (run automatically by the first `lis migrate`/`serve` with a key) signs them.
CREATE TABLE audit_head (
    tenant_id BIGINT PRIMARY KEY,
    seq BIGINT NOT NULL,
    hash TEXT NOT NULL,
    mac TEXT NOT NULL
);

-- the audit page filters by who acted (a person, through their account)
CREATE INDEX audit_log_actor ON audit_log (tenant_id, actor_id, seq);
