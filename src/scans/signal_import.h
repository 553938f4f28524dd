/* signal_import.h - what the imports of directory and device exports share: one import
 * (a scan_import row) in one transaction, each reported thing a scan finding of a fixed
 * host (plugin = the check, port = the account or device) found again by that key, what a
 * later export no longer reports fixed, the import's counts kept for the trend, the audit
 * entry, and a preview that counts everything and keeps nothing. */
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
#endif
