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
 * the levels of the yes-sayers follow "few past level 1". */
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
    int levels[5] = {0};
    for (int k = 0; k < 174; k++)
        levels[national_dealt_level(k, 174)]++;
    assert_int_equal(levels[0], 0);
    assert_int_equal(levels[1], 87);
    assert_int_equal(levels[2], 53); /* ranks below 80 % of 174 = 139.2: 140 */
    assert_int_equal(levels[3], 26);
    assert_int_equal(levels[4], 8);
    assert_int_equal(national_dealt_level(0, 1), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(five_shown_four_hidden),
        cmocka_unit_test(suppression_of_a_breakdown),
        cmocka_unit_test(seed_003_dealt_to_290_kommuner),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
