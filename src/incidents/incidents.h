/* incidents.h - incidents: reported by anyone, triaged and handled by the CISO, IT
 * security and the DSO, with the legal clocks (deadline.h), the notifications actually
 * sent, report drafts for IMY and the CSIRT, a timeline, and closing with lessons
 * learned. Need-to-know: an incident is seen by its handlers and its reporter only. */
#ifndef LIS_INCIDENTS_H
#define LIS_INCIDENTS_H
#include "../entity/entity.h"
#include "deadline.h"
#include <jansson.h>
#include <time.h>

extern const entity entity_incidents, entity_incident_links, entity_incident_notifications,
    entity_incident_events, entity_incident_tasks, entity_incident_authorities,
    entity_incident_report_requests, entity_significance_thresholds;

/* rules.c */
void incident_validate(req *r, const entity *e, record *rec, const record *old, errors *errs);
void incident_link_validate(req *r, const entity *e, record *rec, const record *old, errors *errs);
void incident_notification_validate(req *r, const entity *e, record *rec, const record *old,
                                    errors *errs);
void incident_event_validate(req *r, const entity *e, record *rec, const record *old, errors *errs);
void incident_report_request_validate(req *r, const entity *e, record *rec, const record *old,
                                      errors *errs);
bool incident_notification_after_write(req *r, const entity *e, record *rec, const record *old,
                                       errors *errs);

/* events.c: the events lis writes on the timeline, in each reader's language */
/* Writes an event of lis's (code "notified", "task_added", "task_done", "task_reopened")
 * with its arguments (taken: freed here) on the incident's timeline, now, by the caller. */
bool incident_event_write(req *r, const char *incident, const char *code, json_t *args);
/* The words of an event lis wrote, for the reader; NULL for one a person wrote. */
const char *incident_event_text(req *r, const char *code, const char *args);
const char *incident_event_row_label(req *r, const entity *e, const db_res *res, int row);
bool incident_event_frozen(const record *rec);

/* clocks.c: the deadlines of one incident as stored, with what was sent */
typedef struct incident_clock {
    int kind; /* deadline_kind */
    time_t start, due;
    time_t amber_from;               /* when an unsent one turns amber */
    int state;                       /* deadline_state */
    const char *sent_at, *reference; /* of the recorded notification, or NULL */
    bool provisional;         /* counted from a deadline: moves when the notification is sent */
    bool ask_ongoing;         /* a final report: is the incident still going on at its date? */
    bool final_waits_handled; /* a progress report: the final report waits for the handling */
} incident_clock;
/* The facts the deadlines hang on, from an incident's stored answers and the sent times
 * per kind; false when aware does not parse. Handled is handled_at, else closed_at. */
bool incident_deadline_facts(const char *aware, const char *personal, const char *significant,
                             const char *handled_at, const char *closed_at,
                             const char *const sent_at[DL__COUNT], deadline_facts *out);
/* Notes one recorded notification in sent[] (by deadline kind) under its kind and the
 * duty it also serves: one submission, two duties. */
void incident_sent_note(const char *kind, const char *also_serves, const char *sent_at,
                        const char *sent[DL__COUNT]);
/* Loads the incident's answers and notifications and computes its clocks at now;
 * returns how many (0-5), or -1 if the incident is not in the caller's tenant. */
int incident_clocks(req *r, int64_t incident_id, time_t now, incident_clock out[DL__COUNT]);
/* The same from an incident's row already read: columns col..col+4 of row hold aware_at,
 * personal_data, significant, handled_at and closed_at; sent_at and reference (may be NULL)
 * per deadline kind as incident_sent_note fills them. -1 when aware_at does not parse. */
int incident_clocks_of(const db_res *inc, int row, int col, const char *const sent_at[DL__COUNT],
                       const char *const reference[DL__COUNT], time_t now,
                       incident_clock out[DL__COUNT]);
/* The clocks of every row of inc at now, their notifications read in one query rather
 * than two per incident: column id_col holds the incident's id and columns col..col+4 as
 * for incident_clocks_of. out[i] gets row i's clocks and counts[i] how many (-1 when its
 * aware_at does not parse); false when the notifications cannot be read. */
bool incident_clocks_rows(req *r, const db_res *inc, int id_col, int col, time_t now,
                          incident_clock (*out)[DL__COUNT], int *counts);
/* The legal deadlines of n clocks at now, added up: met when sent by the due time, late when
 * sent after it or past it unsent (a stored time that does not parse as unsent). */
void incident_deadlines_tally(const incident_clock *c, int n, time_t now, int *met, int *late);
/* "2 d 5 h", "40 min", in the caller's language; "overdue 3 h" when negative. */
const char *clock_left_text(req *r, time_t left);
tr_key clock_state_label(int state);
tr_key clock_kind_label(int kind);
tr_key clock_send_label(int kind);        /* "Skicka tidig varning till CSIRT" */
const char *clock_state_class(int state); /* "clock-ok" … the badge's and row's class */

/* next_step.c: what the handler does next (the top of the incident's page) */
typedef enum incident_next_kind {
    NEXT_NONE,    /* closed, with its lessons */
    NEXT_TRIAGE,  /* "Ej bedömd – bedöm nu": a question of the law is unanswered */
    NEXT_NOTIFY,  /* send the most urgent notification */
    NEXT_TASKS,   /* every notification sent: the open tasks */
    NEXT_CLOSE,   /* nothing left open: close it when handled */
    NEXT_LESSONS, /* closed without lessons */
} incident_next_kind;
typedef struct incident_facts {
    const char *status, *personal_data, *significant;
    time_t aware;
    int open_tasks;
    bool has_lessons;
} incident_facts;
typedef struct incident_next {
    incident_next_kind kind;
    const incident_clock *clock; /* NEXT_NOTIFY: the one to send (points into the clocks) */
    /* NEXT_TRIAGE: when IMY's / the CSIRT's first deadline falls should the open question
     * be answered yes (0 when that question is answered) */
    time_t if_personal, if_significant;
} incident_next;
incident_next incident_next_step(const incident_facts *f, const incident_clock *c, int n);
/* Most urgent first: unsent by deadline, then the sent ones. */
void incident_clocks_by_urgency(incident_clock *c, int n);

/* pages.c: the views (views/incident*.html) are given these */
typedef struct open_incident {
    const char *id, *reference, *title, *status, *severity;
    incident_clock nearest; /* the nearest unsent clock, when has_clock */
    bool has_clock;
    bool untriaged; /* a question of the law is unanswered: "Ej bedömd – bedöm nu" */
    int overdue;    /* notifications past their deadline */
} open_incident;
typedef struct incident_draft_item {
    tr_key label;
    const char *value; /* as shown (enum label, Stockholm time), or NULL: to be filled in */
} incident_draft_item;
/* An enum field's value as its label in the caller's language */
const char *incident_enum_label(req *r, const char *field, const char *value);

/* pages.c */
/* Above the incident's related lists: the legal clocks and the drafts (handlers), or the
 * reference to quote (the reporter); below them, lessons and the timeline. */
void incident_detail_lead(req *r, const entity *e, const record *rec, buf *out);
/* Above the fields: the next step and the legal clocks (handlers). */
void incident_detail_top(req *r, const entity *e, const record *rec, buf *out);
void incident_detail_extra(req *r, const entity *e, const record *rec, buf *out);
/* The "done" button beside an open task in the incident's list of tasks. */
void incident_task_tick(req *r, const entity *child, const db_res *rows, int row, buf *out);
void h_incidents_open(req *r, resp *out);       /* GET /incidents/open */
void incidents_home_card(req *r, buf *out);     /* the card on the start page */
void h_incident_imy_draft(req *r, resp *out);   /* GET /incidents/:id/imy-draft */
void h_incident_csirt_draft(req *r, resp *out); /* GET /incidents/:id/csirt-draft */
void api_incident_deadlines(req *r, resp *out); /* GET /api/v1/incidents/:id/deadlines */

/* lessons.c: the lessons learned, each with buttons that open the risk and the action
 * form prefilled from it, and what was made from the incident */
void incident_lessons_section(req *r, const record *rec, buf *out);

/* tasks.c: tasks with owners on an incident, need-to-know as the incident */
void incident_task_validate(req *r, const entity *e, record *rec, const record *old, errors *errs);
bool incident_task_after_write(req *r, const entity *e, record *rec, const record *old,
                               errors *errs);
void h_incident_task_done(req *r, resp *out); /* POST /incident_tasks/:id/done */

/* authorities.c: who the notifications go to (IMY, the CSIRT), as the tenant's data
 * with lis's defaults; id 0 when the default applies */
typedef struct incident_authority {
    int64_t id;
    const char *kind, *name, *url, *phone;
} incident_authority;
void incident_authority_validate(req *r, const entity *e, record *rec, const record *old,
                                 errors *errs);
incident_authority authority_of(req *r, const char *kind); /* "imy", "csirt", "supervisor" */
/* name — report form link — phone; with a change link for the CISO when editable */
void authority_html(req *r, buf *out, const incident_authority *a, bool editable);
/* The recipients of the clocks shown (on the clocks panel) */
void authorities_section(req *r, buf *out, bool imy, bool csirt);

/* stats.c: GET /incidents/stats (handlers), and its figures as CSV and as XLSX
 * (GET /incidents/stats/export, GET /incidents/stats.xlsx) */
void h_incident_stats(req *r, resp *out);
void h_incident_stats_csv(req *r, resp *out);
void h_incident_stats_xlsx(req *r, resp *out);

/* seed.c: demo incidents for a demo tenant (its CISO and a teacher by their e-mail),
 * inside the caller's transaction */
bool seed_incidents(db *d, arena *a, int64_t tenant);
/* todo.c: the reader's incident tasks, and the legal clocks running for handlers (the
 * start page, src/entity/todo.h) */
struct todo_list;
bool incidents_todo(req *r, struct todo_list *l);
/* significance_page.c: the significance questions beside the handler's answer */
typedef struct sig_row {
    tr_key label;
    const char *code;       /* the criterion */
    long long threshold_id; /* the tenant's own threshold row, 0 = lis's default */
    long long answer;       /* < 0: not answered */
    long long threshold;
    bool verified; /* the threshold checked against the regulation by the tenant */
    bool met;
} sig_row;
void incident_significance_panel(req *r, const record *rec, buf *out);
/* The reason written from the answers ("Bedömt mot trösklarna: …"), or NULL when none
 * is answered. */
const char *incident_significance_reason(req *r, const entity *e, const record *rec);
void significance_threshold_validate(req *r, const entity *e, record *rec, const record *old,
                                     errors *errs);
/* phase_page.c: an incident's page: the time spent detecting, containing and restoring */
void incident_phase_section(req *r, int64_t incident_id, buf *out);
#endif
