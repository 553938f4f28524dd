/* Unit tests of the classification and requirement rules that are pure functions:
 * levels, the protection need (maximum per aspect), which requirements apply, the share
 * met, calendar months for review dates, and the import's readers (CSV, Windows-1252,
 * multipart). Table-driven: each row is a case a user would check. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "../../src/classification/classification.h"
#include "../../src/coverage/coverage.h"
#include "../../src/core/csv.h"
#include "../../src/core/util.h"
#include "../../src/http/http.h"
#include "../../src/requirements/requirements.h"

static void test_need_level(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        int want;
    } cases[] = {{"0", 0}, {"4", 4},   {"2", 2},   {NULL, -1}, {"5", -1},
                 {"", -1}, {"12", -1}, {"-1", -1}, {"a", -1}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_int_equal(need_level(cases[i].in), cases[i].want);
}

static void test_need_max(void **state)
{
    (void)state;
    static const struct {
        int n;
        int levels[4][ASPECTS];
        int want[ASPECTS];
    } cases[] = {
        /* nothing handled: no need */
        {0, {{0}}, {-1, -1, -1, -1}},
        /* one asset: its levels; S not assessed stays none */
        {1, {{2, 1, 3, -1}}, {2, 1, 3, -1}},
        /* the maximum per aspect, each from a different asset */
        {3, {{3, 0, 1, -1}, {1, 2, 1, 1}, {0, 0, 4, -1}}, {3, 2, 4, 1}},
        /* an unclassified asset (-1) lowers nothing */
        {2, {{-1, -1, -1, -1}, {1, 1, 1, 1}}, {1, 1, 1, 1}},
        /* zero is a level, not "none" */
        {1, {{0, 0, 0, 0}}, {0, 0, 0, 0}},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int out[ASPECTS];
        need_max((const int(*)[ASPECTS])cases[i].levels, cases[i].n, out);
        for (int a = 0; a < ASPECTS; a++)
            assert_int_equal(out[a], cases[i].want[a]);
    }
}

static void test_requirement_applies(void **state)
{
    (void)state;
    static const struct {
        const char *aspect;
        int min_level;
        int need[4];
        bool want;
    } cases[] = {
        {"K", 2, {2, 0, 0, -1}, true},  /* exactly the level */
        {"K", 2, {1, 3, 3, 3}, false},  /* other aspects do not count */
        {"T", 3, {0, 0, 4, -1}, true},  /* level 4: the catalogue is a floor */
        {"S", 1, {3, 3, 3, -1}, false}, /* traceability not assessed */
        {"S", 1, {0, 0, 0, 1}, true},
        {"*", 1, {0, 0, 0, -1}, true},     /* baseline: any classified object */
        {"*", 1, {-1, -1, -1, -1}, false}, /* nothing classified: nothing applies */
        {"R", 1, {-1, -1, -1, -1}, false},
        {"X", 1, {4, 4, 4, 4}, false}, /* an unknown aspect never applies */
        {"KR", 1, {4, 4, 4, 4}, false},
        {NULL, 1, {4, 4, 4, 4}, false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_int_equal(requirement_applies(cases[i].aspect, cases[i].min_level, cases[i].need),
                         cases[i].want);
}

static void test_met_percent(void **state)
{
    (void)state;
    static const struct {
        int applicable, met, na, want;
    } cases[] = {{0, 0, 0, 0}, {10, 5, 0, 50},     {10, 5, 2, 63}, {3, 1, 0, 33},
                 {2, 2, 2, 0}, {200, 199, 0, 100}, {202, 1, 0, 0}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        coverage_counts c = {
            .applicable = cases[i].applicable, .met = cases[i].met, .na = cases[i].na};
        assert_int_equal(coverage_met_percent(&c), cases[i].want);
    }
    coverage_counts a = {.assets = 1, .met = 2}, b = {.assets = 3, .met = 4, .analysed = 1};
    coverage_add(&a, &b);
    assert_int_equal(a.assets, 4);
    assert_int_equal(a.met, 6);
    assert_int_equal(a.analysed, 1);
}

static void test_date_add_months(void **state)
{
    (void)state;
    static const struct {
        const char *date;
        int months;
        const char *want;
    } cases[] = {
        {"2026-11-25", 12, "2027-11-25"}, {"2026-01-31", 1, "2026-02-28"},
        {"2028-01-31", 1, "2028-02-29"}, /* leap year */
        {"2028-02-29", 12, "2029-02-28"}, {"2026-12-15", 1, "2027-01-15"},
        {"2026-03-31", -1, "2026-02-28"}, {"2026-01-10", -12, "2025-01-10"},
        {"2026-05-31", 24, "2028-05-31"},
    };
    char out[11];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_true(date_add_months(cases[i].date, cases[i].months, out));
        assert_string_equal(out, cases[i].want);
    }
    assert_false(date_add_months("2026-02-30", 1, out));
    assert_false(date_add_months(NULL, 1, out));
}

/* the start page's horizon: 30 days on, over month, year and leap-day ends */
static void test_date_add_days(void **state)
{
    (void)state;
    static const struct {
        const char *date;
        int days;
        const char *want;
    } cases[] = {
        {"2026-12-03", 30, "2027-01-02"}, {"2028-02-28", 1, "2028-02-29"},
        {"2027-02-28", 1, "2027-03-01"},  {"2026-03-01", -1, "2026-02-28"},
        {"2026-10-25", 0, "2026-10-25"},
    };
    char out[11];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_true(date_add_days(cases[i].date, cases[i].days, out));
        assert_string_equal(out, cases[i].want);
    }
    assert_false(date_add_days("2026-13-01", 1, out));
}

static void test_csv(void **state)
{
    (void)state;
    arena a;
    arena_init(&a, 0);
    const char *text = "\xEF\xBB\xBFNamn;Beskrivning\r\n"
                       "Lifecare;\"rad ett\r\nrad två; \"\"citat\"\"\"\r\n"
                       "\r\n"
                       "Sista;\n";
    csv_reader c;
    csv_init(&c, text, strlen(text), csv_guess_delimiter(text, strlen(text)));
    char *f[4];
    assert_int_equal(csv_next(&c, &a, f, 4), 2);
    assert_string_equal(f[0], "Namn"); /* the BOM is not part of the first header */
    assert_int_equal(c.line, 1);
    assert_int_equal(csv_next(&c, &a, f, 4), 2);
    assert_string_equal(f[1], "rad ett\r\nrad två; \"citat\"");
    assert_int_equal(c.line, 2);
    assert_int_equal(csv_next(&c, &a, f, 4), 1); /* an empty line: one empty field */
    assert_string_equal(f[0], "");
    assert_int_equal(c.line, 4);
    assert_int_equal(csv_next(&c, &a, f, 4), 2);
    assert_string_equal(f[1], "");
    assert_int_equal(csv_next(&c, &a, f, 4), 0);

    static const char *const broken[] = {"\"unterminated;x\n", "\"a\"b;c\n", "a\"b;c\n",
                                         "a;b;c;d;e\n"};
    for (size_t i = 0; i < sizeof broken / sizeof broken[0]; i++) {
        csv_init(&c, broken[i], strlen(broken[i]), ';');
        assert_int_equal(csv_next(&c, &a, f, 4), -1);
        assert_non_null(c.error);
    }
    assert_int_equal(csv_guess_delimiter("a,b,c;d\n", 8), ',');
    assert_int_equal(csv_guess_delimiter("\"a,b,c\";d\n", 10), ';'); /* quoted commas */
    assert_int_equal(csv_guess_delimiter("a\tb\tc\n", 6), '\t');
    assert_int_equal(csv_guess_delimiter("Namn\n", 5), ';');
    arena_free(&a);
}

static void test_text_to_utf8(void **state)
{
    (void)state;
    arena a;
    arena_init(&a, 0);
    /* Windows-1252 as Excel writes it: å ä ö, €, an en dash */
    assert_string_equal(text_to_utf8(&a, "L\xF6ner \xE5\xE4\x80\x96", 10), "Löner åä€–");
    assert_string_equal(text_to_utf8(&a, "Löner", strlen("Löner")), "Löner"); /* UTF-8 as is */
    assert_null(text_to_utf8(&a, "PK\x03\x04", 4)); /* a zip (xlsx) is not text */
    assert_null(text_to_utf8(&a, "a\0b", 3));
    arena_free(&a);
}

static void test_multipart(void **state)
{
    (void)state;
    arena a;
    arena_init(&a, 0);
    const char *body = "--XyZ\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\ntok\r\n"
                       "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; "
                       "filename=\"a.csv\"\r\nContent-Type: text/csv\r\n\r\nNamn;Enhet\r\nA;B\r\n"
                       "\r\n--XyZ--\r\n";
    kvlist form;
    const char *binary = NULL;
    assert_true(http_parse_multipart(&a, "multipart/form-data; boundary=XyZ", body, strlen(body),
                                     &form, &binary));
    assert_null(binary);
    assert_int_equal(form.n, 2);
    assert_string_equal(kv_get(&form, "_csrf"), "tok");
    assert_string_equal(kv_get(&form, "file"), "Namn;Enhet\r\nA;B\r\n");
    /* the boundary quoted; a body cut short keeps only the whole parts */
    http_parse_multipart(&a, "multipart/form-data; boundary=\"XyZ\"", body, 70, &form, NULL);
    assert_int_equal(form.n, 1);
    http_parse_multipart(&a, "multipart/form-data", body, strlen(body), &form, NULL);
    assert_int_equal(form.n, 0);

    /* a text field holding a NUL byte: refused (it once came through with a NULL value and
     * crashed the forum's suggest handler); a file with one is named, not stored */
    static const char text_nul[] = "--XyZ\r\nContent-Disposition: form-data; name=\"item\"\r\n"
                                   "\r\nab\0cd\r\n--XyZ--\r\n";
    assert_false(http_parse_multipart(&a, "multipart/form-data; boundary=XyZ", text_nul,
                                      sizeof text_nul - 1, &form, &binary));
    for (int i = 0; i < form.n; i++)
        assert_non_null(form.items[i].value);
    static const char file_nul[] =
        "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.xlsx\"\r\n"
        "\r\nPK\0\0\r\n--XyZ\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nassets"
        "\r\n--XyZ--\r\n";
    assert_true(http_parse_multipart(&a, "multipart/form-data; boundary=XyZ", file_nul,
                                     sizeof file_nul - 1, &form, &binary));
    assert_string_equal(binary, "file");
    assert_int_equal(form.n, 1);
    assert_null(kv_get(&form, "file"));
    assert_string_equal(kv_get(&form, "kind"), "assets");
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_need_level),
        cmocka_unit_test(test_need_max),
        cmocka_unit_test(test_requirement_applies),
        cmocka_unit_test(test_met_percent),
        cmocka_unit_test(test_date_add_months),
        cmocka_unit_test(test_date_add_days),
        cmocka_unit_test(test_csv),
        cmocka_unit_test(test_text_to_utf8),
        cmocka_unit_test(test_multipart),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
