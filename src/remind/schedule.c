/* schedule.c - which reminders are due (remind.h); pure. The rules per kind are the table
 * below: how long before a duty falls due a person is told (30, 7 and 1 days for most; a
 * week and a day for what comes round often), what is told at once (an incident task, a
 * classification waiting for its owner), and the legal clocks, which nobody can
 * unsubscribe from and which are told at once when less than a quarter of their time is
 * left with no notification registered. Times are Europe/Stockholm by the EU rule
 * (time_from_stockholm), so "1 day before at 07:00" is 07:00 on Swedish clocks on either
 * side of a change of summer time. */
#include "remind.h"
#include "../core/util.h"
#include <stdio.h>
#include <string.h>

static const remind_rule rules[RK__COUNT] = {
    [RK_ACTION] = {RK_ACTION, RM_BEFORE, {30, 7, 1}, false},
    [RK_CLS_REVIEW] = {RK_CLS_REVIEW, RM_BEFORE, {30, 7, 1}, false},
    [RK_PLAN_TEST] = {RK_PLAN_TEST, RM_BEFORE, {30, 7, 1}, false},
    [RK_RSA] = {RK_RSA, RM_BEFORE, {30, 7, 1}, false},
    [RK_BIA_REVIEW] = {RK_BIA_REVIEW, RM_BEFORE, {30, 7, 1}, false},
    [RK_RISK_REVIEW] = {RK_RISK_REVIEW, RM_BEFORE, {30, 7, 1}, false},
    [RK_DOC_REVIEW] = {RK_DOC_REVIEW, RM_BEFORE, {30, 7, 1}, false},
    /* remediation deadlines are short; a month's notice would be most of them */
    [RK_SCAN_FINDING] = {RK_SCAN_FINDING, RM_BEFORE, {7, 1}, false},
    [RK_AUDIT] = {RK_AUDIT, RM_BEFORE, {30, 7, 1}, false},
    /* a notice date missed binds the kommun for another period: told early */
    [RK_AGREEMENT] = {RK_AGREEMENT, RM_BEFORE, {30, 7, 1}, false},
    [RK_MEETING] = {RK_MEETING, RM_BEFORE, {7, 1}, false},
    [RK_OTHER] = {RK_OTHER, RM_BEFORE, {30, 7, 1}, false},
    [RK_LEGAL_CLOCK] = {RK_LEGAL_CLOCK, RM_CLOCK, {0}, true},
    [RK_INCIDENT_TASK] = {RK_INCIDENT_TASK, RM_AT_ONCE, {0}, false},
    [RK_CLS_DECISION] = {RK_CLS_DECISION, RM_AT_ONCE, {0}, false},
};

const remind_rule *remind_rule_of(remind_kind kind)
{
    return &rules[kind >= 0 && kind < RK__COUNT ? kind : RK_OTHER];
}

/* The start page's kinds of item (todo.h) and the kinds above. */
static const struct {
    tr_key what;
    remind_kind kind;
} kinds_by_what[] = {
    {TR_todo_what_action, RK_ACTION},
    {TR_todo_what_cls_review, RK_CLS_REVIEW},
    {TR_todo_what_cls_draft, RK_CLS_DECISION},
    {TR_todo_what_plan_test, RK_PLAN_TEST},
    {TR_todo_what_rsa, RK_RSA},
    {TR_todo_what_bia_review, RK_BIA_REVIEW},
    {TR_todo_what_risk_review, RK_RISK_REVIEW},
    {TR_todo_what_doc_review, RK_DOC_REVIEW},
    {TR_todo_what_scan_finding, RK_SCAN_FINDING},
    {TR_fu_todo_audit, RK_AUDIT},
    {TR_todo_what_agreement_notice, RK_AGREEMENT},
    {TR_todo_what_agreement_end, RK_AGREEMENT},
    {TR_todo_what_meeting, RK_MEETING},
    {TR_todo_what_present, RK_MEETING},
    {TR_todo_what_incident_task, RK_INCIDENT_TASK},
};

remind_kind remind_kind_of(todo_group group, tr_key what)
{
    if (group == TODO_CLOCKS) return RK_LEGAL_CLOCK;
    for (size_t i = 0; i < sizeof kinds_by_what / sizeof kinds_by_what[0]; i++)
        if (kinds_by_what[i].what == what) return kinds_by_what[i].kind;
    return RK_OTHER;
}

/* 07:00 Stockholm on date plus days; false when date is no date. */
static bool morning_of(const char *date, int days, time_t *out)
{
    char d[11];
    int y, m, dd;
    if (!date_add_days(date, days, d) || sscanf(d, "%4d-%2d-%2d", &y, &m, &dd) != 3) return false;
    *out = time_from_stockholm(y, m, dd, REMIND_HOUR, 0, 0);
    return true;
}

/* The Stockholm date of a due value and, for a time, the instant: a date falls due when
 * its day has passed (the next midnight), a time at that moment. */
static bool due_of(const char *due, char date[11], time_t *falls_due, bool *timed)
{
    if (!due) return false;
    if (strlen(due) == 10) {
        if (!date_valid(due)) return false;
        memcpy(date, due, 11);
        char next[11];
        int y, m, d;
        if (!date_add_days(due, 1, next) || sscanf(next, "%4d-%2d-%2d", &y, &m, &d) != 3)
            return false;
        *falls_due = time_from_stockholm(y, m, d, 0, 0, 0);
        *timed = false;
        return true;
    }
    if (!time_parse_iso(due, falls_due)) return false;
    time_t local = *falls_due + time_stockholm_offset(*falls_due);
    struct tm tm;
    gmtime_r(&local, &tm);
    snprintf(date, 11, "%04u-%02u-%02u", (unsigned)(tm.tm_year + 1900) % 10000u,
             (unsigned)(tm.tm_mon + 1) % 100u, (unsigned)tm.tm_mday % 100u);
    *timed = true;
    return true;
}

/* Overdue since falls_due: the first reminder at 07:00 the day after a date (at once for a
 * time: the moment has passed), then each week; false while not overdue. */
static bool overdue_stage(const char *date, time_t falls_due, bool timed, time_t now, int *week,
                          time_t *at)
{
    if (now < falls_due) return false;
    time_t first = falls_due;
    if (!timed && !morning_of(date, 1, &first)) return false;
    if (now < first) return false;
    /* weeks counted in Stockholm mornings, so a week is 07:00 to 07:00 across a change.
     * A week of mornings is 7 days give or take the hour a change of time moves it: start
     * one week short of the plain count, which can never be past now, and step from there
     * (an action overdue for years is not walked week by week on every start page). */
    time_t week_s = (time_t)REMIND_OVERDUE_DAYS * 86400;
    int k = now - first > 2 * week_s ? (int)((now - first) / week_s) - 1 : 0;
    if (k > 5200) k = 5200;
    time_t next;
    for (;;) {
        if (timed) {
            next = first + (time_t)(k + 1) * REMIND_OVERDUE_DAYS * 86400;
        } else if (!morning_of(date, 1 + (k + 1) * REMIND_OVERDUE_DAYS, &next)) {
            return false;
        }
        if (next > now || k > 5200) break;
        k++;
    }
    *week = k;
    if (timed)
        *at = first + (time_t)k * REMIND_OVERDUE_DAYS * 86400;
    else if (!morning_of(date, 1 + k * REMIND_OVERDUE_DAYS, at))
        return false;
    return true;
}

int remind_schedule(const remind_item *items, int n, const remind_pref *pref, time_t now,
                    remind_due *out, int max)
{
    int count = 0;
    for (int i = 0; i < n && count < max; i++) {
        const remind_item *it = &items[i];
        const remind_rule *rule = remind_rule_of(it->kind);
        if (pref->unsubscribed && !rule->legal) continue;
        char date[11];
        time_t falls_due = 0, at = 0;
        bool timed = false, dated = due_of(it->due, date, &falls_due, &timed);
        remind_due d = {.item = i};
        bool found = false;
        int week = 0;
        switch (rule->mode) {
        case RM_CLOCK: {
            time_t start;
            if (it->notified || !dated || !timed || !it->from || !time_parse_iso(it->from, &start))
                break;
            if (overdue_stage(date, falls_due, true, now, &week, &at)) {
                d.reason = RR_OVERDUE;
                d.n = week;
                found = true;
                break;
            }
            /* less than a quarter of the time left: from start + 3/4 of the span */
            time_t quarter = falls_due - (falls_due - start) / 4;
            if (now >= quarter && now >= start) {
                d.reason = RR_CLOCK;
                at = quarter;
                found = true;
            }
            break;
        }
        case RM_AT_ONCE:
            if (dated && overdue_stage(date, falls_due, timed, now, &week, &at)) {
                d.reason = RR_OVERDUE;
                d.n = week;
            } else {
                d.reason = RR_AT_ONCE;
                at = now;
            }
            found = true;
            break;
        case RM_BEFORE:
            if (!dated) break;
            if (overdue_stage(date, falls_due, timed, now, &week, &at)) {
                d.reason = RR_OVERDUE;
                d.n = week;
                found = true;
                break;
            }
            if (now >= falls_due) break; /* fallen due, the overdue reminder not yet */
            /* the latest stage reached: the smallest lead whose morning has come */
            for (int k = 0; k < REMIND_MAX_LEADS && rule->lead_days[k] > 0; k++) {
                time_t morning;
                if (!morning_of(date, -rule->lead_days[k], &morning)) break;
                if (morning <= now) {
                    d.reason = RR_BEFORE;
                    d.n = rule->lead_days[k];
                    at = morning;
                    found = true;
                }
            }
            break;
        }
        if (!found) continue;
        d.at = at;
        bool urgent = rule->mode != RM_BEFORE;
        d.single = urgent || pref->immediate;
        switch (d.reason) {
        case RR_BEFORE:
            snprintf(d.key, sizeof d.key, "b%d", d.n);
            break;
        case RR_OVERDUE:
            snprintf(d.key, sizeof d.key, "o%d", d.n);
            break;
        case RR_AT_ONCE:
            snprintf(d.key, sizeof d.key, "now");
            break;
        case RR_CLOCK:
            snprintf(d.key, sizeof d.key, "q");
            break;
        }
        out[count++] = d;
    }
    return count;
}

time_t remind_backoff(int attempts, time_t now)
{
    enum { FIRST = 60, MOST = 6 * 3600 };
    time_t wait = FIRST;
    for (int i = 1; i < attempts && wait < MOST; i++)
        wait *= 2;
    return now + (wait < MOST ? wait : MOST);
}
