/* tally.c - the per-object counts of self-assessment answers (table answer_tally).
 *
 * Every path that writes answers calls one of these inside its transaction: the
 * self-assessment page and the API (answer_after_write) per object, the demo and the data
 * generator once after their bulk inserts. A tally is recounted from the object's answers —
 * an index range of a few hundred rows — rather than adjusted by deltas, so it cannot
 * drift. */
#include "requirements.h"
#include <string.h>

int answer_tally_refresh(db *d, const char *tenant_id, const char *object_id)
{
    const char *p[] = {tenant_id, object_id};
    int rc =
        db_exec(d, "DELETE FROM answer_tally WHERE tenant_id = $1 AND object_id = $2", 2, p, NULL);
    if (rc != DB_OK) return rc;
    return db_exec(d,
                   "INSERT INTO answer_tally (tenant_id, object_id, met, na, answered) SELECT "
                   "CAST($1 AS BIGINT), CAST($2 AS BIGINT), "
                   "SUM(CASE WHEN status = 'met' THEN 1 ELSE 0 END), "
                   "SUM(CASE WHEN status = 'na' THEN 1 ELSE 0 END), COUNT(*) FROM answer "
                   "WHERE tenant_id = $1 AND object_id = $2 HAVING COUNT(*) > 0",
                   2, p, NULL);
}

int answer_tally_rebuild(db *d)
{
    int rc = db_exec(d, "DELETE FROM answer_tally", 0, NULL, NULL);
    if (rc != DB_OK) return rc;
    return db_exec(d,
                   "INSERT INTO answer_tally (tenant_id, object_id, met, na, answered) SELECT "
                   "tenant_id, object_id, SUM(CASE WHEN status = 'met' THEN 1 ELSE 0 END), "
                   "SUM(CASE WHEN status = 'na' THEN 1 ELSE 0 END), COUNT(*) FROM answer "
                   "GROUP BY tenant_id, object_id",
                   0, NULL, NULL);
}

bool answer_after_write(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    (void)errs;
    int object = entity_field(e, "object_id");
    const char *tenant = tenant_param(r);
    /* the object it belonged to and the one it belongs to now (an edit may move it) */
    if (old && old->values[object] && answer_tally_refresh(r->db, tenant, old->values[object]))
        return false;
    if (rec && rec->values[object] &&
        (!old || !old->values[object] || strcmp(rec->values[object], old->values[object])) &&
        answer_tally_refresh(r->db, tenant, rec->values[object]))
        return false;
    return true;
}
