/* csv.h - a strict reader of delimited text as spreadsheets write it: a chosen
 * delimiter (';' from Swedish Excel, ','), fields quoted with '"' where they hold the
 * delimiter, quotes or line breaks (a quote inside doubled), CRLF or LF line ends, and
 * a UTF-8 byte-order mark at the start ignored. */
#ifndef LIS_CSV_H
#define LIS_CSV_H
#include "arena.h"
#include "buf.h"
#include <stdbool.h>
#include <stddef.h>

typedef struct csv_reader {
    const char *p, *end;
    char delim;
    int line;          /* the line where the record last read starts, from 1 */
    int lines_done;    /* lines consumed so far */
    const char *error; /* set when a record is malformed (an unterminated quote, text after
                        * a closing quote); reading stops there */
} csv_reader;

void csv_init(csv_reader *c, const char *data, size_t len, char delim);
/* Reads the next record into fields (copies in a); returns the number of fields, 0 at
 * the end, -1 on a malformed record (c->error says why) or more than max fields. */
int csv_next(csv_reader *c, arena *a, char **fields, int max);
/* Text from a file as UTF-8: unchanged when it is valid UTF-8, else read as
 * Windows-1252 (what Excel on Swedish Windows saves as "CSV") and converted. Control
 * characters other than tab, CR and LF (a binary file, e.g. an .xlsx) make it NULL. */
char *text_to_utf8(arena *a, const char *data, size_t len);
/* Windows-1252 bytes appended to b as UTF-8, whatever they are (a piece of a file already
 * known to be in Windows-1252). */
void cp1252_to_utf8(buf *b, const char *data, size_t len);
/* The delimiter a header line uses: ';', ',' or tab, whichever occurs most; ';' if none. */
char csv_guess_delimiter(const char *data, size_t len);

/* The same reader over text that comes a piece at a time (an import's file kept in the
 * database in pieces): pull appends the next piece to into and returns 1, or 0 at the
 * end, -1 when it failed. Only the record being read and one piece are held; a record
 * longer than CSV_STREAM_LONGEST is an error. delim 0: guessed from the first line. */
enum { CSV_STREAM_LONGEST = 4 * 1024 * 1024 };
typedef struct csv_stream {
    csv_reader c; /* over win; its line numbers count from the text's start */
    buf win;      /* the text not yet read */
    int (*pull)(void *ctx, buf *into);
    void *ctx;
    bool eof, failed;   /* failed: pull did (the text is cut short) */
    const char *record; /* where the record last read starts in win, until the next read */
} csv_stream;
void csv_stream_init(csv_stream *s, char delim, int (*pull)(void *ctx, buf *into), void *ctx);
int csv_stream_next(csv_stream *s, arena *a, char **fields, int max);
void csv_stream_free(csv_stream *s);
#endif
