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

/* What a node's own side can deliver, to set against the need rolled down to it: its
 * förvaltningsobjekt's plan, a supplier's agreed restore time (typed on a dependency, or
 * an agreement in the supplier register), the restore time its latest restore test
 * measured. Hours, -1 where it says nothing. */
typedef struct rollup_capability {
    int node;
    int rto_hours, rpo_hours;
} rollup_capability;

typedef struct rollup_flag {
    bool rto, rpo; /* slower to restore, or losing more data, than the node's need */
} rollup_flag;

/* Sets flags[i] for each capability against the needs in rto and rpo (results of
 * rollup_compute over the same n nodes): weaker when it states hours and the node has a
 * need and the hours exceed it. A capability naming no node 0 … n-1 flags nothing.
 * Returns how many capabilities are flagged (either way). */
int rollup_compare(int n, const rollup_result *rto, const rollup_result *rpo,
                   const rollup_capability *caps, int ncaps, rollup_flag *flags);

/* Columns for drawing the graph left to right: depth[] comes in as each node's least
 * column (a process 0, what it needs 1 …) and leaves as the longest chain of edges that
 * reaches it from a node of column 0 … plus that node's own least column, so that every
 * edge points rightwards except the edges that close a cycle (found by a depth-first
 * walk, not followed). Edges naming a node outside 0 … n-1 are ignored. False when
 * memory ran out. Cost O(n + edges). */
bool rollup_layers(arena *a, int n, const rollup_edge *edges, int nedges, int *depth);
#endif
