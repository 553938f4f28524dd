-- The picker's word index: every word (lower-cased, Swedish letters folded) of the title and
-- search fields of each row another record can point to, so that typing "olle" finds
-- "Olle Svensson" and "Anna-Olle" by an index range instead of reading every row. Kept by
-- the engine on every write (src/entity/pick.c); rows written outside it (the demo, the
-- catalogue) are indexed by pick_index_missing when lis starts or seeds.
-- COLLATE "C" compares bytes on both engines (lis registers "C" on SQLite), so a prefix
-- is a range whatever the database's locale.
CREATE TABLE pick_word (
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    entity TEXT NOT NULL,
    word TEXT COLLATE "C" NOT NULL,
    row_id BIGINT NOT NULL,
    PRIMARY KEY (tenant_id, entity, word, row_id)
);
CREATE INDEX pick_word_row ON pick_word (tenant_id, entity, row_id);
