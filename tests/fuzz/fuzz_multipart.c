/* fuzz_multipart - multipart/form-data through app_handle() into every handler that
 * takes a form, with a live session: the parser's parts become the form the handlers
 * read (a NUL in a part once reached the forum's suggest as a NULL value: a segfault).
 *
 * Input (text, so the corpus is readable):
 *
 *     U /path                 U: 1 admin, 2 employee, 3 CISO (anything else: CISO)
 *     --B                     the body, boundary B, parts as a browser sends them
 *     Content-Disposition: form-data; name="title"
 *
 *     value
 *     --B--
 *
 * The harness puts the user's session cookie on the request and its CSRF token as the
 * first part, so that mutations reach the handlers rather than the CSRF check.
 *
 * Checks beyond ASan/UBSan: those of every response (fuzz_app.h); no transaction is
 * left open; a form refused as bad input (4xx) changed nothing. */
#include "fuzz_app.h"
#include "../../src/core/escape.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (time(NULL) - refreshed > 30) {
        refresh_snapshot();
        restore();
    }
    const char *s = (const char *)data, *end = s + size;
    const char *nl = memchr(s, '\n', size);
    if (!nl) return 0;
    const user *u = &users[2];
    const char *p = s;
    if (nl - p >= 2 && p[0] >= '1' && p[0] <= '3' && p[1] == ' ') {
        u = &users[p[0] - '1'];
        p += 2;
    }
    exchange x;
    exchange_begin(&x);
    char *path = arena_strndup(&x.a, p, (size_t)(nl - p));
    size_t pl = strlen(path);
    if (pl && path[pl - 1] == '\r') path[--pl] = 0;
    if (path[0] != '/' || !utf8_valid(path, pl)) {
        exchange_end(&x);
        return 0;
    }
    const char *head = arena_printf(
        &x.a, "--B\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n%s\r\n", u->csrf);
    size_t hl = strlen(head), rest = (size_t)(end - (nl + 1));
    char *body = arena_alloc(&x.a, hl + rest + 1);
    memcpy(body, head, hl);
    memcpy(body + hl, nl + 1, rest);
    body[hl + rest] = 0;

    x.r.method = "POST";
    x.r.path = path;
    x.r.content_type = "multipart/form-data; boundary=B";
    x.r.body = body;
    x.r.body_len = hl + rest;
    x.r.body_too_large = x.r.body_len > MAX_BODY;
    http_parse_cookies(&x.a, arena_printf(&x.a, "lis_session=%s", u->session), &x.r.cookies);
    int64_t before = sqlite3_total_changes64(work_handle);
    app_handle(&x.r, &x.out);
    check_response(&x.r, &x.out);
    FUZZ_CHECK(sqlite3_get_autocommit(work_handle), "POST %s left a transaction open", path);
    /* refused input changes nothing (a 404 page or a 403 may still audit nothing either) */
    if (x.out.status == 400 || x.out.status == 413)
        FUZZ_CHECK(sqlite3_total_changes64(work_handle) == before, "POST %s: %d but wrote", path,
                   x.out.status);
    if (verbose)
        fprintf(stderr, "POST %s -> %d\n%.*s\n", path, x.out.status, verbose > 1 ? 100000 : 300,
                buf_str(&x.out.body));
    exchange_end(&x);
    if (sqlite3_total_changes64(work_handle) != clean_changes) restore();
    return 0;
}
