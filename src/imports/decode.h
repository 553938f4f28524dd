/* decode.h - the text of an uploaded file as UTF-8, and what went wrong when it cannot be
 * trusted. Kommuner's files come as UTF-8 (with or without a BOM), Windows-1252 (Excel's
 * "CSV" on Swedish Windows), UTF-16 (Excel's "Unicode text") and, after some export
 * tools, with every å, ä and ö replaced by "?". A file that is mostly UTF-8 but holds a
 * stray Windows-1252 byte is refused with its line rather than guessed at: decoding it
 * either way would change letters the user never sees. */
#ifndef LIS_IMPORT_DECODE_H
#define LIS_IMPORT_DECODE_H
#include "../core/arena.h"
#include <stdbool.h>
#include <stddef.h>

typedef enum {
    ENC_UTF8,
    ENC_UTF8_BOM,
    ENC_CP1252,
    ENC_UTF16LE,
    ENC_UTF16BE,
} text_encoding;

typedef enum {
    DECODE_OK,
    DECODE_BINARY,    /* control characters: not a text file */
    DECODE_MIXED,     /* UTF-8 with a byte that is not: line says where */
    DECODE_BAD_UTF16, /* UTF-16 with a broken surrogate or an odd length */
    DECODE_QUESTION,  /* letters replaced by '?': line and word say where */
} decode_problem;

typedef struct decoded {
    char *text; /* UTF-8 without a BOM, NUL-terminated; NULL unless DECODE_OK */
    size_t len;
    text_encoding encoding;
    decode_problem problem;
    int line;         /* from 1, where the problem is */
    const char *word; /* DECODE_QUESTION: the damaged word as it stands */
    bool sink_failed; /* import_decode_stream: the sink refused (DECODE_BINARY then) */
} decoded;

/* The text of data as UTF-8 in out->text, or the problem. */
void import_decode(arena *a, const char *data, size_t len, decoded *out);

/* Where a file's bytes are read from, a piece at a time: n bytes at offset at into out
 * (pread from an upload's temporary file, or memory); the count read, short on failure. */
typedef struct byte_source {
    size_t (*read)(void *ctx, size_t at, char *out, size_t n);
    void *ctx;
    size_t len;
} byte_source;
/* Where the text goes: UTF-8 in pieces of whole lines (a very long line cut between two
 * characters); false when it cannot take it (the database failed). */
typedef bool (*text_sink)(void *ctx, const char *text, size_t n);
/* import_decode at bounded memory, whatever the file's size: src read a piece at a time
 * (twice for UTF-8 and Windows-1252, which only the whole file tells apart), the text
 * written to sink as it is checked; out->text stays NULL and out->len counts what was
 * written. A problem may be found after pieces were written: the caller drops them. */
void import_decode_stream(arena *a, const byte_source *src, text_sink sink, void *ctx,
                          decoded *out);
#endif
