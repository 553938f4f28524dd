/* Unit tests of the dates imported files carry (src/imports/dates.c): Excel serials in the
 * 1900 system (with its 29 February 1900 that never was) and the 1904 system, and the
 * forms Swedish exports write; the forms whose order is a guess are refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "../../src/imports/dates.h"
#include <stdio.h>

/* One case: what was read (ok, out) against what was expected (NULL: refused). */
static void expect_date(const char *input, bool ok, const char *out, const char *expected)
{
    if (ok != (expected != NULL) || (ok && strcmp(out, expected)))
        fail_msg("\"%s\": %s %s, expected %s", input, ok ? "read as" : "refused", out,
                 expected ? expected : "refused");
}

static void test_excel_1900(void **state)
{
    (void)state;
    static const struct {
        long days;
        const char *date; /* NULL: refused */
    } cases[] = {
        {46022, "2025-12-31"}, /* a year's last day */
        {46023, "2026-01-01"},
        {46387, "2026-12-31"},
        {61, "1900-03-01"}, /* the first day after the day that never was */
        {60, NULL},         /* 1900-02-29: Excel's, not the calendar's */
        {59, NULL},         /* before it: counted one off, not read */
        {0, NULL},
        {-1, NULL},
        {45351, "2024-02-29"},  /* a real leap day */
        {401768, "2999-12-31"}, /* the last day lis keeps (date_valid: 1900-2999) */
        {401769, NULL},
        {2958465, NULL}, /* Excel's last, 9999-12-31 */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[11] = "", days[24];
        snprintf(days, sizeof days, "%ld", cases[i].days);
        expect_date(days, import_excel_date(cases[i].days, false, out), out, cases[i].date);
    }
}

static void test_excel_1904(void **state)
{
    (void)state;
    char out[11];
    assert_true(import_excel_date(0, true, out));
    assert_string_equal(out, "1904-01-01");
    /* the same day is 1462 less in the 1904 system */
    assert_true(import_excel_date(46022 - 1462, true, out));
    assert_string_equal(out, "2025-12-31");
    assert_true(import_excel_date(400306, true, out));
    assert_string_equal(out, "2999-12-31");
    assert_false(import_excel_date(400307, true, out));
    assert_false(import_excel_date(-1, true, out));
}

static void test_excel_serial_text(void **state)
{
    (void)state;
    static const struct {
        const char *cell, *date;
    } cases[] = {
        {"46387", "2026-12-31"},
        {"46387.5", "2026-12-31"}, /* noon: the day */
        {"46387.", "2026-12-31"},
        {"46387.x", NULL},
        {"-46387", NULL},
        {"4.6387E4", NULL},
        {"", NULL},
        {"12", NULL},
        {"12345678", NULL}, /* eight digits: never a serial */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[11] = "";
        expect_date(cases[i].cell, import_excel_serial(cases[i].cell, out), out, cases[i].date);
    }
    char out[11];
    assert_false(import_excel_serial(NULL, out));
}

static void test_export_forms(void **state)
{
    (void)state;
    static const struct {
        const char *cell, *date;
    } cases[] = {
        {"2026-12-31", "2026-12-31"},
        {"2026-12-31 00:00:00", "2026-12-31"}, /* a date-time column */
        {"2026-12-31 13:05", "2026-12-31"},
        {"2026-12-31T00:00:00Z", "2026-12-31"},
        {"2026-12-31T00:00:00+01:00", "2026-12-31"},
        {"20261231", "2026-12-31"}, /* as Visma and Personec write it */
        {"20240229", "2024-02-29"},
        {"20260229", NULL}, /* not a leap year */
        {"2026-02-30", NULL},
        {"31/12/2026", NULL}, /* day and month: a guess */
        {"12/31/2026", NULL},
        {"05/06/2026", NULL},
        {"2026-12-31x", NULL},
        {"2026-12-31 kl 12", NULL},
        {"46387", NULL}, /* a serial is not an export's form */
        {"2026-1-5", NULL},
        {"", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[11] = "";
        expect_date(cases[i].cell, import_date(cases[i].cell, out), out, cases[i].date);
    }
    char out[11];
    assert_false(import_date(NULL, out));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_excel_1900),
        cmocka_unit_test(test_excel_1904),
        cmocka_unit_test(test_excel_serial_text),
        cmocka_unit_test(test_export_forms),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
