/* Unit tests of the maturity areas (src/followup/maturity_areas.c): the ten areas of SKR's
 * 2019 survey with the shares that answered yes (seed 003, ../shared/DOMAIN.md), the form's
 * choice of areas agreeing with them, and MSB's four levels. No database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "../../src/followup/followup.h"
#include "../../src/followup/maturity_areas.h"

/* seed 003's published yes-shares, in the survey's order */
static void the_2019_shares_are_seed_003s(void **state)
{
    (void)state;
    static const struct {
        const char *code;
        int tenths;
    } published[] = {{"ciso", 6},       {"management_info", 3}, {"action_plan", 2},
                     {"risks", 5},      {"classification", 5},  {"incidents", 6},
                     {"continuity", 4}, {"awareness", 5},       {"procurement", 3},
                     {"followup", 2}};
    for (int i = 0; i < MATURITY_AREAS; i++) {
        const maturity_area *a = maturity_area_of(published[i].code);
        assert_non_null(a);
        assert_int_equal(a->national_yes_tenths, published[i].tenths);
        assert_ptr_equal(a, &maturity_areas[i]);
    }
    /* follow-up is the weakest in the country, with the action plan */
    assert_int_equal(maturity_area_of("followup")->national_yes_tenths, 2);
    assert_int_equal(maturity_national_mean_hundredths(), 410);
    assert_null(maturity_area_of("nothing"));
    assert_null(maturity_area_of(NULL));
}

static void the_forms_areas_are_the_same_ten(void **state)
{
    (void)state;
    int n = 0;
    for (; maturity_area_options[n].value; n++) {
        assert_true(n < MATURITY_AREAS);
        assert_string_equal(maturity_area_options[n].value, maturity_areas[n].code);
        assert_int_equal(maturity_area_options[n].label, maturity_areas[n].label);
    }
    assert_int_equal(n, MATURITY_AREAS);
}

static void four_levels_and_nothing_outside(void **state)
{
    (void)state;
    for (int level = 1; level <= MATURITY_LEVELS; level++)
        assert_true(maturity_level_label(level) != 0);
    assert_int_equal(maturity_level_label(0), 0);
    assert_int_equal(maturity_level_label(5), 0);
    assert_int_equal(maturity_level_label(-1), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_2019_shares_are_seed_003s),
        cmocka_unit_test(the_forms_areas_are_the_same_ten),
        cmocka_unit_test(four_levels_and_nothing_outside),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
