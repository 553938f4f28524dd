/* todo.h - what needs the reader now: the start page's "Att göra". Each area contributes
 * its items through one small function in the table todo_sources (src/app/contributions.c),
 * reading only what the reader may read (entity_read_scope) and only what is theirs to act
 * on (entity_mine_scope, or a column naming them). The start page sorts and shows them;
 * the area never writes the markup. */
#ifndef LIS_TODO_H
#define LIS_TODO_H
#include "entity.h"

/* The headings of the list, in the order they are shown. */
typedef enum todo_group {
    TODO_DECIDE,  /* Att besluta: a draft awaiting my decision */
    TODO_CLOCKS,  /* Lagstadgade frister: notifications the law times (handlers) */
    TODO_LATE,    /* Försenat: past its date */
    TODO_SOON,    /* Inom 30 dagar */
    TODO_AHEAD,   /* Längre fram: a kind that looks further ahead (soon_days, the RSA) */
    TODO_OPEN,    /* Öppna uppgifter utan datum */
    TODO_MEETING, /* Nästa forummöte */
    TODO__COUNT
} todo_group;

/* The heading of a group, "Att besluta". */
tr_key todo_group_label(todo_group g);

/* How far ahead "soon" looks, in days. */
enum { TODO_SOON_DAYS = 30 };
/* The bound of "soon" for a due field: the date TODO_SOON_DAYS on from today (Stockholm),
 * or that instant for a time field; for an area whose query is its own. */
const char *todo_soon_bound(req *r, const field *f);

typedef struct todo_item {
    todo_group group;
    tr_key what;       /* the kind of thing: "Åtgärd", "Riskacceptans att ompröva" */
    const char *title; /* the record as the reader knows it */
    const char *href;  /* where to act on it: its page, or the place of the decision */
    tr_key verb;       /* the one click's words ("Besluta"), 0 = the title is the link */
    /* the date it is due by: YYYY-MM-DD, or a stored UTC time (shown in Stockholm time) */
    const char *due;
    char since[11];   /* overdue since (YYYY-MM-DD, Stockholm); "" when it is not */
    const char *note; /* a second line as the reader knows it (an agenda point), NULL */
    const char *from; /* a legal clock's start (a stored UTC time), else NULL: reminders
                         tell when less than a quarter of its time is left */
} todo_item;

typedef struct todo_list {
    todo_item *items;
    int n, cap;
    /* how far ahead the sources look: NULL = the start page's TODO_SOON_DAYS; a date
     * (YYYY-MM-DD, exclusive) = the årshjul's year. With it each source gives up to
     * TODO_YEAR_LIMIT rows instead of its own few. */
    const char *until;
} todo_list;

enum { TODO_YEAR_LIMIT = 500 };

/* The bound of "soon" for l's sources and a due field: l->until (a date compares below
 * every time of that day, so a year ends before it), or todo_soon_bound. */
const char *todo_bound(req *r, const todo_list *l, const field *f);
/* How many rows a source takes: its own few for the start page, TODO_YEAR_LIMIT for a
 * year. */
int todo_limit(const todo_list *l, int own);

/* A new zeroed item at the end of the list, in the request's arena. */
todo_item *todo_add(req *r, todo_list *l, todo_group group, tr_key what);
/* Sorts the list by group, then by due date (undated last), then by title. */
void todo_sort(todo_list *l);

/* An area's contribution: adds the reader's items; false when its data cannot be read. */
typedef bool (*todo_source)(req *r, todo_list *l);
/* Every area's, ended by NULL (src/app/contributions.c). */
extern const todo_source todo_sources[];

/* The due date or time as the reader reads it: a date as it is, a stored time in
 * Stockholm time ("2026-12-03 17:00"); NULL when undated. */
const char *todo_due_text(req *r, const todo_item *it);

/* The list as JSON, {"items": [{"group", "what", "title", "href", "due", "overdue_since",
 * "note"}]}: group a code ("decide", "clocks", "late", "soon", "ahead", "open", "meeting"), what in
 * the reader's language, due as stored (a date, or a UTC time), absent values null. */
void todo_json(req *r, const todo_list *l, buf *out);

/* The rows of e with a due date (e->due, or date_field) that need the reader: due before today plus
 * TODO_SOON_DAYS, or with undated also those without a date, not moot (status, done
 * field), within the reader's read scope, and theirs: person_field names them, or with
 * person_field NULL the row lies in their units (entity_mine_scope). extra_sql is a fixed
 * condition over alias t from the caller's code, never input ("t.treatment = 'accept'").
 * Each becomes an item of kind what in TODO_LATE, TODO_SOON (TODO_AHEAD when soon_days
 * looks past TODO_SOON_DAYS and it is due later) or TODO_OPEN, linked to
 * /<kind>/<id>; the soonest first, at most limit. A read of an audited kind is recorded
 * (or nothing is shown). */
typedef struct todo_due_query {
    const entity *e;
    const char *date_field; /* NULL = e->due's; another date makes no status moot */
    const char *person_field;
    const char *extra_sql;
    bool undated;
    tr_key what;
    int limit;
    /* how far ahead "soon" looks for this kind on the start page, in days: 0 =
     * TODO_SOON_DAYS (an RSA, months of work, shows 90 days ahead) */
    int soon_days;
} todo_due_query;
bool todo_due_rows(req *r, const todo_due_query *q, todo_list *l);
#endif
