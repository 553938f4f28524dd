/* seed.c - demo continuity for Exempelkommun: a plan for its first förvaltningsobjekt
 * whose last restore test failed (and whose next test is overdue), and a plan for its
 * first process that was never tested, with its BIA and dependencies. */
#include "continuity.h"
#include "../core/util.h"

/* The BIA of the försörjningsstöd plan (unacceptable for life and health after three
 * days: MTPD 72 h), and what its process needs: Procapita IFO, which needs the directory
 * and Tietoevry, whose agreement promises a slower restore (48 h) than the 24 h needed. */
static bool seed_bia(db *d, const char *t, const char *plan, const char *unit, const char *now)
{
    static const char *const impacts[][3] = {
        {"duties", "4", "2"}, {"duties", "24", "3"},      {"money", "72", "2"},
        {"trust", "72", "3"}, {"life_health", "72", "4"},
    };
    for (size_t i = 0; i < sizeof impacts / sizeof impacts[0]; i++) {
        const char *p[] = {t, plan, unit, impacts[i][0], impacts[i][1], impacts[i][2], now};
        if (db_exec(
                d,
                "INSERT INTO bia_impact (tenant_id, plan_id, unit_id, kind, after_hours, level, "
                "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
                7, p, NULL) != DB_OK)
            return false;
    }
    const char *p[] = {t, now};
    return db_exec(d,
                   "INSERT INTO continuity_dependency (tenant_id, unit_id, process_id, "
                   "needs_system_id, created_at, updated_at) SELECT p.tenant_id, p.unit_id, p.id, "
                   "s.id, $2, $2 FROM process p JOIN system s ON s.tenant_id = p.tenant_id AND "
                   "s.name = 'Procapita IFO' WHERE p.tenant_id = $1 AND p.name = 'Handläggning av "
                   "försörjningsstöd'",
                   2, p, NULL) == DB_OK &&
           db_exec(d,
                   "INSERT INTO continuity_dependency (tenant_id, unit_id, system_id, "
                   "needs_system_id, created_at, updated_at) SELECT s.tenant_id, s.unit_id, s.id, "
                   "n.id, $2, $2 FROM system s JOIN system n ON n.tenant_id = s.tenant_id AND "
                   "n.name = 'Active Directory och Entra ID' WHERE s.tenant_id = $1 AND s.name = "
                   "'Procapita IFO'",
                   2, p, NULL) == DB_OK &&
           db_exec(
               d,
               "INSERT INTO continuity_dependency (tenant_id, unit_id, system_id, supplier, "
               "sla_restore_hours, created_at, updated_at) SELECT s.tenant_id, s.unit_id, s.id, "
               "'Tietoevry', 48, $2, $2 FROM system s WHERE s.tenant_id = $1 AND s.name = "
               "'Procapita IFO'",
               2, p, NULL) == DB_OK;
}

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
    db_res *pay = NULL;
    if (db_query(d, a,
                 "INSERT INTO continuity_plan (tenant_id, name, process_id, unit_id, mtpd_hours, "
                 "rto_hours, rpo_hours, min_level, workarounds, workaround_hours, people_needed, "
                 "premises_needed, last_reviewed, review_due, created_at, updated_at) VALUES ($1, "
                 "'Utbetalning av försörjningsstöd', $2, $3, 72, 24, 4, 'Akuta utbetalningar till "
                 "hushåll utan pengar till mat och boende.', 'Nödutbetalning med beslut på papper "
                 "och utbetalning via banken.', 48, 'Två handläggare och en ekonom per dag.', "
                 "'Socialkontoret eller annan lokal med telefon.', '2026-03-15', '2027-03-15', "
                 "$4, $4) RETURNING id",
                 4, s, &pay) != DB_OK)
        return false;
    return seed_bia(d, t, db_cell(pay, 0, 0), db_cell(proc, 0, 1), now);
}
