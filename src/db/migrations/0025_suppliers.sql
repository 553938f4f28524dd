-- Suppliers and their agreements (issue 18). A supplier was a free-text name on a system;
-- it becomes a record of its own (organisationsnummer, country, security and incident
-- contacts) that systems point to, and agreements (avtal, PUB-avtal, SLA,
-- sekretessförbindelse, underbiträden) name a supplier, the systems they cover and, for a
-- PUB-avtal, its third-country transfers. Registers of the whole tenant.
CREATE TABLE supplier (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    name TEXT NOT NULL,
    org_number TEXT,
    country TEXT,
    responsible_id BIGINT REFERENCES person(id),
    security_contact TEXT,
    security_email TEXT,
    security_phone TEXT,
    incident_contact TEXT,
    incident_email TEXT,
    incident_phone TEXT,
    note TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX supplier_tenant_name ON supplier (tenant_id, name, id);

ALTER TABLE system ADD COLUMN supplier_id BIGINT REFERENCES supplier(id);
CREATE INDEX system_tenant_supplier ON system (tenant_id, supplier_id);

-- Today's free-text names become records: one per tenant and name, where names that
-- differ only in case or spaces ("Tieto Evry", "tietoevry ") are the same supplier. The
-- record is named as its first system wrote it and dates from that system. `lis
-- suppliers link` matches names written later and reports those it cannot match.
INSERT INTO supplier (tenant_id, name, created_at, updated_at)
SELECT s.tenant_id, TRIM(s.supplier), s.created_at, s.created_at FROM system s
WHERE s.supplier IS NOT NULL AND TRIM(s.supplier) <> '' AND s.id = (
    SELECT MIN(f.id) FROM system f WHERE f.tenant_id = s.tenant_id AND f.supplier IS NOT NULL
    AND LOWER(REPLACE(f.supplier, ' ', '')) = LOWER(REPLACE(s.supplier, ' ', '')));

UPDATE system SET supplier_id = (
    SELECT p.id FROM supplier p WHERE p.tenant_id = system.tenant_id
    AND LOWER(REPLACE(p.name, ' ', '')) = LOWER(REPLACE(system.supplier, ' ', '')))
WHERE supplier IS NOT NULL AND TRIM(supplier) <> '';

CREATE TABLE agreement (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    supplier_id BIGINT NOT NULL REFERENCES supplier(id),
    title TEXT NOT NULL,
    kind TEXT NOT NULL,
    unit_id BIGINT REFERENCES unit(id),
    responsible_id BIGINT REFERENCES person(id),
    other_parties TEXT,
    start_date TEXT,
    end_date TEXT,
    notice_months BIGINT,
    notice_date TEXT,
    document_location TEXT,
    processing TEXT,
    availability TEXT,
    support_hours TEXT,
    rto_hours BIGINT,
    rpo_hours BIGINT,
    backup_hours BIGINT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX agreement_tenant_title ON agreement (tenant_id, title, id);
CREATE INDEX agreement_tenant_supplier ON agreement (tenant_id, supplier_id);
CREATE INDEX agreement_tenant_responsible ON agreement (tenant_id, responsible_id, notice_date);

CREATE TABLE agreement_system (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    agreement_id BIGINT NOT NULL REFERENCES agreement(id),
    system_id BIGINT NOT NULL REFERENCES system(id),
    note TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX agreement_system_agreement ON agreement_system (tenant_id, agreement_id);
CREATE INDEX agreement_system_system ON agreement_system (tenant_id, system_id);

CREATE TABLE agreement_transfer (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    agreement_id BIGINT NOT NULL REFERENCES agreement(id),
    country TEXT NOT NULL,
    legal_ground TEXT NOT NULL,
    note TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX agreement_transfer_agreement ON agreement_transfer (tenant_id, agreement_id);
