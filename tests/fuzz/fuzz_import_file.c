/* fuzz_import_file - the import's file readers on arbitrary bytes: import_decode (the
 * encoding detection: BOM, UTF-16 with or without BOM, UTF-8, Windows-1252, a stray byte,
 * "?" in place of letters) and xlsx_to_csv (libzip and libxml2's xmlTextReader over a
 * zip's parts; seeds in the corpus are small real .xlsx files).
 *
 * Besides memory errors and undefined behaviour it checks what each promises: decoded
 * text is valid UTF-8 of the length given, with no control characters but tab, CR and
 * LF, and valid plain UTF-8 without damage comes back unchanged; a refusal names a line
 * within the input; an Excel file's CSV is valid UTF-8 that the CSV reader reads to the
 * end without an error (every cell is quoted by the rules). */
#include "fuzz_common.h"
#include "../../src/core/arena.h"
#include "../../src/core/csv.h"
#include "../../src/core/escape.h"
#include "../../src/imports/decode.h"
#include "../../src/imports/xlsx_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
    arena a;
    arena_init(&a, 0);
    const char *s = (const char *)data;

    decoded d;
    import_decode(&a, s, n, &d);
    if (d.problem == DECODE_OK) {
        FUZZ_CHECK(d.text && strlen(d.text) == d.len, "length %zu", d.len);
        FUZZ_CHECK(utf8_valid(d.text, d.len), "decoded text is not UTF-8");
        for (size_t i = 0; i < d.len; i++) {
            unsigned char c = (unsigned char)d.text[i];
            FUZZ_CHECK(!((c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7F),
                       "control character %d kept", c);
        }
        if (d.encoding == ENC_UTF8)
            FUZZ_CHECK(d.len == n && !memcmp(d.text, s, n), "UTF-8 changed");
    } else {
        FUZZ_CHECK(!d.text, "a refusal with text");
        FUZZ_CHECK(d.line >= 0 && (size_t)d.line <= n + 1, "line %d of %zu bytes", d.line, n);
        if (d.problem == DECODE_QUESTION) FUZZ_CHECK(d.word && strchr(d.word, '?'), "the word");
    }

    char *csv = NULL;
    xlsx_status st = xlsx_to_csv(&a, s, n, 1000, &csv);
    if (st == XLSX_OK) {
        size_t len = strlen(csv);
        FUZZ_CHECK(utf8_valid(csv, len), "xlsx text is not UTF-8");
        csv_reader c;
        csv_init(&c, csv, len, ';');
        char *fields[64];
        int got, rows = 0;
        while ((got = csv_next(&c, &a, fields, 64)) > 0)
            FUZZ_CHECK(++rows <= (int)len + 1, "loop");
        FUZZ_CHECK(got == 0 || !strcmp(c.error, "too many fields"), "xlsx CSV unreadable: %s",
                   c.error);
    } else {
        FUZZ_CHECK(!csv, "a refusal with text");
    }
    arena_free(&a);
    return 0;
}
