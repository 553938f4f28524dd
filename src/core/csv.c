/* csv.c - see csv.h. One pass over the bytes, no copies beyond the fields. */
#include "csv.h"
#include "buf.h"
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
