/* hygiene_pages.c - directory hygiene in the web UI: an AD or Entra ID account export
 * uploaded under Import, previewed (every count as the import would make it, nothing kept),
 * then imported as it was previewed (the file is kept until confirmed, for its uploader
 * only); and the lägesbild's card of open directory findings by check with the trend between
 * the last two imports. The import itself is hygiene_store.c's, shared with the CLI and API. */
#include "scans.h"
#include "../core/util.h"
#include "../entity/upload.h"
#include "../http/page.h"
#include "../../build/views/hygiene_import.h"
#include "../../build/views/hygiene_preview.h"
#include "../../build/views/hygiene_card.h"
#include <stdlib.h>
#include <string.h>

static bool may_import(req *r)
{
    return perm_allows(r->auth, ACT_RISK_WRITE, NULL);
}

static void form_page(req *r, resp *out, const char *problem, const hygiene_result *res)
{
    page_begin(r, out, tr(r->lang, TR_hyg_import_title), "import");
    view_hygiene_import(&out->body, r->lang, r, problem, res ? res->error_rows : NULL,
                        res ? (res->errors < 20 ? res->errors : 20) : 0);
    page_end(r, out);
}

void h_hygiene_import_form(req *r, resp *out)
{
    if (!may_import(r)) {
        respond_error(r, out, 403, "forbidden", TR_err_forbidden);
        return;
    }
    form_page(r, out, NULL, NULL);
}

static const char *problem_of(req *r, const hygiene_result *res)
{
    if (res->errors) return arena_printf(r->a, "%d %s", res->errors, tr(r->lang, TR_hyg_err_rows));
    return arena_printf(r->a, "%s: %s", tr(r->lang, TR_scan_err_file), res->error);
}

static void result_page(req *r, resp *out, const hygiene_result *res, const char *upload_id)
{
    tr_key title = upload_id ? TR_hyg_preview_title : TR_hyg_done_title;
    page_begin(r, out, tr(r->lang, title), "import");
    view_hygiene_preview(&out->body, r->lang, r, tr(r->lang, title), res->accounts,
                         res->counts[HYG_INACTIVE], res->counts[HYG_NEVER_USED],
                         res->counts[HYG_PRIVILEGED], res->days, res->new_findings, res->still_open,
                         res->fixed, upload_id);
    page_end(r, out);
}

/* the uploaded file: a multipart file part, or a text field */
static const char *uploaded(req *r, size_t *len)
{
    const char *data = kv_get(&r->form, "file");
    *len = data ? strlen(data) : 0;
    if (r->binary_part && !strcmp(r->binary_part, "file"))
        data = r->binary_data, *len = r->binary_len;
    return data;
}

void h_hygiene_import_preview(req *r, resp *out)
{
    if (!may_import(r)) {
        respond_error(r, out, 403, "forbidden", TR_err_forbidden);
        return;
    }
    size_t len;
    const char *data = uploaded(r, &len);
    if (!data || !len || memchr(data, 0, len)) {
        out->status = 422;
        form_page(r, out, tr(r->lang, TR_hyg_err_no_file), NULL);
        return;
    }
    hygiene_result res;
    if (!hygiene_import(r, data, len, NULL, false, &res)) {
        if (res.db_failed) {
            respond_error(r, out, 500, "internal", TR_err_internal);
            return;
        }
        out->status = 422;
        form_page(r, out, problem_of(r, &res), &res);
        return;
    }
    /* kept until confirmed, so that what is imported is what was previewed */
    const char *id = upload_keep(r, "directory", arena_strndup(r->a, data, len), NULL);
    if (!id) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    result_page(r, out, &res, id);
}

void h_hygiene_import_commit(req *r, resp *out)
{
    bool failed = false;
    db_res *up = upload_load(r, r->route_args[0], "directory", &failed);
    if (failed) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    if (!up) {
        respond_error(r, out, 404, "not_found", TR_err_not_found);
        return;
    }
    if (!may_import(r)) { /* rights may have changed since the preview */
        respond_error(r, out, 403, "forbidden", TR_err_forbidden);
        return;
    }
    const char *data = db_cell(up, 0, 0);
    hygiene_result res;
    if (!hygiene_import(r, data, strlen(data), NULL, true, &res)) {
        if (res.db_failed) {
            respond_error(r, out, 500, "internal", TR_err_internal);
            return;
        }
        out->status = 422;
        form_page(r, out, problem_of(r, &res), &res);
        return;
    }
    /* the findings are in (committed by the import): the upload is marked done, or, if
     * that fails, goes with yesterday's leftovers */
    if (db_begin(r->db) != DB_OK || upload_done(r, r->route_args[0], NULL) != DB_OK ||
        db_commit(r->db) != DB_OK)
        db_rollback(r->db);
    result_page(r, out, &res, NULL);
}

/* The lägesbild's card. Open findings of the host by check (plugin), within the reader's read
 * scope; and the last two imports of the format, for the trend. */
static bool host_counts(req *r, const char *host, const char *format, const char *const *checks,
                        int nchecks, long long *open, long long *last, long long *previous,
                        const char **last_on, const char **previous_on)
{
    const char *p[] = {tenant_param(r), host};
    db_res *res = NULL;
    if (db_query(r->db, r->a,
                 arena_printf(r->a,
                              "SELECT t.plugin, COUNT(*) FROM scan_finding t WHERE t.tenant_id = "
                              "$1 AND t.host = $2 AND t.status = 'open'%s GROUP BY t.plugin",
                              entity_read_scope(r, &entity_scan_findings, "t")),
                 2, p, &res) != DB_OK)
        return false;
    for (int c = 0; c < nchecks; c++) {
        open[c] = 0;
        for (int i = 0; i < res->nrows; i++)
            if (!strcmp(db_cell(res, i, 0), checks[c])) open[c] = db_cell_int(res, i, 1);
    }
    const char *q[] = {tenant_param(r), format};
    db_res *imports = NULL;
    if (db_query(r->db, r->a,
                 arena_printf(r->a,
                              "SELECT t.findings, t.scanned_on FROM scan_import t WHERE "
                              "t.tenant_id = $1 AND t.format = $2%s ORDER BY t.id DESC LIMIT 2",
                              entity_read_scope(r, &entity_scan_imports, "t")),
                 2, q, &imports) != DB_OK)
        return false;
    *last = imports->nrows > 0 ? db_cell_int(imports, 0, 0) : -1;
    *previous = imports->nrows > 1 ? db_cell_int(imports, 1, 0) : -1;
    *last_on = imports->nrows > 0 ? db_cell(imports, 0, 1) : NULL;
    *previous_on = imports->nrows > 1 ? db_cell(imports, 1, 1) : NULL;
    return true;
}

void hygiene_dashboard_section(req *r, buf *out)
{
    /* the directory is the tenant's: shown to those who read every finding (as risks) */
    if (!entity_may_read(r, &entity_scan_findings) || !perm_allows(r->auth, ACT_RISK_READ, NULL))
        return;
    static const char *const checks[] = {"inactive", "never-used", "privileged"};
    long long open[3], last, previous;
    const char *last_on, *previous_on;
    if (!host_counts(r, HYGIENE_HOST, "Directory (CSV)", checks, 3, open, &last, &previous,
                     &last_on, &previous_on))
        return;
    static const char *const device_checks[] = {"unmanaged", "noncompliant", "stale"};
    long long dopen[3], dlast, dprevious;
    const char *dlast_on, *dprevious_on;
    if (!host_counts(r, DEVICES_HOST, DEVICES_FORMAT, device_checks, 3, dopen, &dlast, &dprevious,
                     &dlast_on, &dprevious_on))
        return;
    view_hygiene_card(out, r->lang, open, last, previous, last_on, previous_on, dopen, dlast,
                      dprevious, dlast_on, dprevious_on);
}
