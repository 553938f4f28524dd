/* pages.c - the reminders' pages (remind.h): each person's own choice on their account
 * (one digest a day or one message per reminder, the language of the messages, stop all
 * but the legal clocks) with the messages sent to them; the tenant administrator's list
 * of outgoing mail (queued, sent, failed, with the server's answer), as a page and as
 * JSON; and the reminders due today on the start page. Saving a choice is audited. */
#include "remind.h"
#include "../audit/audit.h"
#include "../core/escape.h"
#include "../core/util.h"
#include "../http/page.h"
#include "../../build/views/remind_prefs.h"
#include "../../build/views/mail_queue.h"
#include "../../build/views/remind_home.h"
#include <stdlib.h>
#include <string.h>

enum { MINE_SHOWN = 20, QUEUE_SHOWN = 200, HOME_SHOWN = 50 };

tr_key remind_status_label(const char *status)
{
    if (!status) return TR_remind_status_queued;
    if (!strcmp(status, "sent")) return TR_remind_status_sent;
    if (!strcmp(status, "failed")) return TR_remind_status_failed;
    if (!strcmp(status, "sending")) return TR_remind_status_sending;
    return TR_remind_status_queued;
}

/* The reader's stored choice, or the defaults (a digest, their account's language). */
static bool load_pref(req *r, const char **mode, const char **lang, bool *unsubscribed)
{
    const char *p[] = {tenant_param(r), int_text(r->a, r->auth->person_id),
                       int_text(r->a, r->auth->account_id)};
    db_res *res = NULL;
    if (db_query(r->db, r->a,
                 "SELECT rp.mode, COALESCE(rp.lang, a.lang), CAST(rp.unsubscribed AS TEXT) FROM "
                 "account a LEFT JOIN remind_pref rp ON rp.tenant_id = $1 AND rp.person_id = $2 "
                 "WHERE a.id = $3",
                 3, p, &res) != DB_OK ||
        res->nrows != 1)
        return false;
    *mode = db_cell(res, 0, 0) ? db_cell(res, 0, 0) : "digest";
    *lang = db_cell(res, 0, 1) && !strcmp(db_cell(res, 0, 1), "en") ? "en" : "sv";
    *unsubscribed = db_cell(res, 0, 2) && !strcmp(db_cell(res, 0, 2), "1");
    return true;
}

static void prefs_page(req *r, resp *out, const char *mode, const char *lang, bool unsubscribed,
                       const char *message, bool ok, const char *bad)
{
    const char *p[] = {tenant_param(r), int_text(r->a, r->auth->person_id)};
    db_res *mine = NULL;
    if (db_query(r->db, r->a,
                 arena_printf(r->a,
                              "SELECT created_at, subject, status FROM mail_queue WHERE tenant_id "
                              "= $1 AND person_id = $2 ORDER BY created_at DESC, id DESC LIMIT %d",
                              MINE_SHOWN),
                 2, p, &mine) != DB_OK) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    page_begin(r, out, tr(r->lang, TR_remind_prefs_title), "account");
    view_remind_prefs(&out->body, r->lang, r, mode, lang, unsubscribed, message, ok, bad, mine);
    page_end(r, out);
}

void h_remind_prefs(req *r, resp *out)
{
    const char *mode, *lang;
    bool unsubscribed;
    if (!r->auth->person_id || !load_pref(r, &mode, &lang, &unsubscribed)) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    prefs_page(r, out, mode, lang, unsubscribed,
               kv_get(&r->query, "saved") ? tr(r->lang, TR_remind_saved) : NULL, true, NULL);
}

void h_remind_prefs_save(req *r, resp *out)
{
    const char *mode = kv_get(&r->form, "mode"), *lang = kv_get(&r->form, "lang");
    const char *unsub = kv_get(&r->form, "unsubscribed");
    bool unsubscribed = unsub && !strcmp(unsub, "1");
    bool mode_ok = mode && (!strcmp(mode, "digest") || !strcmp(mode, "immediate"));
    bool lang_ok = lang && (!strcmp(lang, "sv") || !strcmp(lang, "en"));
    if (!mode_ok || !lang_ok) {
        out->status = 422;
        prefs_page(r, out, mode_ok ? mode : "digest", lang_ok ? lang : "sv", unsubscribed,
                   tr(r->lang, mode_ok ? TR_remind_err_lang : TR_remind_err_mode), false,
                   mode_ok ? "lang" : "mode");
        return;
    }
    char now[21];
    time_now_iso(now);
    const char *who = int_text(r->a, r->auth->person_id);
    const char *p[] = {tenant_param(r), who, mode, lang, unsubscribed ? "1" : "0", now};
    audit_actor actor = {r->auth->account_id, r->auth->email, r->ip};
    const char *summary = arena_printf(r->a, "reminders: %s, %s%s", mode, lang,
                                       unsubscribed ? ", stopped but for legal deadlines" : "");
    bool ok = db_begin(r->db) == DB_OK;
    ok = ok && db_exec(r->db,
                       "INSERT INTO remind_pref (tenant_id, person_id, mode, lang, unsubscribed, "
                       "updated_at) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (tenant_id, "
                       "person_id) DO UPDATE SET mode = excluded.mode, lang = excluded.lang, "
                       "unsubscribed = excluded.unsubscribed, updated_at = excluded.updated_at",
                       6, p, NULL) == DB_OK;
    ok = ok && audit_write(r->db, r->a, &actor, r->auth->tenant_id, "update", "remind_pref", who,
                           summary, NULL) == DB_OK;
    if (!ok || db_commit(r->db) != DB_OK) {
        db_rollback(r->db);
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    resp_redirect(out, r->a, "/account/reminders?saved=1");
}

/* The tenant's messages, newest first, optionally of one status; NULL when the status is
 * none of them (bad input) and *bad is set, or the database did not answer. */
static db_res *queue_rows(req *r, const char *status, bool mine_only, bool *bad)
{
    *bad = false;
    if (status && !*status) status = NULL;
    if (status && strcmp(status, "queued") && strcmp(status, "sent") && strcmp(status, "failed") &&
        strcmp(status, "sending")) {
        *bad = true;
        return NULL;
    }
    const char *p[3] = {tenant_param(r)};
    int np = 1;
    buf where;
    buf_init(&where, 0);
    if (status) {
        p[np++] = status;
        buf_printf(&where, " AND status = $%d", np);
    }
    if (mine_only) {
        p[np++] = int_text(r->a, r->auth->person_id);
        buf_printf(&where, " AND person_id = $%d", np);
    }
    db_res *rows = NULL;
    const char *sql =
        arena_printf(r->a,
                     "SELECT id, created_at, recipient, subject, kind, status, CAST(attempts AS "
                     "TEXT), next_attempt_at, sent_at, last_error FROM mail_queue WHERE tenant_id "
                     "= $1%s ORDER BY created_at DESC, id DESC LIMIT %d",
                     buf_str(&where), QUEUE_SHOWN);
    buf_free(&where);
    if (db_query(r->db, r->a, sql, np, p, &rows) != DB_OK) return NULL;
    return rows;
}

void h_mail_queue(req *r, resp *out)
{
    if (!perm_allows(r->auth, ACT_TENANT_ADMIN, NULL)) {
        respond_error(r, out, 403, "forbidden", TR_err_forbidden);
        return;
    }
    const char *status = kv_get(&r->query, "status");
    bool bad;
    db_res *rows = queue_rows(r, status, false, &bad);
    if (!rows) {
        if (bad)
            respond_error(r, out, 400, "bad_request", TR_err_choice);
        else
            respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    page_begin(r, out, tr(r->lang, TR_remind_queue_title), "mail");
    view_mail_queue(&out->body, r->lang, r, rows, status);
    page_end(r, out);
}

static void json_field(buf *b, const char *key, const char *value)
{
    buf_printf(b, ",\"%s\":", key);
    if (value)
        esc_json_string(b, value);
    else
        buf_puts(b, "null");
}

void api_mail_queue(req *r, resp *out)
{
    /* the administrator reads the tenant's; anyone else the messages sent to them */
    bool bad, admin = perm_allows(r->auth, ACT_TENANT_ADMIN, NULL);
    db_res *rows = queue_rows(r, kv_get(&r->query, "status"), !admin, &bad);
    if (!rows) {
        if (bad)
            json_error(r, out, 400, "bad_request",
                       "status must be queued, sending, sent or failed");
        else
            respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    respond_json(out, 200);
    buf *b = &out->body;
    buf_puts(b, "{\"items\":[");
    for (int i = 0; i < rows->nrows; i++) {
        buf_printf(b, "%s{\"id\":%s", i ? "," : "", db_cell(rows, i, 0));
        json_field(b, "created_at", db_cell(rows, i, 1));
        json_field(b, "to", db_cell(rows, i, 2));
        json_field(b, "subject", db_cell(rows, i, 3));
        json_field(b, "kind", db_cell(rows, i, 4));
        json_field(b, "status", db_cell(rows, i, 5));
        buf_printf(b, ",\"attempts\":%s", db_cell(rows, i, 6));
        json_field(b, "next_attempt_at", db_cell(rows, i, 7));
        json_field(b, "sent_at", db_cell(rows, i, 8));
        json_field(b, "last_error", db_cell(rows, i, 9));
        buf_putc(b, '}');
    }
    buf_puts(b, "]}");
}

void remind_home_section(req *r, const todo_list *l, buf *out)
{
    /* what the e-mail says today, for everyone: no choice narrows the start page */
    remind_pref all = {false, false};
    remind_entry *e = arena_alloc(r->a, sizeof *e * HOME_SHOWN);
    int n = remind_entries(r, l, time(NULL), &all, e, HOME_SHOWN);
    view_remind_home(out, r->lang, e, n);
}
