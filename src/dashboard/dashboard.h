/* dashboard.h - the lägesbild: one always-current page of a tenant's risks and actions,
 * each figure a link to the list it counts. */
#ifndef LIS_DASHBOARD_H
#define LIS_DASHBOARD_H
#include "../http/http.h"

/* GET /lagesbild */
void h_dashboard(req *r, resp *out);
/* home.c: the figures of the reader's scope on the start page; false when they cannot
 * be read. Writes nothing for a reader without a scope. */
bool dash_home_figures(req *r, buf *out);
/* phases.c: the lägesbild's section per phase (prevent, detect, respond, recover):
 * requirement assessments met and not met, actions open and late (today: YYYY-MM-DD),
 * within the reader's read scope; index PHASES counts what has no phase */
typedef struct dash_phase_row {
    long long met, not_met, open, late;
} dash_phase_row;
void dashboard_phase_section(req *r, const char *today, buf *out);
#endif
