/* Unit tests of the trends' pure part (src/dashboard/trends_rules.c): a quarter is found
 * from the Stockholm date (the last hours of a quarter in UTC are already the next quarter
 * in Stockholm, and the other way round never), its boundaries, stepping across years, and
 * the small charts' bars: each value a height of the bar area, a small value never drawn as
 * nothing, an uncounted one drawn as no bar. Table-driven; no database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "../../src/core/util.h"
#include "../../src/dashboard/trends.h"

typedef struct quarter_case {
    const char *name, *date, *quarter; /* quarter NULL: no date */
} quarter_case;

static const quarter_case quarter_cases[] = {
    {"New Year's Day opens the first quarter", "2026-01-01", "2026-Q1"},
    {"the last of March closes it", "2026-03-31", "2026-Q1"},
    {"the first of April opens the second", "2026-04-01", "2026-Q2"},
    {"midsummer", "2026-06-19", "2026-Q2"},
    {"the last of September", "2026-09-30", "2026-Q3"},
    {"New Year's Eve", "2026-12-31", "2026-Q4"},
    {"a date with a time after it", "2026-10-05T08:00:00Z", "2026-Q4"},
    {"a month that does not exist", "2026-13-01", NULL},
    {"no date at all", "kvartal", NULL},
    {"nothing", "", NULL},
};

static void quarters_of_dates(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof quarter_cases / sizeof quarter_cases[0]; i++) {
        const quarter_case *c = &quarter_cases[i];
        char q[8] = "";
        bool ok = trend_quarter_of(c->date, q);
        if (ok != (c->quarter != NULL)) fail_msg("%s: %s", c->name, ok ? "read" : "refused");
        if (c->quarter) assert_string_equal(q, c->quarter);
    }
}

static void boundaries_of_quarters(void **state)
{
    (void)state;
    static const struct {
        const char *quarter, *first, *last;
    } cases[] = {{"2026-Q1", "2026-01-01", "2026-03-31"},
                 {"2026-Q2", "2026-04-01", "2026-06-30"},
                 {"2026-Q3", "2026-07-01", "2026-09-30"},
                 {"2026-Q4", "2026-10-01", "2026-12-31"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char first[11], last[11];
        assert_true(trend_quarter_bounds(cases[i].quarter, first, last));
        assert_string_equal(first, cases[i].first);
        assert_string_equal(last, cases[i].last);
        /* both boundaries lie in the quarter; the day after the last does not */
        char q[8], next[11];
        assert_true(trend_quarter_of(first, q));
        assert_string_equal(q, cases[i].quarter);
        assert_true(trend_quarter_of(last, q));
        assert_string_equal(q, cases[i].quarter);
        assert_true(date_add_days(last, 1, next));
        assert_true(trend_quarter_of(next, q));
        assert_string_not_equal(q, cases[i].quarter);
    }
    char first[11], last[11];
    assert_false(trend_quarter_bounds("2026-Q5", first, last));
    assert_false(trend_quarter_bounds("2026-Q0", first, last));
    assert_false(trend_quarter_bounds("2026Q1", first, last));
    assert_false(trend_quarter_bounds("26-Q1", first, last));
    assert_false(trend_quarter_bounds(NULL, first, last));
}

static void steps_across_years(void **state)
{
    (void)state;
    static const struct {
        const char *from;
        int steps;
        const char *to;
    } cases[] = {{"2026-Q4", 1, "2027-Q1"}, {"2026-Q1", -1, "2025-Q4"}, {"2026-Q3", -7, "2024-Q4"},
                 {"2026-Q2", 0, "2026-Q2"}, {"2026-Q4", -8, "2024-Q4"}, {"2026-Q1", 40, "2036-Q1"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[8];
        assert_true(trend_quarter_step(cases[i].from, cases[i].steps, out));
        assert_string_equal(out, cases[i].to);
    }
    char out[8];
    assert_false(trend_quarter_step("0001-Q1", -1, out));
    assert_false(trend_quarter_step("bad", 1, out));
}

/* The moment a quarter turns is Stockholm's midnight: 23:30 UTC on 31 March is already
 * 1 April (summer time from the last Sunday of March; 2026: 29 March), 22:30 UTC on
 * 30 June already 1 July, but 22:30 UTC on 31 December is still the old year (CET). */
static void the_quarter_turns_at_stockholm_midnight(void **state)
{
    (void)state;
    static const struct {
        const char *utc, *today, *quarter;
    } cases[] = {
        {"2026-03-31T21:30:00Z", "2026-03-31", "2026-Q1"},
        {"2026-03-31T22:30:00Z", "2026-04-01", "2026-Q2"},
        {"2026-06-30T21:59:59Z", "2026-06-30", "2026-Q2"},
        {"2026-06-30T22:00:00Z", "2026-07-01", "2026-Q3"},
        {"2026-12-31T22:30:00Z", "2026-12-31", "2026-Q4"},
        {"2026-12-31T23:00:00Z", "2027-01-01", "2027-Q1"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        time_t t;
        assert_true(time_parse_iso(cases[i].utc, &t));
        char today[11], q[8];
        trend_today(t, today, q);
        assert_string_equal(today, cases[i].today);
        assert_string_equal(q, cases[i].quarter);
    }
}

static void shares_round_half_up(void **state)
{
    (void)state;
    assert_int_equal(trend_percent(1, 3), 33);
    assert_int_equal(trend_percent(2, 3), 67);
    assert_int_equal(trend_percent(1, 8), 13); /* 12.5 */
    assert_int_equal(trend_percent(0, 5), 0);
    assert_int_equal(trend_percent(5, 5), 100);
    assert_int_equal(trend_percent(3, 0), -1); /* nothing to share: not 0 % */
}

static void bars_are_heights_of_their_values(void **state)
{
    (void)state;
    const int values[] = {0, 1, 50, 100, -1, 1000};
    trend_bar bars[6];
    memset(bars, 0, sizeof bars);
    trend_chart_layout(values, 6, 100, bars);
    int base = TREND_TOP + TREND_BAR_AREA;
    assert_int_equal(bars[0].height, 0);
    assert_int_equal(bars[1].height, 1); /* 0.6 units: still a bar */
    assert_int_equal(bars[2].height, TREND_BAR_AREA / 2);
    assert_int_equal(bars[3].height, TREND_BAR_AREA);
    assert_int_equal(bars[4].height, 0);              /* not counted */
    assert_int_equal(bars[5].height, TREND_BAR_AREA); /* never above the area */
    for (int i = 0; i < 6; i++) {
        assert_int_equal(bars[i].y + bars[i].height, base); /* all stand on the axis */
        assert_true(bars[i].label_y < bars[i].y);           /* the value above its bar */
        assert_true(bars[i].label_y >= 10);                 /* and inside the chart */
        assert_true(bars[i].x >= 0 && bars[i].x + bars[i].width <= TREND_CHART_WIDTH);
        if (i) assert_true(bars[i].x > bars[i - 1].x + bars[i - 1].width); /* apart */
    }
    /* no maximum (every value 0): every bar empty, none divided by zero */
    const int zeros[] = {0, 0};
    trend_chart_layout(zeros, 2, 0, bars);
    assert_int_equal(bars[0].height, 0);
    assert_int_equal(bars[1].height, 0);
}

static void every_figure_has_a_column_of_its_own(void **state)
{
    (void)state;
    for (int i = 0; i < TF__COUNT; i++) {
        assert_non_null(trend_figure_infos[i].column);
        assert_true(trend_figure_infos[i].reader < TR_READ__COUNT);
        for (int j = 0; j < i; j++)
            assert_string_not_equal(trend_figure_infos[i].column, trend_figure_infos[j].column);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(quarters_of_dates),
        cmocka_unit_test(boundaries_of_quarters),
        cmocka_unit_test(steps_across_years),
        cmocka_unit_test(the_quarter_turns_at_stockholm_midnight),
        cmocka_unit_test(shares_round_half_up),
        cmocka_unit_test(bars_are_heights_of_their_values),
        cmocka_unit_test(every_figure_has_a_column_of_its_own),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
