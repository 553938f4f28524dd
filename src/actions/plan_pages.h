/* plan_pages.h - what the handlingsplan's pages share (plan_rows.c): the year's actions
 * as the pages show them, and the pieces of HTML they have in common. */
#ifndef LIS_PLAN_PAGES_H
#define LIS_PLAN_PAGES_H
#include "actions.h"

/* An action of the year with what the pages show besides: its responsible's name, its
 * förvaltning (the nearest enclosing one, else its own unit) and the year it was carried
 * over from. */
typedef struct plan_row {
    plan_item item;
    const char *responsible, *forv, *carried_year, *goal;
    const char *forv_id; /* the förvaltning's unit id (the action's own unit if none) */
} plan_row;

/* the follow-up's counts for one responsible, one förvaltning or the whole year */
typedef struct plan_tally {
    const char *name;
    int late, soon, done;
} plan_tally;

const char *plan_num(req *r, int64_t v);
const char *plan_tenant(req *r);
/* The year in the route, 2000–2100; answers 404 and returns 0 otherwise. */
int plan_route_year(req *r, resp *out);
const char *plan_today(req *r); /* YYYY-MM-DD, Europe/Stockholm */
/* The year's actions ordered by förvaltning, title and id; NULL on a database error. */
plan_row *plan_year_actions(req *r, int year, int *n);
const char *plan_opt_label(req *r, const char *field, const char *value);
/* a link to the action, with its "carried over from" mark */
void plan_action_link(req *r, buf *b, int64_t id, const char *title, const char *carried);
/* The changes between the decision's snapshot (its JSON) and the year's actions, and per
 * change the labels of the fields it changed ("Titel, Status"); their number. */
int plan_changes(req *r, const char *snapshot, const plan_row *rows, int nrows, int year,
                 plan_change **changes, const char ***fields);
/* previous and next year, the plan or its follow-up, and the year's CSV */
void plan_year_nav(req *r, buf *b, int year, bool followup);
#endif
