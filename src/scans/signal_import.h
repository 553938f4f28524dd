/* signal_import.h - what the imports of directory and device exports share: one import
 * (a scan_import row) in one transaction, each reported thing a scan finding of a fixed
 * host (plugin = the check, port = the account or device) found again by that key, what a
 * later export no longer reports fixed, the import's counts kept for the trend, the audit
 * entry, and a preview that counts everything and keeps nothing. Each kind of export is
 * described once (signal_kind): the upload page with its preview (signal_pages.c), the
 * command line and the API are the same code for both. */
#ifndef LIS_SCANS_SIGNAL_IMPORT_H
#define LIS_SCANS_SIGNAL_IMPORT_H
#include "../entity/entity.h"

typedef struct signal_import {
    const char *host, *scanner, *format; /* "directory", "Directory", "Directory (CSV)" */
    const char *root;                    /* the tenant's top unit: where the unmatched go */
    const char *import_id;
    char today[11], now[21];
    int findings, new_findings, still_open, fixed;
    const char *error; /* when it failed: why, in English for the API */
    bool db_failed;
} signal_import;

/* Begins the transaction and the import's row (with hosts, the file's name or NULL);
 * false with si->error set. */
bool signal_import_begin(req *r, signal_import *si, const char *file_name, int hosts);
/* One reported thing: a new finding, the same one still open, or a fixed one reappearing
 * (open again, with a new due date); false when the database failed. */
bool signal_import_finding(req *r, signal_import *si, const char *check, const char *port,
                           const char *title, const char *output, const char *severity,
                           const char *due, const char *unit);
/* The findings of the host this import did not report are fixed; false when the database
 * failed. */
bool signal_import_fix_rest(req *r, signal_import *si);
/* Keeps the counts and the audit entry (summary), then commits, or rolls back a preview
 * (commit false) or a failure (ok false); true when done as asked. */
bool signal_import_end(req *r, signal_import *si, bool ok, bool commit, const char *summary);

enum { SIGNAL_CHECKS = 3, SIGNAL_ERROR_ROWS = 20, SIGNAL_KINDS = 2 };

/* What one import of an export gave, or would give (a preview). */
typedef struct signal_result {
    int items; /* accounts or devices in the file */
    int findings, counts[SIGNAL_CHECKS];
    int new_findings, still_open, fixed;
    int days;   /* the tenant's setting for the check that counts days */
    int errors; /* rows that could not be read: nothing was written */
    const char *error_rows[SIGNAL_ERROR_ROWS]; /* the first of them, "row 3: …" */
    const char *error;                         /* about the file as a whole (English) */
    bool db_failed;                            /* the database, not the file, failed */
    int64_t import_id;
} signal_result;

/* Imports data into the caller's tenant in one transaction (a preview when commit is false:
 * counted, then rolled back); false with res->error or res->errors set and nothing written. */
typedef bool (*signal_import_fn)(req *r, const char *data, size_t len, const char *file_name,
                                 bool commit, signal_result *res);

/* A kind of export, described once. */
typedef struct signal_kind {
    const char *name;    /* "directory": /import/NAME and the kept upload's kind */
    const char *command; /* "import-directory": the CLI's command, its audit actor */
    signal_import_fn import;
    /* the findings: their host and where it comes from ("Enheter (Intune/MDM)"), each
     * check's English title a finding is stored with (then ": " and the account or device)
     * and that title as its reader reads it */
    const char *host, *format; /* "devices", "Devices (CSV)" (the imports' format) */
    tr_key source;
    const char *stored_title[SIGNAL_CHECKS];
    tr_key finding[SIGNAL_CHECKS];
    const char *(*check_code)(int check); /* the plugin of check's findings: "unmanaged" */
    int (*days)(
        req *r); /* the tenant's days for check days_check (its setting, else the default) */
    /* the page: its texts, the checks' labels (check[days_check] is followed by the days),
     * the links to the open findings and to the imports */
    tr_key title, intro, file, file_help, no_file, preview_title, done_title, items, do_import,
        open_findings, check[SIGNAL_CHECKS];
    /* the lägesbild's card: before the first import, and the link to the page */
    tr_key none, import_link;
    int days_check;
    const char *findings_href, *imports_href;
    /* the API: what it is called in its messages ("device", "a device export") and the
     * JSON names of the counts */
    const char *noun, *export_noun;
    const char *json_items, *json_check[SIGNAL_CHECKS], *json_days;
    /* the command line: the counts of a done import, on stdout */
    void (*print)(const signal_result *res);
} signal_kind;

/* Both kinds (SIGNAL_KINDS), NULL-ended. */
extern const signal_kind *const signal_kinds[];
/* How a reader reads a scan finding's stored title and host when a signal import wrote
 * them (value_label of those fields): "Ohanterad enhet: PC-12" for "Unmanaged device:
 * PC-12", "Enheter (Intune/MDM)" for "devices"; NULL for a scanner's own. */
const char *signal_title_label(req *r, const char *title);
const char *signal_host_label(req *r, const char *host);
/* A finding of check c of kind k: its stored title, "Unmanaged device: PC-12 (anna@…)". */
const char *signal_finding_title(req *r, const signal_kind *k, int c, const char *what,
                                 const char *who);

/* A parser's bad row, kept (the first SIGNAL_ERROR_ROWS) as "row N: message". */
void signal_row_error(arena *a, signal_result *res, int line, const char *message);
/* POST /api/v1/<kind>-imports: the body is the export; ?preview=1 keeps nothing;
 * ?file_name= names it. 201 (200 for a preview) with the counts; 422 naming the bad rows. */
void signal_api_import(req *r, resp *out, const signal_kind *k);
/* lis import-<kind> FILE --tenant CODE, run as lis itself: k->print's counts, or the bad
 * rows and "nothing was imported" on stderr. Returns the process's exit code. */
int signal_cli_import(db *d, const char *tenant_code, const char *path, const signal_kind *k);
/* The page flow under Import (signal_pages.c), for whoever may write risks: the upload form,
 * its preview (the file kept for its uploader until confirmed) and the import as previewed. */
void signal_page_form(req *r, resp *out, const signal_kind *k);
void signal_page_preview(req *r, resp *out, const signal_kind *k);
void signal_page_commit(req *r, resp *out, const signal_kind *k);

/* The lägesbild card's figures of one kind: its open findings by check within the reader's
 * read scope, the findings of its last two imports (-1: none) and their dates, the days. */
typedef struct signal_card {
    const signal_kind *k;
    long long open[SIGNAL_CHECKS], last, previous;
    const char *last_on, *previous_on;
    int days;
} signal_card;
#endif
