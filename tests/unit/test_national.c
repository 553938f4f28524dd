/* Unit tests of the national view's rules (src/followup/national_rules.c): a cell of five
 * tenants is shown and one of four is not; complementary suppression when the shown total
 * minus the shown cells would reveal the hidden ones; and seed 003's distribution dealt out
 * to the kommuner. No database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "../../src/followup/national_rules.h"
#include "../../src/followup/maturity_areas.h"

static void five_shown_four_hidden(void **state)
{
    (void)state;
    static const struct {
        int tenants;
        bool visible;
    } cases[] = {{0, false}, {1, false}, {4, false}, {5, true}, {6, true}, {290, true}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_int_equal(national_cell_visible(cases[i].tenants), cases[i].visible);
}

enum { E = CELL_EMPTY, S = CELL_SHOWN, F = CELL_FEW, C = CELL_COMPLEMENT };

static void suppression_of_a_breakdown(void **state)
{
    (void)state;
    static const struct {
        const char *situation;
        int n;
        int tenants[6];
        int want[6];
        int hidden;
    } cases[] = {
        {"all cells large enough: all shown", 3, {5, 12, 30}, {S, S, S}, 0},
        {"an empty cell hides nothing and reveals nothing", 3, {0, 5, 9}, {E, S, S}, 0},
        {"one cell of 4: the total minus the others would reveal it, so the smallest other "
         "goes too",
         4,
         {4, 20, 6, 9},
         {F, S, C, S},
         2},
        {"two small cells of 2 and 2 make a group of 4: one more is hidden",
         4,
         {2, 2, 7, 8},
         {F, F, C, S},
         3},
        {"two small cells of 3 and 4 make a group of 7: nothing more is hidden",
         3,
         {3, 4, 40},
         {F, F, S},
         2},
        {"equal smallest cells: the first is hidden", 4, {1, 6, 6, 50}, {F, C, S, S}, 2},
        {"everything small: all hidden, nothing left to complement", 2, {1, 2}, {F, F}, 2},
        {"exactly 5 is shown even beside a hidden one, which takes a complement",
         3,
         {5, 1, 8},
         {C, F, S},
         2},
        {"the size classes of the generated country: the four largest hidden, and with them "
         "the next smallest",
         4,
         {128, 112, 46, 4},
         {S, S, C, F},
         2},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        cell_state got[6];
        int hidden = national_suppress(cases[i].tenants, cases[i].n, got);
        for (int k = 0; k < cases[i].n; k++)
            if ((int)got[k] != cases[i].want[k])
                fail_msg("%s: cell %d is %d, not %d", cases[i].situation, k, got[k],
                         cases[i].want[k]);
        assert_int_equal(hidden, cases[i].hidden);
    }
}

/* Dealt over the 290 kommuner, each area's yes share is seed 003's within rounding, and
 * the share past level 1 is seed 003's too. */
static void seed_003_dealt_to_290_kommuner(void **state)
{
    (void)state;
    for (int a = 0; a < MATURITY_AREAS; a++) {
        int yes = 0;
        for (int k = 0; k < 290; k++)
            yes += national_dealt_yes(k, 290, maturity_areas[a].national_yes_tenths);
        assert_int_equal(yes, 29 * maturity_areas[a].national_yes_tenths);
    }
    /* 7 of 10 (a rounding case): 3.5 rounds up to 4 */
    int yes = 0;
    for (int k = 0; k < 7; k++)
        yes += national_dealt_yes(k, 7, 5);
    assert_int_equal(yes, 4);
    assert_false(national_dealt_yes(-1, 7, 5));
    /* past level 1: the first round(n × tenths / 10) yes-sayers at level 2, none higher */
    for (int a = 0; a < MATURITY_AREAS; a++) {
        const maturity_area *m = &maturity_areas[a];
        int levels[5] = {0};
        for (int k = 0; k < 29 * m->national_yes_tenths; k++)
            levels[national_dealt_level(k, 290, m->national_level2_tenths)]++;
        assert_int_equal(levels[2], 29 * m->national_level2_tenths);
        assert_int_equal(levels[1], 29 * (m->national_yes_tenths - m->national_level2_tenths));
        assert_int_equal(levels[0] + levels[3] + levels[4], 0);
    }
    assert_int_equal(national_dealt_level(0, 7, 1), 2); /* 0.7 rounds to 1 */
    assert_int_equal(national_dealt_level(1, 7, 1), 1);
    assert_int_equal(national_dealt_level(-1, 7, 1), 1);
}

/* Seed 003's level figures: never more past level 1 than answered yes, and the published
 * "nästan 9 av 10 på nivå 1" for management, action plan and follow-up. */
static void seed_003_levels_within_the_yes(void **state)
{
    (void)state;
    for (int a = 0; a < MATURITY_AREAS; a++)
        assert_true(maturity_areas[a].national_level2_tenths <=
                    maturity_areas[a].national_yes_tenths);
    assert_int_equal(maturity_area_of("management_info")->national_level2_tenths, 1);
    assert_int_equal(maturity_area_of("action_plan")->national_level2_tenths, 1);
    assert_int_equal(maturity_area_of("followup")->national_level2_tenths, 1);
    assert_int_equal(maturity_area_of("classification")->national_level2_tenths, 4);
}

/* A key share is shown over five tenants or more, rounded half up in tenths of a per cent;
 * never over fewer, nor from counts that do not add up. */
static void key_share_over_five_or_more(void **state)
{
    (void)state;
    static const struct {
        const char *situation;
        int count, base, tenants, want;
    } cases[] = {
        {"174 of 290 kommuner", 174, 290, 290, 600},
        {"one of five", 1, 5, 5, 200},
        {"none of five is a share too", 0, 5, 5, 0},
        {"2 of 3, halves up", 2, 3, 5, 667},
        {"deadlines pooled over four tenants: hidden", 30, 40, 4, -1},
        {"deadlines pooled over five tenants: shown", 30, 40, 5, 750},
        {"nothing to take a share of", 0, 0, 7, -1},
        {"more than the base is an error, not 100 %", 6, 5, 5, -1},
        {"a negative count likewise", -1, 5, 5, -1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        if (national_share_permille(cases[i].count, cases[i].base, cases[i].tenants) !=
            cases[i].want)
            fail_msg("%s: %d, not %d", cases[i].situation,
                     national_share_permille(cases[i].count, cases[i].base, cases[i].tenants),
                     cases[i].want);
}

static void coverage_mark_of_80_per_cent(void **state)
{
    (void)state;
    assert_true(national_coverage_reached(8, 10));
    assert_false(national_coverage_reached(7, 10));
    assert_true(national_coverage_reached(4, 5));
    assert_false(national_coverage_reached(79, 99)); /* 79.8 % */
    assert_true(national_coverage_reached(80, 100));
    assert_false(national_coverage_reached(0, 0)); /* nothing to classify is no coverage */
    assert_true(national_coverage_reached(3, 3));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(five_shown_four_hidden),
        cmocka_unit_test(suppression_of_a_breakdown),
        cmocka_unit_test(seed_003_dealt_to_290_kommuner),
        cmocka_unit_test(seed_003_levels_within_the_yes),
        cmocka_unit_test(key_share_over_five_or_more),
        cmocka_unit_test(coverage_mark_of_80_per_cent),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
