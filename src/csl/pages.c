/* pages.c - Cybersäkerhetslagen's overview (GET /csl, /api/v1/csl): each organisation of
 * the tenant with its status, registration, changes still to report and its ledning's
 * training in the current mandate period, and the recipients (the supervisory authority,
 * the CSIRT) as the CISO keeps them; and the ledning's training on an organisation's
 * page. */
#include "csl.h"
#include "../incidents/incidents.h"
#include "../org/org.h"
#include "../core/escape.h"
#include "../core/util.h"
#include "../http/page.h"
#include "../../build/views/csl_page.h"
#include "../../build/views/csl_leaders.h"
#include <string.h>

/* The kinds of unit that are organisations of their own (law.c's csl_organisation_kind). */
#define ORG_KINDS "('organisation', 'forbund', 'koncern', 'bolag')"

int csl_leaders(req *r, const char *unit_id, const char *period, csl_leader **out, int *n)
{
    /* the ledning of an organisation: holders of the role in its subtree, but not in an
     * organisation of its own inside it (a bolag's ledning is the bolag's) */
    const char *p[] = {tenant_param(r), unit_id, period};
    db_res *res = NULL;
    int rc = db_query(
        r->db, r->a,
        "SELECT p.id, p.name, (SELECT MAX(ct.trained_on) FROM csl_training ct WHERE "
        "ct.tenant_id = $1 AND ct.person_id = p.id AND ct.period = $3) FROM person p "
        "WHERE p.tenant_id = $1 AND p.active = 1 AND EXISTS (SELECT 1 FROM role_assignment ra "
        "JOIN unit u ON u.id = ra.unit_id JOIN unit o ON o.id = CAST($2 AS BIGINT) "
        "WHERE ra.tenant_id = $1 AND ra.person_id = p.id AND ra.role = 'ledning' AND "
        "u.retired_at IS NULL AND substr(u.path, 1, length(o.path)) = o.path AND NOT EXISTS "
        "(SELECT 1 FROM unit x WHERE x.tenant_id = $1 AND x.retired_at IS NULL AND x.kind "
        "IN " ORG_KINDS
        " AND length(x.path) > length(o.path) AND substr(u.path, 1, length(x.path)) = x.path)) "
        "ORDER BY p.name, p.id LIMIT 500",
        3, p, &res);
    if (rc != DB_OK) return rc;
    *n = res->nrows;
    *out = arena_alloc(r->a, sizeof(csl_leader) * (size_t)(res->nrows + 1));
    for (int i = 0; i < res->nrows; i++) {
        (*out)[i].person_id = db_cell(res, i, 0);
        (*out)[i].name = db_cell(res, i, 1);
        (*out)[i].trained_on = db_cell(res, i, 2);
    }
    return DB_OK;
}

typedef struct period_info {
    char start[11], end[11], name[10];
} period_info;

static void current_period(period_info *pi)
{
    char today[11];
    date_today(today);
    csl_mandate_period(today, pi->start, pi->end, pi->name);
}

void csl_organisation_detail_extra(req *r, const entity *e, const record *rec, buf *out)
{
    period_info pi;
    current_period(&pi);
    csl_leader *leaders = NULL;
    int n = 0;
    const char *unit = record_get(rec, e, "unit_id");
    if (!unit || csl_leaders(r, unit, pi.name, &leaders, &n) != DB_OK) return;
    view_csl_leaders(out, r->lang, rec->id, leaders, n, pi.name,
                     perm_allows(r->auth, ACT_CSL_WRITE, unit_path_of(r, unit)));
}

static const char *enum_text(req *r, const entity *e, const char *name, const char *value)
{
    return value ? enum_label(r, &e->fields[entity_field(e, name)], value) : NULL;
}

static int overview_load(req *r, const period_info *pi, csl_overview_row **rows, int *n)
{
    const char *p[] = {tenant_param(r)};
    db_res *res = NULL;
    int rc = db_query(
        r->db, r->a,
        "SELECT u.id, u.name, u.kind, o.id, o.status, o.reason, o.registered_on, "
        "o.registration_ref, (SELECT COUNT(*) FROM csl_change c WHERE c.tenant_id = u.tenant_id "
        "AND c.organisation_id = o.id AND c.reported_on IS NULL), (SELECT MIN(c.due_on) FROM "
        "csl_change c WHERE c.tenant_id = u.tenant_id AND c.organisation_id = o.id AND "
        "c.reported_on IS NULL) FROM unit u LEFT JOIN csl_organisation o ON o.tenant_id = "
        "u.tenant_id AND o.unit_id = u.id WHERE u.tenant_id = $1 AND u.retired_at IS NULL AND "
        "u.kind IN " ORG_KINDS " ORDER BY u.path LIMIT 500",
        1, p, &res);
    if (rc != DB_OK) return rc;
    *n = res->nrows;
    *rows = arena_alloc(r->a, sizeof(csl_overview_row) * (size_t)(res->nrows + 1));
    const entity *e = &entity_csl_organisations;
    for (int i = 0; i < res->nrows; i++) {
        csl_overview_row *o = &(*rows)[i];
        o->unit_id = db_cell(res, i, 0);
        o->name = db_cell(res, i, 1);
        o->kind = db_cell(res, i, 2);
        o->kind_label =
            enum_label(r, &entity_units.fields[entity_field(&entity_units, "kind")], o->kind);
        o->csl_id = db_cell(res, i, 3);
        o->status = db_cell(res, i, 4);
        o->status_label = enum_text(r, e, "status", o->status);
        o->reason_label = enum_text(r, e, "reason", db_cell(res, i, 5));
        o->registered_on = db_cell(res, i, 6);
        o->registration_ref = db_cell(res, i, 7);
        o->open_changes = (int)db_cell_int(res, i, 8);
        o->next_due = db_cell(res, i, 9);
        rc = csl_leaders(r, o->unit_id, pi->name, &o->leaders, &o->nleaders);
        if (rc != DB_OK) return rc;
        for (int k = 0; k < o->nleaders; k++)
            o->untrained += o->leaders[k].trained_on == NULL;
    }
    return DB_OK;
}

static void json_opt(buf *b, const char *key, const char *value)
{
    buf_printf(b, ",\"%s\":", key);
    if (value)
        esc_json_string(b, value);
    else
        buf_puts(b, "null");
}

static void authority_json(buf *b, const char *key, const incident_authority *a)
{
    buf_printf(b, ",\"%s\":{\"name\":", key);
    esc_json_string(b, a->name);
    json_opt(b, "url", a->url);
    json_opt(b, "phone", a->phone);
    buf_printf(b, ",\"default\":%s}", a->id ? "false" : "true");
}

static void overview_json(resp *out, const period_info *pi, const csl_overview_row *rows, int n,
                          const incident_authority *sup, const incident_authority *csirt)
{
    respond_json(out, 200);
    buf *b = &out->body;
    buf_puts(b, "{\"period\":{\"name\":");
    esc_json_string(b, pi->name);
    json_opt(b, "start", pi->start);
    json_opt(b, "end", pi->end);
    buf_puts(b, "}");
    authority_json(b, "supervisor", sup);
    authority_json(b, "csirt", csirt);
    buf_puts(b, ",\"organisations\":[");
    for (int i = 0; i < n; i++) {
        const csl_overview_row *o = &rows[i];
        buf_printf(b, "%s{\"unit_id\":%s,\"name\":", i ? "," : "", o->unit_id);
        esc_json_string(b, o->name);
        json_opt(b, "kind", o->kind);
        buf_printf(b, ",\"id\":%s", o->csl_id ? o->csl_id : "null");
        json_opt(b, "status", o->status);
        json_opt(b, "registered_on", o->registered_on);
        json_opt(b, "registration_ref", o->registration_ref);
        buf_printf(b, ",\"open_changes\":%d", o->open_changes);
        json_opt(b, "next_due", o->next_due);
        buf_printf(b, ",\"untrained\":%d,\"management\":[", o->untrained);
        for (int k = 0; k < o->nleaders; k++) {
            buf_printf(b, "%s{\"person_id\":%s,\"name\":", k ? "," : "", o->leaders[k].person_id);
            esc_json_string(b, o->leaders[k].name);
            json_opt(b, "trained_on", o->leaders[k].trained_on);
            buf_puts(b, "}");
        }
        buf_puts(b, "]}");
    }
    buf_puts(b, "]}");
}

void h_csl(req *r, resp *out)
{
    period_info pi;
    current_period(&pi);
    csl_overview_row *rows = NULL;
    int n = 0;
    if (overview_load(r, &pi, &rows, &n) != DB_OK) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    incident_authority sup = authority_of(r, "supervisor"), csirt = authority_of(r, "csirt");
    if (r->api) {
        overview_json(out, &pi, rows, n, &sup, &csirt);
        return;
    }
    buf sup_html, csirt_html;
    buf_init(&sup_html, 0);
    buf_init(&csirt_html, 0);
    authority_html(r, &sup_html, &sup, true);
    authority_html(r, &csirt_html, &csirt, true);
    page_begin(r, out, tr(r->lang, TR_csl_title), "csl");
    view_csl_page(&out->body, r->lang, rows, n, pi.name, pi.start, pi.end, buf_str(&sup_html),
                  buf_str(&csirt_html), perm_allows(r->auth, ACT_CSL_WRITE, NULL));
    page_end(r, out);
    buf_free(&sup_html);
    buf_free(&csirt_html);
}
