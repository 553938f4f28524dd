/* maturity_areas.c - seed 003's ten areas and 2019 shares, and MSB's level names, as a
 * table: the national view and the tenant's profile read them from here only. Source:
 * SKR, "Kommunernas informationssäkerhetsarbete" (survey 2019), as summarised in
 * ../shared/DOMAIN.md: yes-shares CISO 6/10, information to management 3/10, action plan
 * 2/10, risks 5/10, classification 5/10, incidents 6/10, continuity 4/10, awareness 5/10,
 * procurement 3/10, follow-up 2/10. Past level 1 (the survey's "Mognadsnivån" figures, which
 * count every kommun, a "no" at level 1; the survey measured levels 1 and 2 only): management
 * 1/10 ("nästan 9 av 10" at level 1), action plan 1/10, risks 3/10 ("nästan 7 av 10" at 1),
 * classification 4/10 ("nästan 4 av 10" at level 2), incidents 4/10, continuity 3/10 ("mer
 * än 7 av 10" at 1), awareness 3/10, procurement 2/10, follow-up 1/10. The CISO question
 * has no level figure (it asks for the CISO's time): half its yes-sayers, 3/10, is ours. */
#include "maturity_areas.h"
#include <string.h>

const maturity_area maturity_areas[MATURITY_AREAS] = {
    {"ciso", TR_mat_area_ciso, 6, 3},
    {"management_info", TR_mat_area_management_info, 3, 1},
    {"action_plan", TR_mat_area_action_plan, 2, 1},
    {"risks", TR_mat_area_risks, 5, 3},
    {"classification", TR_mat_area_classification, 5, 4},
    {"incidents", TR_mat_area_incidents, 6, 4},
    {"continuity", TR_mat_area_continuity, 4, 3},
    {"awareness", TR_mat_area_awareness, 5, 3},
    {"procurement", TR_mat_area_procurement, 3, 2},
    {"followup", TR_mat_area_followup, 2, 1},
};

const maturity_area *maturity_area_of(const char *code)
{
    for (int i = 0; code && i < MATURITY_AREAS; i++)
        if (!strcmp(maturity_areas[i].code, code)) return &maturity_areas[i];
    return NULL;
}

int maturity_national_mean_hundredths(void)
{
    int tenths = 0;
    for (int i = 0; i < MATURITY_AREAS; i++)
        tenths += maturity_areas[i].national_yes_tenths;
    return tenths * 10;
}

tr_key maturity_level_label(int level)
{
    static const tr_key names[MATURITY_LEVELS] = {TR_mat_level_1, TR_mat_level_2, TR_mat_level_3,
                                                  TR_mat_level_4};
    return level >= 1 && level <= MATURITY_LEVELS ? names[level - 1] : 0;
}
