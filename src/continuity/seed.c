/* seed.c - demo continuity for Exempelkommun: a plan for its first förvaltningsobjekt
 * whose last restore test failed (and whose next test is overdue), and a plan for its
 * first process that was never tested, with its BIA and dependencies. Written through the
 * engine as the system, so units, review and test due dates come from the continuity
 * rules and every record is in the audit log. */
#include "continuity.h"
#include "../core/util.h"
#include "../entity/system_req.h"

static const char *system_named(req *r, const char *name)
{
    const char *p[] = {tenant_param(r), name};
    return db_scalar(r->db, r->a, "SELECT id FROM system WHERE tenant_id = $1 AND name = $2", 2, p);
}

/* The BIA of the försörjningsstöd plan (unacceptable for life and health after three
 * days: MTPD 72 h), and what its process needs: Procapita IFO, which needs the directory
 * and Tietoevry, whose agreement promises a slower restore (48 h) than the 24 h needed. */
static bool seed_bia(req *r, const char *plan, const char *process)
{
    static const char *const impacts[][3] = {
        {"duties", "4", "2"}, {"duties", "24", "3"},      {"money", "72", "2"},
        {"trust", "72", "3"}, {"life_health", "72", "4"},
    };
    for (size_t i = 0; i < sizeof impacts / sizeof impacts[0]; i++)
        if (!system_create(r, &entity_bia_impacts,
                           (const char *const[]){"plan_id", plan, "kind", impacts[i][0],
                                                 "after_hours", impacts[i][1], "level",
                                                 impacts[i][2], NULL}))
            return false;
    const char *procapita = system_named(r, "Procapita IFO");
    const char *directory = system_named(r, "Active Directory och Entra ID");
    if (!procapita) return true; /* the inventory's demo names it; nothing to depend on */
    return system_create(
               r, &entity_continuity_dependencies,
               (const char *const[]){"process_id", process, "needs_system_id", procapita, NULL}) &&
           (!directory ||
            system_create(r, &entity_continuity_dependencies,
                          (const char *const[]){"system_id", procapita, "needs_system_id",
                                                directory, NULL})) &&
           system_create(r, &entity_continuity_dependencies,
                         (const char *const[]){"system_id", procapita, "supplier", "Tietoevry",
                                               "sla_restore_hours", "48", NULL});
}

/* The kommun's incident response plan: decided, its call tree of three, never exercised
 * (so the lägesbild asks for an exercise). */
static bool seed_response_plan(req *r)
{
    int64_t plan = system_create(
        r, &entity_response_plans,
        (const char *const[]){
            "name", "Plan för hantering av cyberincidenter", "decided_on", "2026-02-17",
            "decided_by", "Kommunstyrelsen § 27", "roles",
            "Incidentledare: IT-chefen. Teknisk ledning: IT-driftchefen. Kommunikation: "
            "kommunikationschefen. Kontakt med CSIRT och IMY: informationssäkerhetssamordnaren.",
            "decision_levels",
            "IT-chefen beslutar om att koppla ner system och nätverk. Kommundirektören beslutar "
            "om att stänga e-post och webbplats. Lösen betalas aldrig.",
            "crisis_board",
            "När en cyberincident stoppar samhällsviktig verksamhet i mer än ett dygn kallar "
            "kommundirektören krisledningsnämndens ordförande.",
            "communication",
            "Sms-gruppen 'IT-kris' och Rakel. Samling i stadshusets reception kl. 08 och 16.",
            "paper_copies", "Kommundirektörens kassaskåp och IT-driftens jourväska.", "review_due",
            "2027-02-17", NULL});
    if (!plan) return false;
    const char *id = int_text(r->a, plan);
    int64_t jour = system_create(r, &entity_response_contacts,
                                 (const char *const[]){"plan_id", id, "position", "1", "role",
                                                       "IT-jour", "name", "IT-driftens jour",
                                                       "phone", "070-100 00 01", NULL});
    int64_t chief =
        jour ? system_create(r, &entity_response_contacts,
                             (const char *const[]){"plan_id", id, "position", "2", "role",
                                                   "Incidentledare", "name", "IT-chefen", "phone",
                                                   "070-100 00 02", "alt_phone", "0480-45 00 02",
                                                   "called_by_id", int_text(r->a, jour), NULL})
             : 0;
    return chief && system_create(r, &entity_response_contacts,
                                  (const char *const[]){
                                      "plan_id", id, "position", "3", "role", "Kommundirektör",
                                      "name", "Kommundirektören", "phone", "070-100 00 03",
                                      "called_by_id", int_text(r->a, chief), NULL});
}

/* The id of the tenant's row in table whose column col is value, or NULL. The table and
 * column are this file's fixed names. */
static const char *row_named(req *r, const char *table, const char *col, const char *value)
{
    const char *p[] = {tenant_param(r), value};
    return db_scalar(
        r->db, r->a,
        arena_printf(r->a, "SELECT id FROM %s WHERE tenant_id = $1 AND %s = $2", table, col), 2, p);
}

/* The RSA of the term 2023–2026, reported to the länsstyrelse in October 2023: its chapters
 * as a kommun writes them, and what it links to — the samhällsviktiga processes, the
 * risks from the register and the actions that answer them. */
static bool seed_rsa(req *r)
{
    const char *owner = row_named(r, "person", "email", "ciso@exempelkommun.se");
    int64_t rsa = system_create(
        r, &entity_rsa,
        (const char *const[]){
            "term",
            "2023–2026",
            "due_on",
            "2023-10-31",
            "reported_on",
            "2023-10-26",
            "owner_id",
            owner,
            "ch_area",
            "Exempelkommun har 24 000 invånare, varav hälften i centralorten. Kommunen har fem "
            "förvaltningar och två helägda bolag (bostäder samt vatten och avfall). Genom "
            "kommunen går riksväg 40 och en järnväg med farligt gods; i norr ligger ett "
            "vattenkraftverk. Största arbetsgivare är kommunen själv, regionens sjukhus och "
            "en livsmedelsindustri.",
            "ch_method",
            "Analysen gjordes under våren 2023 i workshoppar med varje förvaltning och "
            "bolagen, ledda av säkerhetssamordnaren. Underlag: konsekvensanalyserna (BIA) i "
            "lis, riskregistret, incidenter sedan 2019 och erfarenheter från pandemin. "
            "Riskerna bedömdes på kommunens skala för sannolikhet och konsekvens; "
            "kommunstyrelsen fastställde analysen den 17 oktober 2023.",
            "ch_critical",
            "Samhällsviktig verksamhet i kommunens egen regi: socialtjänstens myndighetsutövning "
            "(utredning av barn som far illa, försörjningsstöd), vård och omsorg, "
            "dricksvattenförsörjning, skola och förskola samt kommunens krisledning. I "
            "geografiska området därtill: sjukhuset, livsmedelsindustrin och "
            "elnätsföretaget.",
            "ch_dependencies",
            "El, tele och datakommunikation är kritiska beroenden för all samhällsviktig "
            "verksamhet. Socialtjänsten är beroende av verksamhetssystemet och dess "
            "leverantör; hemtjänsten av mobila enheter och trygghetslarm. Reservkraft finns "
            "på vattenverket och i stadshuset men inte på de särskilda boendena.",
            "ch_risks",
            "De största riskerna: långvarigt elavbrott vintertid, utpressningsprogram som "
            "stoppar kommunens IT, olycka med farligt gods på riksväg 40, förorenat "
            "dricksvatten, pandemi och omfattande skogsbrand.",
            "ch_weaknesses",
            "Säkerhetskopiorna hade inte återlästs på flera år och leverantörens avtal lovar "
            "en långsammare återställning än socialtjänsten tål. Reservrutiner på papper "
            "saknas i hemtjänsten. Krisledningsnämnden har inte övats sedan 2019.",
            "ch_measures",
            "Säkerhetskopior utanför det vanliga nätet och återläsningstest två gånger per "
            "år; krav på tillgänglighet i avtalet med leverantören; reservkraft på de "
            "särskilda boendena; en övning för krisledningsnämnden varje mandatperiod.",
            "ch_capability",
            "Kommunen bedömer sin förmåga att hantera en kris som delvis god: krisledningen "
            "är organiserad och planen för cyberincidenter beslutad, men förmågan att "
            "återställa IT inom den tid verksamheterna tål är inte visad.",
            NULL});
    if (!rsa) return false;
    const char *id = int_text(r->a, rsa);
    static const struct {
        const char *table, *col, *name, *field, *note;
    } links[] = {
        {"process", "name", "Utredning av barn som far illa", "process_id",
         "Myndighetsutövning som inte kan vänta"},
        {"process", "name", "Handläggning av försörjningsstöd", "process_id",
         "Akuta utbetalningar till hushåll"},
        {"managed_object", "name", "Vård och omsorg", "object_id", NULL},
        {"risk", "title", "Utpressningsprogram krypterar filservrar", "risk_id", NULL},
        {"risk", "title", "Driftavbrott hos leverantören av verksamhetssystemet", "risk_id", NULL},
        {"risk", "title", "Säkerhetskopior återläses aldrig", "risk_id", NULL},
        {"action_item", "title", "Säkerhetskopior utanför det vanliga nätet", "action_id", NULL},
        {"action_item", "title", "Återläsningstest två gånger per år", "action_id", NULL},
        {"action_item", "title", "Krav på tillgänglighet i avtalet med leverantören", "action_id",
         NULL},
    };
    for (size_t i = 0; i < sizeof links / sizeof links[0]; i++) {
        const char *target = row_named(r, links[i].table, links[i].col, links[i].name);
        if (!target) continue; /* a demo without it */
        if (!system_create(r, &entity_rsa_links,
                           (const char *const[]){"rsa_id", id, links[i].field, target, "note",
                                                 links[i].note, NULL}))
            return false;
    }
    return true;
}

bool seed_continuity(db *d, arena *a, int64_t tenant)
{
    req r;
    auth sys;
    if (!system_req_init(&r, &sys, a, d, tenant, "system")) return false;
    const char *p[] = {tenant_param(&r)};
    const char *object = db_scalar(
        d, a, "SELECT id FROM managed_object WHERE tenant_id = $1 ORDER BY id LIMIT 1", 1, p);
    const char *process =
        db_scalar(d, a, "SELECT id FROM process WHERE tenant_id = $1 ORDER BY id LIMIT 1", 1, p);
    if (!object || !process) return true; /* nothing to plan for */
    int64_t plan =
        system_create(&r, &entity_continuity_plans,
                      (const char *const[]){
                          "name", "Verksamhetssystemen i socialtjänsten", "object_id", object,
                          "what_stops", "Handläggning och dokumentation i socialtjänsten.",
                          "mtpd_hours", "24", "rto_hours", "8", "rpo_hours", "4", "dependencies",
                          "Leverantörens drift, kommunens nätverk, systemförvaltarna.", "plan",
                          "Reservrutiner på papper; återläsning från säkerhetskopia.",
                          "last_reviewed", "2025-02-01", NULL});
    if (!plan ||
        !system_create(&r, &entity_continuity_tests,
                       (const char *const[]){
                           "plan_id", int_text(a, plan), "kind", "restore", "tested_on",
                           "2025-03-12", "scope", "Återläsning av databasen till testmiljö",
                           "result", "failed", "findings",
                           "Säkerhetskopian saknade loggfilerna; återläsningen tog 30 timmar "
                           "(RTO 8).",
                           "next_due", "2025-09-12", NULL}))
        return false;
    /* the RSA for the term that starts after the 2026 election, due as MSBFS 2015:5 had it */
    if (!system_create(&r, &entity_rsa,
                       (const char *const[]){"term", "2027–2030", "due_on", "2027-10-31", NULL}))
        return false;
    int64_t pay = system_create(
        &r, &entity_continuity_plans,
        (const char *const[]){"name",
                              "Utbetalning av försörjningsstöd",
                              "process_id",
                              process,
                              "mtpd_hours",
                              "72",
                              "rto_hours",
                              "24",
                              "rpo_hours",
                              "4",
                              "min_level",
                              "Akuta utbetalningar till hushåll utan pengar till mat och boende.",
                              "workarounds",
                              "Nödutbetalning med beslut på papper och utbetalning via banken.",
                              "workaround_hours",
                              "48",
                              "people_needed",
                              "Två handläggare och en ekonom per dag.",
                              "premises_needed",
                              "Socialkontoret eller annan lokal med telefon.",
                              "last_reviewed",
                              "2026-03-15",
                              NULL});
    return pay && seed_bia(&r, int_text(a, pay), process) && seed_response_plan(&r) && seed_rsa(&r);
}

/* The internal service levels (after the suppliers, whose SLA they are compared with): the
 * first object's promises what its plan needs — 8 h restore around the clock — but its
 * supplier's agreement backs only 24 h (the deliberate gap); the second is served in office
 * hours, where no plan asks for more; the third meets the 24 h that försörjningsstöd's
 * process needs of its systems with extended hours. */
bool seed_service_levels(db *d, arena *a, int64_t tenant)
{
    req r;
    auth sys;
    if (!system_req_init(&r, &sys, a, d, tenant, "system")) return false;
    const char *p[] = {tenant_param(&r)};
    db_res *objects = NULL;
    if (db_query(d, a, "SELECT id FROM managed_object WHERE tenant_id = $1 ORDER BY id LIMIT 3", 1,
                 p, &objects) != DB_OK)
        return false;
    const char *q[] = {tenant_param(&r), "admin@exempelkommun.se"};
    const char *it =
        db_scalar(d, a, "SELECT id FROM person WHERE tenant_id = $1 AND email = $2", 2, q);
    const char *q2[] = {tenant_param(&r), "agare@exempelkommun.se"};
    const char *business =
        db_scalar(d, a, "SELECT id FROM person WHERE tenant_id = $1 AND email = $2", 2, q2);
    static const char *const figures[][6] = {
        /* availability, support, note, rto, rpo, review */
        {"99.5", "always", "Dygnet runt via IT-avdelningens jour", "8", "4", "2027-03-31"},
        {"98", "office", "Vardagar 08–17", "72", "24", "2027-06-30"},
        {"99", "extended", "Alla dagar 07–22", "24", "4", "2027-09-30"},
    };
    for (int i = 0; i < objects->nrows && i < 3; i++)
        if (!system_create(
                &r, &entity_service_levels,
                (const char *const[]){"object_id", db_cell(objects, i, 0), "availability",
                                      figures[i][0], "support_hours", figures[i][1], "support_note",
                                      figures[i][2], "rto_hours", figures[i][3], "rpo_hours",
                                      figures[i][4], "review_due", figures[i][5], "it_contact_id",
                                      it, "business_contact_id", business, NULL}))
            return false;
    return true;
}
