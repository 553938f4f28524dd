/* pages.c - the årshjul (yearwheel.h): the year's duties gathered from the start page's
 * sources (looking to the year's end instead of 30 days) and from the tenant's own
 * recurring duties, in twelve month columns; and the same as JSON. */
#include "yearwheel.h"
#include "../entity/todo.h"
#include "../core/escape.h"
#include "../core/util.h"
#include "../http/page.h"
#include "../../build/views/yearwheel.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_DUTIES = 2000, MIN_YEAR = 2000, MAX_YEAR = 2100 };

int yearwheel_month(const wheel_entry *e)
{
    return atoi(e->date + 5);
}

tr_key yearwheel_month_label(int month)
{
    static const tr_key labels[12] = {
        TR_yw_month_1, TR_yw_month_2, TR_yw_month_3, TR_yw_month_4,  TR_yw_month_5,  TR_yw_month_6,
        TR_yw_month_7, TR_yw_month_8, TR_yw_month_9, TR_yw_month_10, TR_yw_month_11, TR_yw_month_12,
    };
    return month >= 1 && month <= 12 ? labels[month - 1] : TR_yw_title;
}

const char *yearwheel_href(req *r, int year, bool mine, const char *unit_id)
{
    return arena_printf(r->a, "/yearwheel?year=%d%s%s%s", year, mine ? "&mine=1" : "",
                        unit_id ? "&unit_id=" : "", unit_id ? unit_id : "");
}

static wheel_entry *add_entry(req *r, wheel *w, int *cap)
{
    if (w->n == *cap) {
        int grown = *cap ? *cap * 2 : 64;
        wheel_entry *entries = arena_alloc(r->a, sizeof *entries * (size_t)grown);
        if (w->n) memcpy(entries, w->entries, sizeof *entries * (size_t)w->n);
        w->entries = entries;
        *cap = grown;
    }
    wheel_entry *e = &w->entries[w->n++];
    memset(e, 0, sizeof *e);
    return e;
}

/* "/actions/12" on "2026-06-30" → "t1-actions-12-20260630@lis": the same duty on the same
 * day keeps its identity in a subscriber's calendar. */
static const char *derived_uid(req *r, const char *href, const char *start)
{
    buf b;
    buf_init(&b, 0);
    buf_printf(&b, "t%lld", (long long)r->auth->tenant_id);
    for (const char *p = href; *p && *p != '#'; p++)
        buf_putc(&b, *p == '/' ? '-' : *p);
    buf_putc(&b, '-');
    for (const char *p = start; *p; p++)
        if (*p != '-' && *p != ':') buf_putc(&b, *p);
    buf_puts(&b, "@lis");
    const char *uid = arena_strdup(r->a, buf_str(&b));
    buf_free(&b);
    return uid;
}

/* The start page's sources, looking to the end of to_year: each dated item in the years. */
static bool add_derived(req *r, int from_year, int to_year, wheel *w, int *cap)
{
    todo_list l = {0};
    l.until = arena_printf(r->a, "%04d-01-01", to_year + 1);
    for (const todo_source *s = todo_sources; *s; s++)
        if (!(*s)(r, &l)) return false;
    for (int i = 0; i < l.n; i++) {
        const todo_item *it = &l.items[i];
        if (!it->due) continue;
        char date[11];
        const char *time_text = NULL;
        if (strlen(it->due) <= 10) {
            snprintf(date, sizeof date, "%.10s", it->due);
        } else {
            char local[24]; /* "2026-12-03 17:00", Stockholm */
            time_local_display(it->due, local);
            memcpy(date, local, 10);
            date[10] = 0;
            time_text = arena_strdup(r->a, local + 11);
        }
        int year = atoi(date);
        if (year < from_year || year > to_year) continue;
        wheel_entry *e = add_entry(r, w, cap);
        memcpy(e->date, date, sizeof date);
        e->time = time_text;
        e->start = it->due;
        e->what = it->what;
        e->title = it->title;
        e->href = it->href;
        e->uid = derived_uid(r, it->href, it->due);
        e->since = it->since[0] ? arena_strdup(r->a, it->since) : NULL;
    }
    return true;
}

/* The tenant's own duties on each of their days in the years. */
static bool add_duties(req *r, int from_year, int to_year, bool mine, const char *unit_id, wheel *w,
                       int *cap)
{
    const char *p[3] = {tenant_param(r)};
    int np = 1;
    buf where;
    buf_init(&where, 0);
    if (mine) {
        p[np++] = int_text(r->a, r->auth->person_id);
        buf_printf(&where, " AND t.owner_id = $%d", np);
    }
    if (unit_id) {
        p[np++] = unit_id;
        buf_printf(&where,
                   " AND EXISTS (SELECT 1 FROM unit f WHERE f.tenant_id = t.tenant_id AND f.id = "
                   "$%d AND u.path LIKE f.path || '%%')",
                   np);
    }
    const char *sql = arena_printf(
        r->a,
        "SELECT t.id, t.name, t.recurrence, t.month, CAST(t.day AS TEXT), CAST(t.every_months AS "
        "TEXT), t.starts_on, p.name, u.name FROM yearly_duty t LEFT JOIN person p ON p.id = "
        "t.owner_id AND p.tenant_id = t.tenant_id LEFT JOIN unit u ON u.id = t.unit_id AND "
        "u.tenant_id = t.tenant_id WHERE t.tenant_id = $1%s%s ORDER BY t.name, t.id LIMIT %d",
        buf_str(&where), entity_read_scope(r, &entity_yearly_duties, "t"), MAX_DUTIES);
    buf_free(&where);
    db_res *res = NULL;
    if (db_query(r->db, r->a, sql, np, p, &res) != DB_OK) return false;
    char today[11];
    date_today(today);
    for (int i = 0; i < res->nrows; i++) {
        const char *month = db_cell(res, i, 3), *day = db_cell(res, i, 4),
                   *every = db_cell(res, i, 5);
        for (int year = from_year; year <= to_year; year++) {
            char dates[12][11];
            int n =
                duty_dates_in_year(db_cell(res, i, 2), month ? atoi(month) : 0, day ? atoi(day) : 0,
                                   every ? atoi(every) : 0, db_cell(res, i, 6), year, dates, 12);
            for (int k = 0; k < n; k++) {
                wheel_entry *e = add_entry(r, w, cap);
                memcpy(e->date, dates[k], sizeof dates[k]);
                e->start = arena_strdup(r->a, dates[k]);
                e->what = TR_yw_duty_one;
                e->title = db_cell(res, i, 1);
                e->href = arena_printf(r->a, "/yearly_duties/%s", db_cell(res, i, 0));
                e->owner = db_cell(res, i, 7);
                e->unit = db_cell(res, i, 8);
                e->own = true;
                char compact[9];
                snprintf(compact, sizeof compact, "%.4s%.2s%.2s", dates[k], dates[k] + 5,
                         dates[k] + 8);
                e->uid = arena_printf(r->a, "t%lld-duty-%s-%s@lis", (long long)r->auth->tenant_id,
                                      db_cell(res, i, 0), compact);
            }
        }
    }
    return true;
}

static int by_date(const void *a, const void *b)
{
    const wheel_entry *x = a, *y = b;
    int c = strcmp(x->date, y->date);
    if (c) return c;
    if (!x->time != !y->time) return x->time ? 1 : -1; /* a whole day before its hours */
    if (x->time && (c = strcmp(x->time, y->time))) return c;
    return strcmp(x->title ? x->title : "", y->title ? y->title : "");
}

bool wheel_load(req *r, int from_year, int to_year, bool mine, const char *unit_id, wheel *w)
{
    int cap = 0;
    w->year = from_year;
    w->n = 0;
    w->entries = NULL;
    /* derived duties are the reader's own (whom the start page tells); a unit's choice
     * narrows the tenant's duties */
    if (!add_derived(r, from_year, to_year, w, &cap)) return false;
    if (!add_duties(r, from_year, to_year, mine, unit_id, w, &cap)) return false;
    if (w->n > 1) qsort(w->entries, (size_t)w->n, sizeof *w->entries, by_date);
    return true;
}

/* The choices from the query: the year (this one by default), the unit (digits), mine. */
static bool read_choices(req *r, int *year, const char **unit_id, bool *mine)
{
    char today[11];
    date_today(today);
    *year = atoi(today);
    const char *y = kv_get(&r->query, "year");
    if (y && *y) {
        char *end;
        long v = strtol(y, &end, 10);
        if (*end || v < MIN_YEAR || v > MAX_YEAR) return false;
        *year = (int)v;
    }
    const char *u = kv_get(&r->query, "unit_id");
    *unit_id = NULL;
    if (u && *u) {
        for (const char *c = u; *c; c++)
            if (*c < '0' || *c > '9') return false;
        if (strlen(u) > 18) return false;
        *unit_id = u;
    }
    const char *m = kv_get(&r->query, "mine");
    *mine = m && !strcmp(m, "1");
    return true;
}

void h_yearwheel(req *r, resp *out)
{
    int year;
    const char *unit_id;
    bool mine, feed_active = false;
    if (!read_choices(r, &year, &unit_id, &mine)) {
        respond_error(r, out, 400, "bad_request", TR_yw_err_choice);
        return;
    }
    wheel w;
    const char *p[] = {tenant_param(r)};
    db_res *units = NULL;
    if (!wheel_load(r, year, year, mine, unit_id, &w) ||
        db_query(r->db, r->a,
                 "SELECT id, name FROM unit WHERE tenant_id = $1 AND kind IN ('forvaltning', "
                 "'bolag') AND retired_at IS NULL ORDER BY name, id",
                 1, p, &units) != DB_OK ||
        !yearwheel_feed_active(r, &feed_active)) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    const char *path;
    bool may_add = perm_paths(r->auth, ACT_DOCUMENT_WRITE, &path, 1) > 0;
    page_begin(r, out, tr(r->lang, mine ? TR_yw_mine_title : TR_yw_title), "yearwheel");
    view_yearwheel(&out->body, r->lang, r, &w, mine, unit_id, units, feed_active, may_add);
    page_end(r, out);
}

static void json_text(buf *out, const char *key, const char *value)
{
    buf_printf(out, ",\"%s\":", key);
    if (value)
        esc_json_string(out, value);
    else
        buf_puts(out, "null");
}

void api_yearwheel(req *r, resp *out)
{
    int year;
    const char *unit_id;
    bool mine;
    if (!read_choices(r, &year, &unit_id, &mine)) {
        json_error(r, out, 400, "bad_request",
                   "year must be a year (2000-2100), unit_id a unit's id, mine 1");
        return;
    }
    wheel w;
    if (!wheel_load(r, year, year, mine, unit_id, &w)) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    respond_json(out, 200);
    buf *b = &out->body;
    buf_printf(b, "{\"year\":%d,\"items\":[", year);
    for (int i = 0; i < w.n; i++) {
        const wheel_entry *e = &w.entries[i];
        buf_printf(b, "%s{\"month\":%d", i ? "," : "", yearwheel_month(e));
        json_text(b, "date", e->date);
        json_text(b, "time", e->time);
        json_text(b, "source", e->own ? "duty" : "derived");
        json_text(b, "what", tr(r->lang, e->what));
        json_text(b, "title", e->title);
        json_text(b, "href", e->href);
        json_text(b, "owner", e->owner);
        json_text(b, "unit", e->unit);
        json_text(b, "overdue_since", e->since);
        json_text(b, "uid", e->uid);
        buf_putc(b, '}');
    }
    buf_puts(b, "]}");
}
