-- The inventory, first slice: förvaltningsobjekt (pm3), systems, information assets
-- (informationsmängder), processes, and which information each system handles.
-- Every row carries its tenant; each list is served by a (tenant_id, name, id) index
-- and the unit filter by (tenant_id, unit_id). References are BIGINT, times ISO text.

CREATE TABLE managed_object (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    unit_id BIGINT NOT NULL REFERENCES unit(id),
    name TEXT NOT NULL,
    description TEXT,
    owner_id BIGINT REFERENCES person(id),
    manager_id BIGINT REFERENCES person(id),
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX managed_object_tenant_name ON managed_object (tenant_id, name, id);
CREATE INDEX managed_object_tenant_unit ON managed_object (tenant_id, unit_id);

CREATE TABLE system (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    unit_id BIGINT NOT NULL REFERENCES unit(id),
    name TEXT NOT NULL,
    description TEXT,
    owner_id BIGINT REFERENCES person(id),
    manager_id BIGINT REFERENCES person(id),
    status TEXT NOT NULL,
    object_id BIGINT REFERENCES managed_object(id),
    supplier TEXT,
    hosting TEXT,
    hosting_country TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX system_tenant_name ON system (tenant_id, name, id);
CREATE INDEX system_tenant_unit ON system (tenant_id, unit_id);
CREATE INDEX system_object ON system (tenant_id, object_id);

CREATE TABLE information_asset (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    unit_id BIGINT NOT NULL REFERENCES unit(id),
    name TEXT NOT NULL,
    description TEXT,
    owner_id BIGINT REFERENCES person(id),
    manager_id BIGINT REFERENCES person(id),
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX information_asset_tenant_name ON information_asset (tenant_id, name, id);
CREATE INDEX information_asset_tenant_unit ON information_asset (tenant_id, unit_id);

CREATE TABLE process (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    unit_id BIGINT NOT NULL REFERENCES unit(id),
    name TEXT NOT NULL,
    description TEXT,
    owner_id BIGINT REFERENCES person(id),
    manager_id BIGINT REFERENCES person(id),
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX process_tenant_name ON process (tenant_id, name, id);
CREATE INDEX process_tenant_unit ON process (tenant_id, unit_id);

-- unit_id is the system's, copied on write: it decides who may change the link
CREATE TABLE system_asset (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    system_id BIGINT NOT NULL REFERENCES system(id),
    asset_id BIGINT NOT NULL REFERENCES information_asset(id),
    unit_id BIGINT NOT NULL REFERENCES unit(id),
    note TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (tenant_id, system_id, asset_id)
);
CREATE INDEX system_asset_tenant_id ON system_asset (tenant_id, id);
CREATE INDEX system_asset_asset ON system_asset (tenant_id, asset_id);
CREATE INDEX system_asset_tenant_unit ON system_asset (tenant_id, unit_id);
