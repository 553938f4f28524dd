/* Unit tests of an incident's time in each phase (src/incidents/phase_times.c): detecting,
 * containing and restoring from the incident's own times, with missing times and times in
 * the wrong order reported instead of a negative duration; and the words for a duration. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "../../src/incidents/phase_times.h"

#define N_ELEMS(x) (sizeof(x) / sizeof((x)[0]))

static const struct span_case {
    const char *name;
    const char *discovered, *aware, *contained, *restored;
    span_state state[SPANS];
    long long minutes[SPANS];
    bool from_aware;
} span_cases[] = {
    {"every time recorded",
     "2026-03-02T08:00:00Z",
     "2026-03-02T11:20:00Z",
     "2026-03-02T15:20:00Z",
     "2026-03-04T09:20:00Z",
     {SPAN_OK, SPAN_OK, SPAN_OK},
     {200, 240, 2520},
     false},
    {"reported at once",
     "2026-03-02T08:00:00Z",
     "2026-03-02T08:00:00Z",
     NULL,
     NULL,
     {SPAN_OK, SPAN_MISSING, SPAN_MISSING},
     {0, 0, 0},
     true},
    {"still being handled: only detecting",
     "2026-03-02T08:00:00Z",
     "2026-03-02T09:00:00Z",
     NULL,
     NULL,
     {SPAN_OK, SPAN_MISSING, SPAN_MISSING},
     {60, 0, 0},
     true},
    {"restored without a containment time counts from aware",
     "2026-03-02T08:00:00Z",
     "2026-03-02T09:00:00Z",
     NULL,
     "2026-03-02T12:30:00Z",
     {SPAN_OK, SPAN_MISSING, SPAN_OK},
     {60, 0, 210},
     true},
    {"aware typed before discovered",
     "2026-03-02T08:00:00Z",
     "2026-03-01T08:00:00Z",
     NULL,
     NULL,
     {SPAN_BAD_ORDER, SPAN_MISSING, SPAN_MISSING},
     {0, 0, 0},
     true},
    {"contained before aware",
     "2026-03-02T08:00:00Z",
     "2026-03-02T09:00:00Z",
     "2026-03-02T07:00:00Z",
     "2026-03-02T10:00:00Z",
     {SPAN_OK, SPAN_BAD_ORDER, SPAN_OK},
     {60, 0, 180},
     false},
    {"restored before contained",
     "2026-03-02T08:00:00Z",
     "2026-03-02T09:00:00Z",
     "2026-03-02T10:00:00Z",
     "2026-03-02T09:30:00Z",
     {SPAN_OK, SPAN_OK, SPAN_BAD_ORDER},
     {60, 60, 0},
     false},
    {"a time that is no time",
     "igår",
     "2026-03-02T09:00:00Z",
     "",
     NULL,
     {SPAN_BAD_TIME, SPAN_MISSING, SPAN_MISSING},
     {0, 0, 0},
     true},
    {"nothing recorded",
     NULL,
     NULL,
     NULL,
     NULL,
     {SPAN_MISSING, SPAN_MISSING, SPAN_MISSING},
     {0, 0, 0},
     true},
};

static void test_spans(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(span_cases); i++) {
        const struct span_case *c = &span_cases[i];
        phase_span out[SPANS];
        incident_phase_spans(c->discovered, c->aware, c->contained, c->restored, out);
        for (int s = 0; s < SPANS; s++) {
            if (out[s].state != c->state[s])
                fail_msg("%s: span %d state %d, not %d", c->name, s, out[s].state, c->state[s]);
            if (out[s].state == SPAN_OK && out[s].minutes != c->minutes[s])
                fail_msg("%s: span %d %lld min, not %lld", c->name, s, out[s].minutes,
                         c->minutes[s]);
            if (out[s].minutes < 0) fail_msg("%s: a negative duration", c->name);
        }
        if (out[SPAN_RESTORE].from_aware != c->from_aware)
            fail_msg("%s: from_aware %d", c->name, out[SPAN_RESTORE].from_aware);
    }
}

static const struct text_case {
    long long minutes;
    const char *expected;
} text_cases[] = {
    {0, "0 min"},      {45, "45 min"},    {60, "1 h"},   {200, "3 h 20 min"},      {1440, "1 d"},
    {1500, "1 d 1 h"}, {3001, "2 d 2 h"}, {-5, "0 min"}, {14 * 1440 + 59, "14 d"},
};

static void test_text(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(text_cases); i++) {
        char out[32];
        span_text(text_cases[i].minutes, out, sizeof out);
        if (strcmp(out, text_cases[i].expected))
            fail_msg("%lld: \"%s\", not \"%s\"", text_cases[i].minutes, out,
                     text_cases[i].expected);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_spans),
        cmocka_unit_test(test_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
