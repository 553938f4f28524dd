/* fuzz_csv - the import's byte-level readers on arbitrary bytes: text_to_utf8 (UTF-8 or
 * Windows-1252), csv_guess_delimiter, csv_next over a whole file and csv_stream over
 * the same file in pieces of 1 to 7 bytes (the same records and lines), and
 * http_parse_multipart with a boundary taken from the input.
 *
 * Besides memory errors and undefined behaviour it checks what each promises: the text
 * is valid UTF-8 and valid input comes back unchanged; csv_next returns at most max
 * fields, each valid UTF-8 when the input was, and stops (no endless loop); a quoted
 * field written back by the CSV rules reads back to itself. */
#include "fuzz_common.h"
#include "../../src/core/arena.h"
#include "../../src/core/csv.h"
#include "../../src/core/escape.h"
#include "../../src/http/http.h"

/* The text handed to csv_stream a few bytes at a time. */
typedef struct pieces {
    const char *text;
    size_t len, at, size;
} pieces;

static int piece_pull(void *ctx, buf *into)
{
    pieces *p = ctx;
    if (p->at >= p->len) return 0;
    size_t n = p->len - p->at < p->size ? p->len - p->at : p->size;
    buf_append(into, p->text + p->at, n);
    p->at += n;
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
    arena a;
    arena_init(&a, 0);
    char *s = fuzz_cstr(data, n);

    char *text = text_to_utf8(&a, s, n);
    if (text) {
        FUZZ_CHECK(utf8_valid(text, strlen(text)), "text_to_utf8 gave invalid UTF-8");
        if (utf8_valid(s, n)) FUZZ_CHECK(!strcmp(text, s), "valid UTF-8 was changed");
    } else {
        bool control = false;
        for (size_t i = 0; i < n; i++)
            control |= (data[i] < 0x20 && data[i] != '\t' && data[i] != '\r' && data[i] != '\n') ||
                       data[i] == 0x7F;
        FUZZ_CHECK(control, "only text with control characters is refused");
    }

    if (text) {
        size_t len = strlen(text);
        char delim = csv_guess_delimiter(text, len);
        FUZZ_CHECK(delim == ';' || delim == ',' || delim == '\t', "delimiter %d", delim);
        csv_reader c;
        csv_init(&c, text, len, delim);
        char *fields[8];
        int records = 0, got;
        while ((got = csv_next(&c, &a, fields, 8)) > 0) {
            FUZZ_CHECK(got <= 8, "%d fields", got);
            for (int i = 0; i < got; i++)
                FUZZ_CHECK(utf8_valid(fields[i], strlen(fields[i])), "field not UTF-8");
            FUZZ_CHECK(++records <= (int)len + 1, "csv_next does not advance");
        }
        FUZZ_CHECK(got == 0 || c.error, "a failure says why");

        /* round trip: the input as one field, quoted by the rules, reads back the same */
        buf q;
        buf_init(&q, 0);
        buf_putc(&q, '"');
        for (size_t i = 0; i < len; i++) {
            if (text[i] == '"') buf_putc(&q, '"');
            buf_putc(&q, text[i]);
        }
        buf_puts(&q, "\";x\n");
        csv_init(&c, q.data, q.len, ';');
        got = csv_next(&c, &a, fields, 8);
        FUZZ_CHECK(got == 2 && !strcmp(fields[0], text) && !strcmp(fields[1], "x"),
                   "quoted round trip failed (%d fields)", got);
        buf_free(&q);

        /* the same text read a few bytes at a time (csv_stream, as an import reads its
         * pieces from the database): the same records, fields and lines */
        if (len < 3 || memcmp(text, "\xEF\xBB\xBF", 3)) {
            pieces pc = {text, len, 0, n ? (size_t)data[0] % 7 + 1 : 1};
            csv_stream st;
            csv_stream_init(&st, delim, piece_pull, &pc);
            csv_init(&c, text, len, delim);
            char *whole[8];
            int want;
            do {
                want = csv_next(&c, &a, whole, 8);
                got = csv_stream_next(&st, &a, fields, 8);
                FUZZ_CHECK(got == want, "stream %d fields, whole %d", got, want);
                FUZZ_CHECK(want <= 0 || st.c.line == c.line, "line %d, whole %d", st.c.line,
                           c.line);
                for (int i = 0; i < want; i++)
                    FUZZ_CHECK(!strcmp(fields[i], whole[i]), "field %d differs", i);
            } while (want > 0);
            csv_stream_free(&st);
        }
    }

    /* multipart: the first line of the input is the boundary */
    const char *nl = memchr(s, '\n', n);
    if (nl) {
        char *ct = arena_printf(&a, "multipart/form-data; boundary=%.*s", (int)(nl - s), s);
        kvlist form;
        const char *binary = NULL;
        http_parse_multipart(&a, ct, nl + 1, n - (size_t)(nl + 1 - s), &form, &binary);
        FUZZ_CHECK(form.n >= 0 && form.n <= MAX_PARAMS, "%d parts", form.n);
        for (int i = 0; i < form.n; i++) {
            FUZZ_CHECK(form.items[i].key && *form.items[i].key, "a part without a name");
            /* handlers compare values as C strings: never NULL */
            FUZZ_CHECK(form.items[i].value, "part %s without a value", form.items[i].key);
        }
        /* a file part as sent: its bytes lie inside the body */
        http_file file;
        if (http_multipart_file(&a, ct, nl + 1, n - (size_t)(nl + 1 - s), "file", &file))
            FUZZ_CHECK(file.filename && file.data >= (const unsigned char *)nl + 1 &&
                           file.data + file.len <= (const unsigned char *)s + n,
                       "file part outside the body");
    }
    free(s);
    arena_free(&a);
    return 0;
}
