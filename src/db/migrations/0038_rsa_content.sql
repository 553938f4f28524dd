-- The RSA with content (issue 24 point 3): the chapters the kommun writes, in the order
-- MSBFS 2015:5 § 5 gave them (the rule now sits with MCF), and the links to what the
-- analysis is about: the samhällsviktiga processes and förvaltningsobjekt, the risks from
-- the risk register and the actions that answer them. The export pulls the live data
-- (MTPD and RTO from the BIA and roll-up, risk levels, action status) when it is made.
ALTER TABLE rsa ADD COLUMN ch_area TEXT;
ALTER TABLE rsa ADD COLUMN ch_method TEXT;
ALTER TABLE rsa ADD COLUMN ch_critical TEXT;
ALTER TABLE rsa ADD COLUMN ch_dependencies TEXT;
ALTER TABLE rsa ADD COLUMN ch_risks TEXT;
ALTER TABLE rsa ADD COLUMN ch_weaknesses TEXT;
ALTER TABLE rsa ADD COLUMN ch_measures TEXT;
ALTER TABLE rsa ADD COLUMN ch_capability TEXT;

CREATE TABLE rsa_link (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    rsa_id BIGINT NOT NULL REFERENCES rsa(id),
    process_id BIGINT REFERENCES process(id),
    object_id BIGINT REFERENCES managed_object(id),
    risk_id BIGINT REFERENCES risk(id),
    action_id BIGINT REFERENCES action_item(id),
    note TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX rsa_link_rsa ON rsa_link (tenant_id, rsa_id, id);
CREATE INDEX rsa_link_tenant_id ON rsa_link (tenant_id, id);
