/* bia.c - the impact grid, the MTPD that follows from it, and its agreement with the
 * availability classification (bia.h says the rules). */
#include "bia.h"
#include <string.h>

const char *const bia_kind_codes[BIA_KINDS] = {"life_health", "duties", "money", "trust",
                                               "personal_data"};
const char *const bia_point_codes[BIA_POINTS] = {"1", "4", "24", "72", "168"};
const int bia_point_hours[BIA_POINTS] = {1, 4, 24, 72, 168};

static int index_of(const char *const *codes, int n, const char *code)
{
    for (int i = 0; code && i < n; i++)
        if (!strcmp(codes[i], code)) return i;
    return -1;
}

int bia_kind_index(const char *code)
{
    return index_of(bia_kind_codes, BIA_KINDS, code);
}

int bia_point_index(const char *code)
{
    return index_of(bia_point_codes, BIA_POINTS, code);
}

void bia_grid_carry(bia_grid *g)
{
    for (int k = 0; k < BIA_KINDS; k++)
        for (int p = 1; p < BIA_POINTS; p++)
            if (g->level[k][p] < g->level[k][p - 1]) g->level[k][p] = g->level[k][p - 1];
}

bia_mtpd bia_mtpd_of(const bia_grid *g, int unacceptable)
{
    bia_mtpd m = {0};
    if (unacceptable < 1) return m;
    for (int p = 0; p < BIA_POINTS; p++)
        for (int k = 0; k < BIA_KINDS; k++)
            if (g->level[k][p] >= unacceptable)
                return (bia_mtpd){true, bia_point_hours[p], k, g->level[k][p]};
    return m;
}

/* The MTPD band of each T level, in hours: more than low, at most high (0 = no bound). */
static const struct {
    int low, high;
} bands[] = {{24, 0}, {24, 0}, {4, 168}, {0, 24}, {0, 4}};

bia_availability bia_check_availability(int t_level, const bia_mtpd *m)
{
    if (t_level < 0 || t_level > 4) return BIA_T_INVALID;
    int high = bands[t_level].high, low = bands[t_level].low;
    if (!m->reached) return high ? BIA_T_ASKS_MORE : BIA_T_AGREES;
    if (high && m->hours > high) return BIA_T_ASKS_MORE;
    if (m->hours <= low) return BIA_T_ASKS_LESS;
    return BIA_T_AGREES;
}
