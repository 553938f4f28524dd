/* Unit tests of the awareness rules: when a completion is due to be repeated (month ends,
 * leap years, year ends), the share completed, a drill's numbers and trend, and the dates
 * a training platform's export writes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "../../src/awareness/awareness.h"

static const struct repeat_case {
    const char *name, *completed_on;
    int months;
    const char *today;
    bool overdue;
} repeats[] = {
    {"the day before the repeat is due", "2024-12-04", 24, "2026-12-03", false},
    {"due today: overdue from that day", "2024-12-04", 24, "2026-12-04", true},
    {"long past", "2023-01-10", 24, "2026-12-04", true},
    {"completed this year", "2026-01-15", 24, "2026-12-04", false},
    {"a month's last day: 31 January + 1 month is 28 February", "2026-01-31", 1, "2026-02-28",
     true},
    {"the day before that", "2026-01-31", 1, "2026-02-27", false},
    {"30 January is due on 28 February too", "2026-01-30", 1, "2026-02-28", true},
    {"1 February is not due until 1 March", "2026-02-01", 1, "2026-02-28", false},
    {"a leap day: 29 February + 12 months is 28 February", "2024-02-29", 12, "2025-02-28", true},
    {"the leap day, a day early", "2024-02-29", 12, "2025-02-27", false},
    {"across the year end", "2025-12-15", 1, "2026-01-15", true},
    {"across the year end, a day early", "2025-12-15", 1, "2026-01-14", false},
    {"never repeated (0 months)", "2000-01-01", 0, "2026-12-04", false},
    {"no date", NULL, 12, "2026-12-04", false},
    {"a date the calendar lacks", "2026-02-30", 12, "2027-12-04", false},
};

static void test_repeat_overdue(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof repeats / sizeof repeats[0]; i++) {
        const struct repeat_case *c = &repeats[i];
        if (awareness_repeat_overdue(c->completed_on, c->months, c->today) != c->overdue)
            fail_msg("%s: %s + %d months on %s should be %s", c->name,
                     c->completed_on ? c->completed_on : "(null)", c->months, c->today,
                     c->overdue ? "overdue" : "not overdue");
    }
}

/* The cutoff is exact: every date up to it is overdue, the next is not. */
static void test_repeat_cutoff(void **state)
{
    (void)state;
    static const struct {
        const char *today;
        int months;
        const char *cutoff;
    } cases[] = {
        {"2026-12-04", 24, "2024-12-04"}, {"2026-02-28", 1, "2026-01-31"},
        {"2026-03-31", 1, "2026-02-28"},  {"2025-02-28", 12, "2024-02-29"},
        {"2024-02-29", 12, "2023-02-28"}, {"2026-01-01", 1, "2025-12-01"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[11];
        assert_true(awareness_repeat_cutoff(cases[i].today, cases[i].months, out));
        if (strcmp(out, cases[i].cutoff))
            fail_msg("%s − %d months: cutoff %s, expected %s", cases[i].today, cases[i].months, out,
                     cases[i].cutoff);
    }
    char out[11];
    assert_false(awareness_repeat_cutoff("2026-12-04", 0, out));
    assert_false(awareness_repeat_cutoff("not a date", 12, out));
    assert_false(awareness_repeat_cutoff(NULL, 12, out));
}

static void test_share(void **state)
{
    (void)state;
    static const struct {
        long long done, reached;
        int percent;
    } cases[] = {
        {0, 0, 0},   {0, 10, 0},  {10, 10, 100},   {1, 3, 33},     {2, 3, 67},    {1, 8, 13},
        {1, 200, 1}, {1, 201, 0}, {199, 200, 100}, {397, 400, 99}, {12, 10, 100}, {-1, 10, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int got = awareness_share_percent(cases[i].done, cases[i].reached);
        if (got != cases[i].percent)
            fail_msg("%lld of %lld: %d %%, expected %d %%", cases[i].done, cases[i].reached, got,
                     cases[i].percent);
    }
}

static void test_phishing(void **state)
{
    (void)state;
    assert_null(phishing_counts_problem(420, 71, 38));
    assert_null(phishing_counts_problem(0, 0, 0));
    assert_null(phishing_counts_problem(10, 10, 10));
    assert_string_equal(phishing_counts_problem(10, 11, 0), "clicked");
    assert_string_equal(phishing_counts_problem(10, -1, 0), "clicked");
    assert_string_equal(phishing_counts_problem(10, 5, 11), "reported");
    /* spring 17 % clicked, autumn 11 %: six points down */
    int spring = awareness_share_percent(71, 420), autumn = awareness_share_percent(46, 415);
    assert_int_equal(spring, 17);
    assert_int_equal(autumn, 11);
    assert_int_equal(phishing_trend_points(spring, autumn), -6);
    assert_int_equal(phishing_trend_points(5, 9), 4);
}

static void test_import_date(void **state)
{
    (void)state;
    static const struct {
        const char *cell, *date; /* NULL: refused */
    } cases[] = {
        {"2026-03-02", "2026-03-02"},
        {"2026-03-02 14:05", "2026-03-02"},
        {"2026-03-02T14:05:00Z", "2026-03-02"},
        {"46083", "2026-03-02"}, /* an Excel serial */
        {"46083.5", "2026-03-02"},
        {"2026-02-30", NULL},
        {"02/03/2026", NULL},
        {"2026-03-02x", NULL},
        {"", NULL},
        {"12", NULL},
        {"46083.x", NULL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[11] = "";
        bool ok = awareness_import_date(cases[i].cell, out);
        if (ok != (cases[i].date != NULL) || (ok && strcmp(out, cases[i].date)))
            fail_msg("\"%s\": %s %s, expected %s", cases[i].cell, ok ? "read as" : "refused", out,
                     cases[i].date ? cases[i].date : "refused");
    }
    char out[11];
    assert_false(awareness_import_date(NULL, out));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_repeat_overdue), cmocka_unit_test(test_repeat_cutoff),
        cmocka_unit_test(test_share),          cmocka_unit_test(test_phishing),
        cmocka_unit_test(test_import_date),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
