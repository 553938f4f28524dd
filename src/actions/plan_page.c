/* plan_page.c - /plan lists the years; /plan/<year> shows the year's actions per
 * förvaltning, its decision and what changed since the decision. */
#include "plan_pages.h"
#include "../http/page.h"
#include "../http/page_memo.h"
#include "../core/escape.h"
#include "../core/util.h"
#include "../../build/views/plan_changes.h"
#include "../../build/views/plan_decision.h"
#include "../../build/views/plan_index.h"
#include "../../build/views/plan_year.h"
#include "../../build/views/plan_year_actions.h"
#include <stdlib.h>
#include <string.h>

/* Changes since the decision: the snapshot against the current actions. */
static void render_changes(req *r, buf *b, const char *snapshot, const plan_row *res, int nrows,
                           int year)
{
    plan_change *ch = NULL;
    const char **fields = NULL;
    int n = plan_changes(r, snapshot, res, nrows, year, &ch, &fields);
    view_plan_changes(b, r->lang, r, ch, n, fields);
}

static void render_decision(req *r, buf *b, int year, const plan_row *actions, int nactions)
{
    const char *p[] = {plan_tenant(r), plan_num(r, year)};
    db_res *d = NULL;
    /* the decision's snapshot holds the whole plan: its details and the changes since are
     * shown to those who may read the decision; others learn only that it is decided */
    if (db_query(r->db, r->a,
                 arena_printf(r->a,
                              "SELECT d.id, d.decided_on, p.name, d.body, d.reference, d.snapshot, "
                              "CASE WHEN 1 = 1%s THEN 1 ELSE 0 END FROM plan_decision d JOIN "
                              "person p ON p.id = d.decided_by_id WHERE d.tenant_id = $1 AND "
                              "d.plan_year = $2",
                              entity_read_scope(r, &entity_plan_decisions, "d")),
                 2, p, &d) != DB_OK)
        return;
    view_plan_decision(b, r->lang, r, year, d, perm_allows(r->auth, ACT_PLAN_DECIDE, NULL),
                       plan_today(r));
    if (d->nrows && db_cell_int(d, 0, 6) == 1)
        render_changes(r, b, db_cell(d, 0, 5), actions, nactions, year);
}

/* actions per page of the handlingsplan: a year of a large kommun has thousands */
enum { PLAN_PER_PAGE = 200 };

void h_plan_year(req *r, resp *out)
{
    int year = plan_route_year(r, out);
    if (!year) return;
    int64_t page = 1;
    const char *page_arg = kv_get(&r->query, "page");
    if (page_arg && *page_arg && (!parse_int64(page_arg, &page) || page < 1 || page > 100000)) {
        respond_error(r, out, 400, "bad_request", TR_err_bad_request);
        return;
    }
    const char *title = arena_printf(r->a, tr(r->lang, TR_plan_title), year);
    /* the year's actions read and compared with the decision once per change (page_memo.h) */
    memo_part part;
    if (page_memo_serve(r, out, "plan", title, "plan", &part)) return;
    int nrows = 0;
    plan_row *res = plan_year_actions(r, year, &nrows);
    if (!res) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    page_begin(r, out, title, "plan");
    buf *b = &out->body;
    size_t start = b->len;
    const char *carried = kv_get(&r->query, "carried");
    int64_t ncarried = 0;
    bool has_carried = carried && parse_int64(carried, &ncarried);
    view_plan_year(b, r->lang, r, year, title, has_carried, (long long)ncarried);
    render_decision(r, b, year, res, nrows);
    bool may_create = perm_allows(r->auth, ACT_RISK_WRITE, NULL);
    for (int i = 0; !may_create && i < r->auth->ngrants; i++)
        may_create = perm_allows(r->auth, ACT_RISK_WRITE, r->auth->grants[i].unit_path);
    view_plan_year_actions(b, r->lang, r, year, res, nrows, kv_get(&r->query, "forvaltning"),
                           may_create, (int)page, PLAN_PER_PAGE);
    page_memo_keep(r, &part, b, start, 0);
    page_end(r, out);
}

void h_plan_index(req *r, resp *out)
{
    const char *p[] = {plan_tenant(r)};
    db_res *res = NULL;
    /* the years of the actions the reader may read, each counting only those */
    if (db_query(r->db, r->a,
                 arena_printf(r->a,
                              "SELECT a.plan_year, COUNT(*), (SELECT d.decided_on FROM "
                              "plan_decision d WHERE d.tenant_id = a.tenant_id AND d.plan_year = "
                              "a.plan_year) FROM action_item a WHERE a.tenant_id = $1%s GROUP BY "
                              "a.tenant_id, a.plan_year ORDER BY a.plan_year DESC",
                              entity_read_scope(r, &entity_actions, "a")),
                 1, p, &res) != DB_OK) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    page_begin(r, out, tr(r->lang, TR_plan_index_title), "plan");
    view_plan_index(&out->body, r->lang, r, res, atoi(plan_today(r)));
    page_end(r, out);
}
