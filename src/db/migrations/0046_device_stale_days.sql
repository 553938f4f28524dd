-- Device hygiene (issue 21 point 3): how many days without a check-in make a managed device
-- a finding, set with the directory's inactive days; NULL = 30 days.
ALTER TABLE directory_setting ADD COLUMN stale_days BIGINT;
