/* demo.c - Exempelkommun's risk analyses, risks, actions and decided plan for `lis demo`.
 * Analyses and risks are written through the engine as the system (their levels come from
 * the risk rules); actions and the decided plan, whose history (statuses at the decision,
 * a decision made in February) no form can write, by hand with an audit row each. Units
 * and people are found by the names the organisation's demo gives them. */
#include "demo.h"
#include "risks.h"
#include "../audit/audit.h"
#include "../core/util.h"
#include "../entity/system_req.h"
#include "../org/seed.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

typedef struct ctx {
    db *d;
    arena *a;
    int64_t tenant;
    const char *now;
} ctx;

static const char *num(ctx *c, int64_t v)
{
    return v ? int_text(c->a, v) : NULL;
}

static const char *unit_named(ctx *c, const char *name)
{
    const char *p[] = {num(c, c->tenant), name};
    return db_scalar(c->d, c->a, "SELECT id FROM unit WHERE tenant_id = $1 AND name = $2", 2, p);
}

static const char *person_mailed(ctx *c, const char *local)
{
    const char *p[] = {num(c, c->tenant), arena_printf(c->a, "%s@exempelkommun.se", local)};
    return db_scalar(c->d, c->a, "SELECT id FROM person WHERE tenant_id = $1 AND email = $2", 2, p);
}

/* Runs an INSERT … RETURNING id and audits the new row; 0 on failure. */
static int64_t insert(ctx *c, const char *entity, const char *title, const char *sql, int n,
                      const char **p)
{
    return seed_insert_audited(c->d, c->a, c->tenant, entity, "create", title, sql, n, p);
}

typedef struct demo_risk {
    const char *title, *threat, *vulnerability, *unit, *owner;
    int l, c;
    const char *treatment, *reason, *review;
    int rl, rc;
    const char *status;
    int analysis; /* 0 the object's analysis, 1 the tenant-wide one */
} demo_risk;

static const demo_risk risks[] = {
    {"Obehörig åtkomst till personakter genom delade konton",
     "Medarbetare eller utomstående läser uppgifter de inte ska se.",
     "Gemensamma inloggningar på boenden; loggar följs inte upp.", "Socialförvaltningen", "agare",
     3, 4, "reduce", NULL, NULL, 2, 3, "open", 0},
    {"Personuppgifter skickas okrypterat med e-post",
     "Känsliga uppgifter når fel mottagare eller läses under överföring.",
     "Ingen säker e-post; rutinen är okänd för många.", "Socialförvaltningen", "agare", 4, 4, NULL,
     NULL, NULL, 0, 0, "open", 0},
    {"Driftavbrott hos leverantören av verksamhetssystemet",
     "Handläggningen står still när systemet inte nås.",
     "Avtalet saknar krav på tillgänglighet och reservrutin.", "Socialförvaltningen", "agare", 2, 3,
     "share", NULL, NULL, 2, 2, "treated", 0},
    {"Behörigheter ligger kvar efter rollbyte",
     "Medarbetare behåller åtkomst till ärenden de inte längre arbetar med.",
     "Ingen rutin för att ta bort behörighet vid byte av tjänst.", "Socialförvaltningen",
     "samordnare", 3, 2, "reduce", NULL, NULL, 1, 2, "open", 0},
    {"Nätfiske leder till övertagna konton", "Angripare loggar in som en medarbetare.",
     "Tvåfaktorsinloggning saknas för e-post utanför nätet.", "Kommunledningsförvaltningen", "ciso",
     4, 3, "reduce", NULL, NULL, 2, 3, "open", 1},
    {"Utpressningsprogram krypterar filservrar", "Filer och system blir oåtkomliga.",
     "Säkerhetskopior ligger i samma nät som servrarna.", "IT-avdelningen", "ciso", 2, 4, "reduce",
     NULL, NULL, 1, 4, "open", 1},
    {"Säkerhetskopior återläses aldrig", "En återläsning misslyckas när den behövs.",
     "Inga återläsningstester görs.", "IT-avdelningen", "ciso", 3, 3, "reduce", NULL, NULL, 0, 0,
     "open", 1},
    {"Äldre skolplattform utan säkerhetsuppdateringar", "Sårbarheter i plattformen utnyttjas.",
     "Leverantören ger inte längre uppdateringar.", "Barn- och utbildningsförvaltningen", "ciso", 1,
     2, "accept", "Plattformen ersätts vid läsårsskiftet och hanterar inga känsliga uppgifter.",
     "2027-06-30", 1, 2, "accepted", 1},
};

typedef struct demo_action {
    const char *title, *goal, *measure, *priority, *cost, *responsible, *unit, *start, *end;
    const char *status_decided, *status_now; /* at the decision, and today */
    int risk;                                /* index + 1 into risks, 0 for none */
} demo_action;

static const demo_action actions[] = {
    {"Inför personliga inloggningar på boenden", "Varje åtkomst kan spåras till en person.",
     "Personliga konton och kort; delade konton stängs.", "high", "120 timmar, 40 000 kr",
     "samordnare", "Socialförvaltningen", "2026-02-01", "2026-06-30", "planned", "ongoing", 1},
    {"Logguppföljning i verksamhetssystemet", "Obehörig åtkomst upptäcks.",
     "Stickprov på loggar varje månad.", "medium", "4 timmar i månaden", "agare",
     "Socialförvaltningen", "2026-03-01", "2026-12-15", "planned", "ongoing", 1},
    {"Säker e-post för känsliga uppgifter", "Inga känsliga uppgifter i vanlig e-post.",
     "Upphandla och införa säker e-post; utbilda handläggare.", "high", "150 000 kr", "ciso",
     "Kommunledningsförvaltningen", "2026-01-15", "2026-10-31", "planned", "ongoing", 2},
    {"Krav på tillgänglighet i avtalet med leverantören", "Avbrott har en avtalad gräns.",
     "Förhandla tillägg till avtalet med servicenivåer.", "medium", "20 timmar", "agare",
     "Socialförvaltningen", "2026-02-01", "2026-05-31", "planned", "done", 3},
    {"Rutin för behörighet vid rollbyte", "Behörigheter följer tjänsten.",
     "Chefen beställer borttag i samband med byte; kvartalsvis kontroll.", "medium", "16 timmar",
     "samordnare", "Socialförvaltningen", "2026-04-01", "2026-12-10", "planned", "planned", 4},
    {"Tvåfaktorsinloggning för alla medarbetare", "Ett stulet lösenord räcker inte.",
     "Aktivera tvåfaktorsinloggning stegvis per förvaltning.", "high", "200 timmar", "ciso",
     "IT-avdelningen", "2026-01-10", "2026-09-30", "planned", "ongoing", 5},
    {"Säkerhetskopior utanför det vanliga nätet", "Kopiorna överlever ett angrepp.",
     "Oföränderliga kopior hos separat tjänst.", "high", "90 000 kr per år", "ciso",
     "IT-avdelningen", "2026-03-01", "2026-08-31", "planned", "done", 6},
    {"Återläsningstest två gånger per år", "Vi vet att återläsning fungerar.",
     "Planerade tester med protokoll.", "medium", "24 timmar per test", "ciso", "IT-avdelningen",
     "2026-05-01", "2026-12-20", "planned", "planned", 7},
    {"Utbildning i informationssäkerhet för nyanställda",
     "Alla nya medarbetare känner till reglerna.", "Webbutbildning och introduktion.", "low",
     "30 timmar", "samordnare", "Barn- och utbildningsförvaltningen", "2026-01-01", "2026-12-31",
     "planned", "cancelled", 0},
    /* added after the decision: shows as a change */
    {"Nätfiskeövning för alla förvaltningar", "Fler känner igen nätfiske.",
     "Två övningar med uppföljande information.", "medium", "40 timmar", "ciso",
     "Kommunledningsförvaltningen", "2026-09-01", "2026-12-05", NULL, "ongoing", 5},
};

static const char *opt(const char *s)
{
    return s && *s ? s : NULL;
}

bool risks_demo(db *d, arena *a, int64_t tenant)
{
    char now[21];
    time_now_iso(now);
    ctx c = {d, a, tenant, arena_strdup(a, now)};
    const char *social = unit_named(&c, "Socialförvaltningen");
    const char *klf = unit_named(&c, "Kommunledningsförvaltningen");
    const char *p0[] = {num(&c, tenant), social};
    /* the analysed object: one of Socialförvaltningen's if it has one, else the first */
    const char *object =
        db_scalar(d, a,
                  "SELECT id FROM managed_object WHERE tenant_id = $1 ORDER BY CASE WHEN unit_id "
                  "= $2 THEN 0 ELSE 1 END, id",
                  2, p0);
    if (!social || !klf || !object) return false;
    /* analyses and risks through the engine: the risk rules rate them in the tenant's
     * matrix and derive their levels, as for a person's */
    req r;
    auth sys;
    if (!system_req_init(&r, &sys, a, d, tenant, "system")) return false;
    int64_t analyses[2];
    analyses[0] = system_create(
        &r, &entity_analyses,
        (const char *const[]){"title", "Riskanalys verksamhetssystem socialtjänsten 2026",
                              "unit_id", social, "scope_kind", "object", "object_id", object,
                              "analysed_on", "2026-03-12", "participants",
                              "Sara Ek (samordnare), Olle Falk (socialchef), systemförvaltaren, "
                              "två handläggare",
                              "method_notes",
                              "Workshop enligt MSB:s metodstöd. Hot och sårbarheter från förra "
                              "årets analys gicks igenom först.",
                              "status", "done", NULL});
    analyses[1] = system_create(
        &r, &entity_analyses,
        (const char *const[]){"title", "Kommunövergripande riskanalys 2026", "unit_id", klf,
                              "scope_kind", "tenant", "analysed_on", "2026-02-20", "participants",
                              "Carl Berg (CISO), IT-chefen, samordnarna", "method_notes",
                              "Årlig analys inför handlingsplanen.", "status", "done", NULL});
    if (!analyses[0] || !analyses[1]) return false;

    int64_t risk_ids[sizeof risks / sizeof risks[0]];
    const char *risk_units[sizeof risks / sizeof risks[0]];
    for (size_t i = 0; i < sizeof risks / sizeof risks[0]; i++) {
        const demo_risk *k = &risks[i];
        const char *unit = unit_named(&c, k->unit);
        if (!unit) return false;
        risk_units[i] = unit;
        risk_ids[i] = system_create(&r, &entity_risks,
                                    (const char *const[]){"title",
                                                          k->title,
                                                          "threat",
                                                          k->threat,
                                                          "vulnerability",
                                                          k->vulnerability,
                                                          "unit_id",
                                                          unit,
                                                          "analysis_id",
                                                          num(&c, analyses[k->analysis]),
                                                          "object_id",
                                                          k->analysis == 0 ? object : NULL,
                                                          "likelihood",
                                                          num(&c, k->l),
                                                          "consequence",
                                                          num(&c, k->c),
                                                          "owner_id",
                                                          person_mailed(&c, k->owner),
                                                          "treatment",
                                                          k->treatment,
                                                          "acceptance_reason",
                                                          k->reason,
                                                          "review_date",
                                                          k->review,
                                                          "residual_likelihood",
                                                          num(&c, k->rl),
                                                          "residual_consequence",
                                                          num(&c, k->rc),
                                                          "status",
                                                          k->status,
                                                          NULL});
        if (!risk_ids[i]) return false;
    }

    json_t *snapshot = json_array();
    bool ok = true;
    for (size_t i = 0; ok && i < sizeof actions / sizeof actions[0]; i++) {
        const demo_action *x = &actions[i];
        const char *unit = unit_named(&c, x->unit);
        const char *who = person_mailed(&c, x->responsible);
        const char *from = x->risk ? "risks" : NULL;
        const char *from_id = x->risk ? num(&c, risk_ids[x->risk - 1]) : NULL;
        const char *p[] = {num(&c, tenant), unit,    x->title, x->goal,  x->measure,
                           x->priority,     x->cost, who,      x->start, x->end,
                           x->status_now,   from,    from_id,  c.now};
        int64_t id = unit ? insert(&c, "actions", x->title,
                                   "INSERT INTO action_item (tenant_id, unit_id, title, goal, "
                                   "measure, priority, cost, responsible_id, start_date, "
                                   "end_date, status, plan_year, source_entity, source_id, "
                                   "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, "
                                   "$8, $9, $10, $11, 2026, $12, $13, $14, $14) RETURNING id",
                                   14, p)
                          : 0;
        ok = id != 0;
        if (ok && x->risk) {
            const char *q[] = {num(&c, tenant), num(&c, risk_ids[x->risk - 1]), num(&c, id),
                               risk_units[x->risk - 1], c.now};
            ok = insert(&c, "risk_actions", x->title,
                        "INSERT INTO risk_action (tenant_id, risk_id, action_id, unit_id, "
                        "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
                        5, q) != 0;
        }
        if (ok && x->status_decided) {
            json_t *o = json_object();
            json_object_set_new(o, "id", json_integer(id));
            json_object_set_new(o, "title", json_string(x->title));
            json_object_set_new(o, "status", json_string(x->status_decided));
            json_object_set_new(o, "priority", json_string(x->priority));
            json_object_set_new(o, "start_date", json_string(x->start));
            json_object_set_new(o, "end_date", json_string(x->end));
            json_object_set_new(o, "responsible_id", who ? json_string(who) : json_null());
            json_object_set_new(o, "unit_id", json_string(unit));
            json_array_append_new(snapshot, o);
        }
    }
    char *snap = json_dumps(snapshot, JSON_COMPACT);
    json_decref(snapshot);
    const char *p[] = {num(&c, tenant), person_mailed(&c, "ledning"), opt(snap), c.now};
    ok = ok && snap &&
         insert(&c, "plan_decisions", "2026",
                "INSERT INTO plan_decision (tenant_id, plan_year, decided_by_id, body, decided_on, "
                "reference, snapshot, created_at) VALUES ($1, 2026, $2, 'Kommunstyrelsen', "
                "'2026-02-11', 'KS 2026/0142', $3, $4) RETURNING id",
                4, p) != 0;
    free(snap);
    return ok;
}
