/* stats.c - incident statistics for the handlers, over the last twelve months by
 * awareness: incidents per month (Stockholm months), per category and per affected unit
 * (linked directly or through a system or an information asset), the time from report to
 * triage, and whether the legal deadlines were met. Tables with SVG bars written here
 * (no charting library); the same figures as CSV and XLSX. */
#include "incidents.h"
#include "deadline.h"
#include "../core/escape.h"
#include "../core/util.h"
#include "../http/page.h"
#include "../http/page_memo.h"
#include "../../build/views/incident_stats.h"
#include "../entity/xlsx.h"
#include <stdlib.h>
#include <string.h>

enum { MONTHS = 12, MAX_CATEGORIES = 16, MAX_UNITS = 20 };

typedef struct stats {
    int month_key[MONTHS]; /* year * 100 + month, oldest first */
    int per_month[MONTHS];
    const char *category[MAX_CATEGORIES];
    int per_category[MAX_CATEGORIES];
    int ncategories;
    db_res *units; /* name, count */
    long *triage_minutes;
    int ntriaged, total;
    int met[DL__COUNT], late[DL__COUNT], pending[DL__COUNT];
} stats;

static int month_of(time_t t)
{
    t += time_stockholm_offset(t);
    struct tm tm;
    gmtime_r(&t, &tm);
    return (tm.tm_year + 1900) * 100 + tm.tm_mon + 1;
}

static int by_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

/* One incident's deadlines against the notifications sent for it. */
static void tally_deadlines(stats *s, time_t now, const deadline_facts *f,
                            const char *sent[DL__COUNT])
{
    deadline d[DL__COUNT];
    int n = deadlines_compute(f, d);
    for (int i = 0; i < n; i++) {
        time_t at;
        int k = d[i].kind;
        if (sent[k] && time_parse_iso(sent[k], &at))
            (at <= d[i].due ? s->met : s->late)[k]++;
        else if (now > d[i].due)
            s->late[k]++;
        else
            s->pending[k]++;
    }
}

static bool load(req *r, stats *s)
{
    memset(s, 0, sizeof *s);
    time_t now = time(NULL);
    int this_month = month_of(now);
    for (int i = 0; i < MONTHS; i++) {
        int back = MONTHS - 1 - i, y = this_month / 100, m = this_month % 100 - back;
        while (m < 1) {
            m += 12;
            y--;
        }
        s->month_key[i] = y * 100 + m;
    }
    /* from the first instant of the oldest month, Stockholm time */
    char since[21];
    time_iso_from(time_from_stockholm(s->month_key[0] / 100, s->month_key[0] % 100, 1, 0, 0, 0),
                  since);
    const char *p[] = {tenant_param(r), arena_strdup(r->a, since)};
    db_res *inc = NULL, *sent = NULL;
    if (db_query(r->db, r->a,
                 "SELECT id, aware_at, created_at, triaged_at, category, personal_data, "
                 "significant, handled_at, closed_at FROM incident WHERE tenant_id = $1 AND "
                 "aware_at >= $2 ORDER BY id",
                 2, p, &inc) != DB_OK ||
        db_query(r->db, r->a,
                 "SELECT n.incident_id, n.kind, n.sent_at, n.also_serves FROM "
                 "incident_notification n JOIN "
                 "incident i ON i.id = n.incident_id WHERE n.tenant_id = $1 AND i.tenant_id = $1 "
                 "AND i.aware_at >= $2 ORDER BY n.incident_id",
                 2, p, &sent) != DB_OK ||
        db_query(r->db, r->a,
                 "SELECT u.name, COUNT(DISTINCT l.incident_id) FROM incident_link l JOIN incident "
                 "i ON i.id = l.incident_id LEFT JOIN system s ON s.id = l.system_id LEFT JOIN "
                 "information_asset a ON a.id = l.asset_id JOIN unit u ON u.id = "
                 "COALESCE(l.unit_id, s.unit_id, a.unit_id) WHERE l.tenant_id = $1 AND "
                 "i.aware_at >= $2 GROUP BY u.id, u.name ORDER BY 2 DESC, 1 LIMIT 20",
                 2, p, &s->units) != DB_OK)
        return false;
    s->total = inc->nrows;
    s->triage_minutes = arena_alloc(r->a, sizeof(long) * (size_t)(inc->nrows + 1));
    int k = 0; /* walks the notifications alongside, both ordered by incident */
    for (int i = 0; i < inc->nrows; i++) {
        int64_t id = db_cell_int(inc, i, 0);
        time_t aware, created, triaged;
        if (!time_parse_iso(db_cell(inc, i, 1), &aware)) continue;
        int month = month_of(aware);
        for (int m = 0; m < MONTHS; m++)
            if (s->month_key[m] == month) s->per_month[m]++;
        const char *cat = db_cell(inc, i, 4) ? db_cell(inc, i, 4) : "";
        int c = 0;
        while (c < s->ncategories && strcmp(s->category[c], cat) != 0)
            c++;
        if (c == s->ncategories && c < MAX_CATEGORIES) s->category[s->ncategories++] = cat;
        if (c < MAX_CATEGORIES) s->per_category[c]++;
        if (time_parse_iso(db_cell(inc, i, 2), &created) &&
            time_parse_iso(db_cell(inc, i, 3), &triaged))
            s->triage_minutes[s->ntriaged++] = (long)((triaged - created) / 60);
        const char *sent_at[DL__COUNT] = {0};
        while (k < sent->nrows && db_cell_int(sent, k, 0) < id)
            k++;
        for (; k < sent->nrows && db_cell_int(sent, k, 0) == id; k++)
            incident_sent_note(db_cell(sent, k, 1), db_cell(sent, k, 3), db_cell(sent, k, 2),
                               sent_at);
        deadline_facts f;
        if (incident_deadline_facts(db_cell(inc, i, 1), db_cell(inc, i, 5), db_cell(inc, i, 6),
                                    db_cell(inc, i, 7), db_cell(inc, i, 8), sent_at, &f))
            tally_deadlines(s, now, &f, sent_at);
    }
    qsort(s->triage_minutes, (size_t)s->ntriaged, sizeof(long), by_long);
    /* the commonest categories first (a handful: insertion sort) */
    for (int i = 1; i < s->ncategories; i++)
        for (int j = i; j > 0 && s->per_category[j] > s->per_category[j - 1]; j--) {
            int n = s->per_category[j];
            const char *c = s->category[j];
            s->per_category[j] = s->per_category[j - 1];
            s->category[j] = s->category[j - 1];
            s->per_category[j - 1] = n;
            s->category[j - 1] = c;
        }
    return true;
}

static const char *category_label(req *r, const char *code)
{
    const field *f = &entity_incidents.fields[entity_field(&entity_incidents, "category")];
    return *code ? enum_label(r, f, code) : tr(r->lang, TR_inc_stats_uncategorised);
}

static const char *duration(req *r, long minutes)
{
    return minutes >= 120 ? arena_printf(r->a, "%ld h %ld min", minutes / 60, minutes % 60)
                          : arena_printf(r->a, "%ld min", minutes);
}

static const char **month_labels(req *r, const stats *s)
{
    const char **labels = arena_alloc(r->a, sizeof(char *) * MONTHS);
    for (int i = 0; i < MONTHS; i++)
        labels[i] =
            arena_printf(r->a, "%04d-%02d", s->month_key[i] / 100 % 10000, s->month_key[i] % 100);
    return labels;
}

static bool allowed(req *r, resp *out)
{
    if (perm_allows(r->auth, ACT_INCIDENT_HANDLE, NULL)) return true;
    respond_error(r, out, 403, "forbidden", TR_err_forbidden);
    return false;
}

void h_incident_stats(req *r, resp *out)
{
    stats s;
    if (!allowed(r, out)) return;
    /* counted over every incident of the tenant: kept until the next change (page_memo.h) */
    memo_part part;
    if (page_memo_serve(r, out, "stats", tr(r->lang, TR_inc_stats_title), "incidents", &part))
        return;
    if (!load(r, &s)) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    const char **cats = arena_alloc(r->a, sizeof(char *) * MAX_CATEGORIES);
    for (int i = 0; i < s.ncategories; i++)
        cats[i] = category_label(r, s.category[i]);
    const char **units = arena_alloc(r->a, sizeof(char *) * (MAX_UNITS + 1));
    int unit_counts[MAX_UNITS + 1];
    int nunits = s.units->nrows < MAX_UNITS ? s.units->nrows : MAX_UNITS;
    for (int i = 0; i < nunits; i++) {
        units[i] = db_cell(s.units, i, 0);
        unit_counts[i] = (int)db_cell_int(s.units, i, 1);
    }
    const char *median = s.ntriaged ? duration(r, s.triage_minutes[s.ntriaged / 2]) : NULL;
    const char *p90 = s.ntriaged ? duration(r, s.triage_minutes[s.ntriaged * 9 / 10]) : NULL;
    page_begin(r, out, tr(r->lang, TR_inc_stats_title), "incidents");
    size_t start = out->body.len;
    view_incident_stats(&out->body, r->lang, s.total, month_labels(r, &s), s.per_month, MONTHS,
                        cats, s.per_category, s.ncategories, units, unit_counts, nunits, s.ntriaged,
                        median, p90, s.met, s.late, s.pending);
    page_memo_keep(r, &part, &out->body, start, 0);
    page_end(r, out);
}

/* The figures as rows of (section, label, count): the CSV and the XLSX are the same table. */
typedef void (*row_fn)(void *ctx, const char *section, const char *label, long count);

static void each_row(req *r, const stats *s, row_fn row, void *ctx)
{
    const char **months = month_labels(r, s);
    for (int i = 0; i < MONTHS; i++)
        row(ctx, tr(r->lang, TR_inc_stats_month), months[i], s->per_month[i]);
    for (int i = 0; i < s->ncategories; i++)
        row(ctx, tr(r->lang, TR_inc_category), category_label(r, s->category[i]),
            s->per_category[i]);
    for (int i = 0; i < s->units->nrows; i++)
        row(ctx, tr(r->lang, TR_inc_link_unit), db_cell(s->units, i, 0),
            (long)db_cell_int(s->units, i, 1));
    for (int k = 0; k < DL__COUNT; k++) {
        const char *kind = tr(r->lang, clock_kind_label(k));
        row(ctx, tr(r->lang, TR_inc_stats_met), kind, s->met[k]);
        row(ctx, tr(r->lang, TR_inc_stats_late), kind, s->late[k]);
        row(ctx, tr(r->lang, TR_inc_stats_pending), kind, s->pending[k]);
    }
    if (s->ntriaged)
        row(ctx, tr(r->lang, TR_inc_stats_triage), tr(r->lang, TR_inc_stats_median_minutes),
            s->triage_minutes[s->ntriaged / 2]);
}

static const tr_key heads[] = {TR_inc_stats_section, TR_inc_stats_label, TR_inc_stats_count};

static void csv_row(void *ctx, const char *section, const char *label, long count)
{
    buf *out = ctx;
    esc_csv_field(out, section, ';');
    buf_putc(out, ';');
    esc_csv_field(out, label, ';');
    buf_printf(out, ";%ld\r\n", count);
}

void h_incident_stats_csv(req *r, resp *out)
{
    stats s;
    if (!allowed(r, out)) return;
    if (!load(r, &s)) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    out->content_type = "text/csv; charset=utf-8";
    resp_header(out, r->a, "Content-Disposition",
                "attachment; filename=\"lis-incident-statistics.csv\"");
    buf *b = &out->body;
    buf_puts(b, "\xEF\xBB\xBF");
    for (int i = 0; i < 3; i++) {
        if (i) buf_putc(b, ';');
        esc_csv_field(b, tr(r->lang, heads[i]), ';');
    }
    buf_puts(b, "\r\n");
    each_row(r, &s, csv_row, b);
}

/* ---- XLSX ---------------------------------------------------------------- */

typedef struct xlsx_stats {
    req *r;
    const stats *s;
    lxw_worksheet *ws;
    lxw_row_t row;
    bool ok;
} xlsx_stats;

/* Labels are written as strings, never as formulas (xlsx.h); counts as numbers. */
static void xlsx_row(void *ctx, const char *section, const char *label, long count)
{
    xlsx_stats *x = ctx;
    x->row++;
    x->ok = x->ok && worksheet_write_string(x->ws, x->row, 0, section, NULL) == LXW_NO_ERROR &&
            worksheet_write_string(x->ws, x->row, 1, label ? label : "", NULL) == LXW_NO_ERROR &&
            worksheet_write_number(x->ws, x->row, 2, (double)count, NULL) == LXW_NO_ERROR;
}

static bool fill_stats(lxw_workbook *wb, void *ctx)
{
    xlsx_stats *x = ctx;
    req *r = x->r;
    x->ws = workbook_add_worksheet(wb, tr(r->lang, TR_inc_stats_title));
    lxw_format *head = workbook_add_format(wb);
    if (!x->ws || !head) return false;
    format_set_bold(head);
    format_set_bottom(head, LXW_BORDER_THIN);
    worksheet_set_column(x->ws, 0, 0, 28, NULL);
    worksheet_set_column(x->ws, 1, 1, 44, NULL);
    worksheet_set_column(x->ws, 2, 2, 10, NULL);
    x->ok = true;
    for (int i = 0; i < 3; i++)
        x->ok = x->ok && worksheet_write_string(x->ws, 0, (lxw_col_t)i, tr(r->lang, heads[i]),
                                                head) == LXW_NO_ERROR;
    x->row = 0;
    each_row(r, x->s, xlsx_row, x);
    worksheet_freeze_panes(x->ws, 1, 0);
    worksheet_autofilter(x->ws, 0, 0, x->row, 2);
    return x->ok;
}

void h_incident_stats_xlsx(req *r, resp *out)
{
    stats s;
    if (!allowed(r, out)) return;
    if (!load(r, &s)) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    xlsx_stats x = {.r = r, .s = &s};
    if (!xlsx_to_buf(r, fill_stats, &x, &out->body)) {
        buf_reset(&out->body);
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    out->content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    resp_header(out, r->a, "Content-Disposition",
                "attachment; filename=\"lis-incident-statistics.xlsx\"");
}
