/* feed.c - each person's årshjul as an iCalendar feed at a secret address (yearwheel.h).
 * The address holds a random token of which only the SHA-256 is kept, as for API tokens:
 * it is shown once; making a new one revokes the old, and revoking ends it. Whoever has
 * the address reads what its person may read (the feed is their own part of the wheel:
 * the duties lis derives for them and the tenant's duties they own), this year's and the
 * next; creating and revoking are audited. */
#include "yearwheel.h"
#include "../audit/audit.h"
#include "../core/util.h"
#include "../http/page.h"
#include "../../build/views/yearwheel_feed.h"
#include <stdlib.h>
#include <string.h>

enum { FEED_TOKEN_BYTES = 32 };

bool yearwheel_feed_active(req *r, bool *active)
{
    const char *p[] = {tenant_param(r), int_text(r->a, r->auth->person_id)};
    const char *n =
        db_scalar(r->db, r->a,
                  "SELECT COUNT(*) FROM calendar_feed WHERE tenant_id = $1 AND person_id = $2 "
                  "AND revoked_at IS NULL",
                  2, p);
    if (!n) return false;
    *active = atoi(n) > 0;
    return true;
}

/* Ends the reader's live feeds and, with create, makes a new one whose token goes to
 * token_out; audited, in one transaction. */
static bool replace_feed(req *r, bool create, const char **token_out)
{
    char now[21];
    time_now_iso(now);
    const char *who = int_text(r->a, r->auth->person_id);
    const char *p[] = {tenant_param(r), who, now};
    audit_actor actor = {r->auth->account_id, r->auth->email, r->ip};
    if (db_begin(r->db) != DB_OK) return false;
    bool ok = db_exec(r->db,
                      "UPDATE calendar_feed SET revoked_at = $3 WHERE tenant_id = $1 AND "
                      "person_id = $2 AND revoked_at IS NULL",
                      3, p, NULL) == DB_OK;
    if (ok && create) {
        const char *token = random_token(r->a, FEED_TOKEN_BYTES);
        char hash[65];
        sha256_hex(token, strlen(token), hash);
        const char *q[] = {tenant_param(r), who, hash, now};
        ok = db_exec(r->db,
                     "INSERT INTO calendar_feed (tenant_id, person_id, token_hash, created_at) "
                     "VALUES ($1, $2, $3, $4)",
                     4, q, NULL) == DB_OK;
        *token_out = token;
    }
    ok = ok &&
         audit_write(r->db, r->a, &actor, r->auth->tenant_id, create ? "create" : "revoke",
                     "calendar_feed", who,
                     create ? "calendar feed created" : "calendar feed revoked", NULL) == DB_OK;
    if (!ok || db_commit(r->db) != DB_OK) {
        db_rollback(r->db);
        return false;
    }
    return true;
}

void h_yearwheel_feed_create(req *r, resp *out)
{
    const char *token = NULL;
    if (!replace_feed(r, true, &token)) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    page_begin(r, out, tr(r->lang, TR_yw_feed_created), "yearwheel");
    view_yearwheel_feed(&out->body, r->lang, arena_printf(r->a, "/calendar/%s.ics", token), false);
    page_end(r, out);
}

void h_yearwheel_feed_revoke(req *r, resp *out)
{
    if (!replace_feed(r, false, NULL)) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    page_begin(r, out, tr(r->lang, TR_yw_feed_revoked), "yearwheel");
    view_yearwheel_feed(&out->body, r->lang, NULL, true);
    page_end(r, out);
}

/* The person whose live feed token is this, as r->auth; false when none is. */
static bool feed_owner(req *r, const char *token)
{
    char hash[65];
    sha256_hex(token, strlen(token), hash);
    const char *p[] = {hash};
    db_res *res = NULL;
    if (db_query(r->db, r->a,
                 "SELECT f.tenant_id, p.account_id, a.email, a.lang FROM calendar_feed f JOIN "
                 "person p ON p.id = f.person_id AND p.tenant_id = f.tenant_id JOIN account a ON "
                 "a.id = p.account_id WHERE f.token_hash = $1 AND f.revoked_at IS NULL",
                 1, p, &res) != DB_OK ||
        res->nrows != 1)
        return false;
    auth *who = arena_alloc(r->a, sizeof *who);
    memset(who, 0, sizeof *who);
    who->tenant_id = db_cell_int(res, 0, 0);
    who->account_id = db_cell_int(res, 0, 1);
    who->email = db_cell(res, 0, 2);
    who->via_token = true;
    /* a person no longer active in the tenant has no feed */
    if (!auth_load_member(r, who)) return false;
    const char *lang = db_cell(res, 0, 3);
    r->lang = lang && !strcmp(lang, "en") ? LANG_EN : LANG_SV;
    r->auth = who;
    return true;
}

void h_calendar_feed(req *r, resp *out)
{
    /* "/calendar/<token>.ics": calendars like the suffix (the route matches it) */
    const char *token = r->nroute_args ? r->route_args[0] : "";
    if (!*token || strlen(token) > 100 || !feed_owner(r, token)) {
        out->status = 404;
        out->content_type = "text/plain; charset=utf-8";
        buf_puts(&out->body, "Not found\n");
        return;
    }
    char today[11], now[21];
    date_today(today);
    time_now_iso(now);
    int year = atoi(today);
    wheel w;
    if (!wheel_load(r, year, year + 1, true, NULL, &w)) {
        out->status = 500;
        out->content_type = "text/plain; charset=utf-8";
        buf_puts(&out->body, "Internal error\n");
        return;
    }
    ical_event *events = arena_alloc(r->a, sizeof *events * (size_t)(w.n ? w.n : 1));
    for (int i = 0; i < w.n; i++) {
        const wheel_entry *e = &w.entries[i];
        events[i] = (ical_event){
            .uid = e->uid,
            .start = e->start,
            .summary = arena_printf(r->a, "%s: %s", tr(r->lang, e->what), e->title),
            .description =
                e->since ? arena_printf(r->a, "%s %s", tr(r->lang, TR_due_overdue_since), e->since)
                         : NULL,
            .url = NULL,
        };
    }
    out->status = 200;
    out->content_type = "text/calendar; charset=utf-8";
    resp_header(out, r->a, "Cache-Control", "private, no-store");
    ical_write(&out->body,
               arena_printf(r->a, "%s: %s", tr(r->lang, TR_yw_mine_title), r->auth->person_name),
               now, events, w.n);
}
