/* run.h - one pass of an import over a file's rows: each row mapped to a record (the
 * columns as the user chose, values as people write them), checked for duplicates, and
 * written through the entity's own create or update, inside one transaction. A preview
 * rolls it all back; an import commits the good rows, each row in its own savepoint so
 * that a bad one is undone alone. */
#ifndef LIS_IMPORT_RUN_H
#define LIS_IMPORT_RUN_H
#include "mapping.h"

/* a preview shows every row up to PREVIEW_ROWS, good rows only up to PREVIEW_GOOD_ROWS */
enum { MAX_COLS = 64, MAX_ROWS = 20000, PREVIEW_GOOD_ROWS = 200, PREVIEW_ROWS = 1000 };
enum { REJECTED_PIECE = 256 * 1024 };

typedef struct ref_names ref_names; /* a referenced kind's rows by folded title */

/* A value the file writes that lis does not know (a unit, a person, a status word): shown
 * once above the rows with what it may become instead, for every row that writes it. The
 * form names the choice fix_COL_KEY (KEY the folded value in hex); a person may instead be
 * created from the preview with the address in new_COL_KEY. */
enum { MAX_UNKNOWN = 100, MAX_FIX_OPTIONS = 100 };
typedef struct import_unknown {
    int col;
    const char *value, *key; /* as the file writes it first; the form's name part */
    int rows;
    bool person; /* a person may be created with an e-mail address */
    int nopts;
    const char **opt_value, **opt_label;
    const char *chosen, *email; /* what the form sent */
    const char *problem;        /* why the new person could not be created */
} import_unknown;

typedef struct import_run {
    const entity *e;
    arena *keep; /* the request's arena: what outlives a row (each row has its own) */
    word_table *headers, *values;
    char *header[MAX_COLS]; /* as the file spells them */
    int field_of[MAX_COLS]; /* a field index, COL_ID or COL_IGNORE */
    int ncols;
    int rows, bad, created, updated, skipped, shown, hidden;
    const char *error;   /* about the file as a whole */
    int header_line;     /* where the column names are: > 1 when a title stands above them */
    struct db_res *kept; /* the mapping this tenant last confirmed for the kind */
    buf table;           /* the preview's rows */
    buf rejected;        /* the rows with errors as CSV, with their reason: an import's only */
    const char *rejected_upload; /* (a preview keeps none) kept with this upload, its pieces
                                  * -1, -2 … each time the text passes REJECTED_PIECE bytes */
    int rejected_pieces;
    ref_names *refs[MAX_COLS];
    struct name_index *register_names, *file_names;
    import_unknown unknown[MAX_UNKNOWN];
    int nunknown;
} import_run;

void run_init(import_run *run, arena *a, const entity *e);
void run_free(import_run *run);
/* Maps the header line: the mapping the form sends (map_N), else the one this tenant
 * last confirmed, else what the header proposes. */
void run_map_columns(req *r, import_run *run, char **cells, int n);
/* The file's text as UTF-8, read a piece at a time (the upload's pieces in the database):
 * pull appends the next piece (1; 0 at the end; -1 when it failed), rewind starts again
 * from the first (the header search reads the first lines twice). */
typedef struct import_text {
    int (*pull)(void *ctx, buf *into);
    void (*rewind)(void *ctx);
    void *ctx;
} import_text;
/* Runs every row inside a transaction it begins and leaves open: the caller commits the
 * good rows (each bad one is already undone by its savepoint) or rolls all back. The text
 * is read one record at a time: memory does not grow with the file. DB_OK, or DB_ERROR
 * when the database failed. */
int run_rows(req *r, import_run *run, const import_text *text);
/* Keeps the mapping the user confirmed for this tenant and kind (inside the import's
 * transaction). */
int run_remember_mapping(req *r, const import_run *run);
#endif
