/* summary.h - the lägesbild on one page for management (the kommundirektör): the state
 * in a few headline figures in plain words, the five highest risks with owner and
 * treatment, the late actions, incidents and deadlines, coverage; the date and who
 * printed it. Gathered once (summary_load) and written as printable HTML (summary.c) and
 * as PDF (summary_pdf.c) from the same text. */
#ifndef LIS_DASHBOARD_SUMMARY_H
#define LIS_DASHBOARD_SUMMARY_H
#include "figures.h"

enum {
    SUMMARY_MAX_LINES = 8,
    SUMMARY_RISK_COLS = 5,
    SUMMARY_LATE_COLS = 4,
    SUMMARY_TOP = 5,
    SUMMARY_LATE_MAX = 10
};

typedef struct summary {
    dash_scope scope;
    dash_figures fig;
    const char *title, *scope_name, *printed_at, *printed_by;
    int nlines;
    const char *label[SUMMARY_MAX_LINES], *value[SUMMARY_MAX_LINES];
    const char *risk_head[SUMMARY_RISK_COLS], *late_head[SUMMARY_LATE_COLS];
    const char **risks; /* nrisks × SUMMARY_RISK_COLS: title, level, owner, treatment, unit */
    int nrisks;
    const char **late; /* nlate × SUMMARY_LATE_COLS: title, responsible, end date, unit */
    int nlate;
} summary;

/* false with a 404 answered when ?unit= names no unit of the tenant */
bool summary_load(req *r, resp *out, summary *s);

/* GET /lagesbild/summary and /lagesbild/summary.pdf */
void h_dashboard_summary(req *r, resp *out);
void h_dashboard_summary_pdf(req *r, resp *out);
#endif
