-- The account's language as its holder chose it (issue 16 point 7): lang has always had a
-- default ('sv'), so a default could not be told from a choice. A session or an API token
-- follows the account's language when it was chosen (on the login page, or by the switch),
-- and the request's Accept-Language only when it was not. An account whose language is
-- English chose it; a Swedish one cannot be told and is taken as not chosen.
ALTER TABLE account ADD COLUMN lang_chosen INTEGER NOT NULL DEFAULT 0;
UPDATE account SET lang_chosen = 1 WHERE lang <> 'sv';
