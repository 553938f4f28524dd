/* tasks.c - tasks with owners on an incident: what is to be done, by whom, by when. A
 * task is as need-to-know as its incident: the handlers read and write them, every read
 * is recorded, and the owner must be someone who may see the incident (a handler, or the
 * reporter); the owner sees their own tasks (on the start page too) and ticks them off.
 * Adding and finishing a task are events on the incident's timeline. */
#include "incidents.h"
#include "../core/escape.h"
#include "../core/util.h"
#include "../entity/handlers.h"
#include "../entity/render.h"
#include "../../build/views/incident_task_tick.h"
#include <stdlib.h>
#include <string.h>

static const enum_opt task_statuses[] = {
    {"open", TR_inc_task_open},
    {"done", TR_inc_task_done},
    {NULL, 0},
};

#define SET_BY_HANDLERS (F_FORM | F_WRITERS | F_EXPORT)

static const field task_fields[] = {
    {"incident_id", FT_REF, TR_inc_incident,
     SET_BY_HANDLERS | F_LIST | F_FILTER | F_REQUIRED | F_CREATE_ONLY, .ref = "incidents"},
    {"title", FT_TEXT, TR_inc_task_title, SET_BY_HANDLERS | F_LIST | F_REQUIRED | F_SEARCH,
     .max_len = 300},
    {"owner_id", FT_REF, TR_inc_task_owner, SET_BY_HANDLERS | F_LIST | F_FILTER | F_REQUIRED,
     .ref = "people", .help = TR_inc_task_owner_help},
    {"due_at", FT_DATETIME, TR_inc_task_due, SET_BY_HANDLERS | F_LIST | F_SORT},
    /* the owner may tick it off */
    {"status", FT_ENUM, TR_inc_task_status,
     F_FORM | F_EXPORT | F_LIST | F_FILTER | F_SORT | F_NOT_NULL, .options = task_statuses},
    {"done_at", FT_DATETIME, TR_inc_task_done_at, F_LIST | F_EXPORT | F_DETAIL},
};

const entity entity_incident_tasks = {
    .name = "incident_tasks",
    .table = "incident_task",
    .label_one = TR_inc_tasks_one,
    .label_many = TR_inc_tasks_many,
    .fields = task_fields,
    .nfields = sizeof task_fields / sizeof task_fields[0],
    .title_sql = "t.title",
    .default_sort = "due_at",
    .read_action = ACT_INCIDENT_HANDLE,
    .write_action = ACT_INCIDENT_HANDLE,
    .owner_field = "owner_id",
    .can_create = true,
    .can_edit = true,
    .can_delete = true,
    .has_updated_at = true,
    .audit_reads = true,
    .validate = incident_task_validate,
    .after_write = incident_task_after_write,
    .due = &(const due_date){"due_at", "status", (const char *const[]){"done", NULL}},
};

static const char **value(const entity *e, record *rec, const char *name)
{
    return &rec->values[entity_field(e, name)];
}

/* May this person see the incident: its reporter, or one who handles the tenant's
 * incidents (their roles, loaded as for a login, checked by perm_allows)? */
static bool person_may_see(req *r, const char *person, const char *incident)
{
    const char *tenant = tenant_param(r);
    const char *p[] = {incident, tenant, person};
    if (db_scalar(r->db, r->a,
                  "SELECT 1 FROM incident WHERE id = $1 AND tenant_id = $2 AND reporter_id = $3", 3,
                  p))
        return true;
    const char *q[] = {person, tenant};
    db_res *res = NULL;
    if (db_query(r->db, r->a,
                 "SELECT ra.role, u.id, u.path FROM role_assignment ra JOIN unit u ON u.id = "
                 "ra.unit_id WHERE ra.person_id = $1 AND ra.tenant_id = $2 AND u.retired_at IS "
                 "NULL",
                 2, q, &res) != DB_OK)
        return false;
    auth who = {.tenant_id = r->auth->tenant_id, .person_id = atoll(person)};
    who.grants = arena_alloc(r->a, sizeof(role_grant) * (size_t)(res->nrows + 1));
    for (int i = 0; i < res->nrows; i++) {
        int role = role_from_code(db_cell(res, i, 0));
        if (role < 0) continue;
        who.grants[who.ngrants++] =
            (role_grant){(enum role)role, db_cell_int(res, i, 1), db_cell(res, i, 2)};
    }
    return perm_allows(&who, ACT_INCIDENT_HANDLE, NULL);
}

void incident_task_validate(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    const char **status = value(e, rec, "status");
    if (!*status) *status = "open";
    const char *owner = *value(e, rec, "owner_id"), *incident = *value(e, rec, "incident_id");
    const char *p[] = {incident, tenant_param(r)};
    if (!incident ||
        !db_scalar(r->db, r->a, "SELECT 1 FROM incident WHERE id = $1 AND tenant_id = $2", 2, p)) {
        errors_add(errs, entity_field(e, "incident_id"), TR_err_ref, NULL);
        return;
    }
    if (owner && !person_may_see(r, owner, incident))
        errors_add(errs, entity_field(e, "owner_id"), TR_inc_task_err_owner, NULL);
    /* done_at follows the status: set when ticked off, cleared when opened again */
    int done_i = entity_field(e, "done_at");
    bool done = !strcmp(*status, "done");
    const char *was = old ? old->values[done_i] : NULL;
    char now[21];
    req_now_iso(r, now);
    rec->values[done_i] = done ? (was ? was : arena_strdup(r->a, now)) : NULL;
    rec->present[done_i] = true;
}

/* Adding a task, ticking it off and opening it again are events on the incident's
 * timeline, read by each reader in their language. */
bool incident_task_after_write(req *r, const entity *e, record *rec, const record *old,
                               errors *errs)
{
    (void)errs;
    if (!rec) return true; /* a deleted task leaves the audit log's record */
    bool done = !strcmp(*value(e, rec, "status"), "done");
    bool was_done = old && !strcmp(record_get(old, e, "status"), "done");
    const char *incident = *value(e, rec, "incident_id");
    json_t *args = json_object();
    json_object_set_new(args, "title", json_string(*value(e, rec, "title")));
    if (!old) {
        const char *q[] = {*value(e, rec, "owner_id"), tenant_param(r)};
        const char *owner = db_scalar(
            r->db, r->a, "SELECT name FROM person WHERE id = $1 AND tenant_id = $2", 2, q);
        const char *due = *value(e, rec, "due_at");
        if (owner) json_object_set_new(args, "owner", json_string(owner));
        if (due) json_object_set_new(args, "due_at", json_string(due));
        return incident_event_write(r, incident, "task_added", args);
    }
    if (done != was_done)
        return incident_event_write(r, incident, done ? "task_done" : "task_reopened", args);
    json_decref(args);
    return true;
}

/* ---- on the incident's page -------------------------------------------- */

void incident_task_tick(req *r, const entity *child, const db_res *rows, int row, buf *out)
{
    const char *status = db_cell(rows, row, entity_col(child, entity_field_index(child, "status")));
    if (!status || strcmp(status, "open")) return;
    view_incident_task_tick(
        out, r->lang, r, db_cell(rows, row, 0),
        db_cell(rows, row, entity_col(child, entity_field_index(child, "title"))));
}

/* ---- ticking off --------------------------------------------------------- */

static int cmd_done(req *r, const entity *e, const record *old, errors *errs)
{
    record *rec = record_new(r, e);
    int i = entity_field(e, "status");
    rec->values[i] = "done";
    rec->present[i] = true;
    return entity_update(r, e, old, rec, errs);
}

void h_incident_task_done(req *r, resp *out)
{
    /* back to the incident, where it was ticked off (known once the task is found) */
    const char *done_url = NULL;
    int64_t id;
    if (!r->api && r->nroute_args && parse_int64(r->route_args[0], &id)) {
        const char *p[] = {int_text(r->a, id), tenant_param(r)};
        const char *incident = db_scalar(
            r->db, r->a, "SELECT incident_id FROM incident_task WHERE id = $1 AND tenant_id = $2",
            2, p);
        if (incident)
            done_url = arena_printf(r->a, "/incidents/%s#related-incident_tasks", incident);
    }
    entity_command(r, out, &entity_incident_tasks, cmd_done, done_url);
}
