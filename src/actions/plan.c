/* plan.c - carry-over, follow-up and the changes since a decision (see plan.h). */
#include "plan.h"
#include "../core/util.h"
#include <string.h>
#include <stdio.h>

bool plan_unfinished(const char *status)
{
    return status && (!strcmp(status, "planned") || !strcmp(status, "ongoing"));
}

bool plan_carry_over(const plan_item *item, int year)
{
    return item->plan_year == year && plan_unfinished(item->status) && !item->carried_on;
}

/* days from 1970-01-01 of a valid "YYYY-MM-DD"; false otherwise */
static bool day_number(const char *date, long *out)
{
    int y, m, d;
    if (!date || strlen(date) != 10 || sscanf(date, "%4d-%2d-%2d", &y, &m, &d) != 3) return false;
    if (m < 1 || m > 12 || d < 1 || d > 31) return false;
    /* days from civil (Howard Hinnant's algorithm), independent of the time zone */
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    *out = era * 146097 + doe - 719468;
    return true;
}

followup_state plan_followup(const plan_item *item, const char *today)
{
    if (item->status && !strcmp(item->status, "done")) return FOLLOWUP_DONE;
    long end, now;
    if (!plan_unfinished(item->status) || !day_number(item->end_date, &end) ||
        !day_number(today, &now))
        return FOLLOWUP_NONE;
    if (end < now) return FOLLOWUP_LATE;
    if (end - now <= 30) return FOLLOWUP_DUE_SOON;
    return FOLLOWUP_NONE;
}

static const plan_item *find(const plan_item *items, int n, int64_t id)
{
    for (int i = 0; i < n; i++)
        if (items[i].id == id) return &items[i];
    return NULL;
}

int plan_diff(const plan_item *decided, int ndecided, const plan_item *now, int nnow,
              plan_change *out, int max)
{
    int n = 0;
    for (int i = 0; i < nnow && n < max; i++) {
        const plan_item *was = find(decided, ndecided, now[i].id);
        if (!was) {
            out[n++] = (plan_change){CHANGE_ADDED, now[i].id, &now[i], 0};
            continue;
        }
        unsigned f = 0;
        f |= str_same(was->title, now[i].title) ? 0 : PF_TITLE;
        f |= str_same(was->status, now[i].status) ? 0 : PF_STATUS;
        f |= str_same(was->priority, now[i].priority) ? 0 : PF_PRIORITY;
        f |= str_same(was->start_date, now[i].start_date) ? 0 : PF_START;
        f |= str_same(was->end_date, now[i].end_date) ? 0 : PF_END;
        f |= str_same(was->responsible_id, now[i].responsible_id) ? 0 : PF_RESPONSIBLE;
        f |= str_same(was->unit_id, now[i].unit_id) ? 0 : PF_UNIT;
        if (f) out[n++] = (plan_change){CHANGE_CHANGED, now[i].id, &now[i], f};
    }
    for (int i = 0; i < ndecided && n < max; i++)
        if (!find(now, nnow, decided[i].id))
            out[n++] = (plan_change){CHANGE_REMOVED, decided[i].id, &decided[i], 0};
    return n;
}
