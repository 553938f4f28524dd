-- An import file's text kept in pieces (issue 16): a list of tens of MB is written as it
-- is decoded and read back a piece at a time for the preview and the import, never held
-- whole in memory. Goes with its upload (imported, or a day old).
CREATE TABLE import_upload_piece (
    upload_id BIGINT NOT NULL REFERENCES import_upload(id) ON DELETE CASCADE,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    seq INTEGER NOT NULL,
    content TEXT NOT NULL,
    PRIMARY KEY (upload_id, seq)
);
