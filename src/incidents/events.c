/* events.c - the events lis writes itself on an incident's timeline (a notification
 * recorded as sent, a task added, done or opened again), in each reader's language. Such
 * an event keeps a code and its arguments (JSON: titles, names, kinds, UTC times), and is
 * shown from them to each reader in their language with times in Swedish time; what holds
 * the writer's words, for the search and for older readers. An event a person wrote has
 * no code and is shown as written. lis's events are a record of what happened: they are
 * not edited. */
#include "incidents.h"
#include "../core/util.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* a time of the arguments in Swedish time, "" when there is none */
static const char *local_time(req *r, json_t *args, const char *key)
{
    const char *iso = json_string_value(json_object_get(args, key));
    if (!iso) return "";
    char local[24];
    time_local_display(iso, local);
    return arena_strdup(r->a, local);
}

static const char *arg(req *r, json_t *args, const char *key)
{
    const char *v = json_string_value(json_object_get(args, key));
    return v ? arena_strdup(r->a, v) : "";
}

/* The event's words in the reader's language, or NULL for a code lis does not know (a newer
 * version's) or arguments that do not parse: then the stored text stands. */
static const char *event_text(req *r, const char *code, json_t *args)
{
    if (!code || !json_is_object(args)) return NULL;
    if (!strcmp(code, "notified")) {
        const entity *n = &entity_incident_notifications;
        const char *kind = enum_label(r, &n->fields[entity_field(n, "kind")], arg(r, args, "kind"));
        const char *ref = arg(r, args, "reference");
        return arena_printf(r->a, "%s: %s %s%s%s", tr(r->lang, TR_inc_event_notified), kind,
                            local_time(r, args, "sent_at"), *ref ? " — " : "", ref);
    }
    if (!strcmp(code, "task_added")) {
        const char *due = local_time(r, args, "due_at");
        return arena_printf(r->a, "%s: %s (%s%s%s%s%s)", tr(r->lang, TR_inc_task_event_added),
                            arg(r, args, "title"), arg(r, args, "owner"), *due ? ", " : "",
                            *due ? tr(r->lang, TR_inc_task_due) : "", *due ? " " : "", due);
    }
    if (!strcmp(code, "task_done") || !strcmp(code, "task_reopened"))
        return arena_printf(r->a, "%s: %s",
                            tr(r->lang, !strcmp(code, "task_done") ? TR_inc_task_event_done
                                                                   : TR_inc_task_event_reopened),
                            arg(r, args, "title"));
    return NULL;
}

const char *incident_event_text(req *r, const char *code, const char *args)
{
    if (!code || !args) return NULL;
    json_t *j = json_loads(args, 0, NULL);
    const char *text = event_text(r, code, j);
    json_decref(j);
    return text;
}

const char *incident_event_row_label(req *r, const entity *e, const db_res *res, int row)
{
    return incident_event_text(r, db_cell(res, row, entity_col(e, entity_field(e, "code"))),
                               db_cell(res, row, entity_col(e, entity_field(e, "args"))));
}

bool incident_event_frozen(const record *rec)
{
    return rec->values[entity_field(&entity_incident_events, "code")] != NULL;
}

bool incident_event_write(req *r, const char *incident, const char *code, json_t *args)
{
    char now[21];
    req_now_iso(r, now);
    char *json = json_dumps(args, JSON_COMPACT);
    const char *what = json ? event_text(r, code, args) : NULL;
    const char *p[] = {tenant_param(r),
                       incident,
                       arena_strdup(r->a, now),
                       int_text(r->a, r->auth->person_id),
                       what,
                       code,
                       json ? arena_strdup(r->a, json) : NULL};
    free(json);
    json_decref(args);
    return what &&
           db_exec(r->db,
                   "INSERT INTO incident_event (tenant_id, incident_id, at, person_id, what, code, "
                   "args, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $3, $3)",
                   7, p, NULL) == DB_OK;
}
