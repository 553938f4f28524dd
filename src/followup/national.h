/* national.h - the national/regional view's figures (national.c): per SKR area the share
 * answering yes and the levels, for the country, each county and each size class, over
 * the tenants that opted in; a cell not shown keeps only why (national_rules.h). */
#ifndef LIS_FOLLOWUP_NATIONAL_H
#define LIS_FOLLOWUP_NATIONAL_H
#include "maturity_areas.h"
#include "national_rules.h"
#include "../http/http.h"

typedef struct national_area {
    int answered, yes;
    int yes_permille; /* yes of answered, in tenths of a per cent; -1 when none answered */
    int levels[MATURITY_LEVELS];
    /* past level 1 of answered (a "no" is at level 1, as the survey counts), in tenths of
     * a per cent; -1 when none answered */
    int past1_permille;
} national_area;

/* The key shares beside the profile, each counted per tenant from its own records by the
 * figure the audit pack or the lägesbild counts (national.c's table), then summed per cell. */
typedef enum national_key {
    NK_POLICY,     /* a decided information-security policy (styrdokument) */
    NK_PLAN,       /* the year's handlingsplan decided */
    NK_CLASSIFIED, /* at least NATIONAL_COVERAGE_MARK % of live information assets classified */
    NK_RESTORE,    /* a restore tested in the last 12 months */
    NK_AUDIT,      /* an internal audit held in the last 12 months */
    NK_DEADLINES,  /* the year's legal deadlines of incidents met, of all (pooled) */
    NK_TRAINED,    /* active staff with a completed basic course, of all (pooled) */
    NK__COUNT
} national_key;

typedef struct national_share {
    int count, base;  /* tenants (or, for the deadlines, deadlines) */
    int base_tenants; /* the tenants the share is taken over */
    cell_state state; /* of the share within its breakdown (the deadlines) */
    int permille;     /* -1: not shown */
} national_share;

typedef struct national_key_info {
    const char *code;
    tr_key label;
} national_key_info;
extern const national_key_info national_keys[NK__COUNT];

typedef struct national_cell {
    const char *key; /* "all", a county code, a size class */
    tr_key label;
    cell_state state;
    int tenants; /* 0 unless shown */
    national_area area[MATURITY_AREAS];
    national_share keys[NK__COUNT];
} national_cell;

typedef struct national_view {
    int year;
    bool keys; /* the key shares are counted (today's records: for the current year only) */
    national_cell total, county[21], size[4];
} national_view;

/* Why a cell is not shown, for the reader; 0 for a shown cell. */
tr_key national_state_reason(cell_state s);
/* The share in words for a page ("60,0 %") or the reason it is hidden ("–"). */
const char *national_share_text(req *r, const national_share *s);
#endif
