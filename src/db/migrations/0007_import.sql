-- An uploaded import file between its preview and the user's confirmation: the text
-- (as UTF-8) is kept so that what is confirmed is exactly what was previewed. Removed
-- when imported, and after a day.
CREATE TABLE import_upload (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    account_id BIGINT NOT NULL REFERENCES account(id),
    entity TEXT NOT NULL,
    filename TEXT,
    content TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX import_upload_tenant ON import_upload (tenant_id, id);
