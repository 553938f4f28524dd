/* continuity.h - continuity per förvaltningsobjekt or process: the business impact
 * analysis (MTPD, RTO, RPO), dependencies and the plan; restore tests and exercises,
 * with the next test due, so that what is overdue (or was never tested) shows. */
#ifndef LIS_CONTINUITY_H
#define LIS_CONTINUITY_H
#include "../entity/entity.h"

extern const entity entity_continuity_plans, entity_continuity_tests, entity_rsa;

void continuity_plan_validate(req *r, const entity *e, record *rec, const record *old,
                              errors *errs);
bool continuity_plan_after_write(req *r, const entity *e, record *rec, const record *old,
                                 errors *errs);
void continuity_test_validate(req *r, const entity *e, record *rec, const record *old,
                              errors *errs);
void rsa_validate(req *r, const entity *e, record *rec, const record *old, errors *errs);
void continuity_plan_detail_extra(req *r, const entity *e, const record *rec, buf *out);

/* followup.c: a failed test's findings, each to an action; the actions made from it */
void continuity_test_detail_extra(req *r, const entity *e, const record *rec, buf *out);
/* Plans whose latest test is overdue or that were never tested (-1 on error): the
 * figure of /continuity, for the start page and the lägesbild. */
int continuity_overdue(req *r);
/* The start page card: shown only when something is overdue. */
void continuity_home_card(req *r, buf *out);

/* seed.c: demo plans and a failed restore test, inside the caller's transaction */
bool seed_continuity(db *d, arena *a, int64_t tenant);

/* GET /continuity: every plan with its last test and whether a test is overdue */
void h_continuity(req *r, resp *out);
/* rules.c: the latest RSA term on the continuity page, reported or not */
void continuity_rsa_section(req *r, buf *b);
/* todo.c: plans whose test is due, the RSA to report (the start page, src/entity/todo.h) */
struct todo_list;
bool continuity_todo(req *r, struct todo_list *l);
#endif
