/* maturity_areas.c - seed 003's ten areas and 2019 shares, and MSB's level names, as a
 * table: the national view and the tenant's profile read them from here only. Source:
 * SKR, "Kommunernas informationssäkerhetsarbete" (survey 2019), as summarised in
 * ../shared/DOMAIN.md: yes-shares CISO 6/10, information to management 3/10, action plan
 * 2/10, risks 5/10, classification 5/10, incidents 6/10, continuity 4/10, awareness 5/10,
 * procurement 3/10, follow-up 2/10. */
#include "maturity_areas.h"
#include <string.h>

const maturity_area maturity_areas[MATURITY_AREAS] = {
    {"ciso", TR_mat_area_ciso, 6},
    {"management_info", TR_mat_area_management_info, 3},
    {"action_plan", TR_mat_area_action_plan, 2},
    {"risks", TR_mat_area_risks, 5},
    {"classification", TR_mat_area_classification, 5},
    {"incidents", TR_mat_area_incidents, 6},
    {"continuity", TR_mat_area_continuity, 4},
    {"awareness", TR_mat_area_awareness, 5},
    {"procurement", TR_mat_area_procurement, 3},
    {"followup", TR_mat_area_followup, 2},
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
