-- Local passwords switched off per tenant (issue 22): with password_login = 0 nobody of
-- the tenant logs in with a password except the people marked emergency_admin who have
-- two-step verification on; everyone else uses the tenant's own provider (src/sso/).
ALTER TABLE tenant ADD COLUMN password_login INTEGER NOT NULL DEFAULT 1;
ALTER TABLE person ADD COLUMN emergency_admin INTEGER NOT NULL DEFAULT 0;

-- The tenant's SCIM 2.0 bearer token (src/scim/): only its SHA-256 hash, and when it was
-- made; NULL: none (SCIM answers 401).
ALTER TABLE tenant ADD COLUMN scim_token_hash TEXT;
ALTER TABLE tenant ADD COLUMN scim_token_created_at TEXT;
CREATE UNIQUE INDEX tenant_scim_token ON tenant (scim_token_hash);
