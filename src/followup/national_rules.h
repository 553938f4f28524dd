/* national_rules.h - the rules of the national/regional view (issue 19 point 6) as pure
 * functions: which cells of an aggregate may be shown, and seed 003's distribution that
 * the generator draws the kommuner's answers from. No database. */
#ifndef LIS_FOLLOWUP_NATIONAL_RULES_H
#define LIS_FOLLOWUP_NATIONAL_RULES_H
#include <stdbool.h>

/* A cell counts at least this many tenants, or it is not shown. */
enum { NATIONAL_MIN_TENANTS = 5 };

typedef enum cell_state {
    CELL_EMPTY,     /* no tenant in the cell: nothing to show and nothing to hide */
    CELL_SHOWN,     /* at least NATIONAL_MIN_TENANTS tenants */
    CELL_FEW,       /* 1–4 tenants: hidden (primary suppression) */
    CELL_COMPLEMENT /* enough tenants, hidden so that the shown total minus the shown cells
                     * does not reveal the cells hidden for being few */
} cell_state;

/* May an aggregate over this many tenants be shown? */
bool national_cell_visible(int tenants);

/* The cells of one breakdown whose total is shown (the counties, or the size classes):
 * tenants[i] is the count of cell i. A cell of 1–4 tenants is hidden; then, while the
 * hidden cells together hold 1–4 tenants (the total minus the shown cells would show
 * them as one group), the smallest shown cell (the first of equals) is hidden too. Fills
 * state[0..n-1]; returns the number of cells hidden. */
int national_suppress(const int *tenants, int n, cell_state *state);

/* Seed 003's distribution, dealt out without chance: of n tenants ranked 0..n-1 (ranked
 * per area by a shuffle), does rank k answer yes to an area whose 2019 share is tenths/10?
 * Exactly round(n × tenths / 10) do. */
bool national_dealt_yes(int rank, int n, int tenths);
/* The MSB level of the yes-sayer of rank `rank` (0..) in an area of n kommuner of which
 * round(n × level2_tenths / 10) were past level 1 in 2019 (maturity_areas): those first ranks
 * are at level 2, the rest at level 1. Levels 3 and 4 are never dealt: the survey measured
 * levels 1 and 2 only ("det går inte att utläsa huruvida ... nivå 3"). */
int national_dealt_level(int rank, int n, int level2_tenths);

/* A key share of a shown cell (national.c): count of base, in tenths of a per cent rounded
 * half up — shown only when it is taken over at least NATIONAL_MIN_TENANTS tenants
 * (base_tenants), for the legal deadlines met over the two kommuner of a county that had an
 * incident would tell on them. -1 when not shown (or base is 0). */
int national_share_permille(int count, int base, int base_tenants);

/* A tenant counts in the classification key share when at least this per cent of its live
 * information assets has a current classification; a tenant with none does not. */
enum { NATIONAL_COVERAGE_MARK = 80 };
bool national_coverage_reached(int classified, int assets);

#endif
