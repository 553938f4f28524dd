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

int national_dealt_level(int rank, int yes)
{
    /* cumulative per cent of levels 1, 2, 3 (4 takes the rest) */
    static const int upto[] = {50, 80, 95};
    for (int level = 0; level < 3; level++)
        if (rank * 100 < yes * upto[level]) return level + 1;
    return 4;
}
