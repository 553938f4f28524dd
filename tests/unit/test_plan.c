/* Unit tests of the handlingsplan's pure functions (src/actions/plan.c): which actions
 * are carried over at year end, how an action stands at follow-up, and the changes
 * between a decided plan and the current one. Table-driven; no database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "../../src/actions/plan.h"

#define N_ELEMS(x) (sizeof(x) / sizeof((x)[0]))

typedef struct carry_case {
    int plan_year;
    const char *status;
    bool carried_on;
    int year;
    bool expected;
} carry_case;

static const carry_case carry_cases[] = {
    {2026, "planned", false, 2026, true},
    {2026, "ongoing", false, 2026, true},
    {2026, "done", false, 2026, false},
    {2026, "cancelled", false, 2026, false},
    /* pressing the button twice copies nothing twice */
    {2026, "planned", true, 2026, false},
    {2026, "ongoing", true, 2026, false},
    /* only the year being closed */
    {2025, "planned", false, 2026, false},
    {2027, "ongoing", false, 2026, false},
    {2026, NULL, false, 2026, false},
    {2026, "unknown", false, 2026, false},
};

static void test_carry_over(void **state)
{
    for (size_t i = 0; i < N_ELEMS(carry_cases); i++) {
        const carry_case *t = &carry_cases[i];
        plan_item it = {
            .id = 1, .plan_year = t->plan_year, .status = t->status, .carried_on = t->carried_on};
        if (plan_carry_over(&it, t->year) != t->expected) {
            print_error("case %zu: %d %s carried=%d closing %d: expected %d\n", i, t->plan_year,
                        t->status ? t->status : "(null)", t->carried_on, t->year, t->expected);
            fail();
        }
    }
}

typedef struct followup_case {
    const char *status, *end_date, *today;
    followup_state expected;
} followup_case;

static const followup_case followup_cases[] = {
    {"planned", "2026-11-24", "2026-11-25", FOLLOWUP_LATE},
    {"ongoing", "2026-01-01", "2026-11-25", FOLLOWUP_LATE},
    {"planned", "2026-11-25", "2026-11-25", FOLLOWUP_DUE_SOON},
    {"ongoing", "2026-12-25", "2026-11-25", FOLLOWUP_DUE_SOON},
    {"ongoing", "2026-12-26", "2026-11-25", FOLLOWUP_NONE},
    /* across a year end and a leap day */
    {"planned", "2027-01-10", "2026-12-20", FOLLOWUP_DUE_SOON},
    {"planned", "2028-03-01", "2028-02-28", FOLLOWUP_DUE_SOON},
    {"planned", "2028-02-28", "2028-03-01", FOLLOWUP_LATE},
    {"done", "2026-01-01", "2026-11-25", FOLLOWUP_DONE},
    {"done", NULL, "2026-11-25", FOLLOWUP_DONE},
    {"cancelled", "2026-01-01", "2026-11-25", FOLLOWUP_NONE},
    {"planned", NULL, "2026-11-25", FOLLOWUP_NONE},
    {"planned", "not a date", "2026-11-25", FOLLOWUP_NONE},
};

static void test_followup(void **state)
{
    for (size_t i = 0; i < N_ELEMS(followup_cases); i++) {
        const followup_case *t = &followup_cases[i];
        plan_item it = {.id = 1, .plan_year = 2026, .status = t->status, .end_date = t->end_date};
        followup_state got = plan_followup(&it, t->today);
        if (got != t->expected) {
            print_error("case %zu: %s ending %s on %s: expected %d, got %d\n", i, t->status,
                        t->end_date ? t->end_date : "(none)", t->today, t->expected, got);
            fail();
        }
    }
}

static void test_diff(void **state)
{
    const plan_item decided[] = {
        {.id = 1, .title = "Klassa system", .status = "planned", .end_date = "2026-06-30"},
        {.id = 2, .title = "Utbildning", .status = "planned", .responsible_id = "7"},
        {.id = 3, .title = "Återläsningstest", .status = "planned"},
        {.id = 4, .title = "Oförändrad", .status = "ongoing", .unit_id = "9"},
    };
    const plan_item now[] = {
        {.id = 4, .title = "Oförändrad", .status = "ongoing", .unit_id = "9"},
        {.id = 1, .title = "Klassa system", .status = "done", .end_date = "2026-09-30"},
        {.id = 2, .title = "Utbildning för alla", .status = "planned", .responsible_id = "8"},
        {.id = 5, .title = "Ny åtgärd", .status = "planned"},
    };
    plan_change ch[8];
    int n = plan_diff(decided, 4, now, 4, ch, 8);
    assert_int_equal(n, 4);
    assert_int_equal(ch[0].kind, CHANGE_CHANGED);
    assert_int_equal(ch[0].id, 1);
    assert_int_equal(ch[0].fields, PF_STATUS | PF_END);
    assert_int_equal(ch[1].kind, CHANGE_CHANGED);
    assert_int_equal(ch[1].id, 2);
    assert_int_equal(ch[1].fields, PF_TITLE | PF_RESPONSIBLE);
    assert_int_equal(ch[2].kind, CHANGE_ADDED);
    assert_int_equal(ch[2].id, 5);
    assert_string_equal(ch[2].item->title, "Ny åtgärd");
    assert_int_equal(ch[3].kind, CHANGE_REMOVED);
    assert_int_equal(ch[3].id, 3);
    assert_string_equal(ch[3].item->title, "Återläsningstest");
    /* nothing changed: nothing reported; a bounded output stops at its size */
    assert_int_equal(plan_diff(decided, 4, decided, 4, ch, 8), 0);
    assert_int_equal(plan_diff(decided, 4, now, 4, ch, 2), 2);
    assert_int_equal(plan_diff(NULL, 0, now, 4, ch, 8), 4);
    assert_int_equal(ch[3].kind, CHANGE_ADDED);
    assert_int_equal(plan_diff(decided, 4, NULL, 0, ch, 8), 4);
    assert_int_equal(ch[0].kind, CHANGE_REMOVED);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_carry_over),
        cmocka_unit_test(test_followup),
        cmocka_unit_test(test_diff),
    };
    return cmocka_run_group_tests_name("plan", tests, NULL, NULL);
}
