/* import.c - completions from a training platform's export. The file is read by the
 * import's own rules (src/imports: .xlsx or CSV in any of the encodings Excel writes, ';'
 * or ','; headers in the kommun's words from data/import_headers.csv); each row names a
 * person by e-mail address and a date. Every row is checked first: an unknown e-mail, a
 * missing address, a date that cannot be read or has not come yet is reported by its
 * line, and then nothing is written. A file whose every row is good is written in one
 * transaction through the completions' own create (their rules and audit), rows already
 * recorded left as they are. The preview is kept (import_upload) so that what is imported
 * is what was shown. */
#include "awareness.h"
#include "../imports/imports.h"
#include "../imports/mapping.h"
#include "../core/csv.h"
#include "../core/escape.h"
#include "../core/util.h"
#include "../entity/upload.h"
#include "../http/page.h"
#include "../../build/views/awareness_import.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { IMPORT_MAX_ROWS = 20000 };

/* One pass over the file: a row per line with its problem (NULL: good). */
static int check_rows(req *r, const char *campaign, const char *text, awareness_import *im)
{
    memset(im, 0, sizeof *im);
    const entity *e = &entity_training_completions;
    word_table *headers = word_table_load(r->a, "import_headers.csv");
    csv_reader c;
    size_t len = strlen(text);
    csv_init(&c, text, len, csv_guess_delimiter(text, len));
    char *cells[64];
    int n = csv_next(&c, r->a, cells, 64);
    if (n <= 0) {
        im->error = tr(r->lang, c.error ? TR_import_err_text : TR_aw_import_err_empty);
        if (c.error)
            im->error =
                arena_printf(r->a, "%s %d: %s", tr(r->lang, TR_import_line), c.line, c.error);
        return DB_OK;
    }
    int email_col = -1, date_col = -1;
    for (int i = 0; i < n; i++) {
        int f = mapping_propose(r->a, headers, e, cells[i]);
        if (f == entity_field(e, "person_id") && email_col < 0) email_col = i;
        if (f == entity_field(e, "completed_on") && date_col < 0) date_col = i;
    }
    if (email_col < 0 || date_col < 0) {
        im->error = tr(r->lang, TR_aw_import_err_columns);
        return DB_OK;
    }
    char today[11];
    date_today(today);
    int cap = 64;
    im->rows = arena_alloc(r->a, sizeof(awareness_import_row) * (size_t)cap);
    while ((n = csv_next(&c, r->a, cells, 64)) != 0) {
        if (n < 0) {
            im->error = arena_printf(r->a, "%s %d: %s", tr(r->lang, TR_import_line), c.line,
                                     c.error ? c.error : tr(r->lang, TR_import_err_text));
            return DB_OK;
        }
        const char *email = email_col < n ? str_trim(cells[email_col]) : "";
        const char *cell = date_col < n ? str_trim(cells[date_col]) : "";
        if (!*email && !*cell) continue; /* an empty line */
        if (++im->total > IMPORT_MAX_ROWS) {
            im->error = tr(r->lang, TR_import_err_too_many);
            return DB_OK;
        }
        awareness_import_row row = {.line = c.line, .email = email, .date = cell};
        char date[11];
        const char *p[] = {tenant_param(r), email};
        if (!*email) {
            row.problem = tr(r->lang, TR_aw_import_err_email);
        } else if (!(row.person_id = db_scalar(r->db, r->a,
                                               "SELECT id FROM person WHERE tenant_id = $1 AND "
                                               "LOWER(email) = LOWER($2) ORDER BY id LIMIT 1",
                                               2, p))) {
            row.problem = tr(r->lang, TR_aw_import_err_unknown);
        } else if (!awareness_import_date(cell, date)) {
            row.problem = tr(r->lang, TR_aw_import_err_date);
        } else if (strcmp(date, today) > 0) {
            row.problem = tr(r->lang, TR_aw_import_err_future);
        } else {
            row.date = arena_strdup(r->a, date);
            const char *q[] = {tenant_param(r), campaign, row.person_id, row.date};
            row.known = db_scalar(r->db, r->a,
                                  "SELECT 1 FROM training_completion WHERE tenant_id = $1 AND "
                                  "campaign_id = $2 AND person_id = $3 AND completed_on = $4",
                                  4, q) != NULL;
        }
        if (row.problem)
            im->bad++;
        else if (row.known)
            im->known++;
        else
            im->fresh++;
        if (im->nrows == cap) {
            awareness_import_row *more =
                arena_alloc(r->a, sizeof(awareness_import_row) * (size_t)cap * 2);
            memcpy(more, im->rows, sizeof(awareness_import_row) * (size_t)cap);
            im->rows = more;
            cap *= 2;
        }
        im->rows[im->nrows++] = row;
    }
    if (!im->total) im->error = tr(r->lang, TR_aw_import_err_empty);
    return DB_OK;
}

/* Writes the good file's new rows: inside one transaction, all or none. */
static int write_rows(req *r, const char *campaign, const char *text, const char *upload,
                      awareness_import *im, errors *errs)
{
    const entity *e = &entity_training_completions;
    if (db_begin(r->db) != DB_OK) return DB_ERROR;
    /* checked again inside the transaction: what is written is what was checked */
    int rc = check_rows(r, campaign, text, im);
    if (rc == DB_OK && (im->error || im->bad)) rc = DB_CONSTRAINT;
    im->fresh = im->known = 0;
    for (int i = 0; rc == DB_OK && i < im->nrows; i++) {
        const awareness_import_row *row = &im->rows[i];
        /* recorded before, or earlier in this file: one completion */
        const char *q[] = {tenant_param(r), campaign, row->person_id, row->date};
        if (db_scalar(r->db, r->a,
                      "SELECT 1 FROM training_completion WHERE tenant_id = $1 AND campaign_id = "
                      "$2 AND person_id = $3 AND completed_on = $4",
                      4, q)) {
            im->known++;
            continue;
        }
        record *rec = record_new(r, e);
        record_set(rec, e, "campaign_id", campaign);
        record_set(rec, e, "person_id", row->person_id);
        record_set(rec, e, "completed_on", row->date);
        record_set(rec, e, "source", "import");
        rc = entity_create_in(r, e, rec, errs);
        im->fresh++;
    }
    if (rc == DB_OK) {
        const char *summary =
            arena_printf(r->a, "%d %s", im->fresh, tr(LANG_SV, TR_aw_completion_many));
        rc = entity_audit(r, "import", e, 0, summary, NULL);
    }
    if (rc == DB_OK && upload) rc = upload_done(r, upload, NULL);
    if (rc == DB_OK) return db_commit(r->db);
    db_rollback(r->db);
    return rc;
}

/* The campaign of the address, which the caller may write and which takes completions;
 * NULL with the answer given. */
static record *campaign_for_import(req *r, resp *out)
{
    const entity *e = &entity_training_campaigns;
    int64_t id;
    db_res *row = NULL;
    if (!r->nroute_args || !parse_int64(r->route_args[0], &id) || !entity_may_read(r, e) ||
        entity_get(r, e, id, &row) != DB_OK || !row->nrows) {
        respond_error(r, out, 404, "not_found", TR_err_not_found);
        return NULL;
    }
    record *rec = record_from_row(r, e, row, 0);
    if (!entity_may_write(r, e, rec)) {
        respond_error(r, out, 403, "forbidden", TR_err_forbidden);
        return NULL;
    }
    if (!strcmp(record_get(rec, e, "kind"), "phishing")) {
        respond_error(r, out, 422, "invalid", TR_aw_err_phishing_completion);
        return NULL;
    }
    return rec;
}

void h_campaign_import(req *r, resp *out)
{
    const entity *e = &entity_training_campaigns;
    record *rec = campaign_for_import(r, out);
    if (!rec) return;
    const char *campaign = int_text(r->a, rec->id), *name = record_get(rec, e, "name");
    const char *step = kv_get(&r->form, "step"), *upload = kv_get(&r->form, "upload");
    awareness_import im;
    memset(&im, 0, sizeof im);
    const char *title = tr(r->lang, TR_aw_import_result_title);
    if (step && !strcmp(step, "import")) {
        bool failed = false;
        db_res *up = upload_load(r, upload, "training_completions", &failed);
        if (failed) {
            respond_error(r, out, 500, "internal", TR_err_internal);
            return;
        }
        /* the upload of this campaign's page, not another's */
        const char *text = up && !strcmp(db_cell(up, 0, 1), campaign) ? db_cell(up, 0, 0) : NULL;
        if (!text) {
            im.error = tr(r->lang, TR_aw_import_err_gone);
            out->status = 404;
        } else {
            errors errs = {0};
            int rc = write_rows(r, campaign, text, upload, &im, &errs);
            if (rc == DB_ERROR) {
                respond_error(r, out, 500, "internal", TR_err_internal);
                return;
            }
            if (rc != DB_OK)
                out->status = 422;
            else
                im.done = true;
        }
        page_begin(r, out, title, "training_campaigns");
        view_awareness_import(&out->body, r->lang, r, campaign, name, &im, NULL, NULL);
        page_end(r, out);
        return;
    }
    const char *data = kv_get(&r->form, "file");
    size_t len = data ? strlen(data) : 0;
    if (r->binary_part && !strcmp(r->binary_part, "file"))
        data = r->binary_data, len = r->binary_len;
    const char *format = NULL, *problem = NULL;
    const char *text = import_file_text(r, data, len, &format, &problem);
    if (!text)
        im.error = problem;
    else if (check_rows(r, campaign, text, &im) != DB_OK) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    const char *upload_id = NULL;
    if (!im.error && !im.bad &&
        !(upload_id = upload_keep(r, "training_completions", text, campaign))) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    if (im.error || im.bad) out->status = 422;
    page_begin(r, out, title, "training_campaigns");
    view_awareness_import(&out->body, r->lang, r, campaign, name, &im, format, upload_id);
    page_end(r, out);
}

/* the rows with a problem, as the API names them */
static void bad_rows_json(const awareness_import *im, buf *b)
{
    buf_puts(b, "[");
    int n = 0;
    for (int i = 0; i < im->nrows && n < 1000; i++) {
        if (!im->rows[i].problem) continue;
        buf_printf(b, "%s{\"line\":%d,\"email\":", n++ ? "," : "", im->rows[i].line);
        esc_json_string(b, im->rows[i].email);
        buf_puts(b, ",\"value\":");
        esc_json_string(b, im->rows[i].date);
        buf_puts(b, ",\"problem\":");
        esc_json_string(b, im->rows[i].problem);
        buf_puts(b, "}");
    }
    buf_puts(b, "]");
}

void h_api_campaign_import(req *r, resp *out)
{
    /* the API answers in English, its messages and the rows' problems alike */
    r->lang = LANG_EN;
    record *rec = campaign_for_import(r, out);
    if (!rec) return;
    const char *campaign = int_text(r->a, rec->id);
    const char *preview = kv_get(&r->query, "preview");
    bool commit = !(preview && !strcmp(preview, "1"));
    const char *format = NULL, *problem = NULL;
    const char *text = import_file_text(r, r->body, r->body_len, &format, &problem);
    if (!text) {
        json_error(r, out, 422, "invalid", arena_printf(r->a, "%s; nothing was imported", problem));
        return;
    }
    awareness_import im;
    errors errs = {0};
    int rc = commit ? write_rows(r, campaign, text, NULL, &im, &errs)
                    : check_rows(r, campaign, text, &im);
    if (rc == DB_ERROR) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    if (im.error || im.bad || rc != DB_OK) {
        respond_json(out, 422);
        buf *b = &out->body;
        buf_puts(b, "{\"error\":{\"code\":\"invalid\",\"message\":");
        esc_json_string(
            b, im.error ? arena_printf(r->a, "%s; nothing was imported", im.error)
               : im.bad
                   ? arena_printf(r->a, "%d rows cannot be imported; nothing was imported", im.bad)
                   : "the completions could not be written; nothing was imported");
        buf_puts(b, ",\"rows\":");
        bad_rows_json(&im, b);
        buf_puts(b, "}}");
        return;
    }
    respond_json(out, commit ? 201 : 200);
    buf_printf(&out->body,
               "{\"campaign_id\":%s,\"rows\":%d,\"new\":%d,\"known\":%d,\"preview\":%s,"
               "\"format\":",
               campaign, im.total, im.fresh, im.known, commit ? "false" : "true");
    esc_json_string(&out->body, format);
    buf_puts(&out->body, "}");
}
