/* due.c - overdue rows (due.h). */
#include "due.h"
#include "../core/escape.h"
#include "../core/util.h"
#include <stdio.h>
#include <string.h>

static const field *due_field(const entity *e)
{
    int i = e->due ? entity_field_index(e, e->due->field) : -1;
    return i >= 0 ? &e->fields[i] : NULL;
}

const char *due_now(req *r, const entity *e)
{
    const field *f = due_field(e);
    if (f && f->type == FT_DATETIME) {
        char now[21];
        time_now_iso(now);
        return arena_strdup(r->a, now);
    }
    char today[11];
    date_today(today);
    return arena_strdup(r->a, today);
}

bool due_overdue(req *r, const entity *e, const char *due_value, const char *status,
                 char since[11])
{
    const field *f = due_field(e);
    if (!f || !due_value || !*due_value) return false;
    for (const char *const *m = e->due->moot; status && m && *m; m++)
        if (!strcmp(status, *m)) return false;
    if (strcmp(due_value, due_now(r, e)) >= 0) return false;
    if (f->type == FT_DATETIME) {
        char local[24];
        time_local_display(due_value, local); /* "2026-11-25 15:33", Stockholm */
        snprintf(since, 11, "%.10s", local);
    } else {
        snprintf(since, 11, "%.10s", due_value);
    }
    return true;
}

bool due_row_overdue(req *r, const entity *e, const db_res *res, int row, char since[11])
{
    if (!e->due) return false;
    int fi = entity_field_index(e, e->due->field);
    int si = e->due->status_field ? entity_field_index(e, e->due->status_field) : -1;
    if (fi < 0) return false;
    int di = e->due->done_field ? entity_field_index(e, e->due->done_field) : -1;
    if (di >= 0 && db_cell(res, row, entity_col(e, di))) return false;
    return due_overdue(r, e, db_cell(res, row, entity_col(e, fi)),
                       si >= 0 ? db_cell(res, row, entity_col(e, si)) : NULL, since);
}

void due_mark(req *r, const char *since, buf *out)
{
    buf_puts(out, " <strong class=\"overdue\">");
    esc_html(out, tr(r->lang, TR_due_overdue_since));
    buf_puts(out, " ");
    esc_html(out, since);
    buf_puts(out, "</strong>");
}
