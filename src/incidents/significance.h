/* significance.h - support for the assessment whether an incident is significant under
 * Cybersäkerhetslagen: the handler answers a few questions (how long an activity was
 * restricted or run on manual workarounds, how many people's protected data, the cost as
 * a share of the year's budget); each is compared with a threshold the CISO keeps (lis's
 * defaults are MCFFS 2026:8's thresholds for public administration *as reported*, marked
 * as not yet verified against the regulation's text); lis suggests an answer and writes
 * the answers into the reason. The handler decides. */
#ifndef LIS_SIGNIFICANCE_H
#define LIS_SIGNIFICANCE_H
#include <stdbool.h>

typedef enum sig_criterion {
    SIG_RESTRICTED_HOURS, /* an activity restricted or down, hours */
    SIG_MANUAL_HOURS,     /* run on manual workarounds, hours */
    SIG_PEOPLE,           /* people whose protected data is affected */
    SIG_COST_PERCENT,     /* cost, percent of the year's budget */
    SIG__COUNT
} sig_criterion;

typedef struct sig_rule {
    const char *code;            /* "restricted_hours": the threshold row's criterion */
    const char *field;           /* the incident's column holding the answer */
    long long default_threshold; /* as reported; to be verified */
} sig_rule;
extern const sig_rule sig_rules[SIG__COUNT];
int sig_from_code(const char *code); /* -1 if unknown */

typedef enum sig_suggestion { SIG_SUGGEST_UNKNOWN, SIG_SUGGEST_YES, SIG_SUGGEST_NO } sig_suggestion;

/* Pure. value[i] < 0: not answered. Yes when any answer reaches its threshold; no when
 * every question is answered and none does; otherwise unknown (more answers needed).
 * met[i] says which reached it. */
sig_suggestion sig_suggest(const long long value[SIG__COUNT], const long long threshold[SIG__COUNT],
                           bool met[SIG__COUNT]);
#endif
