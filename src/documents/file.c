/* file.c - a styrdokument as a file (the decided PDF, the DOCX being written), kept in the
 * database as base64 (no local disk: the app tier is stateless), at most
 * DOCUMENT_FILE_MAX bytes. Its type is decided here from its first bytes and its name —
 * what the browser claims is ignored — and it is only ever handed out as an attachment
 * (the server adds nosniff to every answer), so a file never runs as a page of lis. */
#include "documents.h"
#include "../core/util.h"
#include "../entity/handlers.h"
#include "../http/page.h"
#include <sodium.h>
#include <string.h>
#include <strings.h>

/* office documents are ZIP archives; OpenDocument ones name their type first */
static const struct file_kind {
    const char *ext, *mime, *odf;
} kinds[] = {
    {".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", NULL},
    {".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", NULL},
    {".pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", NULL},
    {".odt", "application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.text"},
    {".ods", "application/vnd.oasis.opendocument.spreadsheet",
     "application/vnd.oasis.opendocument.spreadsheet"},
    {".odp", "application/vnd.oasis.opendocument.presentation",
     "application/vnd.oasis.opendocument.presentation"},
};

static bool ends_with(const char *s, const char *tail)
{
    size_t n = strlen(s), t = strlen(tail);
    return n > t && !strcasecmp(s + n - t, tail);
}

const char *document_file_type(const char *name, const unsigned char *data, size_t n)
{
    if (!name || !data || n == 0 || n > DOCUMENT_FILE_MAX) return NULL;
    if (ends_with(name, ".pdf"))
        return n >= 5 && !memcmp(data, "%PDF-", 5) ? "application/pdf" : NULL;
    if (n < 30 || memcmp(data, "PK\3\4", 4) != 0) return NULL;
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
        if (!ends_with(name, kinds[i].ext)) continue;
        if (!kinds[i].odf) return kinds[i].mime;
        /* the first entry is "mimetype", stored, its content the type: at byte 38 */
        size_t len = strlen(kinds[i].odf);
        return n >= 38 + len && !memcmp(data + 30, "mimetype", 8) &&
                       !memcmp(data + 38, kinds[i].odf, len)
                   ? kinds[i].mime
                   : NULL;
    }
    return NULL;
}

/* the name as sent, its directory dropped and anything but letters, digits, ".-_" made
 * "_", so it is safe in a header */
static const char *safe_name(arena *a, const char *name)
{
    const char *slash = strrchr(name, '/'), *back = strrchr(name, '\\');
    if (slash) name = slash + 1;
    if (back && back + 1 > name) name = back + 1;
    char *out = arena_strndup(a, name, strnlen(name, 150));
    for (char *p = out; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '.' || *p == '-' || *p == '_'))
            *p = '_';
    return out;
}

static int cmd_upload(req *r, const entity *e, const record *old, errors *errs)
{
    int fi = entity_field(e, "file_name");
    http_file file = {0};
    if (r->api) { /* the body is the file, its name in ?name= */
        file.filename = kv_get(&r->query, "name");
        file.data = (const unsigned char *)r->body;
        file.len = r->body_len;
    } else if (!http_multipart_file(r->a, r->content_type, r->body, r->body_len, "file", &file)) {
        errors_add(errs, fi, TR_doc_err_no_file, NULL);
        return DB_CONSTRAINT;
    }
    if (strcmp(record_get(old, e, "status"), "utkast") != 0) {
        errors_add(errs, fi, TR_doc_err_locked, NULL);
        return DB_CONSTRAINT;
    }
    const char *type =
        file.filename ? document_file_type(file.filename, file.data, file.len) : NULL;
    if (!type) {
        errors_add(errs, fi,
                   file.len > DOCUMENT_FILE_MAX ? TR_doc_err_file_size : TR_doc_err_file_type,
                   NULL);
        return DB_CONSTRAINT;
    }
    if (!entity_may_write(r, e, old)) {
        errors_add(errs, -1, TR_err_forbidden, NULL);
        return DB_CONSTRAINT;
    }
    size_t b64len = sodium_base64_encoded_len(file.len, sodium_base64_VARIANT_ORIGINAL);
    char *b64 = arena_alloc(r->a, b64len);
    if (!b64) return DB_ERROR;
    sodium_bin2base64(b64, b64len, file.data, file.len, sodium_base64_VARIANT_ORIGINAL);
    const char *name = safe_name(r->a, file.filename);
    char now[21];
    time_now_iso(now);
    const char *p[] = {
        name,           type, int_text(r->a, (int64_t)file.len), b64, now, int_text(r->a, old->id),
        tenant_param(r)};
    const char *triples[] = {"file_name", record_get(old, e, "file_name"), name};
    if (db_begin(r->db) != DB_OK) return DB_ERROR;
    int rc = db_exec(r->db,
                     "UPDATE document SET file_name = $1, file_type = $2, file_size = $3, "
                     "file_data = $4, updated_at = $5 WHERE id = $6 AND tenant_id = $7",
                     7, p, NULL);
    if (rc == DB_OK)
        rc = entity_audit(r, "update", e, old->id, record_get(old, e, "title"),
                          entity_diff_triples(r, triples, 1));
    if (rc == DB_OK) return db_commit(r->db);
    db_rollback(r->db);
    return rc;
}

void h_document_file_upload(req *r, resp *out)
{
    entity_command(r, out, &entity_documents, cmd_upload, NULL);
}

/* GET /documents/:id/file and /document_versions/:id/file: within the reader's scope */
void h_document_file(req *r, resp *out)
{
    bool version = !strncmp(r->path, "/document_versions/", 19) ||
                   !strncmp(r->path, "/api/v1/document_versions/", 26);
    const entity *e = version ? &entity_document_versions : &entity_documents;
    int64_t id;
    db_res *row = NULL, *file = NULL;
    if (!r->nroute_args || !parse_int64(r->route_args[0], &id) || !entity_may_read(r, e) ||
        entity_get(r, e, id, &row) != DB_OK || !row->nrows) {
        respond_error(r, out, 404, "not_found", TR_err_not_found);
        return;
    }
    const char *p[] = {int_text(r->a, id), tenant_param(r)};
    const char *sql = arena_printf(r->a,
                                   "SELECT file_name, file_type, file_data FROM %s WHERE id = $1 "
                                   "AND tenant_id = $2 AND file_data IS NOT NULL",
                                   e->table);
    if (db_query(r->db, r->a, sql, 2, p, &file) != DB_OK || !file->nrows) {
        respond_error(r, out, 404, "not_found", TR_err_not_found);
        return;
    }
    const char *b64 = db_cell(file, 0, 2);
    size_t cap = strlen(b64), len = 0;
    unsigned char *bytes = arena_alloc(r->a, cap + 1);
    if (!bytes || sodium_base642bin(bytes, cap, b64, cap, NULL, &len, NULL,
                                    sodium_base64_VARIANT_ORIGINAL) != 0) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    /* the type was decided on upload; anything else would be served as bytes only */
    out->content_type = db_cell(file, 0, 1) ? db_cell(file, 0, 1) : "application/octet-stream";
    resp_header(out, r->a, "Content-Disposition",
                arena_printf(r->a, "attachment; filename=\"%s\"", db_cell(file, 0, 0)));
    buf_append(&out->body, bytes, len);
}
