/* priority.h - the order of a forum meeting's matters (ärenden), as a pure function.
 *
 * Seed 004: the forum prioritises by how serious the risks are. Every item gets a
 * seriousness on one scale, so a critical incident and a very high risk stand together:
 *
 *     5  an incident with a legal clock still open (IMY 72 h, CSIRT 24 h/72 h/one month):
 *        a deadline set by law cannot wait for the rest of the agenda
 *     4  a risk at "mycket hög", a critical incident
 *     3  a risk at "hög", an incident of high severity
 *     2  a risk at "medel", an incident of medium severity, an action that is late
 *     1  a risk at "låg", an incident of low or not yet assessed severity, an action on time
 *     0  a free-text matter (övrigt): last
 *
 * A risk counts at its residual level when its treatment is in place (status treated or
 * accepted, with a residual rating): that is the risk the organisation lives with. An
 * open risk counts at its inherent level: nothing has reduced it yet. A risk or source
 * that is gone (closed, done, unknown) counts as 1.
 *
 * Within the same seriousness: incidents before risks before actions before free text;
 * then an overdue clock before a running one, the more days late before the fewer (actions);
 * then the order number the forum gave the item, then the id (stable). */
#ifndef LIS_FORUM_PRIORITY_H
#define LIS_FORUM_PRIORITY_H
#include "../risks/matrix.h"
#include <stdbool.h>
#include <stdint.h>

typedef enum forum_kind { FK_INCIDENT, FK_RISK, FK_ACTION, FK_FREE, FK__COUNT } forum_kind;

typedef struct forum_prio {
    int64_t id;
    forum_kind kind;
    int position;       /* order number on the agenda */
    risk_level level;   /* risks: the level that counts (see above); LEVEL_INVALID = none */
    int severity;       /* incidents: 0 not assessed, 1 low … 4 critical */
    int open_clocks;    /* incidents: legal clocks not yet answered by a notification */
    bool clock_overdue; /* incidents: one of them has passed its deadline */
    int days_late;      /* actions: days past the end date (0 = on time) */
    int seriousness;    /* set by forum_prioritise */
} forum_prio;

/* "risk", "incident", "action", "free" (stored); FK__COUNT when unknown */
forum_kind forum_kind_from_code(const char *code);
const char *forum_kind_code(forum_kind k);
/* The level that counts for a risk: residual when treated or accepted and rated so,
 * inherent otherwise; LEVEL_INVALID for a closed risk. Codes as stored in risk. */
risk_level forum_risk_level(const char *status, const char *level, const char *residual_level);
/* An incident's stored severity ("low" … "critical") as 1–4; 0 when not assessed. */
int forum_incident_severity(const char *severity);
/* 0–5 as above */
int forum_seriousness(const forum_prio *p);
/* Sets each item's seriousness and sorts the items, most pressing first. */
void forum_prioritise(forum_prio *items, int n);
#endif
