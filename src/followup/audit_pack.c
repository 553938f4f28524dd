/* audit_pack.c - the eight revisionsfrågor as a table, and the pure rules that answer
 * them (see audit_pack.h). Each figure is a list of the engine with its filters, so the
 * auditor can open the list and count the same rows. The three incident figures are the
 * lägesbild's (they read every incident's clocks) and link to it: it shows the same tally
 * to the same readers, auditors seeing incidents in aggregate only.
 *
 * Why these figures (the report's findings, seed 002): an organisation with named roles
 * (a CISO, IT security, samordnare in the förvaltningar, a forum); styrdokument decided
 * and kept up to date, and checked in the egenkontroll ("säkerställs det att dessa
 * följs"); risk analyses and classification done and what they found acted on; detection
 * shown by scanning and by closing what it finds in time; follow-up by internal audits and
 * the handlingsplan kept to; an incident routine (response plans) and the legal deadlines
 * met; continuity plans whose restore has been tested; and reporting to kommunstyrelsen
 * through the management review and the decided handlingsplan — the report's main gap. */
#include "audit_pack.h"
#include <string.h>

#define LIST(k, l, e, q)                                                                           \
    {                                                                                              \
        k, l, AP_LIST, e, q                                                                        \
    }
#define HELD_YEAR "&planned_on_from={year_ago}"

const ap_question audit_questions[AP_QUESTIONS] = {
    {
        "organisation",
        TR_ap_q_organisation,
        TR_ap_t_organisation,
        TR_ap_yes_organisation,
        4,
        3,
        {
            LIST("ciso", TR_ap_f_ciso, "roles", "role=ciso"),
            LIST("it_security", TR_ap_f_it_security, "roles", "role=it_security"),
            LIST("coordinators", TR_ap_f_coordinators, "roles", "role=coordinator"),
            LIST("forum_members", TR_ap_f_forum_members, "roles", "role=forum_member"),
        },
        {
            {0, AP_AT_LEAST, 1, AP_NO, TR_ap_r_no_ciso},
            {1, AP_AT_LEAST, 1, AP_PARTLY, TR_ap_r_no_it_security},
            {2, AP_AT_LEAST, 1, AP_PARTLY, TR_ap_r_no_coordinators},
        },
    },
    {
        "documents",
        TR_ap_q_documents,
        TR_ap_t_documents,
        TR_ap_yes_documents,
        5,
        4,
        {
            LIST("policies", TR_ap_f_policies, "documents",
                 "level=policy&status_not=utkast&status_not=upphavd"),
            LIST("documents_decided", TR_ap_f_documents_decided, "documents",
                 "status_not=utkast&status_not=upphavd"),
            LIST("documents_overdue", TR_ap_f_documents_overdue, "documents", "overdue=1"),
            LIST("audit_checks", TR_ap_f_audit_checks, "audit_checks", ""),
            /* are they followed: the organisation-wide requirements (a policy adopted, roles
             * named, management trained) assessed once for the tenant and not met */
            LIST("org_gaps", TR_ap_f_org_gaps, "org_answers", "status_not=met&status_not=na"),
        },
        {
            {0, AP_AT_LEAST, 1, AP_NO, TR_ap_r_no_policy},
            {2, AP_AT_MOST, 0, AP_PARTLY, TR_ap_r_documents_overdue},
            {3, AP_AT_LEAST, 1, AP_PARTLY, TR_ap_r_no_checks},
            {4, AP_AT_MOST, 0, AP_PARTLY, TR_ap_r_org_gaps},
        },
    },
    {
        "risk",
        TR_ap_q_risk,
        TR_ap_t_risk,
        TR_ap_yes_risk,
        4,
        4,
        {
            LIST("analyses_year", TR_ap_f_analyses_year, "analyses",
                 "status=done&analysed_on_from={year_ago}"),
            LIST("assets_classified", TR_ap_f_assets_classified, "assets", "classified=yes"),
            LIST("assets_unclassified", TR_ap_f_assets_unclassified, "assets", "classified=no"),
            LIST("risks_very_high", TR_ap_f_risks_very_high, "risks",
                 "status=open&level=very_high"),
        },
        {
            {0, AP_AT_LEAST, 1, AP_NO, TR_ap_r_no_analyses},
            {1, AP_AT_LEAST, 1, AP_NO, TR_ap_r_no_classification},
            {2, AP_AT_MOST, 0, AP_PARTLY, TR_ap_r_unclassified},
            {3, AP_AT_MOST, 0, AP_PARTLY, TR_ap_r_very_high_open},
        },
    },
    {
        "detection",
        TR_ap_q_detection,
        TR_ap_t_detection,
        TR_ap_yes_detection,
        3,
        2,
        {
            LIST("scans_year", TR_ap_f_scans_year, "scan_imports", "scanned_on_from={year_ago}"),
            LIST("scan_critical_open", TR_ap_f_scan_critical_open, "scan_findings",
                 "status=open&severity=critical"),
            LIST("scan_overdue", TR_ap_f_scan_overdue, "scan_findings", "overdue=1"),
        },
        {
            {0, AP_AT_LEAST, 1, AP_NO, TR_ap_r_no_scans},
            {2, AP_AT_MOST, 0, AP_PARTLY, TR_ap_r_scan_overdue},
        },
    },
    {
        "followup",
        TR_ap_q_followup,
        TR_ap_t_followup,
        TR_ap_yes_followup,
        4,
        3,
        {
            LIST("audits_year", TR_ap_f_audits_year, "internal_audits", "status=held" HELD_YEAR),
            LIST("findings_open", TR_ap_f_findings_open, "audit_findings", "status=open"),
            LIST("actions_late", TR_ap_f_actions_late, "actions",
                 "plan_year={year}&status_not=done&status_not=cancelled&end_date_to={yesterday}"),
            LIST("actions_done", TR_ap_f_actions_done, "actions", "plan_year={year}&status=done"),
        },
        {
            {0, AP_AT_LEAST, 1, AP_NO, TR_ap_r_no_audits},
            {2, AP_AT_MOST, 0, AP_PARTLY, TR_ap_r_actions_late},
            {3, AP_AT_LEAST, 1, AP_PARTLY, TR_ap_r_no_actions_done},
        },
    },
    {
        "incidents",
        TR_ap_q_incidents,
        TR_ap_t_incidents,
        TR_ap_yes_incidents,
        4,
        2,
        {
            LIST("response_plans", TR_ap_f_response_plans, "response_plans", ""),
            {"incidents_year", TR_ap_f_incidents_year, AP_INCIDENTS_YEAR, NULL, NULL},
            {"deadlines_met", TR_ap_f_deadlines_met, AP_DEADLINES_MET, NULL, NULL},
            {"deadlines_late", TR_ap_f_deadlines_late, AP_DEADLINES_LATE, NULL, NULL},
        },
        {
            {0, AP_AT_LEAST, 1, AP_NO, TR_ap_r_no_response_plan},
            {3, AP_AT_MOST, 0, AP_PARTLY, TR_ap_r_deadlines_late},
        },
    },
    {
        "continuity",
        TR_ap_q_continuity,
        TR_ap_t_continuity,
        TR_ap_yes_continuity,
        4,
        3,
        {
            LIST("continuity_plans", TR_ap_f_continuity_plans, "continuity_plans", ""),
            LIST("restore_tests_year", TR_ap_f_restore_tests_year, "continuity_tests",
                 "kind=restore&tested_on_from={year_ago}"),
            LIST("tests_year", TR_ap_f_tests_year, "continuity_tests", "tested_on_from={year_ago}"),
            LIST("tests_failed_year", TR_ap_f_tests_failed_year, "continuity_tests",
                 "result=failed&tested_on_from={year_ago}"),
        },
        {
            {0, AP_AT_LEAST, 1, AP_NO, TR_ap_r_no_continuity_plans},
            {1, AP_AT_LEAST, 1, AP_PARTLY, TR_ap_r_no_restore_test},
            {3, AP_AT_MOST, 0, AP_PARTLY, TR_ap_r_tests_failed},
        },
    },
    {
        "reporting",
        TR_ap_q_reporting,
        TR_ap_t_reporting,
        TR_ap_yes_reporting,
        3,
        2,
        {
            LIST("reviews_year", TR_ap_f_reviews_year, "management_reviews",
                 "status=held&held_on_from={year_ago}"),
            LIST("plan_decided", TR_ap_f_plan_decided, "plan_decisions", "plan_year={year}"),
            LIST("review_decisions", TR_ap_f_review_decisions, "review_decisions", ""),
        },
        {
            {0, AP_AT_LEAST, 1, AP_NO, TR_ap_r_no_review},
            {1, AP_AT_LEAST, 1, AP_PARTLY, TR_ap_r_plan_not_decided},
        },
    },
};

void audit_pack_verdict(const ap_question *q, const int *values, const bool *known, ap_answer *a)
{
    memset(a, 0, sizeof *a);
    a->verdict = AP_YES;
    for (int i = 0; i < q->nrules && i < AP_MAX_RULES; i++) {
        const ap_rule *rule = &q->rules[i];
        bool counted = rule->figure >= 0 && rule->figure < q->nfigures && known[rule->figure];
        int v = counted ? values[rule->figure] : 0;
        bool holds = counted && (rule->test == AP_AT_LEAST ? v >= rule->bound : v <= rule->bound);
        if (holds) continue;
        if (rule->otherwise > a->verdict) a->verdict = rule->otherwise;
        a->reasons[a->nreasons++] = rule->reason;
    }
    if (a->verdict == AP_YES) a->reasons[a->nreasons++] = q->yes;
}

bool audit_pack_query(const char *tmpl, const char *year, const char *year_ago,
                      const char *yesterday, char *out, size_t n)
{
    static const char *const names[] = {"{year}", "{year_ago}", "{yesterday}"};
    const char *values[] = {year, year_ago, yesterday};
    size_t o = 0;
    if (!n) return false;
    for (const char *p = tmpl; *p;) {
        const char *put = NULL;
        size_t skip = 1;
        if (*p == '{') {
            for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
                if (!strncmp(p, names[k], strlen(names[k]))) {
                    put = values[k];
                    skip = strlen(names[k]);
                }
            if (!put) return false;
        }
        size_t len = put ? strlen(put) : 1;
        if (o + len >= n) return false;
        memcpy(out + o, put ? put : p, len);
        o += len;
        p += skip;
    }
    out[o] = 0;
    return true;
}

tr_key audit_pack_verdict_label(ap_verdict v)
{
    return v == AP_YES ? TR_ap_yes : v == AP_PARTLY ? TR_ap_partly : TR_ap_no;
}

const char *audit_pack_verdict_code(ap_verdict v)
{
    return v == AP_YES ? "yes" : v == AP_PARTLY ? "partly" : "no";
}

const ap_figure *audit_pack_figure(const char *key)
{
    for (int q = 0; key && q < AP_QUESTIONS; q++)
        for (int i = 0; i < audit_questions[q].nfigures; i++)
            if (!strcmp(audit_questions[q].figures[i].key, key))
                return &audit_questions[q].figures[i];
    return NULL;
}
