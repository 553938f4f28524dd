/* deadline.h - the legal clocks of an incident, as pure functions of time.
 *
 * GDPR art. 33: a personal-data breach is notified to IMY within 72 hours of becoming
 * aware. Cybersäkerhetslagen (SFS 2025:1506) 2 kap. 5-8 §§: a significant incident is
 * reported to the CSIRT with an early warning within 24 hours and an incident
 * notification within 72 hours of becoming aware, and a final report within one month
 * of the incident notification — or, when the incident is still going on then, a
 * progress report (lägesrapport) then and the final report within one month of the
 * incident being handled. The rules are the table in deadline.c. */
#ifndef LIS_DEADLINE_H
#define LIS_DEADLINE_H
#include <stdbool.h>
#include <time.h>

typedef enum deadline_kind {
    DL_IMY,                /* GDPR art. 33, to IMY */
    DL_CSIRT_EARLY,        /* early warning (tidig varning) */
    DL_CSIRT_NOTIFICATION, /* incident notification (incidentanmälan) */
    DL_CSIRT_PROGRESS,     /* progress report (lägesrapport): still going on after a month */
    DL_CSIRT_FINAL,        /* final report (slutrapport) */
    DL__COUNT
} deadline_kind;

/* "imy", "csirt_early", "csirt_notification", "csirt_progress", "csirt_final": the
 * notification kinds */
extern const char *const deadline_codes[DL__COUNT];
int deadline_from_code(const char *code); /* -1 if unknown */

typedef struct deadline {
    deadline_kind kind;
    time_t start; /* when the window opened */
    time_t due;   /* the last instant */
    /* counted from another deadline, not from a notification actually sent: the date
     * moves when that notification is recorded */
    bool provisional;
    /* a final report that becomes a progress report if the incident is still going on at
     * its date: lis asks when the incident was handled */
    bool ask_ongoing;
    /* a progress report after which the final report is due one month after the incident
     * has been handled — a date not known until then */
    bool final_waits_handled;
} deadline;

/* What the deadlines hang on. Instants in UTC; 0 = not (yet). */
typedef struct deadline_facts {
    time_t aware;             /* when the organisation became aware */
    bool personal_breach;     /* a personal-data breach (GDPR applies) */
    bool significant;         /* a significant incident under Cybersäkerhetslagen */
    time_t notification_sent; /* the CSIRT incident notification */
    time_t progress_sent;     /* a progress report: the incident was still going on */
    time_t handled;           /* when the incident was handled (over) */
} deadline_facts;

/* Every deadline that applies, in the order of the enum; returns how many (0-5). The
 * final report counts from the incident notification sent, otherwise from its deadline
 * (provisional). When the incident was still going on at that date (handled later, or a
 * progress report sent), a progress report is due then and the final report one month
 * after it was handled. */
int deadlines_compute(const deadline_facts *f, deadline out[DL__COUNT]);

/* The last day of a period of months (lag 1930:173 om beräkning av lagstadgad tid),
 * from a Stockholm calendar date: the same day number `months` later, or that month's
 * last day when it has fewer days; a Saturday, Sunday, public holiday, midsommarafton,
 * julafton or nyårsafton moves it to the next weekday. */
void deadline_month_end_day(int year, int month, int day, int months, int *out_year, int *out_month,
                            int *out_day);
/* A Saturday, Sunday, Swedish public holiday (lag 1989:253, the movable ones computed
 * from Easter), midsommarafton, julafton or nyårsafton. */
bool deadline_day_off(int year, int month, int day);

typedef enum deadline_state {
    DS_OK,        /* more than a quarter of the window and more than 12 hours left */
    DS_AMBER,     /* less than a quarter of the window or less than 12 hours left */
    DS_RED,       /* overdue */
    DS_SENT,      /* the notification was sent in time */
    DS_SENT_LATE, /* the notification was sent, after the deadline */
} deadline_state;

/* The state at now; sent_at is when the notification was sent, 0 while it is not. */
deadline_state deadline_state_at(const deadline *d, time_t now, time_t sent_at);
/* The instant an unsent notification turns amber (as deadline_state_at judges it), so
 * that a page left open can change its badge when the time comes. */
time_t deadline_amber_from(const deadline *d);
#endif
