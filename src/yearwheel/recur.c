/* recur.c - when a tenant's own recurring duty falls in a year (yearwheel.h); pure. */
#include "yearwheel.h"
#include "../core/util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_EVERY_MONTHS = 24 };

/* A whole number in [min, max] from text, or -1. */
static int small_int(const char *s, int min, int max)
{
    if (!s || !*s) return -1;
    char *end;
    long v = strtol(s, &end, 10);
    return *end || v < min || v > max ? -1 : (int)v;
}

const char *duty_rule_problem(const char *recurrence, const char *month, const char *day,
                              const char *every_months, const char *starts_on)
{
    if (recurrence && !strcmp(recurrence, "months")) {
        if (small_int(every_months, 1, MAX_EVERY_MONTHS) < 0) return "every_months";
        return starts_on && date_valid(starts_on) ? NULL : "starts_on";
    }
    int m = small_int(month, 1, 12);
    if (m < 0) return "month";
    /* 29 February is a yearly date too: in other years it falls on the 28th */
    return small_int(day, 1, m == 2 ? 29 : days_in_month(2025, m)) < 0 ? "day" : NULL;
}

static void put_date(char out[11], int year, int month, int day)
{
    int last = days_in_month(year, month);
    /* callers keep year to 1900-9999, month to 1-12, day to 1-31: ten characters */
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)year % 10000u, (unsigned)month % 100u,
             (unsigned)(day < last ? day : last) % 100u);
}

int duty_dates_in_year(const char *recurrence, int month, int day, int every_months,
                       const char *starts_on, int year, char (*out)[11], int max)
{
    if (year < 1900 || year > 9999 || max < 0) return -1;
    if (recurrence && !strcmp(recurrence, "months")) {
        int sy, sm, sd;
        if (every_months < 1 || every_months > MAX_EVERY_MONTHS || !starts_on ||
            !date_valid(starts_on) || sscanf(starts_on, "%4d-%2d-%2d", &sy, &sm, &sd) != 3)
            return -1;
        /* months counted from the start; the first one in the year is the start itself or
         * a whole number of steps after it */
        long first = (long)sy * 12 + (sm - 1), from = (long)year * 12;
        long k = from <= first ? 0 : (from - first + every_months - 1) / every_months;
        int n = 0;
        for (long at = first + k * every_months; at < from + 12 && n < max; at += every_months)
            put_date(out[n++], (int)(at / 12), (int)(at % 12) + 1, sd);
        return n;
    }
    if (month < 1 || month > 12 || day < 1 || day > 31) return -1;
    if (max < 1) return 0;
    put_date(out[0], year, month, day);
    return 1;
}
