/* annex.c - the SKA annex comes back: the XLSX lis wrote for a tender (src/requirements),
 * with the supplier's answer (uppfyllt / delvis / ej uppfyllt, or met / partly / not met)
 * and a comment filled in per requirement, is imported for the supplier (and, when the
 * tender led to one, its agreement). The file is read by the import's own rules
 * (src/imports: .xlsx or CSV in any encoding Excel writes); the heading block above the
 * table is passed over until the row naming the code column. Every row is checked first:
 * an unknown requirement code, an answer not among the allowed words, a comment too long
 * is reported by its line, and then nothing is written. A good file is written in one
 * transaction through the answers' own create or update (their rules and audit). */
#include "suppliers.h"
#include "../imports/imports.h"
#include "../imports/mapping.h"
#include "../core/csv.h"
#include "../core/escape.h"
#include "../core/util.h"
#include "../entity/upload.h"
#include "../http/page.h"
#include "../../build/views/supplier_annex_import.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { ANNEX_MAX_ROWS = 5000, ANNEX_MAX_COLS = 32 };

const char *supplier_answer_word(arena *a, const char *cell)
{
    static const struct {
        const char *word, *value;
    } words[] = {
        {"uppfyllt", "met"},
        {"uppfylls", "met"},
        {"ja", "met"},
        {"met", "met"},
        {"yes", "met"},
        {"delvis", "partly"},
        {"delvis uppfyllt", "partly"},
        {"partly", "partly"},
        {"partly met", "partly"},
        {"partially met", "partly"},
        {"ej uppfyllt", "not_met"},
        {"inte uppfyllt", "not_met"},
        {"uppfylls ej", "not_met"},
        {"nej", "not_met"},
        {"not met", "not_met"},
        {"no", "not_met"},
        {"not_met", "not_met"},
    };
    if (!cell) return NULL;
    const char *f = import_fold(a, cell);
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (!strcmp(f, words[i].word)) return words[i].value;
    return NULL;
}

/* Which column a header names: 0 code, 1 answer, 2 comment, -1 none. */
static int header_kind(arena *a, const char *cell)
{
    const char *f = import_fold(a, cell);
    if (!strcmp(f, "kod") || !strcmp(f, "code") || !strcmp(f, "krav-id") ||
        !strcmp(f, "requirement id"))
        return 0;
    if (!strncmp(f, "leverantörens svar", strlen("leverantörens svar")) ||
        !strncmp(f, "supplier's answer", strlen("supplier's answer")) || !strcmp(f, "svar") ||
        !strcmp(f, "answer"))
        return 1;
    if (!strcmp(f, "kommentar") || !strcmp(f, "comment") || !strncmp(f, "kommentar ", 10) ||
        !strncmp(f, "comment ", 8))
        return 2;
    return -1;
}

static void add_row(req *r, annex_import *im, const annex_row *row, int *cap)
{
    if (im->nrows == *cap) {
        annex_row *more = arena_alloc(r->a, sizeof(annex_row) * (size_t)*cap * 2);
        memcpy(more, im->rows, sizeof(annex_row) * (size_t)*cap);
        im->rows = more;
        *cap *= 2;
    }
    im->rows[im->nrows++] = *row;
}

/* One pass over the file: a row per requirement line with its problem (NULL: good). */
static int check_rows(req *r, const char *supplier, const char *agreement, const char *text,
                      annex_import *im)
{
    memset(im, 0, sizeof *im);
    csv_reader c;
    size_t len = strlen(text);
    csv_init(&c, text, len, csv_guess_delimiter(text, len));
    char *cells[ANNEX_MAX_COLS];
    int n, code_col = -1, answer_col = -1, comment_col = -1;
    /* the heading block: until the row naming the code and answer columns */
    while (code_col < 0 && (n = csv_next(&c, r->a, cells, ANNEX_MAX_COLS)) > 0) {
        int code = -1, answer = -1, comment = -1;
        for (int i = 0; i < n; i++) {
            int k = header_kind(r->a, cells[i]);
            if (k == 0 && code < 0) code = i;
            if (k == 1 && answer < 0) answer = i;
            if (k == 2 && comment < 0) comment = i;
        }
        if (code >= 0 && answer >= 0) code_col = code, answer_col = answer, comment_col = comment;
    }
    if (c.error) {
        im->error = arena_printf(r->a, "%s %d: %s", tr(r->lang, TR_import_line), c.line, c.error);
        return DB_OK;
    }
    if (code_col < 0) {
        im->error = tr(r->lang, TR_sra_import_err_columns);
        return DB_OK;
    }
    int cap = 64;
    im->rows = arena_alloc(r->a, sizeof(annex_row) * (size_t)cap);
    while ((n = csv_next(&c, r->a, cells, ANNEX_MAX_COLS)) != 0) {
        if (n < 0) {
            im->error = arena_printf(r->a, "%s %d: %s", tr(r->lang, TR_import_line), c.line,
                                     c.error ? c.error : tr(r->lang, TR_import_err_text));
            return DB_OK;
        }
        const char *code = code_col < n ? str_trim(cells[code_col]) : "";
        const char *answer = answer_col < n ? str_trim(cells[answer_col]) : "";
        const char *comment =
            comment_col >= 0 && comment_col < n ? str_trim(cells[comment_col]) : "";
        if (!*code && !*answer && !*comment) continue; /* an empty line */
        if (++im->total > ANNEX_MAX_ROWS) {
            im->error = tr(r->lang, TR_import_err_too_many);
            return DB_OK;
        }
        annex_row row = {.line = c.line, .code = code, .answer = answer, .comment = comment};
        const char *p[] = {tenant_param(r), code};
        if (!*code) {
            row.problem = tr(r->lang, TR_sra_import_err_code);
        } else if (!(row.requirement_id = db_scalar(r->db, r->a,
                                                    "SELECT id FROM requirement WHERE tenant_id "
                                                    "= $1 AND code = $2 ORDER BY id LIMIT 1",
                                                    2, p))) {
            row.problem = tr(r->lang, TR_sra_import_err_unknown);
        } else if (!*answer) {
            row.skipped = true; /* not answered: nothing to record */
        } else if (!(row.status = supplier_answer_word(r->a, answer))) {
            row.problem = tr(r->lang, TR_sra_import_err_answer);
        } else if (utf8_length(comment) > 4000 || !utf8_valid(comment, strlen(comment))) {
            row.problem = tr(r->lang, TR_err_too_long);
        } else {
            const char *q[] = {tenant_param(r), supplier, row.requirement_id,
                               agreement ? agreement : ""};
            row.existing = db_scalar(r->db, r->a,
                                     "SELECT id FROM supplier_answer WHERE tenant_id = $1 AND "
                                     "supplier_id = $2 AND requirement_id = $3 AND "
                                     "COALESCE(CAST(agreement_id AS TEXT), '') = $4 ORDER BY id "
                                     "LIMIT 1",
                                     4, q);
        }
        if (row.problem)
            im->bad++;
        else if (row.skipped)
            im->skipped++;
        else if (row.existing)
            im->updated++;
        else
            im->fresh++;
        add_row(r, im, &row, &cap);
    }
    if (!im->total) im->error = tr(r->lang, TR_sra_import_err_empty);
    return DB_OK;
}

/* Writes a good file's answers: inside one transaction, all or none. */
static int write_rows(req *r, const char *supplier, const char *agreement, const char *text,
                      const char *upload, annex_import *im, errors *errs)
{
    const entity *e = &entity_supplier_answers;
    if (db_begin(r->db) != DB_OK) return DB_ERROR;
    /* checked again inside the transaction: what is written is what was checked */
    int rc = check_rows(r, supplier, agreement, text, im);
    if (rc == DB_OK && (im->error || im->bad)) rc = DB_CONSTRAINT;
    char today[11];
    date_today(today);
    for (int i = 0; rc == DB_OK && i < im->nrows; i++) {
        const annex_row *row = &im->rows[i];
        if (row->skipped) continue;
        const char *comment = *row->comment ? row->comment : NULL;
        /* written earlier in this file: the later line wins */
        const char *q[] = {tenant_param(r), supplier, row->requirement_id,
                           agreement ? agreement : ""};
        const char *existing = db_scalar(r->db, r->a,
                                         "SELECT id FROM supplier_answer WHERE tenant_id = $1 AND "
                                         "supplier_id = $2 AND requirement_id = $3 AND "
                                         "COALESCE(CAST(agreement_id AS TEXT), '') = $4 ORDER BY "
                                         "id LIMIT 1",
                                         4, q);
        if (existing) {
            db_res *got = NULL;
            rc = entity_get(r, e, atoll(existing), &got);
            if (rc != DB_OK || !got->nrows) {
                rc = rc == DB_OK ? DB_ERROR : rc;
                break;
            }
            record *old = record_from_row(r, e, got, 0);
            record *next = record_from_row(r, e, got, 0);
            for (int f = 0; f < e->nfields; f++)
                next->present[f] = false;
            record_set(next, e, "status", row->status);
            record_set(next, e, "comment", comment);
            record_set(next, e, "answered_on", arena_strdup(r->a, today));
            rc = entity_update_in(r, e, old, next, errs);
        } else {
            record *rec = record_new(r, e);
            record_set(rec, e, "supplier_id", supplier);
            record_set(rec, e, "agreement_id", agreement);
            record_set(rec, e, "requirement_id", row->requirement_id);
            record_set(rec, e, "status", row->status);
            record_set(rec, e, "comment", comment);
            record_set(rec, e, "answered_on", arena_strdup(r->a, today));
            rc = entity_create_in(r, e, rec, errs);
        }
    }
    if (rc == DB_OK) {
        const char *summary =
            arena_printf(r->a, "%d %s", im->fresh + im->updated, tr(LANG_SV, TR_sra_many));
        rc = entity_audit(r, "import", e, 0, summary, NULL);
    }
    if (rc == DB_OK && upload) rc = upload_done(r, upload, NULL);
    if (rc == DB_OK) return db_commit(r->db);
    db_rollback(r->db);
    return rc;
}

/* The supplier of the address, which the caller may write and whose answers the caller may
 * read; NULL with the answer given. */
static record *supplier_for_import(req *r, resp *out)
{
    const entity *e = &entity_suppliers;
    int64_t id;
    db_res *row = NULL;
    if (!r->nroute_args || !parse_int64(r->route_args[0], &id) || !entity_may_read(r, e) ||
        entity_get(r, e, id, &row) != DB_OK || !row->nrows) {
        respond_error(r, out, 404, "not_found", TR_err_not_found);
        return NULL;
    }
    record *rec = record_from_row(r, e, row, 0);
    if (!entity_may_write(r, e, rec) || *entity_read_scope(r, &entity_supplier_answers, "x")) {
        respond_error(r, out, 403, "forbidden", TR_err_forbidden);
        return NULL;
    }
    return rec;
}

/* The agreement named (form or query), which must be the supplier's: "" when none is
 * named, NULL when it is not the supplier's. */
static const char *agreement_of(req *r, const char *supplier, const char *given)
{
    if (!given || !*given) return "";
    const char *p[] = {tenant_param(r), given, supplier};
    return db_scalar(r->db, r->a,
                     "SELECT CAST(id AS TEXT) FROM agreement WHERE tenant_id = $1 AND "
                     "CAST(id AS TEXT) = $2 AND supplier_id = $3",
                     3, p);
}

static void import_page(req *r, resp *out, const char *supplier, const char *name,
                        const char *agreement, const annex_import *im, const char *format,
                        const char *upload)
{
    page_begin(r, out, tr(r->lang, TR_sra_import_title), "suppliers");
    view_supplier_annex_import(&out->body, r->lang, r, supplier, name, agreement, im, format,
                               upload);
    page_end(r, out);
}

void h_supplier_annex_import(req *r, resp *out)
{
    const entity *e = &entity_suppliers;
    record *rec = supplier_for_import(r, out);
    if (!rec) return;
    const char *supplier = int_text(r->a, rec->id), *name = record_get(rec, e, "name");
    const char *step = kv_get(&r->form, "step"), *upload = kv_get(&r->form, "upload");
    annex_import im;
    memset(&im, 0, sizeof im);
    if (step && !strcmp(step, "import")) {
        bool failed = false;
        db_res *got = upload_load(r, upload, "supplier_answers", &failed);
        if (failed) {
            respond_error(r, out, 500, "internal", TR_err_internal);
            return;
        }
        /* the upload of this supplier's page ("SUPPLIER:AGREEMENT"), not another's */
        const char *mine = arena_printf(r->a, "%s:", supplier);
        if (got && strncmp(db_cell(got, 0, 1), mine, strlen(mine))) got = NULL;
        const char *agreement = NULL;
        if (!got) {
            im.error = tr(r->lang, TR_sra_import_err_gone);
            out->status = 404;
        } else {
            const char *tag = db_cell(got, 0, 1);
            agreement = strchr(tag, ':') + 1;
            if (!*agreement) agreement = NULL;
            errors errs = {0};
            int rc = write_rows(r, supplier, agreement, db_cell(got, 0, 0), upload, &im, &errs);
            if (rc == DB_ERROR) {
                respond_error(r, out, 500, "internal", TR_err_internal);
                return;
            }
            if (rc != DB_OK)
                out->status = 422;
            else
                im.done = true;
        }
        import_page(r, out, supplier, name, agreement, &im, NULL, NULL);
        return;
    }
    const char *agreement = agreement_of(r, supplier, kv_get(&r->form, "agreement_id"));
    const char *data = kv_get(&r->form, "file");
    size_t len = data ? strlen(data) : 0;
    if (r->binary_part && !strcmp(r->binary_part, "file"))
        data = r->binary_data, len = r->binary_len;
    const char *format = NULL, *problem = NULL, *text = NULL;
    if (!agreement)
        im.error = tr(r->lang, TR_sra_err_agreement);
    else if (!(text = import_file_text(r, data, len, &format, &problem)))
        im.error = problem;
    else if (check_rows(r, supplier, *agreement ? agreement : NULL, text, &im) != DB_OK) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    const char *upload_id = NULL;
    if (!im.error && !im.bad &&
        !(upload_id = upload_keep(r, "supplier_answers", text,
                                  arena_printf(r->a, "%s:%s", supplier, agreement)))) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    if (im.error || im.bad) out->status = 422;
    import_page(r, out, supplier, name, agreement && *agreement ? agreement : NULL, &im, format,
                upload_id);
}

/* the rows with a problem, as the API names them */
static void bad_rows_json(const annex_import *im, buf *b)
{
    buf_puts(b, "[");
    int n = 0;
    for (int i = 0; i < im->nrows && n < 1000; i++) {
        if (!im->rows[i].problem) continue;
        buf_printf(b, "%s{\"line\":%d,\"code\":", n++ ? "," : "", im->rows[i].line);
        esc_json_string(b, im->rows[i].code);
        buf_puts(b, ",\"answer\":");
        esc_json_string(b, im->rows[i].answer);
        buf_puts(b, ",\"problem\":");
        esc_json_string(b, im->rows[i].problem);
        buf_puts(b, "}");
    }
    buf_puts(b, "]");
}

void h_api_supplier_annex_import(req *r, resp *out)
{
    r->lang = LANG_EN; /* the API answers in English, the rows' problems too */
    record *rec = supplier_for_import(r, out);
    if (!rec) return;
    const char *supplier = int_text(r->a, rec->id);
    const char *preview = kv_get(&r->query, "preview");
    bool commit = !(preview && !strcmp(preview, "1"));
    const char *agreement = agreement_of(r, supplier, kv_get(&r->query, "agreement_id"));
    if (!agreement) {
        json_error(r, out, 422, "invalid",
                   "the agreement is not one of this supplier's; nothing was imported");
        return;
    }
    if (!*agreement) agreement = NULL;
    const char *format = NULL, *problem = NULL;
    const char *text = import_file_text(r, r->body, r->body_len, &format, &problem);
    if (!text) {
        json_error(r, out, 422, "invalid", arena_printf(r->a, "%s; nothing was imported", problem));
        return;
    }
    annex_import im;
    errors errs = {0};
    int rc = commit ? write_rows(r, supplier, agreement, text, NULL, &im, &errs)
                    : check_rows(r, supplier, agreement, text, &im);
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
                   : "the answers could not be written; nothing was imported");
        buf_puts(b, ",\"rows\":");
        bad_rows_json(&im, b);
        buf_puts(b, "}}");
        return;
    }
    respond_json(out, commit ? 201 : 200);
    buf_printf(&out->body,
               "{\"supplier_id\":%s,\"rows\":%d,\"new\":%d,\"updated\":%d,\"unanswered\":%d,"
               "\"preview\":%s,\"format\":",
               supplier, im.total, im.fresh, im.updated, im.skipped, commit ? "false" : "true");
    esc_json_string(&out->body, format);
    buf_puts(&out->body, "}");
}
