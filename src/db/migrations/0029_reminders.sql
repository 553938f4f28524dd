-- Reminders by e-mail: the outgoing-mail queue, each person's choice, and the reminders
-- already queued. A message is claimed by one lis process at a time (status 'sending'
-- with claimed_until: on PostgreSQL FOR UPDATE SKIP LOCKED, on SQLite one UPDATE …
-- RETURNING), retried with backoff (next_attempt_at) while the server is down, and
-- never queued twice (dedup_key per tenant). A reminder that went into a message is
-- recorded by its key (the item, its due date, the stage) so that it is never repeated.
CREATE TABLE mail_queue (
    id @ID@,
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    person_id BIGINT REFERENCES person(id),
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    kind TEXT NOT NULL,
    dedup_key TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts BIGINT NOT NULL,
    next_attempt_at TEXT NOT NULL,
    claimed_until TEXT,
    last_error TEXT,
    created_at TEXT NOT NULL,
    sent_at TEXT
);
CREATE UNIQUE INDEX mail_queue_dedup ON mail_queue (tenant_id, dedup_key);
CREATE INDEX mail_queue_next ON mail_queue (status, next_attempt_at, id);
CREATE INDEX mail_queue_tenant_created ON mail_queue (tenant_id, created_at, id);

CREATE TABLE reminder_sent (
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    person_id BIGINT NOT NULL REFERENCES person(id),
    reminder_key TEXT NOT NULL,
    mail_id BIGINT NOT NULL REFERENCES mail_queue(id),
    created_at TEXT NOT NULL,
    PRIMARY KEY (tenant_id, person_id, reminder_key)
);

CREATE TABLE remind_pref (
    tenant_id BIGINT NOT NULL REFERENCES tenant(id),
    person_id BIGINT NOT NULL REFERENCES person(id),
    mode TEXT NOT NULL,
    lang TEXT NOT NULL,
    unsubscribed BIGINT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (tenant_id, person_id)
);
