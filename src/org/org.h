/* org.h - the kommun's organisation: units, people, roles, coverage. */
#ifndef LIS_ORG_H
#define LIS_ORG_H
#include "../entity/entity.h"
#include <time.h>

extern const entity entity_units, entity_people, entity_roles, entity_tokens, entity_audit_log;
extern const enum_opt role_options[];

void unit_validate(req *r, const entity *e, record *rec, const record *old, errors *errs);
bool unit_after_write(req *r, const entity *e, record *rec, const record *old, errors *errs);
void person_validate(req *r, const entity *e, record *rec, const record *old, errors *errs);
bool person_after_write(req *r, const entity *e, record *rec, const record *old, errors *errs);
void role_validate(req *r, const entity *e, record *rec, const record *old, errors *errs);
bool role_after_write(req *r, const entity *e, record *rec, const record *old, errors *errs);

/* employment.c: deactivates, through the people entity and audited as the system, the
 * active people whose employment has ended by now's Stockholm date (of one tenant, or of
 * all when only_tenant is 0); *ended says how many. Each person is claimed by their row,
 * so several lis processes never deactivate one twice. DB_OK unless the database failed. */
int employment_end_pass(db *d, time_t now, int64_t only_tenant, int *ended);
/* `lis employment-end --tenant CODE [--now TIME]`: the pass, printed; the exit status. */
int employment_end_cli(db *d, const char *tenant_code, const char *now_iso);
/* lis serve's periodic work: the pass for every tenant; problems to stderr. */
void employment_end_tick(db *d, time_t now);

/* True when the tenant still has at least one active tenant administrator. */
bool org_has_tenant_admin(req *r);

/* Role coverage: förvaltningar and bolag lacking a samordnare or an informationsägare,
 * and those where the function rests on one person: one holder and no deputy (SKR's
 * level 4 asks that a function survive one person's absence). */
typedef struct coverage_row {
    const char *unit_id, *name, *kind, *path; /* path: for the rights in the unit */
    int coordinators, owners;
    int coordinator_deputies, owner_deputies; /* assignments naming an active deputy */
    /* active people the inventory names as owner of an informationsmängd in the unit (or
     * below it) who hold no informationsägare role there: the register and the roles
     * disagree, and the page says so instead of "Saknas" alone */
    int unappointed;
    const char **unappointed_ids, **unappointed_names;
} coverage_row;
/* Does the function rest on one person: exactly one holder, who has no deputy? */
bool coverage_one_person(int holders, int deputies);
int coverage_load(req *r, coverage_row **rows, int *n, const char **deadline);

/* the caller's roles and the role coverage, as a card on the start page (src/app/home.c);
 * false when they cannot be read */
bool org_home_card(req *r, buf *out);
/* pages */
void h_org_tree(req *r, resp *out);
void h_coverage(req *r, resp *out);
void h_coverage_deadline(req *r, resp *out);
void api_coverage(req *r, resp *out);
#endif
