/* Unit tests of the maturity areas (src/followup/maturity_areas.c): the ten areas of SKR's
 * 2019 survey with the shares that answered yes (seed 003, ../shared/DOMAIN.md), the form's
 * choice of areas agreeing with them, and MSB's four levels; the level lis suggests from its
 * figures (maturity_suggest.c), by situations. No database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "../../src/followup/followup.h"
#include "../../src/followup/maturity_areas.h"
#include "../../src/followup/maturity_suggest.h"

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

static const ms_area *area(const char *code)
{
    for (int i = 0; i < MATURITY_AREAS; i++)
        if (!strcmp(maturity_suggestions[i].area, code)) return &maturity_suggestions[i];
    return NULL;
}

/* The suggestion for an area whose figures are values (every one known unless unknown >= 0
 * names one that is not). */
static ms_suggestion suggest(const char *code, const int *values, int unknown)
{
    const ms_area *a = area(code);
    assert_non_null(a);
    bool known[MS_MAX_FIGURES];
    for (int i = 0; i < MS_MAX_FIGURES; i++)
        known[i] = i != unknown;
    ms_suggestion s;
    maturity_suggest(a, values, known, &s);
    return s;
}

static void every_area_has_its_suggestion_table(void **state)
{
    (void)state;
    for (int i = 0; i < MATURITY_AREAS; i++) {
        const ms_area *a = &maturity_suggestions[i];
        assert_string_equal(a->area, maturity_areas[i].code);
        assert_true(a->nfigures >= 1 && a->nfigures <= MS_MAX_FIGURES);
        assert_true(a->nrules >= 1 && a->nrules <= MS_MAX_RULES);
        int last_cap = 0;
        bool says_no = false;
        for (int k = 0; k < a->nrules; k++) {
            const ms_rule *r = &a->rules[k];
            assert_true(r->figure >= 0 && r->figure < a->nfigures);
            assert_true(r->of >= 0 && r->of < a->nfigures);
            assert_true(r->cap >= 0 && r->cap < MATURITY_LEVELS);
            assert_true(r->cap >= last_cap); /* the lowest caps first, as the table says */
            assert_true(r->reason != 0);
            last_cap = r->cap;
            says_no |= r->cap == 0;
        }
        /* lis can say it sees nothing of any area */
        assert_true(says_no);
    }
}

static void a_kommun_with_nothing_gets_no(void **state)
{
    (void)state;
    static const int zero[MS_MAX_FIGURES];
    for (int i = 0; i < MATURITY_AREAS; i++) {
        ms_suggestion s = suggest(maturity_suggestions[i].area, zero, -1);
        assert_int_equal(s.level, 0);
        assert_true(s.nreasons >= 1);
    }
}

static void a_ciso_and_a_policy_without_coordinators_is_level_2(void **state)
{
    (void)state;
    /* ciso, policies, coordinators, documents overdue */
    int v[] = {1, 1, 0, 0};
    ms_suggestion s = suggest("ciso", v, -1);
    assert_int_equal(s.level, 2);
    assert_int_equal(s.nreasons, 1);
    assert_int_equal(s.reasons[0], TR_mat_s_no_coordinators);
    int all[] = {1, 2, 9, 0};
    s = suggest("ciso", all, -1);
    assert_int_equal(s.level, 4);
    assert_int_equal(s.nreasons, 0);
    /* a document past its review holds a defined and applied function at 3 */
    int late[] = {1, 2, 9, 1};
    assert_int_equal(suggest("ciso", late, -1).level, 3);
    /* no CISO and everything else: "Nej", with every missing step named */
    int none[] = {0, 0, 9, 1};
    s = suggest("ciso", none, -1);
    assert_int_equal(s.level, 0);
    assert_int_equal(s.nreasons, 3);
}

static void classification_follows_the_share_classified(void **state)
{
    (void)state;
    /* assets, classified, overdue */
    int v1[] = {29, 26, 0};
    assert_int_equal(suggest("classification", v1, -1).level, 2); /* 26 of 29 is 89.7 %… */
    int v2[] = {30, 27, 0};
    assert_int_equal(suggest("classification", v2, -1).level, 4); /* …27 of 30 is 90 % */
    int v3[] = {29, 25, 0};
    ms_suggestion s = suggest("classification", v3, -1);
    assert_int_equal(s.level, 2);
    assert_int_equal(s.reasons[0], TR_mat_s_classified_most);
    int v4[] = {29, 14, 0}; /* under half, which says under 90 % too: one reason */
    s = suggest("classification", v4, -1);
    assert_int_equal(s.level, 1);
    assert_int_equal(s.nreasons, 1);
    assert_int_equal(s.reasons[0], TR_mat_s_classified_half);
    int v5[] = {29, 29, 2}; /* all classified, two overdue */
    assert_int_equal(suggest("classification", v5, -1).level, 3);
    int v6[] = {0, 0, 0};
    assert_int_equal(suggest("classification", v6, -1).level, 0);
}

static void a_figure_lis_may_not_count_holds_the_suggestion_down(void **state)
{
    (void)state;
    /* incidents, response plans, deadlines late: the reader may not see incidents */
    int v[] = {12, 1, 0};
    assert_int_equal(suggest("incidents", v, -1).level, 4);
    ms_suggestion s = suggest("incidents", v, 0);
    assert_int_equal(s.level, 0);
    assert_int_equal(s.reasons[0], TR_mat_s_no_incidents);
    /* a share over a denominator that is not known holds nothing either */
    int r[] = {3, 2, 10, 10, 0}; /* risks: done, this year, objects, analysed, very high */
    assert_int_equal(suggest("risks", r, -1).level, 4);
    assert_int_equal(suggest("risks", r, 2).level, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(the_2019_shares_are_seed_003s),
        cmocka_unit_test(the_forms_areas_are_the_same_ten),
        cmocka_unit_test(four_levels_and_nothing_outside),
        cmocka_unit_test(every_area_has_its_suggestion_table),
        cmocka_unit_test(a_kommun_with_nothing_gets_no),
        cmocka_unit_test(a_ciso_and_a_policy_without_coordinators_is_level_2),
        cmocka_unit_test(classification_follows_the_share_classified),
        cmocka_unit_test(a_figure_lis_may_not_count_holds_the_suggestion_down),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
