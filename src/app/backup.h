/* backup.h - backups as a routine and their restore (SQLite).
 *
 * `lis backup --dir DIR --keep N` writes DIR/lis-YYYYMMDDTHHMMSSZ.sqlite (UTC) with its
 * audit key beside it and removes the oldest such copies beyond N (the package's
 * lis-backup.timer runs it nightly). `lis restore FILE --db TARGET` puts a backup in
 * place only after checking a copy of it: SQLite's integrity_check, a schema_migrations
 * table this program knows, and every audit chain verified with the backup's own key
 * (FILE.key). It refuses an existing TARGET without --force, and a TARGET that a running
 * lis has open even with it. */
#ifndef LIS_APP_BACKUP_H
#define LIS_APP_BACKUP_H
#include "../db/db.h"
#include <stdbool.h>
#include <stdio.h>

/* True for the names `lis backup --dir` gives: lis-YYYYMMDDTHHMMSSZ.sqlite. */
bool backup_is_routine_name(const char *name);

/* Writes a timestamped backup of d (whose key is key_path) into dir, then keeps the newest
 * keep routine backups there (with their .key files), removing the others. Prints what it
 * wrote and removed to out. 0, or 1 after printing why to err. */
int backup_routine(db *d, const char *key_path, const char *dir, int keep, FILE *out, FILE *err);

/* Restores the backup file to the SQLite database target (see above); key_path is where
 * the target's audit key belongs. 0 restored, 1 refused or failed (why on err). */
int backup_restore(const char *file, const char *target, const char *key_path, bool force,
                   FILE *out, FILE *err);

#endif
