/* Unit tests of the forum's priority (src/forum/priority.c): the seriousness of each kind
 * of item, the level that counts for a risk (residual once treated), and the order of a
 * whole agenda with its tie-breaks. Table-driven; no database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "../../src/forum/priority.h"

#define N_ELEMS(x) (sizeof(x) / sizeof((x)[0]))

typedef struct level_case {
    const char *status, *level, *residual;
    risk_level expected;
} level_case;

static const level_case level_cases[] = {
    /* open: nothing reduces it yet, the inherent level counts */
    {"open", "very_high", "low", LEVEL_VERY_HIGH},
    {"open", "medium", NULL, LEVEL_MEDIUM},
    /* treated or accepted: the residual level, when rated */
    {"treated", "very_high", "low", LEVEL_LOW},
    {"accepted", "high", "medium", LEVEL_MEDIUM},
    {"treated", "high", NULL, LEVEL_HIGH},
    {"treated", "high", "nonsense", LEVEL_HIGH},
    /* closed, or unknown: none */
    {"closed", "very_high", "very_high", LEVEL_INVALID},
    {NULL, "high", NULL, LEVEL_INVALID},
    {"open", NULL, NULL, LEVEL_INVALID},
};

static void test_risk_level(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(level_cases); i++) {
        const level_case *c = &level_cases[i];
        risk_level got = forum_risk_level(c->status, c->level, c->residual);
        if (got != c->expected)
            fail_msg("case %zu (%s, %s, %s): %d, expected %d", i, c->status ? c->status : "-",
                     c->level ? c->level : "-", c->residual ? c->residual : "-", got, c->expected);
    }
}

typedef struct seriousness_case {
    forum_prio item;
    int expected;
} seriousness_case;

static const seriousness_case seriousness_cases[] = {
    {{.kind = FK_RISK, .level = LEVEL_VERY_HIGH}, 4},
    {{.kind = FK_RISK, .level = LEVEL_HIGH}, 3},
    {{.kind = FK_RISK, .level = LEVEL_MEDIUM}, 2},
    {{.kind = FK_RISK, .level = LEVEL_LOW}, 1},
    {{.kind = FK_RISK, .level = LEVEL_INVALID}, 1},
    {{.kind = FK_INCIDENT, .severity = 4}, 4},
    {{.kind = FK_INCIDENT, .severity = 3}, 3},
    {{.kind = FK_INCIDENT, .severity = 0}, 1},
    {{.kind = FK_INCIDENT, .severity = 1, .open_clocks = 1}, 5},
    {{.kind = FK_INCIDENT, .severity = 0, .clock_overdue = true, .open_clocks = 1}, 5},
    {{.kind = FK_ACTION, .days_late = 0}, 1},
    {{.kind = FK_ACTION, .days_late = 30}, 2},
    {{.kind = FK_FREE}, 0},
    {{.kind = FK__COUNT}, 0},
};

static void test_seriousness(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(seriousness_cases); i++) {
        int got = forum_seriousness(&seriousness_cases[i].item);
        if (got != seriousness_cases[i].expected)
            fail_msg("case %zu: %d, expected %d", i, got, seriousness_cases[i].expected);
    }
}

typedef struct order_case {
    const char *name;
    forum_prio items[8];
    int n;
    int64_t expected[8]; /* ids, most pressing first */
} order_case;

static const order_case order_cases[] = {
    {"a running clock before a very high risk, free text last",
     {{.id = 1, .kind = FK_FREE, .position = 1},
      {.id = 2, .kind = FK_RISK, .level = LEVEL_VERY_HIGH, .position = 2},
      {.id = 3, .kind = FK_INCIDENT, .severity = 2, .open_clocks = 2, .position = 3},
      {.id = 4, .kind = FK_ACTION, .days_late = 3, .position = 4}},
     4,
     {3, 2, 4, 1}},
    {"the risks by level; an incident before a risk of the same seriousness",
     {{.id = 1, .kind = FK_RISK, .level = LEVEL_LOW, .position = 1},
      {.id = 2, .kind = FK_RISK, .level = LEVEL_HIGH, .position = 2},
      {.id = 3, .kind = FK_INCIDENT, .severity = 3, .position = 3},
      {.id = 4, .kind = FK_RISK, .level = LEVEL_MEDIUM, .position = 4}},
     4,
     {3, 2, 4, 1}},
    {"late actions first, the latest first; a late action with medium risks",
     {{.id = 1, .kind = FK_ACTION, .days_late = 0, .position = 1},
      {.id = 2, .kind = FK_ACTION, .days_late = 5, .position = 2},
      {.id = 3, .kind = FK_ACTION, .days_late = 40, .position = 3},
      {.id = 4, .kind = FK_RISK, .level = LEVEL_MEDIUM, .position = 4}},
     4,
     {4, 3, 2, 1}},
    {"overdue before running among clocks",
     {{.id = 1, .kind = FK_INCIDENT, .open_clocks = 1, .position = 1},
      {.id = 2, .kind = FK_INCIDENT, .open_clocks = 1, .clock_overdue = true, .position = 2}},
     2,
     {2, 1}},
    {"ties by order number, then id",
     {{.id = 9, .kind = FK_FREE, .position = 3},
      {.id = 7, .kind = FK_FREE, .position = 1},
      {.id = 8, .kind = FK_FREE, .position = 3},
      {.id = 6, .kind = FK_RISK, .level = LEVEL_HIGH, .position = 2},
      {.id = 5, .kind = FK_RISK, .level = LEVEL_HIGH, .position = 1}},
     5,
     {5, 6, 7, 8, 9}},
    {"empty and single agendas", {{.id = 1, .kind = FK_FREE}}, 1, {1}},
};

static void test_order(void **state)
{
    (void)state;
    for (size_t c = 0; c < N_ELEMS(order_cases); c++) {
        forum_prio items[8];
        memcpy(items, order_cases[c].items, sizeof items);
        forum_prioritise(items, order_cases[c].n);
        for (int i = 0; i < order_cases[c].n; i++)
            if (items[i].id != order_cases[c].expected[i])
                fail_msg("%s: place %d has id %lld, expected %lld", order_cases[c].name, i + 1,
                         (long long)items[i].id, (long long)order_cases[c].expected[i]);
    }
    forum_prioritise(NULL, 0);
}

static void test_kind_codes(void **state)
{
    (void)state;
    for (int k = 0; k < FK__COUNT; k++)
        assert_int_equal(forum_kind_from_code(forum_kind_code((forum_kind)k)), k);
    assert_int_equal(forum_kind_from_code("meeting"), FK__COUNT);
    assert_int_equal(forum_kind_from_code(NULL), FK__COUNT);
    assert_null(forum_kind_code(FK__COUNT));
    assert_int_equal(forum_incident_severity("critical"), 4);
    assert_int_equal(forum_incident_severity("low"), 1);
    assert_int_equal(forum_incident_severity(NULL), 0);
    assert_int_equal(forum_incident_severity("urgent"), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_risk_level),
        cmocka_unit_test(test_seriousness),
        cmocka_unit_test(test_order),
        cmocka_unit_test(test_kind_codes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
