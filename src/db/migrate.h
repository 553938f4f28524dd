/* migrate.h - numbered SQL files compiled into the binary (src/db/migrations/),
 * each applied in its own transaction and recorded in schema_migrations with a
 * checksum of its text. Every migration not in the applied set is applied, in version
 * order. A failing migration is rolled back and named; so is an applied one whose text
 * changed since; the server then refuses to start. */
#ifndef LIS_MIGRATE_H
#define LIS_MIGRATE_H
#include "db.h"
#include "../core/embedded.h"
#include <stdio.h>

/* Applies what is pending. For a SQLite file that already holds data and has
 * migrations pending, a backup copy is taken first (path.before-NNNN). */
int migrate_run(db *d, const char *url, FILE *log) __attribute__((warn_unused_result));
/* The same over a given list of migrations (ended by {NULL}, sorted by name, each
 * name starting with its version number); migrate_run passes embedded_migrations. */
int migrate_run_list(db *d, const char *url, const embedded_file *list, FILE *log)
    __attribute__((warn_unused_result));
/* Refuses a list whose names do not start with a version number, that holds a
 * version twice, or that is out of version order; the reason goes to err. */
int migrate_check_list(const embedded_file *list, char *err, size_t errlen)
    __attribute__((warn_unused_result));
/* Number of migrations compiled in that the database has not yet applied; -1 on error. */
int migrate_pending(db *d);
int db_sqlite_backup(db *d, const char *dest, char *err, size_t errlen);
#endif
