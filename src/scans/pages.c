/* pages.c - what the scan findings show besides the engine's lists and forms: a finding's
 * next step (an action, a risk, or an acceptance), a system's open findings, and the
 * import of a scan file with its preview (the page, the command line and the API share
 * store.c). */
#include "scans.h"
#include "../core/escape.h"
#include "../core/util.h"
#include "../entity/upload.h"
#include "../entity/pick.h"
#include "../http/page.h"
#include "../../build/views/scan_finding_extra.h"
#include "../../build/views/scan_import.h"
#include "../../build/views/scan_preview.h"
#include "../../build/views/scan_system.h"
#include <stdlib.h>
#include <string.h>

void scan_finding_detail_extra(req *r, const entity *e, const record *rec, buf *out)
{
    const char *item = arena_printf(r->a, "%s (%s %s)", record_get(rec, e, "title"),
                                    record_get(rec, e, "host"), record_get(rec, e, "port"));
    view_scan_finding_extra(out, r->lang, r, (long long)rec->id, record_get(rec, e, "unit_id"),
                            item, entity_may_write(r, e, rec));
}

void scans_system_section(req *r, int64_t id, buf *out)
{
    if (!entity_may_read(r, &entity_scan_findings)) return;
    char today[11];
    date_today(today);
    const char *p[] = {tenant_param(r), int_text(r->a, id), today};
    const char *sql = arena_printf(
        r->a,
        "SELECT t.severity, COUNT(*), SUM(CASE WHEN t.due_on < $3 THEN 1 ELSE 0 END) FROM "
        "scan_finding t WHERE t.tenant_id = $1 AND t.system_id = $2 AND t.status = 'open'%s "
        "GROUP BY t.severity",
        entity_read_scope(r, &entity_scan_findings, "t"));
    db_res *res = NULL;
    if (db_query(r->db, r->a, sql, 3, p, &res) != DB_OK) return;
    static const char *const order[] = {"critical", "high", "medium", "low"};
    long long open[4] = {0}, overdue = 0, total = 0;
    for (int i = 0; i < res->nrows; i++) {
        for (int s = 0; s < 4; s++)
            if (!strcmp(db_cell(res, i, 0), order[s])) open[s] = db_cell_int(res, i, 1);
        total += db_cell_int(res, i, 1);
        overdue += db_cell_int(res, i, 2);
    }
    view_scan_system(out, r->lang, (long long)id, open, overdue, total);
}

/* "12 fynd på 3 värdar: 2 nya, 9 kvar, 1 åtgärdat" in the reader's language */
static const char *summary_text(req *r, const scan_result *res)
{
    return arena_printf(
        r->a, "%d %s %d %s: %d %s, %d %s, %d %s", res->findings, tr(r->lang, TR_scan_sum_findings),
        res->hosts, tr(r->lang, TR_scan_sum_hosts), res->new_findings, tr(r->lang, TR_scan_sum_new),
        res->still_open, tr(r->lang, TR_scan_sum_open), res->fixed, tr(r->lang, TR_scan_sum_fixed));
}

/* May the caller import into this unit (NULL: the whole tenant)? */
static bool may_import(req *r, const char *unit_id)
{
    const char *path = unit_id ? unit_path_of(r, unit_id) : NULL;
    if (unit_id && !path) return false;
    return perm_allows(r->auth, ACT_RISK_WRITE, path);
}

static const field *unit_field(void)
{
    return &entity_scan_findings.fields[entity_field(&entity_scan_findings, "unit_id")];
}

static void form_page(req *r, resp *out, const char *problem, const scan_result *res,
                      const char *unit)
{
    page_begin(r, out, tr(r->lang, TR_scan_import_title), "import");
    buf_puts(&out->body, "<h1>");
    esc_html(&out->body, tr(r->lang, TR_scan_import_title));
    buf_puts(&out->body, "</h1>");
    buf field;
    buf_init(&field, 1 << 16);
    pick_form_field(r, unit_field(), unit, false, " aria-describedby=\"unit-help\"", "", &field);
    view_scan_import(&out->body, r->lang, r, problem, res ? res->error_rows : NULL,
                     res ? (res->errors < 20 ? res->errors : 20) : 0,
                     arena_strndup(r->a, field.data ? field.data : "", field.len));
    buf_free(&field);
    page_end(r, out);
}

void h_scan_import_form(req *r, resp *out)
{
    form_page(r, out, NULL, NULL, NULL);
}

/* The unit the form names (typed as a title or an id), NULL for none; *bad when typed
 * but not found. */
static const char *form_unit(req *r, bool *bad)
{
    const char *typed = kv_get(&r->form, "unit_id");
    *bad = false;
    if (!typed || !*typed) return NULL;
    bool ambiguous;
    const char *id = ref_resolve(r, entity_find("units"), typed, &ambiguous);
    *bad = !id;
    return id;
}

static const char *problem_of(req *r, const scan_result *res)
{
    if (res->errors) return arena_printf(r->a, "%d %s", res->errors, tr(r->lang, TR_scan_err_rows));
    return arena_printf(r->a, "%s: %s", tr(r->lang, TR_scan_err_file), res->error);
}

static void result_page(req *r, resp *out, const scan_result *res, const char *upload_id)
{
    page_begin(r, out, tr(r->lang, upload_id ? TR_scan_preview_title : TR_scan_done_title),
               "import");
    buf_puts(&out->body, "<h1>");
    esc_html(&out->body, tr(r->lang, upload_id ? TR_scan_preview_title : TR_scan_done_title));
    buf_puts(&out->body, "</h1>");
    int shown = res->nunmapped < 50 ? res->nunmapped : 50;
    view_scan_preview(&out->body, r->lang, r, summary_text(r, res), scan_format_name(res->format),
                      res->unmapped, shown, res->nunmapped - shown, upload_id,
                      upload_id ? 0 : (long long)res->import_id);
    page_end(r, out);
}

void h_scan_import_preview(req *r, resp *out)
{
    const char *data = kv_get(&r->form, "file");
    size_t len = data ? strlen(data) : 0;
    if (r->binary_part && !strcmp(r->binary_part, "file"))
        data = r->binary_data, len = r->binary_len;
    bool bad_unit;
    const char *unit = form_unit(r, &bad_unit);
    if (bad_unit || !may_import(r, unit)) {
        out->status = 403;
        form_page(r, out, tr(r->lang, TR_scan_err_unit), NULL, kv_get(&r->form, "unit_id"));
        return;
    }
    if (!data || !len || memchr(data, 0, len)) {
        out->status = 422;
        form_page(r, out, tr(r->lang, TR_scan_err_not_scan), NULL, unit);
        return;
    }
    scan_result res;
    if (!scan_import(r, data, len, NULL, NULL, unit, false, &res)) {
        if (res.db_failed) {
            respond_error(r, out, 500, "internal", TR_err_internal);
            return;
        }
        out->status = 422;
        form_page(r, out, problem_of(r, &res), &res, unit);
        return;
    }
    /* kept until confirmed, so that what is imported is what was previewed */
    const char *id =
        upload_keep(r, "scan_findings", arena_strndup(r->a, data, len), unit ? unit : "");
    if (!id) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    result_page(r, out, &res, id);
}

void h_scan_import_commit(req *r, resp *out)
{
    db_res *up = upload_of_route(r, out, "scan_findings");
    if (!up) return;
    /* the unit chosen at the preview, checked again: rights may have changed since */
    const char *unit = db_cell(up, 0, 1) && *db_cell(up, 0, 1) ? db_cell(up, 0, 1) : NULL;
    if (!may_import(r, unit)) {
        respond_error(r, out, 403, "forbidden", TR_scan_err_unit);
        return;
    }
    const char *data = db_cell(up, 0, 0);
    scan_result res;
    if (!scan_import(r, data, strlen(data), NULL, NULL, unit, true, &res)) {
        if (res.db_failed) {
            respond_error(r, out, 500, "internal", TR_err_internal);
            return;
        }
        out->status = 422;
        form_page(r, out, problem_of(r, &res), &res, unit);
        return;
    }
    /* the findings are in (committed by the import): the upload is marked done, or, if
     * that fails, goes with yesterday's leftovers */
    if (db_begin(r->db) != DB_OK || upload_done(r, r->route_args[0], NULL) != DB_OK ||
        db_commit(r->db) != DB_OK)
        db_rollback(r->db);
    result_page(r, out, &res, NULL);
}

void scans_json_refusal(req *r, resp *out, bool db_failed, const char *rows_say, int errors,
                        const char *const *rows, int shown, const char *error)
{
    if (db_failed) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    buf msg;
    buf_init(&msg, 1 << 16);
    if (errors) {
        buf_printf(&msg, "%d %s; nothing was imported", errors, rows_say);
        for (int i = 0; i < errors && i < shown; i++)
            buf_printf(&msg, "; %s", rows[i]);
    } else {
        buf_printf(&msg, "%s; nothing was imported", error);
    }
    json_error(r, out, 422, "invalid", arena_strndup(r->a, msg.data, msg.len));
    buf_free(&msg);
}

void h_api_scan_import(req *r, resp *out)
{
    const char *unit = kv_get(&r->query, "unit_id");
    if (unit && !*unit) unit = NULL;
    const char *preview = kv_get(&r->query, "preview");
    bool commit = !(preview && !strcmp(preview, "1"));
    if (!may_import(r, unit)) {
        json_error(r, out, 403, "forbidden", "you may not import findings into that unit");
        return;
    }
    if (!r->body || !r->body_len || memchr(r->body, 0, r->body_len)) {
        json_error(r, out, 422, "invalid", "the body is not a scan export");
        return;
    }
    const char *name = kv_get(&r->query, "file_name");
    scan_result res;
    if (!scan_import(r, r->body, r->body_len, NULL, name, unit, commit, &res)) {
        scans_json_refusal(r, out, res.db_failed, "rows cannot be findings", res.errors,
                           res.error_rows, 20, res.error);
        return;
    }
    respond_json(out, commit ? 201 : 200);
    buf *b = &out->body;
    buf_printf(b,
               "{\"format\":\"%s\",\"findings\":%d,\"hosts\":%d,\"new\":%d,\"still_open\":%d,"
               "\"fixed\":%d,\"informational\":%d,\"preview\":%s,",
               scan_format_name(res.format), res.findings, res.hosts, res.new_findings,
               res.still_open, res.fixed, res.informational, commit ? "false" : "true");
    if (commit) buf_printf(b, "\"import_id\":%lld,", (long long)res.import_id);
    buf_puts(b, "\"unmapped_hosts\":[");
    for (int i = 0; i < res.nunmapped && i < 50; i++) {
        if (i) buf_putc(b, ',');
        esc_json_string(b, res.unmapped[i]);
    }
    buf_printf(b, "],\"unmapped_count\":%d}", res.nunmapped);
}
