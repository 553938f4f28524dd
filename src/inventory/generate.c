/* generate.c - realistic inventory rows for the scale data set: systems with the names
 * kommuner know, the information they handle, förvaltningsobjekt and processes. Direct
 * INSERTs with an audit row each, as the organisation's generator does: the entity layer
 * would cost a permission check and a validation round per row. */
#include "generate.h"
#include "../audit/audit.h"
#include "../core/util.h"
#include <stdlib.h>

static const audit_actor gen_actor = {0, "generator", "cli"};

static const char *const system_names[] = {
    "Procapita",     "Lifecare", "Treserva",     "Visma Lön",  "Personec P", "Ciceron",
    "W3D3",          "Platina",  "Evolution",    "Unikum",     "Skola24",    "IST Extens",
    "Raindance",     "Agresso",  "ByggR",        "EDP Vision", "Combine",    "Public 360",
    "Microsoft 365", "Provisum", "Vklass",       "Infomentor", "Heroma",     "Stratsys",
    "Hypergene",     "Artvise",  "Netpublicator"};
static const char *const asset_names[] = {"Personakter",          "Elevdokumentation",
                                          "Löneuppgifter",        "Bygglovsärenden",
                                          "Social dokumentation", "Diarium",
                                          "Leverantörsfakturor",  "Kartdata",
                                          "Anställningsavtal",    "Betyg",
                                          "Ekonomiskt bistånd",   "Nämndprotokoll",
                                          "Vårdplaner",           "Miljötillsyn",
                                          "Medborgarärenden",     "Lokalbokningar"};
static const char *const object_names[] = {
    "Verksamhetssystem", "Ekonomi", "Personal och lön", "Ärendehantering",     "Skoladministration",
    "Vård och omsorg",   "Geodata", "Kommunikation",    "Digital arbetsplats", "E-tjänster"};
static const char *const process_names[] = {"Ansökan om bygglov",
                                            "Handläggning av försörjningsstöd",
                                            "Rekrytering",
                                            "Antagning till förskola",
                                            "Fakturahantering",
                                            "Nämndadministration",
                                            "Hantering av allmänna handlingar",
                                            "Tillsyn"};
static const char *const suppliers[] = {"Tietoevry", "Visma", "CGI",    "Sokigo", "Microsoft",
                                        "Formpipe",  "Evry",  "Pulsen", NULL};
static const char *const statuses[] = {"operation", "operation",   "operation",
                                       "planned",   "procurement", "retired"};
static const char *const hostings[] = {"own", "supplier", "cloud"};

#define N(x) ((int)(sizeof(x) / sizeof((x)[0])))

typedef struct gen {
    db *d;
    arena *a;
    uint64_t s;
    int64_t tenant;
    const char *tenant_text, *now;
    const int64_t *units;
    int nunits;
    db_res *people;
    const char *last_unit; /* the unit of the row inserted last */
} gen;

static int below(gen *g, int n)
{
    g->s ^= g->s << 13;
    g->s ^= g->s >> 7;
    g->s ^= g->s << 17;
    return n > 0 ? (int)(g->s % (uint64_t)n) : 0;
}

static const char *some_person(gen *g)
{
    return g->people && g->people->nrows ? db_cell(g->people, below(g, g->people->nrows), 0) : NULL;
}

/* Inserts one row of a kind with the common columns (and extra ones for systems);
 * audits it. Returns the id or 0. */
static int64_t insert(gen *g, const char *table, const char *entity, const char *name,
                      const char *extra_cols, const char *extra_vals, int nextra,
                      const char **extra)
{
    g->last_unit = int_text(g->a, g->units[below(g, g->nunits)]);
    const char *p[12] = {g->tenant_text, g->last_unit,   name,
                         some_person(g), some_person(g), statuses[below(g, N(statuses))],
                         g->now};
    for (int i = 0; i < nextra && i < 5; i++)
        p[7 + i] = extra[i];
    const char *sql = arena_printf(
        g->a,
        "INSERT INTO %s (tenant_id, unit_id, name, owner_id, manager_id, status, created_at, "
        "updated_at%s) VALUES ($1, $2, $3, $4, $5, $6, $7, $7%s) RETURNING id",
        table, extra_cols, extra_vals);
    db_res *res = NULL;
    if (db_query(g->d, g->a, sql, 7 + nextra, p, &res) != DB_OK) return 0;
    int64_t id = db_cell_int(res, 0, 0);
    return audit_write(g->d, g->a, &gen_actor, g->tenant, "create", entity, int_text(g->a, id),
                       name, NULL) == DB_OK
               ? id
               : 0;
}

/* Every 64 rows the arena is emptied (it holds only this round's strings) and the
 * owners are loaded again into it. */
static bool next_round(gen *g, int i)
{
    if (i % 64) return true;
    arena_free(g->a);
    g->tenant_text = int_text(g->a, g->tenant);
    const char *p[] = {g->tenant_text};
    return db_query(g->d, g->a, "SELECT id FROM person WHERE tenant_id = $1 ORDER BY id LIMIT 400",
                    1, p, &g->people) == DB_OK;
}

long generate_inventory(db *d, arena *a, uint64_t seed, int64_t tenant, const int64_t *units,
                        int nunits, inventory_counts want)
{
    char now[21];
    time_now_iso(now);
    gen g = {.d = d,
             .a = a,
             .s = seed | 1,
             .tenant = tenant,
             .now = now,
             .units = units,
             .nunits = nunits};
    /* owners and förvaltare come from a few hundred of the tenant's people */
    if (nunits < 1 || !next_round(&g, 0)) return -1;
    long rows = 0;
    int64_t *objects = malloc(sizeof(int64_t) * (size_t)(want.objects + 1));
    int64_t *assets = malloc(sizeof(int64_t) * (size_t)(want.assets + 1));
    bool ok = objects && assets;
    for (int i = 0; ok && i < want.objects; i++) {
        ok = next_round(&g, i + 1);
        if (!ok) break;
        objects[i] = insert(&g, "managed_object", "objects",
                            arena_printf(a, "%s %d", object_names[i % N(object_names)], i + 1), "",
                            "", 0, NULL);
        ok = objects[i] != 0;
        rows++;
    }
    for (int i = 0; ok && i < want.assets; i++) {
        ok = next_round(&g, i + 1);
        if (!ok) break;
        assets[i] = insert(&g, "information_asset", "assets",
                           arena_printf(a, "%s %d", asset_names[i % N(asset_names)], i + 1), "", "",
                           0, NULL);
        ok = assets[i] != 0;
        rows++;
    }
    for (int i = 0; ok && i < want.processes; i++) {
        ok = next_round(&g, i + 1);
        if (!ok) break;
        ok = insert(&g, "process", "processes",
                    arena_printf(a, "%s %d", process_names[i % N(process_names)], i + 1), "", "", 0,
                    NULL) != 0;
        rows++;
    }
    for (int i = 0; ok && i < want.systems; i++) {
        ok = next_round(&g, i + 1);
        if (!ok) break;
        const char *extra[] = {
            want.objects ? int_text(g.a, objects[below(&g, want.objects)]) : NULL,
            suppliers[below(&g, N(suppliers))], hostings[below(&g, N(hostings))], "Sverige"};
        int64_t sys = insert(&g, "system", "systems",
                             arena_printf(a, "%s %d", system_names[i % N(system_names)], i + 1),
                             ", object_id, supplier, hosting, hosting_country",
                             ", $8, $9, $10, $11", 4, extra);
        ok = sys != 0;
        rows++;
        /* one to three information assets per system, distinct by construction */
        int links = want.assets ? 1 + below(&g, 3) : 0,
            first = below(&g, want.assets ? want.assets : 1);
        for (int k = 0; ok && k < links && k < want.assets; k++) {
            const char *unit = g.last_unit;
            const char *lp[] = {g.tenant_text, int_text(g.a, sys),
                                int_text(g.a, assets[(first + k) % want.assets]), unit, now};
            db_res *res = NULL;
            ok = unit &&
                 db_query(d, a,
                          "INSERT INTO system_asset (tenant_id, system_id, asset_id, unit_id, "
                          "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
                          5, lp, &res) == DB_OK &&
                 audit_write(d, a, &gen_actor, tenant, "create", "system_assets",
                             db_cell(res, 0, 0), NULL, NULL) == DB_OK;
            rows++;
        }
    }
    free(objects);
    free(assets);
    return ok ? rows : -1;
}
