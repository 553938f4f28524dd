-- Single sign-on with OpenID Connect (issue 22 points 1, 2 and 5): one provider per tenant,
-- set by the tenant administrator (src/sso/settings.c). The client secret is sealed under a
-- subkey of the key file outside the database (src/mail/seal.c), never kept in clear.
-- email_claim names the claim that carries the person's address; allowed_domains lists the
-- address domains let in (space separated, empty: any); unknown_users says what happens to
-- an address no person of the tenant has: 'refuse', or 'create' a person without roles.
-- discovery_json and jwks_json are the provider's last documents: discovery refreshed when a
-- login begins and the kept one is over an hour old (discovery_at) or by the settings' test,
-- the JWKS when a token names a key the kept set lacks (once).
CREATE TABLE oidc_provider (
    tenant_id BIGINT PRIMARY KEY REFERENCES tenant(id),
    display_name TEXT NOT NULL,
    issuer TEXT NOT NULL,
    client_id TEXT NOT NULL,
    client_secret_sealed TEXT,
    email_claim TEXT NOT NULL DEFAULT 'email',
    allowed_domains TEXT NOT NULL DEFAULT '',
    unknown_users TEXT NOT NULL DEFAULT 'refuse',
    enabled INTEGER NOT NULL DEFAULT 1,
    discovery_json TEXT,
    discovery_at TEXT,
    jwks_json TEXT,
    updated_at TEXT NOT NULL
);

-- A login on its way through the provider: state (by its hash), nonce and PKCE verifier,
-- kept server-side, used once (the callback deletes the row as it reads it) and for at
-- most ten minutes. In the database, not in memory: any lis process may take the callback.
CREATE TABLE oidc_login (
    state_hash TEXT PRIMARY KEY,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    nonce TEXT NOT NULL,
    verifier TEXT NOT NULL,
    next_path TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX oidc_login_created ON oidc_login (created_at);

-- How a session was begun: NULL for a password (and code), 'oidc' for the tenant's
-- provider. Logout offers the provider's own logout to the latter.
ALTER TABLE session ADD COLUMN login_method TEXT;

-- Group claims mapped to lis roles (issue 22 point 2): a person whose ID token lists
-- group_name in its "groups" claim holds role for unit, given and taken at each login
-- through the provider. role_assignment.via_group names the group a role came from (NULL:
-- given by hand, never taken by a login).
CREATE TABLE sso_group_role (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    group_name TEXT NOT NULL,
    role TEXT NOT NULL,
    unit_id BIGINT NOT NULL REFERENCES unit(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (tenant_id, group_name, role, unit_id)
);
CREATE INDEX sso_group_role_tenant_id ON sso_group_role (tenant_id, id);
ALTER TABLE role_assignment ADD COLUMN via_group TEXT;
