/* national.h - the national/regional view's figures (national.c): per SKR area the share
 * answering yes and the levels, for the country, each county and each size class, over
 * the tenants that opted in; a cell not shown keeps only why (national_rules.h). */
#ifndef LIS_FOLLOWUP_NATIONAL_H
#define LIS_FOLLOWUP_NATIONAL_H
#include "maturity_areas.h"
#include "national_rules.h"

typedef struct national_area {
    int answered, yes;
    int yes_permille; /* yes of answered, in tenths of a per cent; -1 when none answered */
    int levels[MATURITY_LEVELS];
} national_area;

typedef struct national_cell {
    const char *key; /* "all", a county code, a size class */
    tr_key label;
    cell_state state;
    int tenants; /* 0 unless shown */
    national_area area[MATURITY_AREAS];
} national_cell;

typedef struct national_view {
    int year;
    national_cell total, county[21], size[4];
} national_view;

/* Why a cell is not shown, for the reader; 0 for a shown cell. */
tr_key national_state_reason(cell_state s);
#endif
