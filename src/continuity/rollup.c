/* rollup.c - recovery needs rolled down the dependency graph (rollup.h says what).
 *
 * The sources (nodes with their own need) are taken strictest first; a breadth-first
 * walk from each gives every node it reaches, not yet given a need, this source's need
 * and a shortest chain back to it. A node already given one was given it by a source at
 * least as strict, whose walk went on through it, so everything past it has a need at
 * least as strict too: the walk stops there, and each node and edge is walked once
 * overall — which is also why cycles cannot make it loop. Cycles are found separately
 * by a depth-first walk (an edge back to a node still on the path closes one). */
#include "rollup.h"
#include <stdlib.h>

typedef struct graph {
    int n;
    int *first; /* n + 1 offsets into next */
    int *next;  /* the nodes each node needs, grouped by node, in edge order */
} graph;

static bool build(arena *a, int n, const rollup_edge *edges, int nedges, graph *g, int *bad)
{
    g->n = n;
    g->first = arena_alloc(a, sizeof(int) * (size_t)(n + 1));
    g->next = arena_alloc(a, sizeof(int) * (size_t)(nedges ? nedges : 1));
    int *fill = arena_alloc(a, sizeof(int) * (size_t)(n + 1));
    if (!g->first || !g->next || !fill) return false;
    *bad = 0;
    for (int i = 0; i < nedges; i++) {
        const rollup_edge *e = &edges[i];
        if (e->from < 0 || e->from >= n || e->to < 0 || e->to >= n) {
            (*bad)++;
            continue;
        }
        g->first[e->from + 1]++;
    }
    for (int i = 0; i < n; i++)
        g->first[i + 1] += g->first[i];
    for (int i = 0; i < n; i++)
        fill[i] = g->first[i];
    for (int i = 0; i < nedges; i++) {
        const rollup_edge *e = &edges[i];
        if (e->from >= 0 && e->from < n && e->to >= 0 && e->to < n)
            g->next[fill[e->from]++] = e->to;
    }
    return true;
}

typedef struct source {
    int hours, node;
} source;

static int stricter_first(const void *x, const void *y)
{
    const source *a = x, *b = y;
    if (a->hours != b->hours) return a->hours < b->hours ? -1 : 1;
    return (a->node > b->node) - (a->node < b->node);
}

static bool roll(arena *a, const graph *g, const int *own, rollup_need *need)
{
    int n = g->n, nsources = 0;
    source *sources = arena_alloc(a, sizeof(source) * (size_t)(n ? n : 1));
    int *queue = arena_alloc(a, sizeof(int) * (size_t)(n ? n : 1));
    if (!sources || !queue) return false;
    for (int i = 0; i < n; i++) {
        need[i] = (rollup_need){-1, -1, -1};
        if (own[i] >= 0) sources[nsources++] = (source){own[i], i};
    }
    qsort(sources, (size_t)nsources, sizeof(source), stricter_first);
    for (int s = 0; s < nsources; s++) {
        int src = sources[s].node;
        if (need[src].hours >= 0) continue; /* reached from a stricter source */
        need[src] = (rollup_need){own[src], src, -1};
        int head = 0, tail = 0;
        queue[tail++] = src;
        while (head < tail) {
            int u = queue[head++];
            for (int k = g->first[u]; k < g->first[u + 1]; k++) {
                int v = g->next[k];
                if (need[v].hours >= 0) continue;
                need[v] = (rollup_need){own[src], src, u};
                queue[tail++] = v;
            }
        }
    }
    return true;
}

static bool find_cycles(arena *a, const graph *g, rollup_result *out)
{
    int n = g->n;
    /* colour: 0 unseen, 1 on the path, 2 done; at[u] = u's place on the path */
    int *colour = arena_alloc(a, sizeof(int) * (size_t)(n ? n : 1));
    int *at = arena_alloc(a, sizeof(int) * (size_t)(n ? n : 1));
    int *path = arena_alloc(a, sizeof(int) * (size_t)(n ? n : 1));
    int *edge = arena_alloc(a, sizeof(int) * (size_t)(n ? n : 1)); /* next edge per level */
    if (!colour || !at || !path || !edge) return false;
    for (int root = 0; root < n; root++) {
        if (colour[root]) continue;
        int depth = 0;
        path[0] = root;
        edge[0] = g->first[root];
        colour[root] = 1;
        at[root] = 0;
        while (depth >= 0) {
            int u = path[depth];
            if (edge[depth] == g->first[u + 1]) {
                colour[u] = 2;
                depth--;
                continue;
            }
            int v = g->next[edge[depth]++];
            if (colour[v] == 1) {
                if (out->ncycles == ROLLUP_MAX_CYCLES) {
                    out->more_cycles = true;
                    continue;
                }
                rollup_cycle *c = &out->cycles[out->ncycles++];
                c->n = depth - at[v] + 1;
                c->nodes = arena_alloc(a, sizeof(int) * (size_t)c->n);
                if (!c->nodes) return false;
                for (int i = 0; i < c->n; i++)
                    c->nodes[i] = path[at[v] + i];
            } else if (!colour[v]) {
                colour[v] = 1;
                path[++depth] = v;
                at[v] = depth;
                edge[depth] = g->first[v];
            }
        }
    }
    return true;
}

bool rollup_compute(arena *a, int n, const int *own, const rollup_edge *edges, int nedges,
                    rollup_result *out)
{
    *out = (rollup_result){0};
    if (n < 0 || nedges < 0) return false;
    graph g;
    out->need = arena_alloc(a, sizeof(rollup_need) * (size_t)(n ? n : 1));
    if (!out->need || !build(a, n, edges, nedges, &g, &out->bad_edges)) return false;
    return roll(a, &g, own, out->need) && find_cycles(a, &g, out);
}

int rollup_compare(int n, const rollup_result *rto, const rollup_result *rpo,
                   const rollup_capability *caps, int ncaps, rollup_flag *flags)
{
    int flagged = 0;
    for (int i = 0; i < ncaps; i++) {
        const rollup_capability *c = &caps[i];
        flags[i] = (rollup_flag){false, false};
        if (c->node < 0 || c->node >= n) continue;
        int need_rto = rto->need[c->node].hours, need_rpo = rpo->need[c->node].hours;
        flags[i].rto = need_rto >= 0 && c->rto_hours >= 0 && c->rto_hours > need_rto;
        flags[i].rpo = need_rpo >= 0 && c->rpo_hours >= 0 && c->rpo_hours > need_rpo;
        flagged += flags[i].rto || flags[i].rpo;
    }
    return flagged;
}

/* A depth-first walk over every node, numbering each as it is left (post[]): an edge
 * (u, v) with post[v] > post[u] closes a cycle; every other edge goes from a higher
 * number to a lower, so taking the nodes by falling number is a topological order of
 * the graph without the closing edges, and one pass gives the longest chains. */
bool rollup_layers(arena *a, int n, const rollup_edge *edges, int nedges, int *depth)
{
    if (n < 0 || nedges < 0) return false;
    graph g;
    int bad;
    int *post = arena_alloc(a, sizeof(int) * (size_t)(n ? n : 1));
    int *byrank = arena_alloc(a, sizeof(int) * (size_t)(n ? n : 1));
    int *path = arena_alloc(a, sizeof(int) * (size_t)(n ? n : 1));
    int *edge = arena_alloc(a, sizeof(int) * (size_t)(n ? n : 1));
    if (!post || !byrank || !path || !edge || !build(a, n, edges, nedges, &g, &bad)) return false;
    for (int i = 0; i < n; i++)
        post[i] = -1; /* unseen; -2 on the path */
    int rank = 0;
    for (int root = 0; root < n; root++) {
        if (post[root] != -1) continue;
        int top = 0;
        path[0] = root;
        edge[0] = g.first[root];
        post[root] = -2;
        while (top >= 0) {
            int u = path[top];
            if (edge[top] == g.first[u + 1]) {
                byrank[rank] = u;
                post[u] = rank++;
                top--;
                continue;
            }
            int v = g.next[edge[top]++];
            if (post[v] == -1) {
                post[v] = -2;
                path[++top] = v;
                edge[top] = g.first[v];
            }
        }
    }
    for (int r = n - 1; r >= 0; r--) {
        int u = byrank[r];
        for (int k = g.first[u]; k < g.first[u + 1]; k++) {
            int v = g.next[k];
            if (post[v] < post[u] && depth[v] < depth[u] + 1) depth[v] = depth[u] + 1;
        }
    }
    return true;
}
