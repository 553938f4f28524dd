/* fuzz_import - the whole CSV import as a member does it: the file uploaded as
 * multipart/form-data to POST /import (text detection, delimiter, header mapping, every
 * row through the entity's validation inside a rolled-back transaction), then, when the
 * preview offers it, the confirmation POST /import/ID (the same again, committed).
 *
 * Input: the first byte picks the kind (systems, assets, objects, processes) and the
 * user (admin, employee, CISO); the rest is the file, byte for byte. The harness writes
 * the form around it, with the user's live session and CSRF token, so every mutation
 * reaches the mapping and the validation (the request fuzzer rarely got past the form).
 *
 * Checks beyond ASan/UBSan: those of every response (fuzz_app.h); the preview never
 * writes a record; no transaction is left open. */
#include "fuzz_app.h"

static const char *const kinds[] = {"systems", "assets", "objects", "processes"};
static const char boundary[] = "lisFuzzImportBoundary";

/* Posts the form to path as user u; the body is built in x's arena. */
static void post_form(exchange *x, const user *u, const char *path, const char *content_type,
                      const char *body, size_t body_len)
{
    x->r.method = "POST";
    x->r.path = path;
    x->r.content_type = content_type;
    x->r.body = body;
    x->r.body_len = body_len;
    x->r.body_too_large = body_len > MAX_BODY;
    http_parse_cookies(&x->a, arena_printf(&x->a, "lis_session=%s", u->session), &x->r.cookies);
    app_handle(&x->r, &x->out);
    check_response(&x->r, &x->out);
    FUZZ_CHECK(sqlite3_get_autocommit(work_handle), "POST %s left a transaction open", path);
    if (verbose)
        fprintf(stderr, "POST %s -> %d\n%.*s\n", path, x->out.status, verbose > 1 ? 100000 : 400,
                buf_str(&x->out.body));
}

/* The records of the importable kinds, to see that a preview wrote none. */
static int64_t records(void)
{
    sqlite3_stmt *st = NULL;
    FUZZ_CHECK(sqlite3_prepare_v2(work_handle,
                                  "SELECT (SELECT COUNT(*) FROM system) + (SELECT COUNT(*) FROM "
                                  "information_asset) + (SELECT COUNT(*) FROM managed_object) "
                                  "+ (SELECT COUNT(*) FROM process)",
                                  -1, &st, NULL) == SQLITE_OK,
               "count: %s", sqlite3_errmsg(work_handle));
    FUZZ_CHECK(sqlite3_step(st) == SQLITE_ROW, "count: %s", sqlite3_errmsg(work_handle));
    int64_t n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    if (time(NULL) - refreshed > 30) {
        refresh_snapshot();
        restore();
    }
    const char *kind = kinds[data[0] % 4];
    const user *u = &users[(data[0] / 4) % NUSERS];
    const uint8_t *file = data + 1;
    size_t file_len = size - 1;

    exchange x;
    exchange_begin(&x);
    buf body;
    buf_init(&body, 0);
    buf_printf(&body,
               "--%s\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n%s\r\n"
               "--%s\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n%s\r\n"
               "--%s\r\nContent-Disposition: form-data; name=\"file\"; filename=\"f.csv\"\r\n"
               "Content-Type: text/csv\r\n\r\n",
               boundary, u->csrf, boundary, kind, boundary);
    buf_append(&body, (const char *)file, file_len);
    buf_printf(&body, "\r\n--%s--\r\n", boundary);
    size_t len;
    char *tmp = buf_detach(&body, &len);
    char *copy = arena_alloc(&x.a, len + 1);
    memcpy(copy, tmp, len);
    copy[len] = 0;
    free(tmp);
    buf_free(&body);

    int64_t before = records();
    post_form(&x, u, "/import", arena_printf(&x.a, "multipart/form-data; boundary=%s", boundary),
              copy, len);
    FUZZ_CHECK(records() == before, "the preview of %s wrote records", kind);

    /* the preview offers the confirmation only when every row passed: confirm it */
    const char *b = buf_str(&x.out.body);
    const char *form = strstr(b, "action=\"/import/");
    if (x.out.status == 200 && form) {
        form += strlen("action=\"");
        const char *path = arena_strndup(&x.a, form, strcspn(form, "\""));
        exchange y;
        exchange_begin(&y);
        const char *confirm = arena_printf(&y.a, "_csrf=%s", u->csrf);
        post_form(&y, u, arena_strdup(&y.a, path), "application/x-www-form-urlencoded", confirm,
                  strlen(confirm));
        FUZZ_CHECK(y.out.status == 200, "a preview that passed failed to import: %d\n%.400s",
                   y.out.status, buf_str(&y.out.body));
        exchange_end(&y);
    }
    exchange_end(&x);
    if (sqlite3_total_changes64(work_handle) != clean_changes) restore();
    return 0;
}
