/* trends.c - the quarter's snapshot of the lägesbild's key figures (trends.h): counted as
 * the system, with every right, by the lägesbild's own functions (dash_figures_load with
 * the quarter's first day for the incidents; the awareness section's basic course), and
 * written to the tenant's row of the current quarter. The row is claimed first: inserted
 * if missing (ON CONFLICT DO NOTHING on the unique tenant and quarter), then taken by one
 * UPDATE that sets claimed_until where no claim runs and (unless forced) the row was last
 * counted before today. Of several lis processes only one gets the claim; a process that
 * dies while counting leaves a claim that runs out and is taken again. The pass only ever
 * writes the current quarter, so a quarter's last count stands once it has ended. */
#include "trends.h"
#include "figures.h"
#include "../awareness/awareness.h"
#include "../core/util.h"
#include "../entity/system_req.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { CLAIM_SECONDS = 300, TENANTS_PER_PASS = 50 };

static const char *iso_at(arena *a, time_t t)
{
    char out[21];
    time_iso_from(t, out);
    return arena_strdup(a, out);
}

/* The figures of the tenant now, as text for the row's columns (NULL: not counted). */
static bool count_figures(req *r, const char *first, const char *values[TF__COUNT])
{
    dash_scope sc = {.filter = "", .since = first};
    dash_figures f;
    if (!dash_figures_load(r, &sc, &f)) return false;
    const int counted[TF__COUNT] = {
        [TF_RISKS_LOW] = f.by_level[LEVEL_LOW],
        [TF_RISKS_MEDIUM] = f.by_level[LEVEL_MEDIUM],
        [TF_RISKS_HIGH] = f.by_level[LEVEL_HIGH],
        [TF_RISKS_VERY_HIGH] = f.by_level[LEVEL_VERY_HIGH],
        [TF_ACTIONS_OPEN] = f.unfinished,
        [TF_ACTIONS_LATE] = f.late,
        [TF_OBJECTS] = f.objects,
        [TF_OBJECTS_ANALYSED] = f.analysed,
        [TF_ASSETS] = f.assets,
        [TF_ASSETS_CLASSIFIED] = f.classified,
        [TF_INCIDENTS] = f.inc_year,
        [TF_DEADLINES_MET] = f.dl_met,
        [TF_DEADLINES_LATE] = f.dl_late,
    };
    for (int i = 0; i < TF__COUNT; i++)
        values[i] = int_text(r->a, counted[i]);
    if (!f.incidents)
        values[TF_INCIDENTS] = values[TF_DEADLINES_MET] = values[TF_DEADLINES_LATE] = NULL;
    long long reached, done;
    int trained = awareness_basic_share(r, &reached, &done);
    if (trained < 0) return false;
    values[TF_TRAINING_PEOPLE] = trained ? int_text(r->a, reached) : NULL;
    values[TF_TRAINING_DONE] = trained ? int_text(r->a, done) : NULL;
    return true;
}

/* Writes the claimed row id's figures and lets the claim go. */
static int write_row(req *r, const char *id, const char *today, const char *stamp,
                     const char *const values[TF__COUNT])
{
    buf sql;
    buf_init(&sql, 0);
    buf_puts(&sql, "UPDATE trend_snapshot SET counted_on = $2, updated_at = $3, claimed_until = "
                   "NULL");
    const char *p[3 + TF__COUNT] = {id, today, stamp};
    for (int i = 0; i < TF__COUNT; i++) {
        buf_printf(&sql, ", %s = $%d", trend_figure_infos[i].column, 4 + i);
        p[3 + i] = values[i];
    }
    buf_puts(&sql, " WHERE id = CAST($1 AS BIGINT)");
    int rc = db_exec(r->db, buf_str(&sql), 3 + TF__COUNT, p, NULL);
    buf_free(&sql);
    return rc;
}

int trends_snapshot_tenant(db *d, int64_t tenant, time_t now, bool force, bool *written)
{
    *written = false;
    arena a;
    arena_init(&a, 0);
    req r;
    auth who;
    char today[11], quarter[8], first[11], last[11];
    trend_today(now, today, quarter);
    trend_quarter_bounds(quarter, first, last);
    int rc = DB_OK;
    if (!system_req_init(&r, &who, &a, d, tenant, "system")) {
        arena_free(&a); /* a tenant without units has nothing to count */
        return DB_OK;
    }
    r.ip = "trends";
    const char *p[] = {
        tenant_param(&r),         quarter, today, iso_at(&a, now), iso_at(&a, now + CLAIM_SECONDS),
        force ? "force" : "daily"};
    db_res *claimed = NULL;
    rc = db_exec(d,
                 "INSERT INTO trend_snapshot (tenant_id, quarter) VALUES ($1, $2) ON CONFLICT "
                 "(tenant_id, quarter) DO NOTHING",
                 2, p, NULL);
    if (rc == DB_OK)
        rc = db_query(d, &a,
                      "UPDATE trend_snapshot SET claimed_until = $5 WHERE tenant_id = $1 AND "
                      "quarter = $2 AND (claimed_until IS NULL OR claimed_until < $4) AND ($6 = "
                      "'force' OR counted_on IS NULL OR counted_on < $3) RETURNING id",
                      6, p, &claimed);
    if (rc == DB_OK && claimed->nrows == 1) {
        const char *values[TF__COUNT];
        const char *id = db_cell(claimed, 0, 0);
        if (!count_figures(&r, first, values)) {
            rc = DB_ERROR;
            /* let the claim go, so the next pass tries again (else it runs out) */
            if (db_exec(d,
                        "UPDATE trend_snapshot SET claimed_until = NULL WHERE id = CAST($1 AS "
                        "BIGINT)",
                        1, &id, NULL) != DB_OK)
                fprintf(stderr, "lis: trends: %s\n", db_error(d));
        } else if ((rc = write_row(&r, id, today, p[3], values)) == DB_OK) {
            *written = true;
        }
    }
    arena_free(&a);
    return rc;
}

void trends_tick(db *d, time_t now)
{
    arena a;
    arena_init(&a, 0);
    char today[11], quarter[8];
    trend_today(now, today, quarter);
    const char *p[] = {quarter, today};
    db_res *due = NULL;
    int rc = db_query(d, &a,
                      arena_printf(&a,
                                   "SELECT t.id FROM tenant t WHERE EXISTS (SELECT 1 FROM unit u "
                                   "WHERE u.tenant_id = t.id AND u.parent_id IS NULL) AND NOT "
                                   "EXISTS (SELECT 1 FROM trend_snapshot s WHERE s.tenant_id = "
                                   "t.id AND s.quarter = $1 AND s.counted_on >= $2) ORDER BY t.id "
                                   "LIMIT %d",
                                   TENANTS_PER_PASS),
                      2, p, &due);
    int written = 0;
    for (int i = 0; rc == DB_OK && i < due->nrows; i++) {
        bool w;
        rc = trends_snapshot_tenant(d, db_cell_int(due, i, 0), now, false, &w);
        written += w;
    }
    if (rc != DB_OK)
        fprintf(stderr, "lis: trends: %s\n", db_error(d));
    else if (written)
        fprintf(stderr, "lis: trends: %s counted for %d tenant%s\n", quarter, written,
                written == 1 ? "" : "s");
    arena_free(&a);
}

int trends_snapshot_cli(db *d, const char *tenant_code, const char *now_iso)
{
    arena a;
    arena_init(&a, 0);
    time_t now = time(NULL);
    int rc = 1;
    db_res *tenants = NULL;
    const char *p[] = {tenant_code};
    if (now_iso && !time_parse_input(now_iso, &now)) {
        fprintf(stderr, "lis: --now wants a time, 2026-12-04T07:00:00Z (UTC) or 2026-12-04 08:00 "
                        "(Stockholm)\n");
    } else if (db_query(d, &a,
                        tenant_code ? "SELECT id, code FROM tenant WHERE code = $1"
                                    : "SELECT id, code FROM tenant ORDER BY id",
                        tenant_code ? 1 : 0, p, &tenants) != DB_OK) {
        fprintf(stderr, "lis: trends: %s\n", db_error(d));
    } else if (tenant_code && tenants->nrows == 0) {
        fprintf(stderr, "lis: no tenant %s\n", tenant_code);
    } else {
        char today[11], quarter[8];
        trend_today(now, today, quarter);
        rc = 0;
        for (int i = 0; i < tenants->nrows && rc == 0; i++) {
            bool w;
            if (trends_snapshot_tenant(d, db_cell_int(tenants, i, 0), now, true, &w) != DB_OK) {
                fprintf(stderr, "lis: trends: %s\n", db_error(d));
                rc = 1;
            } else {
                printf("%s %s %s\n", db_cell(tenants, i, 1), quarter,
                       w ? "counted" : "taken by another process");
            }
        }
    }
    arena_free(&a);
    return rc;
}
