/* rollup.h - recovery needs rolled down a dependency graph, as a pure function.
 *
 * Nodes are processes and systems (the caller numbers them 0 … n-1). An edge (a, b) says
 * a needs b to run: a process needs a system, a system another system. A node may state
 * its own need, in hours (a process's RTO or RPO from its plan's BIA); -1 = none.
 *
 * Every node then needs the strictest (smallest) need of any node that depends on it,
 * directly or through others, or its own when that is stricter. The result names where
 * the need comes from (the source) and the next node towards it on a shortest chain
 * (via), so that the page can say "Lönesystemet needs 4 h because Löneutbetalning
 * depends on it via Integrationsplattformen". Ties go to the source with the smaller
 * index, and the chain is a shortest one from it.
 *
 * Cycles (a needs b needs a) are legal data but usually a mistake: each is reported once
 * per edge that closes it (at most ROLLUP_MAX_CYCLES), and the walk never loops — a node
 * on a cycle still gets the strictest need that reaches it. Edges naming a node outside
 * 0 … n-1 are ignored and counted. Cost O((n + edges) · log n). */
#ifndef LIS_CONTINUITY_ROLLUP_H
#define LIS_CONTINUITY_ROLLUP_H
#include "../core/arena.h"
#include <stdbool.h>

enum { ROLLUP_MAX_CYCLES = 20 };

typedef struct rollup_edge {
    int from, to; /* from needs to */
} rollup_edge;

typedef struct rollup_need {
    int hours;  /* -1: nothing needs this node */
    int source; /* the node whose own need it is (this node when its own), -1 */
    int via;    /* the next node towards the source (-1 when its own need) */
} rollup_need;

typedef struct rollup_cycle {
    int *nodes; /* in edge order: nodes[0] needs nodes[1] … needs nodes[0] */
    int n;
} rollup_cycle;

typedef struct rollup_result {
    rollup_need *need; /* per node */
    rollup_cycle cycles[ROLLUP_MAX_CYCLES];
    int ncycles;
    bool more_cycles; /* more than ROLLUP_MAX_CYCLES were found */
    int bad_edges;
} rollup_result;

/* Rolls own[] (per node, hours or -1) down the edges into out, allocating from a.
 * False when memory ran out. */
bool rollup_compute(arena *a, int n, const int *own, const rollup_edge *edges, int nedges,
                    rollup_result *out);
#endif
