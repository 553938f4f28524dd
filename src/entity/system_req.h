/* system_req.h - a request made by lis itself (the demo, a command-line import, a job).
 *
 * Writes through the engine run the same validation, area rules and derived fields as a
 * person's, and are audited under the given actor name ("system", "generator"); the
 * actor holds every role for the tenant's root units, so no rule refuses it for want of
 * a right. A seed telling a story (an incident reported, assessed, closed) sets r->as_of
 * before each write: the rules stamp the record with that moment, as they would have then;
 * the audit log keeps the real time. */
#ifndef LIS_SYSTEM_REQ_H
#define LIS_SYSTEM_REQ_H
#include "../auth/auth.h"
#include "../http/http.h"
#include "entity.h"

/* Fills r and who for tenant (who must outlive r); false when the tenant has no unit or
 * the database cannot answer. */
bool system_req_init(req *r, auth *who, arena *a, db *d, int64_t tenant,
                     const char *actor) DB_MUST_CHECK;

/* Creates one record of e through the engine, inside the caller's transaction (the demo
 * and imports run in one), from field-name/value pairs ending in NULL:
 * the id, or 0 after naming on stderr what was refused (lis's own data: a bug). */
int64_t system_create(req *r, const entity *e, const char *const *pairs);

/* Changes the named fields of record id of e through the engine (the rules see the change
 * as a person's edit), inside the caller's transaction; false after naming on stderr what
 * was refused. */
bool system_update(req *r, const entity *e, int64_t id, const char *const *pairs);

#endif
