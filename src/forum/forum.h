/* forum.h - the security forum (Forum för informations- och IT-säkerhet): meetings and
 * the matters (ärenden) on their agendas, raised from risks, incidents, actions or as free
 * text, prioritised by how serious they are (priority.h), decided, and written up in
 * minutes that the chair approves (justerar), after which they are frozen.
 *
 * An item's origin uses the same contract as an action's (actions.h): source_entity is
 * the entity's name ("risks", "incidents", "actions") and source_id a row of it in the
 * caller's tenant. Incidents are need-to-know: an item shows an incident's title only to
 * those who may read that incident, everyone else sees its reference number. */
#ifndef LIS_FORUM_H
#define LIS_FORUM_H
#include "../entity/entity.h"
#include "priority.h"

extern const entity entity_meetings, entity_forum_items;

/* rules.c */
void meeting_validate(req *r, const entity *e, record *rec, const record *old, errors *errs);
void forum_item_validate(req *r, const entity *e, record *rec, const record *old, errors *errs);
void forum_item_detail_extra(req *r, const entity *e, const record *rec, buf *out);
/* May the caller read this incident (a handler, or its reporter)? */
bool forum_may_see_incident(req *r, const char *incident_id);

/* agenda.c: a meeting's items, most pressing first (approved minutes: as approved) */
typedef struct forum_row {
    forum_prio prio;
    const char *id, *title, *description, *kind, *source_entity, *source_id, *presenter, *proposal,
        *decision, *notes, *status;
    const char *source_text; /* what the item links to, as this caller may see it */
    const char *source_href; /* NULL when the caller may not open it */
} forum_row;
typedef struct forum_meeting {
    int64_t id;
    const char *title, *starts_at, *place, *chair_id, *chair, *participants, *status, *approved_by,
        *approved_at;
    const char *secretary, *adjuster, *adjusted_on; /* the protokoll's signatures */
} forum_meeting;
/* false when the meeting is not in the caller's tenant */
bool forum_meeting_load(req *r, int64_t id, forum_meeting *m);
/* The meeting named by the route (/meetings/:id/…), for someone who may read meetings;
 * otherwise answers 404 and returns false. */
bool forum_route_meeting(req *r, resp *out, forum_meeting *m);
/* The items in agenda order; -1 on a database error. */
int forum_agenda(req *r, int64_t meeting, forum_row **rows);
/* The seriousness as words ("Mycket hög"), for lists and print. */
const char *forum_seriousness_text(req *r, int seriousness);
/* The day the minutes were checked (justeringsdatum): the one recorded, else the day
 * they were approved; NULL while neither. */
const char *forum_adjusted_on(req *r, const forum_meeting *m);
/* The meeting's start as "2026-12-03 13:00" in Europe/Stockholm. */
const char *forum_local_time(req *r, const char *iso);

/* pages.c; the labels of an item's kind and status and a meeting's status, for the views */
const char *forum_kind_label(req *r, const char *kind);
const char *forum_item_status_label(req *r, const char *status);
const char *forum_meeting_status_label(req *r, const char *status);
void meeting_detail_extra(req *r, const entity *e, const record *rec, buf *out);
void h_meeting_agenda(req *r, resp *out);  /* GET /meetings/:id/agenda */
void h_meeting_minutes(req *r, resp *out); /* GET /meetings/:id/minutes */
/* pdf_export.c: GET /meetings/:id/agenda.pdf and /meetings/:id/minutes.pdf */
void h_meeting_agenda_pdf(req *r, resp *out);
void h_meeting_minutes_pdf(req *r, resp *out);

/* suggest.c: GET /meetings/:id/suggest (preview), POST (create the chosen ones);
 * GET /api/v1/meetings/:id/suggestions, POST /api/v1/meetings/:id/suggest */
void h_meeting_suggest_preview(req *r, resp *out);
void h_meeting_suggest(req *r, resp *out);
void api_meeting_suggestions(req *r, resp *out);

/* commands.c: POST /meetings/:id/approve and /carry-over (and the same under /api/v1) */
void h_meeting_approve(req *r, resp *out);
void h_meeting_carry_over(req *r, resp *out);

/* seed.c: Exempelkommun's two meetings, inside the caller's transaction */
bool forum_demo(db *d, arena *a, int64_t tenant);
/* todo.c: the next meeting and what the reader presents there (the start page,
 * src/entity/todo.h) */
struct todo_list;
bool forum_todo(req *r, struct todo_list *l);
#endif
