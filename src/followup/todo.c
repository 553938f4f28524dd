/* todo.c - the internal audit's items on the start page (src/entity/todo.h): audits in the
 * reader's units, or that they run, planned within 30 days or past and not yet held; and
 * open findings there that no action has been made from yet (a finding not followed up is
 * the gap SKR's area 10 names). */
#include "followup.h"
#include "../entity/todo.h"
#include <string.h>

enum { MAX_ITEMS = 20 };

static bool audits_due(req *r, todo_list *l)
{
    todo_due_query q = {
        .e = &entity_internal_audits,
        .what = TR_fu_todo_audit,
        .limit = MAX_ITEMS,
    };
    return todo_due_rows(r, &q, l);
}

static bool findings_without_action(req *r, todo_list *l)
{
    const entity *e = &entity_audit_findings;
    if (!entity_may_read(r, e)) return true;
    const char *p[] = {tenant_param(r)};
    db_res *res = NULL;
    const char *sql = arena_printf(
        r->a,
        "SELECT t.id, t.title FROM audit_finding t JOIN internal_audit a ON a.id = t.audit_id "
        "AND a.tenant_id = t.tenant_id WHERE t.tenant_id = $1 AND t.status = 'open' AND NOT "
        "EXISTS (SELECT 1 FROM action_item c WHERE c.tenant_id = t.tenant_id AND "
        "c.source_entity = 'audit_findings' AND c.source_id = t.id)%s%s ORDER BY t.id LIMIT %d",
        entity_mine_scope(r, e, "a"), entity_read_scope(r, e, "t"), MAX_ITEMS);
    if (db_query(r->db, r->a, sql, 1, p, &res) != DB_OK) return false;
    /* the titles name weaknesses: showing them is a read, recorded */
    if (res->nrows && !entity_audit_read_rows(r, e, res, 0, "start page")) return false;
    for (int i = 0; i < res->nrows; i++) {
        todo_item *it = todo_add(r, l, TODO_OPEN, TR_fu_todo_finding);
        it->title = db_cell(res, i, 1);
        it->href = arena_printf(r->a, "/audit_findings/%s#to-action", db_cell(res, i, 0));
        it->note = tr(r->lang, TR_fu_todo_no_action);
    }
    return true;
}

bool followup_todo(req *r, todo_list *l)
{
    return audits_due(r, l) && findings_without_action(r, l);
}
