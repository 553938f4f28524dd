/* clocks.c - an incident's deadlines as stored: its awareness time and answers fed to
 * the pure deadline rules, with the notifications actually recorded as sent. */
#include "incidents.h"
#include "deadline.h"
#include "../core/util.h"
#include <stdlib.h>
#include <string.h>

/* An instant from a stored time; 0 when there is none or it does not parse. */
static time_t instant(const char *iso)
{
    time_t t = 0;
    return iso && time_parse_iso(iso, &t) ? t : 0;
}

bool incident_deadline_facts(const char *aware, const char *personal, const char *significant,
                             const char *handled_at, const char *closed_at,
                             const char *const sent_at[DL__COUNT], deadline_facts *out)
{
    *out = (deadline_facts){.personal_breach = personal && !strcmp(personal, "yes"),
                            .significant = significant && !strcmp(significant, "yes"),
                            .notification_sent = instant(sent_at[DL_CSIRT_NOTIFICATION]),
                            .progress_sent = instant(sent_at[DL_CSIRT_PROGRESS])};
    /* handled: as recorded, else when it was closed */
    out->handled = handled_at ? instant(handled_at) : instant(closed_at);
    return aware && time_parse_iso(aware, &out->aware);
}

void incident_sent_note(const char *kind, const char *also_serves, const char *sent_at,
                        const char *sent[DL__COUNT])
{
    int k = deadline_from_code(kind), also = deadline_from_code(also_serves);
    if (k >= 0) sent[k] = sent_at;
    if (also >= 0) sent[also] = sent_at;
}

int incident_clocks(req *r, int64_t incident_id, time_t now, incident_clock out[DL__COUNT])
{
    const char *p[] = {int_text(r->a, incident_id), tenant_param(r)};
    db_res *inc = NULL, *sent = NULL;
    if (db_query(r->db, r->a,
                 "SELECT aware_at, personal_data, significant, handled_at, closed_at FROM "
                 "incident WHERE id = $1 AND tenant_id = $2",
                 2, p, &inc) != DB_OK ||
        inc->nrows == 0)
        return -1;
    if (db_query(r->db, r->a,
                 "SELECT kind, also_serves, sent_at, reference FROM incident_notification WHERE "
                 "incident_id = $1 AND tenant_id = $2",
                 2, p, &sent) != DB_OK)
        return -1;
    const char *sent_at[DL__COUNT] = {0}, *reference[DL__COUNT] = {0};
    for (int i = 0; i < sent->nrows; i++) {
        incident_sent_note(db_cell(sent, i, 0), db_cell(sent, i, 1), db_cell(sent, i, 2), sent_at);
        incident_sent_note(db_cell(sent, i, 0), db_cell(sent, i, 1), db_cell(sent, i, 3),
                           reference);
    }
    return incident_clocks_of(inc, 0, 0, sent_at, reference, now, out);
}

int incident_clocks_of(const db_res *inc, int row, int col, const char *const sent_at[DL__COUNT],
                       const char *const reference[DL__COUNT], time_t now,
                       incident_clock out[DL__COUNT])
{
    deadline_facts f;
    if (!incident_deadline_facts(db_cell(inc, row, col), db_cell(inc, row, col + 1),
                                 db_cell(inc, row, col + 2), db_cell(inc, row, col + 3),
                                 db_cell(inc, row, col + 4), sent_at, &f))
        return -1;
    deadline d[DL__COUNT];
    int n = deadlines_compute(&f, d);
    for (int i = 0; i < n; i++) {
        out[i] = (incident_clock){.kind = d[i].kind,
                                  .start = d[i].start,
                                  .due = d[i].due,
                                  .sent_at = sent_at[d[i].kind],
                                  .reference = reference ? reference[d[i].kind] : NULL,
                                  .provisional = d[i].provisional,
                                  .ask_ongoing = d[i].ask_ongoing,
                                  .final_waits_handled = d[i].final_waits_handled};
        time_t sent_time = 0;
        /* a stored time that does not parse still says it was sent (in time: unknown) */
        if (out[i].sent_at && !time_parse_iso(out[i].sent_at, &sent_time)) sent_time = 1;
        out[i].state = deadline_state_at(&d[i], now, sent_time);
        out[i].amber_from = deadline_amber_from(&d[i]);
    }
    return n;
}

/* An incident's id and its row in the result, sorted by id to find a notification's row. */
typedef struct id_row {
    int64_t id;
    int row;
} id_row;

static int by_id(const void *a, const void *b)
{
    const id_row *x = a, *y = b;
    return x->id < y->id ? -1 : x->id > y->id;
}

bool incident_clocks_rows(req *r, const db_res *inc, int id_col, int col, time_t now,
                          incident_clock (*out)[DL__COUNT], int *counts)
{
    int n = inc->nrows;
    if (n == 0) return true;
    /* the ids as parameters $2..: a handful at a time, at most the caller's limit */
    const char **p = arena_alloc(r->a, sizeof *p * (size_t)(n + 1));
    id_row *ids = arena_alloc(r->a, sizeof *ids * (size_t)n);
    if (!p || !ids || !out || !counts) return false;
    buf in;
    buf_init(&in, 0);
    p[0] = tenant_param(r);
    for (int i = 0; i < n; i++) {
        p[i + 1] = db_cell(inc, i, id_col);
        ids[i] = (id_row){atoll(p[i + 1]), i};
        buf_printf(&in, "%s$%d", i ? ", " : "", i + 2);
    }
    qsort(ids, (size_t)n, sizeof *ids, by_id);
    db_res *sent = NULL;
    const char *sql = arena_printf(r->a,
                                   "SELECT incident_id, kind, also_serves, sent_at, reference FROM "
                                   "incident_notification WHERE tenant_id = $1 AND incident_id IN "
                                   "(%s)",
                                   buf_str(&in));
    buf_free(&in);
    if (db_query(r->db, r->a, sql, n + 1, p, &sent) != DB_OK) return false;
    const char *(*sent_at)[DL__COUNT] = arena_alloc(r->a, sizeof *sent_at * (size_t)n);
    const char *(*reference)[DL__COUNT] = arena_alloc(r->a, sizeof *reference * (size_t)n);
    if (!sent_at || !reference) return false;
    memset(sent_at, 0, sizeof *sent_at * (size_t)n);
    memset(reference, 0, sizeof *reference * (size_t)n);
    for (int i = 0; i < sent->nrows; i++) {
        id_row key = {atoll(db_cell(sent, i, 0)), 0};
        const id_row *at = bsearch(&key, ids, (size_t)n, sizeof *ids, by_id);
        if (!at) continue;
        const char *kind = db_cell(sent, i, 1), *also = db_cell(sent, i, 2);
        incident_sent_note(kind, also, db_cell(sent, i, 3), sent_at[at->row]);
        incident_sent_note(kind, also, db_cell(sent, i, 4), reference[at->row]);
    }
    for (int i = 0; i < n; i++)
        counts[i] = incident_clocks_of(inc, i, col, sent_at[i], reference[i], now, out[i]);
    return true;
}

void incident_deadlines_tally(const incident_clock *c, int n, time_t now, int *met, int *late)
{
    for (int k = 0; k < n; k++) {
        time_t at;
        if (c[k].sent_at && time_parse_iso(c[k].sent_at, &at))
            (*(at <= c[k].due ? met : late))++;
        else if (now > c[k].due)
            (*late)++;
    }
}

const char *clock_left_text(req *r, time_t left)
{
    bool overdue = left < 0;
    time_t s = overdue ? -left : left;
    long days = (long)(s / 86400), hours = (long)(s % 86400 / 3600), mins = (long)(s % 3600 / 60);
    const char *span = days    ? arena_printf(r->a, "%ld d %ld h", days, hours)
                       : hours ? arena_printf(r->a, "%ld h %ld min", hours, mins)
                               : arena_printf(r->a, "%ld min", mins);
    return arena_printf(r->a, "%s %s",
                        tr(r->lang, overdue ? TR_inc_clock_overdue_by : TR_inc_clock_left), span);
}

tr_key clock_state_label(int state)
{
    static const tr_key labels[] = {[DS_OK] = TR_inc_state_ok,
                                    [DS_AMBER] = TR_inc_state_amber,
                                    [DS_RED] = TR_inc_state_red,
                                    [DS_SENT] = TR_inc_state_sent,
                                    [DS_SENT_LATE] = TR_inc_state_sent_late};
    return labels[state];
}

const char *clock_state_class(int state)
{
    static const char *const classes[] = {[DS_OK] = "clock-ok",
                                          [DS_AMBER] = "clock-amber",
                                          [DS_RED] = "clock-red",
                                          [DS_SENT] = "clock-sent",
                                          [DS_SENT_LATE] = "clock-sent-late"};
    return classes[state];
}

tr_key clock_send_label(int kind)
{
    static const tr_key labels[] = {[DL_IMY] = TR_inc_send_imy,
                                    [DL_CSIRT_EARLY] = TR_inc_send_csirt_early,
                                    [DL_CSIRT_NOTIFICATION] = TR_inc_send_csirt_notification,
                                    [DL_CSIRT_PROGRESS] = TR_inc_send_csirt_progress,
                                    [DL_CSIRT_FINAL] = TR_inc_send_csirt_final};
    return labels[kind];
}

tr_key clock_kind_label(int kind)
{
    static const tr_key labels[] = {[DL_IMY] = TR_inc_kind_imy,
                                    [DL_CSIRT_EARLY] = TR_inc_kind_csirt_early,
                                    [DL_CSIRT_NOTIFICATION] = TR_inc_kind_csirt_notification,
                                    [DL_CSIRT_PROGRESS] = TR_inc_kind_csirt_progress,
                                    [DL_CSIRT_FINAL] = TR_inc_kind_csirt_final};
    return labels[kind];
}
