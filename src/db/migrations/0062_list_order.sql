-- Two lists that grow with a kommun paged by a sort of the whole tenant; an index now
-- gives their order (test_engine's test_growing_lists_ordered_by_an_index reads the plans
-- of every such list on both engines and fails when one sorts).

-- The roles list is ordered by role as the options stand in org/entities.c (the tenant's
-- administrator first, then ledning, the CISO …), which the engine writes as a CASE
-- (entity.c enum_rank_expr). A large kommun holds over 10,000 role assignments: each page
-- of 50 read and sorted them all (5–13 ms on PostgreSQL). Both engines use an index on an
-- expression only when the query's is the same, so this text is the CASE the engine
-- writes: change the options and this index must follow (the test above says so).
CREATE INDEX role_assignment_rank ON role_assignment (tenant_id, (CAST(CASE role
    WHEN 'tenant_admin' THEN 1 WHEN 'ledning' THEN 2 WHEN 'ciso' THEN 3
    WHEN 'it_security' THEN 4 WHEN 'info_owner' THEN 5 WHEN 'system_owner' THEN 6
    WHEN 'info_manager' THEN 7 WHEN 'coordinator' THEN 8 WHEN 'forum_member' THEN 9
    WHEN 'dpo' THEN 10 WHEN 'auditor' THEN 11 WHEN 'employee' THEN 12
    WHEN 'national_viewer' THEN 13 ELSE 0 END AS BIGINT)), id);

-- Scan findings (thousands after a scanner's export) are listed by due date across their
-- statuses; (tenant_id, status, due_on) orders them only within one status.
CREATE INDEX scan_finding_tenant_due_id ON scan_finding (tenant_id, due_on, id);
