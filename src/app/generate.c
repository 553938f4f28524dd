/* generate.c - a realistic, deterministic data set for benchmarks and soak tests
 * (lis demo --scale N). At --scale 100 it holds all 290 kommuner as tenants (names and
 * codes from data/kommuner.csv, compiled in), with Exempelkommun grown to the size of a
 * large kommun so that its lists hold ten thousand rows:
 *
 *   tenants 292, units ≥ 4,000, people 20,000, role assignments ≥ 24,000,
 *   audit rows ≥ 50,000 (every generated record is audited as it is created),
 *   inventory 10,000 objects, systems, assets and processes in Exempelkommun (about 20
 *   in every other kommun), with links between systems and information,
 *   incidents 100,000: 20,000 in Exempelkommun and about 276 in every other kommun,
 *   over three years, with the notifications they needed,
 *   training: about 50,000 completions in Exempelkommun over five courses, two phishing
 *   drills with numbers per förvaltning (src/awareness/generate.c), and in every kommun.
 *
 * Later areas (risks, actions, incidents) add their own generators here.
 * Everything comes from one xorshift generator seeded by --seed, so two runs with the
 * same seed give the same data. */
#include "generate.h"
#include "../org/seed.h"
#include "../inventory/generate.h"
#include "../classification/generate.h"
#include "../risks/generate.h"
#include "../incidents/generate.h"
#include "../forum/generate.h"
#include "../awareness/generate.h"
#include "../followup/generate.h"
#include "../audit/audit.h"
#include "../core/embedded.h"
#include "../core/util.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct rng {
    uint64_t s;
} rng;

static uint64_t rng_next(rng *r)
{
    uint64_t x = r->s;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return r->s = x;
}
static int rng_below(rng *r, int n)
{
    return n > 0 ? (int)(rng_next(r) % (uint64_t)n) : 0;
}

static const char *const first_names[] = {
    "Anna",  "Maria", "Eva",   "Karin", "Sara",  "Lena",   "Kerstin", "Emma",     "Ingrid", "Malin",
    "Johan", "Lars",  "Erik",  "Per",   "Karl",  "Anders", "Mikael",  "Peter",    "Nils",   "Jonas",
    "Åsa",   "Märta", "Örjan", "Björn", "Göran", "Elif",   "Ahmed",   "Mohammed", "Fatima", "Li"};
static const char *const last_names[] = {
    "Andersson", "Johansson", "Karlsson",  "Nilsson",    "Eriksson",   "Larsson",
    "Olsson",    "Persson",   "Svensson",  "Gustafsson", "Pettersson", "Jonsson",
    "Jansson",   "Hansson",   "Bengtsson", "Jönsson",    "Lindberg",   "Jakobsson",
    "Magnusson", "Lindström", "Öberg",     "Åberg",      "Holm",       "Sandberg",
    "Nyström",   "Hussein",   "Yilmaz",    "Berg",       "Lund",       "Ek"};
static const char *const titles[] = {"Handläggare",
                                     "Enhetschef",
                                     "Förvaltningschef",
                                     "Systemförvaltare",
                                     "Lärare",
                                     "Undersköterska",
                                     "Socialsekreterare",
                                     "IT-tekniker",
                                     "Controller",
                                     "Arkivarie",
                                     "Nämndsekreterare",
                                     "Rektor",
                                     "Verksamhetsutvecklare",
                                     "Kommunikatör",
                                     "Jurist"};
static const char *const areas[] = {"Barn- och utbildning", "Social",          "Samhällsbyggnad",
                                    "Kultur- och fritid",   "Miljö",           "Teknik",
                                    "Vård och omsorg",      "Arbetsmarknad",   "Gymnasie",
                                    "Stadsbyggnad",         "Räddningstjänst", "Överförmyndar",
                                    "Fastighets",           "Service",         "Digitaliserings"};
static const char *const departments[] = {"Administration",  "Ekonomi",   "Personal", "Utveckling",
                                          "Verksamhetsstöd", "Myndighet", "Utförare", "Planering",
                                          "Drift",           "Kvalitet"};
static const char *const events[] = {"login", "update", "login", "logout", "export"};
static const char *const roles_for_staff[] = {"employee",     "employee",     "employee",
                                              "system_owner", "info_manager", "forum_member",
                                              "it_security"};

typedef struct gen {
    db *d;
    arena *a;
    rng r;
    const char *password_hash;
    long units, people, roles, audit, inventory, risks, incidents;
} gen;

static const audit_actor gen_actor = {0, "generator", "cli"};

/* Builds one tenant's organisation: KF, KS, nämnder with förvaltningar and
 * avdelningar, and a koncern of bolag. Returns units created; fills ids. */
static int gen_org(gen *g, int64_t tenant, const char *kommun, int nforv, int ndept, int64_t *ids,
                   int cap)
{
    int n = 0;
    /* a tenant that exists (Exempelkommun) grows under its own root and council, with
     * numbered names beside the demo's; a new one gets the whole tree */
    const char *tp[] = {int_text(g->a, tenant)};
    const char *have_root = db_scalar(
        g->d, g->a, "SELECT id FROM unit WHERE tenant_id = $1 AND parent_id IS NULL", 1, tp);
    const char *have_kf =
        db_scalar(g->d, g->a,
                  "SELECT id FROM unit WHERE tenant_id = $1 AND kind = 'fullmaktige' "
                  "ORDER BY id LIMIT 1",
                  1, tp);
    bool existing = have_root && have_kf;
    int64_t root =
        existing ? atoll(have_root) : seed_unit(g->d, g->a, tenant, 0, kommun, "organisation");
    int64_t kf = existing ? atoll(have_kf)
                          : seed_unit(g->d, g->a, tenant, root, "Kommunfullmäktige", "fullmaktige");
    int64_t ks = existing ? kf : seed_unit(g->d, g->a, tenant, kf, "Kommunstyrelsen", "styrelse");
    int64_t klf =
        existing ? root
                 : seed_unit(g->d, g->a, tenant, ks, "Kommunledningsförvaltningen", "forvaltning");
    if (!root || !kf || !ks || !klf) return -1;
    ids[n++] = root;
    if (!existing) ids[n++] = klf;
    for (int i = 0; i < nforv && n < cap - 2; i++) {
        const char *area = areas[i % (int)(sizeof areas / sizeof areas[0])];
        int round = i / (int)(sizeof areas / sizeof areas[0]) + (existing ? 2 : 1);
        const char *suffix = round > 1 ? arena_printf(g->a, " %d", round) : "";
        int64_t namnd = seed_unit(g->d, g->a, tenant, kf,
                                  arena_printf(g->a, "%snämnden%s", area, suffix), "namnd");
        int64_t forv =
            namnd ? seed_unit(g->d, g->a, tenant, namnd,
                              arena_printf(g->a, "%sförvaltningen%s", area, suffix), "forvaltning")
                  : 0;
        if (!forv) return -1;
        ids[n++] = forv;
        for (int k = 0; k < ndept && n < cap - 2; k++) {
            int64_t dept = seed_unit(g->d, g->a, tenant, forv,
                                     arena_printf(g->a, "%s %d", departments[k % 10], k / 10 + 1),
                                     "avdelning");
            if (!dept) return -1;
            ids[n++] = dept;
        }
    }
    int64_t holding = seed_unit(g->d, g->a, tenant, root,
                                arena_printf(g->a, "%s Stadshus AB", kommun), "koncern");
    int64_t housing = holding ? seed_unit(g->d, g->a, tenant, holding,
                                          arena_printf(g->a, "%s Bostäder AB", kommun), "bolag")
                              : 0;
    if (!housing) return -1;
    ids[n++] = housing;
    g->units += n + 3;
    return n;
}

static int gen_people(gen *g, int64_t tenant, const char *domain, const int64_t *units, int nunits,
                      int count)
{
    for (int i = 0; i < count; i++) {
        const char *first = first_names[rng_below(&g->r, 30)];
        const char *last = last_names[rng_below(&g->r, 30)];
        int64_t unit = units[rng_below(&g->r, nunits)];
        const char *email = arena_printf(g->a, "person%d@%s", i + 1, domain);
        int64_t person =
            seed_person(g->d, g->a, tenant, unit, arena_printf(g->a, "%s %s", first, last), email,
                        titles[rng_below(&g->r, 15)], g->password_hash);
        if (!person) return -1;
        g->people++;
        const char *role = roles_for_staff[rng_below(&g->r, 7)];
        if (!seed_role(g->d, g->a, tenant, person, unit, role)) return -1;
        g->roles++;
        /* the first people of each förvaltning are its samordnare and informationsägare,
         * but not everywhere: coverage should have gaps to show */
        if (i < nunits && rng_below(&g->r, 4) != 0) {
            if (!seed_role(g->d, g->a, tenant, person, units[i],
                           i % 2 ? "info_owner" : "coordinator"))
                return -1;
            g->roles++;
        }
        if ((i & 63) == 0) arena_free(g->a); /* the arena only holds this round's strings */
    }
    return 0;
}

/* Activity: logins, updates and exports spread over the log. */
static int gen_events(gen *g, int64_t tenant, const char *domain, int count, int people)
{
    for (int i = 0; i < count; i++) {
        audit_actor who = gen_actor;
        who.name =
            arena_printf(g->a, "person%d@%s", rng_below(&g->r, people ? people : 1) + 1, domain);
        who.ip = arena_printf(g->a, "10.%d.%d.%d", rng_below(&g->r, 255), rng_below(&g->r, 255),
                              rng_below(&g->r, 255));
        const char *ev = events[rng_below(&g->r, 5)];
        if (audit_write(g->d, g->a, &who, tenant, ev,
                        strcmp(ev, "update") == 0 ? "people" : "session", NULL, NULL,
                        NULL) != DB_OK)
            return -1;
        g->audit++;
        if ((i & 255) == 0) arena_free(g->a);
    }
    return 0;
}

/* The inventory of one tenant, on its förvaltningar and avdelningar. */
static int gen_inventory(gen *g, int64_t tenant, const int64_t *units, int nunits,
                         inventory_counts want)
{
    long n = generate_inventory(g->d, g->a, rng_next(&g->r), tenant, units, nunits, want);
    if (n < 0) return -1;
    g->inventory += n;
    n = generate_classifications(g->d, g->a, rng_next(&g->r), tenant, 70);
    if (n < 0) return -1;
    g->inventory += n;
    return 0;
}

/* Risks and actions of one tenant: 20,000 and 50,000 over all tenants at scale 100. */
static int gen_risks(gen *g, int64_t tenant, const int64_t *units, int nunits, int risks,
                     int actions)
{
    long n = generate_risks(g->d, g->a, rng_next(&g->r), tenant, units, nunits, risks, actions);
    if (n < 0) return -1;
    g->risks += n;
    return 0;
}

static int gen_incidents(gen *g, int64_t tenant, int count)
{
    long n = generate_incidents(g->d, g->a, rng_next(&g->r), tenant, count);
    if (n < 0) return -1;
    g->incidents += n;
    return 0;
}

static char *next_field(char **p)
{
    char *s = *p, *end = strpbrk(s, ",\n");
    if (!end) {
        *p = s + strlen(s);
        return s;
    }
    bool newline = *end == '\n';
    *end = 0;
    *p = newline ? end : end + 1;
    return s;
}

int generate_scale(db *d, int scale, uint64_t seed, const char *password_hash, FILE *out)
{
    if (scale < 1 || scale > 100) return 2;
    arena a;
    arena_init(&a, 0);
    gen g = {.d = d,
             .a = &a,
             .r = {seed ? seed * 0x9E3779B97F4A7C15ULL : 1},
             .password_hash = password_hash};
    time_t started = time(NULL);
    const embedded_file *csv = NULL;
    for (const embedded_file *f = embedded_data; f->name; f++)
        if (!strcmp(f->name, "kommuner.csv")) csv = f;
    if (!csv || db_begin(d) != DB_OK) {
        fprintf(out, "cannot start generating: %s\n", csv ? db_error(d) : "no kommuner.csv");
        return 1;
    }
    int rc = 0;
    long training = 0; /* campaigns, drill results and completions */
    /* Exempelkommun (from lis demo) grows to a large kommun */
    arena setup;
    arena_init(&setup, 0);
    const char *ex = db_scalar(d, &setup, "SELECT id FROM tenant WHERE code = 'EXEMPEL'", 0, NULL);
    int64_t *ids = malloc(sizeof(int64_t) * 2048);
    if (ex) {
        int big_people = 10000 * scale / 100, big_forv = 15 * scale / 100 + 1;
        int n = gen_org(&g, atoll(ex), "Exempelkommun", big_forv, 1000 * scale / 100 / big_forv + 1,
                        ids, 2048);
        rc =
            n < 0 || gen_people(&g, atoll(ex), "gen.exempelkommun.se", ids, n, big_people) ||
            gen_events(&g, atoll(ex), "gen.exempelkommun.se", 15000 * scale / 100, big_people) ||
            gen_inventory(&g, atoll(ex), ids, n,
                          (inventory_counts){2500 * scale / 100, 4000 * scale / 100,
                                             3000 * scale / 100, 500 * scale / 100}) ||
            gen_risks(&g, atoll(ex), ids, n, 2000 * scale / 100, 5000 * scale / 100) ||
            gen_incidents(&g, atoll(ex), 20000 * scale / 100) ||
            generate_forum(d, g.a, rng_next(&g.r), atoll(ex), 6) < 0 ||
            (training = generate_awareness(d, rng_next(&g.r), atoll(ex), 50000L * scale / 100)) < 0;
    }
    /* the real kommuner */
    char *text = strndup(csv->data, csv->len), *p = strchr(text, '\n');
    int tenants = 0, max_tenants = 290 * scale / 100 + (scale == 100 ? 0 : 1);
    while (!rc && p && *++p && tenants < max_tenants) {
        char *code = next_field(&p), *name = next_field(&p), *shortname = next_field(&p);
        next_field(&p);
        if (!*code) break;
        int64_t t = seed_tenant(d, &a, code, name, "kommun");
        if (!t) {
            rc = 1;
            break;
        }
        tenants++;
        char domain[96];
        int k = 0;
        for (const unsigned char *s = (const unsigned char *)shortname; *s && k < 60; s++) {
            unsigned char c = *s;
            if (c == 0xc3 && s[1]) { /* å ä ö é → a a o e */
                unsigned char n2 = *++s;
                c = (n2 == 0xa5 || n2 == 0xa4 || n2 == 0x85 || n2 == 0x84) ? 'a'
                    : (n2 == 0xb6 || n2 == 0x96)                           ? 'o'
                                                                           : 'e';
            }
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
                domain[k++] = (char)(c | 0x20);
        }
        snprintf(domain + k, sizeof domain - (size_t)k, "-%s.kommun.se", code);
        int n = gen_org(&g, t, shortname, 6 + rng_below(&g.r, 4), 0, ids, 2048);
        int people = 10000 / 290 + rng_below(&g.r, 10000 / 290);
        rc = n < 0 || gen_people(&g, t, domain, ids, n, people) ||
             gen_events(&g, t, domain, 120, people) ||
             gen_inventory(&g, t, ids, n, (inventory_counts){4, 8, 6, 2}) ||
             gen_risks(&g, t, ids, n, 62, 155) || gen_incidents(&g, t, 80000 / 290) ||
             generate_forum(d, g.a, rng_next(&g.r), t, 6) < 0;
        long made = rc ? 0 : generate_awareness(d, rng_next(&g.r), t, people / 2);
        if (made < 0) rc = 1;
        training += made;
        arena_free(&a);
    }
    free(text);
    free(ids);
    arena_free(&setup);
    /* the kommuner's maturity answers for this year and their opt-ins: the national view */
    long national = 0;
    if (!rc) {
        char today[11];
        date_today(today);
        national = generate_national(d, &a, rng_next(&g.r), atoi(today));
        rc = national < 0;
    }
    if (rc || db_commit(d) != DB_OK) {
        fprintf(out, "generating failed: %s\n", db_error(d));
        db_rollback(d);
        arena_free(&a);
        return 1;
    }
    fprintf(out,
            "generated at scale %d (seed %llu) in %lds: %d kommuner, %ld units, %ld people, "
            "%ld role assignments, %ld audit events, %ld inventory rows and links, %ld risks, "
            "actions and links, %ld incidents and notifications, %ld training campaigns, drill "
            "results and completions, %ld maturity answers and opt-ins (plus one audit row per "
            "record)\n",
            scale, (unsigned long long)seed, (long)(time(NULL) - started), tenants, g.units,
            g.people, g.roles, g.audit, g.inventory, g.risks, g.incidents, training, national);
    arena_free(&a);
    return 0;
}

int generate_national_only(db *d, uint64_t seed, FILE *out)
{
    const embedded_file *csv = NULL;
    for (const embedded_file *f = embedded_data; f->name; f++)
        if (!strcmp(f->name, "kommuner.csv")) csv = f;
    if (!csv || db_begin(d) != DB_OK) {
        fprintf(out, "cannot start generating: %s\n", csv ? db_error(d) : "no kommuner.csv");
        return 1;
    }
    arena a;
    arena_init(&a, 0);
    char *text = strndup(csv->data, csv->len), *p = strchr(text, '\n');
    int rc = 0, created = 0;
    while (!rc && p && *++p) {
        char *code = next_field(&p), *name = next_field(&p), *shortname = next_field(&p);
        next_field(&p);
        if (!*code) break;
        const char *cp[] = {code};
        if (db_scalar(d, &a, "SELECT id FROM tenant WHERE code = $1", 1, cp)) continue;
        int64_t t = seed_tenant(d, &a, code, name, "kommun");
        rc = !t || !seed_unit(d, &a, t, 0, shortname, "organisation");
        created += !rc;
    }
    free(text);
    char today[11];
    date_today(today);
    long rows = rc ? -1 : generate_national(d, &a, seed, atoi(today));
    if (rows < 0 || db_commit(d) != DB_OK) {
        fprintf(out, "generating failed: %s\n", db_error(d));
        db_rollback(d);
        arena_free(&a);
        return 1;
    }
    fprintf(out,
            "generated the national view's data set (seed %llu): %d kommuner added, %ld maturity "
            "answers and opt-ins for %s\n",
            (unsigned long long)seed, created, rows, today);
    arena_free(&a);
    return 0;
}
