/* Unit tests of the risk matrix (src/risks/matrix.c): level bands on several sizes, the
 * bounds of a matrix, and mapping ratings between sizes without losing any. Table-driven;
 * no database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "../../src/risks/matrix.h"

#define N_ELEMS(x) (sizeof(x) / sizeof((x)[0]))

typedef struct level_case {
    int likelihoods, consequences, l, c;
    risk_level expected;
} level_case;

static const level_case level_cases[] = {
    /* the default 4×4: products 1–3 låg, 4–6 medel, 8–9 hög, 12–16 mycket hög */
    {4, 4, 1, 1, LEVEL_LOW},
    {4, 4, 1, 3, LEVEL_LOW},
    {4, 4, 3, 1, LEVEL_LOW},
    {4, 4, 2, 2, LEVEL_MEDIUM},
    {4, 4, 1, 4, LEVEL_MEDIUM},
    {4, 4, 2, 3, LEVEL_MEDIUM},
    {4, 4, 2, 4, LEVEL_HIGH},
    {4, 4, 3, 3, LEVEL_HIGH},
    {4, 4, 3, 4, LEVEL_VERY_HIGH},
    {4, 4, 4, 3, LEVEL_VERY_HIGH},
    {4, 4, 4, 4, LEVEL_VERY_HIGH},
    /* 5×5: 1–4 låg, 5–9 medel, 10–12 hög, 15–25 mycket hög */
    {5, 5, 1, 4, LEVEL_LOW},
    {5, 5, 2, 2, LEVEL_LOW},
    {5, 5, 1, 5, LEVEL_MEDIUM},
    {5, 5, 3, 3, LEVEL_MEDIUM},
    {5, 5, 2, 5, LEVEL_HIGH},
    {5, 5, 3, 4, LEVEL_HIGH},
    {5, 5, 3, 5, LEVEL_VERY_HIGH},
    {5, 5, 5, 5, LEVEL_VERY_HIGH},
    /* 3×3 and a rectangular 3×5 */
    {3, 3, 1, 1, LEVEL_LOW},
    {3, 3, 2, 2, LEVEL_HIGH},
    {3, 3, 1, 3, LEVEL_MEDIUM},
    {3, 3, 3, 3, LEVEL_VERY_HIGH},
    {3, 5, 1, 2, LEVEL_LOW},
    {3, 5, 3, 5, LEVEL_VERY_HIGH},
    /* outside the matrix, or not a matrix */
    {4, 4, 0, 1, LEVEL_INVALID},
    {4, 4, 1, 0, LEVEL_INVALID},
    {4, 4, 5, 1, LEVEL_INVALID},
    {4, 4, 1, 5, LEVEL_INVALID},
    {4, 4, -1, -1, LEVEL_INVALID},
    {2, 4, 1, 1, LEVEL_INVALID},
    {10, 4, 1, 1, LEVEL_INVALID},
};

static void test_levels(void **state)
{
    for (size_t i = 0; i < N_ELEMS(level_cases); i++) {
        const level_case *t = &level_cases[i];
        risk_matrix m = {t->likelihoods, t->consequences};
        risk_level got = matrix_level(m, t->l, t->c);
        if (got != t->expected) {
            print_error("case %zu: %d×%d at (%d, %d): expected %d, got %d\n", i, t->likelihoods,
                        t->consequences, t->l, t->c, t->expected, got);
            fail();
        }
    }
}

/* Bands never go down as a rating rises, on every size. */
static void test_levels_are_monotonic(void **state)
{
    for (int L = MATRIX_MIN_LEVELS; L <= MATRIX_MAX_LEVELS; L++)
        for (int C = MATRIX_MIN_LEVELS; C <= MATRIX_MAX_LEVELS; C++) {
            risk_matrix m = {L, C};
            assert_int_equal(matrix_level(m, 1, 1), LEVEL_LOW);
            assert_int_equal(matrix_level(m, L, C), LEVEL_VERY_HIGH);
            for (int l = 1; l <= L; l++)
                for (int c = 1; c <= C; c++) {
                    risk_level here = matrix_level(m, l, c);
                    assert_true(here >= LEVEL_LOW && here <= LEVEL_VERY_HIGH);
                    if (l < L) assert_true(matrix_level(m, l + 1, c) >= here);
                    if (c < C) assert_true(matrix_level(m, l, c + 1) >= here);
                }
        }
}

static void test_level_codes(void **state)
{
    for (int i = 0; i < LEVEL__COUNT; i++)
        assert_int_equal(risk_level_from_code(risk_level_code((risk_level)i)), i);
    assert_string_equal(risk_level_code(LEVEL_VERY_HIGH), "very_high");
    assert_null(risk_level_code(LEVEL_INVALID));
    assert_int_equal(risk_level_from_code("huge"), LEVEL_INVALID);
    assert_int_equal(risk_level_from_code(NULL), LEVEL_INVALID);
}

typedef struct map_case {
    int value, from, to, expected;
} map_case;

static const map_case map_cases[] = {
    /* 4 → 5: the middle levels spread, the ends stay ends */
    {1, 4, 5, 1},
    {2, 4, 5, 2},
    {3, 4, 5, 4},
    {4, 4, 5, 5},
    /* 5 → 4: two levels share one, none is dropped outside the scale */
    {1, 5, 4, 1},
    {2, 5, 4, 2},
    {3, 5, 4, 3},
    {4, 5, 4, 3},
    {5, 5, 4, 4},
    /* 4 → 3 and 3 → 4 (2 of 3 lies half-way between 2 and 3 of 4: upwards, the
     * cautious choice, as 3 of 5 → 3 of 4 above) */
    {1, 4, 3, 1},
    {2, 4, 3, 2},
    {3, 4, 3, 2},
    {4, 4, 3, 3},
    {1, 3, 4, 1},
    {2, 3, 4, 3},
    {3, 3, 4, 4},
    /* 4 → 6 and 9 → 3 */
    {2, 4, 6, 3},
    {3, 4, 6, 4},
    {5, 9, 3, 2},
    {9, 9, 3, 3},
    /* out of range: refused, never guessed */
    {0, 4, 5, 0},
    {5, 4, 5, 0},
    {1, 2, 5, 0},
    {1, 4, 10, 0},
};

static void test_map_rating(void **state)
{
    for (size_t i = 0; i < N_ELEMS(map_cases); i++) {
        const map_case *t = &map_cases[i];
        int got = matrix_map_rating(t->value, t->from, t->to);
        if (got != t->expected) {
            print_error("case %zu: %d of %d → %d levels: expected %d, got %d\n", i, t->value,
                        t->from, t->to, t->expected, got);
            fail();
        }
    }
}

/* Every size to every size: same size changes nothing, ends stay ends, order is kept, and
 * every value lands inside the new scale. */
static void test_map_properties(void **state)
{
    for (int from = MATRIX_MIN_LEVELS; from <= MATRIX_MAX_LEVELS; from++)
        for (int to = MATRIX_MIN_LEVELS; to <= MATRIX_MAX_LEVELS; to++) {
            assert_int_equal(matrix_map_rating(1, from, to), 1);
            assert_int_equal(matrix_map_rating(from, from, to), to);
            for (int v = 1; v <= from; v++) {
                int got = matrix_map_rating(v, from, to);
                assert_true(got >= 1 && got <= to);
                if (from == to) assert_int_equal(got, v);
                if (v > 1) assert_true(got >= matrix_map_rating(v - 1, from, to));
                /* growing the scale keeps levels apart */
                if (to >= from && v > 1) assert_true(got > matrix_map_rating(v - 1, from, to));
            }
        }
}

static void test_labels(void **state)
{
    assert_int_equal(matrix_likelihood_label(4, 1), TR_risk_l4_1);
    assert_int_equal(matrix_likelihood_label(4, 4), TR_risk_l4_4);
    assert_int_equal(matrix_consequence_label(4, 4), TR_risk_c4_4);
    assert_int_equal(matrix_consequence_label(5, 1), TR_risk_c5_1);
    assert_int_equal(matrix_likelihood_label(3, 3), TR_risk_l3_3);
    assert_string_equal(tr(LANG_SV, matrix_likelihood_label(4, 4)), "Mycket hög");
    assert_string_equal(tr(LANG_SV, matrix_consequence_label(4, 1)), "Begränsad");
    /* sizes without names, and values outside the scale, have none */
    assert_int_equal(matrix_likelihood_label(6, 1), 0);
    assert_int_equal(matrix_likelihood_label(4, 5), 0);
    assert_int_equal(matrix_consequence_label(4, 0), 0);
}

typedef struct colour_case {
    const char *colour;
    bool valid;
    const char *text; /* the text colour chosen on it */
} colour_case;

static const colour_case colour_cases[] = {
    /* the default level colours are light: dark text */
    {"#d9f2d0", true, "#000000"},
    {"#fff0b3", true, "#000000"},
    {"#ffd1a1", true, "#000000"},
    {"#f6b3ad", true, "#000000"},
    {"#FFFFFF", true, "#000000"},
    /* dark and saturated colours: white text */
    {"#000000", true, "#ffffff"},
    {"#b00020", true, "#ffffff"},
    {"#1f4e79", true, "#ffffff"},
    {"#006400", true, "#ffffff"},
    /* mid greys and bright reds lean by luminance */
    {"#ff0000", true, "#000000"},
    {"#808080", true, "#000000"},
    {"#595959", true, "#ffffff"},
    /* not #rrggbb */
    {"", false, "#000000"},
    {"#fff", false, "#000000"},
    {"ff0000", false, "#000000"},
    {"#ff00001", false, "#000000"},
    {"#gg0000", false, "#000000"},
    {"red", false, "#000000"},
    {NULL, false, "#000000"},
};

static void test_colours(void **state)
{
    for (size_t i = 0; i < N_ELEMS(colour_cases); i++) {
        const colour_case *t = &colour_cases[i];
        if (matrix_colour_valid(t->colour) != t->valid ||
            strcmp(matrix_text_colour(t->colour), t->text)) {
            print_error("case %zu: %s: expected %d %s, got %d %s\n", i,
                        t->colour ? t->colour : "NULL", t->valid, t->text,
                        matrix_colour_valid(t->colour), matrix_text_colour(t->colour));
            fail();
        }
    }
    assert_true(matrix_contrast("#000000", "#ffffff") > 20.9);
    assert_true(matrix_contrast("#ffffff", "#000000") < 21.01);
    assert_true(matrix_contrast("#777777", "#777777") < 1.001);
    assert_true(matrix_contrast("#777777", "bad") == 0);
    for (int i = 0; i < LEVEL__COUNT; i++)
        assert_true(matrix_colour_valid(matrix_default_colours[i]));
}

/* Whatever colour a tenant picks, the chosen text colour reads at least 4.5:1 (WCAG AA)
 * on it: every colour on a grid of the RGB cube. */
static void test_text_always_readable(void **state)
{
    char c[8];
    for (int r = 0; r < 256; r += 15)
        for (int g = 0; g < 256; g += 15)
            for (int b = 0; b < 256; b += 15) {
                snprintf(c, sizeof c, "#%02x%02x%02x", r, g, b);
                double k = matrix_contrast(matrix_text_colour(c), c);
                if (k < 4.5) {
                    print_error("%s: contrast %.2f\n", c, k);
                    fail();
                }
            }
}

static void test_label_rules(void **state)
{
    assert_true(matrix_label_valid("Låg"));
    assert_true(matrix_label_valid("Mycket hög"));
    assert_true(matrix_label_valid("1234567890123456789012345678901234567890"));
    /* characters, not bytes: forty å */
    assert_true(matrix_label_valid("åååååååååååååååååååååååååååååååååååååååå"));
    assert_false(matrix_label_valid("12345678901234567890123456789012345678901"));
    assert_false(matrix_label_valid(""));
    assert_false(matrix_label_valid("   "));
    assert_false(matrix_label_valid(NULL));
    assert_false(matrix_label_valid("rad\nbrytning"));
    assert_false(matrix_label_valid("tab\t"));
    /* names follow an axis only while its size is the same */
    assert_true(matrix_labels_apply(4, 4));
    assert_false(matrix_labels_apply(4, 5));
    assert_false(matrix_labels_apply(0, 4));
    assert_false(matrix_labels_apply(12, 12));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_levels),         cmocka_unit_test(test_levels_are_monotonic),
        cmocka_unit_test(test_level_codes),    cmocka_unit_test(test_map_rating),
        cmocka_unit_test(test_map_properties), cmocka_unit_test(test_labels),
        cmocka_unit_test(test_colours),        cmocka_unit_test(test_text_always_readable),
        cmocka_unit_test(test_label_rules),
    };
    return cmocka_run_group_tests_name("matrix", tests, NULL, NULL);
}
