/* significance.c - the significance questions as a table, and the suggestion: pure. */
#include "significance.h"
#include <string.h>

/* MCFFS 2026:8 (incident reporting, from 2026-07-01), thresholds for public administration
 * as reported in 2026 — "an activity restricted for more than about 4 hours or run on
 * manual workarounds for more than about 12 hours, protected data of at least some
 * hundreds of people, or a cost above a share of the year's budget". Shown as not
 * verified until the CISO has checked them against the regulation and saved her own. */
const sig_rule sig_rules[SIG__COUNT] = {
    [SIG_RESTRICTED_HOURS] = {"restricted_hours", "sig_restricted_hours", 4},
    [SIG_MANUAL_HOURS] = {"manual_hours", "sig_manual_hours", 12},
    [SIG_PEOPLE] = {"people", "sig_people", 200},
    [SIG_COST_PERCENT] = {"cost_percent", "sig_cost_percent", 1},
};

int sig_from_code(const char *code)
{
    for (int i = 0; code && i < SIG__COUNT; i++)
        if (!strcmp(sig_rules[i].code, code)) return i;
    return -1;
}

sig_suggestion sig_suggest(const long long value[SIG__COUNT], const long long threshold[SIG__COUNT],
                           bool met[SIG__COUNT])
{
    bool any = false, all = true;
    for (int i = 0; i < SIG__COUNT; i++) {
        met[i] = value[i] >= 0 && value[i] >= threshold[i];
        any = any || met[i];
        all = all && value[i] >= 0;
    }
    return any ? SIG_SUGGEST_YES : all ? SIG_SUGGEST_NO : SIG_SUGGEST_UNKNOWN;
}
