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

const char *due_now_of(req *r, const field *f)
{
    if (f && f->type == FT_DATETIME) {
        char now[21];
        time_now_iso(now);
        return arena_strdup(r->a, now);
    }
    char today[11];
    date_today(today);
    return arena_strdup(r->a, today);
}

const char *due_now(req *r, const entity *e)
{
    return due_now_of(r, due_field(e));
}

bool due_past(req *r, const field *f, const char *value, char since[11])
{
    if (!f || !value || !*value || strcmp(value, due_now_of(r, f)) >= 0) return false;
    if (f->type == FT_DATETIME) {
        char local[24];
        time_local_display(value, local); /* "2026-11-25 15:33", Stockholm */
        snprintf(since, 11, "%.10s", local);
    } else {
        snprintf(since, 11, "%.10s", value);
    }
    return true;
}

bool due_overdue(req *r, const entity *e, const char *due_value, const char *status, char since[11])
{
    for (const char *const *m = e->due ? e->due->moot : NULL; status && m && *m; m++)
        if (!strcmp(status, *m)) return false;
    return due_past(r, due_field(e), due_value, since);
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

void due_sql_open(const entity *e, sql_builder *b)
{
    if (!e->due) return;
    if (e->due->done_field) buf_printf(&b->sql, " AND t.%s IS NULL", e->due->done_field);
    if (!e->due->status_field || !e->due->moot || !e->due->moot[0]) return;
    buf_printf(&b->sql, " AND (t.%s IS NULL OR t.%s NOT IN (", e->due->status_field,
               e->due->status_field);
    for (const char *const *m = e->due->moot; *m; m++)
        buf_printf(&b->sql, "%s%s", m == e->due->moot ? "" : ", ", sql_param(b, *m));
    buf_puts(&b->sql, "))");
}
