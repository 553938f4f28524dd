/* generate.c - awareness's part of the scale data set (lis demo --scale N): per tenant a
 * basic course for all staff, four more e-learnings and two phishing drills with numbers
 * for every förvaltning; completions by the tenant's people spread over the campaigns and
 * the last three years, so that shares, overdue repeats and those without the basic
 * course all have rows. Direct INSERTs with an audit row each, as the other generators;
 * deterministic for a seed. */
#include "generate.h"
#include "../audit/audit.h"
#include "../core/util.h"
#include <stdlib.h>

static const audit_actor gen_actor = {0, "generator", "cli"};

static const char *const courses[] = {
    "Grundutbildning i informationssäkerhet", "Säker hantering av personuppgifter",
    "Informationsklassning för informationsägare", "Incidentrapportering", "Säkert distansarbete"};
enum { NCOURSES = sizeof courses / sizeof courses[0] };

typedef struct gen {
    db *d;
    uint64_t s;
    int64_t tenant;
    const char *tenant_text, *now;
} gen;

static int below(gen *g, int n)
{
    g->s ^= g->s << 13;
    g->s ^= g->s >> 7;
    g->s ^= g->s << 17;
    return n > 0 ? (int)(g->s % (uint64_t)n) : 0;
}

static int64_t insert(gen *g, arena *a, const char *entity, const char *title, const char *sql,
                      int n, const char **p)
{
    db_res *res = NULL;
    if (db_query(g->d, a, sql, n, p, &res) != DB_OK || res->nrows != 1) return 0;
    int64_t id = db_cell_int(res, 0, 0);
    return audit_write(g->d, a, &gen_actor, g->tenant, "create", entity, int_text(a, id), title,
                       NULL) == DB_OK
               ? id
               : 0;
}

long generate_awareness(db *d, uint64_t seed, int64_t tenant, long completions)
{
    arena a, row;
    arena_init(&a, 0);
    arena_init(&row, 0);
    char now[21];
    time_now_iso(now);
    gen g = {.d = d, .s = seed | 1, .tenant = tenant, .now = now};
    g.tenant_text = int_text(&a, tenant);
    const char *p[] = {g.tenant_text};
    db_res *people = NULL, *forv = NULL;
    long rows = -1;
    int64_t campaign[NCOURSES];
    if (db_query(d, &a, "SELECT id FROM person WHERE tenant_id = $1 AND active = 1 ORDER BY id", 1,
                 p, &people) != DB_OK ||
        db_query(d, &a,
                 "SELECT id FROM unit WHERE tenant_id = $1 AND kind IN ('forvaltning', 'bolag') "
                 "ORDER BY id",
                 1, p, &forv) != DB_OK)
        goto done;
    rows = 0;
    for (int c = 0; c < NCOURSES; c++) {
        const char *q[] = {g.tenant_text, courses[c], c == 0 ? "1" : "0", c == 0 ? "24" : NULL,
                           now};
        campaign[c] = insert(&g, &a, "training_campaigns", courses[c],
                             "INSERT INTO training_campaign (tenant_id, name, kind, basic, target, "
                             "starts_on, repeat_months, created_at, updated_at) VALUES ($1, $2, "
                             "'elearning', $3, 'all', '2023-01-01', $4, $5, $5) RETURNING id",
                             5, q);
        if (!campaign[c]) goto fail;
        rows++;
    }
    for (int k = 0; k < 2; k++) {
        const char *name = k ? "Phishingövning hösten 2026" : "Phishingövning våren 2026";
        const char *q[] = {g.tenant_text, name, k ? "2026-10-06" : "2026-03-10", now};
        int64_t drill = insert(&g, &a, "training_campaigns", name,
                               "INSERT INTO training_campaign (tenant_id, name, kind, basic, "
                               "target, starts_on, ends_on, created_at, updated_at) VALUES ($1, "
                               "$2, 'phishing', 0, 'all', $3, $3, $4, $4) RETURNING id",
                               4, q);
        if (!drill) goto fail;
        rows++;
        for (int f = 0; f < forv->nrows; f++) {
            int sent = 50 + below(&g, 600), clicked = sent * (18 - 6 * k + below(&g, 8)) / 100,
                reported = sent * (10 + 15 * k + below(&g, 10)) / 100;
            const char *v[] = {g.tenant_text,
                               int_text(&a, drill),
                               db_cell(forv, f, 0),
                               int_text(&a, sent),
                               int_text(&a, clicked),
                               int_text(&a, reported),
                               now};
            if (!insert(&g, &a, "phishing_results", name,
                        "INSERT INTO phishing_result (tenant_id, campaign_id, forvaltning_id, "
                        "sent, clicked, reported, created_at, updated_at) VALUES ($1, $2, $3, $4, "
                        "$5, $6, $7, $7) RETURNING id",
                        7, v))
                goto fail;
            rows++;
        }
    }
    /* each person takes each course at most once: nine in ten the basic course (the rest
     * are those without it), the others as often as gives about `completions` rows */
    int n = people->nrows;
    long basic = 900, other = n ? (completions * 1000 / n - basic) / (NCOURSES - 1) : 0;
    if (other < 0) other = 0;
    if (other > 1000) other = 1000;
    for (int i = 0; i < n; i++) {
        for (int c = 0; c < NCOURSES; c++) {
            if (below(&g, 1000) >= (c == 0 ? basic : other)) continue;
            char on[11];
            /* a day in 2023-12-05 … 2026-12-04: some basic courses are due again */
            if (!date_add_days("2023-12-05", below(&g, 1095), on)) goto fail;
            const char *q[] = {g.tenant_text, int_text(&row, campaign[c]), db_cell(people, i, 0),
                               on, now};
            if (!insert(&g, &row, "training_completions", courses[c],
                        "INSERT INTO training_completion (tenant_id, campaign_id, person_id, "
                        "completed_on, source, created_at, updated_at) VALUES ($1, $2, $3, $4, "
                        "'import', $5, $5) RETURNING id",
                        5, q))
                goto fail;
            rows++;
        }
        if (i % 500 == 499) {
            arena_free(&row);
            arena_init(&row, 0);
        }
    }
    goto done;
fail:
    rows = -1;
done:
    arena_free(&row);
    arena_free(&a);
    return rows;
}
