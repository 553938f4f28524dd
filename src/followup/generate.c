/* generate.c - the kommuner's maturity answers and opt-ins for the national view
 * (generate.h). */
#include "generate.h"
#include "maturity_areas.h"
#include "national_rules.h"
#include "../audit/audit.h"
#include "../core/util.h"
#include <stdlib.h>
#include <string.h>

static uint64_t next(uint64_t *s)
{
    uint64_t x = *s;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return *s = x;
}

/* order[0..n-1]: a shuffle of 0..n-1 */
static void shuffle(uint64_t *s, int *order, int n)
{
    for (int i = 0; i < n; i++)
        order[i] = i;
    for (int i = n - 1; i > 0; i--) {
        int k = (int)(next(s) % (uint64_t)(i + 1)), t = order[i];
        order[i] = order[k];
        order[k] = t;
    }
}

static const audit_actor generator = {0, "generator", "cli"};

static int64_t insert(db *d, arena *a, int64_t tenant, const char *entity, const char *title,
                      const char *sql, int n, const char **p)
{
    db_res *res = NULL;
    if (db_query(d, a, sql, n, p, &res) != DB_OK || res->nrows != 1) return 0;
    const char *id = db_cell(res, 0, 0);
    return audit_write(d, a, &generator, tenant, "create", entity, id, title, NULL) == DB_OK
               ? atoll(id)
               : 0;
}

static bool is_large(const char *code)
{
    static const char *const large[] = {"0180", "1480", "1280", "0380"};
    for (size_t i = 0; i < sizeof large / sizeof large[0]; i++)
        if (!strcmp(code, large[i])) return true;
    return false;
}

enum { FOLLOWUP = MATURITY_AREAS - 1 }; /* maturity_areas' follow-up, area 10 */

/* The year's audit programme of one kommun and its internal audit (egenkontroll) on the
 * kommun as a whole: held two months ago where the kommun answers yes to follow-up (so
 * the audits held in the last 12 months follow seed 003's 2 of 10), planned two months
 * ahead elsewhere. Rows created, or -1. */
static long generate_audits(db *d, arena *a, int64_t tenant, int year, int followup_rank, int n,
                            const char *today, const char *now)
{
    const char *tp[] = {int_text(a, tenant)};
    const char *root = db_scalar(
        d, a, "SELECT id FROM unit WHERE tenant_id = $1 AND parent_id IS NULL ORDER BY id", 1, tp);
    if (!root) return 0; /* no organisation to audit */
    bool held = national_dealt_yes(followup_rank, n, maturity_areas[FOLLOWUP].national_yes_tenths);
    char on[11];
    if (!date_add_months(today, held ? -2 : 2, on)) return -1;
    const char *pp[] = {tp[0], int_text(a, year),
                        arena_printf(a, "Internrevisionsprogram %d", year), today, now};
    int64_t programme = insert(d, a, tenant, "audit_programmes", pp[2],
                               "INSERT INTO audit_programme (tenant_id, year, title, approved_on, "
                               "created_at, updated_at) VALUES (CAST($1 AS BIGINT), CAST($2 AS "
                               "BIGINT), $3, $4, $5, $5) RETURNING id",
                               5, pp);
    const char *ap[] = {
        tp[0], int_text(a, programme), root, on, held ? "held" : "planned", held ? on : NULL, now};
    int64_t audit =
        programme ? insert(d, a, tenant, "internal_audits", "Styrdokumenten följs",
                           "INSERT INTO internal_audit (tenant_id, programme_id, title, unit_id, "
                           "planned_on, scope, status, held_on, created_at, updated_at) VALUES "
                           "(CAST($1 AS BIGINT), CAST($2 AS BIGINT), 'Styrdokumenten följs', "
                           "CAST($3 AS BIGINT), $4, 'Informationssäkerhetspolicyn och "
                           "riktlinjerna i hela kommunen', $5, $6, $7, $7) RETURNING id",
                           7, ap)
                  : 0;
    return audit ? 2 : -1;
}

long generate_national(db *d, arena *a, uint64_t seed, int year)
{
    db_res *t = NULL;
    if (db_query(d, a,
                 "SELECT id, code FROM tenant WHERE id NOT IN (SELECT tenant_id FROM "
                 "national_optin) ORDER BY code",
                 0, NULL, &t) != DB_OK)
        return -1;
    int n = 0;
    int64_t *ids = malloc(sizeof(int64_t) * (size_t)(t->nrows + 1));
    const char **codes = malloc(sizeof(char *) * (size_t)(t->nrows + 1));
    int *order = malloc(sizeof(int) * (size_t)(t->nrows + 1));
    int *rank = malloc(sizeof(int) * (size_t)(t->nrows + 1) * MATURITY_AREAS);
    if (!ids || !codes || !order || !rank) goto fail;
    for (int i = 0; i < t->nrows; i++) {
        const char *code = db_cell(t, i, 1);
        if (strlen(code) != 4 || strspn(code, "0123456789") != 4) continue;
        ids[n] = db_cell_int(t, i, 0);
        codes[n++] = arena_strdup(a, code);
    }
    uint64_t s = seed ? seed * 0x9E3779B97F4A7C15ULL : 1;
    for (int area = 0; area < MATURITY_AREAS; area++) {
        shuffle(&s, order, n);
        for (int k = 0; k < n; k++)
            rank[order[k] * MATURITY_AREAS + area] = k;
    }
    /* size classes of the kommuner below 200,000: 46 : 112 : 128 of 286, dealt by shuffle */
    int small = 0;
    for (int i = 0; i < n; i++)
        small += !is_large(codes[i]);
    shuffle(&s, order, n);
    int position = 0;
    char now[21], today[11];
    time_now_iso(now);
    date_today(today);
    long rows = 0;
    const char *year_text = int_text(a, year);
    for (int k = 0; k < n; k++) {
        int i = order[k];
        const char *size = "over_200k";
        if (!is_large(codes[i])) {
            int p = position++;
            size = p * 286 < small * 46           ? "50k_200k"
                   : p * 286 < small * (46 + 112) ? "15k_50k"
                                                  : "under_15k";
        }
        const char *tenant = int_text(a, ids[i]);
        const char *op[] = {tenant, arena_strndup(a, codes[i], 2), size, today, now};
        if (!insert(d, a, ids[i], "national_optins", op[1],
                    "INSERT INTO national_optin (tenant_id, opted_in, county_code, size_class, "
                    "decided_by, decided_on, created_at, updated_at) VALUES (CAST($1 AS BIGINT), "
                    "1, $2, $3, 'generator', $4, $5, $5) RETURNING id",
                    5, op))
            goto fail;
        rows++;
        for (int area = 0; area < MATURITY_AREAS; area++) {
            const maturity_area *m = &maturity_areas[area];
            int r = rank[i * MATURITY_AREAS + area];
            bool yes = national_dealt_yes(r, n, m->national_yes_tenths);
            const char *level =
                yes ? int_text(a, national_dealt_level(r, n, m->national_level2_tenths)) : NULL;
            const char *ap[] = {tenant, year_text, m->code, yes ? "1" : "0", level, now};
            if (!insert(d, a, ids[i], "maturity_answers", arena_printf(a, "%d %s", year, m->code),
                        "INSERT INTO maturity_answer (tenant_id, year, area, answered_yes, level, "
                        "created_at, updated_at) VALUES (CAST($1 AS BIGINT), CAST($2 AS BIGINT), "
                        "$3, CAST($4 AS BIGINT), CAST($5 AS BIGINT), $6, $6) RETURNING id",
                        6, ap))
                goto fail;
            rows++;
        }
        long audits =
            generate_audits(d, a, ids[i], year, rank[i * MATURITY_AREAS + FOLLOWUP], n, today, now);
        if (audits < 0) goto fail;
        rows += audits;
    }
    free(ids);
    free(codes);
    free(order);
    free(rank);
    return rows;
fail:
    free(ids);
    free(codes);
    free(order);
    free(rank);
    return -1;
}
