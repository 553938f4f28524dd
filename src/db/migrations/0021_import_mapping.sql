-- The column mapping a tenant last confirmed for a kind of import: the file's header
-- (lower-cased, spaces collapsed) and the field it went to ('' = ignored), so that next
-- month's export of the same list is mapped as the user left it.
CREATE TABLE import_mapping (
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    entity TEXT NOT NULL,
    header TEXT NOT NULL,
    field TEXT NOT NULL,
    PRIMARY KEY (tenant_id, entity, header)
);
-- An import of the good rows keeps the rejected ones (as CSV, with their reasons) for the
-- user to download, fix and upload again; imported_at marks the upload as done.
ALTER TABLE import_upload ADD COLUMN imported_at TEXT;
ALTER TABLE import_upload ADD COLUMN rejected TEXT;
-- how the file came ("CSV, Windows-1252", "Excel (.xlsx)"), shown again on every preview
ALTER TABLE import_upload ADD COLUMN format TEXT;
