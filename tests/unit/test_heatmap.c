/* Unit tests of the heat map SVG (src/risks/heatmap.c): one linked cell per rating with
 * its count and its level's name in text, the links carrying the cell's filter, balanced
 * elements, and escaped text. No database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "../../src/risks/risks.h"

static int occurrences(const char *s, const char *needle)
{
    int n = 0;
    for (const char *p = strstr(s, needle); p; p = strstr(p + 1, needle))
        n++;
    return n;
}

static void test_cells_counts_and_links(void **state)
{
    risk_matrix m = {4, 4};
    int counts[16] = {0};
    counts[(3 - 1) * 4 + (4 - 1)] = 7; /* likelihood 3, consequence 4 */
    counts[0] = 2;                     /* (1, 1) */
    buf b;
    buf_init(&b, 0);
    matrix_names n;
    matrix_names_defaults(&n, LANG_SV, m);
    heatmap_svg(&b, LANG_SV, &n, counts, "/risks?status=open&", "", "Inneboende <risk>");
    const char *s = buf_str(&b);
    assert_int_equal(occurrences(s, "<svg "), 1);
    assert_int_equal(occurrences(s, "</svg>"), 1);
    assert_int_equal(occurrences(s, "<a "), 16);
    assert_int_equal(occurrences(s, "</a>"), 16);
    assert_int_equal(occurrences(s, "<text"), occurrences(s, "</text>"));
    assert_int_equal(occurrences(s, "<rect "), 16);
    assert_int_equal(occurrences(s, "<title>"), 17);
    assert_non_null(strstr(s, "<title>Inneboende &lt;risk&gt;</title>"));
    assert_non_null(
        strstr(s, "href=\"/risks?status=open&amp;likelihood=3&amp;consequence=4\" data-l=\"3\" "
                  "data-c=\"4\" data-count=\"7\"><title>Sannolikhet Hög, konsekvens Mycket "
                  "allvarlig: 7 risker, nivå Mycket hög</title>"));
    assert_non_null(strstr(s, "data-l=\"1\" data-c=\"1\" data-count=\"2\""));
    assert_int_equal(occurrences(s, "data-count=\"0\""), 14);
    /* the count and the level are text in the cell, not only a colour */
    assert_non_null(strstr(s, "font-weight=\"bold\" fill=\"#000000\">7</text>"));
    assert_non_null(strstr(s, ">Mycket hög</text>"));
    assert_non_null(strstr(s, ">Låg</text>"));
    /* no bare ampersand anywhere */
    for (const char *p = strchr(s, '&'); p; p = strchr(p + 1, '&'))
        assert_true(!strncmp(p, "&amp;", 5) || !strncmp(p, "&lt;", 4) || !strncmp(p, "&gt;", 4) ||
                    !strncmp(p, "&quot;", 6) || !strncmp(p, "&#", 2));
    buf_free(&b);
}

static void test_residual_prefix_and_size(void **state)
{
    risk_matrix m = {5, 3};
    int counts[15] = {0};
    counts[(5 - 1) * 3 + (3 - 1)] = 1;
    buf b;
    buf_init(&b, 0);
    matrix_names n;
    matrix_names_defaults(&n, LANG_EN, m);
    heatmap_svg(&b, LANG_EN, &n, counts, "/risks?", "residual_", "Residual");
    const char *s = buf_str(&b);
    assert_int_equal(occurrences(s, "<a "), 15);
    assert_non_null(strstr(s, "href=\"/risks?residual_likelihood=5&amp;residual_consequence=3\""));
    assert_non_null(strstr(s, "Likelihood Very high, consequence Serious: 1 risks"));
    buf_free(&b);
}

/* A tenant's own names and colours: in the labels and the cells, the text white on a
 * dark colour, black on a light one; names escaped. */
static void test_own_names_and_colours(void **state)
{
    risk_matrix m = {3, 3};
    int counts[9] = {0};
    counts[8] = 4;
    matrix_names n;
    matrix_names_defaults(&n, LANG_SV, m);
    n.likelihood[3] = "Ofta & <nära>";
    n.consequence[1] = "Liten";
    n.level[LEVEL_VERY_HIGH] = "Röd";
    n.colour[LEVEL_VERY_HIGH] = "#b00020";
    n.level[LEVEL_LOW] = "Grön";
    n.colour[LEVEL_LOW] = "#e8f5e9";
    buf b;
    buf_init(&b, 0);
    heatmap_svg(&b, LANG_SV, &n, counts, "/risks?", "", "Egen");
    const char *s = buf_str(&b);
    assert_non_null(strstr(s, "Ofta &amp; &lt;nära&gt; (3)</text>"));
    assert_non_null(strstr(s, ">Liten (1)</text>"));
    assert_non_null(strstr(s, "fill=\"#b00020\" stroke=\"#ffffff\" stroke-width=\"2\"/><text x="));
    assert_non_null(strstr(s, "font-weight=\"bold\" fill=\"#ffffff\">4</text>"));
    assert_non_null(strstr(s, "fill=\"#ffffff\">Röd</text>"));
    assert_non_null(strstr(s, "fill=\"#000000\">Grön</text>"));
    assert_null(strstr(s, "Mycket hög</text>"));
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cells_counts_and_links),
        cmocka_unit_test(test_residual_prefix_and_size),
        cmocka_unit_test(test_own_names_and_colours),
    };
    return cmocka_run_group_tests_name("heatmap", tests, NULL, NULL);
}
