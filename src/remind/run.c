/* run.c - queueing the reminders (remind.h). For each active person of the tenant, their
 * due items are the start page's (todo_sources), read as that person with their own
 * rights, looking a month ahead; schedule.c says which reminders are due; those not
 * queued before become one message each (urgent ones, or for a person who chose so) and
 * one digest a day for the rest. A message never says more than its reader may read: an
 * incident's title (a task's, a legal clock's) only to one who may read the incident,
 * otherwise "en incident du hanterar". The queue's unique keys make a second process that
 * does the same work at the same time queue nothing. */
#include "remind.h"
#include "../auth/auth.h"
#include "../core/util.h"
#include "../entity/system_req.h"
#include "../incidents/incidents.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { LOOK_AHEAD_DAYS = 31, MAX_DUE = 400 };

/* The Stockholm date and hour of an instant. */
static void local_date(time_t t, char out[11], int *hour)
{
    time_t local = t + time_stockholm_offset(t);
    struct tm tm;
    gmtime_r(&local, &tm);
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)(tm.tm_year + 1900) % 10000u,
             (unsigned)(tm.tm_mon + 1) % 100u, (unsigned)tm.tm_mday % 100u);
    if (hour) *hour = tm.tm_hour;
}

/* May the person read the incident an item is about ("/incidents/7", or a task's
 * "/incident_tasks/9")? Read as they would read it: the right and the row in their scope. */
static bool incident_readable(req *r, const char *href)
{
    const char *id = NULL;
    if (!strncmp(href, "/incidents/", 11)) {
        id = href + 11;
    } else if (!strncmp(href, "/incident_tasks/", 16)) {
        const char *p[] = {tenant_param(r), href + 16};
        id = db_scalar(r->db, r->a,
                       "SELECT CAST(incident_id AS TEXT) FROM incident_task WHERE tenant_id = $1 "
                       "AND id = CAST($2 AS BIGINT)",
                       2, p);
    }
    int64_t n;
    if (!id || !parse_int64(id, &n) || !entity_may_read(r, &entity_incidents)) return false;
    db_res *row = NULL;
    return entity_get(r, &entity_incidents, n, &row) == DB_OK && row->nrows == 1;
}

/* One reminder as the lines of a message: what, the title, why, by when, the link. */
/* Whole days from date a to the Stockholm date of due (a date or a UTC time). */
static int days_between(const char *a, const char *due)
{
    char date[24];
    if (strlen(due) > 10)
        time_local_display(due, date);
    else
        snprintf(date, sizeof date, "%s", due);
    date[10] = 0;
    int y1, m1, d1, y2, m2, d2;
    if (sscanf(a, "%4d-%2d-%2d", &y1, &m1, &d1) != 3 ||
        sscanf(date, "%4d-%2d-%2d", &y2, &m2, &d2) != 3)
        return 0;
    time_t t1 = time_from_stockholm(y1, m1, d1, 12, 0, 0),
           t2 = time_from_stockholm(y2, m2, d2, 12, 0, 0);
    return (int)((t2 - t1 + 43200) / 86400);
}

static bool hidden_incident(req *r, const todo_item *it, remind_kind kind)
{
    return (kind == RK_INCIDENT_TASK || kind == RK_LEGAL_CLOCK) && !incident_readable(r, it->href);
}

/* Why a reminder is due, in the reader's language. */
static const char *why_text(req *r, const todo_item *it, const remind_due *d, remind_kind kind,
                            time_t now)
{
    switch (d->reason) {
    case RR_BEFORE: {
        /* the days left as of today, not the stage's (told 30 days ahead, read later) */
        char today[11];
        local_date(now, today, NULL);
        int left = days_between(today, it->due);
        if (left <= 0) return tr(r->lang, TR_remind_why_today);
        if (left == 1) return tr(r->lang, TR_remind_why_before_1);
        return arena_printf(r->a, tr(r->lang, TR_remind_why_before), left);
    }
    case RR_OVERDUE: {
        char since[24];
        if (strlen(it->due) > 10)
            time_local_display(it->due, since);
        else
            snprintf(since, sizeof since, "%s", it->due);
        return arena_printf(r->a, tr(r->lang, TR_remind_why_overdue), since);
    }
    case RR_AT_ONCE:
        return tr(r->lang, kind == RK_CLS_DECISION ? TR_remind_why_decide : TR_remind_why_assigned);
    case RR_CLOCK:
        return tr(r->lang, TR_remind_why_clock);
    }
    return "";
}

int remind_entries(req *r, const todo_list *l, time_t now, const remind_pref *pref,
                   remind_entry *out, int max)
{
    if (l->n == 0 || max < 1) return 0;
    remind_item *items = arena_alloc(r->a, sizeof *items * (size_t)l->n);
    for (int i = 0; i < l->n; i++)
        items[i] = (remind_item){remind_kind_of(l->items[i].group, l->items[i].what),
                                 l->items[i].due, l->items[i].from, false};
    remind_due *due = arena_alloc(r->a, sizeof *due * (size_t)max);
    int n = remind_schedule(items, l->n, pref, now, due, max), k = 0;
    for (int i = 0; i < n; i++) {
        const todo_item *it = &l->items[due[i].item];
        if (!it->href) continue;
        remind_kind kind = items[due[i].item].kind;
        out[k++] = (remind_entry){
            .item = it,
            .due = due[i],
            .title = hidden_incident(r, it, kind) ? tr(r->lang, TR_remind_incident_hidden)
                     : it->title                  ? it->title
                                                  : "",
            .why = why_text(r, it, &due[i], kind, now),
            .by = todo_due_text(r, it),
        };
    }
    return k;
}

/* One reminder as the lines of a message: what, the title, why, by when, the link. */
static void entry_text(req *r, buf *out, const remind_entry *e, const char *base_url)
{
    buf_printf(out, "%s: %s\n%s\n", tr(r->lang, e->item->what), e->title, e->why);
    if (e->by) {
        buf_printf(out, tr(r->lang, TR_remind_by), e->by);
        buf_putc(out, '\n');
    }
    buf_printf(out, "%s%s\n", base_url, e->item->href);
}

typedef struct person_mail {
    const char *person_id, *email, *name;
    const char *base_url;
    time_t now;
} person_mail;

/* Queues one message and records the reminders in it, in one transaction; a message
 * whose key is queued already (by another process meanwhile) is left out whole. */
static bool enqueue(req *r, const person_mail *pm, const char *subject, const char *body,
                    const char *kind, const char *dedup, const char *const *keys, int nkeys,
                    remind_counts *c)
{
    char now[21];
    time_iso_from(pm->now, now);
    const char *p[] = {tenant_param(r), pm->person_id, pm->email, subject, body, kind, dedup, now};
    if (db_begin(r->db) != DB_OK) return false;
    db_res *res = NULL;
    bool ok = db_query(r->db, r->a,
                       "INSERT INTO mail_queue (tenant_id, person_id, recipient, subject, body, "
                       "kind, dedup_key, status, attempts, next_attempt_at, created_at) VALUES "
                       "($1, $2, $3, $4, $5, $6, $7, 'queued', 0, $8, $8) ON CONFLICT (tenant_id, "
                       "dedup_key) DO NOTHING RETURNING id",
                       8, p, &res) == DB_OK;
    if (ok && res->nrows == 1) {
        const char *mail_id = db_cell(res, 0, 0);
        for (int i = 0; ok && i < nkeys; i++) {
            const char *q[] = {tenant_param(r), pm->person_id, keys[i], mail_id, now};
            ok = db_exec(r->db,
                         "INSERT INTO reminder_sent (tenant_id, person_id, reminder_key, mail_id, "
                         "created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
                         5, q, NULL) == DB_OK;
        }
        if (ok) c->queued++;
    }
    if (!ok || db_commit(r->db) != DB_OK) {
        db_rollback(r->db);
        return false;
    }
    return true;
}

static const char *body_of(req *r, const person_mail *pm, bool digest, buf *entries)
{
    buf b;
    buf_init(&b, 0);
    buf_printf(&b, tr(r->lang, TR_remind_greeting), pm->name);
    buf_puts(&b, "\n\n");
    buf_printf(&b, tr(r->lang, digest ? TR_remind_intro_digest : TR_remind_intro_one),
               r->auth->tenant_name);
    buf_printf(&b, "\n\n%s\n-- \n", buf_str(entries));
    buf_printf(&b, tr(r->lang, TR_remind_footer), arena_printf(r->a, "%s/account", pm->base_url));
    buf_putc(&b, '\n');
    const char *body = arena_strdup(r->a, buf_str(&b));
    buf_free(&b);
    return body;
}

/* The person's reminders: items read as them, scheduled, new ones queued. */
static bool remind_person(req *r, const person_mail *pm, const remind_pref *pref, remind_counts *c)
{
    char today[11], until[11];
    int hour;
    local_date(pm->now, today, &hour);
    if (!date_add_days(today, LOOK_AHEAD_DAYS, until)) return false;
    todo_list l = {0};
    l.until = until;
    for (const todo_source *s = todo_sources; *s; s++)
        if (!(*s)(r, &l)) return false;
    remind_entry *e = arena_alloc(r->a, sizeof *e * MAX_DUE);
    int n = remind_entries(r, &l, pm->now, pref, e, MAX_DUE);
    buf digest;
    buf_init(&digest, 0);
    const char **digest_keys = arena_alloc(r->a, sizeof *digest_keys * (size_t)(n ? n : 1));
    int ndigest = 0;
    bool ok = true;
    for (int i = 0; ok && i < n; i++) {
        const todo_item *it = e[i].item;
        const char *key =
            arena_printf(r->a, "%s|%s|%s", it->href, it->due ? it->due : "", e[i].due.key);
        const char *p[] = {tenant_param(r), pm->person_id, key};
        if (db_scalar(r->db, r->a,
                      "SELECT 1 FROM reminder_sent WHERE tenant_id = $1 AND person_id = "
                      "CAST($2 AS BIGINT) AND reminder_key = $3",
                      3, p))
            continue;
        if (!e[i].due.single) {
            /* one digest a day, at 07:00 at the earliest */
            if (hour < REMIND_HOUR) continue;
            if (ndigest) buf_putc(&digest, '\n');
            entry_text(r, &digest, &e[i], pm->base_url);
            digest_keys[ndigest++] = key;
            continue;
        }
        buf one;
        buf_init(&one, 0);
        entry_text(r, &one, &e[i], pm->base_url);
        const char *subject = arena_printf(r->a, tr(r->lang, TR_remind_subject_one),
                                           tr(r->lang, it->what), e[i].title);
        const char *keys[] = {key};
        ok = enqueue(r, pm, subject, body_of(r, pm, false, &one), "reminder",
                     arena_printf(r->a, "p%s|%s", pm->person_id, key), keys, 1, c);
        buf_free(&one);
    }
    if (ok && ndigest) {
        const char *subject =
            ndigest == 1
                ? arena_printf(r->a, tr(r->lang, TR_remind_subject_digest_one), today)
                : arena_printf(r->a, tr(r->lang, TR_remind_subject_digest), ndigest, today);
        ok = enqueue(r, pm, subject, body_of(r, pm, true, &digest), "digest",
                     arena_printf(r->a, "p%s|digest|%s", pm->person_id, today), digest_keys,
                     ndigest, c);
    }
    buf_free(&digest);
    return ok;
}

bool remind_enqueue(req *r, time_t now, const char *base_url, remind_counts *c)
{
    const char *p[] = {tenant_param(r)};
    db_res *people = NULL;
    if (db_query(r->db, r->a,
                 "SELECT p.id, p.account_id, p.email, p.name, a.lang, rp.mode, rp.lang, "
                 "CAST(rp.unsubscribed AS TEXT) FROM person p JOIN account a ON a.id = "
                 "p.account_id LEFT JOIN remind_pref rp ON rp.tenant_id = p.tenant_id AND "
                 "rp.person_id = p.id WHERE p.tenant_id = $1 AND p.active = 1 ORDER BY p.id",
                 1, p, &people) != DB_OK)
        return false;
    bool ok = true;
    for (int i = 0; ok && i < people->nrows; i++) {
        /* a request of the person's own, in an arena of its own: nothing read for one
         * person (read scopes, memos) is ever seen by the next */
        arena a;
        arena_init(&a, 0);
        auth who = {.account_id = db_cell_int(people, i, 1),
                    .tenant_id = r->auth->tenant_id,
                    .email = arena_strdup(&a, db_cell(people, i, 2))};
        const char *lang = db_cell(people, i, 6) ? db_cell(people, i, 6) : db_cell(people, i, 4);
        req pr = {.a = &a,
                  .db = r->db,
                  .method = "GET",
                  .path = "/",
                  .ip = "remind",
                  .auth = &who,
                  .read_context = "reminder",
                  .lang = lang && !strcmp(lang, "en") ? LANG_EN : LANG_SV};
        const char *mode = db_cell(people, i, 5), *unsub = db_cell(people, i, 7);
        remind_pref pref = {mode && !strcmp(mode, "immediate"), unsub && !strcmp(unsub, "1")};
        person_mail pm = {arena_strdup(&a, db_cell(people, i, 0)), who.email,
                          arena_strdup(&a, db_cell(people, i, 3)), base_url, now};
        if (auth_load_member(&pr, &who)) ok = remind_person(&pr, &pm, &pref, c);
        if (!ok) fprintf(stderr, "lis: reminders for %s: %s\n", who.email, db_error(r->db));
        arena_free(&a);
    }
    return ok;
}

static bool tenant_pass(db *d, int64_t tenant, time_t now, bool enqueue_too, const char *base_url,
                        remind_counts *c)
{
    arena a;
    arena_init(&a, 0);
    req r;
    auth who;
    bool ok = system_req_init(&r, &who, &a, d, tenant, "remind");
    ok = ok && (!enqueue_too || remind_enqueue(&r, now, base_url, c));
    ok = ok && remind_send(&r, now, c);
    arena_free(&a);
    return ok;
}

int remind_cli(db *d, const char *tenant_code, const char *now_iso, const char *base_url)
{
    arena a;
    arena_init(&a, 0);
    const char *p[] = {tenant_code};
    const char *tenant = db_scalar(d, &a, "SELECT id FROM tenant WHERE code = $1", 1, p);
    time_t now = time(NULL);
    int rc = 1;
    if (!tenant) {
        fprintf(stderr, "lis: no tenant %s\n", tenant_code);
    } else if (now_iso && !time_parse_input(now_iso, &now)) {
        fprintf(stderr, "lis: --now wants a time, 2026-12-04T07:00:00Z (UTC) or 2026-12-04 08:00 "
                        "(Stockholm)\n");
    } else {
        remind_counts c = {0};
        if (tenant_pass(d, atoll(tenant), now, true, base_url, &c)) {
            printf("%d queued, %d sent, %d failed\n", c.queued, c.sent, c.failed);
            rc = 0;
        } else {
            fprintf(stderr, "lis: reminders: %s\n", db_error(d));
        }
    }
    arena_free(&a);
    return rc;
}

void remind_tick(db *d, time_t now, bool enqueue_too, const char *base_url)
{
    arena a;
    arena_init(&a, 0);
    db_res *tenants = NULL;
    if (db_query(d, &a, "SELECT tenant_id FROM mail_setting ORDER BY tenant_id", 0, NULL,
                 &tenants) != DB_OK) {
        fprintf(stderr, "lis: reminders: %s\n", db_error(d));
        arena_free(&a);
        return;
    }
    for (int i = 0; i < tenants->nrows; i++) {
        remind_counts c = {0};
        if (!tenant_pass(d, db_cell_int(tenants, i, 0), now, enqueue_too, base_url, &c))
            fprintf(stderr, "lis: reminders for tenant %s: %s\n", db_cell(tenants, i, 0),
                    db_error(d));
        else if (c.queued || c.sent || c.failed)
            fprintf(stderr, "lis: reminders for tenant %s: %d queued, %d sent, %d failed\n",
                    db_cell(tenants, i, 0), c.queued, c.sent, c.failed);
    }
    arena_free(&a);
}
