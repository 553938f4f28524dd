#include "buf.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void buf_init(buf *b, size_t cap)
{
    memset(b, 0, sizeof *b);
    b->cap = cap ? cap : BUF_DEFAULT_CAP;
}

void buf_free(buf *b)
{
    free(b->data);
    memset(b, 0, sizeof *b);
}

void buf_reset(buf *b)
{
    b->len = 0;
    b->failed = false;
    if (b->data) b->data[0] = 0;
}

static bool buf_grow(buf *b, size_t extra)
{
    if (b->failed) return false;
    size_t need = b->len + extra + 1;
    if (b->cap && need > b->cap) {
        b->failed = true;
        return false;
    }
    if (need <= b->size) return true;
    size_t size = b->size ? b->size : 256;
    while (size < need)
        size *= 2;
    if (b->cap && size > b->cap) size = b->cap;
    char *p = realloc(b->data, size);
    if (!p) {
        b->failed = true;
        return false;
    }
    b->data = p;
    b->size = size;
    return true;
}

void buf_append(buf *b, const void *data, size_t n)
{
    if (!buf_grow(b, n)) return;
    if (n) memcpy(b->data + b->len, data, n);
    b->len += n;
    b->data[b->len] = 0;
}

void buf_puts(buf *b, const char *s)
{
    if (s) buf_append(b, s, strlen(s));
}

void buf_putc(buf *b, char c)
{
    buf_append(b, &c, 1);
}

void buf_printf(buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n >= 0 && buf_grow(b, (size_t)n)) {
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
        b->len += (size_t)n;
    }
    va_end(ap);
}

char *buf_detach(buf *b, size_t *len)
{
    if (!b->data) buf_append(b, "", 0);
    char *p = b->data;
    if (len) *len = b->len;
    b->data = NULL;
    b->len = b->size = 0;
    return p;
}
