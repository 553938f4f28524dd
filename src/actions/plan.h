/* plan.h - the handlingsplan's decisions as pure functions, without the database:
 * which actions are carried over at year end, how an action stands at follow-up, and
 * what changed in a plan since it was decided. */
#ifndef LIS_PLAN_H
#define LIS_PLAN_H
#include <stdbool.h>
#include <stdint.h>

/* An action as these functions see it. Dates are "YYYY-MM-DD" or NULL. */
typedef struct plan_item {
    int64_t id;
    int plan_year;
    const char *status; /* planned, ongoing, done, cancelled */
    bool carried_on;    /* already copied into the next year's plan */
    const char *title, *priority, *start_date, *end_date, *responsible_id, *unit_id;
} plan_item;

/* An action is unfinished while it is planned or ongoing. */
bool plan_unfinished(const char *status);
/* Carried over from `year` to year + 1: an unfinished action of that year that has not
 * already been carried (so pressing the button twice copies nothing twice). */
bool plan_carry_over(const plan_item *item, int year);

typedef enum followup_state {
    FOLLOWUP_NONE,     /* on track, cancelled, or without an end date */
    FOLLOWUP_LATE,     /* unfinished and its end date has passed */
    FOLLOWUP_DUE_SOON, /* unfinished and ends within the next 30 days (today included) */
    FOLLOWUP_DONE,     /* done */
} followup_state;
followup_state plan_followup(const plan_item *item, const char *today);

/* Changes between the decided plan and the current one, matched by id. */
typedef enum plan_change_kind { CHANGE_ADDED, CHANGE_REMOVED, CHANGE_CHANGED } plan_change_kind;
typedef struct plan_change {
    plan_change_kind kind;
    int64_t id;
    const plan_item *item; /* the current item; the decided one when removed */
    unsigned fields;       /* CHANGED: bits of plan_field */
} plan_change;
enum plan_field {
    PF_TITLE = 1 << 0,
    PF_STATUS = 1 << 1,
    PF_PRIORITY = 1 << 2,
    PF_START = 1 << 3,
    PF_END = 1 << 4,
    PF_RESPONSIBLE = 1 << 5,
    PF_UNIT = 1 << 6,
};
/* Writes at most max changes to out (added and changed in the order of `now`, then the
 * removed in the order of `decided`); returns their number. */
int plan_diff(const plan_item *decided, int ndecided, const plan_item *now, int nnow,
              plan_change *out, int max);
#endif
