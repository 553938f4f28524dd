/* remind.h - reminders by e-mail (issue #20, points 2-4): before a duty falls due, while it
 * is overdue, and at once for what cannot wait. The due items are the start page's
 * (todo_sources, read as the person); which reminders they call for is a pure function of
 * those items, the person's choice and the time (schedule.c); what is due goes to an
 * outgoing-mail queue in the database (queue.c), claimed one message at a time so that
 * several lis processes never send the same one, retried with backoff while the server is
 * down; one digest per person per day unless the person chose each at once. */
#ifndef LIS_REMIND_H
#define LIS_REMIND_H
#include "../entity/entity.h"
#include "../entity/todo.h"
#include <stddef.h>
#include <time.h>

/* What kind of thing a reminder is about; the rules per kind are a table in schedule.c. */
typedef enum remind_kind {
    RK_ACTION,        /* an action in the plan, by its end date */
    RK_CLS_REVIEW,    /* a classification due for review */
    RK_PLAN_TEST,     /* a continuity plan's test (restore tests) */
    RK_RSA,           /* the risk and vulnerability analysis per mandate period */
    RK_BIA_REVIEW,    /* a business-impact analysis to review */
    RK_RISK_REVIEW,   /* an accepted risk to review */
    RK_DOC_REVIEW,    /* a styrdokument due for review */
    RK_SCAN_FINDING,  /* a scan finding's remediation deadline */
    RK_AUDIT,         /* an audit or follow-up due */
    RK_AGREEMENT,     /* an agreement's notice date or end */
    RK_MEETING,       /* a forum meeting (to attend or present at) */
    RK_OTHER,         /* any other dated duty */
    RK_LEGAL_CLOCK,   /* a deadline the law sets on an incident (GDPR art. 33, CSL) */
    RK_INCIDENT_TASK, /* an incident task assigned to the person */
    RK_CLS_DECISION,  /* a classification waiting for the owner's decision */
    RK__COUNT
} remind_kind;

/* How a kind is reminded of. */
typedef enum remind_mode {
    RM_BEFORE,  /* lead_days before the due date at 07:00, then weekly while overdue */
    RM_AT_ONCE, /* once, at once, when it appears; weekly while overdue when dated */
    RM_CLOCK,   /* at once when less than a quarter of the time is left and nothing was
                   notified; while overdue, weekly, also at once */
} remind_mode;

enum { REMIND_MAX_LEADS = 4, REMIND_HOUR = 7, REMIND_OVERDUE_DAYS = 7 };

typedef struct remind_rule {
    remind_kind kind;
    remind_mode mode;
    int lead_days[REMIND_MAX_LEADS]; /* descending, 0 ends: {30, 7, 1} */
    bool legal;                      /* cannot be unsubscribed from */
} remind_rule;
/* The rule of a kind (never NULL: RK_OTHER's for one out of range). */
const remind_rule *remind_rule_of(remind_kind kind);

/* One due item of a person. */
typedef struct remind_item {
    remind_kind kind;
    const char *due;  /* YYYY-MM-DD (a Stockholm date) or a stored UTC time
                         YYYY-MM-DDTHH:MM:SSZ; NULL when undated */
    const char *from; /* a legal clock's start (UTC time), else NULL */
    bool notified;    /* a legal clock whose notification is registered */
} remind_item;

typedef struct remind_pref {
    bool immediate;    /* each reminder its own message, rather than one digest a day */
    bool unsubscribed; /* none but the legal clocks */
} remind_pref;

typedef enum remind_reason {
    RR_BEFORE,  /* n days before it falls due */
    RR_OVERDUE, /* overdue, the n-th week (0 the first) */
    RR_AT_ONCE, /* assigned, or waiting for a decision */
    RR_CLOCK,   /* a legal clock with less than a quarter left */
} remind_reason;

typedef struct remind_due {
    int item; /* index into the items */
    remind_reason reason;
    int n;        /* lead days (RR_BEFORE) or overdue week (RR_OVERDUE), else 0 */
    time_t at;    /* when it became due to be sent */
    bool single;  /* a message of its own (urgent, or the person chose immediate) */
    char key[16]; /* the stage, unique per item and due date: "b7", "o2", "now", "q" */
} remind_due;

/* The reminders due at now for a person's items: for each item at most one, the latest
 * stage reached (a duty first seen 5 days before its date gets the 7-day reminder, not the
 * 30-day one as well). A "n days before" reminder is due from 07:00 Stockholm time on the
 * day n days before the due date (its Stockholm date, for a time) until the duty falls
 * due; an overdue one from 07:00 the day after (for a timed due: the moment it passes)
 * and again each week. Urgent ones (at once, legal clocks) are single; the others single
 * only when pref->immediate. With pref->unsubscribed only legal kinds remind. Returns how
 * many were written (at most max). Pure. */
int remind_schedule(const remind_item *items, int n, const remind_pref *pref, time_t now,
                    remind_due *out, int max);

/* The next attempt after a failed send: 1, 2, 4 … minutes after now, at most 6 hours;
 * attempts counts this one. Pure. */
time_t remind_backoff(int attempts, time_t now);
enum { REMIND_MAX_ATTEMPTS = 12 };

/* run.c: a reminder as a person reads it (in a message, on the start page). */
typedef struct remind_entry {
    const todo_item *item;
    remind_due due;
    const char *title; /* the item's, or "en incident du hanterar" to one who may not read
                          the incident */
    const char *why;   /* "Förfaller om 7 dagar.", "Försenad sedan 2026-06-30." */
    const char *by;    /* the due date or time as read, NULL when undated */
} remind_entry;
/* The reminders the reader's items (l, read as the reader) call for at now: at most max,
 * in l's order. */
int remind_entries(req *r, const todo_list *l, time_t now, const remind_pref *pref,
                   remind_entry *out, int max);

/* What one pass did. */
typedef struct remind_counts {
    int queued; /* messages put in the queue */
    int sent;
    int failed; /* attempts that failed (the message waits for a retry, or gave up) */
} remind_counts;

/* run.c: queues the reminders due at now for every active person of r's tenant (r a
 * system request, system_req_init): each person's items read as that person (the start
 * page's sources, a month ahead), scheduled, one digest a day or one message each, links
 * under base_url. A reminder already queued is never queued again, also when several
 * processes run at once. false when the database did not answer. */
bool remind_enqueue(req *r, time_t now, const char *base_url, remind_counts *c);
/* queue.c: sends the tenant's messages due at now through its SMTP server (none set:
 * they wait); stops at the first failure (the server is down), which waits for its
 * retry. false when the database did not answer. */
bool remind_send(req *r, time_t now, remind_counts *c);
/* `lis remind --tenant CODE [--now ISO]`: both, printed; the exit status. */
int remind_cli(db *d, const char *tenant_code, const char *now_iso, const char *base_url);
/* `lis serve`'s periodic work: every tenant with an SMTP server, queueing when enqueue
 * is set (less often than sending); problems go to stderr. */
void remind_tick(db *d, time_t now, bool enqueue, const char *base_url);

/* pages.c */
void h_remind_prefs(req *r, resp *out);      /* GET /account/reminders: my choice */
void h_remind_prefs_save(req *r, resp *out); /* POST /account/reminders */
void h_mail_queue(req *r, resp *out);        /* GET /settings/mail/queue?status= (admin) */
void api_mail_queue(req *r, resp *out);      /* GET /api/v1/mail/queue?status=: the tenant's for the
                                                administrator, one's own for others */
/* The reminders due today on the start page, from the start page's own items. */
void remind_home_section(req *r, const todo_list *l, buf *out);
/* "I kö", "Skickat", "Misslyckat" for a stored status. */
tr_key remind_status_label(const char *status);

/* A start-page item's kind: by its group and what (the todo table's entries). Pure. */
remind_kind remind_kind_of(todo_group group, tr_key what);
#endif
