/* queue.c - the outgoing-mail queue (remind.h): messages put in by remind_enqueue, sent
 * one at a time by whichever lis process claims them. A claim is one statement that marks
 * the row 'sending' until claimed_until: on PostgreSQL the row is picked FOR UPDATE SKIP
 * LOCKED, so two processes never take the same one and neither waits for the other; on
 * SQLite the one UPDATE … RETURNING runs alone (the database has one writer). A process
 * that dies while sending leaves a claim that runs out and is taken again. A failure puts
 * the message back with the server's answer and a later next_attempt_at (1, 2, 4 … minutes,
 * at most 6 hours); after REMIND_MAX_ATTEMPTS it is marked failed. Every send and every
 * failure is audited. */
#include "remind.h"
#include "../audit/audit.h"
#include "../core/util.h"
#include "../mail/mail.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { CLAIM_SECONDS = 300, MAX_PER_PASS = 500 };

static const char *iso_at(arena *a, time_t t)
{
    char out[21];
    time_iso_from(t, out);
    return arena_strdup(a, out);
}

/* Claims the next message of the tenant that is due at now; false with *none when there
 * is none, false without it when the database did not answer. */
static bool claim(req *r, time_t now, db_res **row, bool *none)
{
    bool pg = db_kind_of(r->db) == DB_PG;
    const char *p[] = {tenant_param(r), iso_at(r->a, now), iso_at(r->a, now + CLAIM_SECONDS)};
    const char *sql = arena_printf(
        r->a,
        "UPDATE mail_queue SET status = 'sending', attempts = attempts + 1, claimed_until = $3 "
        "WHERE id = (SELECT id FROM mail_queue WHERE tenant_id = $1 AND ((status = 'queued' AND "
        "next_attempt_at <= $2) OR (status = 'sending' AND claimed_until < $2)) ORDER BY "
        "next_attempt_at, id LIMIT 1%s) RETURNING id, recipient, subject, body, CAST(attempts AS "
        "TEXT), kind",
        pg ? " FOR UPDATE SKIP LOCKED" : "");
    *none = false;
    if (db_query(r->db, r->a, sql, 3, p, row) != DB_OK) return false;
    if ((*row)->nrows == 0) return (*none = true, false);
    return true;
}

/* Records the outcome of one attempt, audited, in one transaction. */
static bool finish(req *r, const db_res *row, time_t now, bool sent, bool permanent,
                   const char *error)
{
    const char *id = db_cell(row, 0, 0), *to = db_cell(row, 0, 1), *subject = db_cell(row, 0, 2);
    int attempts = atoi(db_cell(row, 0, 4));
    bool give_up = !sent && (permanent || attempts >= REMIND_MAX_ATTEMPTS);
    const char *status = sent ? "sent" : give_up ? "failed" : "queued";
    const char *p[] = {id, status, iso_at(r->a, now), iso_at(r->a, remind_backoff(attempts, now)),
                       sent ? NULL : error};
    audit_actor actor = {0, "system", "remind"};
    const char *summary =
        sent ? arena_printf(r->a, "mail to %s sent: %s", to, subject)
             : arena_printf(r->a, "mail to %s %s after attempt %d: %s", to,
                            give_up ? "failed" : "not sent, to be retried", attempts, error);
    if (db_begin(r->db) != DB_OK) return false;
    bool ok = db_exec(r->db,
                      "UPDATE mail_queue SET status = $2, claimed_until = NULL, sent_at = CASE "
                      "WHEN $2 = 'sent' THEN $3 ELSE sent_at END, next_attempt_at = CASE WHEN $2 "
                      "= 'queued' THEN $4 ELSE next_attempt_at END, last_error = $5 WHERE id = "
                      "CAST($1 AS BIGINT)",
                      5, p, NULL) == DB_OK &&
              audit_write(r->db, r->a, &actor, r->auth->tenant_id,
                          sent      ? "send"
                          : give_up ? "send_failed"
                                    : "send_retry",
                          "mail_queue", id, summary, NULL) == DB_OK;
    if (!ok || db_commit(r->db) != DB_OK) {
        db_rollback(r->db);
        return false;
    }
    return true;
}

bool remind_send(req *r, time_t now, remind_counts *c)
{
    smtp_server s;
    bool configured;
    if (!mail_server_of(r, &s, &configured)) {
        if (configured) return false;
        return true; /* no server: what is queued waits for one */
    }
    for (int i = 0; i < MAX_PER_PASS; i++) {
        db_res *row = NULL;
        bool none;
        if (!claim(r, now, &row, &none)) return none;
        buf message;
        buf_init(&message, 0);
        mail_message m = {
            .from = s.sender,
            .to = db_cell(row, 0, 1),
            .subject = db_cell(row, 0, 2),
            .body = db_cell(row, 0, 3),
            .message_id_host = s.host,
            .date = time(NULL),
        };
        char err[300] = "";
        bool composed = mail_compose(&message, &m);
        bool sent =
            composed && smtp_send(&s, m.to, buf_str(&message), message.len, err, sizeof err);
        buf_free(&message);
        if (!composed) snprintf(err, sizeof err, "not a message: the address or subject is bad");
        if (!finish(r, row, now, sent, !composed, err)) return false;
        if (!sent) {
            /* the server is down or refuses: the rest wait for the next pass */
            c->failed++;
            break;
        }
        c->sent++;
    }
    return true;
}
