-- The forum's minutes as a Swedish protokoll (issue 16 point 6): who kept the minutes
-- (protokollförare, signs "Vid protokollet"), who checks them with the chair (justerare)
-- and the day they were checked and signed (justeringsdatum, YYYY-MM-DD).
ALTER TABLE forum_meeting ADD COLUMN secretary_id BIGINT REFERENCES person(id);
ALTER TABLE forum_meeting ADD COLUMN adjuster_id BIGINT REFERENCES person(id);
ALTER TABLE forum_meeting ADD COLUMN adjusted_on TEXT;
