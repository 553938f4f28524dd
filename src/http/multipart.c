/* multipart.c - multipart/form-data bodies (RFC 7578), as browsers send a form with a
 * file: each part's name and content go into the form list, a file's content as its
 * value (NULL when it holds NUL bytes: not text). Bounded and strict: a part without a name, a
 * missing boundary or a body cut short ends the parse with what was read so far. */
#include "http.h"
#include <string.h>
#include <strings.h>

/* The boundary parameter of a Content-Type, unquoted; NULL when absent or too long. */
static const char *boundary_of(arena *a, const char *content_type)
{
    const char *b = strcasestr(content_type, "boundary=");
    if (!b) return NULL;
    b += 9;
    size_t n;
    if (*b == '"') {
        const char *end = strchr(++b, '"');
        if (!end) return NULL;
        n = (size_t)(end - b);
    } else {
        n = strcspn(b, "; \t");
    }
    if (n == 0 || n > 70) return NULL; /* RFC 2046: 1 to 70 characters */
    return arena_strndup(a, b, n);
}

/* The value of name="…" in a Content-Disposition header line. */
static const char *disposition_name(arena *a, const char *headers, size_t n)
{
    const char *end = headers + n;
    for (const char *p = headers; p + 6 < end; p++) {
        if (strncasecmp(p, "name=\"", 6) != 0 || (p > headers && p[-1] != ' ' && p[-1] != ';'))
            continue;
        const char *v = p + 6, *q = memchr(v, '"', (size_t)(end - v));
        return q ? arena_strndup(a, v, (size_t)(q - v)) : NULL;
    }
    return NULL;
}

void http_parse_multipart(arena *a, const char *content_type, const char *body, size_t n,
                          kvlist *out)
{
    out->n = 0;
    out->items = arena_alloc(a, sizeof(kv) * MAX_PARAMS);
    const char *boundary = content_type ? boundary_of(a, content_type) : NULL;
    if (!boundary || !body || !out->items) return;
    char *delim = arena_printf(a, "\r\n--%s", boundary);
    size_t dlen = strlen(delim);
    const char *end = body + n;
    /* the first delimiter may open the body without the leading CRLF */
    const char *p;
    if (n >= dlen - 2 && !memcmp(body, delim + 2, dlen - 2)) {
        p = body + dlen - 2;
    } else {
        p = memmem(body, n, delim, dlen);
        if (p) p += dlen;
    }
    while (p && out->n < MAX_PARAMS) {
        if (end - p >= 2 && p[0] == '-' && p[1] == '-') return; /* the closing delimiter */
        if (end - p < 2 || p[0] != '\r' || p[1] != '\n') return;
        p += 2;
        const char *head_end = memmem(p, (size_t)(end - p), "\r\n\r\n", 4);
        if (!head_end) return;
        const char *name = disposition_name(a, p, (size_t)(head_end - p));
        const char *content = head_end + 4;
        const char *next = memmem(content, (size_t)(end - content), delim, dlen);
        if (!next) return;
        if (name && *name) {
            out->items[out->n].key = name;
            /* a part with NUL bytes is not text: kept as present but without a value */
            size_t len = (size_t)(next - content);
            out->items[out->n].value =
                memchr(content, 0, len) ? NULL : arena_strndup(a, content, len);
            out->n++;
        }
        p = next + dlen;
    }
}
