/* generate.c - self-assessments for the scale data set: for a number of a tenant's
 * objects with a protection need, an answer to every requirement that applies (met
 * most often, then partly, not met, not applicable), one audit row per assessed object.
 * Runs after the catalogue is in the tenant (catalogue_sync). */
#include "generate.h"
#include "requirements.h"
#include "../audit/audit.h"
#include "../classification/classification.h"
#include "../core/util.h"
#include <stdio.h>
#include <stdlib.h>

static const audit_actor gen_actor = {0, "generator", "cli"};

static int below(uint64_t *s, int n)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return n > 0 ? (int)(*s % (uint64_t)n) : 0;
}

long generate_answers(db *d, uint64_t seed, int64_t tenant, int objects)
{
    static const char *const statuses[] = {"met", "met",    "met",    "met",     "met",     "met",
                                           "met", "partly", "partly", "not_met", "not_met", "na"};
    arena a;
    arena_init(&a, 0);
    uint64_t s = seed | 1;
    char now[21];
    time_now_iso(now);
    const char *t = int_text(&a, tenant);
    const char *p[] = {t, arena_printf(&a, "%d", objects)};
    db_res *objs = NULL, *needs = NULL, *reqs = NULL;
    long rows = 0;
    if (db_query(d, &a,
                 "SELECT o.id, o.unit_id, o.name FROM managed_object o WHERE o.tenant_id = $1 "
                 "AND NOT EXISTS (SELECT 1 FROM answer x WHERE x.tenant_id = o.tenant_id AND "
                 "x.object_id = o.id) ORDER BY o.id",
                 1, p, &objs) != DB_OK ||
        db_query(d, &a, NEED_PER_OBJECT_SQL(""), 1, p, &needs) != DB_OK ||
        db_query(d, &a,
                 "SELECT id, aspect, min_level FROM requirement WHERE tenant_id = $1 AND active = "
                 "1 AND org_wide = 0 ORDER BY id",
                 1, p, &reqs) != DB_OK ||
        db_begin(d) != DB_OK) {
        arena_free(&a);
        return -1;
    }
    int done = 0;
    int ni = 0; /* both ordered by object id: one merge */
    for (int i = 0; i < objs->nrows && done < objects; i++) {
        int64_t id = db_cell_int(objs, i, 0);
        while (ni < needs->nrows && db_cell_int(needs, ni, 0) < id)
            ni++;
        if (ni >= needs->nrows || db_cell_int(needs, ni, 0) != id)
            continue; /* no need: none apply */
        int need[4];
        for (int k = 0; k < 4; k++)
            need[k] = need_level(db_cell(needs, ni, 1 + k));
        arena row;
        arena_init(&row, 0);
        int n = 0;
        for (int q = 0; q < reqs->nrows; q++) {
            if (!requirement_applies(db_cell(reqs, q, 1), atoi(db_cell(reqs, q, 2)), need))
                continue;
            const char *ap[] = {t,
                                db_cell(objs, i, 1),
                                db_cell(objs, i, 0),
                                db_cell(reqs, q, 0),
                                statuses[below(&s, 12)],
                                now};
            if (db_exec(
                    d,
                    "INSERT INTO answer (tenant_id, unit_id, object_id, requirement_id, status, "
                    "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6)",
                    6, ap, NULL) != DB_OK)
                goto fail;
            n++;
        }
        if (audit_write(d, &row, &gen_actor, tenant, "assess", "answers", NULL,
                        arena_printf(&row, "%s: %d", db_cell(objs, i, 2), n), NULL) != DB_OK)
            goto fail;
        arena_free(&row);
        rows += n;
        done++;
        continue;
    fail:
        arena_free(&row);
        db_rollback(d);
        arena_free(&a);
        return -1;
    }
    int rc = answer_tally_rebuild(d);
    if (rc == DB_OK) rc = db_commit(d);
    arena_free(&a);
    return rc == DB_OK ? rows : -1;
}
