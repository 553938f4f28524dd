/* signal_pages.c - directory and device exports in the web UI: an AD/Entra ID account
 * export or an Intune/MDM device export uploaded under Import, previewed (every count as
 * the import would make it, nothing kept), then imported as it was previewed (the file is
 * kept until confirmed, for its uploader only); and the lägesbild's card of open directory
 * and device findings by check with the trend between the last two imports of each. One
 * flow for both kinds, read from their descriptors (signal_kind); the imports themselves
 * are hygiene_store.c's and devices_store.c's, shared with the CLI and the API. */
#include "scans.h"
#include "../core/util.h"
#include "../entity/upload.h"
#include "../http/page.h"
#include "../../build/views/signal_import.h"
#include "../../build/views/signal_preview.h"
#include "../../build/views/hygiene_card.h"
#include <stdlib.h>
#include <string.h>

/* whoever may write risks imports; false after answering 403 */
static bool may_import(req *r, resp *out)
{
    if (perm_allows(r->auth, ACT_RISK_WRITE, NULL)) return true;
    respond_error(r, out, 403, "forbidden", TR_err_forbidden);
    return false;
}

static void form_page(req *r, resp *out, const signal_kind *k, const char *problem,
                      const signal_result *res)
{
    page_begin(r, out, tr(r->lang, k->title), "import");
    view_signal_import(&out->body, r->lang, r, k, problem, res ? res->error_rows : NULL,
                       res ? (res->errors < SIGNAL_ERROR_ROWS ? res->errors : SIGNAL_ERROR_ROWS)
                           : 0);
    page_end(r, out);
}

void signal_page_form(req *r, resp *out, const signal_kind *k)
{
    if (may_import(r, out)) form_page(r, out, k, NULL, NULL);
}

static void result_page(req *r, resp *out, const signal_kind *k, const signal_result *res,
                        const char *upload_id)
{
    const char *title = tr(r->lang, upload_id ? k->preview_title : k->done_title);
    page_begin(r, out, title, "import");
    view_signal_preview(&out->body, r->lang, r, k, title, res, upload_id);
    page_end(r, out);
}

/* The import refused the file (422 with its rows, or its problem, on the form) or the
 * database failed (500). */
static void refused(req *r, resp *out, const signal_kind *k, const signal_result *res)
{
    if (res->db_failed) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    out->status = 422;
    form_page(r, out, k,
              res->errors ? arena_printf(r->a, "%d %s", res->errors, tr(r->lang, TR_hyg_err_rows))
                          : arena_printf(r->a, "%s: %s", tr(r->lang, TR_scan_err_file), res->error),
              res);
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

void signal_page_preview(req *r, resp *out, const signal_kind *k)
{
    if (!may_import(r, out)) return;
    size_t len;
    const char *data = uploaded(r, &len);
    if (!data || !len || memchr(data, 0, len)) {
        out->status = 422;
        form_page(r, out, k, tr(r->lang, k->no_file), NULL);
        return;
    }
    signal_result res;
    if (!k->import(r, data, len, NULL, false, &res)) {
        refused(r, out, k, &res);
        return;
    }
    /* kept until confirmed, so that what is imported is what was previewed */
    const char *id = upload_keep(r, k->name, arena_strndup(r->a, data, len), NULL);
    if (!id) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    result_page(r, out, k, &res, id);
}

void signal_page_commit(req *r, resp *out, const signal_kind *k)
{
    db_res *up = upload_of_route(r, out, k->name);
    if (!up) return;
    if (!may_import(r, out)) return; /* rights may have changed since the preview */
    const char *data = db_cell(up, 0, 0);
    signal_result res;
    if (!k->import(r, data, strlen(data), NULL, true, &res)) {
        refused(r, out, k, &res);
        return;
    }
    /* the findings are in (committed by the import): the upload is marked done, or, if
     * that fails, goes with yesterday's leftovers */
    if (db_begin(r->db) != DB_OK || upload_done(r, r->route_args[0], NULL) != DB_OK ||
        db_commit(r->db) != DB_OK)
        db_rollback(r->db);
    result_page(r, out, k, &res, NULL);
}

/* The kind an /import/NAME… address names; routes exist only for the kinds. */
static const signal_kind *kind_of(req *r)
{
    const char *name = r->path + strlen("/import/");
    for (const signal_kind *const *k = signal_kinds; *k; k++) {
        size_t n = strlen((*k)->name);
        if (!strncmp(name, (*k)->name, n) && (name[n] == 0 || name[n] == '/')) return *k;
    }
    return signal_kinds[0];
}

void h_signal_import_form(req *r, resp *out)
{
    signal_page_form(r, out, kind_of(r));
}
void h_signal_import_preview(req *r, resp *out)
{
    signal_page_preview(r, out, kind_of(r));
}
void h_signal_import_commit(req *r, resp *out)
{
    signal_page_commit(r, out, kind_of(r));
}

/* The lägesbild's card: of each kind, the open findings by check (plugin), within the
 * reader's read scope, and the last two imports, for the trend. */
static bool card_figures(req *r, const signal_kind *k, signal_card *c)
{
    c->k = k;
    c->days = k->days(r);
    const char *p[] = {tenant_param(r), k->host};
    db_res *res = NULL;
    if (db_query(r->db, r->a,
                 arena_printf(r->a,
                              "SELECT t.plugin, COUNT(*) FROM scan_finding t WHERE t.tenant_id = "
                              "$1 AND t.host = $2 AND t.status = 'open'%s GROUP BY t.plugin",
                              entity_read_scope(r, &entity_scan_findings, "t")),
                 2, p, &res) != DB_OK)
        return false;
    for (int check = 0; check < SIGNAL_CHECKS; check++) {
        c->open[check] = 0;
        for (int i = 0; i < res->nrows; i++)
            if (!strcmp(db_cell(res, i, 0), k->check_code(check)))
                c->open[check] = db_cell_int(res, i, 1);
    }
    const char *q[] = {tenant_param(r), k->format};
    db_res *imports = NULL;
    if (db_query(r->db, r->a,
                 arena_printf(r->a,
                              "SELECT t.findings, t.scanned_on FROM scan_import t WHERE "
                              "t.tenant_id = $1 AND t.format = $2%s ORDER BY t.id DESC LIMIT 2",
                              entity_read_scope(r, &entity_scan_imports, "t")),
                 2, q, &imports) != DB_OK)
        return false;
    c->last = imports->nrows > 0 ? db_cell_int(imports, 0, 0) : -1;
    c->previous = imports->nrows > 1 ? db_cell_int(imports, 1, 0) : -1;
    c->last_on = imports->nrows > 0 ? db_cell(imports, 0, 1) : NULL;
    c->previous_on = imports->nrows > 1 ? db_cell(imports, 1, 1) : NULL;
    return true;
}

void hygiene_dashboard_section(req *r, buf *out)
{
    /* the directory and the devices are the tenant's: shown to those who read every finding
     * (as risks) */
    if (!entity_may_read(r, &entity_scan_findings) || !perm_allows(r->auth, ACT_RISK_READ, NULL))
        return;
    signal_card cards[SIGNAL_KINDS];
    int n = 0;
    for (const signal_kind *const *k = signal_kinds; *k && n < SIGNAL_KINDS; k++, n++)
        if (!card_figures(r, *k, &cards[n])) return;
    view_hygiene_card(out, r->lang, cards, n);
}
