/* seed.c - demo incidents for Exempelkommun: one closed phishing attempt with its lessons,
 * a ransomware attack with the legal clocks running (aware 20 hours ago; the CSIRT early
 * warning already sent), and a lost phone just reported by a teacher.
 *
 * Each is told as it happened, through the engine: reported by its reporter, assessed by
 * the CISO an hour after awareness, closed five days later — every write at its moment in
 * the story (req.as_of), so the reference, the reporter, the time to triage and the close
 * come from the incident rules, and each step is in the audit log. */
#include "incidents.h"
#include "../core/util.h"
#include "../entity/system_req.h"
#include <stdlib.h>
#include <string.h>

static const char *person(db *d, arena *a, int64_t tenant, const char *email)
{
    const char *p[] = {int_text(a, tenant), email};
    return db_scalar(d, a, "SELECT id FROM person WHERE tenant_id = $1 AND email = $2", 2, p);
}

static const char *ago(arena *a, time_t now, long seconds)
{
    char iso[21];
    time_iso_from(now - seconds, iso);
    return arena_strdup(a, iso);
}

/* The person id behind an id text; 0 when there is none. */
static int64_t id_of(const char *text)
{
    return text ? strtoll(text, NULL, 10) : 0;
}

/* The ransomware's history after the assessment: the early warning to the CSIRT six hours
 * after awareness (its timeline event comes from the rules), then the CISO's open tasks,
 * one of them due within the day. */
static bool seed_ransomware_steps(req *r, time_t now, long aware_ago, const char *incident,
                                  const char *ciso)
{
    arena *a = r->a;
    r->as_of = now - (aware_ago - 6L * 3600);
    if (!system_create(r, &entity_incident_notifications,
                       (const char *const[]){"incident_id", incident, "kind", "csirt_early",
                                             "sent_at", ago(a, now, aware_ago - 6L * 3600),
                                             "reference", "CERT-SE tidig varning 2026-118", NULL}))
        return false;
    r->as_of = now - (aware_ago - 7L * 3600);
    static const struct {
        const char *title;
        long due_in;
    } tasks[] = {
        {"Återläs elevdokumentationen från säkerhetskopian", 4L * 3600},
        {"Informera vårdnadshavarna om incidenten", 28L * 3600},
    };
    for (size_t i = 0; i < sizeof tasks / sizeof tasks[0]; i++)
        if (!system_create(r, &entity_incident_tasks,
                           (const char *const[]){
                               "incident_id", incident, "title", tasks[i].title, "owner_id", ciso,
                               "due_at", ago(a, now, -tasks[i].due_in), "status", "open", NULL}))
            return false;
    return true;
}

typedef struct demo_incident {
    const char *title, *what, *affected, *status, *category, *severity, *personal, *personal_reason,
        *significant, *significant_reason, *measures, *lessons;
    long discovered_ago, aware_ago; /* seconds before now */
    bool by_teacher;
} demo_incident;

static const demo_incident incidents[] = {
    {"Nätfiskemejl till Socialförvaltningen",
     "Ett trettiotal medarbetare fick ett mejl som såg ut att komma från IT-avdelningen och bad "
     "dem logga in på en falsk sida. Två personer angav sina uppgifter.",
     "E-post, två användarkonton", "closed", "phishing", "medium", "no",
     "Inga personuppgifter lästes ut: kontona spärrades innan någon inloggning skedde.", "no",
     "Begränsad påverkan, inga tjänster störda.",
     "Lösenorden byttes, avsändardomänen spärrades, varning skickades till alla.",
     "Tvåfaktorsinloggning för e-post ska införas i hela förvaltningen; nätfiskeövning varje "
     "halvår.",
     40L * 86400, 40L * 86400 - 1800, false},
    {"Ransomware på filserver för skolorna",
     "Filer på den gemensamma filservern för skolorna har krypterats och ett meddelande med "
     "krav på lösensumma har lagts i varje mapp. Servern är isolerad från nätet.",
     "Filserver, elevdokumentation, skolornas gemensamma mappar", "triaged", "ransomware",
     "critical", "yes",
     "Servern innehåller elevdokumentation med personuppgifter, även känsliga (elevhälsa).", "yes",
     "Skolornas verksamhet är allvarligt störd och angriparen kan ha fört ut uppgifter.",
     "Servern är isolerad, återläsning från säkerhetskopia pågår, polisanmälan gjord.", NULL,
     21L * 3600, 20L * 3600, false},
    {"Borttappad mobiltelefon",
     "Jag glömde min tjänstetelefon på bussen i morse. Den har skärmlås med PIN-kod.",
     "Tjänstetelefon med e-post och kalender", "reported", NULL, NULL, "unknown", NULL, "unknown",
     NULL, NULL, NULL, 3L * 3600, 2L * 3600, true},
};

bool seed_incidents(db *d, arena *a, int64_t tenant)
{
    const char *ciso = person(d, a, tenant, "ciso@exempelkommun.se");
    const char *teacher = person(d, a, tenant, "medarbetare@exempelkommun.se");
    if (!ciso || !teacher) return false;
    req r;
    auth sys;
    if (!system_req_init(&r, &sys, a, d, tenant, "system")) return false;
    time_t now = time(NULL);
    bool ok = true;
    for (size_t i = 0; ok && i < sizeof incidents / sizeof incidents[0]; i++) {
        const demo_incident *x = &incidents[i];
        /* reported ten minutes after awareness, by the reporter */
        sys.person_id = id_of(x->by_teacher ? teacher : ciso);
        r.as_of = now - (x->aware_ago - 600);
        int64_t id = system_create(
            &r, &entity_incidents,
            (const char *const[]){
                "title", x->title, "what_happened", x->what, "discovered_at",
                ago(a, now, x->discovered_ago), "aware_at", ago(a, now, x->aware_ago), "affected",
                x->affected, "contact",
                x->by_teacher ? "Mats Holm, 070-123 45 67" : "Servicedesk, 08-123 456 00", NULL});
        ok = id != 0;
        if (!ok || !strcmp(x->status, "reported")) continue;
        /* assessed by the CISO an hour after awareness */
        sys.person_id = id_of(ciso);
        r.as_of = now - (x->aware_ago - 3600);
        bool personal = x->personal && x->personal[0] == 'y';
        ok = system_update(
            &r, &entity_incidents, id,
            (const char *const[]){
                "status", "triaged", "category", x->category, "severity", x->severity,
                "personal_data", x->personal, "personal_data_reason", x->personal_reason,
                "significant", x->significant, "significant_reason", x->significant_reason,
                "measures", x->measures, "dso_contact",
                personal ? "Dataskyddsombud Eva Lind, dso@exempelkommun.se" : NULL, NULL});
        if (ok && i == 1) ok = seed_ransomware_steps(&r, now, x->aware_ago, int_text(a, id), ciso);
        /* closed with its lessons five days after awareness */
        if (ok && x->lessons) {
            r.as_of = now - (x->aware_ago - 5L * 86400);
            ok = system_update(
                &r, &entity_incidents, id,
                (const char *const[]){"status", "closed", "lessons", x->lessons, NULL});
        }
    }
    return ok;
}
