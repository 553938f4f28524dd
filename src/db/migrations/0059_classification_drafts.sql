-- The drafts of a tenant, for the owners' "Att besluta" on every start page (issue 16): a
-- tenant keeps every decided version, so at scale most classifications are not drafts and
-- the start page walked them all (2171 rows for 176 drafts at --scale 100).
CREATE INDEX classification_drafts ON classification (tenant_id, asset_id) WHERE status = 'draft';
