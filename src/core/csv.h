/* csv.h - a strict reader of delimited text as spreadsheets write it: a chosen
 * delimiter (';' from Swedish Excel, ','), fields quoted with '"' where they hold the
 * delimiter, quotes or line breaks (a quote inside doubled), CRLF or LF line ends, and
 * a UTF-8 byte-order mark at the start ignored. */
#ifndef LIS_CSV_H
#define LIS_CSV_H
#include "arena.h"
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
/* The delimiter a header line uses: ';', ',' or tab, whichever occurs most; ';' if none. */
char csv_guess_delimiter(const char *data, size_t len);
#endif
