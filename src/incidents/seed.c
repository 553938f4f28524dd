/* seed.c - demo incidents for Exempelkommun: one closed phishing attempt with its lessons,
 * a ransomware attack with the legal clocks running (aware 20 hours ago; the CSIRT early
 * warning already sent), and a lost phone just reported by a teacher. */
#include "incidents.h"
#include "../core/util.h"
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
    time_t now = time(NULL);
    time_t local = now + time_stockholm_offset(now);
    struct tm tm;
    gmtime_r(&local, &tm);
    const char *t = int_text(a, tenant);
    for (size_t i = 0; i < sizeof incidents / sizeof incidents[0]; i++) {
        const demo_incident *x = &incidents[i];
        const char *closed = x->lessons ? ago(a, now, x->aware_ago - 5L * 86400) : NULL;
        const char *p[] = {
            t,
            arena_printf(a, "INC-%04d-%04zu", (tm.tm_year + 1900) % 10000, i + 1),
            x->title,
            x->what,
            ago(a, now, x->discovered_ago),
            x->affected,
            x->by_teacher ? "Mats Holm, 070-123 45 67" : "Servicedesk, 08-123 456 00",
            x->by_teacher ? teacher : ciso,
            x->status,
            ago(a, now, x->aware_ago),
            x->category,
            x->severity,
            x->personal,
            x->personal_reason,
            x->significant,
            x->significant_reason,
            x->measures,
            closed,
            x->lessons,
            ago(a, now, x->aware_ago - 600),
            x->personal && x->personal[0] == 'y' ? "Dataskyddsombud Eva Lind, dso@exempelkommun.se"
                                                 : NULL,
            strcmp(x->status, "reported") ? ago(a, now, x->aware_ago - 3600) : NULL,
        };
        db_res *res = NULL;
        if (db_query(
                d, a,
                "INSERT INTO incident (tenant_id, reference, title, what_happened, "
                "discovered_at, affected, contact, reporter_id, status, aware_at, category, "
                "severity, personal_data, personal_data_reason, significant, "
                "significant_reason, measures, closed_at, lessons, dso_contact, created_at, "
                "updated_at, triaged_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, "
                "$12, $13, $14, $15, $16, $17, $18, $19, $21, $20, $20, $22) RETURNING id",
                22, p, &res) != DB_OK)
            return false;
        const char *id = db_cell(res, 0, 0);
        if (i == 1) {
            /* the early warning went out six hours after awareness */
            const char *sent = ago(a, now, x->aware_ago - 6L * 3600);
            const char *q[] = {t, id, sent};
            if (db_exec(d,
                        "INSERT INTO incident_notification (tenant_id, incident_id, kind, sent_at, "
                        "reference, created_at, updated_at) VALUES ($1, $2, 'csirt_early', $3, "
                        "'CERT-SE tidig varning 2026-118', $3, $3)",
                        3, q, NULL) != DB_OK ||
                db_exec(d,
                        "INSERT INTO incident_event (tenant_id, incident_id, at, person_id, what, "
                        "created_at, updated_at) VALUES ($1, $2, $3, $4, 'Tidig varning skickad "
                        "till CERT-SE via Cyberportalen.', $3, $3)",
                        4, (const char *[]){t, id, sent, ciso}, NULL) != DB_OK)
                return false;
            /* the CISO's open tasks, one of them due within the day */
            const char *made = ago(a, now, x->aware_ago - 7L * 3600);
            const char *r1[] = {t,    id,
                                ciso, ago(a, now, -4L * 3600),
                                made, "Återläs elevdokumentationen från säkerhetskopian"};
            const char *r2[] = {t,    id,
                                ciso, ago(a, now, -28L * 3600),
                                made, "Informera vårdnadshavarna om incidenten"};
            const char *task =
                "INSERT INTO incident_task (tenant_id, incident_id, title, owner_id, "
                "due_at, status, created_at, updated_at) VALUES ($1, $2, $6, $3, "
                "$4, 'open', $5, $5)";
            if (db_exec(d, task, 6, r1, NULL) != DB_OK || db_exec(d, task, 6, r2, NULL) != DB_OK)
                return false;
        }
    }
    return true;
}
