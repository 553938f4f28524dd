/* law.h - Cybersäkerhetslagen's duties of an organisation, as pure functions of dates and
 * answers (SFS 2025:1506, checked 2026-11-25; see ../shared DOMAIN.md "The law, precisely").
 *
 * Who is covered, and how (1 kap. 3-9 §§): every kommun, region and kommunalförbund, a
 * *väsentlig* entity when larger than a medium-sized enterprise, otherwise *viktig*
 * (1 kap. 9 §); a kommunalt bolag only through the sector and size rules (1 kap. 4-7 §§):
 * a large enterprise in a sector of high criticality is väsentlig, a large one in another
 * critical sector or a medium-sized one in either is viktig, a small one or one outside the
 * sectors is not covered. Registered facts changed are reported within 14 days (2 kap.
 * 2 §); the last day follows lag (1930:173) om beräkning av lagstadgad tid. Management is
 * trained in cybersecurity (2 kap. 4 §): lis asks for it once per mandate period, which
 * runs four years from 15 October of the ordinary election year (kommunallagen 5 kap.
 * 5 §). The rules are the tables in law.c. */
#ifndef LIS_CSL_LAW_H
#define LIS_CSL_LAW_H
#include <stdbool.h>

enum { CSL_REPORT_CHANGE_DAYS = 14 };

/* The last day to report a change made on changed_on (YYYY-MM-DD): 14 days later, or when
 * that is a Saturday, Sunday, public holiday, midsommarafton, julafton or nyårsafton the
 * next weekday. false for a date that is not valid. */
bool csl_change_due(const char *changed_on, char out[11]);

/* The mandate period that holds date: its first and last day ("2026-10-15",
 * "2030-10-14") and its name ("2026-2030"). false for a date that is not valid. */
bool csl_mandate_period(const char *date, char start[11], char end[11], char name[10]);

/* What makes a status wrong for an organisation. */
typedef enum csl_problem {
    CSL_OK,
    CSL_REASON_UNKNOWN,    /* no such reason */
    CSL_REASON_WRONG_KIND, /* a kommun's reason for a bolag, or the other way round */
    CSL_SECTOR_NEEDED,     /* a bolag covered by its sector names the sector */
    CSL_SECTOR_UNKNOWN,    /* no such sector */
    CSL_SECTOR_NOT_WANTED, /* "outside the sectors" names one */
} csl_problem;

/* The status ("vasentlig", "viktig", "ej_omfattad") that the reason gives an organisation
 * of unit_kind ("organisation", "forbund", "koncern", "bolag") in sector (a code of
 * csl_sectors, NULL when none); NULL with *problem set when they do not fit together. */
const char *csl_status_of(const char *reason, const char *sector, const char *unit_kind,
                          csl_problem *problem);

/* Is a unit of this kind an organisation of its own under the law (a kommun, a region's or
 * kommun's root, a kommunalförbund, a bolag or its koncern)? */
bool csl_organisation_kind(const char *unit_kind);

/* The reasons and sectors, in their order (codes), each ended by NULL. */
extern const char *const csl_reason_codes[];
extern const char *const csl_sector_codes[];
#endif
