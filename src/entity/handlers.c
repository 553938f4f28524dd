/* handlers.c - the HTML and JSON handlers for any entity, side by side. */
#include "handlers.h"
#include "render.h"
#include "related.h"
#include "../core/escape.h"
#include "../core/util.h"
#include "../http/page.h"
#include <stdlib.h>
#include <string.h>

static const entity *route_entity(req *r)
{
    return r->nroute_args ? entity_find(r->route_args[0]) : NULL;
}

static bool route_id(req *r, int64_t *id)
{
    return r->nroute_args >= 2 && parse_int64(r->route_args[1], id);
}

/* Loads the row named by the route, or answers 404 (also for rows of other tenants:
 * they do not exist for this caller). shown: the record goes back to the caller (a page,
 * an edit form), so the read is recorded; NULL when it is only checked (a write). */
static record *load_or_404(req *r, resp *out, const entity *e, db_res **row, const char *shown)
{
    int64_t id;
    if (!entity_may_read(r, e)) {
        respond_error(r, out, 403, "forbidden", TR_err_forbidden);
        return NULL;
    }
    if (!route_id(r, &id) || entity_get(r, e, id, row) != DB_OK || (*row)->nrows == 0) {
        respond_error(r, out, 404, "not_found", TR_err_not_found);
        return NULL;
    }
    if (shown && !entity_audit_read(r, e, id, shown)) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return NULL;
    }
    return record_from_row(r, e, *row, 0);
}

static void json_errors(req *r, resp *out, const entity *e, const errors *errs, int status)
{
    respond_json(out, status);
    buf_reset(&out->body);
    bool forbidden = errs->n == 1 && (errs->items[0].message == TR_err_forbidden ||
                                      errs->items[0].message == TR_err_unit_move ||
                                      errs->items[0].message == TR_err_set_by);
    if (forbidden) out->status = 403;
    buf *b = &out->body;
    buf_puts(b, "{\"error\":{\"code\":");
    esc_json_string(b, forbidden ? "forbidden" : status == 409 ? "conflict" : "invalid");
    buf_puts(b, ",\"message\":");
    esc_json_string(b, tr(LANG_EN, errs->n ? errs->items[0].message : TR_err_bad_request));
    buf_puts(b, ",\"fields\":{");
    bool any = false;
    for (int i = 0; i < errs->n; i++) {
        const field_error *fe = &errs->items[i];
        if (any) buf_putc(b, ',');
        esc_json_string(b, fe->field >= 0 ? e->fields[fe->field].name
                           : fe->message == TR_err_unknown_field && fe->detail ? fe->detail
                                                                               : "_");
        buf_putc(b, ':');
        const char *msg = tr(LANG_EN, fe->message);
        esc_json_string(b, fe->detail ? arena_printf(r->a, "%s (%s)", msg, fe->detail) : msg);
        any = true;
    }
    buf_puts(b, "}}}");
}

static int status_for(int rc, const errors *errs)
{
    if (rc == DB_OK) return 200;
    for (int i = 0; i < errs->n; i++)
        if (errs->items[i].message == TR_err_duplicate || errs->items[i].message == TR_err_in_use)
            return 409;
    return rc == DB_CONSTRAINT ? 422 : 500;
}

static void json_one(req *r, resp *out, const entity *e, int64_t id, int status)
{
    db_res *row = NULL;
    if (entity_get(r, e, id, &row) != DB_OK || row->nrows == 0) {
        respond_error(r, out, 404, "not_found", TR_err_not_found);
        return;
    }
    /* the record a write answers with is a read too (once per request) */
    if (!entity_audit_read(r, e, id, "api")) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    respond_json(out, status);
    buf_reset(&out->body);
    entity_json_row(r, e, row, 0, &out->body);
}

/* Reads the list the query string asks for; answers the error itself and returns
 * false when it cannot. Shared by the HTML page and the JSON list. */
static bool load_list(req *r, resp *out, const entity *e, list_query *q, db_res **rows,
                      const char **next)
{
    if (!entity_may_read(r, e)) {
        respond_error(r, out, 403, "forbidden", TR_err_forbidden);
        return false;
    }
    list_query_from(r, e, &r->query, q);
    if (!r->api) { /* the page leaves quiet rows out by default, and shows F_LIST columns */
        list_query_quiet(r, e, q);
        q->listed_only = true;
    }
    const char *what = r->api ? "api list" : "list";
    if (entity_list(r, e, q, rows, next) != DB_OK ||
        !entity_audit_read_rows(r, e, *rows, 0, what) ||
        (e->rows_read && !e->rows_read(r, e, *rows, what))) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return false;
    }
    return true;
}

/* ---- HTML ---------------------------------------------------------------- */

void h_entity_list(req *r, resp *out)
{
    const entity *e = route_entity(r);
    list_query q;
    db_res *rows = NULL;
    const char *next = NULL;
    if (!load_list(r, out, e, &q, &rows, &next)) return;
    page_begin(r, out, tr(r->lang, e->label_many), e->name);
    buf_puts(&out->body, "<h1>");
    esc_html(&out->body, tr(r->lang, e->label_many));
    buf_puts(&out->body, "</h1>");
    render_list(r, e, &q, rows, next, &out->body);
    page_end(r, out);
}

/* An export is an attachment named after the list and the day: lis-units-2026-11-25.csv */
static void export_headers(req *r, resp *out, const entity *e, const char *content_type,
                           const char *ext)
{
    out->content_type = content_type;
    char now[21];
    time_now_iso(now);
    resp_header(out, r->a, "Content-Disposition",
                arena_printf(r->a, "attachment; filename=\"lis-%s-%.10s.%s\"", e->name, now, ext));
}

/* Reading the audit log or sensitive records (incidents) out is itself recorded, before
 * anything is handed out: false when it could not be, and then nothing is exported. */
static bool audit_export(req *r, const entity *e, const char *format)
{
    if (e->read_action != ACT_AUDIT_READ && !entity_reads_audited(e)) return true;
    if (db_begin(r->db) != DB_OK) return false;
    if (entity_audit(r, "export", e, 0, format, NULL) == DB_OK && db_commit(r->db) == DB_OK)
        return true;
    db_rollback(r->db);
    return false;
}

void h_entity_csv(req *r, resp *out)
{
    const entity *e = route_entity(r);
    if (!entity_may_read(r, e)) {
        respond_error(r, out, 403, "forbidden", TR_err_forbidden);
        return;
    }
    if (!audit_export(r, e, "CSV")) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    list_query q;
    list_query_from(r, e, &r->query, &q);
    export_headers(r, out, e, "text/csv; charset=utf-8", "csv");
    entity_csv(r, e, &q, &out->body);
}

void h_entity_xlsx(req *r, resp *out)
{
    const entity *e = route_entity(r);
    if (!entity_may_read(r, e)) {
        respond_error(r, out, 403, "forbidden", TR_err_forbidden);
        return;
    }
    if (!audit_export(r, e, "XLSX")) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    list_query q;
    list_query_from(r, e, &r->query, &q);
    if (!entity_xlsx(r, e, &q, &out->body)) {
        buf_reset(&out->body);
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    export_headers(r, out, e, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                   "xlsx");
}

void h_entity_show(req *r, resp *out)
{
    const entity *e = route_entity(r);
    db_res *row = NULL;
    record *rec = load_or_404(r, out, e, &row, "page");
    if (!rec) return;
    const char *title = NULL;
    for (int i = 0; i < e->nfields && !title; i++)
        if (e->fields[i].flags & F_LIST) title = field_display(r, e, row, 0, i);
    page_begin(r, out, title ? title : tr(r->lang, e->label_one), e->name);
    related_crumb(r, e, rec, &out->body);
    buf_puts(&out->body, "<h1>");
    esc_html(&out->body, title ? title : tr(r->lang, e->label_one));
    buf_puts(&out->body, "</h1>");
    if (kv_get(&r->query, "saved")) {
        buf_puts(&out->body, "<p class=\"flash\" role=\"status\">");
        esc_html(&out->body, tr(r->lang, TR_flash_saved));
        buf_puts(&out->body, "</p>");
    }
    render_detail(r, e, row, &out->body);
    page_end(r, out);
}

static void form_page(req *r, resp *out, const entity *e, const record *rec, bool creating,
                      const errors *errs)
{
    const char *title =
        arena_printf(r->a, "%s: %s", tr(r->lang, creating ? TR_action_new : TR_action_edit),
                     tr(r->lang, e->label_one));
    page_begin(r, out, title, e->name);
    related_crumb(r, e, rec, &out->body);
    buf_puts(&out->body, "<h1>");
    esc_html(&out->body, title);
    buf_puts(&out->body, "</h1>");
    render_form(r, e, rec, creating, errs, &out->body);
    page_end(r, out);
}

void h_entity_new(req *r, resp *out)
{
    const entity *e = route_entity(r);
    if (!e->can_create) {
        respond_error(r, out, 404, "not_found", TR_err_not_found);
        return;
    }
    record *rec = record_new(r, e);
    /* prefill from the query string, e.g. /roles/new?unit_id=4 */
    for (int i = 0; i < e->nfields; i++)
        rec->values[i] = kv_get(&r->query, e->fields[i].name);
    if (e->form_defaults) e->form_defaults(r, e, rec);
    form_page(r, out, e, rec, true, NULL);
}

void h_entity_edit(req *r, resp *out)
{
    const entity *e = route_entity(r);
    db_res *row = NULL;
    record *rec = load_or_404(r, out, e, &row, NULL);
    if (!rec) return;
    if (!e->can_edit || !entity_may_edit(r, e, rec)) {
        respond_error(r, out, 403, "forbidden", TR_err_forbidden);
        return;
    }
    /* the form shows the stored record */
    if (!entity_audit_read(r, e, rec->id, "edit form")) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    form_page(r, out, e, rec, false, NULL);
}

static void after_write_html(req *r, resp *out, const entity *e, record *rec, bool creating, int rc,
                             errors *errs)
{
    if (rc == DB_OK) {
        /* added in place: back to the parent's page it was opened from */
        const char *ret = related_return(r);
        resp_redirect(out, r->a,
                      ret ? arena_printf(r->a, "%s?saved=1", ret)
                          : arena_printf(r->a, "/%s/%lld?saved=1", e->name, (long long)rec->id));
        return;
    }
    if (rc == DB_ERROR && !errs->n) errors_add(errs, -1, TR_err_internal, NULL);
    out->status = status_for(rc, errs) == 409 ? 409 : 422;
    form_page(r, out, e, rec, creating, errs);
}

void h_entity_create(req *r, resp *out)
{
    const entity *e = route_entity(r);
    if (!e->can_create) {
        respond_error(r, out, 404, "not_found", TR_err_not_found);
        return;
    }
    record *rec = record_new(r, e);
    record_from_form(r, e, rec, true);
    errors errs = {0};
    int rc = entity_create(r, e, rec, &errs);
    after_write_html(r, out, e, rec, true, rc, &errs);
}

void h_entity_update(req *r, resp *out)
{
    const entity *e = route_entity(r);
    db_res *row = NULL;
    record *old = load_or_404(r, out, e, &row, NULL);
    if (!old) return;
    if (!e->can_edit) {
        respond_error(r, out, 403, "forbidden", TR_err_forbidden);
        return;
    }
    record *rec = record_new(r, e);
    record_from_form(r, e, rec, false);
    errors errs = {0};
    int rc = entity_update(r, e, old, rec, &errs);
    after_write_html(r, out, e, rec, false, rc, &errs);
}

/* A command on one record: loads it (404 when absent or in another tenant), runs fn,
 * then answers as a form post (redirect to the record, or the errors on a page) or as
 * an API call (the record as JSON, or the errors). fn owns its transaction. */
void entity_command(req *r, resp *out, const entity *e, entity_command_fn fn, const char *done_url)
{
    db_res *row = NULL;
    int64_t id;
    if (!e || !r->nroute_args || !parse_int64(r->route_args[r->nroute_args - 1], &id)) {
        respond_error(r, out, 404, "not_found", TR_err_not_found);
        return;
    }
    if (!entity_may_read(r, e)) {
        respond_error(r, out, 403, "forbidden", TR_err_forbidden);
        return;
    }
    if (entity_get(r, e, id, &row) != DB_OK || row->nrows == 0) {
        respond_error(r, out, 404, "not_found", TR_err_not_found);
        return;
    }
    record *old = record_from_row(r, e, row, 0);
    errors errs = {0};
    int rc = fn(r, e, old, &errs);
    if (rc == COMMAND_NOT_ALLOWED) {
        if (r->api)
            respond_error(r, out, 405, "method_not_allowed", TR_err_method);
        else
            respond_error(r, out, 404, "not_found", TR_err_not_found);
        return;
    }
    if (r->api) {
        if (rc != DB_OK)
            json_errors(r, out, e, &errs, status_for(rc, &errs));
        else if (done_url)
            out->status = 204;
        else
            json_one(r, out, e, old->id, 200);
        return;
    }
    if (rc == DB_OK) {
        resp_redirect(out, r->a,
                      done_url ? done_url
                               : arena_printf(r->a, "/%s/%lld?saved=1", e->name, (long long)id));
        return;
    }
    out->status = status_for(rc, &errs);
    if (out->status == 200) out->status = 422;
    page_begin(r, out, tr(r->lang, TR_err_summary), e->name);
    render_errors(r, e, &errs, &out->body);
    buf_printf(&out->body, "<p><a href=\"/%s/%lld\">", e->name, (long long)id);
    esc_html(&out->body, tr(r->lang, TR_action_back));
    buf_puts(&out->body, "</a></p>");
    page_end(r, out);
}

static int cmd_retire(req *r, const entity *e, const record *old, errors *errs)
{
    if (!e->retire_column) return COMMAND_NOT_ALLOWED;
    return entity_retire(r, e, old, true, errs);
}
static int cmd_reinstate(req *r, const entity *e, const record *old, errors *errs)
{
    if (!e->retire_column) return COMMAND_NOT_ALLOWED;
    if (e->retire_final) {
        errors_add(errs, -1, TR_err_retire_final, NULL);
        return DB_CONSTRAINT;
    }
    return entity_retire(r, e, old, false, errs);
}
static int cmd_delete(req *r, const entity *e, const record *old, errors *errs)
{
    if (!e->can_delete) return COMMAND_NOT_ALLOWED;
    return entity_delete(r, e, old, errs);
}

/* Marks it done: its status field set to the due date's done value, as an edit would. */
static int cmd_done(req *r, const entity *e, const record *old, errors *errs)
{
    if (!e->due || !e->due->done_value) return COMMAND_NOT_ALLOWED;
    record *rec = record_new(r, e);
    record_set(rec, e, e->due->status_field, e->due->done_value);
    return entity_update(r, e, old, rec, errs);
}
void h_entity_done(req *r, resp *out)
{
    entity_command(r, out, route_entity(r), cmd_done, NULL);
}
void api_entity_done(req *r, resp *out)
{
    h_entity_done(r, out);
}

void h_entity_retire(req *r, resp *out)
{
    entity_command(r, out, route_entity(r), cmd_retire, NULL);
}
void h_entity_reinstate(req *r, resp *out)
{
    entity_command(r, out, route_entity(r), cmd_reinstate, NULL);
}
void h_entity_delete(req *r, resp *out)
{
    const entity *e = route_entity(r);
    entity_command(r, out, e, cmd_delete, e ? arena_printf(r->a, "/%s", e->name) : NULL);
}

/* ---- JSON ---------------------------------------------------------------- */

void api_entity_list(req *r, resp *out)
{
    const entity *e = route_entity(r);
    list_query q;
    db_res *rows = NULL;
    const char *next = NULL;
    if (!load_list(r, out, e, &q, &rows, &next)) return;
    respond_json(out, 200);
    buf_puts(&out->body, "{\"items\":[");
    for (int i = 0; i < rows->nrows; i++) {
        if (i) buf_putc(&out->body, ',');
        entity_json_row(r, e, rows, i, &out->body);
    }
    buf_puts(&out->body, "],\"next\":");
    if (next)
        esc_json_string(&out->body, next);
    else
        buf_puts(&out->body, "null");
    buf_putc(&out->body, '}');
}

void api_entity_show(req *r, resp *out)
{
    const entity *e = route_entity(r);
    db_res *row = NULL;
    record *rec = load_or_404(r, out, e, &row, NULL); /* json_one records the read */
    if (!rec) return;
    json_one(r, out, e, rec->id, 200);
}

void api_entity_create(req *r, resp *out)
{
    const entity *e = route_entity(r);
    if (!e->can_create) {
        respond_error(r, out, 405, "method_not_allowed", TR_err_method);
        return;
    }
    record *rec = record_new(r, e);
    errors errs = {0};
    if (!record_from_json(r, e, rec, true, &errs)) {
        json_errors(r, out, e, &errs, 400);
        return;
    }
    int rc = entity_create(r, e, rec, &errs);
    if (rc != DB_OK) {
        json_errors(r, out, e, &errs, status_for(rc, &errs));
        return;
    }
    resp_header(out, r->a, "Location",
                arena_printf(r->a, "/api/v1/%s/%lld", e->name, (long long)rec->id));
    json_one(r, out, e, rec->id, 201);
}

void api_entity_update(req *r, resp *out)
{
    const entity *e = route_entity(r);
    db_res *row = NULL;
    record *old = load_or_404(r, out, e, &row, NULL);
    if (!old) return;
    if (!e->can_edit) {
        respond_error(r, out, 405, "method_not_allowed", TR_err_method);
        return;
    }
    record *rec = record_new(r, e);
    errors errs = {0};
    if (!record_from_json(r, e, rec, false, &errs)) {
        json_errors(r, out, e, &errs, 400);
        return;
    }
    int rc = entity_update(r, e, old, rec, &errs);
    if (rc != DB_OK) {
        json_errors(r, out, e, &errs, status_for(rc, &errs));
        return;
    }
    json_one(r, out, e, old->id, 200);
}

void api_entity_delete(req *r, resp *out)
{
    h_entity_delete(r, out);
}
void api_entity_retire(req *r, resp *out)
{
    h_entity_retire(r, out);
}
void api_entity_reinstate(req *r, resp *out)
{
    h_entity_reinstate(r, out);
}
