/* csv.c - see csv.h. One pass over the bytes, no copies beyond the fields. */
#include "csv.h"
#include "buf.h"
#include "escape.h"
#include <string.h>

void csv_init(csv_reader *c, const char *data, size_t len, char delim)
{
    c->p = data;
    c->end = data + len;
    if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3)) c->p += 3;
    c->delim = delim;
    c->line = 0;
    c->lines_done = 0;
    c->error = NULL;
}

int csv_next(csv_reader *c, arena *a, char **fields, int max)
{
    if (c->error || c->p >= c->end) return c->error ? -1 : 0;
    c->line = c->lines_done + 1;
    int n = 0;
    buf field;
    buf_init(&field, 0);
    for (;;) {
        buf_reset(&field);
        bool quoted = c->p < c->end && *c->p == '"';
        if (quoted) {
            c->p++;
            for (;;) {
                if (c->p >= c->end) {
                    c->error = "unterminated quoted field";
                    goto fail;
                }
                char ch = *c->p++;
                if (ch == '"') {
                    if (c->p < c->end && *c->p == '"') {
                        buf_putc(&field, '"');
                        c->p++;
                        continue;
                    }
                    break;
                }
                if (ch == '\n') c->lines_done++;
                buf_putc(&field, ch);
            }
            if (c->p < c->end && *c->p != c->delim && *c->p != '\n' && *c->p != '\r') {
                c->error = "text after a closing quote";
                goto fail;
            }
        } else {
            while (c->p < c->end && *c->p != c->delim && *c->p != '\n' && *c->p != '\r') {
                if (*c->p == '"') {
                    c->error = "a quote inside an unquoted field";
                    goto fail;
                }
                buf_putc(&field, *c->p++);
            }
        }
        if (n >= max) {
            c->error = "too many fields";
            goto fail;
        }
        fields[n++] = arena_strndup(a, field.data ? field.data : "", field.len);
        if (c->p < c->end && *c->p == c->delim) {
            c->p++;
            continue;
        }
        if (c->p < c->end && *c->p == '\r') c->p++;
        if (c->p < c->end && *c->p == '\n') c->p++;
        c->lines_done++;
        break;
    }
    buf_free(&field);
    return n;
fail:
    buf_free(&field);
    return -1;
}

/* Windows-1252 0x80–0x9F; the undefined five are mapped to U+FFFD */
static const unsigned short cp1252_high[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

void cp1252_to_utf8(buf *b, const char *data, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned c = (unsigned char)data[i];
        if (c >= 0x80 && c < 0xA0) c = cp1252_high[c - 0x80];
        if (c < 0x80) {
            buf_putc(b, (char)c);
        } else if (c < 0x800) {
            buf_putc(b, (char)(0xC0 | (c >> 6)));
            buf_putc(b, (char)(0x80 | (c & 0x3F)));
        } else {
            buf_putc(b, (char)(0xE0 | (c >> 12)));
            buf_putc(b, (char)(0x80 | ((c >> 6) & 0x3F)));
            buf_putc(b, (char)(0x80 | (c & 0x3F)));
        }
    }
}

char *text_to_utf8(arena *a, const char *data, size_t len)
{
    if (!data) return NULL;
    /* control characters other than tab and line ends: not text */
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)data[i];
        if ((c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7F) return NULL;
    }
    if (utf8_valid(data, len)) return arena_strndup(a, data, len);
    buf b;
    buf_init(&b, 0);
    cp1252_to_utf8(&b, data, len);
    char *out = b.failed ? NULL : arena_strndup(a, b.data ? b.data : "", b.len);
    buf_free(&b);
    return out;
}

char csv_guess_delimiter(const char *data, size_t len)
{
    int semi = 0, comma = 0, tab = 0;
    bool quoted = false;
    for (size_t i = 0; i < len && (quoted || data[i] != '\n'); i++) {
        if (data[i] == '"') quoted = !quoted;
        if (quoted) continue;
        semi += data[i] == ';';
        comma += data[i] == ',';
        tab += data[i] == '\t';
    }
    return tab > semi && tab > comma ? '\t' : comma > semi ? ',' : ';';
}

void csv_stream_init(csv_stream *s, char delim, int (*pull)(void *ctx, buf *into), void *ctx)
{
    memset(s, 0, sizeof *s);
    s->c.delim = delim;
    s->pull = pull;
    s->ctx = ctx;
    buf_init(&s->win, CSV_STREAM_LONGEST + 1024 * 1024);
}

void csv_stream_free(csv_stream *s)
{
    buf_free(&s->win);
}

/* The unread text moved to the window's start and the next piece appended after it. */
static void refill(csv_stream *s)
{
    size_t used = s->c.p ? (size_t)(s->c.p - s->win.data) : 0;
    if (used) memmove(s->win.data, s->win.data + used, s->win.len - used);
    s->win.len -= used;
    int got = s->pull(s->ctx, &s->win);
    if (got < 0 || buf_failed(&s->win)) s->failed = true;
    if (got <= 0) s->eof = true;
    s->c.p = buf_str(&s->win); /* never NULL, even for an empty text */
    s->c.end = s->c.p + s->win.len;
    if (!s->c.delim && s->win.len) s->c.delim = csv_guess_delimiter(s->win.data, s->win.len);
}

int csv_stream_next(csv_stream *s, arena *a, char **fields, int max)
{
    for (;;) {
        csv_reader tried = s->c;
        const char *start = tried.p;
        int n = tried.p ? csv_next(&tried, a, fields, max) : 0;
        /* a record is whole when more text follows it: one that ends at the window's end
         * may go on (a field, a quoted line break, the LF after its CR) in the next piece */
        bool whole = s->eof || (n > 0 && tried.p < tried.end) ||
                     (n < 0 && strcmp(tried.error, "unterminated quoted field"));
        if (!whole && s->win.len > CSV_STREAM_LONGEST) {
            s->c.error = n < 0 ? tried.error : "a record too long";
            return -1;
        }
        if (whole) {
            s->c = tried;
            s->record = start;
            return n;
        }
        refill(s);
    }
}
