/* priority.c - the order of a forum meeting's matters (see priority.h). */
#include "priority.h"
#include <stdlib.h>
#include <string.h>

static const char *const kind_codes[FK__COUNT] = {"incident", "risk", "action", "free"};

forum_kind forum_kind_from_code(const char *code)
{
    for (int i = 0; code && i < FK__COUNT; i++)
        if (strcmp(kind_codes[i], code) == 0) return (forum_kind)i;
    return FK__COUNT;
}

const char *forum_kind_code(forum_kind k)
{
    return k >= 0 && k < FK__COUNT ? kind_codes[k] : NULL;
}

risk_level forum_risk_level(const char *status, const char *level, const char *residual_level)
{
    if (!status || !strcmp(status, "closed")) return LEVEL_INVALID;
    bool in_place = !strcmp(status, "treated") || !strcmp(status, "accepted");
    risk_level residual = risk_level_from_code(residual_level);
    if (in_place && residual != LEVEL_INVALID) return residual;
    return risk_level_from_code(level);
}

int forum_incident_severity(const char *severity)
{
    static const char *const codes[] = {"low", "medium", "high", "critical"};
    for (int i = 0; severity && i < 4; i++)
        if (!strcmp(codes[i], severity)) return i + 1;
    return 0;
}

int forum_seriousness(const forum_prio *p)
{
    switch (p->kind) {
    case FK_INCIDENT:
        if (p->open_clocks > 0 || p->clock_overdue) return 5;
        return p->severity >= 1 && p->severity <= 4 ? p->severity : 1;
    case FK_RISK:
        return p->level >= LEVEL_LOW && p->level <= LEVEL_VERY_HIGH ? (int)p->level + 1 : 1;
    case FK_ACTION:
        return p->days_late > 0 ? 2 : 1;
    default:
        return 0;
    }
}

static int compare(const void *a_, const void *b_)
{
    const forum_prio *a = a_, *b = b_;
    if (a->seriousness != b->seriousness) return b->seriousness - a->seriousness;
    if (a->kind != b->kind) return (int)a->kind - (int)b->kind;
    if (a->clock_overdue != b->clock_overdue) return a->clock_overdue ? -1 : 1;
    if (a->days_late != b->days_late) return b->days_late > a->days_late ? 1 : -1;
    if (a->position != b->position) return a->position < b->position ? -1 : 1;
    return a->id < b->id ? -1 : a->id > b->id;
}

void forum_prioritise(forum_prio *items, int n)
{
    for (int i = 0; i < n; i++)
        items[i].seriousness = forum_seriousness(&items[i]);
    if (n > 1) qsort(items, (size_t)n, sizeof items[0], compare);
}
