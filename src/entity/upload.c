/* upload.c - see upload.h. */
#include "upload.h"
#include "../core/util.h"
#include "../http/page.h"

/* Yesterday's uploads and their pieces. */
static int drop_old(req *r, const char *before)
{
    const char *p[] = {before};
    int rc = db_exec(r->db,
                     "DELETE FROM import_upload_piece WHERE upload_id IN (SELECT id FROM "
                     "import_upload WHERE created_at < $1)",
                     1, p, NULL);
    return rc == DB_OK
               ? db_exec(r->db, "DELETE FROM import_upload WHERE created_at < $1", 1, p, NULL)
               : rc;
}

const char *upload_keep(req *r, const char *kind, const char *content, const char *tag)
{
    char now[21], old[21];
    time_now_iso(now);
    time_iso_from(time(NULL) - 86400, old);
    const char *p[] = {tenant_param(r),
                       int_text(r->a, r->auth->account_id),
                       kind,
                       content,
                       arena_strdup(r->a, now),
                       tag,
                       arena_strdup(r->a, old)};
    db_res *res = NULL;
    if (db_begin(r->db) == DB_OK && drop_old(r, p[6]) == DB_OK &&
        db_query(r->db, r->a,
                 "INSERT INTO import_upload (tenant_id, account_id, entity, content, created_at, "
                 "format) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                 6, p, &res) == DB_OK &&
        db_commit(r->db) == DB_OK)
        return db_cell(res, 0, 0);
    db_rollback(r->db);
    return NULL;
}

db_res *upload_load(req *r, const char *id, const char *kind, bool *failed)
{
    *failed = false;
    int64_t num;
    if (!id || !parse_int64(id, &num)) return NULL;
    const char *p[] = {id, tenant_param(r), int_text(r->a, r->auth->account_id), kind};
    db_res *up = NULL;
    if (db_query(r->db, r->a,
                 "SELECT content, format FROM import_upload WHERE id = $1 AND tenant_id = $2 AND "
                 "account_id = $3 AND entity = $4 AND imported_at IS NULL",
                 4, p, &up) != DB_OK) {
        *failed = true;
        return NULL;
    }
    return up->nrows ? up : NULL;
}

db_res *upload_of_route(req *r, resp *out, const char *kind)
{
    bool failed = false;
    db_res *up = upload_load(r, r->route_args[0], kind, &failed);
    if (failed)
        respond_error(r, out, 500, "internal", TR_err_internal);
    else if (!up)
        respond_error(r, out, 404, "not_found", TR_err_not_found);
    return up;
}

int upload_done(req *r, const char *id, const char *rejected)
{
    char now[21];
    time_now_iso(now);
    const char *p[] = {id, tenant_param(r), arena_strdup(r->a, now), rejected};
    int rc = db_exec(r->db,
                     "UPDATE import_upload SET imported_at = $3, rejected = $4, content = '' WHERE "
                     "id = $1 AND tenant_id = $2",
                     4, p, NULL);
    return rc == DB_OK ? db_exec(r->db,
                                 "DELETE FROM import_upload_piece WHERE upload_id = $1 AND "
                                 "tenant_id = $2 AND seq >= 0",
                                 2, p, NULL)
                       : rc;
}

const char *upload_begin(req *r, const char *kind)
{
    char now[21], old[21];
    time_now_iso(now);
    time_iso_from(time(NULL) - 86400, old);
    const char *p[] = {tenant_param(r), int_text(r->a, r->auth->account_id), kind,
                       arena_strdup(r->a, now)};
    db_res *res = NULL;
    if (db_begin(r->db) == DB_OK && drop_old(r, arena_strdup(r->a, old)) == DB_OK &&
        db_query(r->db, r->a,
                 "INSERT INTO import_upload (tenant_id, account_id, entity, content, created_at) "
                 "VALUES ($1, $2, $3, '', $4) RETURNING id",
                 4, p, &res) == DB_OK)
        return db_cell(res, 0, 0);
    db_rollback(r->db);
    return NULL;
}

int upload_add_piece(req *r, const char *id, int seq, const char *text, size_t len)
{
    arena scratch; /* the piece's copy as a C string, gone after the insert */
    arena_init(&scratch, 0);
    const char *p[] = {id, tenant_param(r), int_text(&scratch, seq),
                       arena_strndup(&scratch, text, len)};
    int rc = p[3] ? db_exec(r->db,
                            "INSERT INTO import_upload_piece (upload_id, tenant_id, seq, content) "
                            "VALUES ($1, $2, $3, $4)",
                            4, p, NULL)
                  : DB_ERROR;
    arena_free(&scratch);
    return rc;
}

int upload_finish(req *r, const char *id, const char *tag)
{
    const char *p[] = {id, tag};
    int rc = db_exec(r->db, "UPDATE import_upload SET format = $2 WHERE id = $1", 2, p, NULL);
    if (rc == DB_OK) rc = db_commit(r->db);
    if (rc != DB_OK) db_rollback(r->db);
    return rc;
}

void upload_abandon(req *r)
{
    db_rollback(r->db);
}

int upload_read_piece(req *r, const char *id, int seq, buf *into)
{
    arena scratch;
    arena_init(&scratch, 0);
    const char *p[] = {id, tenant_param(r), int_text(&scratch, seq)};
    db_res *res = NULL;
    int got = -1;
    if (db_query(r->db, &scratch,
                 "SELECT content FROM import_upload_piece WHERE upload_id = $1 AND tenant_id = $2 "
                 "AND seq = $3",
                 3, p, &res) == DB_OK) {
        got = res->nrows > 0;
        if (got) buf_puts(into, db_cell(res, 0, 0));
    }
    arena_free(&scratch);
    return got;
}
