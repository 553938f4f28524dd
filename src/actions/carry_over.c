/* carry_over.c - POST /plan/<year>/carry-over: the year's unfinished actions copied into
 * the next year's plan (plan_carry_over decides which), marked with where they came from,
 * with their links to risks, in one transaction; CISO only. */
#include "plan_pages.h"
#include "../entity/pick.h"
#include "../http/page.h"
#include "../core/escape.h"
#include "../core/util.h"

/* Copies one action into the next year's plan, with its links to risks; audited. */
static bool carry_one(req *r, int64_t id, int year, const char *now)
{
    const char *p[] = {plan_num(r, year + 1), plan_num(r, year), now, plan_num(r, id),
                       plan_tenant(r)};
    db_res *res = NULL;
    if (db_query(r->db, r->a,
                 "INSERT INTO action_item (tenant_id, unit_id, title, goal, measure, priority, "
                 "cost, responsible_id, start_date, end_date, status, progress, plan_year, "
                 "source_entity, source_id, carried_from_id, carried_from_year, created_at, "
                 "updated_at) SELECT tenant_id, unit_id, title, goal, measure, priority, cost, "
                 "responsible_id, start_date, end_date, status, progress, CAST($1 AS INTEGER), "
                 "source_entity, source_id, id, CAST($2 AS INTEGER), $3, $3 FROM action_item "
                 "WHERE id = CAST($4 AS BIGINT) AND tenant_id = CAST($5 AS BIGINT) RETURNING id, "
                 "title",
                 5, p, &res) != DB_OK ||
        res->nrows != 1)
        return false;
    int64_t new_id = db_cell_int(res, 0, 0);
    /* written here, not by the engine: the copy's words for the picker too */
    if (pick_index_row(r->db, r->a, &entity_actions, r->auth->tenant_id, new_id) != DB_OK)
        return false;
    const char *q[] = {plan_num(r, new_id), now, plan_num(r, id), plan_tenant(r)};
    if (db_exec(r->db,
                "INSERT INTO risk_action (tenant_id, risk_id, action_id, unit_id, note, "
                "created_at, updated_at) SELECT tenant_id, risk_id, CAST($1 AS BIGINT), unit_id, "
                "note, $2, $2 FROM risk_action WHERE action_id = CAST($3 AS BIGINT) AND tenant_id "
                "= CAST($4 AS BIGINT)",
                4, q, NULL) != DB_OK)
        return false;
    const char *diff =
        arena_printf(r->a, "{\"plan_year\":[null,\"%d\"],\"carried_from_id\":[null,\"%lld\"]}",
                     year + 1, (long long)id);
    return entity_audit(r, "create", &entity_actions, new_id, db_cell(res, 0, 1), diff) == DB_OK;
}

void h_plan_carry_over(req *r, resp *out)
{
    int year = plan_route_year(r, out);
    if (!year) return;
    if (!perm_allows(r->auth, ACT_RISK_WRITE, NULL)) {
        respond_error(r, out, 403, "forbidden", TR_err_forbidden);
        return;
    }
    if (db_begin(r->db) != DB_OK) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    int nrows = 0;
    plan_row *res = plan_year_actions(r, year, &nrows);
    char now[21];
    time_now_iso(now);
    bool ok = res != NULL;
    int carried = 0;
    for (int i = 0; ok && i < nrows; i++) {
        plan_item it = res[i].item;
        if (!plan_carry_over(&it, year)) continue;
        ok = carry_one(r, it.id, year, now);
        carried++;
    }
    if (!ok || db_commit(r->db) != DB_OK) {
        db_rollback(r->db);
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    resp_redirect(out, r->a, arena_printf(r->a, "/plan/%d?carried=%d", year + 1, carried));
}
