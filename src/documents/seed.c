/* seed.c - the demo's styrdokument for Exempelkommun: the informationssäkerhetspolicy
 * (KF, due for review: overdue), two riktlinjer under it, and a draft rutin of the
 * förvaltning its samordnare works in; the policy meets DOK-01 for the whole kommun, is
 * published to all staff and confirmed by the CISO so far. */
#include "documents.h"
#include "../org/seed.h"
#include "../core/util.h"
#include <stdlib.h>

static const struct demo_document {
    const char *title, *level, *status, *by, *on, *paragraph, *dnr, *next_review, *body;
    int parent;    /* index in this table, -1: none */
    bool own_unit; /* the samordnare's förvaltning, else the whole kommun */
} docs[] = {
    {"Informationssäkerhetspolicy", "policy", "kommunicerad", "kf", "2024-06-10", "§ 87",
     "KS 2024/123", "2025-06-10",
     "Kommunens information ska skyddas efter sitt värde.\nVarje nämnd ansvarar för "
     "informationssäkerheten i sin verksamhet.\nInformationen klassas efter konfidentialitet, "
     "riktighet och tillgänglighet.",
     -1, false},
    {"Riktlinje för informationsklassning", "riktlinje", "beslutad", "ks", "2024-09-02", "§ 142",
     "KS 2024/311", "2027-09-02",
     "Varje informationsmängd klassas av informationsägaren.\nKlassningen ses över vid "
     "förändring och minst vart tredje år.",
     0, false},
    {"Riktlinje för behörigheter", "riktlinje", "kommunicerad", "kommundirektor", "2025-01-20",
     "§ 4", "KS 2025/18", "2027-01-20",
     "Behörighet ges efter behov och tas bort när behovet upphör.\nBehörigheterna följs upp två "
     "gånger om året.",
     0, false},
    {"Rutin för behörighetsuppföljning i socialtjänsten", "rutin", "utkast", NULL, NULL, NULL, NULL,
     NULL,
     "Systemförvaltaren tar ut en lista över behörigheter i mars och september.\nEnhetschefen "
     "går igenom listan och svarar inom två veckor.",
     2, true},
};

bool seed_documents(db *d, arena *a, int64_t tenant)
{
    const char *t = int_text(a, tenant);
    const char *p[] = {t};
    const char *owner = db_scalar(d, a,
                                  "SELECT p.id FROM person p WHERE p.tenant_id = $1 AND p.email = "
                                  "'ciso@exempelkommun.se'",
                                  1, p);
    const char *unit = db_scalar(d, a,
                                 "SELECT p.unit_id FROM person p WHERE p.tenant_id = $1 AND "
                                 "p.email = 'samordnare@exempelkommun.se'",
                                 1, p);
    char now[21];
    time_now_iso(now);
    int64_t ids[sizeof docs / sizeof docs[0]];
    for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
        const struct demo_document *x = &docs[i];
        const char *q[] = {t,
                           x->title,
                           x->level,
                           x->parent >= 0 ? int_text(a, ids[x->parent]) : NULL,
                           owner,
                           x->own_unit ? unit : NULL,
                           x->status,
                           x->body,
                           x->by,
                           x->on,
                           x->paragraph,
                           x->dnr,
                           x->next_review,
                           now};
        ids[i] = seed_insert_audited(
            d, a, tenant, "documents", "create", x->title,
            "INSERT INTO document (tenant_id, title, level, parent_id, owner_id, unit_id, status, "
            "version, body, decided_by, decided_on, decision_paragraph, diarienummer, "
            "review_months, next_review, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, "
            "$7, 1, $8, $9, $10, $11, $12, 12, $13, $14, $14) RETURNING id",
            14, q);
        if (!ids[i]) return false;
        if (!x->on) continue;
        /* a decided document's version 1, as the rules keep it */
        const char *v[] = {t,     int_text(a, ids[i]), x->title, x->body, x->by,
                           x->on, x->paragraph,        x->dnr,   now};
        if (!seed_insert_audited(d, a, tenant, "document_versions", "create", x->title,
                                 "INSERT INTO document_version (tenant_id, document_id, version, "
                                 "title, body, decided_by, decided_on, decision_paragraph, "
                                 "diarienummer, created_at) VALUES ($1, $2, 1, $3, $4, $5, $6, $7, "
                                 "$8, $9) RETURNING id",
                                 9, v))
            return false;
    }
    /* the policy went to all staff, the riktlinje för behörigheter to the samordnare's
     * förvaltning; the CISO has confirmed the policy */
    const char *pubs[][4] = {{int_text(a, ids[0]), "all", NULL, "2024-06-20"},
                             {int_text(a, ids[2]), "unit", unit, "2025-02-03"}};
    for (size_t i = 0; i < 2; i++) {
        const char *q[] = {t, pubs[i][0], pubs[i][1], pubs[i][2], pubs[i][3], now};
        if (!seed_insert_audited(
                d, a, tenant, "document_publications", "create", docs[i ? 2 : 0].title,
                "INSERT INTO document_publication (tenant_id, document_id, version, "
                "target, target_unit_id, published_on, created_at, updated_at) "
                "VALUES ($1, $2, 1, $3, $4, $5, $6, $6) RETURNING id",
                6, q))
            return false;
    }
    const char *k[] = {t, int_text(a, ids[0]), owner, now};
    return seed_insert_audited(d, a, tenant, "document_acks", "create", docs[0].title,
                               "INSERT INTO document_ack (tenant_id, document_id, version, "
                               "person_id, unit_id, confirmed_at, created_at) SELECT $1, $2, 1, "
                               "p.id, p.unit_id, $4, $4 FROM person p WHERE p.id = $3 RETURNING id",
                               4, k) != 0;
}

int documents_demo_requirements(db *d)
{
    arena a;
    arena_init(&a, 0);
    char now[21];
    time_now_iso(now);
    const char *tenant = db_scalar(d, &a, "SELECT id FROM tenant WHERE code = 'EXEMPEL'", 0, NULL);
    const char *p[] = {tenant};
    const char *policy =
        tenant ? db_scalar(d, &a,
                           "SELECT MIN(id) FROM document WHERE tenant_id = $1 AND level = 'policy' "
                           "AND NOT EXISTS (SELECT 1 FROM document_requirement x WHERE "
                           "x.tenant_id = $1)",
                           1, p)
               : NULL;
    int rc = 0;
    if (policy && db_begin(d) == DB_OK) {
        const char *r[] = {tenant, policy, now};
        rc = seed_insert_audited(d, &a, atoll(tenant), "document_requirements", "create", "DOK-01",
                                 "INSERT INTO document_requirement (tenant_id, document_id, "
                                 "requirement_id, created_at, updated_at) SELECT $1, $2, q.id, $3, "
                                 "$3 FROM requirement q WHERE q.tenant_id = $1 AND q.code = "
                                 "'DOK-01' RETURNING id",
                                 3, r) &&
                     db_commit(d) == DB_OK
                 ? 0
                 : 1;
        if (rc) db_rollback(d);
    }
    arena_free(&a);
    return rc;
}
