/* parse.c - query strings, form bodies and cookies: bounded, never trusting input. */
#include "http.h"
#include <ctype.h>
#include <string.h>

static int hexval(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    c = tolower(c);
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    return -1;
}

char *url_decode(arena *a, const char *s, size_t n)
{
    char *out = arena_alloc(a, n + 1), *o = out;
    if (!out) return NULL;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '+') {
            *o++ = ' ';
        } else if (s[i] == '%' && i + 2 < n && hexval((unsigned char)s[i + 1]) >= 0 &&
                   hexval((unsigned char)s[i + 2]) >= 0) {
            *o++ = (char)(hexval((unsigned char)s[i + 1]) * 16 + hexval((unsigned char)s[i + 2]));
            i += 2;
        } else {
            *o++ = s[i];
        }
    }
    *o = 0;
    return out;
}

/* The decoded text, or NULL when it would hold a NUL byte (%00 or a raw one): a C
 * string would silently end there, so ab%00cd must not become ab. */
static const char *decode_text(arena *a, const char *s, size_t n, bool *nul)
{
    char *out = url_decode(a, s, n);
    if (!out) return NULL;
    size_t decoded = 0;
    for (size_t i = 0; i < n; i++, decoded++)
        if (s[i] == '%' && i + 2 < n && hexval((unsigned char)s[i + 1]) >= 0 &&
            hexval((unsigned char)s[i + 2]) >= 0)
            i += 2;
    if (strlen(out) != decoded) {
        *nul = true;
        return NULL;
    }
    return out;
}

size_t http_urlencoded_fields(const char *s, size_t n)
{
    size_t fields = 1;
    for (size_t i = 0; i < n; i++)
        if (s[i] == '&') fields++;
    return fields;
}

bool http_parse_urlencoded(arena *a, const char *s, size_t n, kvlist *out)
{
    out->n = 0;
    out->items = NULL;
    bool nul = false;
    if (!s || !n) return true;
    size_t fields = http_urlencoded_fields(s, n);
    int cap = fields > MAX_FORM_FIELDS ? MAX_FORM_FIELDS : (int)fields;
    out->items = arena_alloc(a, sizeof(kv) * (size_t)cap);
    if (!out->items) return true;
    size_t start = 0;
    while (start < n && out->n < cap) {
        size_t end = start;
        while (end < n && s[end] != '&')
            end++;
        if (end > start) {
            size_t eq = start;
            while (eq < end && s[eq] != '=')
                eq++;
            const char *key = decode_text(a, s + start, eq - start, &nul);
            const char *value = eq < end ? decode_text(a, s + eq + 1, end - eq - 1, &nul) : "";
            if (key && value && *key) {
                out->items[out->n].key = key;
                out->items[out->n].value = value;
                out->n++;
            }
        }
        start = end + 1;
    }
    return !nul;
}

void http_parse_cookies(arena *a, const char *h, kvlist *out)
{
    out->n = 0;
    out->items = NULL;
    if (!h) return;
    int cap = 1;
    for (const char *p = h; *p; p++)
        if (*p == ';') cap++;
    if (cap > 64) cap = 64;
    out->items = arena_alloc(a, sizeof(kv) * (size_t)cap);
    if (!out->items) return;
    const char *p = h;
    while (*p && out->n < cap) {
        while (*p == ' ' || *p == ';')
            p++;
        const char *name = p;
        while (*p && *p != '=' && *p != ';')
            p++;
        if (*p != '=') {
            while (*p && *p != ';')
                p++;
            continue;
        }
        size_t name_len = (size_t)(p - name);
        p++;
        const char *value = p;
        while (*p && *p != ';')
            p++;
        size_t value_len = (size_t)(p - value);
        while (name_len && name[name_len - 1] == ' ')
            name_len--;
        if (value_len >= 2 && value[0] == '"' && value[value_len - 1] == '"') {
            value++;
            value_len -= 2;
        }
        if (name_len) {
            out->items[out->n].key = arena_strndup(a, name, name_len);
            out->items[out->n].value = arena_strndup(a, value, value_len);
            out->n++;
        }
    }
}

const char *kv_get(const kvlist *l, const char *key)
{
    for (int i = 0; i < l->n; i++)
        if (strcmp(l->items[i].key, key) == 0) return l->items[i].value;
    return NULL;
}

int kv_count(const kvlist *l, const char *key)
{
    int n = 0;
    for (int i = 0; i < l->n; i++)
        if (strcmp(l->items[i].key, key) == 0) n++;
    return n;
}

void resp_header(resp *r, arena *a, const char *key, const char *value)
{
    (void)a;
    if (r->nheaders < MAX_HEADERS) {
        r->headers[r->nheaders].key = key;
        r->headers[r->nheaders].value = value;
        r->nheaders++;
    }
}

void resp_redirect(resp *r, arena *a, const char *location)
{
    r->status = 303;
    resp_header(r, a, "Location", location);
}
