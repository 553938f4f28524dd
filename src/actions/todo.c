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
    for (int y = year; y <= year + 1; y++) {
        const char *p[] = {tenant_param(r), int_text(r->a, y)};
        /* the actions counted are those the decider reads (need-to-know) */
        const char *n = db_scalar(
            r->db, r->a,
            arena_printf(r->a,
                         "SELECT COUNT(*) FROM action_item t WHERE t.tenant_id = $1 AND "
                         "t.plan_year = $2 AND NOT EXISTS (SELECT 1 FROM plan_decision d WHERE "
                         "d.tenant_id = t.tenant_id AND d.plan_year = t.plan_year)%s",
                         entity_read_scope(r, &entity_actions, "t")),
            2, p);
        if (!n) return false;
        if (atoi(n) == 0) continue;
        todo_item *it = todo_add(r, l, TODO_DECIDE, TR_todo_what_plan_decide);
        it->title = arena_printf(r->a, "%s %d", tr(r->lang, TR_nav_plan), y);
        it->href = arena_printf(r->a, "/plan/%d", y);
        it->verb = TR_todo_decide;
    }
    return true;
}

bool actions_todo(req *r, todo_list *l)
{
    return my_actions(r, l) && plans_to_decide(r, l);
}
