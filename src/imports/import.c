/* import.c - the import pages (see imports.h): the upload form, the preview with its
 * column mapping and duplicate choices, the import of the good rows, and the rejected
 * rows as a file. The file is decoded once (decode.c, xlsx_read.c) and kept as UTF-8 CSV
 * in import_upload's pieces, so that what is imported is exactly what was previewed. The
 * file is never held whole: it arrives in a temporary file (ROUTE_STREAM_UPLOAD), is
 * decoded a piece at a time into the database, and each run reads it back a record at a
 * time, so that memory stays the same for a file of 1 MB or 50 MB. */
#include "imports.h"
#include "decode.h"
#include "run.h"
#include "../../build/views/import_fixes.h"
#include "../entity/upload.h"
#include "xlsx_read.h"
#include "../inventory/inventory.h"
#include "../core/escape.h"
#include "../core/util.h"
#include "../http/page.h"
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static const entity *const importable[] = {&entity_systems, &entity_assets, &entity_objects,
                                           &entity_processes};
enum { NKINDS = sizeof importable / sizeof importable[0] };

static const entity *kind_of(const char *name)
{
    for (int i = 0; name && i < NKINDS; i++)
        if (!strcmp(importable[i]->name, name)) return importable[i];
    return NULL;
}

/* "1 rad", "2 rader" */
static const char *count_text(req *r, int n, tr_key one, tr_key many)
{
    return arena_printf(r->a, "%d %s", n, tr(r->lang, n == 1 ? one : many));
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

static void csrf_field(req *r, buf *b)
{
    buf_puts(b, "<input type=\"hidden\" name=\"_csrf\" value=\"");
    esc_html(b, r->auth->csrf);
    buf_puts(b, "\">");
}

static void upload_form(req *r, buf *b, const char *kind)
{
    buf_puts(b, "<form method=\"post\" action=\"/import\" enctype=\"multipart/form-data\" "
                "class=\"form\">");
    csrf_field(r, b);
    kind_select(r, b, kind);
    buf_puts(b, "<div class=\"field\"><label for=\"file\">");
    esc_html(b, tr(r->lang, TR_import_file));
    buf_puts(b, "</label><p class=\"help\" id=\"file-help\">");
    esc_html(b, tr(r->lang, TR_import_limit));
    buf_puts(b, "</p><input type=\"file\" id=\"file\" name=\"file\" aria-describedby=\"file-help\" "
                "accept=\".xlsx,.csv,.txt,text/csv,text/plain,application/"
                "vnd.openxmlformats-officedocument.spreadsheetml.sheet\" required></div>"
                "<div class=\"actions\"><button type=\"submit\" class=\"primary\">");
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
    /* scan exports are findings, not rows of a register: their own import (src/scans) */
    buf_puts(&out->body, "<p><a href=\"/import/scan\">");
    esc_html(&out->body, tr(r->lang, TR_scan_import_link));
    buf_puts(&out->body, "</a></p><p><a href=\"/import/directory\">");
    esc_html(&out->body, tr(r->lang, TR_hyg_import_link));
    buf_puts(&out->body, "</a></p><p><a href=\"/import/devices\">");
    esc_html(&out->body, tr(r->lang, TR_dev_import_link));
    buf_puts(&out->body, "</a></p><p><a href=\"/import/people\">");
    esc_html(&out->body, tr(r->lang, TR_people_import_link));
    buf_puts(&out->body, "</a></p>");
    page_end(r, out);
}

static void refuse(req *r, resp *out, int status, const char *problem, const char *kind)
{
    out->status = status;
    page_head(r, out, tr(r->lang, TR_import_title));
    error_box(&out->body, problem);
    upload_form(r, &out->body, kind);
    page_end(r, out);
}

static void mapping_select(req *r, buf *b, const import_run *run, int col)
{
    buf_printf(b, "<th scope=\"col\"><label for=\"map_%d\">", col);
    esc_html(b, *run->header[col] ? run->header[col] : tr(r->lang, TR_import_column));
    buf_printf(b, "</label><select id=\"map_%d\" name=\"map_%d\">", col, col);
    int f = run->field_of[col];
    buf_printf(b, "<option value=\"\"%s>", f == COL_IGNORE ? " selected" : "");
    esc_html(b, tr(r->lang, TR_import_map_ignore));
    buf_printf(b, "</option><option value=\"id\"%s>", f == COL_ID ? " selected" : "");
    esc_html(b, tr(r->lang, TR_import_map_id));
    buf_puts(b, "</option>");
    for (int i = 0; i < run->e->nfields; i++) {
        if (!(run->e->fields[i].flags & F_FORM)) continue;
        buf_printf(b, "<option value=\"%s\"%s>", run->e->fields[i].name, f == i ? " selected" : "");
        esc_html(b, tr(r->lang, run->e->fields[i].label));
        buf_puts(b, "</option>");
    }
    buf_puts(b, "</select></th>");
}

/* The preview: counts, the mapping, each row with its errors first, and the import of
 * the good rows. */
static void preview_page(req *r, resp *out, import_run *run, const char *upload_id,
                         const char *format, const char *extra_error)
{
    page_head(r, out, tr(r->lang, TR_import_preview_title));
    buf *b = &out->body;
    if (extra_error) error_box(b, extra_error);
    if (run->error) error_box(b, run->error);
    int good = run->created + run->updated;
    buf_puts(b, "<dl class=\"detail\"><dt>");
    esc_html(b, tr(r->lang, TR_import_kind));
    buf_puts(b, "</dt><dd>");
    esc_html(b, tr(r->lang, run->e->label_many));
    buf_puts(b, "</dd>");
    if (format) {
        buf_puts(b, "<dt>");
        esc_html(b, tr(r->lang, TR_import_encoding));
        buf_puts(b, "</dt><dd>");
        esc_html(b, format);
        buf_puts(b, "</dd>");
    }
    if (run->header_line > 1) { /* a title above the column names, left out */
        buf_puts(b, "<dt>");
        esc_html(b, tr(r->lang, TR_import_header_names));
        buf_puts(b, "</dt><dd id=\"header-line\">");
        esc_html(b, tr(r->lang, TR_import_header_on_line));
        buf_printf(b, " %d. ", run->header_line);
        esc_html(b, tr(r->lang, TR_import_header_above));
        buf_puts(b, "</dd>");
    }
    buf_puts(b, "</dl><p class=\"import-counts\">");
    esc_html(b, count_text(r, good, TR_import_rows_ok_one, TR_import_rows_ok_many));
    buf_puts(b, ", ");
    esc_html(b, count_text(r, run->bad, TR_import_rows_bad_one, TR_import_rows_bad_many));
    if (run->skipped) {
        buf_puts(b, ", ");
        esc_html(b, count_text(r, run->skipped, TR_import_skipped_one, TR_import_skipped_many));
    }
    buf_puts(b, ".</p>");
    if (upload_id && run->ncols) {
        buf_printf(b, "<form method=\"post\" action=\"/import/%s\" class=\"form import-preview\">",
                   upload_id);
        csrf_field(r, b);
        buf_printf(b, "<input type=\"hidden\" name=\"expect\" value=\"%d\">", good);
        if (run->nunknown) view_import_fixes(b, r->lang, run->unknown, run->nunknown, run->header);
        buf_puts(b, "<p class=\"help\">");
        esc_html(b, tr(r->lang, TR_import_mapping_help));
        buf_puts(b, "</p><div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"");
        esc_html(b, tr(r->lang, TR_import_preview_title));
        buf_puts(b, "\"><table class=\"list import\"><thead><tr><th scope=\"col\">");
        esc_html(b, tr(r->lang, TR_import_line));
        buf_puts(b, "</th><th scope=\"col\">");
        esc_html(b, tr(r->lang, TR_import_result));
        buf_puts(b, "</th><th scope=\"col\">");
        esc_html(b, tr(r->lang, TR_import_dup_choice));
        buf_puts(b, "</th>");
        for (int c = 0; c < run->ncols; c++)
            mapping_select(r, b, run, c);
        buf_puts(b, "</tr></thead><tbody>");
        buf_append(b, run->table.data, run->table.len);
        buf_puts(b, "</tbody></table></div>");
        if (run->hidden) {
            buf_puts(b, "<p>");
            esc_html(b, tr(r->lang, TR_import_more_rows));
            buf_printf(b, ": %d</p>", run->hidden);
        }
        if (run->bad && good && !run->error) {
            buf_puts(b, "<p class=\"notice warn\">");
            esc_html(b, tr(r->lang, TR_import_bad_left));
            buf_puts(b, "</p>");
        }
        buf_puts(b, "<div class=\"actions\">");
        if (good && !run->error) {
            buf_puts(b,
                     "<button type=\"submit\" name=\"step\" value=\"import\" class=\"primary\">");
            esc_html(b, tr(r->lang, TR_import_confirm));
            buf_puts(b, "</button> ");
        }
        buf_puts(b, "<button type=\"submit\" name=\"step\" value=\"remap\">");
        esc_html(b, tr(r->lang, TR_import_remap));
        buf_puts(b, "</button> <a href=\"/import\">");
        esc_html(b, tr(r->lang, TR_action_cancel));
        buf_puts(b, "</a></div></form>");
    }
    if (!good || run->error) {
        buf_puts(b, "<p class=\"notice warn\">");
        esc_html(b, tr(r->lang, TR_import_fix));
        buf_puts(b, "</p>");
        upload_form(r, b, run->e->name);
    }
    page_end(r, out);
}

static const char *xlsx_problem(req *r, xlsx_status st)
{
    return st == XLSX_OK         ? NULL
           : st == XLSX_NOT_ZIP  ? tr(r->lang, TR_import_err_xlsx_zip)
           : st == XLSX_NO_SHEET ? tr(r->lang, TR_import_err_xlsx_sheet)
           : st == XLSX_TOO_MANY ? tr(r->lang, TR_import_err_too_many)
                                 : tr(r->lang, TR_import_err_xlsx_xml);
}

static const char *encoding_name(req *r, text_encoding enc)
{
    return tr(r->lang, enc == ENC_UTF8       ? TR_import_enc_utf8
                       : enc == ENC_UTF8_BOM ? TR_import_enc_utf8_bom
                       : enc == ENC_CP1252   ? TR_import_enc_cp1252
                                             : TR_import_enc_utf16);
}

/* Why a decoded file cannot be trusted, with its line; NULL when it can. */
static const char *decode_problem_text(req *r, const decoded *d)
{
    const char *line = tr(r->lang, TR_import_line);
    switch (d->problem) {
    case DECODE_OK:
        return NULL;
    case DECODE_BINARY:
        return tr(r->lang, TR_import_err_text);
    case DECODE_MIXED:
        return arena_printf(r->a, "%s %d: %s", line, d->line, tr(r->lang, TR_import_err_mixed));
    case DECODE_BAD_UTF16:
        return arena_printf(r->a, "%s %d: %s", line, d->line, tr(r->lang, TR_import_err_utf16));
    case DECODE_QUESTION:
        return arena_printf(r->a, "%s %d: %s (\"%s\"). %s", line, d->line,
                            tr(r->lang, TR_import_err_question), d->word,
                            tr(r->lang, TR_import_err_question_fix));
    }
    return NULL;
}

const char *import_file_text(req *r, const char *data, size_t len, const char **format,
                             const char **problem)
{
    *problem = NULL;
    if (!data || !len) {
        *problem = tr(r->lang, TR_import_err_file);
        return NULL;
    }
    if (xlsx_looks_like_zip(data, len)) {
        char *csv = NULL;
        *format = tr(r->lang, TR_import_enc_xlsx);
        *problem = xlsx_problem(r, xlsx_to_csv(r->a, data, len, MAX_ROWS + 1, &csv));
        return *problem ? NULL : csv;
    }
    decoded d;
    import_decode(r->a, data, len, &d);
    *format = encoding_name(r, d.encoding);
    *problem = decode_problem_text(r, &d);
    return *problem ? NULL : d.text;
}

/* The file as sent: streamed to a temporary file (req.upload), or in memory (the form's
 * field, or its bytes when they are not text: a request made without the server, as the
 * tests and fuzzers make them). */
typedef struct sent_file {
    const char *data; /* NULL: in the file */
    int fd;
    size_t offset, len;
} sent_file;

static size_t sent_read(void *ctx, size_t at, char *out, size_t n)
{
    const sent_file *f = ctx;
    if (f->data) {
        memcpy(out, f->data + at, n);
        return n;
    }
    ssize_t got = pread(f->fd, out, n, (off_t)(f->offset + at));
    return got < 0 ? 0 : (size_t)got;
}

static sent_file file_sent(req *r)
{
    if (r->upload.name && !strcmp(r->upload.name, "file"))
        return (sent_file){NULL, r->upload.fd, r->upload.offset, r->upload.len};
    if (r->binary_part && !strcmp(r->binary_part, "file"))
        return (sent_file){r->binary_data, -1, 0, r->binary_len};
    const char *data = kv_get(&r->form, "file");
    return (sent_file){data, -1, 0, data ? strlen(data) : 0};
}

/* The upload's text is written to the database in pieces of about PIECE_BYTES, each ending
 * where the decoder's did (whole lines, whole characters), as the file is read. */
enum { PIECE_BYTES = 256 * 1024 };
typedef struct piece_writer {
    req *r;
    const char *id;
    int seq;
    buf held;
    bool failed;
} piece_writer;

static bool piece_flush(piece_writer *w)
{
    if (w->held.len && !w->failed &&
        upload_add_piece(w->r, w->id, w->seq++, w->held.data, w->held.len) != DB_OK)
        w->failed = true;
    buf_reset(&w->held);
    return !w->failed;
}

static bool piece_sink(void *ctx, const char *text, size_t n)
{
    piece_writer *w = ctx;
    buf_append(&w->held, text, n);
    if (buf_failed(&w->held)) w->failed = true;
    return !w->failed && (w->held.len < PIECE_BYTES || piece_flush(w));
}

/* The file sent, decoded (or its first sheet, for an .xlsx) and kept as UTF-8 CSV in
 * pieces under a new upload, read a piece at a time: its id and format's name, or NULL
 * with *problem set (NULL too when the database failed) and nothing kept. */
static const char *keep_file(req *r, const entity *e, const char **format, const char **problem)
{
    sent_file f = file_sent(r);
    *problem = NULL;
    if (!f.len) {
        *problem = tr(r->lang, TR_import_err_file);
        return NULL;
    }
    piece_writer w = {.r = r, .id = upload_begin(r, e->name)};
    if (!w.id) return NULL;
    buf_init(&w.held, 2 * PIECE_BYTES + 2 * 1024 * 1024);
    char head[4];
    if (sent_read(&f, 0, head, f.len < 4 ? f.len : 4) && xlsx_looks_like_zip(head, f.len)) {
        *format = tr(r->lang, TR_import_enc_xlsx);
        xlsx_status st = xlsx_csv_to(f.data, f.fd, f.offset, f.len, MAX_ROWS + 1, piece_sink, &w);
        if (!w.failed) *problem = xlsx_problem(r, st);
    } else {
        byte_source src = {sent_read, &f, f.len};
        decoded d;
        import_decode_stream(r->a, &src, piece_sink, &w, &d);
        *format = encoding_name(r, d.encoding);
        if (!d.sink_failed) *problem = decode_problem_text(r, &d);
    }
    bool kept = !*problem && piece_flush(&w) && upload_finish(r, w.id, *format) == DB_OK;
    buf_free(&w.held);
    if (kept) return w.id;
    upload_abandon(r);
    return NULL;
}

/* The upload's text read back a piece at a time (run.h's import_text). */
typedef struct piece_reader {
    req *r;
    const char *id;
    int seq;
} piece_reader;

static int piece_pull(void *ctx, buf *into)
{
    piece_reader *p = ctx;
    int got = upload_read_piece(p->r, p->id, p->seq, into);
    if (got > 0) p->seq++;
    return got;
}

static void piece_rewind(void *ctx)
{
    ((piece_reader *)ctx)->seq = 0;
}

static int run_upload(req *r, import_run *run, const char *upload_id)
{
    piece_reader reader = {r, upload_id, 0};
    import_text text = {piece_pull, piece_rewind, &reader};
    return run_rows(r, run, &text);
}

void h_import_preview(req *r, resp *out)
{
    const entity *e = kind_of(kv_get(&r->form, "kind"));
    const char *format = NULL, *problem = NULL;
    const char *upload_id = e ? keep_file(r, e, &format, &problem) : NULL;
    if (!e) problem = tr(r->lang, TR_import_err_kind);
    if (problem) {
        refuse(r, out, 422, problem, e ? e->name : NULL);
        return;
    }
    import_run run;
    run_init(&run, r->a, e);
    int rc = upload_id ? run_upload(r, &run, upload_id) : DB_ERROR;
    db_rollback(r->db);
    if (rc != DB_OK) {
        run_free(&run);
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    if (run.error || run.bad) out->status = 422;
    preview_page(r, out, &run, upload_id, format, NULL);
    run_free(&run);
}

/* The upload of this user, not yet imported: entity, content, format; NULL when gone. */
static db_res *load_upload(req *r, bool imported)
{
    const char *p[] = {r->route_args[0], tenant_param(r), int_text(r->a, r->auth->account_id)};
    db_res *up = NULL;
    const char *sql = imported
                          ? "SELECT entity, rejected, format FROM import_upload WHERE id = $1 "
                            "AND tenant_id = $2 AND account_id = $3 AND imported_at IS NOT NULL"
                          : "SELECT entity, '', format FROM import_upload WHERE id = $1 "
                            "AND tenant_id = $2 AND account_id = $3 AND imported_at IS NULL";
    if (db_query(r->db, r->a, sql, 3, p, &up) != DB_OK || !up->nrows || !kind_of(db_cell(up, 0, 0)))
        return NULL;
    return up;
}

static void done_page(req *r, resp *out, const import_run *run, const char *upload_id)
{
    page_head(r, out, tr(r->lang, TR_import_done));
    buf *b = &out->body;
    buf_puts(b, "<div class=\"flash\" role=\"status\"><ul>");
    struct {
        int n;
        tr_key one, many;
    } lines[] = {{run->created, TR_import_done_rows_one, TR_import_done_rows_many},
                 {run->updated, TR_import_updated_one, TR_import_updated_many},
                 {run->skipped, TR_import_skipped_one, TR_import_skipped_many},
                 {run->bad, TR_import_rejected_one, TR_import_rejected_many}};
    for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++) {
        if (!lines[i].n && i) continue;
        buf_puts(b, "<li>");
        esc_html(b, count_text(r, lines[i].n, lines[i].one, lines[i].many));
        buf_puts(b, "</li>");
    }
    buf_puts(b, "</ul></div><p>");
    if (run->bad) {
        buf_printf(b, "<a class=\"button\" href=\"/import/%s/rejected\" download>", upload_id);
        esc_html(b, tr(r->lang, TR_import_download_rejected));
        buf_puts(b, "</a> ");
    }
    buf_printf(b, "<a class=\"button\" href=\"/%s\">", run->e->name);
    esc_html(b, tr(r->lang, TR_import_show));
    buf_puts(b, "</a></p>");
    page_end(r, out);
}

/* The good rows, the upload marked done with the rejected rows kept, the mapping
 * remembered and the audit entry: one transaction, committed only when all of it is. */
static int finish_import(req *r, import_run *run, const char *upload_id)
{
    int rc = upload_done(r, upload_id, run->bad ? buf_str(&run->rejected) : NULL);
    if (rc == DB_OK) rc = run_remember_mapping(r, run);
    if (rc == DB_OK) {
        /* the audit log is kept in Swedish */
        const char *summary = arena_printf(
            r->a, "%d %s", run->created,
            tr(LANG_SV, run->created == 1 ? TR_import_done_rows_one : TR_import_done_rows_many));
        if (run->updated)
            summary = arena_printf(
                r->a, "%s, %d %s", summary, run->updated,
                tr(LANG_SV, run->updated == 1 ? TR_import_updated_one : TR_import_updated_many));
        rc = entity_audit(r, "import", run->e, 0, summary, NULL);
    }
    if (rc == DB_OK) return db_commit(r->db);
    db_rollback(r->db);
    return rc;
}

void h_import_commit(req *r, resp *out)
{
    db_res *up = load_upload(r, false);
    if (!up) {
        refuse(r, out, 404, tr(r->lang, TR_import_err_gone), NULL);
        return;
    }
    const char *upload_id = r->route_args[0];
    const char *step = kv_get(&r->form, "step");
    bool commit = step && !strcmp(step, "import");
    import_run run;
    run_init(&run, r->a, kind_of(db_cell(up, 0, 0)));
    if (commit) run.rejected_upload = upload_id;
    int rc = run_upload(r, &run, upload_id);
    const char *expect = kv_get(&r->form, "expect");
    bool changed = commit && (!expect || atoi(expect) != run.created + run.updated);
    if (rc == DB_OK && commit && !run.error && !changed && run.created + run.updated) {
        rc = finish_import(r, &run, upload_id);
        if (rc == DB_OK) {
            done_page(r, out, &run, upload_id);
            run_free(&run);
            return;
        }
    } else {
        db_rollback(r->db);
    }
    if (rc != DB_OK) {
        run_free(&run);
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    /* the preview again: changed mapping or choices, or rows changed since */
    if (run.error || run.bad || commit) out->status = 422;
    preview_page(r, out, &run, upload_id, db_cell(up, 0, 2),
                 changed ? tr(r->lang, TR_import_err_changed) : NULL);
    run_free(&run);
}

void h_import_rejected(req *r, resp *out)
{
    db_res *up = load_upload(r, true);
    if (!up || !db_cell(up, 0, 1)) {
        respond_error(r, out, 404, "not_found", TR_err_not_found);
        return;
    }
    out->content_type = "text/csv; charset=utf-8";
    resp_header(out, r->a, "Content-Disposition",
                arena_printf(r->a, "attachment; filename=\"import-%s-%s.csv\"", db_cell(up, 0, 0),
                             r->lang == LANG_EN ? "rejected" : "fel"));
    /* the pieces kept while the import ran, then the rest */
    int got = 1;
    for (int seq = -1; got > 0; seq--)
        got = upload_read_piece(r, r->route_args[0], seq, &out->body);
    if (got < 0) {
        buf_reset(&out->body);
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    buf_puts(&out->body, db_cell(up, 0, 1));
}
