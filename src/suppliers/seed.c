/* seed.c - demo suppliers for Exempelkommun: the free-text names on its systems become
 * records as the migration makes them, the three that run the most systems get security
 * and incident contacts, and the supplier of the first förvaltningsobjekt's systems (whose
 * continuity plan needs RTO 8 h and RPO 4 h) has an SLA promising 24 h for both — the
 * weaker promise a CISO is to see flagged. */
#include "suppliers.h"
#include "../core/util.h"

/* the migration's matching (0025), for one tenant */
static bool suppliers_from_names(db *d, const char *tenant)
{
    const char *p[] = {tenant};
    return db_exec(
               d,
               "INSERT INTO supplier (tenant_id, name, country, created_at, updated_at) SELECT "
               "s.tenant_id, TRIM(s.supplier), 'Sverige', s.created_at, s.created_at FROM "
               "system s WHERE s.tenant_id = $1 AND s.supplier IS NOT NULL AND TRIM(s.supplier) "
               "<> '' AND s.id = (SELECT MIN(f.id) FROM system f WHERE f.tenant_id = "
               "s.tenant_id AND f.supplier IS NOT NULL AND LOWER(REPLACE(f.supplier, ' ', '')) = "
               "LOWER(REPLACE(s.supplier, ' ', '')))",
               1, p, NULL) == DB_OK &&
           db_exec(d,
                   "UPDATE system SET supplier_id = (SELECT p.id FROM supplier p WHERE p.tenant_id "
                   "= system.tenant_id AND LOWER(REPLACE(p.name, ' ', '')) = "
                   "LOWER(REPLACE(system.supplier, ' ', ''))) WHERE tenant_id = $1 AND supplier IS "
                   "NOT NULL AND TRIM(supplier) <> ''",
                   1, p, NULL) == DB_OK;
}

/* The largest supplier is critical: its ISO 27001 certificate expires in 45 days, its
 * yearly review is planned in 20 days, and its exit plan has not been tested. */
static bool seed_follow_up(db *d, arena *a, const char *t, const db_res *big)
{
    if (!big->nrows) return true;
    char today[11], soon[11], review[11], test[11], now[21];
    date_today(today);
    time_now_iso(now);
    if (!date_add_days(today, 45, soon) || !date_add_days(today, 20, review) ||
        !date_add_days(today, 90, test))
        return false;
    const char *sup = db_cell(big, 0, 0);
    const char *p1[] = {t, sup, arena_strdup(a, review)};
    const char *p2[] = {t, sup, arena_strdup(a, soon), now};
    const char *p3[] = {t, sup, arena_printf(a, "Årlig leverantörsuppföljning %.4s", review),
                        arena_strdup(a, review), now};
    const char *p4[] = {t, sup, arena_strdup(a, test), now};
    return db_exec(d,
                   "UPDATE supplier SET critical = 1, next_review = $3 WHERE tenant_id = $1 AND "
                   "id = $2",
                   3, p1, NULL) == DB_OK &&
           db_exec(d,
                   "INSERT INTO supplier_certification (tenant_id, supplier_id, standard, scope, "
                   "issuer, seen_on, expires_on, created_at, updated_at) VALUES ($1, $2, "
                   "'iso27001', 'Drift och förvaltning av kundernas system', 'Ackrediterat "
                   "certifieringsorgan', SUBSTR($4, 1, 10), $3, $4, $4)",
                   4, p2, NULL) == DB_OK &&
           db_exec(d,
                   "INSERT INTO supplier_review (tenant_id, supplier_id, title, status, "
                   "planned_on, created_at, updated_at) VALUES ($1, $2, $3, 'planned', $4, $5, "
                   "$5)",
                   5, p3, NULL) == DB_OK &&
           db_exec(d,
                   "INSERT INTO supplier_exit_plan (tenant_id, supplier_id, title, data_export, "
                   "data_format, time_needed, test_due, created_at, updated_at) VALUES ($1, $2, "
                   "'Exit från driftleverantören', 'Leverantören exporterar all kommunens "
                   "information och loggar och raderar den efter bekräftad överföring.', 'CSV "
                   "och databasdump', '6 månader', $3, $4, $4)",
                   4, p4, NULL) == DB_OK;
}

bool seed_suppliers(db *d, arena *a, int64_t tenant)
{
    const char *t = int_text(a, tenant);
    if (!suppliers_from_names(d, t)) return false;
    const char *p[] = {t};
    db_res *big = NULL;
    if (db_query(d, a,
                 "SELECT p.id, p.name FROM supplier p JOIN system s ON s.supplier_id = p.id WHERE "
                 "p.tenant_id = $1 GROUP BY p.id, p.name ORDER BY COUNT(*) DESC, p.name LIMIT 3",
                 1, p, &big) != DB_OK)
        return false;
    for (int i = 0; i < big->nrows; i++) {
        const char *q[] = {db_cell(big, i, 0), "Säkerhetsfunktionen", "+46 8 123 450 00",
                           "Incidentberedskapen (dygnet runt)", "+46 8 123 450 99"};
        if (db_exec(d,
                    "UPDATE supplier SET security_contact = $2, security_phone = $3, "
                    "incident_contact = $4, incident_phone = $5, review_months = 12 WHERE id = $1",
                    5, q, NULL) != DB_OK)
            return false;
    }
    if (!seed_follow_up(d, a, t, big)) return false;
    /* the SLA: the supplier of the planned object's first system that has one */
    db_res *sys = NULL;
    if (db_query(
            d, a,
            "SELECT s.id, s.supplier_id, p.name FROM continuity_plan c JOIN system s ON "
            "s.tenant_id = c.tenant_id AND s.object_id = c.object_id JOIN supplier p ON p.id = "
            "s.supplier_id WHERE c.tenant_id = $1 ORDER BY c.id, s.id LIMIT 1",
            1, p, &sys) != DB_OK)
        return false;
    if (!sys->nrows) return true;
    char now[21];
    time_now_iso(now);
    const char *q[] = {t, db_cell(sys, 0, 1),
                       arena_printf(a, "Drift och support, %s", db_cell(sys, 0, 2)), now};
    db_res *made = NULL;
    if (db_query(
            d, a,
            "INSERT INTO agreement (tenant_id, supplier_id, title, kind, start_date, end_date, "
            "notice_months, notice_date, document_location, availability, support_hours, "
            "rto_hours, rpo_hours, backup_hours, responsible_id, created_at, updated_at) "
            "VALUES ($1, $2, $3, 'sla', '2024-01-01', '2027-12-31', 6, '2027-06-30', 'KS "
            "2023/412', '99.5', 'Vardagar 07–18', 24, 24, 24, (SELECT MIN(p.id) FROM person p "
            "WHERE p.tenant_id = $1 AND p.email = 'ciso@exempelkommun.se'), $4, $4) "
            "RETURNING id",
            4, q, &made) != DB_OK)
        return false;
    const char *r[] = {t, db_cell(made, 0, 0), db_cell(sys, 0, 0), now};
    return db_exec(d,
                   "INSERT INTO agreement_system (tenant_id, agreement_id, system_id, created_at, "
                   "updated_at) VALUES ($1, $2, $3, $4, $4)",
                   4, r, NULL) == DB_OK;
}
