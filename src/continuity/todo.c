/* todo.c - continuity's items on the start page (src/entity/todo.h): the plans in the
 * reader's units, or owned by them, whose next test is due within 30 days or past, or that
 * were never tested; the risk and vulnerability analysis (RSA) the reader owns and is to
 * report, from 90 days before it is due; and the plans whose yearly BIA review is due. */
#include "continuity.h"
#include "../entity/due.h"
#include "../entity/todo.h"
#include "../core/util.h"
#include <string.h>

enum { MAX_ITEMS = 20 };

static bool plans_to_test(req *r, todo_list *l)
{
    if (!entity_may_read(r, &entity_continuity_plans)) return true;
    const field *next =
        &entity_continuity_tests.fields[entity_field(&entity_continuity_tests, "next_due")];
    const char *p[] = {tenant_param(r), todo_bound(r, l, next)};
    db_res *res = NULL;
    /* the latest test (by date) says when the next is due, as on the continuity page; the
     * plan's unit and owner decide whose it is, as they decide who reads its tests */
    const char *sql = arena_printf(
        r->a,
        "SELECT c.id, c.name, t.next_due, t.id FROM continuity_plan c LEFT JOIN continuity_test "
        "t ON t.id = (SELECT x.id FROM continuity_test x WHERE x.plan_id = c.id AND x.tenant_id = "
        "c.tenant_id ORDER BY x.tested_on DESC, x.id DESC LIMIT 1) WHERE c.tenant_id = $1 AND "
        "(t.id IS NULL OR t.next_due < $2)%s%s ORDER BY CASE WHEN t.next_due IS NULL THEN 0 ELSE 1 "
        "END, t.next_due, c.name LIMIT %d",
        entity_mine_scope(r, &entity_continuity_tests, "c"),
        entity_parent_read_scope(r, &entity_continuity_tests, "c"), todo_limit(l, MAX_ITEMS));
    if (db_query(r->db, r->a, sql, 2, p, &res) != DB_OK) return false;
    for (int i = 0; i < res->nrows; i++) {
        const char *when = db_cell(res, i, 2);
        bool never = !db_cell(res, i, 3);
        char since[11] = "";
        bool late = due_past(r, next, when, since);
        todo_item *it =
            todo_add(r, l, late || never ? TODO_LATE : TODO_SOON, TR_todo_what_plan_test);
        it->title = db_cell(res, i, 1);
        it->href = arena_printf(r->a, "/continuity_plans/%s", db_cell(res, i, 0));
        it->due = when;
        memcpy(it->since, since, sizeof since);
        if (never) it->note = tr(r->lang, TR_todo_never_tested);
    }
    return true;
}

static bool rsa_to_report(req *r, todo_list *l)
{
    todo_due_query q = {
        .e = &entity_rsa,
        .person_field = "owner_id",
        .what = TR_todo_what_rsa,
        /* the analysis takes months: its owner sees it 90 days before it is due */
        .soon_days = 90,
    };
    return todo_due_rows(r, &q, l);
}

/* the BIA is reviewed a year after its last review (the plan's review_due), by the
 * plan's writers in its unit */
static bool bia_to_review(req *r, todo_list *l)
{
    todo_due_query q = {
        .e = &entity_continuity_plans,
        .what = TR_todo_what_bia_review,
    };
    return todo_due_rows(r, &q, l);
}

bool continuity_todo(req *r, todo_list *l)
{
    return plans_to_test(r, l) && rsa_to_report(r, l) && bia_to_review(r, l);
}
