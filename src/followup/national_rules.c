/* national_rules.c - suppression of small cells and seed 003's distribution dealt out
 * (national_rules.h). */
#include "national_rules.h"

bool national_cell_visible(int tenants)
{
    return tenants >= NATIONAL_MIN_TENANTS;
}

int national_suppress(const int *tenants, int n, cell_state *state)
{
    int hidden = 0, hidden_tenants = 0;
    for (int i = 0; i < n; i++) {
        state[i] = tenants[i] <= 0                     ? CELL_EMPTY
                   : national_cell_visible(tenants[i]) ? CELL_SHOWN
                                                       : CELL_FEW;
        if (state[i] == CELL_FEW) hidden++, hidden_tenants += tenants[i];
    }
    while (hidden_tenants > 0 && hidden_tenants < NATIONAL_MIN_TENANTS) {
        int smallest = -1;
        for (int i = 0; i < n; i++)
            if (state[i] == CELL_SHOWN && (smallest < 0 || tenants[i] < tenants[smallest]))
                smallest = i;
        if (smallest < 0) break; /* nothing left to hide: the total is then hidden too */
        state[smallest] = CELL_COMPLEMENT;
        hidden++;
        hidden_tenants += tenants[smallest];
    }
    return hidden;
}

/* round(n × tenths / 10), halves up */
static int share_of(int n, int tenths)
{
    return (n * tenths + 5) / 10;
}

bool national_dealt_yes(int rank, int n, int tenths)
{
    return rank >= 0 && rank < share_of(n, tenths);
}

int national_dealt_level(int rank, int n, int level2_tenths)
{
    return rank >= 0 && rank < share_of(n, level2_tenths) ? 2 : 1;
}

int national_share_permille(int count, int base, int base_tenants)
{
    if (base <= 0 || count < 0 || count > base || !national_cell_visible(base_tenants)) return -1;
    return (int)(((long long)count * 1000 + base / 2) / base);
}

bool national_coverage_reached(int classified, int assets)
{
    return assets > 0 && classified >= 0 &&
           (long long)classified * 100 >= (long long)assets * NATIONAL_COVERAGE_MARK;
}
