/* maturity_suggest.h - the level lis suggests for each SKR area from its own data, and why.
 * Each area is a row of a table: the figures lis counts (a list of the engine with its
 * filters, reproducible by its link, or one of the management review's counts) and the
 * rules that hold the suggestion below a level while a figure says the work is not there
 * yet. MSB's levels are cumulative, so the suggestion is the lowest cap of the rules that
 * fail: 0 means lis sees nothing of the area ("Nej"), 4 that every rule holds. The
 * suggestion is a pure function of the figures (maturity_suggest), tested by situations
 * (tests/unit/test_maturity.c); the CISO answers, lis only proposes. */
#ifndef LIS_FOLLOWUP_MATURITY_SUGGEST_H
#define LIS_FOLLOWUP_MATURITY_SUGGEST_H
#include "maturity_areas.h"
#include "review_figures.h"
#include <stdbool.h>

enum { MS_MAX_FIGURES = 5, MS_MAX_RULES = 5 };

typedef enum ms_source {
    MS_LIST,   /* the rows of a list with filters ({year}, {year_ago}, {yesterday}) */
    MS_REVIEW, /* a figure the management review counts (review_figures.h) */
} ms_source;

typedef struct ms_figure {
    const char *key; /* stable, for the API and the tests */
    ms_source source;
    const char *entity, *query; /* MS_LIST */
    review_figure review;       /* MS_REVIEW */
} ms_figure;

typedef enum ms_test {
    MS_AT_LEAST,       /* figure ≥ bound */
    MS_AT_MOST,        /* figure ≤ bound */
    MS_SHARE_AT_LEAST, /* figure is at least bound per cent of figure `of` (which is > 0) */
} ms_test;

/* When the test fails (or a figure it reads is not known) the suggestion is at most cap,
 * and reason says why in words. */
typedef struct ms_rule {
    int figure;
    ms_test test;
    int bound, of;
    int cap;
    tr_key reason;
} ms_rule;

typedef struct ms_area {
    const char *area; /* maturity_areas' code */
    int nfigures, nrules;
    ms_figure figures[MS_MAX_FIGURES];
    ms_rule rules[MS_MAX_RULES]; /* in the order of their caps, lowest first */
} ms_area;

/* in the order of maturity_areas */
extern const ms_area maturity_suggestions[MATURITY_AREAS];

typedef struct ms_suggestion {
    int level; /* 0: lis suggests "Nej"; 1–4 */
    int nreasons;
    /* the failed rules' reasons (one per figure and test: the lowest share missed); none at
     * level 4 */
    tr_key reasons[MS_MAX_RULES];
} ms_suggestion;

/* Pure: the suggestion for a from its figures' values. */
void maturity_suggest(const ms_area *a, const int *values, const bool *known, ms_suggestion *s);
#endif
