/* generate.c - see generate.h. The history is drawn from the real current quarter, so the
 * last bar of every chart is what the lägesbild shows today and the earlier ones lead up to
 * it: each step back moves a figure a few percent the worse way, with a little noise. */
#include "generate.h"
#include "trends.h"
#include "../core/arena.h"
#include "../core/util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t next(uint64_t *s)
{
    /* xorshift64*: enough for plausible noise, and the same for the same seed */
    *s ^= *s >> 12;
    *s ^= *s << 25;
    *s ^= *s >> 27;
    return *s * 0x2545F4914F6CDD1DULL;
}

/* -1, 0 or +1 */
static int noise(uint64_t *s)
{
    return (int)(next(s) % 3) - 1;
}

static int at_least_0(double v)
{
    return v < 0 ? 0 : (int)(v + 0.5);
}

/* k quarters back from now's values (NULL: not counted then either) */
static void draw_back(const char *const now[TF__COUNT], int k, uint64_t *s, int out[TF__COUNT])
{
    int v[TF__COUNT];
    for (int i = 0; i < TF__COUNT; i++)
        v[i] = now[i] ? atoi(now[i]) : 0;
    double worse = 1 + 0.12 * k, fewer = 1 - 0.06 * k; /* k <= 8: fewer stays above 0.5 */
    out[TF_RISKS_VERY_HIGH] = at_least_0(v[TF_RISKS_VERY_HIGH] * worse + noise(s) + k / 3);
    out[TF_RISKS_HIGH] = at_least_0(v[TF_RISKS_HIGH] * worse + noise(s) + k / 2);
    out[TF_RISKS_MEDIUM] = at_least_0(v[TF_RISKS_MEDIUM] * fewer + noise(s));
    out[TF_RISKS_LOW] = at_least_0(v[TF_RISKS_LOW] * fewer + noise(s));
    out[TF_ACTIONS_OPEN] = at_least_0(v[TF_ACTIONS_OPEN] * (1 + 0.05 * k) + noise(s));
    out[TF_ACTIONS_LATE] = at_least_0(v[TF_ACTIONS_LATE] * worse + noise(s) + k / 2);
    out[TF_OBJECTS] = at_least_0(v[TF_OBJECTS] * (1 - 0.02 * k));
    out[TF_ASSETS] = at_least_0(v[TF_ASSETS] * (1 - 0.03 * k));
    /* shares fall back faster than the registers shrink */
    double cls = v[TF_ASSETS] ? (double)v[TF_ASSETS_CLASSIFIED] / v[TF_ASSETS] : 0;
    double ana = v[TF_OBJECTS] ? (double)v[TF_OBJECTS_ANALYSED] / v[TF_OBJECTS] : 0;
    out[TF_ASSETS_CLASSIFIED] = at_least_0(out[TF_ASSETS] * cls * (1 - 0.08 * k));
    out[TF_OBJECTS_ANALYSED] = at_least_0(out[TF_OBJECTS] * ana * (1 - 0.09 * k));
    out[TF_INCIDENTS] = at_least_0(2 + (int)(next(s) % 4));
    out[TF_DEADLINES_MET] = at_least_0(out[TF_INCIDENTS] * 0.8 + noise(s) - k / 4);
    out[TF_DEADLINES_LATE] = at_least_0((double)k / 3 + noise(s));
    out[TF_TRAINING_PEOPLE] = at_least_0(v[TF_TRAINING_PEOPLE] * (1 - 0.01 * k));
    double trained =
        v[TF_TRAINING_PEOPLE] ? (double)v[TF_TRAINING_DONE] / v[TF_TRAINING_PEOPLE] : 0;
    out[TF_TRAINING_DONE] = at_least_0(out[TF_TRAINING_PEOPLE] * trained * (1 - 0.1 * k));
}

static int history_of(db *d, arena *a, int64_t tenant, uint64_t seed, int quarters, time_t now)
{
    bool written;
    int rc = trends_snapshot_tenant(d, tenant, now, true, &written);
    if (rc != DB_OK) return rc;
    char today[11], current[8];
    trend_today(now, today, current);
    buf sql;
    buf_init(&sql, 0);
    trend_select_sql(&sql);
    buf_puts(&sql, " AND quarter = $2");
    const char *p[] = {int_text(a, tenant), current};
    db_res *row = NULL;
    rc = db_query(d, a, buf_str(&sql), 2, p, &row);
    buf_free(&sql);
    if (rc != DB_OK || row->nrows != 1) return rc;
    const char *nowv[TF__COUNT];
    for (int i = 0; i < TF__COUNT; i++)
        nowv[i] = db_cell(row, 0, 2 + i);
    buf_init(&sql, 0);
    buf_puts(&sql, "INSERT INTO trend_snapshot (tenant_id, quarter, counted_on, updated_at");
    for (int i = 0; i < TF__COUNT; i++)
        buf_printf(&sql, ", %s", trend_figure_infos[i].column);
    buf_puts(&sql, ") VALUES ($1, $2, $3, $4");
    for (int i = 0; i < TF__COUNT; i++)
        buf_printf(&sql, ", $%d", 5 + i);
    buf_puts(&sql, ") ON CONFLICT (tenant_id, quarter) DO NOTHING");
    uint64_t s = (seed ? seed : 1) * 0x9E3779B97F4A7C15ULL + (uint64_t)tenant;
    char stamp[21];
    time_iso_from(now, stamp);
    for (int k = 1; rc == DB_OK && k <= quarters; k++) {
        char q[8], first[11], last[11];
        int drawn[TF__COUNT];
        if (!trend_quarter_step(current, -k, q) || !trend_quarter_bounds(q, first, last)) break;
        draw_back(nowv, k, &s, drawn);
        const char *v[4 + TF__COUNT] = {p[0], q, last, stamp};
        for (int i = 0; i < TF__COUNT; i++)
            v[4 + i] = nowv[i] ? int_text(a, drawn[i]) : NULL;
        rc = db_exec(d, buf_str(&sql), 4 + TF__COUNT, v, NULL);
    }
    buf_free(&sql);
    return rc;
}

int trends_generate_history(db *d, uint64_t seed, int quarters, time_t now)
{
    arena a;
    arena_init(&a, 0);
    db_res *tenants = NULL;
    int rc = db_query(d, &a, "SELECT id FROM tenant ORDER BY id", 0, NULL, &tenants);
    for (int i = 0; rc == DB_OK && i < tenants->nrows; i++)
        rc = history_of(d, &a, db_cell_int(tenants, i, 0), seed, quarters, now);
    arena_free(&a);
    return rc;
}
