/* list_figure.h - a figure that is the number of rows of one of the engine's lists with its
 * filters, and the link to that list. The engine counts the very query string the link
 * carries, within the reader's read scope, so the number is the rows the link shows, by
 * construction. The audit pack (audit_pack.h) and the maturity suggestion
 * (maturity_suggest.h) count their figures so. */
#ifndef LIS_FOLLOWUP_LIST_FIGURE_H
#define LIS_FOLLOWUP_LIST_FIGURE_H
#include "../entity/entity.h"

/* The dates a figure's filters may name: {year}, {year_ago}, {yesterday}. */
typedef struct list_dates {
    char today[11], year_ago[11], yesterday[11], year[8];
} list_dates;

typedef struct list_figure {
    const entity *e;
    list_query q;
    const char *href; /* the list, with quiet=1 so the page shows every row counted */
    int value;
    bool known; /* false: the reader may not read the kind (fails every rule on it) */
} list_figure;

/* Today's dates; false when they cannot be computed. */
bool list_dates_now(list_dates *d);
/* Counts the list of kind `entity` filtered by tmpl (a query string with the placeholders
 * above) into f; false on a database error or a template that names another placeholder. */
bool list_figure_count(req *r, const list_dates *d, const char *entity, const char *tmpl,
                       list_figure *f);
/* The same list's count for every tenant of tenants_sql at once, beyond any reader's scope
 * (entity_count_by_tenant): rows of (tenant_id, count), for aggregates only. */
bool list_figure_count_by_tenant(req *r, const list_dates *d, const char *entity, const char *tmpl,
                                 const char *tenants_sql, db_res **rows);
#endif
