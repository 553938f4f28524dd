/* maturity_areas.h - the ten areas of SKR's 2019 survey of the kommuner's information
 * security work (seed 003) and the share of kommuner that answered yes in each, the
 * national baseline a kommun places itself against; and MSB's maturity levels 1–4
 * (cumulative: a level includes the ones below it). Pure data and functions; no database. */
#ifndef LIS_FOLLOWUP_MATURITY_AREAS_H
#define LIS_FOLLOWUP_MATURITY_AREAS_H
#include "../core/i18n.h"

enum { MATURITY_AREAS = 10, MATURITY_LEVELS = 4 };

typedef struct maturity_area {
    const char *code; /* stored in maturity_answer.area */
    tr_key label;
    int national_yes_tenths; /* kommuner answering yes in 2019, in tenths: 6 = 6 of 10 */
    /* kommuner past MSB level 1 in 2019 (at level 2: the survey measured only levels 1 and
     * 2), in tenths of all kommuner: "nästan 9 av 10 befinner sig på nivå 1" is 1 */
    int national_level2_tenths;
} maturity_area;

extern const maturity_area maturity_areas[MATURITY_AREAS];

/* The area of a code, or NULL. */
const maturity_area *maturity_area_of(const char *code);
/* The national mean of areas answered yes in 2019, in hundredths of an area (410 = 4.1 of
 * 10): the sum of the shares. */
int maturity_national_mean_hundredths(void);
/* MSB's name of a level 1–4 ("Definierad"), 0 outside. */
tr_key maturity_level_label(int level);
struct ms_suggestion;
/* One area of the year's profile: the tenant's answer (if any) beside 2019's share, and the
 * level lis suggests from its own data (maturity_suggest.h). */
typedef struct maturity_row {
    const maturity_area *area;
    const char *id; /* the answer's id, NULL when the area is not answered */
    int answer;     /* -1 not answered, 0 no, 1 yes */
    int level;      /* 1–4 with a yes */
    const char *level_text;
    const struct ms_suggestion *suggestion;
    const char *suggested_text; /* "2 – Definierad, delvis tillämpad", or "Nej" */
} maturity_row;

#endif
