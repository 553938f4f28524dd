/* trends_rules.c - the pure part of the trends (trends.h): quarters of the calendar year
 * by the Stockholm date, and the geometry of the small bar charts. */
#include "trends.h"
#include "../core/util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const trend_figure_info trend_figure_infos[TF__COUNT] = {
    [TF_RISKS_LOW] = {"risks_low", TR_READ_RISKS},
    [TF_RISKS_MEDIUM] = {"risks_medium", TR_READ_RISKS},
    [TF_RISKS_HIGH] = {"risks_high", TR_READ_RISKS},
    [TF_RISKS_VERY_HIGH] = {"risks_very_high", TR_READ_RISKS},
    [TF_ACTIONS_OPEN] = {"actions_open", TR_READ_ACTIONS},
    [TF_ACTIONS_LATE] = {"actions_late", TR_READ_ACTIONS},
    [TF_OBJECTS] = {"objects", TR_READ_ANY},
    [TF_OBJECTS_ANALYSED] = {"objects_analysed", TR_READ_ANALYSES},
    [TF_ASSETS] = {"assets", TR_READ_ANY},
    [TF_ASSETS_CLASSIFIED] = {"assets_classified", TR_READ_ANY},
    [TF_INCIDENTS] = {"incidents", TR_READ_INCIDENTS},
    [TF_DEADLINES_MET] = {"deadlines_met", TR_READ_INCIDENTS},
    [TF_DEADLINES_LATE] = {"deadlines_late", TR_READ_INCIDENTS},
    [TF_TRAINING_PEOPLE] = {"training_people", TR_READ_TRAINING},
    [TF_TRAINING_DONE] = {"training_done", TR_READ_TRAINING},
};

/* year and quarter (1–4) of "YYYY-Qn"; false when it is not one */
static bool parse_quarter(const char *quarter, int *year, int *q)
{
    if (!quarter || strlen(quarter) != 7 || quarter[4] != '-' || quarter[5] != 'Q' ||
        quarter[6] < '1' || quarter[6] > '4')
        return false;
    for (int i = 0; i < 4; i++)
        if (quarter[i] < '0' || quarter[i] > '9') return false;
    *year = atoi(quarter);
    *q = quarter[6] - '0';
    return *year >= 1;
}

static void write_quarter(int year, int q, char out[8])
{
    snprintf(out, 8, "%04u-Q%u", (unsigned)year % 10000u, (unsigned)q % 10u);
}

bool trend_quarter_of(const char *date, char quarter[8])
{
    char day[11];
    if (!date || strlen(date) < 10) return false;
    memcpy(day, date, 10);
    day[10] = 0;
    if (!date_valid(day)) return false;
    int month = atoi(day + 5);
    write_quarter(atoi(day), (month - 1) / 3 + 1, quarter);
    return true;
}

bool trend_quarter_bounds(const char *quarter, char first[11], char last[11])
{
    static const char *const ends[] = {"03-31", "06-30", "09-30", "12-31"};
    int year, q;
    if (!parse_quarter(quarter, &year, &q)) return false;
    snprintf(first, 11, "%04u-%02u-01", (unsigned)year % 10000u, (unsigned)(q * 3 - 2) % 100u);
    snprintf(last, 11, "%04u-%s", (unsigned)year % 10000u, ends[q - 1]);
    return true;
}

bool trend_quarter_step(const char *quarter, int steps, char out[8])
{
    int year, q;
    if (!parse_quarter(quarter, &year, &q) || steps < -40000 || steps > 40000) return false;
    int index = year * 4 + (q - 1) + steps;
    if (index < 4 || index / 4 > 9999) return false;
    write_quarter(index / 4, index % 4 + 1, out);
    return true;
}

void trend_today(time_t t, char today[11], char quarter[8])
{
    time_t local = t + time_stockholm_offset(t);
    struct tm tm;
    gmtime_r(&local, &tm);
    snprintf(today, 11, "%04u-%02u-%02u", (unsigned)(tm.tm_year + 1900) % 10000u,
             (unsigned)(tm.tm_mon + 1) % 100u, (unsigned)tm.tm_mday % 100u);
    trend_quarter_of(today, quarter);
}

int trend_percent(int part, int whole)
{
    if (whole <= 0) return -1;
    return (int)(((long long)part * 200 + whole) / (2LL * whole));
}

void trend_chart_layout(const int *values, int n, int max, trend_bar *bars)
{
    if (n < 1) return;
    if (n > TREND_QUARTERS) n = TREND_QUARTERS;
    int slot = TREND_CHART_WIDTH / TREND_QUARTERS, width = slot * 2 / 3;
    int base = TREND_TOP + TREND_BAR_AREA;
    for (int i = 0; i < n; i++) {
        int v = values[i], h = 0;
        if (v > 0 && max > 0) {
            h = (int)(((long long)(v > max ? max : v) * TREND_BAR_AREA + max / 2) / max);
            if (h < 1) h = 1;
        }
        bars[i].x = i * slot + (slot - width) / 2;
        bars[i].width = width;
        bars[i].height = h;
        bars[i].y = base - h;
        bars[i].label_y = base - h - 4;
    }
}

void trend_select_sql(buf *sql)
{
    buf_puts(sql, "SELECT quarter, counted_on");
    for (int i = 0; i < TF__COUNT; i++)
        buf_printf(sql, ", %s", trend_figure_infos[i].column);
    buf_puts(sql, " FROM trend_snapshot WHERE tenant_id = $1 AND counted_on IS NOT NULL");
}
