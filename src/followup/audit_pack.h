/* audit_pack.h - the revisionspaket: the eight questions of a kommun's audit of its
 * IT security (the revisionsfrågor of seed 002, the KPMG report to kommunstyrelsen), each
 * answered from lis's own data: a short answer (Ja / Delvis / Nej) with its reason in
 * words, the figures behind it, and for every figure the filtered list that shows exactly
 * what was counted. The questions are a table (audit_questions): the question in Swedish
 * and English, its figures (a list and its filters, or a figure lis counts elsewhere) and
 * the rules that turn the figures into the answer. The answer is a pure function of the
 * figures (audit_pack_verdict), tested by situations (tests/unit/test_audit_pack.c).
 *
 * Scope: the pack is the whole tenant's, as the auditors' report is. A reader whose
 * rights stop at some units gets no pack (403), rather than a pack that silently answers
 * for part of the kommun (audit_pack_allowed). */
#ifndef LIS_FOLLOWUP_AUDIT_PACK_H
#define LIS_FOLLOWUP_AUDIT_PACK_H
#include "../core/i18n.h"
#include <stdbool.h>
#include <stddef.h>

enum {
    AP_QUESTIONS = 8,
    AP_MAX_FIGURES = 5,
    AP_MAX_RULES = 4,
};

/* The short answer, from best to worst. */
typedef enum ap_verdict { AP_YES, AP_PARTLY, AP_NO } ap_verdict;

/* Where a figure comes from. */
typedef enum ap_source {
    AP_LIST,           /* the number of rows of a list with filters: reproducible by its link */
    AP_INCIDENTS_YEAR, /* this year's incidents (the lägesbild's, in aggregate: auditors see
                        * incidents only so, the register only their own) */
    AP_DEADLINES_MET,  /* this year's legal deadlines of incidents met (the lägesbild's) */
    AP_DEADLINES_LATE, /* … missed: sent late, or past due unsent */
} ap_source;

typedef struct ap_figure {
    const char *key; /* stable, for the API and the tests */
    tr_key label;
    ap_source source;
    /* AP_LIST: the kind of record and the list's filters as a query string, in which
     * {year} is this year, {year_ago} the day a year ago and {yesterday} yesterday's date */
    const char *entity, *query;
} ap_figure;

typedef enum ap_test { AP_AT_LEAST, AP_AT_MOST } ap_test;

/* One rule: the figure (an index into the question's figures) must be at least / at most
 * bound; when it is not (or could not be counted) the answer is at best `otherwise`, and
 * reason says why in words. */
typedef struct ap_rule {
    int figure;
    ap_test test;
    int bound;
    ap_verdict otherwise;
    tr_key reason;
} ap_rule;

typedef struct ap_question {
    const char *key;
    tr_key question; /* the revisionsfråga, as the auditors ask it */
    tr_key title;    /* short: the sheet's name ("1 Organisation") */
    tr_key yes;      /* the reason when every rule holds */
    int nfigures, nrules;
    ap_figure figures[AP_MAX_FIGURES];
    ap_rule rules[AP_MAX_RULES];
} ap_question;

extern const ap_question audit_questions[AP_QUESTIONS];

typedef struct ap_answer {
    ap_verdict verdict;
    int nreasons;
    tr_key reasons[AP_MAX_RULES]; /* the failed rules' reasons, or the question's yes */
} ap_answer;

/* Pure: the answer to q from its figures' values (known[i] false: not counted, which
 * fails every rule on it). Each failed rule lowers the answer to its `otherwise`. */
void audit_pack_verdict(const ap_question *q, const int *values, const bool *known, ap_answer *a);

/* Pure: tmpl with {year}, {year_ago} and {yesterday} replaced; false when out is too
 * small or tmpl names another placeholder. */
bool audit_pack_query(const char *tmpl, const char *year, const char *year_ago,
                      const char *yesterday, char *out, size_t n);

/* The figure of that key in any question, or NULL: the national view counts the same. */
const ap_figure *audit_pack_figure(const char *key);

/* The answer's word ("Ja", "Delvis", "Nej") and its code ("yes", "partly", "no"). */
tr_key audit_pack_verdict_label(ap_verdict v);
const char *audit_pack_verdict_code(ap_verdict v);
#endif
