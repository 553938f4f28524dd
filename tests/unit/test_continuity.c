/* Unit tests of continuity's pure rules: the BIA grid and the MTPD that follows from it,
 * its agreement with the availability classification, and the roll-up of recovery needs
 * through the dependency graph by situations (chains, diamonds, cycles, missing data). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "../../src/continuity/bia.h"
#include "../../src/continuity/rollup.h"

enum { LIFE, DUTIES, MONEY, TRUST, PERSONAL };
enum { H1, H4, D1, D3, W1 };

static void grid_carries_levels_forward(void **state)
{
    (void)state;
    bia_grid g = {0};
    g.level[DUTIES][H4] = 2;
    g.level[DUTIES][D3] = 1; /* stated lower later: raised to 2 */
    g.level[MONEY][W1] = 3;
    bia_grid_carry(&g);
    int duties[] = {0, 2, 2, 2, 2}, money[] = {0, 0, 0, 0, 3};
    for (int p = 0; p < BIA_POINTS; p++) {
        assert_int_equal(g.level[DUTIES][p], duties[p]);
        assert_int_equal(g.level[MONEY][p], money[p]);
        assert_int_equal(g.level[LIFE][p], 0);
    }
}

/* One situation: levels stated (kind, point, level), the unacceptable step, the MTPD. */
static const struct mtpd_case {
    const char *name;
    int stated[4][3];
    int nstated;
    int unacceptable;
    bool reached;
    int hours, kind;
} mtpd_cases[] = {
    {"nothing stated: more than a week", {{0}}, 0, 4, false, 0, 0},
    {"home care: life and health unacceptable after a day",
     {{LIFE, H4, 2}, {LIFE, D1, 4}, {DUTIES, H1, 3}},
     3,
     4,
     true,
     24,
     LIFE},
    {"a lower bar: the duties reach it first, after 1 h",
     {{LIFE, H4, 2}, {LIFE, D1, 4}, {DUTIES, H1, 3}},
     3,
     3,
     true,
     1,
     DUTIES},
    {"carried forward: stated at 4 h, reached there and not later",
     {{TRUST, H4, 4}},
     1,
     4,
     true,
     4,
     TRUST},
    {"two kinds at once: the first in code order",
     {{PERSONAL, D3, 4}, {MONEY, D3, 4}},
     2,
     4,
     true,
     72,
     MONEY},
    {"stays below the bar all week", {{MONEY, W1, 3}}, 1, 4, false, 0, 0},
};

static void mtpd_follows_from_the_grid(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof mtpd_cases / sizeof mtpd_cases[0]; i++) {
        const struct mtpd_case *c = &mtpd_cases[i];
        bia_grid g = {0};
        for (int s = 0; s < c->nstated; s++)
            g.level[c->stated[s][0]][c->stated[s][1]] = c->stated[s][2];
        bia_grid_carry(&g);
        bia_mtpd m = bia_mtpd_of(&g, c->unacceptable);
        if (m.reached != c->reached || (c->reached && (m.hours != c->hours || m.kind != c->kind)))
            fail_msg("%s: got reached=%d hours=%d kind=%d", c->name, m.reached, m.hours, m.kind);
    }
}

static void codes_are_known(void **state)
{
    (void)state;
    assert_int_equal(bia_kind_index("personal_data"), PERSONAL);
    assert_int_equal(bia_kind_index("life"), -1);
    assert_int_equal(bia_kind_index(NULL), -1);
    assert_int_equal(bia_point_index("72"), D3);
    assert_int_equal(bia_point_index("48"), -1);
}

static const struct t_case {
    int t;
    bool reached;
    int hours;
    bia_availability want;
} t_cases[] = {
    {4, true, 1, BIA_T_AGREES},     {4, true, 4, BIA_T_AGREES},    {4, true, 24, BIA_T_ASKS_MORE},
    {4, false, 0, BIA_T_ASKS_MORE}, {3, true, 24, BIA_T_AGREES},   {3, true, 72, BIA_T_ASKS_MORE},
    {2, true, 4, BIA_T_ASKS_LESS},  {2, true, 24, BIA_T_AGREES},   {2, true, 168, BIA_T_AGREES},
    {2, false, 0, BIA_T_ASKS_MORE}, {1, true, 4, BIA_T_ASKS_LESS}, {1, true, 24, BIA_T_ASKS_LESS},
    {1, true, 72, BIA_T_AGREES},    {0, false, 0, BIA_T_AGREES},   {5, true, 4, BIA_T_INVALID},
    {-1, true, 4, BIA_T_INVALID},
};

static void availability_classification_is_compared(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof t_cases / sizeof t_cases[0]; i++) {
        const struct t_case *c = &t_cases[i];
        bia_mtpd m = {c->reached, c->hours, 0, 4};
        if (bia_check_availability(c->t, &m) != c->want)
            fail_msg("T%d, MTPD %d h (reached %d): got %d, want %d", c->t, c->hours, c->reached,
                     bia_check_availability(c->t, &m), c->want);
    }
}

/* A roll-up situation: n nodes with their own needs, edges, and per node the expected
 * need, source and via (-1 = none), and the cycles expected. */
enum { MAX_NODES = 8, MAX_EDGES = 12 };
static const struct rollup_case {
    const char *name;
    int n;
    int own[MAX_NODES];
    rollup_edge edges[MAX_EDGES];
    int nedges;
    int hours[MAX_NODES], source[MAX_NODES], via[MAX_NODES];
    int ncycles, cycle_len, bad_edges;
} rollup_cases[] = {
    /* 0 Löneutbetalning (4 h) → 1 Integrationsplattformen → 2 Lönesystemet */
    {"a chain carries the need to its end",
     3,
     {4, -1, -1},
     {{0, 1}, {1, 2}},
     2,
     {4, 4, 4},
     {0, 0, 0},
     {-1, 0, 1},
     0,
     0,
     0},
    /* 0 (8 h) and 1 (2 h) both need 2 and 3, which both need 4 */
    {"a diamond: the strictest need wins, by the shortest chain",
     5,
     {8, 2, -1, -1, -1},
     {{0, 2}, {0, 3}, {1, 3}, {1, 2}, {2, 4}, {3, 4}},
     6,
     {8, 2, 2, 2, 2},
     {0, 1, 1, 1, 1},
     {-1, -1, 1, 1, 3},
     0,
     0,
     0},
    /* a system's own stated need stricter than what depends on it keeps its own */
    {"an own need stricter than the dependants' stays",
     3,
     {24, 1, -1},
     {{0, 1}, {1, 2}},
     2,
     {24, 1, 1},
     {0, 1, 1},
     {-1, -1, 1},
     0,
     0,
     0},
    /* a system that states 24 h itself is needed within 2 h by a process */
    {"a laxer own need gives way to a stricter dependant",
     3,
     {2, 24, -1},
     {{0, 1}, {1, 2}},
     2,
     {2, 2, 2},
     {0, 0, 0},
     {-1, 0, 1},
     0,
     0,
     0},
    /* 0 (4 h) → 1 → 2 → 3 → 1: the cycle is reported, the walk ends */
    {"a cycle is reported and not looped",
     4,
     {4, -1, -1, -1},
     {{0, 1}, {1, 2}, {2, 3}, {3, 1}},
     4,
     {4, 4, 4, 4},
     {0, 0, 0, 0},
     {-1, 0, 1, 2},
     1,
     3,
     0},
    {"a node that needs itself is a cycle of one",
     2,
     {6, -1},
     {{0, 1}, {1, 1}},
     2,
     {6, 6},
     {0, 0},
     {-1, 0},
     1,
     1,
     0},
    /* missing data: nothing states a need; 2 is needed by nobody; an edge to nowhere */
    {"missing needs stay missing, edges to unknown nodes are counted",
     3,
     {-1, -1, -1},
     {{0, 1}, {1, 7}, {-1, 2}},
     3,
     {-1, -1, -1},
     {-1, -1, -1},
     {-1, -1, -1},
     0,
     0,
     2},
    /* two equal sources: the smaller index wins */
    {"a tie goes to the first source",
     3,
     {4, 4, -1},
     {{1, 2}, {0, 2}},
     2,
     {4, 4, 4},
     {0, 1, 0},
     {-1, -1, 0},
     0,
     0,
     0},
};

static void rollup_by_situation(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof rollup_cases / sizeof rollup_cases[0]; i++) {
        const struct rollup_case *c = &rollup_cases[i];
        arena a;
        arena_init(&a, 0);
        rollup_result res;
        assert_true(rollup_compute(&a, c->n, c->own, c->edges, c->nedges, &res));
        for (int v = 0; v < c->n; v++) {
            const rollup_need *got = &res.need[v];
            if (got->hours != c->hours[v] || got->source != c->source[v] || got->via != c->via[v])
                fail_msg("%s: node %d got %d h from %d via %d, want %d h from %d via %d", c->name,
                         v, got->hours, got->source, got->via, c->hours[v], c->source[v],
                         c->via[v]);
        }
        if (res.ncycles != c->ncycles) fail_msg("%s: %d cycles", c->name, res.ncycles);
        if (c->ncycles && res.cycles[0].n != c->cycle_len)
            fail_msg("%s: cycle of %d", c->name, res.cycles[0].n);
        assert_int_equal(res.bad_edges, c->bad_edges);
        arena_free(&a);
    }
}

static void cycle_lists_its_nodes_in_order(void **state)
{
    (void)state;
    arena a;
    arena_init(&a, 0);
    int own[] = {-1, -1, -1, -1};
    rollup_edge edges[] = {{0, 1}, {1, 2}, {2, 3}, {3, 1}};
    rollup_result res;
    assert_true(rollup_compute(&a, 4, own, edges, 4, &res));
    assert_int_equal(res.ncycles, 1);
    assert_int_equal(res.cycles[0].nodes[0], 1);
    assert_int_equal(res.cycles[0].nodes[1], 2);
    assert_int_equal(res.cycles[0].nodes[2], 3);
    arena_free(&a);
}

static void many_cycles_are_capped(void **state)
{
    (void)state;
    arena a;
    arena_init(&a, 0);
    enum { N = 30 };
    int own[N];
    rollup_edge edges[N];
    for (int i = 0; i < N; i++) {
        own[i] = -1;
        edges[i] = (rollup_edge){i, i}; /* thirty nodes that each need themselves */
    }
    rollup_result res;
    assert_true(rollup_compute(&a, N, own, edges, N, &res));
    assert_int_equal(res.ncycles, ROLLUP_MAX_CYCLES);
    assert_true(res.more_cycles);
    arena_free(&a);
}

static void a_long_chain_is_walked_without_recursion(void **state)
{
    (void)state;
    arena a;
    arena_init(&a, 0);
    enum { N = 100000 };
    int *own = arena_alloc(&a, sizeof(int) * N);
    rollup_edge *edges = arena_alloc(&a, sizeof(rollup_edge) * N);
    for (int i = 0; i < N; i++) {
        own[i] = i ? -1 : 2;
        edges[i] = (rollup_edge){i, (i + 1) % N}; /* and the last needs the first */
    }
    rollup_result res;
    assert_true(rollup_compute(&a, N, own, edges, N, &res));
    assert_int_equal(res.need[N - 1].hours, 2);
    assert_int_equal(res.need[N - 1].via, N - 2);
    assert_int_equal(res.ncycles, 1);
    assert_int_equal(res.cycles[0].n, N);
    arena_free(&a);
}

/* Home care: 0 Hemtjänst (RTO 8 h, RPO 2 h) → 1 Verksamhetssystemet → 2 Lagringen; 3 a
 * system nothing needs. Each capability against the need at its node. */
static const struct compare_case {
    const char *name;
    rollup_capability cap;
    bool rto, rpo;
} compare_cases[] = {
    {"a supplier agreement slower than the need rolled down is flagged", {1, 24, -1}, true, false},
    {"an agreement as fast as the need is not", {1, 8, 2}, false, false},
    {"an agreement faster than the need is not", {2, 4, 1}, false, false},
    {"a measured restore slower than the need, two steps down", {2, 30, -1}, true, false},
    {"a larger data loss than bearable is flagged on its own", {1, 4, 24}, false, true},
    {"nothing stated: nothing claimed", {1, -1, -1}, false, false},
    {"a system no need reaches: nothing to fall short of", {3, 1000, 1000}, false, false},
    {"a capability of no node flags nothing", {9, 1000, 1000}, false, false},
};

static void capabilities_are_compared_with_the_need(void **state)
{
    (void)state;
    arena a;
    arena_init(&a, 0);
    int rto_own[] = {8, -1, -1, -1}, rpo_own[] = {2, -1, -1, -1};
    rollup_edge edges[] = {{0, 1}, {1, 2}};
    rollup_result rto, rpo;
    assert_true(rollup_compute(&a, 4, rto_own, edges, 2, &rto));
    assert_true(rollup_compute(&a, 4, rpo_own, edges, 2, &rpo));
    enum { N = sizeof compare_cases / sizeof compare_cases[0] };
    rollup_capability caps[N];
    rollup_flag flags[N];
    int want = 0;
    for (size_t i = 0; i < N; i++) {
        caps[i] = compare_cases[i].cap;
        want += compare_cases[i].rto || compare_cases[i].rpo;
    }
    assert_int_equal(rollup_compare(4, &rto, &rpo, caps, N, flags), want);
    for (size_t i = 0; i < N; i++)
        if (flags[i].rto != compare_cases[i].rto || flags[i].rpo != compare_cases[i].rpo)
            fail_msg("%s: got rto %d rpo %d", compare_cases[i].name, flags[i].rto, flags[i].rpo);
    arena_free(&a);
}

/* Layers: each node's least column in, its column out. */
static const struct layer_case {
    const char *name;
    int n;
    int least[MAX_NODES];
    rollup_edge edges[MAX_EDGES];
    int nedges;
    int want[MAX_NODES];
} layer_cases[] = {
    {"a chain steps one column each", 3, {0, 1, 1}, {{0, 1}, {1, 2}}, 2, {0, 1, 2}},
    /* 0 → 1 → 2 → 3 and 0 → 3: the long way decides */
    {"a short cut does not pull a node left",
     4,
     {0, 1, 1, 1},
     {{0, 1}, {1, 2}, {2, 3}, {0, 3}},
     4,
     {0, 1, 2, 3}},
    /* 0 → 1 → 2 → 1: the closing edge is not followed */
    {"a cycle ends; its closing edge points back",
     3,
     {0, 1, 1},
     {{0, 1}, {1, 2}, {2, 1}},
     3,
     {0, 1, 2}},
    /* a supplier (least column 2) needed by a system in column 1 and one in column 3 */
    {"a supplier sits right of every system needing it",
     5,
     {0, 1, 1, 1, 2},
     {{0, 1}, {1, 2}, {2, 3}, {1, 4}, {3, 4}},
     5,
     {0, 1, 2, 3, 4}},
    {"a node nothing reaches keeps its least column", 2, {0, 1}, {{-1, 1}, {0, 5}}, 2, {0, 1}},
};

static void layers_by_situation(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof layer_cases / sizeof layer_cases[0]; i++) {
        const struct layer_case *c = &layer_cases[i];
        arena a;
        arena_init(&a, 0);
        int depth[MAX_NODES];
        memcpy(depth, c->least, sizeof depth);
        assert_true(rollup_layers(&a, c->n, c->edges, c->nedges, depth));
        for (int v = 0; v < c->n; v++)
            if (depth[v] != c->want[v])
                fail_msg("%s: node %d in column %d, want %d", c->name, v, depth[v], c->want[v]);
        arena_free(&a);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(grid_carries_levels_forward),
        cmocka_unit_test(mtpd_follows_from_the_grid),
        cmocka_unit_test(codes_are_known),
        cmocka_unit_test(availability_classification_is_compared),
        cmocka_unit_test(rollup_by_situation),
        cmocka_unit_test(cycle_lists_its_nodes_in_order),
        cmocka_unit_test(many_cycles_are_capped),
        cmocka_unit_test(a_long_chain_is_walked_without_recursion),
        cmocka_unit_test(capabilities_are_compared_with_the_need),
        cmocka_unit_test(layers_by_situation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
