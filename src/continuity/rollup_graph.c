/* rollup_graph.c - the roll-up drawn as a graph (issue 24 point 2): processes on the left,
 * the systems they need to their right, then what those need — other systems, suppliers
 * (the register's, through the agreements covering a system, and those typed on a
 * dependency) and premises. Each node in a column by the longest chain that reaches it
 * (rollup_layers), within its column near the nodes that need it; each with the need
 * rolled down to it. A node whose capability falls short of its need (a system's plan,
 * agreement or measured restore; a supplier's agreement) is marked, and so are the nodes
 * on a cycle — by a dashed border and a line of text, so the drawing reads without
 * colour. The view (views/continuity_rollup_graph.html) draws what is laid out here. */
#include "continuity.h"
#include "../core/util.h"
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct builder {
    req *r;
    const rollup_view *v;
    int n, cap; /* nodes so far (the roll-up's first), room */
    rollup_graph_node *node;
    rollup_edge *edge;
    int nedges, edge_cap;
} builder;

static bool grow(req *r, void **p, int *cap, int want, size_t size)
{
    if (want <= *cap) return true;
    int room = *cap ? *cap * 2 : 64;
    while (room < want)
        room *= 2;
    void *q = arena_alloc(r->a, size * (size_t)room);
    if (!q) return false;
    if (*p) memcpy(q, *p, size * (size_t)*cap);
    *p = q;
    *cap = room;
    return true;
}

/* The node of a supplier (by the register's id, or by name when typed: a typed name that
 * is a register supplier's is that supplier) or of premises; made when new. -1: memory. */
static int extra_node(builder *b, int kind, int64_t supplier_id, const char *name)
{
    for (int i = b->v->n; i < b->n; i++) {
        if (b->node[i].kind != kind) continue;
        if (supplier_id && b->node[i].supplier_id == supplier_id) return i;
        if (!supplier_id && !strcasecmp(b->node[i].name, name)) return i;
    }
    if (!grow(b->r, (void **)&b->node, &b->cap, b->n + 1, sizeof *b->node)) return -1;
    b->node[b->n] = (rollup_graph_node){.name = name, .kind = kind, .supplier_id = supplier_id};
    return b->n++;
}

static bool add_edge(builder *b, int from, int to)
{
    if (from < 0 || to < 0) return true; /* a dependant not found: nothing to draw */
    if (!grow(b->r, (void **)&b->edge, &b->edge_cap, b->nedges + 1, sizeof *b->edge)) return false;
    b->edge[b->nedges++] = (rollup_edge){from, to};
    return true;
}

static int node_of(const rollup_view *v, const db_res *res, int row, int process_col)
{
    bool process = db_cell(res, row, process_col) != NULL;
    return rollup_node(v, process, db_cell_int(res, row, process ? process_col : process_col + 1));
}

/* The suppliers, premises and their edges: the register's agreements in force covering a
 * system, and what a dependency names beside a system. Register suppliers come first, so
 * that a typed name finds its register namesake. */
static bool add_suppliers(builder *b)
{
    req *r = b->r;
    char today[11];
    date_today(today);
    const char *p[] = {tenant_param(r), today};
    db_res *covers = NULL, *typed = NULL;
    if (db_query(r->db, r->a,
                 "SELECT NULL, x.system_id, s.id, s.name FROM agreement_system x JOIN agreement a "
                 "ON a.tenant_id = x.tenant_id AND a.id = x.agreement_id JOIN supplier s ON "
                 "s.tenant_id = a.tenant_id AND s.id = a.supplier_id WHERE x.tenant_id = $1 AND "
                 "(a.end_date IS NULL OR a.end_date >= $2) ORDER BY s.name, s.id, x.system_id",
                 2, p, &covers) != DB_OK ||
        db_query(r->db, r->a,
                 "SELECT process_id, system_id, supplier, premises FROM continuity_dependency "
                 "WHERE tenant_id = $1 AND needs_system_id IS NULL ORDER BY id",
                 1, p, &typed) != DB_OK)
        return false;
    for (int i = 0; i < covers->nrows; i++) {
        int to =
            extra_node(b, ROLL_NODE_SUPPLIER, db_cell_int(covers, i, 2), db_cell(covers, i, 3));
        if (to < 0 || !add_edge(b, node_of(b->v, covers, i, 0), to)) return false;
    }
    for (int i = 0; i < typed->nrows; i++) {
        const char *supplier = db_cell(typed, i, 2), *premises = db_cell(typed, i, 3);
        if (str_empty(supplier) && str_empty(premises)) continue;
        int to = !str_empty(supplier) ? extra_node(b, ROLL_NODE_SUPPLIER, 0, supplier)
                                      : extra_node(b, ROLL_NODE_PREMISES, 0, premises);
        if (to < 0 || !add_edge(b, node_of(b->v, typed, i, 0), to)) return false;
    }
    return true;
}

/* Marks what a filter keeps: the chosen processes and everything they reach. NULL filter:
 * every node on an edge. False on a database failure; *unknown when the filter names
 * nothing of the tenant's. */
static bool choose(builder *b, rollup_graph *g, bool *keep, bool *unknown)
{
    req *r = b->r;
    const rollup_view *v = b->v;
    *unknown = false;
    if (!g->filter_process && !g->filter_unit) {
        for (int i = 0; i < b->nedges; i++)
            keep[b->edge[i].from] = keep[b->edge[i].to] = true;
        return true;
    }
    int64_t id;
    if (!parse_int64(g->filter_process ? g->filter_process : g->filter_unit, &id)) {
        *unknown = true;
        return true;
    }
    const char *p[] = {tenant_param(r), int_text(r->a, id)};
    db_res *roots = NULL;
    if (db_query(r->db, r->a,
                 g->filter_process
                     ? "SELECT id FROM process WHERE tenant_id = $1 AND id = $2"
                     : "SELECT p.id FROM unit f JOIN unit u ON u.tenant_id = f.tenant_id AND "
                       "u.path LIKE f.path || '%' JOIN process p ON p.tenant_id = u.tenant_id AND "
                       "p.unit_id = u.id WHERE f.tenant_id = $1 AND f.id = $2 UNION ALL SELECT "
                       "-1 FROM unit WHERE tenant_id = $1 AND id = $2", /* -1: it exists */
                 2, p, &roots) != DB_OK)
        return false;
    if (!roots->nrows) {
        *unknown = true;
        return true;
    }
    int *queue = arena_alloc(r->a, sizeof(int) * (size_t)(b->n + 1)), head = 0, tail = 0;
    if (!queue) return false;
    for (int i = 0; i < roots->nrows; i++) {
        int at = -1;
        int64_t root = db_cell_int(roots, i, 0);
        for (int k = 0; k < v->nprocesses && at < 0; k++)
            if (v->id[k] == root) at = k;
        if (at >= 0 && !keep[at]) keep[queue[tail++] = at] = true;
    }
    while (head < tail) { /* few edges per node: a scan per node is fine at this size */
        int u = queue[head++];
        for (int k = 0; k < b->nedges; k++)
            if (b->edge[k].from == u && !keep[b->edge[k].to])
                keep[queue[tail++] = b->edge[k].to] = true;
    }
    return true;
}

/* "RTO 4 h · RPO 2 h", or NULL when nothing needs the node */
static const char *need_text(req *r, const rollup_result *rto, const rollup_result *rpo, int i)
{
    int t = rto->need[i].hours, p = rpo->need[i].hours;
    if (t < 0 && p < 0) return NULL;
    const char *ts = t >= 0 ? arena_printf(r->a, "%d %s", t, tr(r->lang, TR_roll_h)) : "–";
    const char *ps = p >= 0 ? arena_printf(r->a, "%d %s", p, tr(r->lang, TR_roll_h)) : "–";
    return arena_printf(r->a, tr(r->lang, TR_roll_graph_need), ts, ps);
}

/* name cut to fit its box, at a character boundary */
static const char *shorten(req *r, const char *name)
{
    enum { MAX = 28 };
    size_t len = strlen(name);
    if (len <= MAX) return name;
    size_t cut = MAX - 1;
    while (cut && ((unsigned char)name[cut] & 0xC0) == 0x80)
        cut--;
    return arena_printf(r->a, "%.*s…", (int)cut, name);
}

/* A supplier is weak when an agreement of its, or its SLA typed on a dependency, falls
 * short of the need of the system it covers. */
static void mark_weak(builder *b)
{
    const rollup_view *v = b->v;
    for (int i = v->nprocesses; i < v->n; i++)
        b->node[i].weak = rollup_rto_gap(v, i) || rollup_rpo_gap(v, i);
    for (int c = 0; c < v->ncaps; c++) {
        const rollup_cap_info *info = &v->cap_info[c];
        if (!(v->flags[c].rto || v->flags[c].rpo) || !info->supplier) continue;
        for (int i = v->n; i < b->n; i++)
            if (b->node[i].kind == ROLL_NODE_SUPPLIER &&
                (info->supplier_id ? b->node[i].supplier_id == info->supplier_id
                                   : !strcasecmp(b->node[i].name, info->supplier)))
                b->node[i].weak = true;
    }
}

typedef struct placed {
    int index;
    double key; /* the mean row of the nodes that need it, drawn to the left */
    const char *name;
} placed;

static int by_key(const void *x, const void *y)
{
    const placed *a = x, *b = y;
    if (a->key != b->key) return a->key < b->key ? -1 : 1;
    int c = strcmp(a->name, b->name);
    return c ? c : a->index - b->index;
}

/* Columns from rollup_layers; rows column by column, each node near the mean row of the
 * nodes to its left that need it (one sweep: enough to keep chains mostly straight). */
static bool lay_out(req *r, rollup_graph *g)
{
    int n = g->n;
    int *column = arena_alloc(r->a, sizeof(int) * (size_t)(n + 1));
    int *row = arena_alloc(r->a, sizeof(int) * (size_t)(n + 1));
    placed *order = arena_alloc(r->a, sizeof(placed) * (size_t)(n + 1));
    if (!column || !row || !order) return false;
    for (int i = 0; i < n; i++)
        column[i] = g->node[i].kind == ROLL_NODE_PROCESS  ? 0
                    : g->node[i].kind == ROLL_NODE_SYSTEM ? 1
                                                          : 2;
    if (!rollup_layers(r->a, n, g->edge, g->nedges, column)) return false;
    int ncolumns = 0, rows = 0;
    for (int i = 0; i < n; i++) {
        row[i] = -1;
        if (column[i] + 1 > ncolumns) ncolumns = column[i] + 1;
    }
    for (int c = 0; c < ncolumns; c++) {
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (column[i] != c) continue;
            double sum = 0;
            int count = 0;
            for (int k = 0; k < g->nedges; k++)
                if (g->edge[k].to == i && row[g->edge[k].from] >= 0) {
                    sum += row[g->edge[k].from];
                    count++;
                }
            order[m++] = (placed){i, count ? sum / count : 1e9, g->node[i].name};
        }
        qsort(order, (size_t)m, sizeof(placed), by_key);
        for (int k = 0; k < m; k++)
            row[order[k].index] = k;
        if (m > rows) rows = m;
    }
    for (int i = 0; i < n; i++) {
        g->node[i].x = ROLL_PAD + column[i] * ROLL_COL_W;
        g->node[i].y = ROLL_PAD + row[i] * ROLL_ROW_H;
        g->node[i].label = shorten(r, g->node[i].name);
    }
    g->width = 2 * ROLL_PAD + (ncolumns ? ncolumns - 1 : 0) * ROLL_COL_W + ROLL_BOX_W;
    g->height = 2 * ROLL_PAD + (rows ? rows - 1 : 0) * ROLL_ROW_H + ROLL_BOX_H;
    for (int k = 0; k < g->nedges; k++)
        g->edge_cycle[k] = g->node[g->edge[k].from].on_cycle && g->node[g->edge[k].to].on_cycle;
    return true;
}

bool rollup_graph_load(req *r, const rollup_view *v, rollup_graph *g)
{
    const char *p[] = {tenant_param(r)};
    if (db_query(r->db, r->a,
                 "SELECT id, name FROM process WHERE tenant_id = $1 AND id IN (SELECT process_id "
                 "FROM continuity_dependency WHERE tenant_id = $1) ORDER BY name, id",
                 1, p, &g->processes) != DB_OK ||
        db_query(r->db, r->a,
                 "SELECT id, name FROM unit WHERE tenant_id = $1 AND kind IN ('forvaltning', "
                 "'bolag') AND retired_at IS NULL ORDER BY name, id",
                 1, p, &g->units) != DB_OK)
        return false;
    builder b = {.r = r, .v = v};
    if (!grow(r, (void **)&b.node, &b.cap, v->n + 1, sizeof *b.node)) return false;
    for (int i = 0; i < v->n; i++)
        b.node[i] = (rollup_graph_node){
            .name = v->name[i], .kind = i < v->nprocesses ? ROLL_NODE_PROCESS : ROLL_NODE_SYSTEM};
    b.n = v->n;
    for (int i = 0; i < v->nedges; i++)
        if (!add_edge(&b, v->edges[i].from, v->edges[i].to)) return false;
    if (!add_suppliers(&b)) return false;
    /* the needs rolled on down to the suppliers and premises */
    int *own_rto = arena_alloc(r->a, sizeof(int) * (size_t)(b.n + 1));
    int *own_rpo = arena_alloc(r->a, sizeof(int) * (size_t)(b.n + 1));
    bool *keep = arena_alloc(r->a, sizeof(bool) * (size_t)(b.n + 1));
    int *at = arena_alloc(r->a, sizeof(int) * (size_t)(b.n + 1));
    rollup_result rto, rpo;
    if (!own_rto || !own_rpo || !keep || !at) return false;
    for (int i = 0; i < b.n; i++) {
        own_rto[i] = i < v->n ? v->own_rto[i] : -1;
        own_rpo[i] = i < v->n ? v->own_rpo[i] : -1;
        keep[i] = false;
    }
    if (!rollup_compute(r->a, b.n, own_rto, b.edge, b.nedges, &rto) ||
        !rollup_compute(r->a, b.n, own_rpo, b.edge, b.nedges, &rpo))
        return false;
    mark_weak(&b);
    for (int c = 0; c < rto.ncycles; c++)
        for (int k = 0; k < rto.cycles[c].n; k++)
            b.node[rto.cycles[c].nodes[k]].on_cycle = true;
    g->filter_process = kv_get(&r->query, "process");
    g->filter_unit = g->filter_process ? NULL : kv_get(&r->query, "unit");
    if (str_empty(g->filter_process)) g->filter_process = NULL;
    if (str_empty(g->filter_unit)) g->filter_unit = NULL;
    bool unknown;
    if (!choose(&b, g, keep, &unknown)) return false;
    if (g->filter_process || g->filter_unit) { /* the restore order narrows with the graph */
        bool *shown = arena_alloc(r->a, sizeof(bool) * (size_t)(v->n + 1));
        if (!shown) return false;
        for (int i = 0; i < v->n; i++)
            shown[i] = !unknown && keep[i];
        g->shown = shown;
        for (int i = 0; i < v->norder; i++)
            g->nshown += shown[v->order[i]];
    }
    if (unknown) return true; /* g->node NULL: the page says the filter found nothing */
    /* the kept nodes, renumbered */
    g->node = arena_alloc(r->a, sizeof *g->node * (size_t)(b.n + 1));
    g->edge = arena_alloc(r->a, sizeof *g->edge * (size_t)(b.nedges + 1));
    g->edge_cycle = arena_alloc(r->a, sizeof(bool) * (size_t)(b.nedges + 1));
    if (!g->node || !g->edge || !g->edge_cycle) return false;
    for (int i = 0; i < b.n; i++) {
        at[i] = -1;
        if (!keep[i]) continue;
        at[i] = g->n;
        g->node[g->n] = b.node[i];
        g->node[g->n++].need = need_text(r, &rto, &rpo, i);
    }
    for (int k = 0; k < b.nedges; k++)
        if (keep[b.edge[k].from] && keep[b.edge[k].to])
            g->edge[g->nedges++] = (rollup_edge){at[b.edge[k].from], at[b.edge[k].to]};
    return lay_out(r, g);
}
