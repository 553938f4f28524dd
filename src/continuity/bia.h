/* bia.h - the business impact analysis as pure functions (no database, no HTTP).
 *
 * A plan's BIA states, per kind of consequence (life and health, the kommun's duties,
 * money, trust, personal data), how hard an outage hits after 1 h, 4 h, 1 day, 3 days and
 * 1 week, as a step of the tenant's consequence scale (1 … its number of steps). A point
 * left out takes the level of the point before it: an outage that goes on does not hurt
 * less, so a later stated level below an earlier one is raised to it.
 *
 * MTPD (maximum tolerable period of disruption) follows: the first point in time at
 * which the impact of any kind reaches the tenant's unacceptable step. When none does
 * within the week, MTPD is "more than a week".
 *
 * The availability (T) classification of the information involved tells how long the
 * verksamhet manages without it (cls.t.help); the two are compared by bands:
 *
 *     T4  synnerligen allvarlig   MTPD at most 4 h
 *     T3  allvarlig               MTPD at most 1 day
 *     T2  betydande               MTPD more than 4 h and at most 1 week
 *     T0, T1                      MTPD more than 1 day
 *
 * An MTPD above its band means the classification asks more than the BIA (one of them is
 * wrong, or the plan is too lax); below it, the BIA asks more than the classification. */
#ifndef LIS_CONTINUITY_BIA_H
#define LIS_CONTINUITY_BIA_H
#include <stdbool.h>

enum { BIA_KINDS = 5, BIA_POINTS = 5, BIA_MAX_LEVEL = 9 };

/* "life_health", "duties", "money", "trust", "personal_data" (stored) */
extern const char *const bia_kind_codes[BIA_KINDS];
/* "1", "4", "24", "72", "168" (stored) and the hours they stand for */
extern const char *const bia_point_codes[BIA_POINTS];
extern const int bia_point_hours[BIA_POINTS];

/* -1 when the code is none of them */
int bia_kind_index(const char *code);
int bia_point_index(const char *code);

/* Levels by kind and point in time; 0 = not stated. */
typedef struct bia_grid {
    int level[BIA_KINDS][BIA_POINTS];
} bia_grid;

/* Carries each stated level forward to the later points whose level is lower or not
 * stated (an outage that goes on does not hurt less). */
void bia_grid_carry(bia_grid *g);

/* Where the impact first reaches the unacceptable step. */
typedef struct bia_mtpd {
    bool reached; /* false: not within a week (MTPD more than 168 h) */
    int hours;    /* the point in time, when reached */
    int kind;     /* the first kind (in code order) that reaches it there */
    int level;    /* its level there */
} bia_mtpd;

/* On a carried grid; unacceptable is a step of the scale (>= 1). */
bia_mtpd bia_mtpd_of(const bia_grid *g, int unacceptable);

typedef enum bia_availability {
    BIA_T_AGREES,
    BIA_T_ASKS_MORE, /* the classification's band wants a shorter MTPD */
    BIA_T_ASKS_LESS, /* the BIA's MTPD is shorter than the classification's band allows */
    BIA_T_INVALID,   /* a level outside 0..4 */
} bia_availability;

/* The MTPD against the highest T level of the information involved. */
bia_availability bia_check_availability(int t_level, const bia_mtpd *m);
#endif
