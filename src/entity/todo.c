/* todo.c - the start page's items (todo.h). */
#include "todo.h"
#include "due.h"
#include "sql_builder.h"
#include "../core/escape.h"
#include "../core/util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

tr_key todo_group_label(todo_group g)
{
    static const tr_key labels[TODO__COUNT] = {
        [TODO_DECIDE] = TR_todo_group_decide,   [TODO_CLOCKS] = TR_todo_group_clocks,
        [TODO_LATE] = TR_todo_group_late,       [TODO_SOON] = TR_todo_group_soon,
        [TODO_AHEAD] = TR_todo_group_ahead,     [TODO_OPEN] = TR_todo_group_open,
        [TODO_MEETING] = TR_todo_group_meeting,
    };
    return g >= 0 && g < TODO__COUNT ? labels[g] : TR_todo_title;
}

todo_item *todo_add(req *r, todo_list *l, todo_group group, tr_key what)
{
    if (l->n == l->cap) {
        int cap = l->cap ? l->cap * 2 : 16;
        todo_item *items = arena_alloc(r->a, sizeof *items * (size_t)cap);
        if (l->n) memcpy(items, l->items, sizeof *items * (size_t)l->n);
        l->items = items;
        l->cap = cap;
    }
    todo_item *it = &l->items[l->n++];
    memset(it, 0, sizeof *it);
    it->group = group;
    it->what = what;
    return it;
}

/* Dates and stored times compare as text: "2026-12-01" < "2026-12-01T08:00:00Z". */
static int by_group_then_due(const void *a, const void *b)
{
    const todo_item *x = a, *y = b;
    if (x->group != y->group) return x->group < y->group ? -1 : 1;
    if (!x->due != !y->due) return x->due ? -1 : 1;
    int c = x->due ? strcmp(x->due, y->due) : 0;
    return c ? c : strcmp(x->title ? x->title : "", y->title ? y->title : "");
}

void todo_sort(todo_list *l)
{
    if (l->n > 1) qsort(l->items, (size_t)l->n, sizeof *l->items, by_group_then_due);
}

const char *todo_due_text(req *r, const todo_item *it)
{
    if (!it->due || strlen(it->due) <= 10) return it->due;
    char local[24];
    time_local_display(it->due, local);
    return arena_strdup(r->a, local);
}

const char *todo_bound(req *r, const todo_list *l, const field *f)
{
    return l->until ? l->until : todo_soon_bound(r, f);
}

int todo_limit(const todo_list *l, int own)
{
    return l->until ? TODO_YEAR_LIMIT : own;
}

const char *todo_soon_bound(req *r, const field *f)
{
    const char *now = due_now_of(r, f);
    if (f->type != FT_DATETIME) {
        char later[11];
        return date_add_days(now, TODO_SOON_DAYS, later) ? arena_strdup(r->a, later) : now;
    }
    char later[21];
    time_iso_from(time(NULL) + (time_t)TODO_SOON_DAYS * 86400, later);
    return arena_strdup(r->a, later);
}

bool todo_due_rows(req *r, const todo_due_query *q, todo_list *l)
{
    const entity *e = q->e;
    const char *due = q->date_field ? q->date_field : e->due ? e->due->field : NULL;
    if (!due || !entity_may_read(r, e)) return true;
    const field *f = &e->fields[entity_field(e, due)];
    const char *bound = todo_bound(r, l, f);
    /* the start page's "soon" for a kind that looks further ahead: past it, "Längre fram" */
    const char *soon = NULL;
    char later[11];
    if (!l->until && q->soon_days > TODO_SOON_DAYS && f->type == FT_DATE &&
        date_add_days(due_now_of(r, f), q->soon_days, later)) {
        soon = bound;
        bound = arena_strdup(r->a, later);
    }
    sql_builder b;
    sql_builder_init(&b, r->a, 0);
    buf_printf(&b.sql, "SELECT t.id, %s, t.%s FROM %s t WHERE t.tenant_id = %s", e->title_sql, due,
               e->table, sql_param(&b, tenant_param(r)));
    if (e->retire_column) buf_printf(&b.sql, " AND t.%s IS NULL", e->retire_column);
    if (q->person_field)
        buf_printf(&b.sql, " AND t.%s = %s", q->person_field,
                   sql_param(&b, int_text(r->a, r->auth->person_id)));
    else
        buf_puts(&b.sql, entity_mine_scope(r, e, "t"));
    if (q->undated)
        buf_printf(&b.sql, " AND (t.%s IS NULL OR t.%s < %s)", due, due, sql_param(&b, bound));
    else
        buf_printf(&b.sql, " AND t.%s IS NOT NULL AND t.%s < %s", due, due, sql_param(&b, bound));
    if (!q->date_field) due_sql_open(e, &b);
    if (q->extra_sql) buf_printf(&b.sql, " AND %s", q->extra_sql);
    buf_puts(&b.sql, entity_read_scope(r, e, "t"));
    buf_printf(&b.sql, " ORDER BY CASE WHEN t.%s IS NULL THEN 1 ELSE 0 END, t.%s, t.id LIMIT %d",
               due, due, todo_limit(l, q->limit > 0 ? q->limit : 20));
    db_res *res = NULL;
    int rc = sql_builder_query(r->db, &b, &res);
    sql_builder_free(&b);
    if (rc != DB_OK) return false;
    /* showing them is reading them: recorded, or not shown */
    if (res->nrows && entity_reads_audited(e) && !entity_audit_read_rows(r, e, res, 0, "home"))
        return false;
    for (int i = 0; i < res->nrows; i++) {
        const char *when = db_cell(res, i, 2);
        char since[11] = "";
        bool late = due_past(r, f, when, since);
        todo_group g = late                              ? TODO_LATE
                       : !when                           ? TODO_OPEN
                       : soon && strcmp(when, soon) >= 0 ? TODO_AHEAD
                                                         : TODO_SOON;
        todo_item *it = todo_add(r, l, g, q->what);
        it->title = db_cell(res, i, 1);
        it->href = arena_printf(r->a, "/%s/%s", e->name, db_cell(res, i, 0));
        it->due = when;
        if (late) memcpy(it->since, since, sizeof since);
    }
    return true;
}

static void json_text(buf *out, const char *key, const char *value, bool last)
{
    buf_printf(out, "\"%s\":", key);
    if (value)
        esc_json_string(out, value);
    else
        buf_puts(out, "null");
    buf_puts(out, last ? "}" : ",");
}

void todo_json(req *r, const todo_list *l, buf *out)
{
    static const char *const groups[TODO__COUNT] = {
        [TODO_DECIDE] = "decide",   [TODO_CLOCKS] = "clocks", [TODO_LATE] = "late",
        [TODO_SOON] = "soon",       [TODO_AHEAD] = "ahead",   [TODO_OPEN] = "open",
        [TODO_MEETING] = "meeting",
    };
    buf_puts(out, "{\"items\":[");
    for (int i = 0; i < l->n; i++) {
        const todo_item *it = &l->items[i];
        buf_printf(out, "%s{\"group\":\"%s\",", i ? "," : "", groups[it->group]);
        json_text(out, "what", tr(r->lang, it->what), false);
        json_text(out, "title", it->title, false);
        json_text(out, "href", it->href, false);
        json_text(out, "due", it->due, false);
        json_text(out, "overdue_since", it->since[0] ? it->since : NULL, false);
        json_text(out, "note", it->note, true);
    }
    buf_puts(out, "]}");
}
