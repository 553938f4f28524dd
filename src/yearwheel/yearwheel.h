/* yearwheel.h - the årshjul: every recurring duty of the tenant on one year calendar,
 * twelve month columns that read as a list without colour. Two sources meet there: the
 * duties lis derives from its data (the start page's todo_sources, looking a year ahead)
 * and the tenant's own recurring duties (yearly_duties: the forum's meetings, the
 * management review, the plan decision, internal audits, reporting to kommunstyrelsen).
 * Each person can subscribe to their own part as an iCalendar feed at a secret address. */
#ifndef LIS_YEARWHEEL_H
#define LIS_YEARWHEEL_H
#include "../entity/entity.h"
#include <stddef.h>

extern const entity entity_yearly_duties;

/* recur.c, pure: the dates (YYYY-MM-DD) on which a duty falls in year. A yearly duty
 * (recurrence "yearly") falls on month/day, on the month's last day when it is shorter
 * (29 February in other years: the 28th); one every N months ("months") falls on
 * starts_on and every every_months months after it, never before it (a day the month
 * lacks becomes its last). Returns how many were written to out (at most max), -1 when the
 * rule is incomplete or out of range. */
int duty_dates_in_year(const char *recurrence, int month, int day, int every_months,
                       const char *starts_on, int year, char (*out)[11], int max);
/* Is the rule whole? The field to blame when not: "month", "day", "every_months",
 * "starts_on", or NULL when it is. Pure; the kind's validation uses it. */
const char *duty_rule_problem(const char *recurrence, const char *month, const char *day,
                              const char *every_months, const char *starts_on);
void yearly_duty_validate(req *r, const entity *e, record *rec, const record *old, errors *errs);

/* ical.c, pure: an iCalendar (RFC 5545) calendar. */
typedef struct ical_event {
    const char *uid;         /* stable across fetches: the same duty on the same day */
    const char *start;       /* YYYY-MM-DD (an all-day event) or a UTC time YYYY-MM-DDTHH:MM:SSZ */
    const char *summary;     /* one line; escaped by the writer */
    const char *description; /* NULL or text (newlines allowed) */
    const char *url;         /* NULL or an absolute address */
} ical_event;
/* Appends the calendar with its events to out: CRLF line ends, lines folded at 75 octets
 * without splitting a UTF-8 character, TEXT values escaped (backslash, semicolon, comma,
 * newline), dtstamp (a UTC time as above) on every event. */
void ical_write(buf *out, const char *name, const char *dtstamp, const ical_event *events, int n);
/* Appends one content line, folded (used by ical_write; public for its tests). */
void ical_fold_line(buf *out, const char *line);
/* Appends text escaped as an iCalendar TEXT value. */
void ical_escape_text(buf *out, const char *text);

/* pages.c: the årshjul page and its JSON */
void h_yearwheel(req *r, resp *out);   /* GET /yearwheel?year=&unit_id=&mine=1 */
void api_yearwheel(req *r, resp *out); /* GET /api/v1/yearwheel */

/* One duty on one day, from either source. */
typedef struct wheel_entry {
    char date[11];     /* YYYY-MM-DD, Stockholm */
    const char *time;  /* HH:MM Stockholm for a timed one (a legal clock), or NULL */
    const char *start; /* as stored: a date or a UTC time, for the feed */
    tr_key what;       /* the kind, "Åtgärd", "Egen återkommande uppgift" */
    const char *title;
    const char *href;
    const char *uid;   /* stable identity for the feed */
    const char *since; /* overdue since, or NULL */
    const char *owner; /* the tenant duty's owner's name, NULL for derived ones */
    const char *unit;  /* the tenant duty's unit's name, NULL when none */
    bool own;          /* the tenant's own duty (yearly_duties), not derived */
} wheel_entry;
typedef struct wheel {
    int year;
    wheel_entry *entries;
    int n;
} wheel;
/* The year's duties for the reader: derived ones that are theirs, and the tenant's own
 * (only those they own when mine; only those of unit_id's subtree when unit_id is set),
 * sorted by date. from_year..to_year inclusive; false when the data cannot be read. */
bool wheel_load(req *r, int from_year, int to_year, bool mine, const char *unit_id, wheel *w);

/* The month (1-12) of an entry; the label of a month ("Januari"); the page's address for
 * a year with the same choices (in the arena). */
int yearwheel_month(const wheel_entry *e);
tr_key yearwheel_month_label(int month);
const char *yearwheel_href(req *r, int year, bool mine, const char *unit_id);

/* feed.c: the personal feed */
void h_yearwheel_feed_create(req *r, resp *out); /* POST /yearwheel/feed: new (old revoked) */
void h_yearwheel_feed_revoke(req *r, resp *out); /* POST /yearwheel/feed/revoke */
void h_calendar_feed(req *r, resp *out);         /* GET /calendar/:token (public, secret) */
/* Does the reader have a live feed? (the page says so) */
bool yearwheel_feed_active(req *r, bool *active);
#endif
