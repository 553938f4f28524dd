/* Unit tests of the audit pack's answers (src/followup/audit_pack.c): each of the eight
 * revisionsfrågor answered Ja / Delvis / Nej from its figures by the table's rules, named
 * by the situation an auditor would find; a figure that could not be counted never gives
 * a Ja; the list links' placeholders. Table-driven; no database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "../../src/followup/audit_pack.h"

enum { UNKNOWN = -1 };

typedef struct verdict_case {
    const char *name, *question;
    int values[AP_MAX_FIGURES]; /* UNKNOWN: not counted */
    ap_verdict verdict;
    tr_key first_reason;
} verdict_case;

static const verdict_case cases[] = {
    /* 1 organisation: ciso, it_security, coordinators, forum members */
    {"a CISO, IT security and samordnare: Ja",
     "organisation",
     {1, 2, 5, 0},
     AP_YES,
     TR_ap_yes_organisation},
    {"no CISO: Nej, whatever else there is", "organisation", {0, 2, 5, 4}, AP_NO, TR_ap_r_no_ciso},
    {"a CISO alone, nobody in IT security (the demo)",
     "organisation",
     {1, 0, 3, 0},
     AP_PARTLY,
     TR_ap_r_no_it_security},
    {"a CISO but no samordnare in the förvaltningar",
     "organisation",
     {1, 1, 0, 0},
     AP_PARTLY,
     TR_ap_r_no_coordinators},
    /* 2 styrdokument: policies, decided, overdue, audit checks */
    {"a decided policy, nothing overdue, checked in egenkontroll",
     "documents",
     {1, 6, 0, 4},
     AP_YES,
     TR_ap_yes_documents},
    {"policy not decided (the report: drafts not yet adopted)",
     "documents",
     {0, 2, 0, 1},
     AP_NO,
     TR_ap_r_no_policy},
    {"a styrdokument past its review date",
     "documents",
     {1, 6, 1, 4},
     AP_PARTLY,
     TR_ap_r_documents_overdue},
    {"never checked whether they are followed",
     "documents",
     {1, 6, 0, 0},
     AP_PARTLY,
     TR_ap_r_no_checks},
    /* 3 risk and classification: analyses, classified, unclassified, very high open */
    {"analysed and classified, no very high risk open",
     "risk",
     {3, 40, 0, 0},
     AP_YES,
     TR_ap_yes_risk},
    {"no risk analysis in a year", "risk", {0, 40, 0, 0}, AP_NO, TR_ap_r_no_analyses},
    {"nothing classified", "risk", {2, 0, 12, 0}, AP_NO, TR_ap_r_no_classification},
    {"some assets unclassified", "risk", {2, 30, 3, 0}, AP_PARTLY, TR_ap_r_unclassified},
    {"a very high risk still open", "risk", {2, 30, 0, 1}, AP_PARTLY, TR_ap_r_very_high_open},
    /* 4 detection: scans in a year, critical open, overdue */
    {"scanned, nothing overdue", "detection", {4, 2, 0}, AP_YES, TR_ap_yes_detection},
    {"never scanned", "detection", {0, 0, 0}, AP_NO, TR_ap_r_no_scans},
    {"scanned, but findings past their date",
     "detection",
     {4, 2, 3},
     AP_PARTLY,
     TR_ap_r_scan_overdue},
    /* 5 follow-up: audits held in a year, open findings, late actions, done actions */
    {"audits held, actions on time and some done",
     "followup",
     {2, 1, 0, 4},
     AP_YES,
     TR_ap_yes_followup},
    {"no internal audit in a year", "followup", {0, 0, 0, 4}, AP_NO, TR_ap_r_no_audits},
    {"actions late", "followup", {2, 0, 3, 4}, AP_PARTLY, TR_ap_r_actions_late},
    {"nothing done yet", "followup", {2, 0, 0, 0}, AP_PARTLY, TR_ap_r_no_actions_done},
    /* 6 incidents: response plans, incidents, deadlines met, late */
    {"a response plan and every deadline met",
     "incidents",
     {1, 7, 5, 0},
     AP_YES,
     TR_ap_yes_incidents},
    {"no incident routine", "incidents", {0, 7, 5, 0}, AP_NO, TR_ap_r_no_response_plan},
    {"a legal deadline missed", "incidents", {1, 7, 4, 1}, AP_PARTLY, TR_ap_r_deadlines_late},
    {"deadlines not counted for this reader: never Ja",
     "incidents",
     {1, UNKNOWN, 0, UNKNOWN},
     AP_PARTLY,
     TR_ap_r_deadlines_late},
    /* 7 continuity: plans, restore tests, tests, failed */
    {"plans with a passed restore test", "continuity", {3, 1, 2, 0}, AP_YES, TR_ap_yes_continuity},
    {"no continuity plan", "continuity", {0, 0, 0, 0}, AP_NO, TR_ap_r_no_continuity_plans},
    {"plans never restore-tested (the report's question)",
     "continuity",
     {3, 0, 1, 0},
     AP_PARTLY,
     TR_ap_r_no_restore_test},
    {"a failed test", "continuity", {3, 1, 2, 1}, AP_PARTLY, TR_ap_r_tests_failed},
    /* 8 reporting: reviews held in a year, plan decided, review decisions */
    {"reviewed and the plan decided", "reporting", {1, 1, 4}, AP_YES, TR_ap_yes_reporting},
    {"kommunstyrelsen not reported to in the year (the report's finding)",
     "reporting",
     {0, 1, 0},
     AP_NO,
     TR_ap_r_no_review},
    {"reviewed but this year's plan not decided",
     "reporting",
     {1, 0, 2},
     AP_PARTLY,
     TR_ap_r_plan_not_decided},
    {"the review's count unknown: Nej, not Ja",
     "reporting",
     {UNKNOWN, 1, 0},
     AP_NO,
     TR_ap_r_no_review},
};

static const ap_question *question(const char *key)
{
    for (int i = 0; i < AP_QUESTIONS; i++)
        if (!strcmp(audit_questions[i].key, key)) return &audit_questions[i];
    return NULL;
}

static void each_situation_gets_its_answer(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const verdict_case *c = &cases[i];
        const ap_question *q = question(c->question);
        assert_non_null(q);
        int values[AP_MAX_FIGURES] = {0};
        bool known[AP_MAX_FIGURES] = {0};
        for (int f = 0; f < q->nfigures; f++) {
            known[f] = c->values[f] != UNKNOWN;
            values[f] = known[f] ? c->values[f] : 12345; /* never read when unknown */
        }
        ap_answer a;
        audit_pack_verdict(q, values, known, &a);
        if (a.verdict != c->verdict || a.nreasons < 1 || a.reasons[0] != c->first_reason)
            fail_msg("%s: verdict %d (want %d), first reason %d (want %d)", c->name, a.verdict,
                     c->verdict, a.nreasons ? (int)a.reasons[0] : -1, (int)c->first_reason);
    }
}

/* Every failed rule gives its reason, and the worst one sets the answer. */
static void all_reasons_are_given(void **state)
{
    (void)state;
    const ap_question *q = question("risk");
    int values[] = {0, 0, 5, 2};
    bool known[] = {true, true, true, true};
    ap_answer a;
    audit_pack_verdict(q, values, known, &a);
    assert_int_equal(a.verdict, AP_NO);
    assert_int_equal(a.nreasons, 4);
    assert_int_equal(a.reasons[0], TR_ap_r_no_analyses);
    assert_int_equal(a.reasons[3], TR_ap_r_very_high_open);
}

/* The table itself: eight questions, each with figures and rules that name real figures,
 * keys unique, every list figure with a kind and filters. */
static void the_table_is_whole(void **state)
{
    (void)state;
    for (int i = 0; i < AP_QUESTIONS; i++) {
        const ap_question *q = &audit_questions[i];
        assert_true(q->nfigures >= 3 && q->nfigures <= AP_MAX_FIGURES);
        assert_true(q->nrules >= 1 && q->nrules <= AP_MAX_RULES);
        bool some_no = false;
        for (int k = 0; k < q->nrules; k++) {
            assert_in_range(q->rules[k].figure, 0, q->nfigures - 1);
            some_no |= q->rules[k].otherwise == AP_NO;
        }
        assert_true(some_no); /* each question can be answered Nej */
        for (int f = 0; f < q->nfigures; f++) {
            const ap_figure *x = &q->figures[f];
            if (x->source == AP_LIST) assert_true(x->entity && x->query);
            for (int j = 0; j < AP_QUESTIONS; j++)
                for (int g = 0; g < audit_questions[j].nfigures; g++)
                    if (j != i || g != f)
                        assert_string_not_equal(x->key, audit_questions[j].figures[g].key);
            char out[512];
            if (x->source == AP_LIST)
                assert_true(audit_pack_query(x->query, "2026", "2025-12-04", "2026-12-03", out,
                                             sizeof out));
        }
    }
}

typedef struct query_case {
    const char *tmpl, *want; /* want NULL: refused */
    size_t room;
} query_case;

static void placeholders_are_filled(void **state)
{
    (void)state;
    static const query_case qc[] = {
        {"", "", 16},
        {"role=ciso", "role=ciso", 64},
        {"plan_year={year}&end_date_to={yesterday}", "plan_year=2026&end_date_to=2026-12-03", 64},
        {"tested_on_from={year_ago}", "tested_on_from=2025-12-04", 64},
        {"x={month}", NULL, 64},                    /* an unknown placeholder */
        {"tested_on_from={year_ago}", NULL, 20},    /* no room */
        {"plan_year={year}", "plan_year=2026", 15}, /* exactly room */
        {"plan_year={year}", NULL, 14},
    };
    for (size_t i = 0; i < sizeof qc / sizeof qc[0]; i++) {
        char out[128];
        bool ok = audit_pack_query(qc[i].tmpl, "2026", "2025-12-04", "2026-12-03", out, qc[i].room);
        assert_int_equal(ok, qc[i].want != NULL);
        if (ok) assert_string_equal(out, qc[i].want);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(each_situation_gets_its_answer),
        cmocka_unit_test(all_reasons_are_given),
        cmocka_unit_test(the_table_is_whole),
        cmocka_unit_test(placeholders_are_filled),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
