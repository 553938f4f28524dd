/* maturity_suggest.c - the table of what lis counts for each SKR area and the rules that
 * turn the counts into a suggested MSB level (maturity_suggest.h).
 *
 * How the caps follow MSB's levels: a rule whose figure shows that nothing of the area
 * exists in lis caps at 0 (lis suggests "Nej"); one showing that the area is begun but not
 * defined (no decided policy, plan, BIA or basic course) caps at 1 (Initierad); one showing
 * that it is defined but not applied across the kommun (under half or 90 % covered, no
 * test or audit in the last year) caps at 2 (Definierad, delvis tillämpad); one showing
 * that it is applied but not followed up (reviews overdue, deadlines missed, no drill)
 * caps at 3 (Tillämpad i hela organisationen). With none failing, 4 (Följs upp och
 * förbättras). */
#include "maturity_suggest.h"
#include <stddef.h>

#define LIST(k, e, q)                                                                              \
    {                                                                                              \
        k, MS_LIST, e, q, 0                                                                        \
    }
#define REVIEW(k, rf)                                                                              \
    {                                                                                              \
        k, MS_REVIEW, NULL, NULL, rf                                                               \
    }
#define AT_LEAST(f, n, cap, why)                                                                   \
    {                                                                                              \
        f, MS_AT_LEAST, n, 0, cap, why                                                             \
    }
#define AT_MOST(f, n, cap, why)                                                                    \
    {                                                                                              \
        f, MS_AT_MOST, n, 0, cap, why                                                              \
    }
#define SHARE(f, pct, of, cap, why)                                                                \
    {                                                                                              \
        f, MS_SHARE_AT_LEAST, pct, of, cap, why                                                    \
    }
#define LAST_YEAR "_from={year_ago}"

const ms_area maturity_suggestions[MATURITY_AREAS] = {
    {"ciso",
     4,
     4,
     {LIST("ciso", "roles", "role=ciso"),
      LIST("policies", "documents", "level=policy&status_not=utkast&status_not=upphavd"),
      LIST("coordinators", "roles", "role=coordinator"),
      LIST("documents_overdue", "documents", "overdue=1")},
     {AT_LEAST(0, 1, 0, TR_mat_s_no_ciso), AT_LEAST(1, 1, 1, TR_mat_s_no_policy),
      AT_LEAST(2, 1, 2, TR_mat_s_no_coordinators), AT_MOST(3, 0, 3, TR_mat_s_documents_overdue)}},
    {"management_info",
     3,
     3,
     {LIST("reviews_held", "management_reviews", "status=held"),
      LIST("reviews_year", "management_reviews", "status=held&held_on" LAST_YEAR),
      LIST("review_decisions", "review_decisions", "")},
     {AT_LEAST(0, 1, 0, TR_mat_s_no_review), AT_LEAST(1, 1, 2, TR_mat_s_no_review_year),
      AT_LEAST(2, 1, 3, TR_mat_s_no_review_decisions)}},
    {"action_plan",
     4,
     4,
     {LIST("actions_year", "actions", "plan_year={year}"),
      LIST("plan_decided", "plan_decisions", "plan_year={year}"),
      LIST("actions_done", "actions", "plan_year={year}&status=done"),
      LIST("actions_late", "actions",
           "plan_year={year}&status_not=done&status_not=cancelled&end_date_to={yesterday}")},
     {AT_LEAST(0, 1, 0, TR_mat_s_no_actions), AT_LEAST(1, 1, 1, TR_mat_s_plan_not_decided),
      AT_LEAST(2, 1, 2, TR_mat_s_no_actions_done), AT_MOST(3, 0, 3, TR_mat_s_actions_late)}},
    {"risks",
     5,
     5,
     {LIST("analyses_done", "analyses", "status=done"),
      LIST("analyses_year", "analyses", "status=done&analysed_on" LAST_YEAR),
      REVIEW("objects", RF_OBJECTS), REVIEW("objects_analysed", RF_OBJECTS_ANALYSED),
      LIST("risks_very_high", "risks", "status=open&level=very_high")},
     {AT_LEAST(0, 1, 0, TR_mat_s_no_analyses), AT_LEAST(1, 1, 1, TR_mat_s_no_analyses_year),
      SHARE(3, 50, 2, 2, TR_mat_s_analysed_half), SHARE(3, 90, 2, 3, TR_mat_s_analysed_most),
      AT_MOST(4, 0, 3, TR_mat_s_very_high_open)}},
    {"classification",
     3,
     4,
     {REVIEW("assets", RF_ASSETS), REVIEW("assets_classified", RF_ASSETS_CLASSIFIED),
      REVIEW("classifications_overdue", RF_CLASSIFICATIONS_OVERDUE)},
     {AT_LEAST(1, 1, 0, TR_mat_s_no_classification), SHARE(1, 50, 0, 1, TR_mat_s_classified_half),
      SHARE(1, 90, 0, 2, TR_mat_s_classified_most),
      AT_MOST(2, 0, 3, TR_mat_s_classifications_overdue)}},
    {"incidents",
     3,
     3,
     {LIST("incidents", "incidents", ""), LIST("response_plans", "response_plans", ""),
      REVIEW("deadlines_late", RF_DEADLINES_LATE)},
     {AT_LEAST(0, 1, 0, TR_mat_s_no_incidents), AT_LEAST(1, 1, 1, TR_mat_s_no_response_plan),
      AT_MOST(2, 0, 3, TR_mat_s_deadlines_late)}},
    {"continuity",
     5,
     5,
     {LIST("continuity_plans", "continuity_plans", ""), LIST("bia", "bia_impacts", ""),
      LIST("tests_year", "continuity_tests", "tested_on" LAST_YEAR),
      LIST("restore_tests_year", "continuity_tests", "kind=restore&tested_on" LAST_YEAR),
      LIST("plans_overdue", "continuity_plans", "overdue=1")},
     {AT_LEAST(0, 1, 0, TR_mat_s_no_continuity_plans), AT_LEAST(1, 1, 1, TR_mat_s_no_bia),
      AT_LEAST(2, 1, 2, TR_mat_s_no_tests_year), AT_LEAST(3, 1, 2, TR_mat_s_no_restore_test),
      AT_MOST(4, 0, 3, TR_mat_s_plans_overdue)}},
    {"awareness",
     4,
     4,
     {LIST("campaigns", "training_campaigns", ""),
      LIST("basic_campaigns", "training_campaigns", "basic=1"),
      LIST("completions", "training_completions", ""),
      LIST("phishing_results", "phishing_results", "")},
     {AT_LEAST(0, 1, 0, TR_mat_s_no_training), AT_LEAST(1, 1, 1, TR_mat_s_no_basic_course),
      AT_LEAST(2, 1, 2, TR_mat_s_no_completions), AT_LEAST(3, 1, 3, TR_mat_s_no_phishing)}},
    {"procurement",
     5,
     5,
     {LIST("suppliers", "suppliers", ""), LIST("agreements", "agreements", ""),
      LIST("pub_agreements", "agreements", "kind=pub"),
      LIST("critical_suppliers", "suppliers", "critical=1"),
      LIST("suppliers_overdue", "suppliers", "overdue=1")},
     {AT_LEAST(0, 1, 0, TR_mat_s_no_suppliers), AT_LEAST(1, 1, 1, TR_mat_s_no_agreements),
      AT_LEAST(2, 1, 2, TR_mat_s_no_pub), AT_LEAST(3, 1, 2, TR_mat_s_no_critical),
      AT_MOST(4, 0, 3, TR_mat_s_suppliers_overdue)}},
    {"followup",
     4,
     4,
     {LIST("audits_held", "internal_audits", "status=held"),
      LIST("programmes", "audit_programmes", ""),
      LIST("audits_year", "internal_audits", "status=held&planned_on" LAST_YEAR),
      LIST("reviews_year", "management_reviews", "status=held&held_on" LAST_YEAR)},
     {AT_LEAST(0, 1, 0, TR_mat_s_no_audits), AT_LEAST(1, 1, 1, TR_mat_s_no_programme),
      AT_LEAST(2, 1, 2, TR_mat_s_no_audits_year), AT_LEAST(3, 1, 3, TR_mat_s_no_review_year)}},
};

static bool holds(const ms_rule *rule, const int *values, const bool *known)
{
    int v = values[rule->figure];
    if (!known[rule->figure]) return false;
    switch (rule->test) {
    case MS_AT_LEAST:
        return v >= rule->bound;
    case MS_AT_MOST:
        return v <= rule->bound;
    case MS_SHARE_AT_LEAST:
        /* a share of nothing shows nothing */
        return known[rule->of] && values[rule->of] > 0 &&
               (long long)v * 100 >= (long long)rule->bound * values[rule->of];
    }
    return false;
}

void maturity_suggest(const ms_area *a, const int *values, const bool *known, ms_suggestion *s)
{
    s->level = MATURITY_LEVELS;
    s->nreasons = 0;
    bool failed[MS_MAX_RULES] = {false};
    for (int i = 0; i < a->nrules; i++) {
        const ms_rule *rule = &a->rules[i];
        if (holds(rule, values, known)) continue;
        failed[i] = true;
        if (rule->cap < s->level) s->level = rule->cap;
        /* "under half" already says "under 90 %": one reason per figure and test */
        bool said = false;
        for (int j = 0; j < i; j++)
            said |=
                failed[j] && a->rules[j].figure == rule->figure && a->rules[j].test == rule->test;
        if (!said) s->reasons[s->nreasons++] = rule->reason;
    }
}
