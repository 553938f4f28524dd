/* rollup_page.c - the recovery needs rolled down the dependencies (rollup.c), as a page
 * and as JSON: per system the strictest RTO and RPO that any process depending on it
 * needs, the chain that explains it, what the system's own side promises (its
 * förvaltningsobjekt's continuity plan, its suppliers' agreed restore times) and where
 * that is weaker; the restore order for a crisis follows (strictest need first); cycles
 * are reported. A process's need is its plan's RTO, or without one its MTPD (from the
 * BIA when the impacts reach the unacceptable step, else as the plan states it); RPO is
 * the plan's RPO. The gaps name weaknesses: read by those who see every risk. */
#include "continuity.h"
#include "rollup.h"
#include "../core/util.h"
#include "../http/page.h"
#include "../risks/risks.h"
#include "../../build/views/continuity_rollup.h"
#include "../../build/views/continuity_rollup_graph.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static int cell_int(const db_res *res, int row, int col)
{
    const char *v = db_cell(res, row, col);
    return v ? atoi(v) : -1;
}

static int stricter(int a, int b)
{
    return a < 0 ? b : b < 0 ? a : a < b ? a : b;
}

static int find(const int64_t *ids, int from, int to, int64_t id)
{
    while (from < to) {
        int mid = from + (to - from) / 2;
        if (ids[mid] == id) return mid;
        if (ids[mid] < id)
            from = mid + 1;
        else
            to = mid;
    }
    return -1;
}

/* Each plan's MTPD from its BIA (-1 when its impacts do not reach the unacceptable
 * step within the week), for plans ordered by id in plans (column 0). */
static bool bia_mtpds(req *r, const db_res *plans, int *mtpd)
{
    const char *p[] = {tenant_param(r)};
    db_res *res = NULL;
    if (db_query(r->db, r->a,
                 "SELECT i.plan_id, i.kind, i.after_hours, i.level FROM bia_impact i JOIN "
                 "continuity_plan c ON c.id = i.plan_id AND c.tenant_id = i.tenant_id WHERE "
                 "i.tenant_id = $1 AND c.process_id IS NOT NULL ORDER BY i.plan_id",
                 1, p, &res) != DB_OK)
        return false;
    int unacceptable = bia_unacceptable_step(r);
    for (int i = 0; i < plans->nrows; i++)
        mtpd[i] = -1;
    for (int row = 0, pi = 0; row < res->nrows;) {
        int64_t plan = db_cell_int(res, row, 0);
        bia_grid g = {0};
        for (; row < res->nrows && db_cell_int(res, row, 0) == plan; row++) {
            int k = bia_kind_index(db_cell(res, row, 1)), t = bia_point_index(db_cell(res, row, 2));
            int level = cell_int(res, row, 3);
            if (k >= 0 && t >= 0 && level > 0 && level <= BIA_MAX_LEVEL) g.level[k][t] = level;
        }
        bia_grid_carry(&g);
        bia_mtpd m = bia_mtpd_of(&g, unacceptable);
        while (pi < plans->nrows && db_cell_int(plans, pi, 0) < plan)
            pi++;
        if (pi < plans->nrows && db_cell_int(plans, pi, 0) == plan && m.reached) mtpd[pi] = m.hours;
    }
    return true;
}

/* Each system's capabilities, in one list grouped by node (cap_first), compared with the
 * needs: its object's plan, the slowest restore typed on a dependency, the agreements in
 * the supplier register that cover it and are in force, the restore time the latest
 * restore test of its object's plans measured. */
static bool load_capabilities(req *r, rollup_view *v)
{
    char today[11];
    date_today(today);
    const char *p[] = {tenant_param(r), today};
    db_res *agreements = NULL, *tests = NULL;
    if (db_query(r->db, r->a,
                 "SELECT x.system_id, a.id, a.title, a.rto_hours, a.rpo_hours, s.id, s.name FROM "
                 "agreement_system x JOIN agreement a ON a.tenant_id = x.tenant_id AND a.id = "
                 "x.agreement_id JOIN supplier s ON s.tenant_id = a.tenant_id AND s.id = "
                 "a.supplier_id WHERE x.tenant_id = $1 AND (a.rto_hours IS NOT NULL OR "
                 "a.rpo_hours IS NOT NULL) AND (a.end_date IS NULL OR a.end_date >= $2) ORDER "
                 "BY x.system_id, a.id",
                 2, p, &agreements) != DB_OK ||
        db_query(r->db, r->a,
                 "SELECT s.id, t.id, t.tested_on, t.measured_restore_hours FROM system s JOIN "
                 "continuity_plan c ON c.tenant_id = s.tenant_id AND c.object_id = s.object_id "
                 "JOIN continuity_test t ON t.tenant_id = c.tenant_id AND t.plan_id = c.id WHERE "
                 "s.tenant_id = $1 AND t.measured_restore_hours IS NOT NULL ORDER BY s.id, "
                 "t.tested_on DESC, t.id DESC",
                 1, p, &tests) != DB_OK)
        return false;
    int n = v->n, np = v->nprocesses, max = 2 * n + agreements->nrows + tests->nrows + 1;
    rollup_capability *caps = arena_alloc(r->a, sizeof *caps * (size_t)max);
    rollup_cap_info *info = arena_alloc(r->a, sizeof *info * (size_t)max);
    v->caps = arena_alloc(r->a, sizeof *v->caps * (size_t)max);
    v->cap_info = arena_alloc(r->a, sizeof *v->cap_info * (size_t)max);
    v->flags = arena_alloc(r->a, sizeof *v->flags * (size_t)max);
    v->cap_first = arena_alloc(r->a, sizeof(int) * (size_t)(n + 2));
    if (!caps || !info || !v->caps || !v->cap_info || !v->flags || !v->cap_first) return false;
    int m = 0;
    for (int i = np; i < n; i++) {
        if (v->promise_rto[i] >= 0 || v->promise_rpo[i] >= 0) {
            caps[m] = (rollup_capability){i, v->promise_rto[i], v->promise_rpo[i]};
            info[m++] = (rollup_cap_info){ROLL_CAP_PLAN, NULL, 0, 0, NULL};
        }
        if (v->sla[i] >= 0) {
            caps[m] = (rollup_capability){i, v->sla[i], -1};
            info[m++] = (rollup_cap_info){ROLL_CAP_TYPED, v->supplier[i], 0, 0, NULL};
        }
    }
    for (int i = 0; i < agreements->nrows; i++) {
        int node = find(v->id, np, n, db_cell_int(agreements, i, 0));
        if (node < 0) continue;
        caps[m] = (rollup_capability){node, cell_int(agreements, i, 3), cell_int(agreements, i, 4)};
        info[m++] = (rollup_cap_info){ROLL_CAP_AGREEMENT, db_cell(agreements, i, 6),
                                      db_cell_int(agreements, i, 5), db_cell_int(agreements, i, 1),
                                      db_cell(agreements, i, 2)};
    }
    for (int i = 0; i < tests->nrows; i++) {
        if (i && db_cell_int(tests, i, 0) == db_cell_int(tests, i - 1, 0)) continue; /* older */
        int node = find(v->id, np, n, db_cell_int(tests, i, 0));
        if (node < 0) continue;
        caps[m] = (rollup_capability){node, cell_int(tests, i, 3), -1};
        info[m++] = (rollup_cap_info){ROLL_CAP_TESTED, NULL, 0, db_cell_int(tests, i, 1),
                                      db_cell(tests, i, 2)};
    }
    /* grouped by node, each group in the order above (a counting sort) */
    memset(v->cap_first, 0, sizeof(int) * (size_t)(n + 2));
    for (int i = 0; i < m; i++)
        v->cap_first[caps[i].node + 2]++;
    for (int i = 0; i < n; i++)
        v->cap_first[i + 2] += v->cap_first[i + 1];
    for (int i = 0; i < m; i++) {
        int at = v->cap_first[caps[i].node + 1]++;
        v->caps[at] = caps[i];
        v->cap_info[at] = info[i];
    }
    v->ncaps = m;
    rollup_compare(n, &v->rto, &v->rpo, v->caps, m, v->flags);
    return true;
}

static int by_need(const void *x, const void *y, void *ctx)
{
    const rollup_view *v = ctx;
    int a = *(const int *)x, b = *(const int *)y;
    int na = v->rto.need[a].hours, nb = v->rto.need[b].hours;
    if ((na < 0) != (nb < 0)) return na < 0 ? 1 : -1;
    if (na != nb) return na < nb ? -1 : 1;
    int c = strcmp(v->name[a], v->name[b]);
    return c ? c : (a > b) - (a < b);
}

bool continuity_rollup_load(req *r, rollup_view *v)
{
    const char *p[] = {tenant_param(r)};
    db_res *procs = NULL, *systems = NULL, *plans = NULL, *edges = NULL;
    if (db_query(r->db, r->a, "SELECT id, name FROM process WHERE tenant_id = $1 ORDER BY id", 1, p,
                 &procs) != DB_OK ||
        /* the system's promise: its object's plan, the slowest agreed supplier restore;
         * the plans and agreements grouped once and joined, where four subqueries per
         * system took 58 ms for a kommun's 4,000 systems on PostgreSQL */
        db_query(r->db, r->a,
                 "SELECT s.id, s.name, c.rto, c.rpo, d.sla, d.supplier FROM system s LEFT JOIN "
                 "(SELECT object_id, MIN(rto_hours) AS rto, MIN(rpo_hours) AS rpo FROM "
                 "continuity_plan WHERE tenant_id = $1 AND object_id IS NOT NULL GROUP BY "
                 "object_id) c ON c.object_id = s.object_id LEFT JOIN (SELECT system_id, "
                 "sla_restore_hours AS sla, supplier, ROW_NUMBER() OVER (PARTITION BY system_id "
                 "ORDER BY sla_restore_hours DESC, id) AS k FROM continuity_dependency WHERE "
                 "tenant_id = $1 AND system_id IS NOT NULL AND sla_restore_hours IS NOT NULL) d ON "
                 "d.system_id = s.id AND d.k = 1 WHERE s.tenant_id = $1 ORDER BY s.id",
                 1, p, &systems) != DB_OK ||
        db_query(r->db, r->a,
                 "SELECT id, process_id, rto_hours, rpo_hours, mtpd_hours FROM continuity_plan "
                 "WHERE tenant_id = $1 AND process_id IS NOT NULL ORDER BY id",
                 1, p, &plans) != DB_OK ||
        db_query(r->db, r->a,
                 "SELECT process_id, system_id, needs_system_id FROM continuity_dependency WHERE "
                 "tenant_id = $1 AND needs_system_id IS NOT NULL ORDER BY id",
                 1, p, &edges) != DB_OK)
        return false;
    int np = procs->nrows, n = np + systems->nrows;
    v->n = n;
    v->nprocesses = np;
    v->id = arena_alloc(r->a, sizeof(int64_t) * (size_t)(n + 1));
    v->name = arena_alloc(r->a, sizeof(char *) * (size_t)(n + 1));
    v->own_rto = arena_alloc(r->a, sizeof(int) * (size_t)(n + 1));
    v->own_rpo = arena_alloc(r->a, sizeof(int) * (size_t)(n + 1));
    v->mtpd = arena_alloc(r->a, sizeof(int) * (size_t)(n + 1));
    v->promise_rto = arena_alloc(r->a, sizeof(int) * (size_t)(n + 1));
    v->promise_rpo = arena_alloc(r->a, sizeof(int) * (size_t)(n + 1));
    v->sla = arena_alloc(r->a, sizeof(int) * (size_t)(n + 1));
    v->supplier = arena_alloc(r->a, sizeof(char *) * (size_t)(n + 1));
    v->order = arena_alloc(r->a, sizeof(int) * (size_t)(n + 1));
    int *bia = arena_alloc(r->a, sizeof(int) * (size_t)(plans->nrows + 1));
    rollup_edge *e = arena_alloc(r->a, sizeof(rollup_edge) * (size_t)(edges->nrows + 1));
    if (!v->id || !v->name || !v->own_rto || !v->own_rpo || !v->mtpd || !v->promise_rto ||
        !v->promise_rpo || !v->sla || !v->supplier || !v->order || !bia || !e)
        return false;
    for (int i = 0; i < n; i++) {
        const db_res *src = i < np ? procs : systems;
        int row = i < np ? i : i - np;
        v->id[i] = db_cell_int(src, row, 0);
        v->name[i] = db_cell(src, row, 1);
        v->own_rto[i] = v->own_rpo[i] = v->mtpd[i] = -1;
        v->promise_rto[i] = i < np ? -1 : cell_int(src, row, 2);
        v->promise_rpo[i] = i < np ? -1 : cell_int(src, row, 3);
        v->sla[i] = i < np ? -1 : cell_int(src, row, 4);
        v->supplier[i] = i < np ? NULL : db_cell(src, row, 5);
    }
    if (!bia_mtpds(r, plans, bia)) return false;
    for (int i = 0; i < plans->nrows; i++) {
        int node = find(v->id, 0, np, db_cell_int(plans, i, 1));
        if (node < 0) continue;
        int mtpd = bia[i] >= 0 ? bia[i] : cell_int(plans, i, 4);
        int rto = cell_int(plans, i, 2);
        v->mtpd[node] = stricter(v->mtpd[node], mtpd);
        v->own_rto[node] = stricter(v->own_rto[node], rto >= 0 ? rto : mtpd);
        v->own_rpo[node] = stricter(v->own_rpo[node], cell_int(plans, i, 3));
    }
    /* ids of processes and of systems are each in order: a dependant is found among its
     * kind, what it needs among the systems */
    int ne = 0;
    for (int i = 0; i < edges->nrows; i++) {
        bool from_process = db_cell(edges, i, 0) != NULL;
        int from = from_process ? find(v->id, 0, np, db_cell_int(edges, i, 0))
                                : find(v->id, np, n, db_cell_int(edges, i, 1));
        int to = find(v->id, np, n, db_cell_int(edges, i, 2));
        e[ne++] = (rollup_edge){from, to};
    }
    v->edges = e;
    v->nedges = ne;
    if (!rollup_compute(r->a, n, v->own_rto, e, ne, &v->rto) ||
        !rollup_compute(r->a, n, v->own_rpo, e, ne, &v->rpo))
        return false;
    for (int i = np; i < n; i++)
        if (v->rto.need[i].hours >= 0 || v->rpo.need[i].hours >= 0)
            v->order[v->norder++] = i;
        else
            v->unknown++;
    qsort_r(v->order, (size_t)v->norder, sizeof(int), by_need, v);
    return load_capabilities(r, v);
}

int rollup_promise(const rollup_view *v, int node)
{
    int weakest = -1;
    for (int i = v->cap_first[node]; i < v->cap_first[node + 1]; i++)
        if (v->caps[i].rto_hours > weakest) weakest = v->caps[i].rto_hours;
    return weakest;
}

int rollup_node(const rollup_view *v, bool process, int64_t id)
{
    return process ? find(v->id, 0, v->nprocesses, id) : find(v->id, v->nprocesses, v->n, id);
}

bool rollup_rto_gap(const rollup_view *v, int node)
{
    for (int i = v->cap_first[node]; i < v->cap_first[node + 1]; i++)
        if (v->flags[i].rto) return true;
    return false;
}

bool rollup_rpo_gap(const rollup_view *v, int node)
{
    for (int i = v->cap_first[node]; i < v->cap_first[node + 1]; i++)
        if (v->flags[i].rpo) return true;
    return false;
}

int rollup_chain(const rollup_view *v, const rollup_result *res, int node, int *out, int max)
{
    /* the nodes between node and its source, from the source's side */
    int n = 0;
    for (int at = res->need[node].via; at >= 0 && at != res->need[node].source && n < max;
         at = res->need[at].via)
        out[n++] = at;
    for (int i = 0; i < n / 2; i++) {
        int t = out[i];
        out[i] = out[n - 1 - i];
        out[n - 1 - i] = t;
    }
    (void)v;
    return n;
}

static bool may_read(req *r)
{
    return perm_allows(r->auth, ACT_RISK_READ, NULL);
}

void h_continuity_rollup(req *r, resp *out)
{
    if (!may_read(r)) {
        respond_error(r, out, 403, "forbidden", TR_err_forbidden);
        return;
    }
    rollup_view *v = arena_alloc(r->a, sizeof *v);
    rollup_graph *g = arena_alloc(r->a, sizeof *g);
    if (!v || !g || !continuity_rollup_load(r, v) || !rollup_graph_load(r, v, g)) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    page_begin(r, out, tr(r->lang, TR_roll_title), "continuity");
    view_continuity_rollup(&out->body, r->lang, v, g);
    page_end(r, out);
}

static json_t *node_json(const rollup_view *v, int node)
{
    return json_pack("{s:s,s:I,s:s?}", "kind", node < v->nprocesses ? "process" : "system", "id",
                     (json_int_t)v->id[node], "name", v->name[node]);
}

static json_t *need_json(const rollup_view *v, const rollup_result *res, int node)
{
    const rollup_need *n = &res->need[node];
    if (n->hours < 0) return json_null();
    json_t *via = json_array();
    int chain[64];
    int len = rollup_chain(v, res, node, chain, 64);
    for (int i = 0; i < len; i++)
        json_array_append_new(via, node_json(v, chain[i]));
    return json_pack("{s:i,s:o,s:o}", "hours", n->hours, "source", node_json(v, n->source), "via",
                     via);
}

static json_t *opt_int(int v)
{
    return v >= 0 ? json_integer(v) : json_null();
}

/* one capability: where from, its hours, whether it falls short, who promises it */
static json_t *capability_json(const rollup_view *v, int c)
{
    static const char *const kinds[] = {"plan", "dependency", "agreement", "restore_test"};
    const rollup_cap_info *in = &v->cap_info[c];
    json_t *o = json_pack("{s:s,s:o,s:o,s:b,s:b}", "kind", kinds[in->kind], "rto_hours",
                          opt_int(v->caps[c].rto_hours), "rpo_hours", opt_int(v->caps[c].rpo_hours),
                          "rto_gap", v->flags[c].rto, "rpo_gap", v->flags[c].rpo);
    if (!o) return NULL;
    json_object_set_new(
        o, "supplier",
        !in->supplier ? json_null()
        : in->supplier_id
            ? json_pack("{s:I,s:s}", "id", (json_int_t)in->supplier_id, "name", in->supplier)
            : json_pack("{s:n,s:s}", "id", "name", in->supplier));
    if (in->kind == ROLL_CAP_AGREEMENT)
        json_object_set_new(
            o, "agreement",
            json_pack("{s:I,s:s?}", "id", (json_int_t)in->ref_id, "title", in->title));
    if (in->kind == ROLL_CAP_TESTED)
        json_object_set_new(
            o, "test",
            json_pack("{s:I,s:s?}", "id", (json_int_t)in->ref_id, "tested_on", in->title));
    return o;
}

void api_continuity_rollup(req *r, resp *out)
{
    if (!may_read(r)) {
        respond_error(r, out, 403, "forbidden", TR_err_forbidden);
        return;
    }
    rollup_view *v = arena_alloc(r->a, sizeof *v);
    if (!v || !continuity_rollup_load(r, v)) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    json_t *systems = json_array(), *cycles = json_array();
    for (int i = 0; i < v->norder; i++) {
        int s = v->order[i];
        json_t *o = node_json(v, s);
        json_object_set_new(o, "restore_order", json_integer(i + 1));
        json_object_set_new(o, "rto", need_json(v, &v->rto, s));
        json_object_set_new(o, "rpo", need_json(v, &v->rpo, s));
        json_object_set_new(o, "promised_rto_hours", opt_int(v->promise_rto[s]));
        json_object_set_new(o, "promised_rpo_hours", opt_int(v->promise_rpo[s]));
        json_object_set_new(o, "supplier_sla_hours", opt_int(v->sla[s]));
        json_object_set_new(o, "supplier",
                            v->supplier[s] ? json_string(v->supplier[s]) : json_null());
        json_object_set_new(o, "rto_gap", json_boolean(rollup_rto_gap(v, s)));
        json_object_set_new(o, "rpo_gap", json_boolean(rollup_rpo_gap(v, s)));
        json_t *caps = json_array();
        for (int c = v->cap_first[s]; c < v->cap_first[s + 1]; c++)
            json_array_append_new(caps, capability_json(v, c));
        json_object_set_new(o, "capabilities", caps);
        json_array_append_new(systems, o);
    }
    for (int c = 0; c < v->rto.ncycles; c++) {
        json_t *nodes = json_array();
        for (int i = 0; i < v->rto.cycles[c].n; i++)
            json_array_append_new(nodes, node_json(v, v->rto.cycles[c].nodes[i]));
        json_array_append_new(cycles, nodes);
    }
    json_t *doc = json_pack("{s:o,s:o,s:b,s:i}", "systems", systems, "cycles", cycles,
                            "more_cycles", v->rto.more_cycles, "systems_without_need", v->unknown);
    char *s = doc ? json_dumps(doc, JSON_COMPACT) : NULL;
    json_decref(doc);
    if (!s) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    respond_json(out, 200);
    buf_puts(&out->body, s);
    free(s);
}
