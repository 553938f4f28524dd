/* todo.c - incidents' items on the start page (src/entity/todo.h): the reader's open
 * incident tasks (those they may read: a handler's, or on an incident they reported), and
 * for handlers every legal clock still running on an open incident, the soonest first —
 * a notification past its deadline says since when; an incident not yet assessed says so,
 * due by the first deadline a yes would set. */
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

/* An item of the clocks group for incident row i of res: due at due, running from from. */
static void clock_item(req *r, todo_list *l, const db_res *res, int i, tr_key what, time_t due_t,
                       time_t from_t)
{
    const char *reference = db_cell(res, i, 1), *title = db_cell(res, i, 2);
    char due[21], from[21], since[11] = "";
    time_iso_from(due_t, due);
    time_iso_from(from_t, from);
    todo_item *it = todo_add(r, l, TODO_CLOCKS, what);
    it->title = arena_printf(r->a, "%s %s", reference ? reference : "", title ? title : "");
    it->href = arena_printf(r->a, "/incidents/%s", db_cell(res, i, 0));
    it->due = arena_strdup(r->a, due);
    it->from = arena_strdup(r->a, from);
    if (due_past(r, &clock_due, it->due, since)) memcpy(it->since, since, sizeof since);
}

/* An incident not yet assessed: "Ej bedömd – bedöm nu", due when the first deadline a yes
 * would set falls (those run from awareness already), so it is not lost among the clocks. */
static void untriaged(req *r, todo_list *l, const db_res *res, int i, const incident_clock *c,
                      int n)
{
    time_t aware;
    if (!time_parse_iso(db_cell(res, i, 6), &aware)) return;
    incident_facts f = {.status = db_cell(res, i, 3),
                        .personal_data = db_cell(res, i, 4),
                        .significant = db_cell(res, i, 5),
                        .aware = aware};
    incident_next next = incident_next_step(&f, c, n);
    if (next.kind != NEXT_TRIAGE) return;
    time_t first =
        next.if_personal && (!next.if_significant || next.if_personal < next.if_significant)
            ? next.if_personal
            : next.if_significant;
    clock_item(r, l, res, i, TR_inc_untriaged, first, aware);
}

static bool running_clocks(req *r, todo_list *l)
{
    if (!perm_allows(r->auth, ACT_INCIDENT_HANDLE, NULL)) return true;
    const char *p[] = {tenant_param(r)};
    db_res *res = NULL;
    /* the sort key is an expression for the reason given in pages.c's load_open: seek the
     * few open incidents by status rather than walk all in reference order */
    const char *sql = arena_printf(
        r->a,
        "SELECT t.id, t.reference, t.title, t.status, t.personal_data, t.significant, "
        "t.aware_at, t.aware_at, t.personal_data, t.significant, t.handled_at, t.closed_at FROM "
        "incident t WHERE t.tenant_id = $1 AND t.status IN ('reported', 'triaged')%s ORDER BY "
        "t.reference || '' DESC LIMIT %d",
        entity_read_scope(r, &entity_incidents, "t"), MAX_OPEN);
    if (db_query(r->db, r->a, sql, 1, p, &res) != DB_OK) return false;
    if (res->nrows && !entity_audit_read_rows(r, &entity_incidents, res, 0, "home")) return false;
    /* every incident's clocks from the rows read and one query of their notifications */
    incident_clock(*c)[DL__COUNT] = arena_alloc(r->a, sizeof *c * (size_t)(res->nrows + 1));
    int *n = arena_alloc(r->a, sizeof *n * (size_t)(res->nrows + 1));
    if (!incident_clocks_rows(r, res, 0, 7, time(NULL), c, n)) return false;
    for (int i = 0; i < res->nrows; i++) {
        untriaged(r, l, res, i, c[i], n[i]);
        for (int k = 0; k < n[i]; k++) {
            if (!c[i][k].sent_at)
                clock_item(r, l, res, i, clock_kind_label(c[i][k].kind), c[i][k].due,
                           c[i][k].start);
        }
    }
    return true;
}

bool incidents_todo(req *r, todo_list *l)
{
    return my_tasks(r, l) && running_clocks(r, l);
}
