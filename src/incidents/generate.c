/* generate.c - incidents for the scale data set: the kinds a kommun sees, with the two
 * legal answers in realistic shares (about a third personal-data breaches, a few
 * significant incidents). Direct INSERTs with an audit row each, as the inventory's
 * generator does. */
#include "generate.h"
#include "deadline.h"
#include "../audit/audit.h"
#include "../core/util.h"
#include <stdlib.h>
#include <string.h>

static const audit_actor gen_actor = {0, "generator", "cli"};

static const struct kind {
    const char *category, *title, *what;
} kinds[] = {
    {"phishing", "Nätfiskemejl", "Medarbetare fick mejl med länk till en falsk inloggningssida."},
    {"misdirected_email", "Felskickat mejl",
     "Ett mejl med personuppgifter skickades till fel mottagare."},
    {"lost_device", "Borttappad dator", "En bärbar dator glömdes på tåget."},
    {"malware", "Skadlig kod på klient", "Antivirus larmade om skadlig kod på en klient."},
    {"unauthorised_access", "Obehörig åtkomst", "Loggar visar inloggning från okänd plats."},
    {"outage", "Avbrott i verksamhetssystem", "Systemet gick inte att nå under förmiddagen."},
    {"supplier", "Incident hos leverantör", "Leverantören meddelar ett intrång i sin driftmiljö."},
    {"ransomware", "Ransomware", "Filer krypterades och ett krav på lösensumma lämnades."},
    {"other", "Övrigt", "Något annat som kan påverka informationssäkerheten."},
};
static const char *const severities[] = {"low", "low", "medium", "medium", "high", "critical"};

#define N(x) ((int)(sizeof(x) / sizeof((x)[0])))
enum { SPAN = 3 * 365 * 86400, OPEN_NEWEST = 3 };

typedef struct gen {
    db *d;
    arena *a;
    uint64_t s;
    int64_t tenant;
    const char *tenant_text;
    db_res *people;
} gen;

static int below(gen *g, int n)
{
    g->s ^= g->s << 13;
    g->s ^= g->s >> 7;
    g->s ^= g->s << 17;
    return n > 0 ? (int)(g->s % (uint64_t)n) : 0;
}

static const char *iso(gen *g, time_t t)
{
    char out[21];
    time_iso_from(t, out);
    return arena_strdup(g->a, out);
}

/* Every 64 rows the arena is emptied and the reporters loaded again into it. */
static bool next_round(gen *g, int i)
{
    if (i % 64) return true;
    arena_free(g->a);
    g->tenant_text = int_text(g->a, g->tenant);
    const char *p[] = {g->tenant_text};
    return db_query(g->d, g->a, "SELECT id FROM person WHERE tenant_id = $1 ORDER BY id LIMIT 400",
                    1, p, &g->people) == DB_OK;
}

static bool audit(gen *g, const char *entity, const char *id, const char *summary)
{
    return audit_write(g->d, g->a, &gen_actor, g->tenant, "create", entity, id, summary, NULL) ==
           DB_OK;
}

long generate_incidents(db *d, arena *a, uint64_t seed, int64_t tenant, int count)
{
    gen g = {.d = d, .a = a, .s = seed | 1, .tenant = tenant};
    if (!next_round(&g, 0) || !g.people->nrows) return -1;
    time_t now = time(NULL);
    /* references per year, from the oldest, after those the tenant already has (demo) */
    int seq[8] = {0}, first_year = 0;
    bool counted[8] = {0};
    long rows = 0;
    for (int i = 0; i < count; i++) {
        if (!next_round(&g, i + 1)) return -1;
        bool open = i >= count - OPEN_NEWEST;
        /* evenly over three years, oldest first; the open ones within the last day */
        time_t aware = open ? now - 3600 * (1 + below(&g, 20))
                            : now - SPAN + (time_t)((double)SPAN * i / count) - below(&g, 3600);
        time_t local = aware + time_stockholm_offset(aware);
        struct tm tm;
        gmtime_r(&local, &tm);
        if (!first_year) first_year = tm.tm_year + 1900;
        int y = (tm.tm_year + 1900 - first_year) & 7;
        if (!counted[y]) {
            const char *cp[] = {g.tenant_text,
                                arena_printf(a, "INC-%04d-%%", (tm.tm_year + 1900) % 10000)};
            const char *c = db_scalar(
                d, a, "SELECT COUNT(*) FROM incident WHERE tenant_id = $1 AND reference LIKE $2", 2,
                cp);
            seq[y] = c ? atoi(c) : 0;
            counted[y] = true;
        }
        const struct kind *k = &kinds[below(&g, N(kinds))];
        bool personal = below(&g, 3) == 0 || !strcmp(k->category, "misdirected_email");
        bool significant = !strcmp(k->category, "ransomware") || below(&g, 40) == 0;
        const char *reference =
            arena_printf(a, "INC-%04d-%04d", (tm.tm_year + 1900) % 10000, ++seq[y]);
        const char *p[] = {
            g.tenant_text,
            reference,
            k->title,
            k->what,
            iso(&g, aware - 600 * (1 + below(&g, 12))),
            db_cell(g.people, below(&g, g.people->nrows), 0),
            open ? (i % 2 ? "triaged" : "reported") : "closed",
            iso(&g, aware),
            k->category,
            severities[below(&g, N(severities))],
            personal ? "yes" : "no",
            personal ? "Personuppgifter berördes." : "Inga personuppgifter berördes.",
            significant ? "yes" : "no",
            significant ? "Allvarlig störning av verksamheten." : "Begränsad påverkan.",
            open ? NULL : iso(&g, aware + 86400 * (2 + below(&g, 20))),
            open ? NULL : "Rutinen följdes; uppföljning i informationssäkerhetsforum.",
            iso(&g, aware + 300),
            /* taken on within minutes to two days */
            !open || i % 2 ? iso(&g, aware + 300 + 60 * (5 + below(&g, 48 * 60))) : NULL,
        };
        db_res *res = NULL;
        if (db_query(
                d, a,
                "INSERT INTO incident (tenant_id, reference, title, what_happened, "
                "discovered_at, reporter_id, status, aware_at, category, severity, "
                "personal_data, personal_data_reason, significant, significant_reason, "
                "closed_at, lessons, created_at, updated_at, triaged_at) VALUES ($1, $2, $3, $4, "
                "$5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17, $18) "
                "RETURNING id",
                18, p, &res) != DB_OK)
            return -1;
        const char *id = db_cell(res, 0, 0);
        if (!audit(&g, "incidents", id, reference)) return -1;
        rows++;
        if (open) continue;
        /* what a closed incident needed was sent, now and then a little late */
        deadline dl[DL__COUNT];
        deadline_facts facts = {
            .aware = aware, .personal_breach = personal, .significant = significant};
        int n = deadlines_compute(&facts, dl);
        for (int j = 0; j < n; j++) {
            time_t sent = dl[j].due - (time_t)(dl[j].due - dl[j].start) / 2 +
                          (below(&g, 10) == 0 ? (time_t)(dl[j].due - dl[j].start) : 0);
            const char *q[] = {g.tenant_text, id, deadline_codes[dl[j].kind], iso(&g, sent)};
            db_res *nr = NULL;
            if (db_query(d, a,
                         "INSERT INTO incident_notification (tenant_id, incident_id, kind, "
                         "sent_at, created_at, updated_at) VALUES ($1, $2, $3, $4, $4, $4) "
                         "RETURNING id",
                         4, q, &nr) != DB_OK ||
                !audit(&g, "incident_notifications", db_cell(nr, 0, 0), NULL))
                return -1;
            rows++;
        }
    }
    return rows;
}
