/* generate.c - the forum's part of the scale data set (lis demo --scale N): every tenant
 * gets a year of meetings, one every two months from February 2026, the five first held
 * with approved minutes and the last planned, each with five items drawn from the
 * tenant's serious risks and its actions plus one free-text matter. Direct INSERTs with
 * an audit row each, as the other generators; deterministic for a seed. */
#include "generate.h"
#include "../audit/audit.h"
#include "../core/util.h"
#include <stdlib.h>

static const audit_actor gen_actor = {0, "generator", "cli"};

static const char *const free_items[] = {
    "Årshjulet för informationssäkerhet", "Utbildningsplan för nästa år",
    "Riktlinje för AI-tjänster",          "Rapport från samordnarnätverket",
    "Uppföljning av internkontrollen",    "Nya krav i cybersäkerhetslagen"};
static const char *const decisions[] = {
    "Forumet beslutade enligt förslaget.",
    "Forumet beslutade enligt förslaget; återrapportering vid nästa sammanträde.",
    "Forumet lade informationen till handlingarna.",
};

#define N(x) ((int)(sizeof(x) / sizeof((x)[0])))

typedef struct gen {
    db *d;
    arena *a;
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

static int64_t insert(gen *g, const char *entity, const char *title, const char *sql, int n,
                      const char **p)
{
    db_res *res = NULL;
    if (db_query(g->d, g->a, sql, n, p, &res) != DB_OK || res->nrows != 1) return 0;
    int64_t id = db_cell_int(res, 0, 0);
    return audit_write(g->d, g->a, &gen_actor, g->tenant, "create", entity, int_text(g->a, id),
                       title, NULL) == DB_OK
               ? id
               : 0;
}

long generate_forum(db *d, arena *a, uint64_t seed, int64_t tenant, int meetings)
{
    char now[21];
    time_now_iso(now);
    gen g = {.d = d, .a = a, .s = seed | 1, .tenant = tenant, .now = now};
    g.tenant_text = int_text(g.a, tenant);
    const char *p[] = {g.tenant_text};
    db_res *risks = NULL, *acts = NULL, *people = NULL;
    if (db_query(d, a,
                 "SELECT id, title FROM risk WHERE tenant_id = $1 AND level IN ('high', "
                 "'very_high') ORDER BY id LIMIT 60",
                 1, p, &risks) != DB_OK ||
        db_query(d, a,
                 "SELECT id, title FROM action_item WHERE tenant_id = $1 ORDER BY id LIMIT 60", 1,
                 p, &acts) != DB_OK ||
        db_query(d, a, "SELECT id FROM person WHERE tenant_id = $1 ORDER BY id LIMIT 20", 1, p,
                 &people) != DB_OK)
        return -1;
    if (!people->nrows) return 0;
    long rows = 0;
    for (int m = 0; m < meetings; m++) {
        int month = 2 + 2 * m, year = 2026 + (month - 1) / 12;
        month = (month - 1) % 12 + 1;
        char starts[21];
        time_iso_from(time_from_stockholm(year, month, 15, 13, 0, 0), starts);
        bool held = m < meetings - 1;
        const char *chair = db_cell(people, below(&g, people->nrows), 0);
        const char *approved = held ? arena_printf(a, "%.10sT14:00:00Z", starts) : NULL;
        const char *mp[] = {g.tenant_text,
                            "Forum för informations- och IT-säkerhet",
                            arena_strdup(a, starts),
                            "Stadshuset",
                            chair,
                            held ? "held" : "planned",
                            held ? chair : NULL,
                            approved,
                            now};
        int64_t meeting = insert(&g, "meetings", mp[2],
                                 "INSERT INTO forum_meeting (tenant_id, title, starts_at, place, "
                                 "chair_id, status, approved_by_id, approved_at, created_at, "
                                 "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) "
                                 "RETURNING id",
                                 9, mp);
        if (!meeting) return -1;
        rows++;
        for (int i = 0; i < 5; i++) {
            /* two risks, two actions, one free-text matter (when the tenant has them) */
            const db_res *src = i < 2 ? risks : i < 4 ? acts : NULL;
            bool linked = src && src->nrows > 0;
            int k = linked ? below(&g, src->nrows) : 0;
            const char *kind = !linked ? "free" : i < 2 ? "risk" : "action";
            const char *title = linked ? db_cell(src, k, 1) : free_items[below(&g, N(free_items))];
            const char *ip[] = {g.tenant_text,
                                int_text(g.a, meeting),
                                title,
                                kind,
                                linked ? (i < 2 ? "risks" : "actions") : NULL,
                                linked ? db_cell(src, k, 0) : NULL,
                                db_cell(people, below(&g, people->nrows), 0),
                                "Forumet föreslås besluta enligt föredragandens förslag.",
                                held ? decisions[below(&g, N(decisions))] : NULL,
                                held ? "decided" : "open",
                                int_text(g.a, i + 1),
                                now};
            if (!insert(&g, "forum_items", title,
                        "INSERT INTO forum_item (tenant_id, meeting_id, title, kind, "
                        "source_entity, source_id, presenter_id, proposal, decision, status, "
                        "position, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, "
                        "$8, $9, $10, $11, $12, $12) RETURNING id",
                        12, ip))
                return -1;
            rows++;
        }
    }
    return rows;
}
