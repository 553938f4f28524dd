/* tally.c - the per-object counts of self-assessment answers: met, not applicable and
 * answered (table answer_tally, the coverage page), and met and not met per phase of the
 * requirement (answer_phase_tally, migration 0047, the lägesbild). An object's earlier
 * answers to an organisation-wide requirement (org.c) are history, not counted: the
 * tenant's one answer is (migration 0051).
 *
 * Every path that writes answers calls one of these inside its transaction: the
 * self-assessment page and the API (answer_after_write) per object, the demo and the data
 * generator once after their bulk inserts; a requirement that changes phase recounts its
 * tenant's phase counts (requirement_after_write). A tally is recounted from the object's
 * answers — an index range of a few hundred rows — rather than adjusted by deltas, so it
 * cannot drift. */
#include "requirements.h"
#include "../audit/audit.h"
#include "../core/util.h"
#include <string.h>

/* The phase counts' columns from the answers a (of requirements q) grouped by phase. */
#define PHASE_COUNTS                                                                               \
    "q.phase, SUM(CASE WHEN a.status = 'met' THEN 1 ELSE 0 END), SUM(CASE WHEN a.status IN "       \
    "('partly', 'not_met') THEN 1 ELSE 0 END) FROM answer a JOIN requirement q ON q.tenant_id = "  \
    "a.tenant_id AND q.id = a.requirement_id AND q.org_wide = 0"

/* The answer_tally columns from the answers a of the objects' own requirements. */
#define OBJECT_COUNTS                                                                              \
    "SUM(CASE WHEN a.status = 'met' THEN 1 ELSE 0 END), SUM(CASE WHEN a.status = 'na' THEN 1 "     \
    "ELSE 0 END), COUNT(*) FROM answer a JOIN requirement q ON q.tenant_id = a.tenant_id AND "     \
    "q.id = a.requirement_id AND q.org_wide = 0"

int answer_tally_refresh(db *d, const char *tenant_id, const char *object_id)
{
    const char *p[] = {tenant_id, object_id};
    int rc =
        db_exec(d, "DELETE FROM answer_tally WHERE tenant_id = $1 AND object_id = $2", 2, p, NULL);
    if (rc == DB_OK)
        rc = db_exec(d,
                     "INSERT INTO answer_tally (tenant_id, object_id, met, na, answered) SELECT "
                     "CAST($1 AS BIGINT), CAST($2 AS BIGINT), " OBJECT_COUNTS
                     " WHERE a.tenant_id = $1 AND a.object_id = $2 HAVING COUNT(*) > 0",
                     2, p, NULL);
    if (rc == DB_OK)
        rc = db_exec(d, "DELETE FROM answer_phase_tally WHERE tenant_id = $1 AND object_id = $2", 2,
                     p, NULL);
    if (rc == DB_OK)
        rc = db_exec(d,
                     "INSERT INTO answer_phase_tally (tenant_id, object_id, phase, met, not_met) "
                     "SELECT CAST($1 AS BIGINT), CAST($2 AS BIGINT), " PHASE_COUNTS
                     " WHERE a.tenant_id = $1 AND a.object_id = $2 GROUP BY q.phase",
                     2, p, NULL);
    return rc;
}

/* Every object's phase counts of one tenant ($1), or of all (tenant NULL), counted again. */
#define PHASE_TALLY_FILL(where)                                                                    \
    "INSERT INTO answer_phase_tally (tenant_id, object_id, phase, met, not_met) SELECT "           \
    "a.tenant_id, a.object_id, " PHASE_COUNTS where " GROUP BY a.tenant_id, a.object_id, q.phase"
static int phase_tally_rebuild(db *d, const char *tenant_id)
{
    const char *p[] = {tenant_id};
    int n = tenant_id ? 1 : 0;
    int rc = db_exec(d,
                     tenant_id ? "DELETE FROM answer_phase_tally WHERE tenant_id = $1"
                               : "DELETE FROM answer_phase_tally",
                     n, p, NULL);
    if (rc != DB_OK) return rc;
    return db_exec(d,
                   tenant_id ? PHASE_TALLY_FILL(" WHERE a.tenant_id = $1") : PHASE_TALLY_FILL(""),
                   n, p, NULL);
}

/* Every object's answer counts of one tenant ($1), or of all (tenant NULL), counted again. */
#define TALLY_FILL(where)                                                                          \
    "INSERT INTO answer_tally (tenant_id, object_id, met, na, answered) SELECT a.tenant_id, "      \
    "a.object_id, " OBJECT_COUNTS where " GROUP BY a.tenant_id, a.object_id"
int answer_tally_tenant_rebuild(db *d, const char *tenant_id)
{
    const char *p[] = {tenant_id};
    int n = tenant_id ? 1 : 0;
    int rc = db_exec(
        d, tenant_id ? "DELETE FROM answer_tally WHERE tenant_id = $1" : "DELETE FROM answer_tally",
        n, p, NULL);
    if (rc == DB_OK)
        rc = db_exec(d, tenant_id ? TALLY_FILL(" WHERE a.tenant_id = $1") : TALLY_FILL(""), n, p,
                     NULL);
    return rc == DB_OK ? phase_tally_rebuild(d, tenant_id) : rc;
}

int answer_tally_rebuild(db *d)
{
    return answer_tally_tenant_rebuild(d, NULL);
}

bool requirement_after_write(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    (void)errs;
    /* a new requirement has no answers yet; one that keeps its phase and scope moves none */
    if (!old || !rec) return true;
    const char *tenant = tenant_param(r);
    const char *org = record_get(rec, e, "org_wide"), *org_was = record_get(old, e, "org_wide");
    if (!str_same(org, org_was)) {
        /* it became organisation-wide (the objects' answers are history now, the strictest
         * the tenant's answer) or an object's again: every count of the tenant anew */
        audit_actor who = {r->auth->account_id, r->auth->email, r->ip};
        int carried;
        return org_answers_carry(r->db, r->a, &who, tenant, &carried) == DB_OK &&
               answer_tally_tenant_rebuild(r->db, tenant) == DB_OK;
    }
    const char *phase = record_get(rec, e, "phase"), *was = record_get(old, e, "phase");
    if (str_same(phase, was)) return true;
    return phase_tally_rebuild(r->db, tenant) == DB_OK;
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
