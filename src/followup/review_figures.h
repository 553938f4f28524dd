/* review_figures.h - the inputs of a management review (ISO/IEC 27001 9.3.2) that lis can
 * count: the status of earlier reviews' decisions, performance (coverage of classification
 * and risk analysis, incidents and legal deadlines met, audit results), risk results and
 * late actions. Counted from live data for a review not yet held, and kept as JSON (the
 * snapshot) when it is held, so that the figures read by kommunstyrelsen never change and
 * the next review shows the change since. */
#ifndef LIS_FOLLOWUP_REVIEW_FIGURES_H
#define LIS_FOLLOWUP_REVIEW_FIGURES_H
#include "../http/http.h"
#include "../core/i18n.h"
#include <stdbool.h>

typedef enum review_figure {
    RF_DECISIONS_EARLIER, /* decisions of earlier held reviews */
    RF_DECISIONS_DONE,    /* … whose actions are all done (or cancelled) */
    RF_DECISIONS_ONGOING, /* … with an action still open */
    RF_DECISIONS_NO_ACTION,
    RF_OBJECTS, /* förvaltningsobjekt */
    RF_OBJECTS_ANALYSED,
    RF_ASSETS, /* information assets */
    RF_ASSETS_CLASSIFIED,
    RF_CLASSIFICATIONS_OVERDUE,
    RF_ORG_WIDE_GAPS, /* organisation-wide requirements not or partly met (once) */
    RF_INCIDENTS_YEAR,
    RF_DEADLINES_MET,
    RF_DEADLINES_LATE,
    RF_AUDITS_PLANNED, /* this year's programme */
    RF_AUDITS_HELD,
    RF_AUDITS_LATE,
    RF_FINDINGS_DEVIATION, /* in this year's audits */
    RF_FINDINGS_OBSERVATION,
    RF_FINDINGS_IMPROVEMENT,
    RF_FINDINGS_OPEN, /* every open finding */
    RF_FINDINGS_NO_ACTION,
    RF_GOALS,             /* the goals of the year's handlingsplan (its actions' goals) */
    RF_GOAL_ACTIONS,      /* … their actions (not cancelled) */
    RF_GOAL_ACTIONS_DONE, /* … done */
    RF_GOAL_ACTIONS_LATE, /* … past their end date, not done */
    RF_TRAINING_REACHED,  /* the newest basic course's target group */
    RF_TRAINING_DONE,     /* … who have done it and not let it lapse */
    RF_TRAINING_SHARE,    /* … in whole percent */
    RF_RISKS_OPEN,
    RF_RISKS_VERY_HIGH,
    RF_RISKS_HIGH,
    RF_RISK_REVIEWS_LATE, /* accepted risks past their review date */
    RF_ACTIONS_LATE,      /* this year's actions past their end date */
    RF_ACTIONS_DONE,
    RF__COUNT
} review_figure;

/* The section of the review each figure belongs to (ISO/IEC 27001 9.3.2 b–f). */
typedef enum review_section {
    RS_DECISIONS,
    RS_COVERAGE,
    RS_INCIDENTS,
    RS_AUDITS,
    RS_OBJECTIVES,
    RS_RISKS,
    RS_ACTIONS,
    RS__COUNT
} review_section;

typedef struct review_figure_info {
    const char *key; /* the JSON key in the snapshot and the API */
    tr_key label;
    review_section section;
} review_figure_info;

extern const review_figure_info review_figure_infos[RF__COUNT];
extern const tr_key review_section_labels[RS__COUNT];

/* One goal of the year's handlingsplan (an action's goal, the same words being the same
 * goal) and how far its actions are done. */
enum { REVIEW_MAX_GOALS = 30, REVIEW_GOAL_BYTES = 240 };
typedef struct review_goal {
    char goal[REVIEW_GOAL_BYTES]; /* cut at a character when longer */
    int total, done, late;
} review_goal;

typedef struct review_figures {
    char counted_on[11]; /* YYYY-MM-DD */
    int value[RF__COUNT];
    bool known[RF__COUNT]; /* false: not counted (an older snapshot, or no right to it) */
    review_goal goals[REVIEW_MAX_GOALS]; /* most actions first */
    int ngoals;
} review_figures;

/* pure: the goal of f with the same words as goal (trimmed), or NULL: the previous
 * review's figures for one goal of this one. */
const review_goal *review_goal_find(const review_figures *f, const char *goal);

/* Counts the figures now, within the caller's read scope; review_id is the review they are
 * for (its own decisions are not "earlier"), 0 for a new one. False on a database error. */
bool review_figures_count(req *r, int64_t review_id, review_figures *f);
/* {"counted_on": "…", "figures": {"risks_open": 3, …}, "goals": [{"goal": "…", "total": 4,
 * "done": 1, "late": 1}, …]}: the snapshot, in the arena. */
const char *review_figures_json(req *r, const review_figures *f);
/* Reads a snapshot back; unknown keys are ignored and missing ones stay unknown. False
 * (f all unknown) when json is no such object. Pure: fuzzed (tests/fuzz/fuzz_parse.c). */
bool review_figures_parse(const char *json, review_figures *f);
/* The goals in the review's PDF (review_goals.c): each goal, its actions done of all, late,
 * and the previous review's done of all (before NULL: no previous review). */
struct pdf_doc;
void review_goals_pdf(req *r, struct pdf_doc *d, const review_figures *now,
                      const review_figures *before);
#endif
