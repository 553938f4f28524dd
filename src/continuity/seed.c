/* seed.c - demo continuity for Exempelkommun: a plan for its first förvaltningsobjekt
 * whose last restore test failed (and whose next test is overdue), and a plan for its
 * first process that was never tested. */
#include "continuity.h"
#include "../core/util.h"

bool seed_continuity(db *d, arena *a, int64_t tenant)
{
    const char *t = int_text(a, tenant);
    const char *p[] = {t};
    db_res *obj = NULL, *proc = NULL;
    if (db_query(d, a,
                 "SELECT id, unit_id FROM managed_object WHERE tenant_id = $1 ORDER BY id LIMIT 1",
                 1, p, &obj) != DB_OK ||
        db_query(d, a, "SELECT id, unit_id FROM process WHERE tenant_id = $1 ORDER BY id LIMIT 1",
                 1, p, &proc) != DB_OK)
        return false;
    if (!obj->nrows || !proc->nrows) return true; /* nothing to plan for */
    char now[21];
    time_now_iso(now);
    const char *q[] = {t, db_cell(obj, 0, 0), db_cell(obj, 0, 1), now};
    db_res *plan = NULL;
    if (db_query(d, a,
                 "INSERT INTO continuity_plan (tenant_id, name, object_id, unit_id, what_stops, "
                 "mtpd_hours, rto_hours, rpo_hours, dependencies, plan, last_reviewed, "
                 "created_at, updated_at) VALUES ($1, 'Verksamhetssystemen i socialtjänsten', $2, "
                 "$3, 'Handläggning och dokumentation i socialtjänsten.', 24, 8, 4, "
                 "'Leverantörens drift, kommunens nätverk, systemförvaltarna.', "
                 "'Reservrutiner på papper; återläsning från säkerhetskopia.', '2025-02-01', $4, "
                 "$4) RETURNING id",
                 4, q, &plan) != DB_OK)
        return false;
    const char *r[] = {t, db_cell(plan, 0, 0), db_cell(obj, 0, 1), now};
    if (db_exec(d,
                "INSERT INTO continuity_test (tenant_id, plan_id, unit_id, kind, tested_on, scope, "
                "result, findings, next_due, created_at, updated_at) VALUES ($1, $2, $3, "
                "'restore', '2025-03-12', 'Återläsning av databasen till testmiljö', 'failed', "
                "'Säkerhetskopian saknade loggfilerna; återläsningen tog 30 timmar (RTO 8).', "
                "'2025-09-12', $4, $4)",
                4, r, NULL) != DB_OK)
        return false;
    const char *s[] = {t, db_cell(proc, 0, 0), db_cell(proc, 0, 1), now};
    /* the RSA for the term that starts after the 2026 election, due as MSBFS 2015:5 had it */
    const char *u[] = {t, now};
    if (db_exec(d,
                "INSERT INTO rsa (tenant_id, term, due_on, created_at, updated_at) VALUES ($1, "
                "'2027–2030', '2027-10-31', $2, $2)",
                2, u, NULL) != DB_OK)
        return false;
    return db_exec(d,
                   "INSERT INTO continuity_plan (tenant_id, name, process_id, unit_id, mtpd_hours, "
                   "rto_hours, created_at, updated_at) VALUES ($1, 'Utbetalning av "
                   "försörjningsstöd', $2, $3, 72, 24, $4, $4)",
                   4, s, NULL) == DB_OK;
}
