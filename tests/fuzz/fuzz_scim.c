/* fuzz_scim - SCIM 2.0 requests (RFC 7644) through app_handle() with the tenant's bearer
 * token: the filter, the paging parameters and every body a directory may send to
 * /scim/v2/Users — create, replace, PATCH operations in any shape — and DELETE.
 *
 * Input (text, so the corpus is readable):
 *
 *     PATCH /scim/v2/Users/5?startIndex=1   the method, the path and query
 *     {"Operations":[…]}                     the body, as it is (may be empty)
 *
 * Checks beyond ASan/UBSan: those of every response (fuzz_app.h); every answer is valid
 * JSON (a SCIM resource, list or error); no transaction is left open; a request refused
 * (4xx) changed no person, session, token or audit row. */
#include "fuzz_app.h"
#include "../../src/core/escape.h"

static const char TOKEN[] = "scim_fuzzing-token-of-the-harness-0123456789";

/* The demo tenant gets the harness's token once (in the snapshot every input starts from). */
static void give_token(void)
{
    static bool done;
    if (done) return;
    char hash[65], sql[256];
    sha256_hex(TOKEN, strlen(TOKEN), hash);
    snprintf(sql, sizeof sql,
             "UPDATE tenant SET scim_token_hash = '%s' WHERE id = (SELECT tenant_id FROM person "
             "WHERE email = 'admin@exempelkommun.se')",
             hash);
    FUZZ_CHECK(sqlite3_exec(pristine, sql, NULL, NULL, NULL) == SQLITE_OK, "token");
    restore();
    done = true;
}

/* What a SCIM request may change: the people, their sessions and tokens, the audit log. A
 * refusal may have written and rolled back (the last administrator is checked after the
 * write), so the state is compared, not SQLite's change counter. */
static char *state_of(void)
{
    sqlite3_stmt *st = NULL;
    FUZZ_CHECK(
        sqlite3_prepare_v2(work_handle,
                           "SELECT (SELECT group_concat(id || '|' || name || '|' || email || "
                           "'|' || active, ';') FROM person) || '#' || (SELECT COUNT(*) "
                           "FROM session) || '#' || (SELECT COUNT(*) FROM api_token) || "
                           "'#' || (SELECT COALESCE(MAX(id), 0) FROM audit_log)",
                           -1, &st, NULL) == SQLITE_OK,
        "state: %s", sqlite3_errmsg(work_handle));
    FUZZ_CHECK(sqlite3_step(st) == SQLITE_ROW, "state row");
    char *s = strdup((const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return s;
}

static const char *split_query(exchange *x, char *path)
{
    char *q = strchr(path, '?');
    if (!q) return path;
    *q = 0;
    x->r.query_nul = !http_parse_urlencoded(&x->a, q + 1, strlen(q + 1), &x->r.query);
    return path;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    give_token();
    const char *s = (const char *)data, *end = s + size;
    const char *nl = memchr(s, '\n', size);
    const char *sp = nl ? memchr(s, ' ', (size_t)(nl - s)) : NULL;
    if (!sp) return 0;
    static const char *const methods[] = {"GET", "POST", "PUT", "PATCH", "DELETE"};
    const char *method = NULL;
    for (size_t i = 0; i < sizeof methods / sizeof *methods; i++)
        if ((size_t)(sp - s) == strlen(methods[i]) && !memcmp(s, methods[i], (size_t)(sp - s)))
            method = methods[i];
    if (!method) return 0;
    exchange x;
    exchange_begin(&x);
    char *path = arena_strndup(&x.a, sp + 1, (size_t)(nl - sp - 1));
    if (strncmp(path, "/scim/v2/", 9) != 0 || !utf8_valid(path, strlen(path))) {
        exchange_end(&x);
        return 0;
    }
    x.r.method = method;
    x.r.path = split_query(&x, path);
    x.r.authorization = arena_printf(&x.a, "Bearer %s", TOKEN);
    x.r.content_type = "application/scim+json";
    size_t body_len = (size_t)(end - (nl + 1));
    x.r.body = arena_strndup(&x.a, nl + 1, body_len);
    x.r.body_len = body_len;
    x.r.body_too_large = body_len > MAX_BODY;
    char *before = state_of();
    app_handle(&x.r, &x.out);
    check_response(&x.r, &x.out);
    FUZZ_CHECK(sqlite3_get_autocommit(work_handle), "%s %s left a transaction open", method,
               x.r.path);
    if (x.out.body.len && x.out.content_type &&
        !strcmp(x.out.content_type, "application/scim+json")) {
        json_error_t err;
        json_t *j = json_loadb(x.out.body.data, x.out.body.len, 0, &err);
        FUZZ_CHECK(j, "%s %s: invalid JSON (%s): %.200s", method, x.r.path, err.text,
                   buf_str(&x.out.body));
        json_decref(j);
    }
    if (x.out.status >= 400 && x.out.status < 500) {
        char *after = state_of();
        FUZZ_CHECK(!strcmp(before, after), "%s %s: %d but wrote: %.300s", method, x.r.path,
                   x.out.status, buf_str(&x.out.body));
        free(after);
    }
    free(before);
    if (verbose)
        fprintf(stderr, "%s %s -> %d\n%.*s\n", method, x.r.path, x.out.status,
                verbose > 1 ? 100000 : 300, buf_str(&x.out.body));
    exchange_end(&x);
    if (sqlite3_total_changes64(work_handle) != clean_changes) restore();
    return 0;
}
