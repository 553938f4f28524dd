/* migrate.c - applies the compiled-in migrations the database has not applied yet.
 *
 * Pending means "not in the applied set", never "above the highest applied version": a
 * migration merged after a higher-numbered one (0013 arriving when 0015 is applied) is
 * still applied, in version order. Each applied migration's text is recorded as a
 * BLAKE2b checksum; a migration whose text changed after it was applied would leave
 * databases that ran the old text different from those that run the new one, so lis
 * refuses to start and names it. Databases migrated before checksums existed get
 * theirs recorded on the first run. */
#include "migrate.h"
#include "../core/embedded.h"
#include "../core/util.h"
#include <ctype.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

/* One row of schema_migrations. */
typedef struct applied_migration {
    int version;
    const char *name;
    const char *checksum; /* NULL: applied before checksums were kept */
} applied_migration;

typedef struct applied_set {
    applied_migration *rows;
    int n;
} applied_set;

static int ensure_table(db *d)
{
    if (db_exec(d,
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                "name TEXT NOT NULL, applied_at TEXT NOT NULL, checksum TEXT)",
                0, NULL, NULL) != DB_OK)
        return DB_ERROR;
    /* a table made before checksums were kept lacks the column: add it (asking the
     * catalogue first, since SQLite has no ADD COLUMN IF NOT EXISTS) */
    if (db_kind_of(d) == DB_PG)
        return db_exec(d, "ALTER TABLE schema_migrations ADD COLUMN IF NOT EXISTS checksum TEXT", 0,
                       NULL, NULL);
    arena a;
    arena_init(&a, 0);
    const char *has = db_scalar(d, &a,
                                "SELECT COUNT(*) FROM pragma_table_info('schema_migrations') "
                                "WHERE name = 'checksum'",
                                0, NULL);
    int rc = !has             ? DB_ERROR
             : atoi(has) == 0 ? db_exec(d, "ALTER TABLE schema_migrations ADD COLUMN checksum TEXT",
                                        0, NULL, NULL)
                              : DB_OK;
    arena_free(&a);
    return rc;
}

/* The checksum recorded for a migration's text: BLAKE2b-256 in hex. */
static const char *migration_checksum(arena *a, const embedded_file *m)
{
    unsigned char hash[crypto_generichash_BYTES];
    size_t len = m->len ? m->len : strlen(m->data);
    crypto_generichash(hash, sizeof hash, (const unsigned char *)m->data, len, NULL, 0);
    char *hex = arena_alloc(a, sizeof hash * 2 + 1);
    if (!hex) return NULL;
    sodium_bin2hex(hex, sizeof hash * 2 + 1, hash, sizeof hash);
    return hex;
}

/* The version a migration's name starts with (0013_x.sql -> 13), or -1 if it has none. */
static int migration_version(const char *name)
{
    if (!name || !isdigit((unsigned char)name[0])) return -1;
    return atoi(name);
}

int migrate_check_list(const embedded_file *list, char *err, size_t errlen)
{
    for (const embedded_file *m = list; m->name; m++) {
        int v = migration_version(m->name);
        if (v <= 0) {
            snprintf(err, errlen, "migration %s does not start with its version number", m->name);
            return DB_ERROR;
        }
        for (const embedded_file *o = list; o != m; o++)
            if (migration_version(o->name) == v) {
                snprintf(err, errlen, "migrations %s and %s share version %d", o->name, m->name, v);
                return DB_ERROR;
            }
        if (m != list && migration_version(m[-1].name) > v) {
            snprintf(err, errlen, "migration %s is listed after %s", m->name, m[-1].name);
            return DB_ERROR;
        }
    }
    return DB_OK;
}

static int load_applied(db *d, arena *a, applied_set *out)
{
    db_res *r = NULL;
    if (db_query(d, a, "SELECT version, name, checksum FROM schema_migrations", 0, NULL, &r) !=
        DB_OK)
        return DB_ERROR;
    out->n = r->nrows;
    out->rows = arena_alloc(a, sizeof *out->rows * (size_t)(r->nrows ? r->nrows : 1));
    if (!out->rows) return DB_ERROR;
    for (int i = 0; i < r->nrows; i++)
        out->rows[i] =
            (applied_migration){(int)db_cell_int(r, i, 0), db_cell(r, i, 1), db_cell(r, i, 2)};
    return DB_OK;
}

static const applied_migration *find_applied(const applied_set *s, int version)
{
    for (int i = 0; i < s->n; i++)
        if (s->rows[i].version == version) return &s->rows[i];
    return NULL;
}

/* Compares every applied migration's recorded checksum with the compiled-in text and
 * records the checksums still missing (databases from before checksums were kept).
 * A changed text is refused, naming the migration. */
static int verify_applied(db *d, arena *a, const embedded_file *list, const applied_set *s,
                          FILE *log)
{
    for (const embedded_file *m = list; m->name; m++) {
        const applied_migration *ap = find_applied(s, migration_version(m->name));
        if (!ap) continue;
        const char *sum = migration_checksum(a, m);
        if (!sum) return DB_ERROR;
        if (ap->checksum && strcmp(ap->checksum, sum) != 0) {
            fprintf(log,
                    "migration %s was changed after it was applied (applied as %s); "
                    "restore its text and add the change as a new migration\n",
                    m->name, ap->name ? ap->name : "?");
            return DB_ERROR;
        }
        if (!ap->checksum) {
            char version[16];
            snprintf(version, sizeof version, "%d", ap->version);
            const char *p[] = {sum, version};
            if (db_exec(d, "UPDATE schema_migrations SET checksum = $1 WHERE version = $2", 2, p,
                        NULL) != DB_OK) {
                fprintf(log, "cannot record the checksum of %s: %s\n", m->name, db_error(d));
                return DB_ERROR;
            }
        }
    }
    return DB_OK;
}

static int count_pending(const embedded_file *list, const applied_set *s)
{
    int n = 0;
    for (const embedded_file *m = list; m->name; m++)
        if (!find_applied(s, migration_version(m->name))) n++;
    return n;
}

int migrate_pending(db *d)
{
    arena a;
    arena_init(&a, 0);
    applied_set s;
    int n = -1;
    if (ensure_table(d) == DB_OK && load_applied(d, &a, &s) == DB_OK)
        n = count_pending(embedded_migrations, &s);
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
    if (pg && db_exec(d, "SELECT pg_advisory_unlock(4242)", 0, NULL, NULL) != DB_OK) {
        fprintf(log, "cannot release the migration lock: %s\n", db_error(d));
        rc = DB_ERROR;
    }
    return rc;
}

/* Applies one migration and records it with its checksum, in one transaction. */
static int apply_one(db *d, arena *a, const embedded_file *m, FILE *log)
{
    char now[21];
    time_now_iso(now);
    const char *sum = migration_checksum(a, m);
    const char *p[] = {arena_printf(a, "%d", migration_version(m->name)), m->name, now, sum};
    if (!sum || !p[0] || db_begin(d) != DB_OK) {
        fprintf(log, "migration %s failed to start: %s\n", m->name, db_error(d));
        return DB_ERROR;
    }
    /* another lis process on the same SQLite file (the service starting while lis-admin
     * runs) may have applied it since we read the set; the write lock is ours now, so
     * look again (PostgreSQL has the advisory lock for this) */
    const char *again =
        db_scalar(d, a, "SELECT COUNT(*) FROM schema_migrations WHERE version = $1", 1, p);
    if (again && strcmp(again, "0") != 0) {
        db_rollback(d);
        fprintf(log, "migration %s was applied by another process\n", m->name);
        return DB_OK;
    }
    if (db_exec_script(d, m->data) != DB_OK ||
        db_exec(d,
                "INSERT INTO schema_migrations (version, name, applied_at, checksum) "
                "VALUES ($1, $2, $3, $4)",
                4, p, NULL) != DB_OK) {
        fprintf(log, "migration %s failed: %s\n", m->name, db_error(d));
        if (db_rollback(d) != DB_OK) fprintf(log, "rollback failed: %s\n", db_error(d));
        return DB_ERROR;
    }
    if (db_commit(d) != DB_OK) {
        fprintf(log, "migration %s failed at commit: %s\n", m->name, db_error(d));
        if (db_rollback(d) != DB_OK) fprintf(log, "rollback failed: %s\n", db_error(d));
        return DB_ERROR;
    }
    fprintf(log, "applied migration %s\n", m->name);
    return DB_OK;
}

int migrate_run_list(db *d, const char *url, const embedded_file *list, FILE *log)
{
    char err[256];
    if (migrate_check_list(list, err, sizeof err) != DB_OK) {
        fprintf(log, "refusing to migrate: %s\n", err);
        return DB_ERROR;
    }
    arena a;
    arena_init(&a, 0);
    applied_set s;
    if (ensure_table(d) != DB_OK || load_applied(d, &a, &s) != DB_OK) {
        fprintf(log, "cannot read schema_migrations: %s\n", db_error(d));
        arena_free(&a);
        return DB_ERROR;
    }
    if (verify_applied(d, &a, list, &s, log) != DB_OK) {
        arena_free(&a);
        return DB_ERROR;
    }
    /* the list is sorted by name, and names start with zero-padded versions, so this
     * walks pending migrations in version order */
    bool backed_up = false;
    for (const embedded_file *m = list; m->name; m++) {
        if (find_applied(&s, migration_version(m->name))) continue;
        if (db_kind_of(d) == DB_SQLITE && s.n > 0 && !backed_up) {
            const char *dest = arena_printf(&a, "%s.before-%04d", url, migration_version(m->name));
            if (!dest || db_sqlite_backup(d, dest, err, sizeof err) != DB_OK) {
                fprintf(log, "refusing to migrate without a backup: %s\n",
                        dest ? err : "no memory");
                arena_free(&a);
                return DB_ERROR;
            }
            fprintf(log, "backup before migrating: %s\n", dest);
            backed_up = true;
        }
        if (apply_one(d, &a, m, log) != DB_OK) {
            arena_free(&a);
            return DB_ERROR;
        }
    }
    arena_free(&a);
    return DB_OK;
}
