/* multipart.c - multipart/form-data bodies (RFC 7578), as browsers send a form with a
 * file: each part's name and content go into the form list, a file's content as its
 * value. No value ever holds a NUL byte (C strings would cut it short, and a NULL value
 * would reach handlers that compare it): a file part with NUL bytes is left out and named
 * in *binary_part, its bytes in *binary_data (an .xlsx, UTF-16: the handler decides), a text field
 * with one makes the parse return false (the request is refused). Bounded and strict: a part
 * without a name, a missing boundary or a body cut short ends the parse with what was read so far.
 */
#include "http.h"
#include <string.h>
#include <strings.h>
#include <unistd.h>

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

/* The value of PARAM="…" (name or filename) in a Content-Disposition header line. */
static const char *disposition_param(arena *a, const char *headers, size_t n, const char *param)
{
    const char *end = headers + n;
    size_t plen = strlen(param);
    for (const char *p = headers; p + plen + 2 < end; p++) {
        if (strncasecmp(p, param, plen) != 0 || p[plen] != '=' || p[plen + 1] != '"' ||
            (p > headers && p[-1] != ' ' && p[-1] != ';'))
            continue;
        const char *v = p + plen + 2, *q = memchr(v, '"', (size_t)(end - v));
        return q ? arena_strndup(a, v, (size_t)(q - v)) : NULL;
    }
    return NULL;
}

/* One part of the body: its name and filename (NULL when absent) and its bytes, pointing
 * into the body. */
typedef struct part {
    const char *name, *filename;
    const char *data;
    size_t len;
} part;

typedef enum walk_end { WALK_CLOSED, WALK_CUT, WALK_FORGED } walk_end;

/* Walks the body's parts, at most MAX_PARAMS, into parts (*n of them). WALK_CLOSED when
 * the closing delimiter was met (or there is nothing to read), WALK_CUT when the body
 * ends early, WALK_FORGED when a part's headers hold a NUL byte. */
static walk_end walk_parts(arena *a, const char *content_type, const char *body, size_t n,
                           part *parts, int *nparts)
{
    *nparts = 0;
    const char *boundary = content_type ? boundary_of(a, content_type) : NULL;
    if (!boundary || !body) return WALK_CLOSED;
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
    while (p && *nparts < MAX_PARAMS) {
        if (end - p >= 2 && p[0] == '-' && p[1] == '-') return WALK_CLOSED;
        if (end - p < 2 || p[0] != '\r' || p[1] != '\n') return WALK_CUT;
        p += 2;
        const char *head_end = memmem(p, (size_t)(end - p), "\r\n\r\n", 4);
        if (!head_end) return WALK_CUT;
        size_t head_len = (size_t)(head_end - p);
        if (memchr(p, 0, head_len)) return WALK_FORGED; /* a part's headers are text */
        const char *content = head_end + 4;
        const char *next = memmem(content, (size_t)(end - content), delim, dlen);
        if (!next) return WALK_CUT;
        parts[*nparts] = (part){disposition_param(a, p, head_len, "name"),
                                disposition_param(a, p, head_len, "filename"), content,
                                (size_t)(next - content)};
        (*nparts)++;
        p = next + dlen;
    }
    return p ? WALK_CUT : WALK_CLOSED;
}

bool http_parse_multipart(arena *a, const char *content_type, const char *body, size_t n,
                          kvlist *out, const char **binary_part)
{
    return http_parse_multipart_bytes(a, content_type, body, n, out, binary_part, NULL, NULL);
}

bool http_parse_multipart_bytes(arena *a, const char *content_type, const char *body, size_t n,
                                kvlist *out, const char **binary_part, const char **binary_data,
                                size_t *binary_len)
{
    out->n = 0;
    out->items = arena_alloc(a, sizeof(kv) * MAX_PARAMS);
    if (binary_part) *binary_part = NULL;
    if (binary_data) *binary_data = NULL;
    if (binary_len) *binary_len = 0;
    part *parts = arena_alloc(a, sizeof(part) * MAX_PARAMS);
    if (!out->items || !parts) return true;
    int np;
    if (walk_parts(a, content_type, body, n, parts, &np) == WALK_FORGED) return false;
    for (int i = 0; i < np; i++) {
        const part *pt = &parts[i];
        if (!pt->name || !*pt->name) continue;
        if (memchr(pt->data, 0, pt->len)) {
            /* a file that is not text is named for the handler; a text field with a NUL
             * is a forged request */
            if (!pt->filename) return false;
            if (binary_part && !*binary_part) {
                *binary_part = pt->name;
                if (binary_data) *binary_data = pt->data; /* in the body, not copied */
                if (binary_len) *binary_len = pt->len;
            }
        } else {
            out->items[out->n].key = pt->name;
            out->items[out->n].value = arena_strndup(a, pt->data, pt->len);
            out->n++;
        }
    }
    return true;
}

bool http_multipart_file(arena *a, const char *content_type, const char *body, size_t n,
                         const char *name, http_file *out)
{
    memset(out, 0, sizeof *out);
    part *parts = arena_alloc(a, sizeof(part) * MAX_PARAMS);
    if (!name || !parts) return false;
    int np;
    if (walk_parts(a, content_type, body, n, parts, &np) == WALK_FORGED) return false;
    for (int i = 0; i < np; i++)
        if (parts[i].name && parts[i].filename && !strcmp(parts[i].name, name)) {
            *out =
                (http_file){parts[i].filename, (const unsigned char *)parts[i].data, parts[i].len};
            return true;
        }
    return false;
}

/* The offset of the first pat in the file's bytes [from, end), or -1: read a piece at a
 * time, each overlapping the last by plen - 1 bytes so a match across two is found. */
static long long file_find(int fd, size_t from, size_t end, const char *pat, size_t plen)
{
    char piece[32 * 1024];
    for (size_t at = from; at < end && end - at >= plen;) {
        size_t want = end - at < sizeof piece ? end - at : sizeof piece;
        ssize_t got = pread(fd, piece, want, (off_t)at);
        if (got < (ssize_t)plen) return -1;
        const char *hit = memmem(piece, (size_t)got, pat, plen);
        if (hit) return (long long)(at + (size_t)(hit - piece));
        at += (size_t)got - (plen - 1);
    }
    return -1;
}

bool http_parse_multipart_file(arena *a, const char *content_type, int fd, size_t n, kvlist *out,
                               struct http_upload *file)
{
    out->n = 0;
    out->items = arena_alloc(a, sizeof(kv) * MAX_PARAMS);
    memset(file, 0, sizeof *file);
    file->fd = -1;
    const char *boundary = content_type ? boundary_of(a, content_type) : NULL;
    if (!out->items || !boundary) return true;
    char *delim = arena_printf(a, "\r\n--%s", boundary);
    size_t dlen = strlen(delim);
    /* the first delimiter may open the body without the leading CRLF */
    char first[80];
    long long p;
    if (n >= dlen - 2 && pread(fd, first, dlen - 2, 0) == (ssize_t)(dlen - 2) &&
        !memcmp(first, delim + 2, dlen - 2)) {
        p = (long long)dlen - 2;
    } else {
        p = file_find(fd, 0, n, delim, dlen);
        if (p >= 0) p += (long long)dlen;
    }
    enum { HEAD_MAX = 8 * 1024 };
    char *head = arena_alloc(a, HEAD_MAX);
    while (head && p >= 0 && out->n < MAX_PARAMS) {
        size_t at = (size_t)p;
        char two[2];
        if (n - at < 2 || pread(fd, two, 2, (off_t)at) != 2) return true; /* cut short */
        if (two[0] == '-' && two[1] == '-') return true;                  /* the end */
        if (two[0] != '\r' || two[1] != '\n') return true;
        at += 2;
        size_t hn = n - at < HEAD_MAX ? n - at : HEAD_MAX;
        if (pread(fd, head, hn, (off_t)at) != (ssize_t)hn) return true;
        const char *head_end = memmem(head, hn, "\r\n\r\n", 4);
        if (!head_end) return true;
        size_t head_len = (size_t)(head_end - head);
        if (memchr(head, 0, head_len)) return false; /* a part's headers are text */
        const char *name = disposition_param(a, head, head_len, "name");
        const char *filename = disposition_param(a, head, head_len, "filename");
        size_t content = at + head_len + 4;
        long long next = file_find(fd, content, n, delim, dlen);
        if (next < 0) return true;
        size_t len = (size_t)next - content;
        p = next + (long long)dlen;
        if (!name || !*name) continue;
        if (filename && file->fd < 0) {
            *file = (struct http_upload){name, filename, fd, content, len};
            continue;
        }
        if (len > MAX_BODY) continue; /* a field no form of lis sends */
        char *value = arena_alloc(a, len + 1);
        if (!value || (len && pread(fd, value, len, (off_t)content) != (ssize_t)len)) return true;
        value[len] = '\0';
        if (memchr(value, 0, len)) {
            if (!filename) return false; /* a text field with a NUL: a forged request */
            continue;
        }
        out->items[out->n].key = name;
        out->items[out->n].value = value;
        out->n++;
    }
    return true;
}
