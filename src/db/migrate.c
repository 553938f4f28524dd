#include "migrate.h"
#include "../core/embedded.h"
#include "../core/util.h"
#include <stdlib.h>
#include <string.h>

static int ensure_table(db *d)
{
    return db_exec(d,
                   "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                   "name TEXT NOT NULL, applied_at TEXT NOT NULL)",
                   0, NULL, NULL);
}

static int applied_max(db *d, arena *a)
{
    const char *v = db_scalar(d, a, "SELECT MAX(version) FROM schema_migrations", 0, NULL);
    return v ? atoi(v) : 0;
}

int migrate_pending(db *d)
{
    arena a;
    arena_init(&a, 0);
    if (ensure_table(d) != DB_OK) {
        arena_free(&a);
        return -1;
    }
    int have = applied_max(d, &a), n = 0;
    for (const embedded_file *m = embedded_migrations; m->name; m++)
        if (atoi(m->name) > have) n++;
    arena_free(&a);
    return n;
}

int migrate_run(db *d, const char *url, FILE *log)
{
    /* several lis processes may start at once against one PostgreSQL: one migrates,
     * the others wait and then find nothing pending */
    bool pg = db_kind_of(d) == DB_PG;
    if (pg && db_exec(d, "SELECT pg_advisory_lock(4242)", 0, NULL, NULL) != DB_OK) return DB_ERROR;
    int rc = migrate_run_list(d, url, embedded_migrations, log);
    if (pg) db_exec(d, "SELECT pg_advisory_unlock(4242)", 0, NULL, NULL);
    return rc;
}

int migrate_run_list(db *d, const char *url, const embedded_file *list, FILE *log)
{
    arena a;
    arena_init(&a, 0);
    if (ensure_table(d) != DB_OK) {
        fprintf(log, "cannot create schema_migrations: %s\n", db_error(d));
        arena_free(&a);
        return DB_ERROR;
    }
    int have = applied_max(d, &a);
    bool backed_up = false;
    for (const embedded_file *m = list; m->name; m++) {
        int version = atoi(m->name);
        if (version <= have) continue;
        if (db_kind_of(d) == DB_SQLITE && have > 0 && !backed_up) {
            char err[256];
            const char *dest = arena_printf(&a, "%s.before-%04d", url, version);
            if (db_sqlite_backup(d, dest, err, sizeof err) != DB_OK) {
                fprintf(log, "refusing to migrate without a backup: %s\n", err);
                arena_free(&a);
                return DB_ERROR;
            }
            fprintf(log, "backup before migrating: %s\n", dest);
            backed_up = true;
        }
        char now[21];
        time_now_iso(now);
        const char *p[] = {arena_printf(&a, "%d", version), m->name, now};
        if (db_begin(d) != DB_OK || db_exec_script(d, m->data) != DB_OK ||
            db_exec(d,
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
                    3, p, NULL) != DB_OK) {
            fprintf(log, "migration %s failed: %s\n", m->name, db_error(d));
            db_rollback(d);
            arena_free(&a);
            return DB_ERROR;
        }
        if (db_commit(d) != DB_OK) {
            fprintf(log, "migration %s failed at commit: %s\n", m->name, db_error(d));
            db_rollback(d);
            arena_free(&a);
            return DB_ERROR;
        }
        fprintf(log, "applied migration %s\n", m->name);
    }
    arena_free(&a);
    return DB_OK;
}
