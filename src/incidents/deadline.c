/* deadline.c - the legal clocks of an incident: a table of rules and the calendar
 * arithmetic they need. Pure: no database, no TZ, no current time. */
#include "deadline.h"
#include "../core/util.h"
#include <string.h>

const char *const deadline_codes[DL__COUNT] = {"imy", "csirt_early", "csirt_notification",
                                               "csirt_progress", "csirt_final"};

int deadline_from_code(const char *code)
{
    for (int i = 0; code && i < DL__COUNT; i++)
        if (strcmp(deadline_codes[i], code) == 0) return i;
    return -1;
}

/* The rules, as data: which answer a deadline hangs on, what it counts from, and its
 * length. Hours are elapsed hours (an instant plus n × 3600 s), through nights, weekends
 * and DST changes; only the displayed wall-clock time moves by an hour across a change.
 * Months follow lag (1930:173), in Stockholm calendar days. */
enum { NEEDS_PERSONAL, NEEDS_SIGNIFICANT };
enum {
    FROM_AWARE,        /* becoming aware */
    FROM_NOTIFICATION, /* the incident notification, sent or due */
    FROM_HANDLED,      /* the incident handled, when it went on past a month */
};
enum { ALWAYS, ONGOING_ONLY };
static const struct rule {
    deadline_kind kind;
    int needs;
    int from;
    int when;  /* ONGOING_ONLY: only for an incident still going on a month after */
    int hours; /* 0 for a period of months */
    int months;
} rules[DL__COUNT] = {
    {DL_IMY, NEEDS_PERSONAL, FROM_AWARE, ALWAYS, 72, 0},
    {DL_CSIRT_EARLY, NEEDS_SIGNIFICANT, FROM_AWARE, ALWAYS, 24, 0},
    {DL_CSIRT_NOTIFICATION, NEEDS_SIGNIFICANT, FROM_AWARE, ALWAYS, 72, 0},
    {DL_CSIRT_PROGRESS, NEEDS_SIGNIFICANT, FROM_NOTIFICATION, ONGOING_ONLY, 0, 1},
    /* from the notification; from handling when the incident went on past that month */
    {DL_CSIRT_FINAL, NEEDS_SIGNIFICANT, FROM_HANDLED, ALWAYS, 0, 1},
};

/* Day of the week, 0 = Sunday, of a Gregorian date (by timegm at noon, UTC). */
static int weekday(int year, int month, int day)
{
    struct tm tm = {.tm_year = year - 1900, .tm_mon = month - 1, .tm_mday = day, .tm_hour = 12};
    time_t t = timegm(&tm);
    gmtime_r(&t, &tm);
    return tm.tm_wday;
}

/* Days since 1970-01-01 and back, for moving whole days through month and year ends. */
static long day_number(int year, int month, int day)
{
    struct tm tm = {.tm_year = year - 1900, .tm_mon = month - 1, .tm_mday = day, .tm_hour = 12};
    return (long)(timegm(&tm) / 86400);
}

static void from_day_number(long n, int *year, int *month, int *day)
{
    time_t t = (time_t)n * 86400 + 43200;
    struct tm tm;
    gmtime_r(&t, &tm);
    *year = tm.tm_year + 1900;
    *month = tm.tm_mon + 1;
    *day = tm.tm_mday;
}

/* Easter Sunday (the anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
static long easter(int year)
{
    int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4, f = (b + 8) / 25,
        g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4,
        l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451,
        month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
    return day_number(year, month, day);
}

bool deadline_day_off(int year, int month, int day)
{
    int wd = weekday(year, month, day);
    if (wd == 0 || wd == 6) return true;
    static const struct {
        int month, day;
    } fixed[] = {
        {1, 1},   /* nyårsdagen */
        {1, 6},   /* trettondedag jul */
        {5, 1},   /* första maj */
        {6, 6},   /* nationaldagen */
        {12, 24}, /* julafton */
        {12, 25}, /* juldagen */
        {12, 26}, /* annandag jul */
        {12, 31}, /* nyårsafton */
    };
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
        if (fixed[i].month == month && fixed[i].day == day) return true;
    long n = day_number(year, month, day), e = easter(year);
    /* långfredag, annandag påsk, Kristi himmelsfärdsdag (påskdagen and pingstdagen are
     * Sundays) */
    if (n == e - 2 || n == e + 1 || n == e + 39) return true;
    /* midsommarafton: the Friday between 19 and 25 June (midsommardagen, the Saturday
     * after, and alla helgons dag, a Saturday, are weekend days already) */
    if (month == 6 && day >= 19 && day <= 25 && wd == 5) return true;
    return false;
}

void deadline_month_end_day(int year, int month, int day, int months, int *out_year, int *out_month,
                            int *out_day)
{
    int m0 = (month - 1) + months;
    int y = year + m0 / 12, m = m0 % 12 + 1;
    int d = day <= days_in_month(y, m) ? day : days_in_month(y, m);
    long n = day_number(y, m, d);
    while (deadline_day_off(y, m, d))
        from_day_number(++n, &y, &m, &d);
    *out_year = y;
    *out_month = m;
    *out_day = d;
}

/* A period of months ends at the end of its last day in Stockholm: 23:59:59 local. */
static time_t months_after(time_t from, int months)
{
    time_t local = from + time_stockholm_offset(from);
    struct tm tm;
    gmtime_r(&local, &tm);
    int y, m, d;
    deadline_month_end_day(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, months, &y, &m, &d);
    return time_from_stockholm(y, m, d, 23, 59, 59);
}

int deadlines_compute(const deadline_facts *f, deadline out[DL__COUNT])
{
    int n = 0;
    time_t notification = f->notification_sent
                              ? f->notification_sent
                              : f->aware + (time_t)rules[DL_CSIRT_NOTIFICATION].hours * 3600;
    time_t month_after = months_after(notification, 1);
    /* still going on at the final report's date: handled after it, or a progress report
     * sent (the handler's answer while the handling time is not yet recorded) */
    bool ongoing = f->handled ? f->handled > month_after : f->progress_sent != 0;
    for (int i = 0; i < DL__COUNT; i++) {
        const struct rule *rule = &rules[i];
        if (!(rule->needs == NEEDS_PERSONAL ? f->personal_breach : f->significant)) continue;
        if (rule->when == ONGOING_ONLY && !ongoing) continue;
        time_t start = rule->from == FROM_AWARE ? f->aware : notification;
        bool provisional = rule->from != FROM_AWARE && !f->notification_sent;
        if (rule->from == FROM_HANDLED && ongoing) {
            if (!f->handled) {
                /* its date is unknown until the incident is handled: the progress
                 * report (just before) says so */
                if (n > 0 && out[n - 1].kind == DL_CSIRT_PROGRESS)
                    out[n - 1].final_waits_handled = true;
                continue;
            }
            start = f->handled;
            provisional = false;
        }
        deadline *d = &out[n++];
        *d = (deadline){.kind = rule->kind, .start = start, .provisional = provisional};
        d->due =
            rule->months ? months_after(start, rule->months) : start + (time_t)rule->hours * 3600;
        d->ask_ongoing = rule->kind == DL_CSIRT_FINAL && !f->handled && !ongoing;
    }
    return n;
}

/* Amber when less than a quarter of the window or less than 12 hours is left. */
time_t deadline_amber_from(const deadline *d)
{
    time_t window = d->due - d->start, margin = window / 4 > 12 * 3600 ? window / 4 : 12 * 3600;
    return d->due - margin;
}

deadline_state deadline_state_at(const deadline *d, time_t now, time_t sent_at)
{
    if (sent_at) return sent_at > d->due ? DS_SENT_LATE : DS_SENT;
    if (now > d->due) return DS_RED;
    /* the window's quarter, in whole seconds, as before: left * 4 < window */
    time_t left = d->due - now, window = d->due - d->start;
    if (left < 12 * 3600 || left * 4 < window) return DS_AMBER;
    return DS_OK;
}
