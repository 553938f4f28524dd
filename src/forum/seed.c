/* seed.c - Exempelkommun's security forum for `lis demo`: a meeting held five weeks ago
 * whose minutes the chair (the kommundirektör) has approved, and the next meeting, planned
 * for ten days ahead with the CISO in the chair, its agenda drawn from the demo's risks,
 * late actions and the ransomware incident, and an item postponed at the last meeting.
 * Direct INSERTs with an audit row each, as the other demo data; records are found by
 * the names the other demos give them, so this runs after them. */
#include "forum.h"
#include "../audit/audit.h"
#include "../core/util.h"
#include "../org/seed.h"
#include <stdlib.h>
#include <string.h>

static const audit_actor demo_actor = {0, "system", "cli"};

typedef struct ctx {
    db *d;
    arena *a;
    int64_t tenant;
    const char *tenant_text, *now;
} ctx;

static const char *lookup(ctx *c, const char *sql, const char *arg)
{
    const char *p[] = {c->tenant_text, arg};
    return db_scalar(c->d, c->a, sql, 2, p);
}

static const char *person(ctx *c, const char *local)
{
    return lookup(c, "SELECT id FROM person WHERE tenant_id = $1 AND email = $2",
                  arena_printf(c->a, "%s@exempelkommun.se", local));
}

/* 13:00 Stockholm time, `days` from today */
static const char *at_one(ctx *c, int days)
{
    time_t t = time(NULL) + (time_t)days * 86400;
    t += time_stockholm_offset(t);
    struct tm tm;
    gmtime_r(&t, &tm);
    char iso[21];
    time_iso_from(time_from_stockholm(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, 13, 0, 0), iso);
    return arena_strdup(c->a, iso);
}

static int64_t insert(ctx *c, const char *entity, const char *title, const char *sql, int n,
                      const char **p)
{
    return seed_insert_audited(c->d, c->a, c->tenant, entity, "create", title, sql, n, p);
}

static int64_t meeting(ctx *c, const char *starts, const char *place, const char *chair,
                       const char *participants, const char *status)
{
    const char *p[] = {c->tenant_text, "Forum för informations- och IT-säkerhet",
                       starts,         place,
                       chair,          participants,
                       status,         c->now};
    return insert(c, "meetings", starts,
                  "INSERT INTO forum_meeting (tenant_id, title, starts_at, place, chair_id, "
                  "participants, status, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, "
                  "$7, $8, $8) RETURNING id",
                  8, p);
}

typedef struct demo_item {
    const char *title, *kind, *source, *source_sql, *source_key, *presenter, *description,
        *proposal, *decision, *notes, *status;
} demo_item;

static bool items(ctx *c, int64_t meeting_id, const demo_item *list, int n)
{
    for (int i = 0; i < n; i++) {
        const demo_item *x = &list[i];
        const char *source_id = x->source_sql ? lookup(c, x->source_sql, x->source_key) : NULL;
        if (x->source_sql && !source_id) return false;
        /* an item without a title of its own is named after its action; an incident's
         * item by the incident's reference only (need-to-know): its title is a format */
        const char *title =
            x->title ? x->title
                     : lookup(c, "SELECT title FROM action_item WHERE tenant_id = $1 AND id = $2",
                              source_id);
        if (title && !strcmp(x->kind, "incident")) {
            const char *ref = lookup(
                c, "SELECT reference FROM incident WHERE tenant_id = $1 AND id = $2", source_id);
            title = ref ? arena_printf(c->a, x->title, ref) : NULL;
        }
        if (!title) return false;
        const char *p[] = {c->tenant_text,
                           int_text(c->a, meeting_id),
                           title,
                           x->description,
                           x->kind,
                           x->source,
                           source_id,
                           x->presenter ? person(c, x->presenter) : NULL,
                           x->proposal,
                           x->decision,
                           x->notes,
                           x->status,
                           int_text(c->a, i + 1),
                           c->now};
        if (!insert(c, "forum_items", title,
                    "INSERT INTO forum_item (tenant_id, meeting_id, title, description, kind, "
                    "source_entity, source_id, presenter_id, proposal, decision, notes, status, "
                    "position, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, "
                    "$9, $10, $11, $12, $13, $14, $14) RETURNING id",
                    14, p))
            return false;
    }
    return true;
}

#define RISK "SELECT id FROM risk WHERE tenant_id = $1 AND title = $2"
#define INCIDENT "SELECT id FROM incident WHERE tenant_id = $1 AND title = $2"
#define LATE_ACTION                                                                                \
    "SELECT id FROM action_item WHERE tenant_id = $1 AND status IN ('planned', 'ongoing') AND "    \
    "end_date < $2 ORDER BY end_date, id LIMIT 1"

static const char *const ai_title = "Riktlinje för AI-tjänster med personuppgifter";

static const demo_item held_items[] = {
    {"Nätfiske leder till övertagna konton", "risk", "risks", RISK,
     "Nätfiske leder till övertagna konton", "ciso",
     "Risken bedöms som mycket hög efter nätfiskeförsöket mot Socialförvaltningen.",
     "Tvåfaktorsinloggning införs för e-post i hela kommunen under året.",
     "Forumet beslutade enligt förslaget. Informationssäkerhetsansvarig återrapporterar vid "
     "nästa sammanträde.",
     "IT-avdelningen bedömer att införandet kan ske förvaltning för förvaltning.", "decided"},
    {"Incident %s: erfarenheter", "incident", "incidents", INCIDENT,
     "Nätfiskemejl till Socialförvaltningen", "ciso", NULL,
     "Nätfiskeövning genomförs varje halvår.", "Forumet beslutade enligt förslaget.", NULL,
     "decided"},
    {"Riktlinje för AI-tjänster med personuppgifter", "free", NULL, NULL, NULL, "samordnare",
     "Flera förvaltningar vill använda AI-tjänster i handläggningen.",
     "Forumet tar fram en riktlinje till nästa sammanträde.", NULL,
     "Dataskyddsombudet behöver yttra sig först; ärendet bordlades.", "postponed"},
};

bool forum_demo(db *d, arena *a, int64_t tenant)
{
    char now[21], today[11];
    time_now_iso(now);
    date_today(today);
    ctx c = {d, a, tenant, int_text(a, tenant), arena_strdup(a, now)};
    const char *ledning = person(&c, "ledning"), *ciso = person(&c, "ciso");
    if (!ledning || !ciso) return false;
    int64_t held = meeting(&c, at_one(&c, -35), "Stadshuset, sammanträdesrum Tranan", ledning,
                           "Karin Dahl (ordförande), Carl Berg, Sara Ek, Olle Falk", "held");
    if (!held || !items(&c, held, held_items, 3)) return false;
    /* the coordinator kept the minutes, the social chief checked them with the chair */
    const char *approved = at_one(&c, -33);
    char adjusted[24];
    time_local_display(approved, adjusted);
    adjusted[10] = '\0';
    const char *p[] = {ledning,
                       approved,
                       int_text(c.a, held),
                       c.tenant_text,
                       person(&c, "samordnare"),
                       person(&c, "agare"),
                       adjusted};
    if (db_exec(
            d,
            "UPDATE forum_meeting SET approved_by_id = $1, approved_at = $2, secretary_id = $5, "
            "adjuster_id = $6, adjusted_on = $7 WHERE id = $3 AND tenant_id = $4",
            7, p, NULL) != DB_OK ||
        audit_write(d, a, &demo_actor, tenant, "approve", "meetings", int_text(c.a, held), NULL,
                    NULL) != DB_OK)
        return false;
    int64_t planned = meeting(&c, at_one(&c, 10), "Stadshuset, sammanträdesrum Tranan", ciso,
                              "Karin Dahl, Carl Berg, Sara Ek, Olle Falk, IT-chefen", "planned");
    const demo_item planned_items[] = {
        {"Incident %s: lägesrapport och beslut om återstart", "incident", "incidents", INCIDENT,
         "Ransomware på filserver för skolorna", "ciso", NULL,
         "Forumet tar del av lägesrapporten och beslutar om återstart.", NULL, NULL, "open"},
        {"Personuppgifter skickas okrypterat med e-post", "risk", "risks", RISK,
         "Personuppgifter skickas okrypterat med e-post", "agare", NULL,
         "Säker e-post upphandlas; till dess skickas känsliga uppgifter inte med e-post.", NULL,
         NULL, "open"},
        {NULL, "action", "actions", LATE_ACTION, today, "ciso", NULL,
         "Ny tidplan tas fram av den ansvariga.", NULL, NULL, "open"},
        {ai_title, "free", NULL, NULL, NULL, "samordnare",
         "Bordlades vid förra sammanträdet i väntan på dataskyddsombudets yttrande.", NULL, NULL,
         NULL, "open"},
    };
    return planned && items(&c, planned, planned_items, 4);
}
