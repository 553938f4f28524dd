/* Unit tests of Cybersäkerhetslagen's rules for an organisation (src/csl/law.c): the last
 * day to report a change to the registered facts (14 days, a day off moving it to the
 * next weekday), the mandate period management training belongs to, and the status a
 * reason gives a kommun or a bolag in its sector. Tests named by situation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "../../src/csl/law.h"

static const struct due_case {
    const char *name, *changed_on, *due;
} due_cases[] = {
    {"a Monday: two weeks later, a Monday", "2026-11-02", "2026-11-16"},
    {"a Wednesday: a Wednesday", "2026-11-25", "2026-12-09"},
    {"the 14th day a Saturday: the Monday after", "2026-11-07", "2026-11-23"},
    {"the 14th day a Sunday: the Monday after", "2026-11-08", "2026-11-23"},
    {"across the month end", "2026-01-20", "2026-02-03"},
    {"across the year end", "2026-12-20", "2027-01-04"},
    {"the 14th day julafton: past juldagen, annandag jul and the weekend", "2026-12-10",
     "2026-12-28"},
    {"the 14th day nyårsafton: past nyårsdagen and the weekend", "2027-12-17", "2028-01-03"},
    {"the 14th day långfredag 2027: past påsk to the Tuesday", "2027-03-12", "2027-03-30"},
    {"the 14th day midsommarafton: the Monday after midsommardagen", "2026-06-05", "2026-06-22"},
    {"the 14th day nationaldagen on a Tuesday (2028): the Wednesday", "2028-05-23", "2028-06-07"},
    {"a leap day counts", "2028-02-22", "2028-03-07"},
    {"the 14th day Kristi himmelsfärdsdag 2026: the Friday", "2026-04-30", "2026-05-15"},
};

static void change_due_by_situation(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof due_cases / sizeof due_cases[0]; i++) {
        char out[11] = "";
        if (!csl_change_due(due_cases[i].changed_on, out) || strcmp(out, due_cases[i].due) != 0)
            fail_msg("%s: %s gave %s, want %s", due_cases[i].name, due_cases[i].changed_on, out,
                     due_cases[i].due);
    }
}

static void change_due_refuses_bad_dates(void **state)
{
    (void)state;
    char out[11];
    assert_false(csl_change_due("2026-02-30", out));
    assert_false(csl_change_due("26-11-02", out));
    assert_false(csl_change_due("", out));
}

static const struct period_case {
    const char *name, *date, *start, *end, *period;
} period_cases[] = {
    {"the day before the 2026 period starts", "2026-10-14", "2022-10-15", "2026-10-14",
     "2022-2026"},
    {"the first day of the 2026 period", "2026-10-15", "2026-10-15", "2030-10-14", "2026-2030"},
    {"election day 2026 still in the old period", "2026-09-13", "2022-10-15", "2026-10-14",
     "2022-2026"},
    {"the law's first day", "2026-01-15", "2022-10-15", "2026-10-14", "2022-2026"},
    {"the middle of a period", "2028-03-01", "2026-10-15", "2030-10-14", "2026-2030"},
    {"the last day of the 2026 period", "2030-10-14", "2026-10-15", "2030-10-14", "2026-2030"},
    {"the first day of the 2030 period", "2030-10-15", "2030-10-15", "2034-10-14", "2030-2034"},
    {"New Year's Eve of an election year", "2022-12-31", "2022-10-15", "2026-10-14", "2022-2026"},
};

static void mandate_period_by_situation(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof period_cases / sizeof period_cases[0]; i++) {
        const struct period_case *c = &period_cases[i];
        char start[11] = "", end[11] = "", name[10] = "";
        if (!csl_mandate_period(c->date, start, end, name) || strcmp(start, c->start) ||
            strcmp(end, c->end) || strcmp(name, c->period))
            fail_msg("%s: %s gave %s..%s (%s)", c->name, c->date, start, end, name);
    }
    char start[11], end[11], name[10];
    assert_false(csl_mandate_period("2026-13-01", start, end, name));
}

static const struct status_case {
    const char *name, *reason, *sector, *kind, *status;
    csl_problem problem;
} status_cases[] = {
    {"a large kommun is väsentlig", "public_large", NULL, "organisation", "vasentlig", CSL_OK},
    {"a kommun of 15,000 (at most medium-sized) is viktig", "public_medium", NULL, "organisation",
     "viktig", CSL_OK},
    {"a kommunalförbund by size", "public_medium", NULL, "forbund", "viktig", CSL_OK},
    {"a large energy company is väsentlig", "sector_large", "energy", "bolag", "vasentlig", CSL_OK},
    {"a large waste company (other critical sector) is viktig", "sector_large", "waste_management",
     "bolag", "viktig", CSL_OK},
    {"a medium-sized water company is viktig", "sector_medium", "drinking_water", "bolag", "viktig",
     CSL_OK},
    {"a small energy company is not covered", "sector_small", "energy", "bolag", "ej_omfattad",
     CSL_OK},
    {"a housing company outside the sectors is not covered", "no_sector", NULL, "bolag",
     "ej_omfattad", CSL_OK},
    {"a holding company outside the sectors", "no_sector", NULL, "koncern", "ej_omfattad", CSL_OK},
    {"covered by a rule of its own", "special_vasentlig", NULL, "bolag", "vasentlig", CSL_OK},
    {"a kommun's size reason for a bolag", "public_large", NULL, "bolag", NULL,
     CSL_REASON_WRONG_KIND},
    {"a bolag's sector reason for a kommun", "sector_large", "energy", "organisation", NULL,
     CSL_REASON_WRONG_KIND},
    {"a förvaltning is no organisation of its own", "public_large", NULL, "forvaltning", NULL,
     CSL_REASON_WRONG_KIND},
    {"a sector reason without the sector", "sector_medium", NULL, "bolag", NULL, CSL_SECTOR_NEEDED},
    {"a sector that does not exist", "sector_large", "tobacco", "bolag", NULL, CSL_SECTOR_UNKNOWN},
    {"outside the sectors but naming one", "no_sector", "energy", "bolag", NULL,
     CSL_SECTOR_NOT_WANTED},
    {"no such reason", "big", NULL, "organisation", NULL, CSL_REASON_UNKNOWN},
    {"no reason", NULL, NULL, "organisation", NULL, CSL_REASON_UNKNOWN},
};

static void status_by_situation(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof status_cases / sizeof status_cases[0]; i++) {
        const struct status_case *c = &status_cases[i];
        csl_problem problem = CSL_OK;
        const char *status = csl_status_of(c->reason, c->sector, c->kind, &problem);
        bool same = c->status ? status && !strcmp(status, c->status) : !status;
        if (!same || problem != c->problem)
            fail_msg("%s: gave %s (problem %d), want %s (%d)", c->name, status ? status : "none",
                     problem, c->status ? c->status : "none", c->problem);
    }
}

static void every_reason_and_sector_is_known(void **state)
{
    (void)state;
    for (int i = 0; csl_reason_codes[i]; i++) {
        csl_problem problem;
        /* each reason fits a kommun or a bolag in some sector */
        bool fits = csl_status_of(csl_reason_codes[i], NULL, "organisation", &problem) ||
                    csl_status_of(csl_reason_codes[i], "energy", "bolag", &problem) ||
                    csl_status_of(csl_reason_codes[i], NULL, "bolag", &problem);
        if (!fits) fail_msg("reason %s fits nothing", csl_reason_codes[i]);
    }
    for (int i = 0; csl_sector_codes[i]; i++) {
        csl_problem problem;
        if (!csl_status_of("sector_medium", csl_sector_codes[i], "bolag", &problem))
            fail_msg("sector %s unknown to the rule", csl_sector_codes[i]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(change_due_by_situation),
        cmocka_unit_test(change_due_refuses_bad_dates),
        cmocka_unit_test(mandate_period_by_situation),
        cmocka_unit_test(status_by_situation),
        cmocka_unit_test(every_reason_and_sector_is_known),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
