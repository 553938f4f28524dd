/* xlsx_read.h - the first worksheet of an Excel file (.xlsx) as the CSV text the import
 * reads (';' between cells, quoted where needed, one line per spreadsheet row so that line
 * numbers are Excel's row numbers; a date cell as its date, YYYY-MM-DD, or YYYY-MM-DD HH:MM
 * when its format shows the time). The zip is opened with libzip from memory and each
 * part is streamed through libxml2's xmlTextReader (never a whole DOM), each bounded, so a
 * zip bomb or a billion-laughs file ends as an error, not as exhausted memory. */
#ifndef LIS_XLSX_READ_H
#define LIS_XLSX_READ_H
#include "../core/arena.h"
#include "decode.h"
#include <stdbool.h>
#include <stddef.h>

typedef enum {
    XLSX_OK,
    XLSX_NOT_ZIP,  /* not a zip archive */
    XLSX_NO_SHEET, /* a zip, but no worksheet in it */
    XLSX_BAD_XML,  /* a part that is not well-formed XML, or too large */
    XLSX_TOO_MANY, /* more rows than max_rows */
} xlsx_status;

/* True when the bytes start like a zip archive (an .xlsx, .docx …). */
bool xlsx_looks_like_zip(const char *data, size_t len);
xlsx_status xlsx_to_csv(arena *a, const char *data, size_t len, int max_rows, char **csv);
/* The same at bounded memory, the CSV to sink a few rows at a time: the file in memory
 * (data, len), or (data NULL) len bytes at offset in the file fd (an upload's temporary
 * file), read by libzip a block at a time, the sheet's XML streamed from its zip entry.
 * A refusal may come after some rows were sunk: the caller drops them. */
xlsx_status xlsx_csv_to(const char *data, int fd, size_t offset, size_t len, int max_rows,
                        text_sink sink, void *ctx);
#endif
