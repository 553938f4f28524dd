/* law.c - Cybersäkerhetslagen's rules for an organisation, as tables: who is covered and
 * how, the 14 days to report a change, the mandate periods of management training. Pure:
 * no database, no current time. */
#include "law.h"
#include "../incidents/deadline.h"
#include "../core/util.h"
#include <stdio.h>
#include <string.h>

/* The sectors of 1 kap. 4-7 §§ (NIS2 annexes I and II), each with its criticality: a
 * large enterprise in a sector of high criticality is väsentlig, in another viktig. */
enum { HIGH = 1, OTHER = 2 };
static const struct sector {
    const char *code;
    int criticality;
} sectors[] = {
    {"energy", HIGH},
    {"transport", HIGH},
    {"banking", HIGH},
    {"financial_market", HIGH},
    {"health", HIGH},
    {"drinking_water", HIGH},
    {"waste_water", HIGH},
    {"digital_infrastructure", HIGH},
    {"ict_services", HIGH},
    {"public_administration", HIGH},
    {"space", HIGH},
    {"postal", OTHER},
    {"waste_management", OTHER},
    {"chemicals", OTHER},
    {"food", OTHER},
    {"manufacturing", OTHER},
    {"digital_providers", OTHER},
    {"research", OTHER},
};

const char *const csl_sector_codes[] = {
    "energy",
    "transport",
    "banking",
    "financial_market",
    "health",
    "drinking_water",
    "waste_water",
    "digital_infrastructure",
    "ict_services",
    "public_administration",
    "space",
    "postal",
    "waste_management",
    "chemicals",
    "food",
    "manufacturing",
    "digital_providers",
    "research",
    NULL,
};

/* Which organisations a reason is for, and the status it gives. */
enum { PUBLIC = 1, COMPANY = 2, ANY = PUBLIC | COMPANY };
enum { NO_SECTOR, NEEDS_SECTOR, FORBIDS_SECTOR };
static const struct reason {
    const char *code;
    int organisations;
    int sector_rule;
    /* the status; for a large company in a sector: at high criticality, else other */
    const char *status, *status_other;
} reasons[] = {
    /* 1 kap. 3 och 9 §§: every kommun, region and kommunalförbund, by size */
    {"public_large", PUBLIC, NO_SECTOR, "vasentlig", NULL},
    {"public_medium", PUBLIC, NO_SECTOR, "viktig", NULL},
    /* 1 kap. 4-7 §§: a company by its sector and size */
    {"sector_large", COMPANY, NEEDS_SECTOR, "vasentlig", "viktig"},
    {"sector_medium", COMPANY, NEEDS_SECTOR, "viktig", NULL},
    {"sector_small", COMPANY, NEEDS_SECTOR, "ej_omfattad", NULL},
    {"no_sector", COMPANY, FORBIDS_SECTOR, "ej_omfattad", NULL},
    /* covered whatever the size (a rule of its own, a decision): said in the note */
    {"special_vasentlig", ANY, NO_SECTOR, "vasentlig", NULL},
    {"special_viktig", ANY, NO_SECTOR, "viktig", NULL},
};

const char *const csl_reason_codes[] = {
    "public_large",      "public_medium",  "sector_large",
    "sector_medium",     "sector_small",   "no_sector",
    "special_vasentlig", "special_viktig", NULL,
};

bool csl_organisation_kind(const char *unit_kind)
{
    static const char *const kinds[] = {"organisation", "forbund", "koncern", "bolag"};
    for (size_t i = 0; unit_kind && i < sizeof kinds / sizeof kinds[0]; i++)
        if (!strcmp(kinds[i], unit_kind)) return true;
    return false;
}

const char *csl_status_of(const char *reason, const char *sector, const char *unit_kind,
                          csl_problem *problem)
{
    const struct reason *rs = NULL;
    for (size_t i = 0; reason && i < sizeof reasons / sizeof reasons[0]; i++)
        if (!strcmp(reasons[i].code, reason)) rs = &reasons[i];
    if (!rs) {
        *problem = CSL_REASON_UNKNOWN;
        return NULL;
    }
    bool company = unit_kind && (!strcmp(unit_kind, "bolag") || !strcmp(unit_kind, "koncern"));
    if (!csl_organisation_kind(unit_kind) || !(rs->organisations & (company ? COMPANY : PUBLIC))) {
        *problem = CSL_REASON_WRONG_KIND;
        return NULL;
    }
    const struct sector *sc = NULL;
    if (sector && *sector) {
        for (size_t i = 0; i < sizeof sectors / sizeof sectors[0]; i++)
            if (!strcmp(sectors[i].code, sector)) sc = &sectors[i];
        if (!sc) {
            *problem = CSL_SECTOR_UNKNOWN;
            return NULL;
        }
    }
    if (rs->sector_rule == NEEDS_SECTOR && !sc) {
        *problem = CSL_SECTOR_NEEDED;
        return NULL;
    }
    if (rs->sector_rule == FORBIDS_SECTOR && sc) {
        *problem = CSL_SECTOR_NOT_WANTED;
        return NULL;
    }
    *problem = CSL_OK;
    return rs->status_other && sc && sc->criticality != HIGH ? rs->status_other : rs->status;
}

bool csl_change_due(const char *changed_on, char out[11])
{
    char day[11];
    if (!date_add_days(changed_on, CSL_REPORT_CHANGE_DAYS, day)) return false;
    /* lag (1930:173) 2 §: a last day off moves to the next weekday; at most a long
     * weekend with holidays (påsk: four days) lies between */
    for (int i = 0; i < 10; i++) {
        int y, m, d;
        if (sscanf(day, "%4d-%2d-%2d", &y, &m, &d) != 3) return false;
        if (!deadline_day_off(y, m, d)) {
            memcpy(out, day, 11);
            return true;
        }
        if (!date_add_days(day, 1, day)) return false;
    }
    return false;
}

/* Ordinary elections fall every fourth year since 1994 (1998, …, 2022, 2026); the new
 * fullmäktige's mandate runs from 15 October of that year (kommunallagen 5 kap. 5 §). An
 * extra election ends no period: those elected serve the rest of it. */
enum { ELECTION_BASE = 1994, ELECTION_EVERY = 4 };
static const char MANDATE_START[] = "10-15";

bool csl_mandate_period(const char *date, char start[11], char end[11], char name[10])
{
    if (!date_valid(date)) return false;
    int year = 0;
    if (sscanf(date, "%4d", &year) != 1 || year < ELECTION_BASE) return false;
    if (strcmp(date + 5, MANDATE_START) < 0) year--; /* before 15 October: the period before */
    int first = year - ((year - ELECTION_BASE) % ELECTION_EVERY + ELECTION_EVERY) % ELECTION_EVERY;
    if (first + ELECTION_EVERY > 9999) return false;
    /* four digits each (date_valid holds the year to four): the modulo says so to the
     * compiler */
    unsigned from = (unsigned)first % 10000u, to = (unsigned)(first + ELECTION_EVERY) % 10000u;
    snprintf(start, 11, "%04u-%s", from, MANDATE_START);
    snprintf(end, 11, "%04u-10-14", to);
    snprintf(name, 10, "%04u-%04u", from, to);
    return true;
}
