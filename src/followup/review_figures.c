/* review_figures.c - the inputs of a management review counted from live data, and the
 * snapshot that keeps them once the review is held. The lägesbild's figures are reused
 * (src/dashboard/figures.c), so the review and the lägesbild never disagree; the audit
 * and decision figures are this area's own. Every count stays within the caller's read
 * scope, as the lägesbild's do. */
#include "followup.h"
#include "../actions/actions.h"
#include "../core/util.h"
#include "../dashboard/figures.h"
#include "../awareness/awareness.h"
#include "../requirements/requirements.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

const review_figure_info review_figure_infos[RF__COUNT] = {
    [RF_DECISIONS_EARLIER] = {"decisions_earlier", TR_fu_rf_decisions_earlier, RS_DECISIONS},
    [RF_DECISIONS_DONE] = {"decisions_done", TR_fu_rf_decisions_done, RS_DECISIONS},
    [RF_DECISIONS_ONGOING] = {"decisions_ongoing", TR_fu_rf_decisions_ongoing, RS_DECISIONS},
    [RF_DECISIONS_NO_ACTION] = {"decisions_no_action", TR_fu_rf_decisions_no_action, RS_DECISIONS},
    [RF_OBJECTS] = {"objects", TR_fu_rf_objects, RS_COVERAGE},
    [RF_OBJECTS_ANALYSED] = {"objects_analysed", TR_fu_rf_objects_analysed, RS_COVERAGE},
    [RF_ASSETS] = {"assets", TR_fu_rf_assets, RS_COVERAGE},
    [RF_ASSETS_CLASSIFIED] = {"assets_classified", TR_fu_rf_assets_classified, RS_COVERAGE},
    [RF_CLASSIFICATIONS_OVERDUE] = {"classifications_overdue", TR_fu_rf_classifications_overdue,
                                    RS_COVERAGE},
    [RF_ORG_WIDE_GAPS] = {"org_wide_gaps", TR_fu_rf_org_wide_gaps, RS_COVERAGE},
    [RF_GOALS] = {"goals", TR_fu_rf_goals, RS_OBJECTIVES},
    [RF_GOAL_ACTIONS] = {"goal_actions", TR_fu_rf_goal_actions, RS_OBJECTIVES},
    [RF_GOAL_ACTIONS_DONE] = {"goal_actions_done", TR_fu_rf_goal_actions_done, RS_OBJECTIVES},
    [RF_GOAL_ACTIONS_LATE] = {"goal_actions_late", TR_fu_rf_goal_actions_late, RS_OBJECTIVES},
    [RF_TRAINING_REACHED] = {"training_reached", TR_fu_rf_training_reached, RS_OBJECTIVES},
    [RF_TRAINING_DONE] = {"training_done", TR_fu_rf_training_done, RS_OBJECTIVES},
    [RF_TRAINING_SHARE] = {"training_share", TR_fu_rf_training_share, RS_OBJECTIVES},
    [RF_INCIDENTS_YEAR] = {"incidents_year", TR_fu_rf_incidents_year, RS_INCIDENTS},
    [RF_DEADLINES_MET] = {"deadlines_met", TR_fu_rf_deadlines_met, RS_INCIDENTS},
    [RF_DEADLINES_LATE] = {"deadlines_late", TR_fu_rf_deadlines_late, RS_INCIDENTS},
    [RF_AUDITS_PLANNED] = {"audits_planned", TR_fu_rf_audits_planned, RS_AUDITS},
    [RF_AUDITS_HELD] = {"audits_held", TR_fu_rf_audits_held, RS_AUDITS},
    [RF_AUDITS_LATE] = {"audits_late", TR_fu_rf_audits_late, RS_AUDITS},
    [RF_FINDINGS_DEVIATION] = {"findings_deviation", TR_fu_rf_findings_deviation, RS_AUDITS},
    [RF_FINDINGS_OBSERVATION] = {"findings_observation", TR_fu_rf_findings_observation, RS_AUDITS},
    [RF_FINDINGS_IMPROVEMENT] = {"findings_improvement", TR_fu_rf_findings_improvement, RS_AUDITS},
    [RF_FINDINGS_OPEN] = {"findings_open", TR_fu_rf_findings_open, RS_AUDITS},
    [RF_FINDINGS_NO_ACTION] = {"findings_no_action", TR_fu_rf_findings_no_action, RS_AUDITS},
    [RF_RISKS_OPEN] = {"risks_open", TR_fu_rf_risks_open, RS_RISKS},
    [RF_RISKS_VERY_HIGH] = {"risks_very_high", TR_fu_rf_risks_very_high, RS_RISKS},
    [RF_RISKS_HIGH] = {"risks_high", TR_fu_rf_risks_high, RS_RISKS},
    [RF_RISK_REVIEWS_LATE] = {"risk_reviews_late", TR_fu_rf_risk_reviews_late, RS_RISKS},
    [RF_ACTIONS_LATE] = {"actions_late", TR_fu_rf_actions_late, RS_ACTIONS},
    [RF_ACTIONS_DONE] = {"actions_done", TR_fu_rf_actions_done, RS_ACTIONS},
};

const tr_key review_section_labels[RS__COUNT] = {
    [RS_DECISIONS] = TR_fu_rs_decisions,   [RS_COVERAGE] = TR_fu_rs_coverage,
    [RS_INCIDENTS] = TR_fu_rs_incidents,   [RS_AUDITS] = TR_fu_rs_audits,
    [RS_OBJECTIVES] = TR_fu_rs_objectives, [RS_RISKS] = TR_fu_rs_risks,
    [RS_ACTIONS] = TR_fu_rs_actions,
};

static void put(review_figures *f, review_figure which, int v)
{
    f->value[which] = v;
    f->known[which] = true;
}

static int cell_int(const db_res *res, int col)
{
    const char *v = res->nrows ? db_cell(res, 0, col) : NULL;
    return v ? atoi(v) : 0;
}

/* Earlier reviews' decisions, by what became of the actions made from them. */
static bool count_decisions(req *r, int64_t review_id, review_figures *f)
{
    const char *scope = entity_read_scope(r, &entity_actions, "a");
    const char *made = arena_printf(r->a,
                                    "SELECT 1 FROM action_item a WHERE a.tenant_id = d.tenant_id "
                                    "AND a.source_entity = 'review_decisions' AND a.source_id = "
                                    "d.id%s",
                                    scope);
    const char *sql = arena_printf(
        r->a,
        "SELECT COUNT(*), SUM(CASE WHEN EXISTS (%s AND a.status NOT IN ('done', 'cancelled')) "
        "THEN 1 ELSE 0 END), SUM(CASE WHEN EXISTS (%s) THEN 0 ELSE 1 END) FROM review_decision d "
        "JOIN management_review m ON m.id = d.review_id AND m.tenant_id = d.tenant_id WHERE "
        "d.tenant_id = $1 AND m.status = 'held' AND m.id <> CAST($2 AS BIGINT)%s",
        made, made, entity_read_scope(r, &entity_review_decisions, "d"));
    const char *p[] = {tenant_param(r), int_text(r->a, review_id)};
    db_res *res = NULL;
    if (db_query(r->db, r->a, sql, 2, p, &res) != DB_OK) return false;
    int all = cell_int(res, 0), ongoing = cell_int(res, 1), none = cell_int(res, 2);
    put(f, RF_DECISIONS_EARLIER, all);
    put(f, RF_DECISIONS_ONGOING, ongoing);
    put(f, RF_DECISIONS_NO_ACTION, none);
    put(f, RF_DECISIONS_DONE, all - ongoing - none);
    return true;
}

/* This year's programme and its findings; every open finding and those without action. */
static bool count_audits(req *r, review_figures *f)
{
    int year = atoi(f->counted_on);
    const char *p[] = {tenant_param(r), arena_printf(r->a, "%04d-01-01", year),
                       arena_printf(r->a, "%04d-01-01", year + 1), f->counted_on};
    db_res *res = NULL;
    if (db_query(r->db, r->a,
                 "SELECT COUNT(*), SUM(CASE WHEN status = 'held' THEN 1 ELSE 0 END), SUM(CASE "
                 "WHEN status = 'planned' AND planned_on < $4 THEN 1 ELSE 0 END) FROM "
                 "internal_audit WHERE tenant_id = $1 AND planned_on >= $2 AND planned_on < $3 "
                 "AND status <> 'cancelled'",
                 4, p, &res) != DB_OK)
        return false;
    put(f, RF_AUDITS_PLANNED, cell_int(res, 0));
    put(f, RF_AUDITS_HELD, cell_int(res, 1));
    put(f, RF_AUDITS_LATE, cell_int(res, 2));
    const char *scope = entity_read_scope(r, &entity_audit_findings, "x");
    if (db_query(r->db, r->a,
                 arena_printf(r->a,
                              "SELECT SUM(CASE WHEN x.kind = 'deviation' THEN 1 ELSE 0 END), "
                              "SUM(CASE WHEN x.kind = 'observation' THEN 1 ELSE 0 END), SUM(CASE "
                              "WHEN x.kind = 'improvement' THEN 1 ELSE 0 END) FROM audit_finding "
                              "x JOIN internal_audit a ON a.id = x.audit_id AND a.tenant_id = "
                              "x.tenant_id WHERE x.tenant_id = $1 AND a.planned_on >= $2 AND "
                              "a.planned_on < $3%s",
                              scope),
                 3, p, &res) != DB_OK)
        return false;
    put(f, RF_FINDINGS_DEVIATION, cell_int(res, 0));
    put(f, RF_FINDINGS_OBSERVATION, cell_int(res, 1));
    put(f, RF_FINDINGS_IMPROVEMENT, cell_int(res, 2));
    if (db_query(r->db, r->a,
                 arena_printf(r->a,
                              "SELECT COUNT(*), SUM(CASE WHEN EXISTS (SELECT 1 FROM action_item "
                              "c WHERE c.tenant_id = x.tenant_id AND c.source_entity = "
                              "'audit_findings' AND c.source_id = x.id) THEN 0 ELSE 1 END) FROM "
                              "audit_finding x WHERE x.tenant_id = $1 AND x.status = 'open'%s",
                              scope),
                 1, p, &res) != DB_OK)
        return false;
    put(f, RF_FINDINGS_OPEN, cell_int(res, 0));
    put(f, RF_FINDINGS_NO_ACTION, cell_int(res, 1));
    return true;
}

/* Copies text into a goal's fixed room, cut at a whole UTF-8 character. */
static void goal_copy(char *to, const char *text)
{
    size_t n = strlen(text);
    if (n >= REVIEW_GOAL_BYTES) {
        n = REVIEW_GOAL_BYTES - 1;
        while (n && ((unsigned char)text[n] & 0xC0) == 0x80)
            n--;
    }
    memcpy(to, text, n);
    to[n] = 0;
}

const review_goal *review_goal_find(const review_figures *f, const char *goal)
{
    char key[REVIEW_GOAL_BYTES];
    goal_copy(key, goal ? goal : "");
    for (int i = 0; i < f->ngoals; i++)
        if (!strcmp(f->goals[i].goal, key)) return &f->goals[i];
    return NULL;
}

/* The objectives: the goals of this year's handlingsplan — the goals its actions serve
 * (the same words, the same goal) — and how far their actions are done, within the
 * reader's read scope of actions; and the basic course's training share. */
static bool count_objectives(req *r, review_figures *f)
{
    const char *p[] = {tenant_param(r), int_text(r->a, atoi(f->counted_on)), f->counted_on};
    db_res *res = NULL;
    if (db_query(r->db, r->a,
                 arena_printf(r->a,
                              "SELECT TRIM(t.goal), COUNT(*), SUM(CASE WHEN t.status = 'done' "
                              "THEN 1 ELSE 0 END), SUM(CASE WHEN t.status IN ('planned', "
                              "'ongoing') AND t.end_date < $3 THEN 1 ELSE 0 END) FROM action_item "
                              "t WHERE t.tenant_id = $1 AND t.plan_year = CAST($2 AS INTEGER) AND "
                              "t.status <> 'cancelled' AND t.goal IS NOT NULL AND TRIM(t.goal) <> "
                              "''%s GROUP BY TRIM(t.goal) ORDER BY COUNT(*) DESC, TRIM(t.goal)",
                              entity_read_scope(r, &entity_actions, "t")),
                 3, p, &res) != DB_OK)
        return false;
    int total = 0, done = 0, late = 0;
    for (int i = 0; i < res->nrows; i++) {
        int t = atoi(db_cell(res, i, 1)), d = atoi(db_cell(res, i, 2)),
            l = atoi(db_cell(res, i, 3));
        total += t;
        done += d;
        late += l;
        if (f->ngoals == REVIEW_MAX_GOALS) continue; /* counted, not listed */
        review_goal *g = &f->goals[f->ngoals++];
        goal_copy(g->goal, db_cell(res, i, 0));
        g->total = t;
        g->done = d;
        g->late = l;
    }
    put(f, RF_GOALS, res->nrows);
    put(f, RF_GOAL_ACTIONS, total);
    put(f, RF_GOAL_ACTIONS_DONE, done);
    put(f, RF_GOAL_ACTIONS_LATE, late);
    long long trained, reached;
    int counted = awareness_basic_share(r, &reached, &trained);
    if (counted < 0) return false;
    if (counted) {
        put(f, RF_TRAINING_REACHED, (int)reached);
        put(f, RF_TRAINING_DONE, (int)trained);
        put(f, RF_TRAINING_SHARE, awareness_share_percent(trained, reached));
    }
    /* the organisation-wide requirements, once for the tenant (src/requirements/org.c) */
    org_assessment org;
    if (!org_assessment_load(r, &org)) return false;
    if (org.answers_readable) put(f, RF_ORG_WIDE_GAPS, org.gaps);
    return true;
}

bool review_figures_count(req *r, int64_t review_id, review_figures *f)
{
    memset(f, 0, sizeof *f);
    dash_scope tenant = {.filter = ""};
    dash_figures d;
    if (!dash_figures_load(r, &tenant, &d)) return false;
    snprintf(f->counted_on, sizeof f->counted_on, "%s", d.today);
    put(f, RF_OBJECTS, d.objects);
    put(f, RF_OBJECTS_ANALYSED, d.analysed);
    put(f, RF_ASSETS, d.assets);
    put(f, RF_ASSETS_CLASSIFIED, d.classified);
    put(f, RF_CLASSIFICATIONS_OVERDUE, d.cls_overdue);
    if (d.incidents) { /* the tenant's incidents in aggregate: for those who may see them */
        put(f, RF_INCIDENTS_YEAR, d.inc_year);
        put(f, RF_DEADLINES_MET, d.dl_met);
        put(f, RF_DEADLINES_LATE, d.dl_late);
    }
    put(f, RF_RISKS_OPEN, d.open);
    put(f, RF_RISKS_VERY_HIGH, d.very_high);
    put(f, RF_RISKS_HIGH, d.high);
    put(f, RF_RISK_REVIEWS_LATE, d.reviews);
    put(f, RF_ACTIONS_LATE, d.late);
    put(f, RF_ACTIONS_DONE, d.done);
    return count_decisions(r, review_id, f) && count_audits(r, f) && count_objectives(r, f);
}

const char *review_figures_json(req *r, const review_figures *f)
{
    json_t *figures = json_object();
    for (int i = 0; i < RF__COUNT; i++)
        if (f->known[i])
            json_object_set_new(figures, review_figure_infos[i].key, json_integer(f->value[i]));
    json_t *goals = json_array();
    for (int i = 0; i < f->ngoals; i++)
        json_array_append_new(goals, json_pack("{s:s, s:i, s:i, s:i}", "goal", f->goals[i].goal,
                                               "total", f->goals[i].total, "done", f->goals[i].done,
                                               "late", f->goals[i].late));
    json_t *root = json_pack("{s:s, s:o, s:o}", "counted_on", f->counted_on, "figures", figures,
                             "goals", goals);
    char *text = root ? json_dumps(root, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
    const char *out = text ? arena_strdup(r->a, text) : NULL;
    free(text);
    json_decref(root);
    return out;
}

bool review_figures_parse(const char *json, review_figures *f)
{
    memset(f, 0, sizeof *f);
    if (!json) return false;
    json_t *root = json_loads(json, JSON_REJECT_DUPLICATES, NULL);
    json_t *on = json_object_get(root, "counted_on");
    json_t *figures = json_object_get(root, "figures");
    bool ok = json_is_object(root) && json_is_string(on) && json_is_object(figures) &&
              date_valid(json_string_value(on));
    if (ok) {
        snprintf(f->counted_on, sizeof f->counted_on, "%s", json_string_value(on));
        for (int i = 0; i < RF__COUNT; i++) {
            json_t *v = json_object_get(figures, review_figure_infos[i].key);
            if (!json_is_integer(v) || json_integer_value(v) < 0 ||
                json_integer_value(v) > 100000000)
                continue;
            f->value[i] = (int)json_integer_value(v);
            f->known[i] = true;
        }
        /* the goals, each whole or not at all (an older snapshot has none) */
        json_t *goals = json_object_get(root, "goals");
        for (size_t i = 0;
             json_is_array(goals) && i < json_array_size(goals) && f->ngoals < REVIEW_MAX_GOALS;
             i++) {
            json_t *g = json_array_get(goals, i);
            json_t *text = json_object_get(g, "goal");
            const char *keys[] = {"total", "done", "late"};
            json_int_t n[3];
            bool whole = json_is_string(text);
            for (int k = 0; k < 3 && whole; k++) {
                json_t *v = json_object_get(g, keys[k]);
                whole =
                    json_is_integer(v) && (n[k] = json_integer_value(v)) >= 0 && n[k] <= 100000000;
            }
            if (!whole || n[1] > n[0] || n[2] > n[0]) continue;
            review_goal *to = &f->goals[f->ngoals++];
            goal_copy(to->goal, json_string_value(text));
            to->total = (int)n[0];
            to->done = (int)n[1];
            to->late = (int)n[2];
        }
    }
    json_decref(root);
    return ok;
}
