/* coverage.h - how far the inventory work has come, per förvaltning and bolag and for the
 * whole tenant: information assets, systems and objects, how many are classified or
 * overdue, how many objects have a risk analysis, and the share of requirements met (unassessed
 * ones count as not met). The gap seed 002 names: knowing which parts of the organisation have done
 * the work. */
#ifndef LIS_COVERAGE_H
#define LIS_COVERAGE_H
#include "../entity/entity.h"

typedef struct coverage_counts {
    int assets, classified, overdue, systems, systems_need, objects, analysed, applicable, met, na;
} coverage_counts;

/* pure: adds b into a; and the share met in whole percent (0 when nothing applies) */
void coverage_add(coverage_counts *a, const coverage_counts *b);
int coverage_met_percent(const coverage_counts *c);

/* GET /inventory/coverage and /api/v1/inventory-coverage */
void h_inventory_coverage(req *r, resp *out);
void api_inventory_coverage(req *r, resp *out);
#endif
