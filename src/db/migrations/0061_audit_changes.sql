-- The audit log's page leaves reads out by default, and a kommun that reads much logs far
-- more reads than changes: the page walked every read since the last change (262,000 rows
-- after a busy day at --scale 100, 700 ms on PostgreSQL) to show 50 changes. Its filter is
-- written `action <> 'read'` (entity.c), which this index serves on both engines.
CREATE INDEX audit_log_changes ON audit_log (tenant_id, seq) WHERE action <> 'read';
