/* csl.h - Cybersäkerhetslagen's duties per organisation (issue 17 §4): the kommun, a
 * kommunalförbund and each kommunalt bolag records its status under the law with the
 * reason, the facts it registered with the supervisory authority and the registration;
 * a change to a registered fact is a change to report within 14 days, on the start page
 * of those who keep the duties until it is recorded as reported; management training
 * (2 kap. 4 §) per person and mandate period, the ledning without it flagged. The rules
 * are pure, in law.c; the supervisory authority and the CSIRT are the incidents area's
 * recipients (src/incidents/authorities.c), kept by the CISO. */
#ifndef LIS_CSL_H
#define LIS_CSL_H
#include "../entity/entity.h"
#include "law.h"

extern const entity entity_csl_organisations, entity_csl_changes, entity_csl_trainings;

/* rules.c */
void csl_organisation_validate(req *r, const entity *e, record *rec, const record *old,
                               errors *errs);
/* a registered fact changed: a change to report, due 14 days later */
bool csl_organisation_after_write(req *r, const entity *e, record *rec, const record *old,
                                  errors *errs);
/* an observer of units (src/app/contributions.c): a registered organisation renamed is a
 * change to report */
bool csl_unit_written(req *r, const entity *e, record *rec, const record *old, errors *errs);
void csl_change_validate(req *r, const entity *e, record *rec, const record *old, errors *errs);
void csl_training_validate(req *r, const entity *e, record *rec, const record *old, errors *errs);

/* pages.c: one organisation's ledning and their training in the current mandate period */
typedef struct csl_leader {
    const char *person_id, *name, *trained_on; /* trained_on NULL: none this period */
} csl_leader;
int csl_leaders(req *r, const char *unit_id, const char *period, csl_leader **out,
                int *n) DB_MUST_CHECK;
/* One organisation on the overview: a unit of an organisation kind, with its record under
 * the law when there is one (csl_id NULL: not yet recorded). */
typedef struct csl_overview_row {
    const char *unit_id, *name, *kind, *kind_label;
    const char *csl_id, *status, *status_label, *reason_label, *registered_on, *registration_ref;
    int open_changes;
    const char *next_due; /* the earliest due day of the open changes, NULL */
    csl_leader *leaders;
    int nleaders, untrained;
} csl_overview_row;
void csl_organisation_detail_extra(req *r, const entity *e, const record *rec, buf *out);
/* GET /csl and /api/v1/csl: every organisation's status, registration, changes to report
 * and management training; the supervisory authority and the CSIRT */
void h_csl(req *r, resp *out);

/* todo.c: changes to report (a legal clock), organisations not registered, ledning
 * without training this period — for those who keep the duties */
struct todo_list;
bool csl_todo(req *r, struct todo_list *l);
#endif
