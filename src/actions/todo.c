/* todo.c - the handlingsplan's items on the start page (src/entity/todo.h): the actions
 * the reader is responsible for that are late or end within 30 days, and for those who
 * decide the plan, a year's plan with actions but no decision yet (this year's, and next
 * year's once it has actions). */
#include "actions.h"
#include "../entity/todo.h"
#include "../core/util.h"
#include <stdlib.h>

static bool my_actions(req *r, todo_list *l)
{
    todo_due_query q = {
        .e = &entity_actions,
        .person_field = "responsible_id",
        .what = TR_todo_what_action,
    };
    return todo_due_rows(r, &q, l);
}

static bool plans_to_decide(req *r, todo_list *l)
{
    if (!perm_allows(r->auth, ACT_PLAN_DECIDE, NULL)) return true;
    char today[11];
    date_today(today);
    int year = atoi(today);
    const char *p[] = {tenant_param(r), int_text(r->a, year), int_text(r->a, year + 1)};
    /* one statement for both years: whether each has an action the decider reads
     * (need-to-know) and no decision yet — the first such action ends the search */
    const char *scope = entity_read_scope(r, &entity_actions, "t");
    const char *waits = "(SELECT 1 FROM action_item t WHERE t.tenant_id = $1 AND t.plan_year = %s "
                        "AND NOT EXISTS (SELECT 1 FROM plan_decision d WHERE d.tenant_id = "
                        "t.tenant_id AND d.plan_year = t.plan_year)%s LIMIT 1)";
    db_res *res = NULL;
    const char *sql = arena_printf(r->a, "SELECT %s, %s", arena_printf(r->a, waits, "$2", scope),
                                   arena_printf(r->a, waits, "$3", scope));
    if (db_query(r->db, r->a, sql, 3, p, &res) != DB_OK || res->nrows != 1) return false;
    for (int k = 0; k < 2; k++) {
        if (!db_cell(res, 0, k)) continue;
        todo_item *it = todo_add(r, l, TODO_DECIDE, TR_todo_what_plan_decide);
        it->title = arena_printf(r->a, "%s %d", tr(r->lang, TR_nav_plan), year + k);
        it->href = arena_printf(r->a, "/plan/%d", year + k);
        it->verb = TR_todo_decide;
    }
    return true;
}

bool actions_todo(req *r, todo_list *l)
{
    return my_actions(r, l) && plans_to_decide(r, l);
}
