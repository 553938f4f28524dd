-- The start page asks, for each person, for the actions they are responsible for that end
-- within 30 days, and for the accepted risks whose review date is near: indexes that seek
-- those rows instead of reading every action and risk of the tenant.
CREATE INDEX action_item_tenant_responsible ON action_item (tenant_id, responsible_id, end_date);
CREATE INDEX risk_tenant_review ON risk (tenant_id, review_date);
