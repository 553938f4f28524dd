/* seed.c - the demo's awareness for Exempelkommun: the basic course in information
 * security for all staff (e-learning, repeated every 24 months), completed by some — the
 * samordnare so long ago that the repeat is overdue, the teacher not at all — and two
 * phishing drills, spring and autumn, with numbers per förvaltning so that the trend
 * shows. After the catalogue is in the tenant the basic course meets UTB-01 and the
 * drills UTB-06 (awareness_demo_requirements). */
#include "awareness.h"
#include "../org/seed.h"
#include "../core/util.h"
#include <stdlib.h>

static const struct demo_completion {
    const char *local, *on;
} completions[] = {
    {"ciso", "2026-01-15"},
    {"admin", "2025-11-20"},
    {"agare", "2025-10-01"},
    {"samordnare", "2024-03-01"},
};

static const struct demo_drill {
    const char *name, *starts_on;
    struct {
        const char *unit;
        int sent, clicked, reported;
    } results[3];
} drills[] = {
    {"Phishingövning våren 2026",
     "2026-03-10",
     {{"Socialförvaltningen", 420, 71, 38},
      {"Barn- och utbildningsförvaltningen", 610, 122, 41},
      {"Kommunledningsförvaltningen", 180, 22, 35}}},
    {"Phishingövning hösten 2026",
     "2026-10-06",
     {{"Socialförvaltningen", 415, 46, 77},
      {"Barn- och utbildningsförvaltningen", 598, 95, 70},
      {"Kommunledningsförvaltningen", 176, 12, 51}}},
};

bool seed_awareness(db *d, arena *a, int64_t tenant)
{
    const char *t = int_text(a, tenant);
    char now[21];
    time_now_iso(now);
    const char *owner_p[] = {t};
    const char *owner = db_scalar(d, a,
                                  "SELECT id FROM person WHERE tenant_id = $1 AND email = "
                                  "'ciso@exempelkommun.se'",
                                  1, owner_p);
    const char *name = "Grundutbildning i informationssäkerhet";
    const char *c[] = {t, name, owner, now,
                       "Webbutbildningen i utbildningsplattformen: informationsklassning, "
                       "lösenord, nätfiske och hur en incident rapporteras. Cirka 45 minuter."};
    int64_t course = seed_insert_audited(
        d, a, tenant, "training_campaigns", "create", name,
        "INSERT INTO training_campaign (tenant_id, name, kind, basic, target, starts_on, ends_on, "
        "repeat_months, owner_id, description, created_at, updated_at) VALUES ($1, $2, "
        "'elearning', 1, 'all', '2025-09-01', '2026-06-30', 24, $3, $5, $4, $4) RETURNING id",
        5, c);
    if (!course) return false;
    for (size_t i = 0; i < sizeof completions / sizeof completions[0]; i++) {
        const char *q[] = {t, int_text(a, course),
                           arena_printf(a, "%s@exempelkommun.se", completions[i].local),
                           completions[i].on, now};
        if (!seed_insert_audited(d, a, tenant, "training_completions", "create", name,
                                 "INSERT INTO training_completion (tenant_id, campaign_id, "
                                 "person_id, completed_on, source, created_at, updated_at) SELECT "
                                 "$1, $2, p.id, $4, 'import', $5, $5 FROM person p WHERE "
                                 "p.tenant_id = $1 AND p.email = $3 RETURNING id",
                                 5, q))
            return false;
    }
    for (size_t i = 0; i < sizeof drills / sizeof drills[0]; i++) {
        const struct demo_drill *x = &drills[i];
        const char *q[] = {t, x->name, x->starts_on, owner, now};
        int64_t drill = seed_insert_audited(
            d, a, tenant, "training_campaigns", "create", x->name,
            "INSERT INTO training_campaign (tenant_id, name, kind, basic, target, starts_on, "
            "ends_on, owner_id, created_at, updated_at) VALUES ($1, $2, 'phishing', 0, 'all', $3, "
            "$3, $4, $5, $5) RETURNING id",
            5, q);
        if (!drill) return false;
        for (int k = 0; k < 3; k++) {
            const char *v[] = {t,
                               int_text(a, drill),
                               x->results[k].unit,
                               int_text(a, x->results[k].sent),
                               int_text(a, x->results[k].clicked),
                               int_text(a, x->results[k].reported),
                               now};
            if (!seed_insert_audited(
                    d, a, tenant, "phishing_results", "create", x->name,
                    "INSERT INTO phishing_result (tenant_id, campaign_id, forvaltning_id, sent, "
                    "clicked, reported, created_at, updated_at) SELECT $1, $2, u.id, $4, $5, $6, "
                    "$7, $7 FROM unit u WHERE u.tenant_id = $1 AND u.name = $3 RETURNING id",
                    7, v))
                return false;
        }
    }
    return true;
}

int awareness_demo_requirements(db *d)
{
    arena a;
    arena_init(&a, 0);
    char now[21];
    time_now_iso(now);
    const char *tenant = db_scalar(d, &a, "SELECT id FROM tenant WHERE code = 'EXEMPEL'", 0, NULL);
    int rc = 0;
    const char *p[] = {tenant, now};
    if (tenant && db_begin(d) == DB_OK) {
        rc = db_exec(d,
                     "UPDATE training_campaign SET requirement_id = (SELECT q.id FROM requirement "
                     "q WHERE q.tenant_id = $1 AND q.code = CASE WHEN training_campaign.kind = "
                     "'phishing' THEN 'UTB-06' ELSE 'UTB-01' END), updated_at = $2 WHERE "
                     "tenant_id = $1 AND requirement_id IS NULL",
                     2, p, NULL) == DB_OK &&
                     db_commit(d) == DB_OK
                 ? 0
                 : 1;
        if (rc) db_rollback(d);
    }
    arena_free(&a);
    return rc;
}
