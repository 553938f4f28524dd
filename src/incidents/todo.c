/* todo.c - incidents' items on the start page (src/entity/todo.h): the reader's open
 * incident tasks (those they may read: a handler's, or on an incident they reported), and
 * for handlers every legal clock still running on an open incident, the soonest first —
 * a notification past its deadline says since when. */
#include "incidents.h"
#include "deadline.h"
#include "../entity/due.h"
#include "../entity/todo.h"
#include "../core/util.h"
#include <stdlib.h>
#include <string.h>

enum { MAX_OPEN = 50 };

static bool my_tasks(req *r, todo_list *l)
{
    todo_due_query q = {
        .e = &entity_incident_tasks,
        .person_field = "owner_id",
        .undated = true,
        .what = TR_todo_what_incident_task,
    };
    return todo_due_rows(r, &q, l);
}

/* A clock's deadline as the due time of an item: past it, overdue since that day. */
static const field clock_due = {"due_at", FT_DATETIME, 0, 0};

static bool running_clocks(req *r, todo_list *l)
{
    if (!perm_allows(r->auth, ACT_INCIDENT_HANDLE, NULL)) return true;
    const char *p[] = {tenant_param(r)};
    db_res *res = NULL;
    /* the sort key is an expression for the reason given in pages.c's load_open: seek the
     * few open incidents by status rather than walk all in reference order */
    const char *sql = arena_printf(
        r->a,
        "SELECT t.id, t.reference, t.title FROM incident t WHERE t.tenant_id = $1 AND t.status IN "
        "('reported', 'triaged')%s ORDER BY t.reference || '' DESC LIMIT %d",
        entity_read_scope(r, &entity_incidents, "t"), MAX_OPEN);
    if (db_query(r->db, r->a, sql, 1, p, &res) != DB_OK) return false;
    if (res->nrows && !entity_audit_read_rows(r, &entity_incidents, res, 0, "home")) return false;
    time_t now = time(NULL);
    for (int i = 0; i < res->nrows; i++) {
        incident_clock c[DL__COUNT];
        int n = incident_clocks(r, atoll(db_cell(res, i, 0)), now, c);
        for (int k = 0; k < n; k++) {
            if (c[k].sent_at) continue;
            char due[21], from[21], since[11] = "";
            time_iso_from(c[k].due, due);
            time_iso_from(c[k].start, from);
            todo_item *it = todo_add(r, l, TODO_CLOCKS, clock_kind_label(c[k].kind));
            it->title = arena_printf(r->a, "%s %s", db_cell(res, i, 1), db_cell(res, i, 2));
            it->href = arena_printf(r->a, "/incidents/%s", db_cell(res, i, 0));
            it->due = arena_strdup(r->a, due);
            it->from = arena_strdup(r->a, from);
            if (due_past(r, &clock_due, it->due, since)) memcpy(it->since, since, sizeof since);
        }
    }
    return true;
}

bool incidents_todo(req *r, todo_list *l)
{
    return my_tasks(r, l) && running_clocks(r, l);
}
