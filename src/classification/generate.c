/* generate.c - classifications for the demo and the scale data set: a share of a
 * tenant's information assets gets a decided classification by its owner (some with an
 * earlier version, some with the review date passed, some marked for reclassification),
 * and a few get a draft awaiting the owner's decision. Direct INSERTs, each audited. */
#include "generate.h"
#include "../audit/audit.h"
#include "../core/util.h"
#include <stdlib.h>

static const audit_actor gen_actor = {0, "generator", "cli"};

static int below(uint64_t *s, int n)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return n > 0 ? (int)(*s % (uint64_t)n) : 0;
}

/* levels lean low, as in real classifications: 0–1 common, 3 rare, 4 very rare */
static const char *level(uint64_t *s)
{
    static const char *const weighted[] = {"0", "1", "1", "1", "2", "2", "2", "3", "3", "1",
                                           "0", "2", "1", "2", "3", "1", "2", "1", "2", "4"};
    return weighted[below(s, 20)];
}

static bool insert(db *d, arena *a, uint64_t *s, const char *tenant, const db_res *assets, int i,
                   int version, bool decided, bool current, const char *on, const char *review,
                   const char *now)
{
    const char *k = level(s), *personal = below(s, 3) ? "1" : "0";
    const char *p[] = {tenant,
                       db_cell(assets, i, 1),
                       db_cell(assets, i, 0),
                       arena_printf(a, "%d", version),
                       decided ? "decided" : "draft",
                       current ? "1" : "0",
                       k,
                       level(s),
                       level(s),
                       below(s, 4) ? NULL : level(s),
                       personal,
                       "Bedömd vid klassningsmöte med verksamheten utifrån KLASSA-frågorna.",
                       "Informationsägare, verksamhetsutvecklare, IT, samordnare",
                       on,
                       review,
                       decided ? db_cell(assets, i, 2) : NULL,
                       decided ? now : NULL,
                       current && !below(s, 12) ? "change" : NULL,
                       now};
    db_res *res = NULL;
    if (db_query(d, a,
                 "INSERT INTO classification (tenant_id, unit_id, asset_id, version, status, "
                 "is_current, k, r, t, s, personal_data, motivation, participants, classified_on, "
                 "next_review, decided_by, decided_at, decided_as, review_trigger, triggered_at, "
                 "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
                 "$12, $13, $14, $15, $16, $17, CASE WHEN CAST($17 AS TEXT) IS NULL THEN NULL "
                 "ELSE 'owner' END, $18, CASE WHEN CAST($18 AS TEXT) IS NULL THEN NULL ELSE $19 "
                 "END, $19, $19) "
                 "RETURNING id",
                 19, p, &res) != DB_OK)
        return false;
    int64_t tenant_id = atoll(tenant);
    return audit_write(d, a, &gen_actor, tenant_id, decided ? "decide" : "create",
                       "classifications", db_cell(res, 0, 0), db_cell(assets, i, 3), NULL) == DB_OK;
}

long generate_classifications(db *d, arena *a, uint64_t seed, int64_t tenant, int percent)
{
    char now[21], today[11];
    time_now_iso(now);
    date_today(today);
    uint64_t s = seed | 1;
    const char *t = int_text(a, tenant);
    const char *p[] = {t};
    db_res *assets = NULL;
    if (db_query(d, a,
                 "SELECT a.id, a.unit_id, a.owner_id, a.name FROM information_asset a WHERE "
                 "a.tenant_id = $1 AND a.status <> 'retired' AND NOT EXISTS (SELECT 1 FROM "
                 "classification c WHERE c.asset_id = a.id) ORDER BY a.id",
                 1, p, &assets) != DB_OK)
        return -1;
    long rows = 0;
    for (int i = 0; i < assets->nrows; i++) {
        if (below(&s, 100) >= percent) continue;
        /* classified between 2 and 20 months ago; reviewed every 12 months */
        char on[11], review[11];
        date_add_months(today, -(2 + below(&s, 19)), on);
        date_add_months(on, 12, review);
        bool has_owner = db_cell(assets, i, 2) != NULL;
        bool earlier = !below(&s, 4);
        if (earlier) {
            char old_on[11], old_review[11];
            date_add_months(on, -12, old_on);
            date_add_months(old_on, 12, old_review);
            if (!insert(d, a, &s, t, assets, i, 1, has_owner, false, old_on, old_review, now))
                return -1;
            rows++;
        }
        bool draft = !has_owner || !below(&s, 10);
        if (!insert(d, a, &s, t, assets, i, earlier ? 2 : 1, !draft, !draft, on,
                    draft ? NULL : review, now))
            return -1;
        rows++;
    }
    return rows;
}
