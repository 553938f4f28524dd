-- How many of an object's self-assessment answers say met and not applicable: the coverage
-- page sums these per förvaltning, and counting them from the answers on every request read
-- every answer of the tenant (200,000 in a large one). Kept by answer_tally_refresh in the
-- same transaction as every answer write (src/requirements/tally.c); rebuilt here once.
CREATE TABLE answer_tally (
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    object_id BIGINT NOT NULL REFERENCES managed_object(id),
    met INTEGER NOT NULL,
    na INTEGER NOT NULL,
    answered INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, object_id)
);
INSERT INTO answer_tally (tenant_id, object_id, met, na, answered)
SELECT tenant_id, object_id, SUM(CASE WHEN status = 'met' THEN 1 ELSE 0 END),
       SUM(CASE WHEN status = 'na' THEN 1 ELSE 0 END), COUNT(*)
FROM answer GROUP BY tenant_id, object_id;
