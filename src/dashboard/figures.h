/* figures.h - the lägesbild's figures, counted once for the page and the management
 * summary: for the whole tenant or for one unit's subtree (a förvaltning), each with the
 * link to the list that shows exactly what was counted. */
#ifndef LIS_DASHBOARD_FIGURES_H
#define LIS_DASHBOARD_FIGURES_H
#include "../http/http.h"
#include "../risks/matrix.h"
#include <stdbool.h>

/* What the page covers: the tenant (unit_id NULL) or one unit and every unit below it. */
typedef struct dash_scope {
    const char *unit_id, *name;
    const char *like;   /* the subtree's path pattern "/1/4/%", NULL for the tenant */
    const char *filter; /* "&unit_id_within=ID" for the links, "" for the tenant */
    /* the start page's figures: open incidents and their clocks, without this year's
     * tally of deadlines met (it reads the clocks of every incident of the year) */
    bool brief;
    /* the first day of the incidents and deadlines counted (a quarter's, for the trend);
     * NULL: the first of January */
    const char *since;
} dash_scope;

/* Reads ?unit= into sc; false when it names no unit of the caller's tenant. */
bool dash_scope_from(req *r, dash_scope *sc);
/* " AND <col> IN (units of the subtree)" with the pattern as parameter $n; "" for the
 * tenant (then the caller passes one parameter less). */
const char *dash_within(req *r, const dash_scope *sc, const char *col, int n);

typedef struct dash_figures {
    const char *today, *year_ago;
    int year;
    int open, very_high, high;  /* open risks */
    int by_level[LEVEL__COUNT]; /* open risks per level of the matrix (risk_level) */
    int late, soon, done;       /* this year's actions, by the follow-up's rule */
    int unfinished;             /* … planned or ongoing */
    const char *late_href, *soon_href, *done_href;
    int objects, analysed;               /* managed objects; with an analysis done in a year */
    int assets, classified, cls_overdue; /* live information assets */
    int reviews;                         /* accepted risks past their review date */
    /* incidents (the tenant's, in aggregate, for their handlers, ledning and auditors): unsent
     * clocks red or amber now, open incidents, this year's deadlines met or missed */
    bool incidents;
    int inc_open, inc_red, inc_amber, inc_year, dl_met, dl_late;
} dash_figures;

bool dash_figures_load(req *r, const dash_scope *sc, dash_figures *f);
/* May the caller see the tenant's incidents in aggregate (the handlers, and management and
 * auditors who answer for them)? */
bool dash_incidents_visible(req *r);
/* The open risks in the scope per cell of the tenant's matrix (*likelihoods × *consequences,
 * counts[(l - 1) * consequences + (c - 1)]); NULL on a database error. */
int *dash_heatmap_counts(req *r, const dash_scope *sc, int *likelihoods, int *consequences);
/* one förvaltning or bolag in the tenant's table: its subtree's figures */
typedef struct dash_unit_row {
    const char *id, *path, *name;
    int open, serious, late, done, analyses;
} dash_unit_row;

/* One tenant's legal deadlines of incidents since a date (dash_deadlines_by_tenant). */
typedef struct dash_tenant_deadlines {
    int64_t tenant;
    int met, late;
} dash_tenant_deadlines;
/* The lägesbild's tally of deadlines met and missed (incidents aware since `since`,
 * YYYY-MM-DD) for every tenant of tenants_sql (a parameter-free SELECT of tenant ids) in one
 * pass, without a reader's scope: for aggregates over tenants only (the national view).
 * *out (in a) holds the tenants with an incident, in tenant order; false on a database
 * error. */
bool dash_deadlines_by_tenant(db *d, arena *a, const char *tenants_sql, const char *since,
                              dash_tenant_deadlines **out, int *nout);

/* the link to the open risks with extra filters ("" or "&level=high") */
const char *dash_risks_href(req *r, const dash_scope *sc, const char *extra);
#endif
