/* sla.c - whether the agreements keep what the business needs. An SLA's promise (RTO,
 * RPO, backup interval) against the continuity plans of the objects its systems belong to
 * (the plan says how long the business can be without the system and how much data it
 * can lose); and a system that handles personal data with an external supplier — run by
 * the supplier or in its cloud, so the supplier processes the data — but no
 * personuppgiftsbiträdesavtal with that supplier covering it (GDPR art. 28.3). */
#include "suppliers.h"
#include "../core/util.h"
#include "../../build/views/agreement_sla.h"
#include "../../build/views/system_agreements.h"
#include "../../build/views/dash_pub_missing.h"
#include <stdlib.h>
#include <string.h>

unsigned sla_shortfall(long sla_rto, long sla_rpo, long sla_backup, long plan_rto, long plan_rpo)
{
    unsigned s = 0;
    if (plan_rto >= 0) {
        if (sla_rto < 0)
            s |= SLA_RTO_MISSING;
        else if (sla_rto > plan_rto)
            s |= SLA_RTO_WEAKER;
    }
    if (plan_rpo >= 0) {
        if (sla_rpo < 0)
            s |= SLA_RPO_MISSING;
        else if (sla_rpo > plan_rpo)
            s |= SLA_RPO_WEAKER;
        if (sla_backup >= 0 && sla_backup > plan_rpo) s |= SLA_BACKUP_WEAKER;
    }
    return s;
}

static long hours(const char *v)
{
    return v ? atol(v) : -1;
}

void agreement_detail_lead(req *r, const entity *e, const record *rec, buf *out)
{
    const char *kind = record_get(rec, e, "kind");
    if (!kind || strcmp(kind, "sla")) return;
    const char *p[] = {tenant_param(r), int_text(r->a, rec->id)};
    db_res *plans = NULL;
    /* the plans of the objects the covered systems belong to: plan id, name, system id,
     * system name, plan RTO, plan RPO */
    if (db_query(r->db, r->a,
                 "SELECT c.id, c.name, s.id, s.name, c.rto_hours, c.rpo_hours FROM "
                 "agreement_system x JOIN system s ON s.tenant_id = x.tenant_id AND s.id = "
                 "x.system_id JOIN continuity_plan c ON c.tenant_id = s.tenant_id AND c.object_id "
                 "= s.object_id WHERE x.tenant_id = $1 AND x.agreement_id = $2 AND (c.rto_hours "
                 "IS NOT NULL OR c.rpo_hours IS NOT NULL) ORDER BY s.name, c.name, c.id",
                 2, p, &plans) != DB_OK)
        return;
    long rto = hours(record_get(rec, e, "rto_hours")), rpo = hours(record_get(rec, e, "rpo_hours")),
         backup = hours(record_get(rec, e, "backup_hours"));
    unsigned *gaps = arena_alloc(r->a, sizeof *gaps * (size_t)(plans->nrows ? plans->nrows : 1));
    int weaker = 0;
    for (int i = 0; i < plans->nrows; i++) {
        gaps[i] = sla_shortfall(rto, rpo, backup, hours(db_cell(plans, i, 4)),
                                hours(db_cell(plans, i, 5)));
        weaker += gaps[i] != 0;
    }
    view_agreement_sla(out, r->lang, plans, gaps, weaker);
}

/* systems with personal data and an external supplier but no PUB-avtal of that supplier
 * covering them; $1 the tenant, extra narrows over s (a system, a supplier) */
#define PUB_MISSING_SQL(extra)                                                                     \
    "SELECT s.id, s.name, p.id, p.name FROM system s JOIN supplier p ON p.tenant_id = "            \
    "s.tenant_id AND p.id = s.supplier_id WHERE s.tenant_id = $1 AND s.status <> 'retired' AND "   \
    "s.hosting IN ('supplier', 'cloud')" extra                                                     \
    " AND EXISTS (SELECT 1 FROM system_asset l JOIN classification c ON c.tenant_id = "            \
    "l.tenant_id AND c.asset_id = l.asset_id AND c.is_current = 1 WHERE l.tenant_id = "            \
    "s.tenant_id AND l.system_id = s.id AND c.personal_data = 1) AND NOT EXISTS (SELECT 1 FROM "   \
    "agreement a JOIN agreement_system x ON x.tenant_id = a.tenant_id AND x.agreement_id = a.id "  \
    "WHERE a.tenant_id = s.tenant_id AND a.supplier_id = s.supplier_id AND a.kind = 'pub' AND "    \
    "x.system_id = s.id) ORDER BY s.name, s.id"

int pub_missing_for_supplier(req *r, int64_t supplier_id, db_res **rows)
{
    const char *p[] = {tenant_param(r), int_text(r->a, supplier_id)};
    return db_query(r->db, r->a, PUB_MISSING_SQL(" AND s.supplier_id = $2"), 2, p, rows);
}

void suppliers_dash_section(req *r, buf *out)
{
    const char *p[] = {tenant_param(r)};
    db_res *rows = NULL;
    if (db_query(r->db, r->a, PUB_MISSING_SQL(""), 1, p, &rows) != DB_OK) return;
    view_dash_pub_missing(out, r->lang, rows);
}

void suppliers_system_section(req *r, int64_t system_id, buf *out)
{
    const char *p[] = {tenant_param(r), int_text(r->a, system_id)};
    db_res *missing = NULL, *agreements = NULL;
    if (db_query(r->db, r->a, PUB_MISSING_SQL(" AND s.id = $2"), 2, p, &missing) != DB_OK ||
        db_query(r->db, r->a,
                 "SELECT a.id, a.title, a.kind, a.end_date FROM agreement a JOIN agreement_system "
                 "x ON x.tenant_id = a.tenant_id AND x.agreement_id = a.id WHERE a.tenant_id = $1 "
                 "AND x.system_id = $2 ORDER BY a.title, a.id",
                 2, p, &agreements) != DB_OK)
        return;
    const field *kind = &entity_agreements.fields[entity_field(&entity_agreements, "kind")];
    view_system_agreements(out, r->lang, r, agreements, kind, missing);
}
