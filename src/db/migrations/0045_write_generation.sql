-- Each tenant's write generation (issue 23 point 5): a number raised by every audited
-- change, in the same transaction as the change (audit_write, under the chain's lock), so
-- that a summary page rendered at generation n is known to be current while the number
-- stays n — in this process and in any other lis process on the same database. Reads that
-- are audited (need-to-know) do not raise it. Without a row the generation is 0.
CREATE TABLE write_generation (
    tenant_id BIGINT PRIMARY KEY,
    n BIGINT NOT NULL
);
