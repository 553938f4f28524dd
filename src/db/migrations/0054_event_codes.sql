-- The incident timeline in the reader's language (issue 16 point 7): the events lis writes
-- itself (a notification recorded as sent, a task added, done or opened again) keep what
-- happened as a code and its arguments (JSON: titles, names, kinds, times in UTC), so that
-- each reader reads them in their own language and time zone. what keeps the text in the
-- writer's language, for the search and for older rows, which have no code and are shown
-- as written.
ALTER TABLE incident_event ADD COLUMN code TEXT;
ALTER TABLE incident_event ADD COLUMN args TEXT;
