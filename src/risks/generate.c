/* generate.c - risks and actions for the scale data set: direct INSERTs with an audit
 * row each, as the inventory's generator does. Ratings are spread over the default 4×4
 * matrix with more in the middle than in the corners, as real registers look. */
#include "generate.h"
#include "matrix.h"
#include "../audit/audit.h"
#include "../core/util.h"
#include <stdlib.h>

static const audit_actor gen_actor = {0, "generator", "cli"};

static const char *const risk_names[] = {"Obehörig åtkomst till personuppgifter",
                                         "Nätfiske mot medarbetare",
                                         "Utpressningsprogram",
                                         "Driftavbrott hos leverantör",
                                         "Felaktiga behörigheter",
                                         "Säkerhetskopior som inte går att läsa",
                                         "Känsliga uppgifter i e-post",
                                         "Föråldrad programvara",
                                         "Förlust av bärbar dator",
                                         "Bristande loggning",
                                         "Delade konton",
                                         "Otillräcklig kontinuitetsplan",
                                         "Leverantör i tredje land",
                                         "Felaktig informationsklassning"};
static const char *const action_names[] = {
    "Inför tvåfaktorsinloggning", "Återläsningstest",      "Utbildning i informationssäkerhet",
    "Översyn av behörigheter",    "Logguppföljning",       "Krav i avtal med leverantör",
    "Kontinuitetsövning",         "Informationsklassning", "Krypterad e-post",
    "Uppdatera programvara",      "Nätfiskeövning",        "Incidentrutin"};
static const char *const treatments[] = {"reduce", "reduce", "reduce", "avoid", "share", "accept"};
static const char *const risk_statuses[] = {"open", "open", "treated", "closed"};
static const char *const action_statuses[] = {"planned", "ongoing", "ongoing", "done", "cancelled"};
static const char *const priorities[] = {"high", "medium", "medium", "low"};

#define N(x) ((int)(sizeof(x) / sizeof((x)[0])))

typedef struct gen {
    db *d;
    arena *a;
    uint64_t s;
    int64_t tenant;
    const char *tenant_text, *now;
    db_res *people;
} gen;

static int below(gen *g, int n)
{
    g->s ^= g->s << 13;
    g->s ^= g->s >> 7;
    g->s ^= g->s << 17;
    return n > 0 ? (int)(g->s % (uint64_t)n) : 0;
}

/* 1–4, more often 2 and 3 */
static int rating(gen *g)
{
    return 1 + (below(g, 4) + below(g, 4) + 1) / 2;
}

static const char *some_person(gen *g)
{
    return g->people && g->people->nrows ? db_cell(g->people, below(g, g->people->nrows), 0) : NULL;
}

/* Every 64 rows the arena is emptied and the people loaded again into it. */
static bool next_round(gen *g, int i)
{
    if (i % 64) return true;
    arena_free(g->a);
    g->tenant_text = int_text(g->a, g->tenant);
    const char *p[] = {g->tenant_text};
    return db_query(g->d, g->a, "SELECT id FROM person WHERE tenant_id = $1 ORDER BY id LIMIT 400",
                    1, p, &g->people) == DB_OK;
}

static int64_t insert_audited(gen *g, const char *entity, const char *title, const char *sql, int n,
                              const char **p)
{
    db_res *res = NULL;
    if (db_query(g->d, g->a, sql, n, p, &res) != DB_OK) return 0;
    int64_t id = db_cell_int(res, 0, 0);
    return audit_write(g->d, g->a, &gen_actor, g->tenant, "create", entity, int_text(g->a, id),
                       title, NULL) == DB_OK
               ? id
               : 0;
}

long generate_risks(db *d, arena *a, uint64_t seed, int64_t tenant, const int64_t *units,
                    int nunits, int risks, int actions)
{
    char now[21];
    time_now_iso(now);
    gen g = {.d = d, .a = a, .s = seed | 1, .tenant = tenant, .now = now};
    if (nunits < 1 || !next_round(&g, 0)) return -1;
    int64_t *risk_ids = malloc(sizeof(int64_t) * (size_t)(risks + 1));
    int64_t *risk_units = malloc(sizeof(int64_t) * (size_t)(risks + 1));
    bool ok = risk_ids && risk_units;
    long rows = 0;
    for (int i = 0; ok && i < risks; i++) {
        ok = next_round(&g, i + 1);
        if (!ok) break;
        int l = rating(&g), c = rating(&g);
        const char *treatment = treatments[below(&g, N(treatments))];
        bool accept = treatment[1] == 'c';
        bool residual = below(&g, 3) > 0;
        int rl = residual ? 1 + below(&g, l) : 0, rc = residual ? 1 + below(&g, c) : 0;
        risk_units[i] = units[below(&g, nunits)];
        const char *title = arena_printf(a, "%s %d", risk_names[below(&g, N(risk_names))], i + 1);
        const char *p[] = {g.tenant_text,
                           int_text(g.a, risk_units[i]),
                           title,
                           int_text(g.a, l),
                           int_text(g.a, c),
                           risk_level_code(matrix_level(matrix_default, l, c)),
                           some_person(&g),
                           treatment,
                           accept ? "Kostnaden för åtgärder överstiger nyttan." : NULL,
                           accept ? "2027-06-30" : NULL,
                           residual ? int_text(g.a, rl) : NULL,
                           residual ? int_text(g.a, rc) : NULL,
                           residual ? risk_level_code(matrix_level(matrix_default, rl, rc)) : NULL,
                           accept ? "accepted" : risk_statuses[below(&g, N(risk_statuses))],
                           now};
        risk_ids[i] = insert_audited(
            &g, "risks", title,
            "INSERT INTO risk (tenant_id, unit_id, title, likelihood, consequence, level, "
            "owner_id, treatment, acceptance_reason, review_date, residual_likelihood, "
            "residual_consequence, residual_level, status, created_at, updated_at) VALUES ($1, "
            "$2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15) RETURNING id",
            15, p);
        ok = risk_ids[i] != 0;
        rows++;
    }
    for (int i = 0; ok && i < actions; i++) {
        ok = next_round(&g, i + 1);
        if (!ok) break;
        int year = 2025 + below(&g, 3), start = 1 + below(&g, 6), end = start + 1 + below(&g, 6);
        bool linked = risks > 0 && below(&g, 3) == 0;
        int k = linked ? below(&g, risks) : 0;
        const char *unit = int_text(g.a, linked ? risk_units[k] : units[below(&g, nunits)]);
        const char *title =
            arena_printf(a, "%s %d", action_names[below(&g, N(action_names))], i + 1);
        const char *p[] = {g.tenant_text,
                           unit,
                           title,
                           priorities[below(&g, N(priorities))],
                           some_person(&g),
                           arena_printf(a, "%d-%02d-01", year, start),
                           arena_printf(a, "%d-%02d-28", year, end),
                           action_statuses[below(&g, N(action_statuses))],
                           int_text(g.a, year),
                           linked ? "risks" : NULL,
                           linked ? int_text(g.a, risk_ids[k]) : NULL,
                           now};
        int64_t id = insert_audited(
            &g, "actions", title,
            "INSERT INTO action_item (tenant_id, unit_id, title, priority, responsible_id, "
            "start_date, end_date, status, plan_year, source_entity, source_id, created_at, "
            "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) "
            "RETURNING id",
            12, p);
        ok = id != 0;
        rows++;
        if (ok && linked) {
            const char *q[] = {g.tenant_text, int_text(g.a, risk_ids[k]), int_text(g.a, id), unit,
                               now};
            ok = insert_audited(&g, "risk_actions", NULL,
                                "INSERT INTO risk_action (tenant_id, risk_id, action_id, unit_id, "
                                "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5) "
                                "RETURNING id",
                                5, q) != 0;
            rows++;
        }
    }
    free(risk_ids);
    free(risk_units);
    return ok ? rows : -1;
}
