/* demo.c - the demo's self-assessment (lis demo): Vård och omsorg assessed in full,
 * Ekonomi begun, on the inventory that src/inventory/demo.c wrote. Each answer is
 * audited as the self-assessment page audits it. */
#include "demo.h"
#include "requirements.h"
#include "../audit/audit.h"
#include "../core/util.h"
#include "../org/seed.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N(x) ((int)(sizeof(x) / sizeof((x)[0])))

typedef struct ctx {
    db *d;
    arena *a;
    int64_t tenant;
    const char *now;
} ctx;

/* Runs an INSERT … RETURNING id and audits the new row; 0 on failure. */
static int64_t insert(ctx *c, const char *entity, const char *action, const char *title,
                      const char *sql, int n, const char **p)
{
    return seed_insert_audited(c->d, c->a, c->tenant, entity, action, title, sql, n, p);
}

/* The self-assessment: Vård och omsorg assessed in full, with the gaps its risk analysis
 * found; Ekonomi only begun (access, logging and backup). Statuses follow a fixed
 * pattern, with the answers a CISO would ask about written out. */
typedef struct demo_answer {
    const char *code, *status, *comment, *evidence;
} demo_answer;

static const demo_answer care_answers[] = {
    {"BEH-01", "met", "Behörighetsmodellen för Lifecare fastställd av socialchefen 2026-02-10.",
     "Diarienr SN 2026/0087"},
    {"BEH-02", "not_met",
     "Delade konton används på två särskilda boenden. Personliga kort är beställda (se "
     "handlingsplanen).",
     NULL},
    {"BEH-03", "met", "Beställning via e-tjänst, godkänd av enhetschef.", NULL},
    {"BEH-04", "partly",
     "Konton spärras vid avslut via Heroma; byte av roll följs inte upp systematiskt.", NULL},
    {"LOG-01", "met", NULL, NULL},
    {"BAK-01", "met", "Leverantörens plan: dagliga kopior, 30 generationer, RPO 24 timmar.",
     "Bilaga 4 till avtalet"},
    {"BAK-03", "not_met", "Ingen återläsning har provats sedan driftstarten.", NULL},
    {"KRY-02", "met", "TLS 1.2 eller senare; kontrollerat med leverantören.", NULL},
    {"LEV-04", "met", "Personuppgiftsbiträdesavtal med Tietoevry, Phoniro och Inera.", NULL},
};

static const char *const pattern[] = {"met", "met",     "partly", "met", "met",    "not_met",
                                      "met", "partly",  "met",    "na",  "met",    "met",
                                      "met", "not_met", "met",    "met", "partly", "met"};

static int assess(ctx *c, const char *object_name, bool all, const demo_answer *given, int ngiven)
{
    const char *p[] = {int_text(c->a, c->tenant), object_name};
    db_res *obj = NULL, *reqs = NULL;
    if (db_query(c->d, c->a,
                 "SELECT o.id, o.unit_id, (SELECT MAX(CAST(k.k AS INTEGER)) || ',' || "
                 "MAX(CAST(k.r AS INTEGER)) || ',' || MAX(CAST(k.t AS INTEGER)) || ',' || "
                 "COALESCE(MAX(CAST(k.s AS INTEGER)), -1) FROM system s JOIN system_asset l ON "
                 "l.tenant_id = s.tenant_id AND l.system_id = s.id JOIN classification k ON "
                 "k.asset_id = l.asset_id AND k.tenant_id = l.tenant_id AND k.is_current = 1 "
                 "WHERE s.tenant_id = o.tenant_id AND s.object_id = o.id) FROM managed_object o "
                 "WHERE o.tenant_id = $1 AND o.name = $2",
                 2, p, &obj) != DB_OK ||
        db_query(c->d, c->a,
                 "SELECT id, code, aspect, min_level, area FROM requirement WHERE tenant_id = $1 "
                 "AND active = 1 AND org_wide = 0 ORDER BY id",
                 1, p, &reqs) != DB_OK)
        return -1;
    if (obj->nrows != 1 || !db_cell(obj, 0, 2)) return 0; /* not this demo's inventory */
    int need[4] = {-1, -1, -1, -1};
    sscanf(db_cell(obj, 0, 2), "%d,%d,%d,%d", &need[0], &need[1], &need[2], &need[3]);
    int n = 0;
    for (int q = 0; q < reqs->nrows; q++) {
        const char *code = db_cell(reqs, q, 1), *area = db_cell(reqs, q, 4);
        if (!requirement_applies(db_cell(reqs, q, 2), atoi(db_cell(reqs, q, 3)), need)) continue;
        if (!all && strcmp(area, "behorighet") && strcmp(area, "loggning") &&
            strcmp(area, "backup"))
            continue;
        const demo_answer *g = NULL;
        for (int i = 0; i < ngiven; i++)
            if (!strcmp(given[i].code, code)) g = &given[i];
        const char *ap[] = {int_text(c->a, c->tenant),
                            db_cell(obj, 0, 1),
                            db_cell(obj, 0, 0),
                            db_cell(reqs, q, 0),
                            g ? g->status : pattern[n % N(pattern)],
                            g ? g->comment : NULL,
                            g ? g->evidence : NULL,
                            c->now};
        /* each answer audited as the self-assessment page audits it */
        const char *title = arena_printf(c->a, "%s: %s", object_name, code);
        if (!insert(c, "answers", "create", title,
                    "INSERT INTO answer (tenant_id, unit_id, object_id, requirement_id, status, "
                    "comment, evidence, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, "
                    "$7, $8, $8) RETURNING id",
                    8, ap))
            return -1;
        n++;
    }
    return n;
}

/* The organisation-wide requirements the CISO has assessed once for the kommun. */
static const demo_answer org_answers[] = {
    {"DOK-01", "met", "Informationssäkerhetspolicyn antogs av kommunfullmäktige 2025-03-24.",
     "KF 2025-03-24 § 41"},
    {"DOK-02", "met", "Roller och ansvar i riktlinjen för informationssäkerhet, bilaga 1.", NULL},
    {"INC-01", "partly",
     "Rutinen för incidenthantering finns men är inte omprövad sedan 2023 och saknar "
     "kontaktlista för helger.",
     NULL},
    {"UTB-04", "not_met",
     "Kommunledningen har inte utbildats i cybersäkerhet sedan valet 2022; krav enligt "
     "cybersäkerhetslagen.",
     NULL},
    {"LEV-02", "partly", "Registret saknar slutdatum för avtalen med Phoniro och Inera.", NULL},
};

static bool assess_org(ctx *c)
{
    for (int i = 0; i < N(org_answers); i++) {
        const demo_answer *g = &org_answers[i];
        const char *p[] = {
            int_text(c->a, c->tenant), g->code, g->status, g->comment, g->evidence, c->now};
        if (!insert(c, "org_answers", "create", g->code,
                    "INSERT INTO org_answer (tenant_id, requirement_id, status, comment, "
                    "evidence, created_at, updated_at) SELECT q.tenant_id, q.id, CAST($3 AS TEXT), "
                    "CAST($4 AS TEXT), CAST($5 AS TEXT), CAST($6 AS TEXT), CAST($6 AS TEXT) FROM "
                    "requirement q WHERE q.tenant_id = $1 AND q.code = $2 AND q.org_wide = 1 "
                    "RETURNING id",
                    6, p))
            return false;
    }
    return true;
}

int requirements_demo_answers(db *d)
{
    arena a;
    arena_init(&a, 0);
    char now[21];
    time_now_iso(now);
    const char *tenant = db_scalar(d, &a, "SELECT id FROM tenant WHERE code = 'EXEMPEL'", 0, NULL);
    const char *p[] = {tenant};
    const char *answered =
        tenant ? db_scalar(d, &a, "SELECT COUNT(*) FROM answer WHERE tenant_id = $1", 1, p) : NULL;
    if (!answered || atoll(answered) > 0) {
        arena_free(&a);
        return answered ? 0 : 1;
    }
    ctx c = {d, &a, atoll(tenant), arena_strdup(&a, now)};
    if (db_begin(d) != DB_OK) {
        arena_free(&a);
        return 1;
    }
    bool ok = assess(&c, "Vård och omsorg", true, care_answers, N(care_answers)) >= 0 &&
              assess(&c, "Ekonomi", false, NULL, 0) >= 0 && assess_org(&c) &&
              answer_tally_rebuild(d) == DB_OK;
    if (!ok || db_commit(d) != DB_OK) {
        fprintf(stderr, "lis: the demo's self-assessment failed: %s\n", db_error(d));
        db_rollback(d);
        arena_free(&a);
        return 1;
    }
    arena_free(&a);
    return 0;
}
