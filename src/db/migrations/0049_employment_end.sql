-- People kept in step with the HR export (issue 22 point 4): the day a person's employment
-- ends, from the people import or the person's form. From that day (a Stockholm date) the
-- person is inactive: a write with the day passed deactivates at once, and lis serve's
-- pass (src/org/employment.c) deactivates those whose day has come since; the index finds
-- them without reading every person.
ALTER TABLE person ADD COLUMN employment_ends TEXT;
CREATE INDEX person_employment_ends ON person (employment_ends, tenant_id)
    WHERE active = 1 AND employment_ends IS NOT NULL;

