-- The picker's word index again, its word compared as bytes in each engine's own terms
-- (@BYTES@: PostgreSQL's COLLATE "C"; SQLite's default, which compares bytes). 0016 named
-- the "C" collation on SQLite too, which only lis registers: the sqlite3 shell, VACUUM and
-- PRAGMA integrity_check failed on the table there. Emptied; lis indexes every row again
-- when it starts (pick_index_missing), now with the title and one-line search fields only.
DROP TABLE pick_word;
CREATE TABLE pick_word (
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    entity TEXT NOT NULL,
    word TEXT@BYTES@ NOT NULL,
    row_id BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, entity, word, row_id)
);
CREATE INDEX pick_word_row ON pick_word (tenant_id, entity, row_id);
