/* rules.c - the rules of actions and plan decisions: an action belongs to a plan year
 * (the current one unless given), ends no earlier than it starts, and may name the record
 * it was created from (actions.h, origin.h); one created from a risk is linked to it. A decision is
 * taken once per year and keeps a snapshot of the year's actions. */
#include "actions.h"
#include "../risks/risks.h"
#include "../entity/render.h"
#include "../entity/origin.h"
#include "../core/escape.h"
#include "../core/util.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static int field_of(const entity *e, const char *name)
{
    return entity_field_index(e, name);
}

static const char *value_of(const entity *e, const record *rec, const char *name)
{
    return rec->values[field_of(e, name)];
}

/* The plan a new action belongs in: this year's while it is being drawn up; once it is
 * decided, next year's if that one is under way (it has actions: in December, after the
 * carry-over); else this year's still (an action added after the decision shows as a
 * change to it). */
static const char *open_plan_year(req *r)
{
    char now[21];
    req_now_iso(r, now);
    int this_year = atoi(now);
    const char *year = int_text(r->a, this_year);
    const char *p[] = {tenant_param(r), year, int_text(r->a, this_year + 1)};
    const char *open =
        db_scalar(r->db, r->a,
                  "SELECT MIN(a.plan_year) FROM action_item a WHERE a.tenant_id = $1 AND "
                  "a.plan_year IN ($2, $3) AND NOT EXISTS (SELECT 1 FROM plan_decision d WHERE "
                  "d.tenant_id = a.tenant_id AND d.plan_year = a.plan_year)",
                  3, p);
    return open && *open ? open : year;
}

void action_form_defaults(req *r, const entity *e, record *rec)
{
    int year_i = field_of(e, "plan_year"), status_i = field_of(e, "status");
    if (!rec->values[year_i]) rec->values[year_i] = open_plan_year(r);
    if (!rec->values[status_i]) rec->values[status_i] = "planned";
}

void action_validate(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    int year_i = field_of(e, "plan_year");
    if (!rec->values[year_i]) {
        rec->values[year_i] = open_plan_year(r);
        rec->present[year_i] = true;
    }
    const char *start = value_of(e, rec, "start_date"), *end = value_of(e, rec, "end_date");
    if (start && end && strcmp(end, start) < 0)
        errors_add(errs, field_of(e, "end_date"), TR_err_dates_order, NULL);
    /* fixed once created: an editor who may not see the source keeps it as it is */
    if (!old) origin_validate(r, e, rec, errs);
}

bool action_after_write(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    (void)errs;
    if (old || !rec) return true;
    const char *kind = value_of(e, rec, "source_entity");
    if (!kind || strcmp(kind, "risks") != 0) return true;
    /* created from a risk: linked to it, in the risk's unit, in the same transaction */
    const char *tenant = tenant_param(r);
    const char *p[] = {value_of(e, rec, "source_id"), tenant};
    const char *unit =
        db_scalar(r->db, r->a, "SELECT unit_id FROM risk WHERE id = $1 AND tenant_id = $2", 2, p);
    if (!unit) return true;
    char now[21];
    time_now_iso(now);
    const char *q[] = {tenant, p[0], int_text(r->a, rec->id), unit, now};
    db_res *res = NULL;
    if (db_query(r->db, r->a,
                 "INSERT INTO risk_action (tenant_id, risk_id, action_id, unit_id, created_at, "
                 "updated_at) VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
                 5, q, &res) != DB_OK)
        return false;
    const char *diff = arena_printf(r->a, "{\"risk_id\":[null,\"%s\"],\"action_id\":[null,\"%s\"]}",
                                    p[0], int_text(r->a, rec->id));
    return entity_audit(r, "create", &entity_risk_actions, db_cell_int(res, 0, 0),
                        arena_printf(r->a, "%s/%lld", p[0], (long long)rec->id), diff) == DB_OK;
}

void action_detail_extra(req *r, const entity *e, const record *rec, buf *out)
{
    origin_show(r, e, rec, out);
    const char *year = value_of(e, rec, "carried_from_year");
    if (year) {
        buf_puts(out, "<p class=\"notice\">");
        esc_html(out, arena_printf(r->a, tr(r->lang, TR_act_carried_mark), atoi(year)));
        buf_puts(out, "</p>");
    }
}

/* The year's actions as a JSON array, the fields plan_diff compares. */
static const char *plan_snapshot(req *r, const char *year)
{
    const char *p[] = {tenant_param(r), year};
    db_res *res = NULL;
    if (db_query(r->db, r->a,
                 "SELECT id, title, status, priority, start_date, end_date, responsible_id, "
                 "unit_id FROM action_item WHERE tenant_id = $1 AND plan_year = $2 ORDER BY id",
                 2, p, &res) != DB_OK)
        return NULL;
    static const char *const keys[] = {"id",         "title",    "status",         "priority",
                                       "start_date", "end_date", "responsible_id", "unit_id"};
    json_t *arr = json_array();
    for (int i = 0; i < res->nrows; i++) {
        json_t *o = json_object();
        json_object_set_new(o, "id", json_integer(db_cell_int(res, i, 0)));
        for (int k = 1; k < 8; k++) {
            const char *v = db_cell(res, i, k);
            json_object_set_new(o, keys[k], v ? json_string(v) : json_null());
        }
        json_array_append_new(arr, o);
    }
    char *s = json_dumps(arr, JSON_COMPACT);
    json_decref(arr);
    const char *out = s ? arena_strdup(r->a, s) : NULL;
    free(s);
    return out;
}

void decision_validate(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    (void)old;
    int year_i = field_of(e, "plan_year");
    const char *year = rec->values[year_i];
    const char *p[] = {tenant_param(r), year};
    if (db_scalar(r->db, r->a,
                  "SELECT 1 FROM plan_decision WHERE tenant_id = $1 AND plan_year = $2", 2, p)) {
        errors_add(errs, year_i, TR_err_already_decided, NULL);
        return;
    }
    int snap_i = field_of(e, "snapshot");
    rec->values[snap_i] = plan_snapshot(r, year);
    rec->present[snap_i] = true;
    if (!rec->values[snap_i]) errors_add(errs, -1, TR_err_internal, NULL);
}
