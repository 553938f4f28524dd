/* import.c - CSV import of inventory records (see imports.h). Every row goes through
 * entity_create_in, the same validation, permission check and audit as a form; in a
 * preview the whole transaction is rolled back, on confirmation it commits only when
 * every row passed. Each row has its own savepoint, so that one failing INSERT does not
 * end the transaction on PostgreSQL and the remaining rows are still checked. */
#include "imports.h"
#include "../inventory/inventory.h"
#include "../core/csv.h"
#include "../core/escape.h"
#include "../core/util.h"
#include "../http/page.h"
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum { MAX_COLS = 64, MAX_ROWS = 5000 };

static const entity *const importable[] = {&entity_systems, &entity_assets, &entity_objects,
                                           &entity_processes};
enum { NKINDS = sizeof importable / sizeof importable[0] };

static const entity *kind_of(const char *name)
{
    for (int i = 0; name && i < NKINDS; i++)
        if (!strcmp(importable[i]->name, name)) return importable[i];
    return NULL;
}

/* the field a header names: its Swedish or English label, or its API name */
static int field_for_header(arena *a, const entity *e, const char *header)
{
    /* trimmed on a copy of its own: str_trim moves the start, so never free its result */
    const char *h = str_trim(arena_strdup(a, header));
    int found = -1;
    for (int i = 0; i < e->nfields && found < 0; i++) {
        const field *f = &e->fields[i];
        if (!(f->flags & F_FORM)) continue;
        if (!strcasecmp(h, f->name) || !strcasecmp(h, tr(LANG_SV, f->label)) ||
            !strcasecmp(h, tr(LANG_EN, f->label)))
            found = i;
    }
    return found;
}

/* A spreadsheet's cell as the field's value: enum labels and yes/no words as stored
 * values; empty as NULL. Anything else is left for the validation to judge. */
static const char *cell_value(const field *f, char *cell)
{
    char *v = str_trim(cell);
    if (!*v) return NULL;
    if (f->type == FT_ENUM) {
        for (const enum_opt *o = f->options; o && o->value; o++)
            if (!strcasecmp(v, o->value) || !strcasecmp(v, tr(LANG_SV, o->label)) ||
                !strcasecmp(v, tr(LANG_EN, o->label)))
                return o->value;
    } else if (f->type == FT_BOOL) {
        static const char *const yes[] = {"ja", "yes", "x", "1", "true", "sant"};
        static const char *const no[] = {"nej", "no", "0", "false", "falskt"};
        for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++)
            if (!strcasecmp(v, yes[i])) return "1";
        for (size_t i = 0; i < sizeof no / sizeof no[0]; i++)
            if (!strcasecmp(v, no[i])) return "0";
    }
    return v;
}

typedef struct import_run {
    const entity *e;
    int field_of[MAX_COLS];
    int ncols, rows, bad;
    const char *error; /* about the file as a whole */
    buf table;         /* the preview's rows */
    buf columns;       /* recognised columns, and those ignored */
    buf ignored;
} import_run;

static void row_html(req *r, import_run *run, int line, char **cells, const errors *errs)
{
    buf *b = &run->table;
    buf_printf(b, "<tr%s><td>%d</td>", errs && errs->n ? " class=\"bad\"" : "", line);
    for (int c = 0; c < run->ncols; c++) {
        if (run->field_of[c] < 0) continue;
        buf_puts(b, "<td>");
        const char *v = cells ? cells[c] : "";
        if (utf8_length(v) > 80) v = arena_printf(r->a, "%.80s…", v);
        esc_html(b, v);
        buf_puts(b, "</td>");
    }
    buf_puts(b, "<td>");
    if (!errs || !errs->n) {
        esc_html(b, tr(r->lang, TR_import_ok));
    } else {
        buf_puts(b, "<ul class=\"errors\">");
        for (int i = 0; i < errs->n; i++) {
            buf_puts(b, "<li>");
            if (errs->items[i].field >= 0) {
                esc_html(b, tr(r->lang, run->e->fields[errs->items[i].field].label));
                buf_puts(b, ": ");
            }
            esc_html(b, tr(r->lang, errs->items[i].message));
            if (errs->items[i].detail) {
                buf_puts(b, " (");
                esc_html(b, errs->items[i].detail);
                buf_puts(b, ")");
            }
            buf_puts(b, "</li>");
        }
        buf_puts(b, "</ul>");
    }
    buf_puts(b, "</td></tr>");
}

/* Reads the header line and maps its columns; false with run->error set when the file
 * cannot be imported at all. */
static bool read_header(req *r, import_run *run, csv_reader *c)
{
    char *cells[MAX_COLS];
    int n = csv_next(c, r->a, cells, MAX_COLS);
    if (n <= 0) {
        run->error = n < 0 ? arena_printf(r->a, "%s: %s", tr(r->lang, TR_import_err_csv), c->error)
                           : tr(r->lang, TR_import_err_empty);
        return false;
    }
    run->ncols = n;
    bool seen[128] = {0};
    for (int i = 0; i < n; i++) {
        run->field_of[i] = field_for_header(r->a, run->e, cells[i]);
        if (run->field_of[i] >= 0 && seen[run->field_of[i]]) run->field_of[i] = -1; /* twice */
        if (run->field_of[i] >= 0) {
            seen[run->field_of[i]] = true;
            if (run->columns.len) buf_puts(&run->columns, ", ");
            buf_puts(&run->columns, tr(r->lang, run->e->fields[run->field_of[i]].label));
        } else if (*str_trim(cells[i])) {
            if (run->ignored.len) buf_puts(&run->ignored, ", ");
            buf_puts(&run->ignored, cells[i]);
        }
    }
    buf missing;
    buf_init(&missing, 0);
    for (int i = 0; i < run->e->nfields; i++) {
        const field *f = &run->e->fields[i];
        if ((f->flags & F_FORM) && (f->flags & F_REQUIRED) && !seen[i]) {
            if (missing.len) buf_puts(&missing, ", ");
            buf_puts(&missing, tr(r->lang, f->label));
        }
    }
    if (missing.len)
        run->error =
            arena_printf(r->a, "%s: %s", tr(r->lang, TR_import_err_missing), buf_str(&missing));
    buf_free(&missing);
    return !run->error;
}

/* Runs every row inside one transaction; commits only when asked and all passed.
 * Returns DB_OK, or DB_ERROR when the database failed (not the rows). */
static int run_import(req *r, import_run *run, const char *text, bool commit, const char *upload_id)
{
    csv_reader c;
    csv_init(&c, text, strlen(text), csv_guess_delimiter(text, strlen(text)));
    if (!read_header(r, run, &c)) return DB_OK;
    if (db_begin(r->db) != DB_OK) return DB_ERROR;
    int rc = DB_OK;
    char *cells[MAX_COLS];
    for (;;) {
        int n = csv_next(&c, r->a, cells, MAX_COLS);
        if (n == 0) break;
        if (n < 0) {
            run->error = arena_printf(r->a, "%s (%s %d): %s", tr(r->lang, TR_import_err_csv),
                                      tr(r->lang, TR_import_line), c.line, c.error);
            break;
        }
        if (n == 1 && !*str_trim(cells[0])) continue; /* an empty line */
        if (++run->rows > MAX_ROWS) {
            run->error = tr(r->lang, TR_import_err_too_many);
            break;
        }
        errors errs = {0};
        if (n != run->ncols) {
            errors_add(&errs, -1, TR_import_err_columns, NULL);
            run->bad++;
            row_html(r, run, c.line, NULL, &errs);
            continue;
        }
        record *rec = record_new(r, run->e);
        for (int i = 0; i < n; i++) {
            int fi = run->field_of[i];
            if (fi < 0) continue;
            /* the preview shows the cell as typed; the record gets its value */
            rec->values[fi] = cell_value(&run->e->fields[fi], arena_strdup(r->a, cells[i]));
            rec->present[fi] = true;
        }
        if ((rc = db_exec(r->db, "SAVEPOINT import_row", 0, NULL, NULL)) != DB_OK) break;
        int row_rc = entity_create_in(r, run->e, rec, &errs);
        if (row_rc != DB_OK && !errs.n) errors_add(&errs, -1, TR_err_internal, NULL);
        rc = db_exec(r->db,
                     row_rc == DB_OK ? "RELEASE SAVEPOINT import_row"
                                     : "ROLLBACK TO SAVEPOINT import_row",
                     0, NULL, NULL);
        if (rc != DB_OK) break;
        run->bad += errs.n > 0;
        row_html(r, run, c.line, cells, &errs);
    }
    if (rc == DB_OK && !run->error && !run->rows) run->error = tr(r->lang, TR_import_err_empty);
    if (rc == DB_OK && commit && !run->error && !run->bad) {
        const char *p[] = {upload_id, tenant_param(r)};
        rc = db_exec(r->db, "DELETE FROM import_upload WHERE id = $1 AND tenant_id = $2", 2, p,
                     NULL);
        if (rc == DB_OK)
            rc = entity_audit(
                r, "import", run->e, 0,
                arena_printf(r->a, "%d %s", run->rows, tr(LANG_SV, TR_import_done_rows)), NULL);
        if (rc == DB_OK) return db_commit(r->db);
    }
    db_rollback(r->db);
    return rc;
}

static void kind_select(req *r, buf *b, const char *current)
{
    buf_puts(b, "<div class=\"field\"><label for=\"kind\">");
    esc_html(b, tr(r->lang, TR_import_kind));
    buf_puts(b, "</label><select id=\"kind\" name=\"kind\" required>");
    for (int i = 0; i < NKINDS; i++) {
        buf_printf(b, "<option value=\"%s\"%s>", importable[i]->name,
                   current && !strcmp(current, importable[i]->name) ? " selected" : "");
        esc_html(b, tr(r->lang, importable[i]->label_many));
        buf_puts(b, "</option>");
    }
    buf_puts(b, "</select></div>");
}

static void upload_form(req *r, buf *b, const char *kind)
{
    buf_puts(b, "<form method=\"post\" action=\"/import\" enctype=\"multipart/form-data\" "
                "class=\"form\"><input type=\"hidden\" name=\"_csrf\" value=\"");
    esc_html(b, r->auth->csrf);
    buf_puts(b, "\">");
    kind_select(r, b, kind);
    buf_puts(b, "<div class=\"field\"><label for=\"file\">");
    esc_html(b, tr(r->lang, TR_import_file));
    buf_puts(b, "</label><input type=\"file\" id=\"file\" name=\"file\" accept=\".csv,text/csv,"
                "text/plain\" required></div><div class=\"actions\"><button type=\"submit\" "
                "class=\"primary\">");
    esc_html(b, tr(r->lang, TR_import_preview));
    buf_puts(b, "</button></div></form>");
}

static void page_head(req *r, resp *out, const char *title)
{
    page_begin(r, out, title, "import");
    buf_puts(&out->body, "<h1>");
    esc_html(&out->body, title);
    buf_puts(&out->body, "</h1>");
}

static void error_box(buf *b, const char *message)
{
    buf_puts(b, "<div class=\"error-summary\" role=\"alert\"><p>");
    esc_html(b, message);
    buf_puts(b, "</p></div>");
}

void h_import_form(req *r, resp *out)
{
    page_head(r, out, tr(r->lang, TR_import_title));
    buf_puts(&out->body, "<p class=\"lead\">");
    esc_html(&out->body, tr(r->lang, TR_import_intro));
    buf_puts(&out->body, "</p>");
    upload_form(r, &out->body, kv_get(&r->query, "kind"));
    page_end(r, out);
}

/* The preview: counts, the rows with their errors, and either the confirm button (all
 * rows pass) or the way back. */
static void preview_page(req *r, resp *out, import_run *run, const char *upload_id,
                         const char *extra_error)
{
    page_head(r, out, tr(r->lang, TR_import_preview_title));
    buf *b = &out->body;
    if (extra_error) error_box(b, extra_error);
    if (run->error) error_box(b, run->error);
    buf_puts(b, "<dl class=\"detail\"><dt>");
    esc_html(b, tr(r->lang, TR_import_kind));
    buf_puts(b, "</dt><dd>");
    esc_html(b, tr(r->lang, run->e->label_many));
    buf_puts(b, "</dd><dt>");
    esc_html(b, tr(r->lang, TR_import_columns));
    buf_puts(b, "</dt><dd>");
    esc_html(b, run->columns.len ? buf_str(&run->columns) : "—");
    buf_puts(b, "</dd>");
    if (run->ignored.len) {
        buf_puts(b, "<dt>");
        esc_html(b, tr(r->lang, TR_import_ignored));
        buf_puts(b, "</dt><dd>");
        esc_html(b, buf_str(&run->ignored));
        buf_puts(b, "</dd>");
    }
    buf_printf(b, "</dl><p><strong>%d</strong> ", run->rows - run->bad);
    esc_html(b, tr(r->lang, TR_import_rows_ok));
    buf_printf(b, ", <strong>%d</strong> ", run->bad);
    esc_html(b, tr(r->lang, TR_import_rows_bad));
    buf_puts(b, ".</p>");
    bool ok = !run->error && !run->bad && upload_id;
    if (ok) {
        buf_printf(b, "<form method=\"post\" action=\"/import/%s\" class=\"form\">", upload_id);
        buf_puts(b, "<input type=\"hidden\" name=\"_csrf\" value=\"");
        esc_html(b, r->auth->csrf);
        buf_puts(b, "\"><div class=\"actions\"><button type=\"submit\" class=\"primary\">");
        esc_html(b, tr(r->lang, TR_import_confirm));
        buf_puts(b, "</button> <a href=\"/import\">");
        esc_html(b, tr(r->lang, TR_action_cancel));
        buf_puts(b, "</a></div></form>");
    } else {
        buf_puts(b, "<p class=\"notice warn\">");
        esc_html(b, tr(r->lang, TR_import_fix));
        buf_puts(b, "</p>");
    }
    if (run->table.len) {
        buf_puts(b, "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"");
        esc_html(b, tr(r->lang, TR_import_preview_title));
        buf_puts(b, "\"><table class=\"list import\"><thead><tr><th scope=\"col\">");
        esc_html(b, tr(r->lang, TR_import_line));
        buf_puts(b, "</th>");
        for (int c = 0; c < run->ncols; c++) {
            if (run->field_of[c] < 0) continue;
            buf_puts(b, "<th scope=\"col\">");
            esc_html(b, tr(r->lang, run->e->fields[run->field_of[c]].label));
            buf_puts(b, "</th>");
        }
        buf_puts(b, "<th scope=\"col\">");
        esc_html(b, tr(r->lang, TR_import_result));
        buf_puts(b, "</th></tr></thead><tbody>");
        buf_append(b, run->table.data, run->table.len);
        buf_puts(b, "</tbody></table></div>");
    }
    if (!ok) upload_form(r, b, run->e->name);
    page_end(r, out);
}

static void run_init(import_run *run, const entity *e)
{
    memset(run, 0, sizeof *run);
    run->e = e;
    buf_init(&run->table, 0);
    buf_init(&run->columns, 0);
    buf_init(&run->ignored, 0);
}

static void run_free(import_run *run)
{
    buf_free(&run->table);
    buf_free(&run->columns);
    buf_free(&run->ignored);
}

void h_import_preview(req *r, resp *out)
{
    const entity *e = kind_of(kv_get(&r->form, "kind"));
    const char *file = kv_get(&r->form, "file");
    bool binary = r->binary_part && !strcmp(r->binary_part, "file"); /* NUL bytes: not text */
    const char *problem = !e                     ? tr(r->lang, TR_import_err_kind)
                          : binary               ? tr(r->lang, TR_import_err_text)
                          : !file || !*file      ? tr(r->lang, TR_import_err_file)
                                                 : NULL;
    char *text = problem ? NULL : text_to_utf8(r->a, file, strlen(file));
    if (!problem && !text) problem = tr(r->lang, TR_import_err_text);
    if (problem) {
        out->status = 422;
        page_head(r, out, tr(r->lang, TR_import_title));
        error_box(&out->body, problem);
        upload_form(r, &out->body, e ? e->name : NULL);
        page_end(r, out);
        return;
    }
    import_run run;
    run_init(&run, e);
    if (run_import(r, &run, text, false, NULL) != DB_OK) {
        run_free(&run);
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    const char *upload_id = NULL;
    if (!run.error && !run.bad) {
        /* kept for the confirmation; yesterday's leftovers go */
        char now[21], old[21];
        time_now_iso(now);
        time_iso_from(time(NULL) - 86400, old);
        const char *p[] = {tenant_param(r),
                           arena_printf(r->a, "%lld", (long long)r->auth->account_id),
                           e->name,
                           text,
                           arena_strdup(r->a, now),
                           arena_strdup(r->a, old)};
        db_res *res = NULL;
        if (db_begin(r->db) == DB_OK &&
            db_exec(r->db, "DELETE FROM import_upload WHERE created_at < $1", 1, p + 5, NULL) ==
                DB_OK &&
            db_query(r->db, r->a,
                     "INSERT INTO import_upload (tenant_id, account_id, entity, content, "
                     "created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                     5, p, &res) == DB_OK &&
            db_commit(r->db) == DB_OK)
            upload_id = db_cell(res, 0, 0);
        else
            db_rollback(r->db);
    }
    if (run.error || run.bad) out->status = 422;
    preview_page(r, out, &run, upload_id, NULL);
    run_free(&run);
}

void h_import_commit(req *r, resp *out)
{
    const char *p[] = {r->route_args[0], tenant_param(r),
                       arena_printf(r->a, "%lld", (long long)r->auth->account_id)};
    db_res *up = NULL;
    if (db_query(r->db, r->a,
                 "SELECT entity, content FROM import_upload WHERE id = $1 AND tenant_id = $2 AND "
                 "account_id = $3",
                 3, p, &up) != DB_OK ||
        !up->nrows || !kind_of(db_cell(up, 0, 0))) {
        out->status = 404;
        page_head(r, out, tr(r->lang, TR_import_title));
        error_box(&out->body, tr(r->lang, TR_import_err_gone));
        upload_form(r, &out->body, NULL);
        page_end(r, out);
        return;
    }
    import_run run;
    run_init(&run, kind_of(db_cell(up, 0, 0)));
    if (run_import(r, &run, db_cell(up, 0, 1), true, p[0]) != DB_OK) {
        run_free(&run);
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    if (run.error || run.bad) {
        out->status = 422;
        preview_page(r, out, &run, NULL, tr(r->lang, TR_import_err_changed));
        run_free(&run);
        return;
    }
    page_head(r, out, tr(r->lang, TR_import_done));
    buf_printf(&out->body, "<p class=\"flash\" role=\"status\"><strong>%d</strong> ", run.rows);
    esc_html(&out->body, tr(r->lang, TR_import_done_rows));
    buf_printf(&out->body, "</p><p><a class=\"button\" href=\"/%s\">", run.e->name);
    esc_html(&out->body, tr(r->lang, TR_import_show));
    buf_puts(&out->body, "</a></p>");
    page_end(r, out);
    run_free(&run);
}
