/* Unit tests of the legal clocks: a table of awareness times and answers with the
 * deadlines each must give, across DST starts and ends, year ends, leap days, holidays
 * and awareness recorded late; the states of a clock; the Stockholm time helpers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "../../src/core/util.h"
#include "../../src/incidents/deadline.h"

static time_t at(const char *iso)
{
    time_t t = 0;
    assert_true(time_parse_iso(iso, &t));
    return t;
}

static const char *iso(time_t t)
{
    static char out[4][21];
    static int next;
    next = (next + 1) % 4;
    time_iso_from(t, out[next]);
    return out[next];
}

/* One case: inputs, then the expected due instants (UTC) of the deadlines that apply,
 * NULL for one that does not. */
static const struct deadline_case {
    const char *name;
    const char *aware;
    bool personal, significant;
    const char *notification_sent; /* NULL: not yet */
    /* imy, csirt_early, csirt_notification, csirt_progress, csirt_final */
    const char *due[DL__COUNT];
    const char *handled;       /* NULL: not yet */
    const char *progress_sent; /* NULL: none */
} cases[] = {
    {"ordinary week, both apply",
     "2026-05-12T08:00:00Z",
     true,
     true,
     NULL,
     {"2026-05-15T08:00:00Z", "2026-05-13T08:00:00Z", "2026-05-15T08:00:00Z", NULL,
      /* notification due 2026-05-15 10:00 local → 2026-06-15 (Monday) 23:59:59 CEST */
      "2026-06-15T21:59:59Z"}},
    {"Friday evening before the autumn DST change (2026-10-25): 72 real hours",
     /* 19:00 CEST; due 2026-10-26 18:00 CET on the wall clock */
     "2026-10-23T17:00:00Z",
     true,
     true,
     NULL,
     {"2026-10-26T17:00:00Z", "2026-10-24T17:00:00Z", "2026-10-26T17:00:00Z", NULL,
      /* 2026-11-26 (Thursday) 23:59:59 CET */
      "2026-11-26T22:59:59Z"}},
    {"across the spring DST change (2026-03-29)",
     /* 21:00 CET Friday; due 2026-03-30 22:00 CEST on the wall clock */
     "2026-03-27T20:00:00Z",
     false,
     true,
     NULL,
     {NULL, "2026-03-28T20:00:00Z", "2026-03-30T20:00:00Z", NULL,
      /* 2026-04-30 (Thursday) 23:59:59 CEST */
      "2026-04-30T21:59:59Z"}},
    {"year end: the local day differs from the UTC day",
     /* 2026-12-30 00:30 local; notification due 2027-01-03 00:30 local */
     "2026-12-29T23:30:00Z",
     true,
     true,
     NULL,
     {"2027-01-01T23:30:00Z", "2026-12-30T23:30:00Z", "2027-01-01T23:30:00Z", NULL,
      /* 2027-02-02 (Tuesday) 23:59:59 CET: from the notification's local day, 2 January */
      "2027-02-02T22:59:59Z"}},
    {"leap day: a month from 31 January 2028 ends on 29 February (Tuesday)",
     "2028-01-28T09:00:00Z",
     false,
     true,
     "2028-01-31T10:00:00Z",
     {NULL, "2028-01-29T09:00:00Z", "2028-01-31T09:00:00Z", NULL, "2028-02-29T22:59:59Z"}},
    {"a 24-hour window over the leap day",
     "2028-02-28T12:00:00Z",
     false,
     true,
     NULL,
     {NULL, "2028-02-29T12:00:00Z", "2028-03-02T12:00:00Z", NULL,
      /* notification due 2028-03-02 13:00 local → 2028-04-03 (2 April is a Sunday) */
      "2028-04-03T21:59:59Z"}},
    {"end-of-month clamp onto a Saturday moves to Monday (1930:173)",
     "2026-01-29T08:00:00Z",
     false,
     true,
     "2026-01-31T09:00:00Z",
     /* 31 January → 28 February (Saturday) → 2 March (Monday) */
     {NULL, "2026-01-30T08:00:00Z", "2026-02-01T08:00:00Z", NULL, "2026-03-02T22:59:59Z"}},
    {"julafton, juldagen and the weekend after",
     "2026-11-22T08:00:00Z",
     false,
     true,
     "2026-11-24T12:00:00Z",
     /* 24 December → 28 December (Monday) */
     {NULL, "2026-11-23T08:00:00Z", "2026-11-25T08:00:00Z", NULL, "2026-12-28T22:59:59Z"}},
    {"Easter: långfredag to annandag påsk",
     "2026-03-01T08:00:00Z",
     false,
     true,
     "2026-03-03T12:00:00Z",
     /* 3 April (långfredag) → 7 April (Tuesday), CEST */
     {NULL, "2026-03-02T08:00:00Z", "2026-03-04T08:00:00Z", NULL, "2026-04-07T21:59:59Z"}},
    {"midsommarafton",
     "2026-05-17T08:00:00Z",
     false,
     true,
     "2026-05-19T12:00:00Z",
     /* 19 June (midsommarafton) → 22 June (Monday) */
     {NULL, "2026-05-18T08:00:00Z", "2026-05-20T08:00:00Z", NULL, "2026-06-22T21:59:59Z"}},
    {"personal data only: IMY alone",
     "2026-07-01T10:00:00Z",
     true,
     false,
     NULL,
     {"2026-07-04T10:00:00Z", NULL, NULL, NULL, NULL}},
    {"handled within the month: the final report as usual",
     "2026-05-12T08:00:00Z",
     false,
     true,
     "2026-05-14T10:00:00Z",
     /* 14 June is a Sunday → 15 June 23:59:59 CEST */
     {NULL, "2026-05-13T08:00:00Z", "2026-05-15T08:00:00Z", NULL, "2026-06-15T21:59:59Z"},
     .handled = "2026-06-01T10:00:00Z"},
    {"still going on at the final report's date: a progress report then, the final report "
     "a month after it was handled",
     "2026-05-12T08:00:00Z",
     false,
     true,
     "2026-05-14T10:00:00Z",
     /* handled 20 July 14:00 local → 20 August (Thursday) */
     {NULL, "2026-05-13T08:00:00Z", "2026-05-15T08:00:00Z", "2026-06-15T21:59:59Z",
      "2026-08-20T21:59:59Z"},
     .handled = "2026-07-20T12:00:00Z"},
    {"a progress report sent, not yet handled: the final report waits for the handling",
     "2026-05-12T08:00:00Z",
     false,
     true,
     "2026-05-14T10:00:00Z",
     {NULL, "2026-05-13T08:00:00Z", "2026-05-15T08:00:00Z", "2026-06-15T21:59:59Z", NULL},
     .progress_sent = "2026-06-15T08:00:00Z"},
    {"handled on 24 November: the final report's month ends on julafton → 28 December",
     "2026-05-12T08:00:00Z",
     false,
     true,
     "2026-05-14T10:00:00Z",
     {NULL, "2026-05-13T08:00:00Z", "2026-05-15T08:00:00Z", "2026-06-15T21:59:59Z",
      "2026-12-28T22:59:59Z"},
     .handled = "2026-11-24T12:00:00Z"},
    {"handled exactly at the final report's last instant: no progress report",
     "2026-05-12T08:00:00Z",
     false,
     true,
     "2026-05-14T10:00:00Z",
     {NULL, "2026-05-13T08:00:00Z", "2026-05-15T08:00:00Z", NULL, "2026-06-15T21:59:59Z"},
     .handled = "2026-06-15T21:59:59Z"},
    {"neither: no clocks",
     "2026-07-01T10:00:00Z",
     false,
     false,
     NULL,
     {NULL, NULL, NULL, NULL, NULL}},
    {"awareness recorded late (weeks ago): the deadlines are in the past",
     "2026-09-01T06:00:00Z",
     true,
     true,
     NULL,
     {"2026-09-04T06:00:00Z", "2026-09-02T06:00:00Z", "2026-09-04T06:00:00Z", NULL,
      /* 4 October 2026 is a Sunday → 5 October */
      "2026-10-05T21:59:59Z"}},
};

static void test_deadline_table(void **state)
{
    (void)state;
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        const struct deadline_case *k = &cases[c];
        deadline out[DL__COUNT];
        deadline_facts f = {.aware = at(k->aware),
                            .personal_breach = k->personal,
                            .significant = k->significant,
                            .notification_sent =
                                k->notification_sent ? at(k->notification_sent) : 0,
                            .handled = k->handled ? at(k->handled) : 0,
                            .progress_sent = k->progress_sent ? at(k->progress_sent) : 0};
        int n = deadlines_compute(&f, out);
        int expected = 0;
        for (int i = 0; i < DL__COUNT; i++) {
            if (!k->due[i]) continue;
            if (expected >= n || out[expected].kind != (deadline_kind)i)
                fail_msg("%s: %s missing", k->name, deadline_codes[i]);
            if (strcmp(iso(out[expected].due), k->due[i]) != 0)
                fail_msg("%s: %s due %s, expected %s", k->name, deadline_codes[i],
                         iso(out[expected].due), k->due[i]);
            expected++;
        }
        if (n != expected) fail_msg("%s: %d deadlines, expected %d", k->name, n, expected);
    }
}

static void test_wall_clock_shift_across_dst(void **state)
{
    (void)state;
    /* 72 h from Friday 19:00 CEST ends Monday 18:00 CET: the hour shows on the wall clock */
    char local[24];
    time_local_input("2026-10-26T17:00:00Z", local);
    assert_string_equal(local, "2026-10-26T18:00");
    time_local_input("2026-10-23T17:00:00Z", local);
    assert_string_equal(local, "2026-10-23T19:00");
    /* spring: 21:00 CET + 72 h = 22:00 CEST */
    time_local_input("2026-03-30T20:00:00Z", local);
    assert_string_equal(local, "2026-03-30T22:00");
}

static void test_stockholm_offset(void **state)
{
    (void)state;
    /* the changes happen at 01:00 UTC on the last Sundays of March and October */
    assert_int_equal(time_stockholm_offset(at("2026-03-29T00:59:59Z")), 3600);
    assert_int_equal(time_stockholm_offset(at("2026-03-29T01:00:00Z")), 7200);
    assert_int_equal(time_stockholm_offset(at("2026-10-25T00:59:59Z")), 7200);
    assert_int_equal(time_stockholm_offset(at("2026-10-25T01:00:00Z")), 3600);
    assert_int_equal(time_stockholm_offset(at("2027-03-28T01:00:00Z")), 7200);
    assert_int_equal(time_stockholm_offset(at("2027-03-27T12:00:00Z")), 3600);
    /* the autumn hour 02:30 happens twice: the first is taken */
    assert_string_equal(iso(time_from_stockholm(2026, 10, 25, 2, 30, 0)), "2026-10-25T00:30:00Z");
    assert_string_equal(iso(time_from_stockholm(2026, 10, 25, 3, 30, 0)), "2026-10-25T02:30:00Z");
    assert_string_equal(iso(time_from_stockholm(2026, 7, 1, 12, 0, 0)), "2026-07-01T10:00:00Z");
    assert_string_equal(iso(time_from_stockholm(2026, 1, 1, 0, 0, 0)), "2025-12-31T23:00:00Z");
}

static void test_parse_input(void **state)
{
    (void)state;
    time_t t;
    assert_true(time_parse_input("2026-10-23T19:00", &t));
    assert_string_equal(iso(t), "2026-10-23T17:00:00Z");
    assert_true(time_parse_input("2026-12-24 15:00:30", &t));
    assert_string_equal(iso(t), "2026-12-24T14:00:30Z");
    assert_true(time_parse_input("2026-12-24T14:00:30Z", &t));
    assert_string_equal(iso(t), "2026-12-24T14:00:30Z");
    const char *bad[] = {
        "",          "2026-02-30T10:00", "2026-10-23", "2026-10-23T25:00", "2026-10-23T19:00+01",
        "yesterday", "2026-1-23T19:00"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_false(time_parse_input(bad[i], &t));
}

static void test_days_off(void **state)
{
    (void)state;
    assert_true(deadline_day_off(2026, 4, 3));   /* långfredag */
    assert_true(deadline_day_off(2026, 4, 6));   /* annandag påsk */
    assert_true(deadline_day_off(2026, 5, 14));  /* Kristi himmelsfärdsdag */
    assert_true(deadline_day_off(2027, 3, 26));  /* långfredag 2027 */
    assert_true(deadline_day_off(2026, 6, 19));  /* midsommarafton */
    assert_true(deadline_day_off(2026, 6, 6));   /* nationaldagen (a Saturday) */
    assert_true(deadline_day_off(2027, 1, 6));   /* trettondedag jul */
    assert_true(deadline_day_off(2026, 12, 31)); /* nyårsafton */
    assert_false(deadline_day_off(2026, 4, 7));
    assert_false(deadline_day_off(2026, 6, 18));
    assert_false(deadline_day_off(2028, 2, 29));
    int y, m, d;
    deadline_month_end_day(2026, 12, 31, 1, &y, &m, &d); /* 31 Jan 2027 is a Sunday */
    assert_int_equal(y * 10000 + m * 100 + d, 20270201);
    deadline_month_end_day(2027, 1, 31, 1, &y, &m, &d); /* 28 Feb 2027 is a Sunday */
    assert_int_equal(y * 10000 + m * 100 + d, 20270301);
}

/* What the page needs to say beside the dates: a date counted from a deadline rather than
 * a notification sent moves (provisional); a final report still unsure asks whether the
 * incident goes on; after a progress report the final report waits for the handling. */
static void test_report_flags(void **state)
{
    (void)state;
    deadline out[DL__COUNT];
    deadline_facts f = {.aware = at("2026-05-12T08:00:00Z"), .significant = true};
    assert_int_equal(deadlines_compute(&f, out), 3);
    assert_int_equal(out[2].kind, DL_CSIRT_FINAL);
    assert_true(out[2].provisional);
    assert_true(out[2].ask_ongoing);
    assert_false(out[0].provisional); /* the early warning counts from awareness */

    f.notification_sent = at("2026-05-14T10:00:00Z");
    assert_int_equal(deadlines_compute(&f, out), 3);
    assert_false(out[2].provisional);
    assert_true(out[2].ask_ongoing);

    f.progress_sent = at("2026-06-15T08:00:00Z");
    assert_int_equal(deadlines_compute(&f, out), 3);
    assert_int_equal(out[2].kind, DL_CSIRT_PROGRESS);
    assert_true(out[2].final_waits_handled);

    f.handled = at("2026-07-20T12:00:00Z");
    assert_int_equal(deadlines_compute(&f, out), 4);
    assert_false(out[2].final_waits_handled);
    assert_int_equal(out[3].kind, DL_CSIRT_FINAL);
    assert_false(out[3].ask_ongoing);
    assert_int_equal(out[3].start, f.handled);
}

static void test_states(void **state)
{
    (void)state;
    time_t aware = at("2026-10-23T17:00:00Z");
    deadline out[DL__COUNT];
    deadline_facts f = {.aware = aware, .personal_breach = true, .significant = true};
    assert_int_equal(deadlines_compute(&f, out), 4);
    const deadline *imy = &out[0], *early = &out[1];
    const struct {
        const deadline *d;
        int hours_after;
        int sent_after; /* hours after awareness the notification was sent; -1 = not sent */
        deadline_state want;
    } steps[] = {
        {imy, 1, -1, DS_OK},         {imy, 50, -1, DS_OK},       /* 22 h of 72 left */
        {imy, 55, -1, DS_AMBER},                                 /* 17 h: under a quarter */
        {imy, 72, -1, DS_AMBER},                                 /* the last instant */
        {imy, 73, -1, DS_RED},                                   /* an hour late */
        {imy, 73, 70, DS_SENT},                                  /* sent in time stays in time */
        {imy, 73, 73, DS_SENT_LATE},                             /* sent late is said to be */
        {imy, 80, 72, DS_SENT},                                  /* sent at the last instant */
        {early, 1, -1, DS_OK},       {early, 13, -1, DS_AMBER},  /* under 12 h left */
        {early, 25, -1, DS_RED},     {imy, 24 * 30, -1, DS_RED}, /* recorded late */
    };
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        time_t sent = steps[i].sent_after < 0 ? 0 : aware + steps[i].sent_after * 3600;
        if (deadline_state_at(steps[i].d, aware + steps[i].hours_after * 3600, sent) !=
            steps[i].want)
            fail_msg("step %zu", i);
    }
    /* the badge turns amber when the rule says: 12 h before the early warning's 24 h, a
     * quarter (18 h) before IMY's 72 h */
    assert_int_equal(deadline_amber_from(early), early->due - 12 * 3600);
    assert_int_equal(deadline_amber_from(imy), imy->due - 18 * 3600);
    assert_int_equal(deadline_state_at(imy, deadline_amber_from(imy) - 1, 0), DS_OK);
    assert_int_equal(deadline_state_at(imy, deadline_amber_from(imy) + 1, 0), DS_AMBER);
}

static void test_codes(void **state)
{
    (void)state;
    for (int i = 0; i < DL__COUNT; i++)
        assert_int_equal(deadline_from_code(deadline_codes[i]), i);
    assert_int_equal(deadline_from_code("imyx"), -1);
    assert_int_equal(deadline_from_code(NULL), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_deadline_table),   cmocka_unit_test(test_wall_clock_shift_across_dst),
        cmocka_unit_test(test_stockholm_offset), cmocka_unit_test(test_parse_input),
        cmocka_unit_test(test_days_off),         cmocka_unit_test(test_states),
        cmocka_unit_test(test_report_flags),     cmocka_unit_test(test_codes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
