/* Unit tests of reminder scheduling (src/remind/schedule.c): which reminders a person's due
 * items call for at a given moment, by situation — before a duty falls due (30, 7, 1 days
 * at 07:00 Stockholm time, on both sides of the changes of summer time), overdue (weekly),
 * at once (an incident task, a classification waiting for its owner), a legal clock with
 * less than a quarter left, digest or immediate, unsubscribed; and the retry backoff.
 * Table-driven; no database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../src/remind/remind.h"
#include "../../src/core/util.h"

#define N_ELEMS(x) (sizeof(x) / sizeof((x)[0]))

enum { DIGEST = 0, IMMEDIATE = 1, UNSUBSCRIBED = 2 };

static const struct schedule_case {
    const char *name;
    remind_kind kind;
    const char *due, *from;
    bool notified;
    int pref;
    const char *now;      /* UTC */
    const char *expected; /* "key at single|digest", or "" for none */
} cases[] = {
    /* before a duty falls due: 30, 7 and 1 days, at 07:00 Stockholm (CET: 06:00 UTC) */
    {"an action 31 days ahead: nothing yet", RK_ACTION, "2026-12-31", NULL, false, DIGEST,
     "2026-11-30T12:00:00Z", ""},
    {"30 days before, before 07:00: nothing yet", RK_ACTION, "2026-12-31", NULL, false, DIGEST,
     "2026-12-01T05:59:59Z", ""},
    {"30 days before at 07:00", RK_ACTION, "2026-12-31", NULL, false, DIGEST,
     "2026-12-01T06:00:00Z", "b30 2026-12-01T06:00:00Z digest"},
    {"between 30 and 7 days: still the 30-day stage", RK_ACTION, "2026-12-31", NULL, false, DIGEST,
     "2026-12-20T12:00:00Z", "b30 2026-12-01T06:00:00Z digest"},
    {"7 days before", RK_ACTION, "2026-12-31", NULL, false, DIGEST, "2026-12-24T06:00:00Z",
     "b7 2026-12-24T06:00:00Z digest"},
    {"first seen 3 days before: the 7-day stage only", RK_ACTION, "2026-12-31", NULL, false, DIGEST,
     "2026-12-28T09:00:00Z", "b7 2026-12-24T06:00:00Z digest"},
    {"1 day before", RK_ACTION, "2026-12-31", NULL, false, DIGEST, "2026-12-30T06:00:00Z",
     "b1 2026-12-30T06:00:00Z digest"},
    {"on the due day itself: still the 1-day stage", RK_ACTION, "2026-12-31", NULL, false, DIGEST,
     "2026-12-31T22:59:59Z", "b1 2026-12-30T06:00:00Z digest"},
    {"immediate chosen: the same stage, a message of its own", RK_ACTION, "2026-12-31", NULL, false,
     IMMEDIATE, "2026-12-30T06:00:00Z", "b1 2026-12-30T06:00:00Z single"},
    /* across the changes of summer time: 07:00 on Swedish clocks */
    {"1 day before, the day summer time begins (07:00 CEST = 05:00 UTC)", RK_ACTION, "2026-03-30",
     NULL, false, DIGEST, "2026-03-29T05:00:00Z", "b1 2026-03-29T05:00:00Z digest"},
    {"the spring morning, one second early: the 7-day stage (07:00 CET)", RK_ACTION, "2026-03-30",
     NULL, false, DIGEST, "2026-03-29T04:59:59Z", "b7 2026-03-23T06:00:00Z digest"},
    {"1 day before, the day summer time ends (07:00 CET = 06:00 UTC)", RK_ACTION, "2026-10-26",
     NULL, false, DIGEST, "2026-10-25T06:00:00Z", "b1 2026-10-25T06:00:00Z digest"},
    {"the autumn morning at 06:00 CET: not yet, the 7-day stage (07:00 CEST)", RK_ACTION,
     "2026-10-26", NULL, false, DIGEST, "2026-10-25T05:00:00Z", "b7 2026-10-19T05:00:00Z digest"},
    {"30 days before across the spring change: 07:00 CET", RK_DOC_REVIEW, "2026-04-15", NULL, false,
     DIGEST, "2026-03-16T06:00:00Z", "b30 2026-03-16T06:00:00Z digest"},
    /* per kind: a meeting is told a week and a day ahead, not a month */
    {"a forum meeting 20 days ahead: nothing", RK_MEETING, "2026-12-21", NULL, false, DIGEST,
     "2026-12-01T08:00:00Z", ""},
    {"a scan finding 7 days ahead", RK_SCAN_FINDING, "2026-12-08", NULL, false, DIGEST,
     "2026-12-01T08:00:00Z", "b7 2026-12-01T06:00:00Z digest"},
    /* overdue: the day after at 07:00, then each week */
    {"overdue the night after: not before 07:00", RK_ACTION, "2026-06-30", NULL, false, DIGEST,
     "2026-07-01T04:00:00Z", ""},
    {"overdue, the first morning (CEST)", RK_ACTION, "2026-06-30", NULL, false, DIGEST,
     "2026-07-01T05:00:00Z", "o0 2026-07-01T05:00:00Z digest"},
    {"overdue six days: still the first week", RK_ACTION, "2026-06-30", NULL, false, DIGEST,
     "2026-07-07T12:00:00Z", "o0 2026-07-01T05:00:00Z digest"},
    {"overdue a week", RK_ACTION, "2026-06-30", NULL, false, DIGEST, "2026-07-08T05:00:00Z",
     "o1 2026-07-08T05:00:00Z digest"},
    {"late since June, told in December (a week of mornings across the autumn change)", RK_ACTION,
     "2026-06-30", NULL, false, DIGEST, "2026-12-04T13:00:00Z", "o22 2026-12-02T06:00:00Z digest"},
    /* late for years: the weeks counted without walking them, right at each edge (the due
     * day 2020-01-01; mornings on Thursdays at 07:00, CEST in July, CET in December) */
    {"late since 2020, a second before a summer morning", RK_ACTION, "2020-01-01", NULL, false,
     DIGEST, "2026-07-02T04:59:59Z", "o338 2026-06-25T05:00:00Z digest"},
    {"late since 2020, at a summer morning", RK_ACTION, "2020-01-01", NULL, false, DIGEST,
     "2026-07-02T05:00:00Z", "o339 2026-07-02T05:00:00Z digest"},
    {"late since 2020, a second before a winter morning", RK_ACTION, "2020-01-01", NULL, false,
     DIGEST, "2026-12-03T05:59:59Z", "o360 2026-11-26T06:00:00Z digest"},
    {"late since 2020, at a winter morning", RK_ACTION, "2020-01-01", NULL, false, DIGEST,
     "2026-12-03T06:00:00Z", "o361 2026-12-03T06:00:00Z digest"},
    /* … and from a summer first morning to a second before a winter one: the plain count of
     * 7-day weeks says 335, the mornings 334 */
    {"late since July 2020, a second before a winter morning", RK_ACTION, "2020-07-01", NULL, false,
     DIGEST, "2026-12-03T05:59:59Z", "o334 2026-11-26T06:00:00Z digest"},
    /* at once */
    {"an incident task assigned, undated: at once, alone", RK_INCIDENT_TASK, NULL, NULL, false,
     DIGEST, "2026-12-04T13:00:00Z", "now 2026-12-04T13:00:00Z single"},
    {"an incident task past its date: overdue, alone", RK_INCIDENT_TASK, "2026-12-01", NULL, false,
     DIGEST, "2026-12-04T13:00:00Z", "o0 2026-12-02T06:00:00Z single"},
    {"a classification waiting for the owner's decision", RK_CLS_DECISION, NULL, NULL, false,
     DIGEST, "2026-12-04T13:00:00Z", "now 2026-12-04T13:00:00Z single"},
    {"an undated duty of another kind: nothing to remind of", RK_ACTION, NULL, NULL, false, DIGEST,
     "2026-12-04T13:00:00Z", ""},
    /* legal clocks: 72 hours from 2026-12-01 10:00 UTC; a quarter left from 12-03 16:00 */
    {"a legal clock with more than a quarter left", RK_LEGAL_CLOCK, "2026-12-04T10:00:00Z",
     "2026-12-01T10:00:00Z", false, DIGEST, "2026-12-03T15:59:59Z", ""},
    {"a legal clock with a quarter left, nothing notified", RK_LEGAL_CLOCK, "2026-12-04T10:00:00Z",
     "2026-12-01T10:00:00Z", false, DIGEST, "2026-12-03T16:00:00Z",
     "q 2026-12-03T16:00:00Z single"},
    {"a legal clock with a quarter left, notified", RK_LEGAL_CLOCK, "2026-12-04T10:00:00Z",
     "2026-12-01T10:00:00Z", true, DIGEST, "2026-12-03T16:00:00Z", ""},
    {"a legal clock past its deadline: at once", RK_LEGAL_CLOCK, "2026-12-04T10:00:00Z",
     "2026-12-01T10:00:00Z", false, DIGEST, "2026-12-04T10:00:00Z",
     "o0 2026-12-04T10:00:00Z single"},
    {"a legal clock overdue 8 days: the second week", RK_LEGAL_CLOCK, "2026-12-04T10:00:00Z",
     "2026-12-01T10:00:00Z", false, DIGEST, "2026-12-12T10:00:00Z",
     "o1 2026-12-11T10:00:00Z single"},
    {"the 24-hour early warning, a quarter = 6 h left", RK_LEGAL_CLOCK, "2026-12-02T10:00:00Z",
     "2026-12-01T10:00:00Z", false, DIGEST, "2026-12-02T04:00:00Z",
     "q 2026-12-02T04:00:00Z single"},
    /* unsubscribed: nothing but the legal clocks */
    {"unsubscribed: no action reminder", RK_ACTION, "2026-12-31", NULL, false, UNSUBSCRIBED,
     "2026-12-30T06:00:00Z", ""},
    {"unsubscribed: no incident task either", RK_INCIDENT_TASK, NULL, NULL, false, UNSUBSCRIBED,
     "2026-12-30T06:00:00Z", ""},
    {"unsubscribed: the legal clock still", RK_LEGAL_CLOCK, "2026-12-04T10:00:00Z",
     "2026-12-01T10:00:00Z", false, UNSUBSCRIBED, "2026-12-03T18:00:00Z",
     "q 2026-12-03T16:00:00Z single"},
    /* bad data reminds of nothing rather than of the wrong day */
    {"a due date the calendar lacks", RK_ACTION, "2026-02-30", NULL, false, DIGEST,
     "2026-02-25T12:00:00Z", ""},
};

static void test_schedule(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        const struct schedule_case *c = &cases[i];
        remind_item item = {c->kind, c->due, c->from, c->notified};
        remind_pref pref = {c->pref == IMMEDIATE, c->pref == UNSUBSCRIBED};
        time_t now;
        assert_true(time_parse_iso(c->now, &now));
        remind_due out[2];
        int n = remind_schedule(&item, 1, &pref, now, out, 2);
        char got[100] = "";
        if (n == 1) {
            char at[21];
            time_iso_from(out[0].at, at);
            snprintf(got, sizeof got, "%s %s %s", out[0].key, at,
                     out[0].single ? "single" : "digest");
        } else if (n != 0) {
            snprintf(got, sizeof got, "%d reminders", n);
        }
        if (strcmp(got, c->expected))
            fail_msg("%s: got \"%s\", want \"%s\"", c->name, got, c->expected);
    }
}

/* Several items at once: each gets its own stage, in order; max bounds the output. */
static void test_several_items(void **state)
{
    (void)state;
    remind_item items[] = {
        {RK_ACTION, "2026-12-31", NULL, false},
        {RK_ACTION, "2027-06-30", NULL, false}, /* far ahead: none */
        {RK_CLS_DECISION, NULL, NULL, false},
        {RK_DOC_REVIEW, "2026-11-01", NULL, false},
    };
    remind_pref pref = {false, false};
    time_t now;
    assert_true(time_parse_iso("2026-12-24T08:00:00Z", &now));
    remind_due out[4];
    int n = remind_schedule(items, 4, &pref, now, out, 4);
    assert_int_equal(n, 3);
    assert_int_equal(out[0].item, 0);
    assert_string_equal(out[0].key, "b7");
    assert_int_equal(out[1].item, 2);
    assert_string_equal(out[1].key, "now");
    assert_true(out[1].single);
    assert_int_equal(out[2].item, 3);
    assert_string_equal(out[2].key, "o7");
    assert_int_equal(remind_schedule(items, 4, &pref, now, out, 1), 1);
}

/* The kinds of the start page's items. */
static void test_kinds(void **state)
{
    (void)state;
    assert_int_equal(remind_kind_of(TODO_CLOCKS, TR_todo_what_action), RK_LEGAL_CLOCK);
    assert_int_equal(remind_kind_of(TODO_LATE, TR_todo_what_action), RK_ACTION);
    assert_int_equal(remind_kind_of(TODO_DECIDE, TR_todo_what_cls_draft), RK_CLS_DECISION);
    assert_int_equal(remind_kind_of(TODO_OPEN, TR_todo_what_incident_task), RK_INCIDENT_TASK);
    assert_int_equal(remind_kind_of(TODO_SOON, TR_todo_title), RK_OTHER);
    assert_true(remind_rule_of(RK_LEGAL_CLOCK)->legal);
    assert_false(remind_rule_of(RK_ACTION)->legal);
    assert_int_equal(remind_rule_of(RK_ACTION)->lead_days[0], 30);
    assert_int_equal(remind_rule_of(RK_MEETING)->lead_days[0], 7);
}

static const struct backoff_case {
    int attempts;
    long wait;
} backoff_cases[] = {
    {1, 60},
    {2, 120},
    {3, 240},
    {4, 480},
    {9, 6 * 3600 < 60 * 256 ? 6 * 3600 : 60 * 256},
    {10, 6 * 3600 < 60 * 512 ? 6 * 3600 : 60 * 512},
    {20, 6 * 3600},
    {1000, 6 * 3600},
};

static void test_backoff(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(backoff_cases); i++)
        if (remind_backoff(backoff_cases[i].attempts, 1000) - 1000 != backoff_cases[i].wait)
            fail_msg("attempt %d: waits %ld, want %ld", backoff_cases[i].attempts,
                     (long)(remind_backoff(backoff_cases[i].attempts, 1000) - 1000),
                     backoff_cases[i].wait);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_schedule),
        cmocka_unit_test(test_several_items),
        cmocka_unit_test(test_kinds),
        cmocka_unit_test(test_backoff),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
