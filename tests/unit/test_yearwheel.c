/* Unit tests of the årshjul's pure parts (src/yearwheel/): when a tenant's recurring duty
 * falls in a year, whether its rule is whole, and the iCalendar text (RFC 5545: CRLF,
 * 75-octet folding that never splits a UTF-8 character, TEXT escaping, all-day and UTC
 * dates). Table-driven; no database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../src/yearwheel/yearwheel.h"

#define N_ELEMS(x) (sizeof(x) / sizeof((x)[0]))

static const struct dates_case {
    const char *name, *recurrence;
    int month, day, every;
    const char *starts_on;
    int year;
    const char *expected; /* the dates joined by ' ', or "-" for an incomplete rule */
} dates_cases[] = {
    {"yearly on its day", "yearly", 11, 20, 0, NULL, 2026, "2026-11-20"},
    {"29 February in a leap year", "yearly", 2, 29, 0, NULL, 2028, "2028-02-29"},
    {"29 February in another year: the 28th", "yearly", 2, 29, 0, NULL, 2027, "2027-02-28"},
    {"yearly without a month", "yearly", 0, 5, 0, NULL, 2026, "-"},
    {"every 4 months from March last year", "months", 0, 0, 4, "2025-03-10", 2026,
     "2026-03-10 2026-07-10 2026-11-10"},
    {"every 4 months, starting this year", "months", 0, 0, 4, "2026-06-01", 2026,
     "2026-06-01 2026-10-01"},
    {"every 4 months, starting next year: nothing yet", "months", 0, 0, 4, "2027-01-15", 2026, ""},
    {"every month from the 31st: each month's last day", "months", 0, 0, 1, "2026-01-31", 2026,
     "2026-01-31 2026-02-28 2026-03-31 2026-04-30 2026-05-31 2026-06-30 2026-07-31 2026-08-31 "
     "2026-09-30 2026-10-31 2026-11-30 2026-12-31"},
    {"every 24 months, the off year", "months", 0, 0, 24, "2025-09-01", 2026, ""},
    {"every 24 months, the on year", "months", 0, 0, 24, "2025-09-01", 2027, "2027-09-01"},
    {"every N months without N", "months", 0, 0, 0, "2026-01-01", 2026, "-"},
    {"every N months without a start", "months", 0, 0, 3, NULL, 2026, "-"},
    {"every N months from a non-date", "months", 0, 0, 3, "2026-02-30", 2026, "-"},
};

static void test_dates(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(dates_cases); i++) {
        const struct dates_case *c = &dates_cases[i];
        char out[12][11];
        int n = duty_dates_in_year(c->recurrence, c->month, c->day, c->every, c->starts_on, c->year,
                                   out, 12);
        char got[200] = "";
        if (n < 0) snprintf(got, sizeof got, "-");
        for (int k = 0; k < n; k++) {
            if (k) strcat(got, " ");
            strcat(got, out[k]);
        }
        if (strcmp(got, c->expected))
            fail_msg("%s: got \"%s\", want \"%s\"", c->name, got, c->expected);
    }
}

static const struct rule_case {
    const char *recurrence, *month, *day, *every, *starts_on, *problem;
} rule_cases[] = {
    {"yearly", "4", "30", NULL, NULL, NULL},
    {"yearly", "4", "31", NULL, NULL, "day"},
    {"yearly", "2", "29", NULL, NULL, NULL},
    {"yearly", "2", "30", NULL, NULL, "day"},
    {"yearly", NULL, "1", NULL, NULL, "month"},
    {"yearly", "13", "1", NULL, NULL, "month"},
    {"yearly", "1", NULL, NULL, NULL, "day"},
    {"months", NULL, NULL, "3", "2026-01-01", NULL},
    {"months", NULL, NULL, "25", "2026-01-01", "every_months"},
    {"months", NULL, NULL, "3", NULL, "starts_on"},
    {"months", NULL, NULL, "x", "2026-01-01", "every_months"},
};

static void test_rules(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(rule_cases); i++) {
        const struct rule_case *c = &rule_cases[i];
        const char *got =
            duty_rule_problem(c->recurrence, c->month, c->day, c->every, c->starts_on);
        if (!got != !c->problem || (got && strcmp(got, c->problem)))
            fail_msg("case %zu: got %s, want %s", i, got ? got : "none",
                     c->problem ? c->problem : "none");
    }
}

static void test_escape(void **state)
{
    (void)state;
    buf b;
    buf_init(&b, 0);
    ical_escape_text(&b, "Möte; plan, beslut\\rapport\r\nrad två\x01");
    assert_string_equal(buf_str(&b), "Möte\\; plan\\, beslut\\\\rapport\\nrad två");
    buf_free(&b);
}

static void test_fold(void **state)
{
    (void)state;
    /* 80 octets of "å" (two octets each) after an 8-octet name: octet 75 is inside an "å",
     * so the fold comes before it; each line at most 75 octets, unfolded it is the line */
    char line[200] = "SUMMARY:";
    for (int i = 0; i < 40; i++)
        strcat(line, "å");
    buf b;
    buf_init(&b, 0);
    ical_fold_line(&b, line);
    const char *text = buf_str(&b);
    char unfolded[200] = "";
    const char *p = text;
    int lines = 0;
    while (*p) {
        const char *end = strstr(p, "\r\n");
        assert_non_null(end);
        assert_true(end - p <= 75);
        /* no continuation starts inside a character */
        const char *start = lines ? p + 1 : p;
        assert_false(((unsigned char)*start & 0xC0) == 0x80);
        if (lines) assert_int_equal(*p, ' ');
        strncat(unfolded, start, (size_t)(end - start));
        p = end + 2;
        lines++;
    }
    assert_int_equal(lines, 2);
    assert_string_equal(unfolded, line);
    buf_free(&b);
    /* a short line is one line */
    buf_init(&b, 0);
    ical_fold_line(&b, "VERSION:2.0");
    assert_string_equal(buf_str(&b), "VERSION:2.0\r\n");
    buf_free(&b);
}

static void test_calendar(void **state)
{
    (void)state;
    const ical_event events[] = {
        {"t1-duty-7-20261120@lis", "2026-11-20", "Ledningens genomgång", NULL, NULL},
        {"t1-incidents-5-20261203T160000Z@lis", "2026-12-03T16:00:00Z", "Frist, NIS",
         "rad 1\nrad 2", "https://lis.example/incidents/5"},
    };
    buf b;
    buf_init(&b, 0);
    ical_write(&b, "Mitt årshjul", "2026-12-01T08:00:00Z", events, 2);
    const char *want = "BEGIN:VCALENDAR\r\n"
                       "VERSION:2.0\r\n"
                       "PRODID:-//lis//Arshjul//SV\r\n"
                       "CALSCALE:GREGORIAN\r\n"
                       "METHOD:PUBLISH\r\n"
                       "X-WR-CALNAME:Mitt årshjul\r\n"
                       "BEGIN:VEVENT\r\n"
                       "UID:t1-duty-7-20261120@lis\r\n"
                       "DTSTAMP:20261201T080000Z\r\n"
                       "DTSTART;VALUE=DATE:20261120\r\n"
                       "SUMMARY:Ledningens genomgång\r\n"
                       "TRANSP:TRANSPARENT\r\n"
                       "END:VEVENT\r\n"
                       "BEGIN:VEVENT\r\n"
                       "UID:t1-incidents-5-20261203T160000Z@lis\r\n"
                       "DTSTAMP:20261201T080000Z\r\n"
                       "DTSTART:20261203T160000Z\r\n"
                       "SUMMARY:Frist\\, NIS\r\n"
                       "DESCRIPTION:rad 1\\nrad 2\r\n"
                       "URL:https://lis.example/incidents/5\r\n"
                       "TRANSP:TRANSPARENT\r\n"
                       "END:VEVENT\r\n"
                       "END:VCALENDAR\r\n";
    assert_string_equal(buf_str(&b), want);
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dates),    cmocka_unit_test(test_rules),
        cmocka_unit_test(test_escape),   cmocka_unit_test(test_fold),
        cmocka_unit_test(test_calendar),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
