/* buf.h - a growable byte buffer with a hard cap (after curl's dynbuf).
 *
 * Output of every page and JSON document is built in a buf. Appends never fail
 * silently: once the cap is hit the buffer is marked failed, further appends are
 * ignored, and the caller checks buf_failed() once at the end. */
#ifndef LIS_BUF_H
#define LIS_BUF_H
#include <stddef.h>
#include <stdarg.h>
#include <stdbool.h>

typedef struct buf {
    char *data;
    size_t len, size, cap;
    bool failed;
} buf;

/* Every buffer is capped: cap 0 means BUF_DEFAULT_CAP, never "unbounded". */
enum { BUF_DEFAULT_CAP = 64 * 1024 * 1024 };
void buf_init(buf *b, size_t cap);
void buf_free(buf *b);
void buf_reset(buf *b);
void buf_append(buf *b, const void *data, size_t n);
void buf_puts(buf *b, const char *s);
void buf_putc(buf *b, char c);
void buf_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hands the data to the caller (malloc'ed, NUL-terminated); the buf is left empty. */
char *buf_detach(buf *b, size_t *len);
static inline bool buf_failed(const buf *b)
{
    return b->failed;
}
static inline const char *buf_str(buf *b)
{
    if (!b->data) buf_append(b, "", 0);
    return b->data ? b->data : "";
}

#endif
