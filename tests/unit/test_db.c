/* Unit tests of the storage layer on both engines: LIS_TEST_DB is a SQLite file path or a
 * postgresql:// URL of a fresh, empty database (scripts/check.sh runs this file on both).
 * Opening, migrations (including one that fails half-way, and the SQLite backup taken
 * before migrating), $n parameters, results, constraint errors, transactions,
 * RETURNING, keyset paging and the connection pool. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "../../src/core/arena.h"
#include "../../src/core/embedded.h"
#include "../../src/db/db.h"
#include "../../src/db/migrate.h"
#include "../../src/auth/auth.h"
#include "../../src/http/http.h"

/* ---- helpers ------------------------------------------------------------- */

static char default_url[256];

static const char *test_url(void)
{
    const char *u = getenv("LIS_TEST_DB");
    if (u && *u) return u;
    if (!default_url[0])
        snprintf(default_url, sizeof default_url, "/tmp/lis-test-db-%ld.sqlite", (long)getpid());
    return default_url;
}

static bool is_pg_url(const char *u)
{
    return strncmp(u, "postgresql://", 13) == 0 || strncmp(u, "postgres://", 11) == 0;
}

static void remove_sqlite_files(const char *path)
{
    const char *suffixes[] = {"", "-wal", "-shm", "-journal"};
    char p[600];
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        snprintf(p, sizeof p, "%s%s", path, suffixes[i]);
        unlink(p);
    }
}

static db *open_or_fail(const char *url)
{
    db *d = NULL;
    char err[512] = "";
    int rc = db_open(url, &d, err, sizeof err);
    if (rc != DB_OK) fail_msg("cannot open %s: %s", url, err);
    return d;
}

static void exec_ok(db *d, const char *sql)
{
    if (db_exec(d, sql, 0, NULL, NULL) != DB_OK) fail_msg("%s: %s", sql, db_error(d));
}

/* A database of its own for a test that needs a fresh one: a separate file next to the
 * SQLite test file, or a separate schema (first on the search path) in PostgreSQL. The
 * URL to hand to migrate_run_list (for backups) goes to url_out. */
static db *open_side(const char *tag, char *url_out, size_t url_len)
{
    const char *base = test_url();
    if (is_pg_url(base)) {
        snprintf(url_out, url_len, "%s", base);
        db *d = open_or_fail(base);
        char sql[256];
        snprintf(sql, sizeof sql, "DROP SCHEMA IF EXISTS side_%s CASCADE", tag);
        exec_ok(d, sql);
        snprintf(sql, sizeof sql, "CREATE SCHEMA side_%s", tag);
        exec_ok(d, sql);
        snprintf(sql, sizeof sql, "SET search_path TO side_%s", tag);
        exec_ok(d, sql);
        return d;
    }
    snprintf(url_out, url_len, "%s.%s", base, tag);
    remove_sqlite_files(url_out);
    return open_or_fail(url_out);
}

static bool table_exists(db *d, const char *name)
{
    arena a;
    arena_init(&a, 0);
    const char *p[] = {name};
    const char *sql = db_kind_of(d) == DB_PG
                          ? "SELECT COUNT(*) FROM information_schema.tables WHERE "
                            "table_schema = current_schema() AND table_name = $1"
                          : "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = $1";
    const char *n = db_scalar(d, &a, sql, 1, p);
    bool yes = n && atoi(n) > 0;
    arena_free(&a);
    return yes;
}

static long long scalar_int(db *d, const char *sql)
{
    arena a;
    arena_init(&a, 0);
    const char *v = db_scalar(d, &a, sql, 0, NULL);
    if (!v) fail_msg("%s: no value (%s)", sql, db_error(d));
    long long n = atoll(v);
    arena_free(&a);
    return n;
}

/* The log a migration run writes, captured in memory. */
typedef struct capture {
    FILE *f;
    char *text;
    size_t len;
} capture;

static void capture_open(capture *c)
{
    c->text = NULL;
    c->len = 0;
    c->f = open_memstream(&c->text, &c->len);
    assert_non_null(c->f);
}

static const char *capture_close(capture *c)
{
    fclose(c->f);
    c->f = NULL;
    return c->text;
}

static bool file_exists(const char *path)
{
    return access(path, F_OK) == 0;
}

/* ---- state: one connection to the (migrated) test database ------------------ */

typedef struct state {
    db *d;
    const char *url;
} state;

static int group_setup(void **st)
{
    static state s;
    s.url = test_url();
    if (!is_pg_url(s.url)) remove_sqlite_files(s.url);
    char err[512];
    if (db_open(s.url, &s.d, err, sizeof err) != DB_OK) {
        fprintf(stderr, "cannot open %s: %s\n", s.url, err);
        return -1;
    }
    *st = &s;
    return 0;
}

static int group_teardown(void **st)
{
    state *s = *st;
    db_close(s->d);
    if (!getenv("LIS_TEST_DB")) remove_sqlite_files(s->url);
    return 0;
}

/* Each test that uses t_item gets it empty. */
static int items_setup(void **st)
{
    state *s = *st;
    if (db_exec(s->d, "DROP TABLE IF EXISTS t_item", 0, NULL, NULL) != DB_OK ||
        db_exec_script(s->d, "CREATE TABLE t_item (id @ID@, code TEXT NOT NULL UNIQUE, "
                             "name TEXT, n BIGINT, note TEXT)") != DB_OK) {
        fprintf(stderr, "cannot create t_item: %s\n", db_error(s->d));
        return -1;
    }
    return 0;
}

static int64_t insert_item(db *d, const char *code, const char *name, const char *n,
                           const char *note)
{
    arena a;
    arena_init(&a, 0);
    const char *p[] = {code, name, n, note};
    db_res *r = NULL;
    int rc = db_query(d, &a,
                      "INSERT INTO t_item (code, name, n, note) VALUES ($1, $2, $3, $4) "
                      "RETURNING id",
                      4, p, &r);
    if (rc != DB_OK) fail_msg("insert %s: %s", code, db_error(d));
    assert_int_equal(r->nrows, 1);
    int64_t id = db_cell_int(r, 0, 0);
    arena_free(&a);
    return id;
}

/* ---- open and migrate ------------------------------------------------------ */

static void test_open_refuses_bad_targets(void **st)
{
    (void)st;
    db *d = NULL;
    char err[512] = "";
    assert_int_equal(db_open("", &d, err, sizeof err), DB_ERROR);
    assert_true(strlen(err) > 0);
    err[0] = 0;
    assert_int_equal(db_open(NULL, &d, err, sizeof err), DB_ERROR);
    assert_true(strlen(err) > 0);
    err[0] = 0;
    assert_int_equal(db_open("/nonexistent-dir-lis/sub/x.sqlite", &d, err, sizeof err), DB_ERROR);
    assert_non_null(strstr(err, "/nonexistent-dir-lis/sub/x.sqlite"));
}

static void test_open_and_migrate(void **st)
{
    state *s = *st;
    assert_int_equal(db_kind_of(s->d), is_pg_url(s->url) ? DB_PG : DB_SQLITE);
    capture log;
    capture_open(&log);
    int rc = migrate_run(s->d, s->url, log.f);
    const char *text = capture_close(&log);
    if (rc != DB_OK) fail_msg("migrate_run: %s", text);
    /* every compiled-in migration was applied and named in the log */
    int n = 0;
    for (const embedded_file *m = embedded_migrations; m->name; m++, n++)
        assert_non_null(strstr(text, m->name));
    assert_true(n >= 1);
    assert_null(strstr(text, "backup")); /* a new, empty database needs no backup */
    free(log.text);
    assert_int_equal(scalar_int(s->d, "SELECT COUNT(*) FROM schema_migrations"), n);
    assert_int_equal(migrate_pending(s->d), 0);
    const char *tables[] = {"tenant",  "account",   "unit",           "person",   "role_assignment",
                            "session", "api_token", "login_throttle", "audit_log"};
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++)
        if (!table_exists(s->d, tables[i]))
            fail_msg("table %s missing after migrate_run", tables[i]);

    /* a second run has nothing to do and writes nothing */
    capture_open(&log);
    assert_int_equal(migrate_run(s->d, s->url, log.f), DB_OK);
    text = capture_close(&log);
    assert_int_equal(log.len, 0);
    free(log.text);
    assert_int_equal(scalar_int(s->d, "SELECT COUNT(*) FROM schema_migrations"), n);
    if (!is_pg_url(s->url)) {
        char bak[600];
        snprintf(bak, sizeof bak, "%s.before-0001", s->url);
        assert_false(file_exists(bak));
        /* the file is plain SQLite: the sqlite3 shell, VACUUM and integrity_check work
         * without anything lis registers (0016's "C" collation broke them on pick_word) */
        sqlite3 *plain = NULL;
        assert_int_equal(sqlite3_open_v2(s->url, &plain, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
        sqlite3_stmt *st_check = NULL;
        assert_int_equal(sqlite3_prepare_v2(plain, "PRAGMA integrity_check", -1, &st_check, NULL),
                         SQLITE_OK);
        assert_int_equal(sqlite3_step(st_check), SQLITE_ROW);
        assert_string_equal((const char *)sqlite3_column_text(st_check, 0), "ok");
        sqlite3_finalize(st_check);
        /* and a prefix search of the picker's words, as an administrator would try it */
        assert_int_equal(sqlite3_prepare_v2(plain,
                                            "SELECT row_id FROM pick_word WHERE word >= 'ol' "
                                            "AND word < 'om' ORDER BY word",
                                            -1, &st_check, NULL),
                         SQLITE_OK);
        sqlite3_finalize(st_check);
        sqlite3_close(plain);
    }
}

static const embedded_file good_list[] = {
    {"0001_first.sql",
     "CREATE TABLE mig_one (id @ID@, name TEXT NOT NULL);\n"
     "INSERT INTO mig_one (name) VALUES ('första');\n",
     0},
    {NULL, NULL, 0},
};

static const embedded_file failing_list[] = {
    {"0001_first.sql",
     "CREATE TABLE mig_one (id @ID@, name TEXT NOT NULL);\n"
     "INSERT INTO mig_one (name) VALUES ('första');\n",
     0},
    {"0002_broken.sql",
     "CREATE TABLE mig_two (id @ID@, x TEXT);\n"
     "INSERT INTO mig_two (x) VALUES ('halvvägs');\n"
     "INSERT INTO mig_one (name) VALUES ('från den trasiga');\n"
     "ALTER TABLE mig_one ADD COLUMN extra TEXT;\n"
     "CREATE TABLE oops (;\n"
     "CREATE TABLE mig_three (id @ID@);\n",
     0},
    {NULL, NULL, 0},
};

static const embedded_file fixed_list[] = {
    {"0001_first.sql",
     "CREATE TABLE mig_one (id @ID@, name TEXT NOT NULL);\n"
     "INSERT INTO mig_one (name) VALUES ('första');\n",
     0},
    {"0002_fixed.sql",
     "CREATE TABLE mig_two (id @ID@, x TEXT);\n"
     "INSERT INTO mig_two (x) VALUES ('hel');\n",
     0},
    {NULL, NULL, 0},
};

static void test_migration_failing_midway_changes_nothing(void **st)
{
    (void)st;
    char url[600];
    db *d = open_side("mig_fail", url, sizeof url);

    capture log;
    capture_open(&log);
    int rc = migrate_run_list(d, url, failing_list, log.f);
    const char *text = capture_close(&log);
    assert_int_not_equal(rc, DB_OK);
    /* the log names the failing file, and that the first one was applied */
    if (!strstr(text, "0002_broken.sql"))
        fail_msg("the log does not name the failing migration: %s", text);
    assert_non_null(strstr(text, "0001_first.sql"));
    free(log.text);

    /* the database is exactly as after 0001 */
    assert_true(table_exists(d, "mig_one"));
    assert_false(table_exists(d, "mig_two"));
    assert_false(table_exists(d, "mig_three"));
    assert_int_equal(scalar_int(d, "SELECT COUNT(*) FROM mig_one"), 1);
    assert_int_equal(scalar_int(d, "SELECT COUNT(*) FROM schema_migrations"), 1);
    assert_int_equal(scalar_int(d, "SELECT MAX(version) FROM schema_migrations"), 1);
    arena a;
    arena_init(&a, 0);
    db_res *r = NULL;
    /* the column added by the failed migration is gone too */
    assert_int_equal(db_query(d, &a, "SELECT * FROM mig_one", 0, NULL, &r), DB_OK);
    assert_int_equal(r->ncols, 2);
    assert_string_equal(db_cell(r, 0, 1), "första");
    assert_int_equal(db_query(d, &a, "SELECT version, name FROM schema_migrations", 0, NULL, &r),
                     DB_OK);
    assert_int_equal(r->nrows, 1);
    assert_string_equal(db_cell(r, 0, 1), "0001_first.sql");

    /* the connection is usable afterwards: running the same list again fails the same way */
    capture_open(&log);
    assert_int_not_equal(migrate_run_list(d, url, failing_list, log.f), DB_OK);
    text = capture_close(&log);
    assert_non_null(strstr(text, "0002_broken.sql"));
    assert_null(strstr(text, "applied migration 0001"));
    free(log.text);
    assert_false(table_exists(d, "mig_two"));

    /* a corrected migration 2 then applies, and 0001 is not run again */
    capture_open(&log);
    rc = migrate_run_list(d, url, fixed_list, log.f);
    text = capture_close(&log);
    if (rc != DB_OK) fail_msg("fixed list: %s", text);
    assert_non_null(strstr(text, "0002_fixed.sql"));
    free(log.text);
    assert_true(table_exists(d, "mig_two"));
    assert_int_equal(scalar_int(d, "SELECT COUNT(*) FROM mig_two"), 1);
    assert_int_equal(scalar_int(d, "SELECT MAX(version) FROM schema_migrations"), 2);
    assert_int_equal(
        db_query(d, &a, "SELECT version FROM schema_migrations ORDER BY version", 0, NULL, &r),
        DB_OK);
    assert_int_equal(r->nrows, 2);
    arena_free(&a);
    db_close(d);
    if (!is_pg_url(url)) {
        /* migrating a file that held data took a backup first */
        char bak[700];
        snprintf(bak, sizeof bak, "%s.before-0002", url);
        assert_true(file_exists(bak));
        unlink(bak);
        remove_sqlite_files(url);
    }
}

static void test_migration_backup_before_applying(void **st)
{
    (void)st;
    char url[600];
    db *d = open_side("mig_backup", url, sizeof url);
    bool sqlite = db_kind_of(d) == DB_SQLITE;
    char bak1[700], bak2[700];
    snprintf(bak1, sizeof bak1, "%s.before-0001", url);
    snprintf(bak2, sizeof bak2, "%s.before-0002", url);
    if (sqlite) {
        unlink(bak1);
        unlink(bak2);
    }

    capture log;
    capture_open(&log);
    assert_int_equal(migrate_run_list(d, url, good_list, log.f), DB_OK);
    capture_close(&log);
    assert_null(strstr(log.text, "backup"));
    free(log.text);
    if (sqlite) assert_false(file_exists(bak1)); /* an empty file needs no backup */

    /* a second migration on a file that now holds data: a copy is taken first */
    capture_open(&log);
    int rc = migrate_run_list(d, url, fixed_list, log.f);
    capture_close(&log);
    if (rc != DB_OK) fail_msg("%s", log.text);
    if (sqlite) {
        assert_true(file_exists(bak2));
        assert_non_null(strstr(log.text, bak2));
        /* the copy is the database as it was before migration 2 */
        db *b = open_or_fail(bak2);
        assert_int_equal(scalar_int(b, "SELECT MAX(version) FROM schema_migrations"), 1);
        assert_int_equal(scalar_int(b, "SELECT COUNT(*) FROM mig_one"), 1);
        assert_false(table_exists(b, "mig_two"));
        db_close(b);
        remove_sqlite_files(bak2);
    } else {
        assert_null(strstr(log.text, "backup"));
    }
    free(log.text);
    assert_true(table_exists(d, "mig_two"));

    /* nothing pending: no new backup */
    capture_open(&log);
    assert_int_equal(migrate_run_list(d, url, fixed_list, log.f), DB_OK);
    capture_close(&log);
    assert_int_equal(log.len, 0);
    free(log.text);
    if (sqlite) assert_false(file_exists(bak2));
    db_close(d);
    if (sqlite) remove_sqlite_files(url);
}

static void test_migration_with_backup_then_failure(void **st)
{
    (void)st;
    if (is_pg_url(test_url())) {
        /* no file to copy on PostgreSQL; the rollback itself is tested above */
        return;
    }
    char url[600];
    db *d = open_side("mig_bakfail", url, sizeof url);
    char bak[700];
    snprintf(bak, sizeof bak, "%s.before-0002", url);
    unlink(bak);
    capture log;
    capture_open(&log);
    assert_int_equal(migrate_run_list(d, url, good_list, log.f), DB_OK);
    capture_close(&log);
    free(log.text);
    capture_open(&log);
    assert_int_not_equal(migrate_run_list(d, url, failing_list, log.f), DB_OK);
    capture_close(&log);
    assert_non_null(strstr(log.text, "0002_broken.sql"));
    assert_non_null(strstr(log.text, bak));
    free(log.text);
    assert_true(file_exists(bak));
    assert_false(table_exists(d, "mig_two"));
    assert_int_equal(scalar_int(d, "SELECT MAX(version) FROM schema_migrations"), 1);
    db_close(d);
    remove_sqlite_files(bak);
    remove_sqlite_files(url);
}

/* ---- migrations by set, checksummed ------------------------------------------ */

static const embedded_file set_first_and_third[] = {
    {"0001_a.sql", "CREATE TABLE set_a (id @ID@);\n", 0},
    {"0003_c.sql", "CREATE TABLE set_c (id @ID@);\n", 0},
    {NULL, NULL, 0},
};

/* 0002 merged after 0003 had been applied: it arrives in a list whose highest version is
 * already applied */
static const embedded_file set_all_three[] = {
    {"0001_a.sql", "CREATE TABLE set_a (id @ID@);\n", 0},
    {"0002_b.sql", "CREATE TABLE set_b (id @ID@);\nINSERT INTO set_b DEFAULT VALUES;\n", 0},
    {"0003_c.sql", "CREATE TABLE set_c (id @ID@);\n", 0},
    {NULL, NULL, 0},
};

static void test_migration_merged_below_applied_is_applied(void **st)
{
    (void)st;
    char url[600];
    db *d = open_side("mig_set", url, sizeof url);
    capture log;
    capture_open(&log);
    assert_int_equal(migrate_run_list(d, url, set_first_and_third, log.f), DB_OK);
    capture_close(&log);
    free(log.text);
    assert_false(table_exists(d, "set_b"));

    capture_open(&log);
    int rc = migrate_run_list(d, url, set_all_three, log.f);
    capture_close(&log);
    if (rc != DB_OK) fail_msg("%s", log.text);
    /* 0002 is applied although 0003 was applied before it, and only 0002 */
    assert_non_null(strstr(log.text, "applied migration 0002_b.sql"));
    assert_null(strstr(log.text, "applied migration 0001"));
    assert_null(strstr(log.text, "applied migration 0003"));
    free(log.text);
    assert_true(table_exists(d, "set_b"));
    assert_int_equal(scalar_int(d, "SELECT COUNT(*) FROM set_b"), 1);
    assert_int_equal(scalar_int(d, "SELECT COUNT(*) FROM schema_migrations"), 3);
    /* every applied migration has its checksum */
    assert_int_equal(scalar_int(d, "SELECT COUNT(*) FROM schema_migrations WHERE checksum IS NULL"),
                     0);

    /* then nothing is pending and nothing is written */
    capture_open(&log);
    assert_int_equal(migrate_run_list(d, url, set_all_three, log.f), DB_OK);
    capture_close(&log);
    assert_int_equal(log.len, 0);
    free(log.text);
    db_close(d);
    if (!is_pg_url(url)) {
        char bak[700];
        snprintf(bak, sizeof bak, "%s.before-0002", url);
        assert_true(file_exists(bak)); /* the backup still comes first */
        remove_sqlite_files(bak);
        remove_sqlite_files(url);
    }
}

static const embedded_file set_changed_second[] = {
    {"0001_a.sql", "CREATE TABLE set_a (id @ID@);\n", 0},
    {"0002_b.sql", "CREATE TABLE set_b (id @ID@, extra TEXT);\n", 0},
    {"0003_c.sql", "CREATE TABLE set_c (id @ID@);\n", 0},
    {"0004_d.sql", "CREATE TABLE set_d (id @ID@);\n", 0},
    {NULL, NULL, 0},
};

static void test_migration_changed_after_applying_is_refused(void **st)
{
    (void)st;
    char url[600];
    db *d = open_side("mig_sum", url, sizeof url);
    capture log;
    capture_open(&log);
    assert_int_equal(migrate_run_list(d, url, set_all_three, log.f), DB_OK);
    capture_close(&log);
    free(log.text);

    capture_open(&log);
    assert_int_not_equal(migrate_run_list(d, url, set_changed_second, log.f), DB_OK);
    capture_close(&log);
    /* named, and nothing else is applied (0004 waits until the text is restored) */
    if (!strstr(log.text, "0002_b.sql") || !strstr(log.text, "changed"))
        fail_msg("the refusal does not name the changed migration: %s", log.text);
    assert_null(strstr(log.text, "applied migration"));
    free(log.text);
    assert_false(table_exists(d, "set_d"));
    db_close(d);
    if (!is_pg_url(url)) remove_sqlite_files(url);
}

static void test_migration_checksums_recorded_for_old_databases(void **st)
{
    (void)st;
    char url[600];
    db *d = open_side("mig_old", url, sizeof url);
    /* schema_migrations as lis made it before checksums were kept */
    exec_ok(d, "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, "
               "name TEXT NOT NULL, applied_at TEXT NOT NULL)");
    exec_ok(d, "CREATE TABLE set_a (id INTEGER)");
    exec_ok(d, "INSERT INTO schema_migrations VALUES (1, '0001_a.sql', '2026-01-01T00:00:00Z')");
    capture log;
    capture_open(&log);
    int rc = migrate_run_list(d, url, set_all_three, log.f);
    capture_close(&log);
    if (rc != DB_OK) fail_msg("%s", log.text);
    assert_null(strstr(log.text, "applied migration 0001"));
    free(log.text);
    assert_int_equal(scalar_int(d, "SELECT COUNT(*) FROM schema_migrations WHERE checksum IS NULL"),
                     0);
    /* from then on a change to 0001 is noticed */
    static const embedded_file changed_first[] = {
        {"0001_a.sql", "CREATE TABLE set_a (id @ID@, more TEXT);\n", 0},
        {NULL, NULL, 0},
    };
    capture_open(&log);
    assert_int_not_equal(migrate_run_list(d, url, changed_first, log.f), DB_OK);
    capture_close(&log);
    assert_non_null(strstr(log.text, "0001_a.sql"));
    free(log.text);
    db_close(d);
    if (!is_pg_url(url)) {
        char bak[700];
        snprintf(bak, sizeof bak, "%s.before-0002", url);
        remove_sqlite_files(bak);
        remove_sqlite_files(url);
    }
}

static void test_migration_versions_unique(void **st)
{
    (void)st;
    char err[256] = "";
    /* the migrations compiled into lis */
    if (migrate_check_list(embedded_migrations, err, sizeof err) != DB_OK)
        fail_msg("src/db/migrations: %s", err);
    static const embedded_file twice[] = {
        {"0001_a.sql", "SELECT 1;\n", 0},
        {"0002_b.sql", "SELECT 1;\n", 0},
        {"0002_c.sql", "SELECT 1;\n", 0},
        {NULL, NULL, 0},
    };
    assert_int_not_equal(migrate_check_list(twice, err, sizeof err), DB_OK);
    assert_non_null(strstr(err, "0002_b.sql"));
    assert_non_null(strstr(err, "0002_c.sql"));
    static const embedded_file unnumbered[] = {{"first.sql", "SELECT 1;\n", 0}, {NULL, NULL, 0}};
    assert_int_not_equal(migrate_check_list(unnumbered, err, sizeof err), DB_OK);
    /* and a database is never migrated from such a list */
    char url[600];
    db *d = open_side("mig_dup", url, sizeof url);
    capture log;
    capture_open(&log);
    assert_int_not_equal(migrate_run_list(d, url, twice, log.f), DB_OK);
    capture_close(&log);
    assert_non_null(strstr(log.text, "0002"));
    free(log.text);
    assert_false(table_exists(d, "schema_migrations"));
    db_close(d);
    if (!is_pg_url(url)) remove_sqlite_files(url);
}

/* ---- parameters and results -------------------------------------------------- */

/* Two lis processes on one SQLite file (the service starting while lis-admin runs) each
 * read the pending set, then apply it: whoever comes second must find a migration already
 * applied and go on, not run its ALTER TABLE twice ("duplicate column name"). Threads with
 * their own connections race through many small migrations. */
enum { RACERS = 4, RACE_STEPS = 40 };
static embedded_file race_list[RACE_STEPS + 1];
static char race_url[600];

static void *race_migrate(void *x)
{
    (void)x;
    db *d = NULL;
    char err[512];
    if (db_open(race_url, &d, err, sizeof err) != DB_OK) return (void *)1;
    FILE *log = tmpfile();
    int rc = migrate_run_list(d, race_url, race_list, log);
    if (rc != DB_OK && log) {
        rewind(log);
        char line[600];
        while (fgets(line, sizeof line, log))
            fprintf(stderr, "racer: %s", line);
    }
    if (log) fclose(log);
    db_close(d);
    return rc == DB_OK ? NULL : (void *)1;
}

static void test_migration_race_between_processes(void **st)
{
    (void)st;
    db *d = open_side("mig_race", race_url, sizeof race_url);
    if (db_kind_of(d) != DB_SQLITE) { /* PostgreSQL: migrate_run holds an advisory lock */
        db_close(d);
        skip();
    }
    static char names[RACE_STEPS][40], sqls[RACE_STEPS][80];
    for (int i = 0; i < RACE_STEPS; i++) {
        snprintf(names[i], sizeof names[i], "%04d_race.sql", i + 1);
        if (i == 0)
            snprintf(sqls[i], sizeof sqls[i], "CREATE TABLE race (id INTEGER);\n");
        else
            snprintf(sqls[i], sizeof sqls[i], "ALTER TABLE race ADD COLUMN c%d INTEGER;\n", i);
        race_list[i] = (embedded_file){names[i], sqls[i], strlen(sqls[i])};
    }
    race_list[RACE_STEPS] = (embedded_file){NULL, NULL, 0};
    pthread_t t[RACERS];
    for (int i = 0; i < RACERS; i++)
        assert_int_equal(pthread_create(&t[i], NULL, race_migrate, NULL), 0);
    int failures = 0;
    for (int i = 0; i < RACERS; i++) {
        void *rv = NULL;
        pthread_join(t[i], &rv);
        failures += rv != NULL;
    }
    assert_int_equal(failures, 0);
    assert_int_equal(scalar_int(d, "SELECT COUNT(*) FROM schema_migrations"), RACE_STEPS);
    db_close(d);
    remove_sqlite_files(race_url);
    for (int i = 1; i < RACE_STEPS; i++) {
        char bak[700];
        snprintf(bak, sizeof bak, "%s.before-%04d", race_url, i + 1);
        remove_sqlite_files(bak);
    }
}

/* The race above, made certain: a backup whose destination another process is still
 * writing (the other racer's copy to the same ".before-NNNN" name) waits for it and then
 * copies, where it used to fail at once with "database is locked". */
static sqlite3 *busy_dest;

static void *release_dest_later(void *x)
{
    (void)x;
    struct timespec pause = {0, 300 * 1000 * 1000};
    nanosleep(&pause, NULL);
    sqlite3_exec(busy_dest, "COMMIT", NULL, NULL, NULL);
    return NULL;
}

static void test_backup_waits_for_a_busy_destination(void **st)
{
    (void)st;
    char url[600], dest[700];
    db *d = open_side("bk_busy", url, sizeof url);
    if (db_kind_of(d) != DB_SQLITE) { /* the file backup is SQLite's */
        db_close(d);
        skip();
    }
    exec_ok(d, "CREATE TABLE kept (v TEXT)");
    exec_ok(d, "INSERT INTO kept VALUES ('the source')");
    snprintf(dest, sizeof dest, "%s.copy", url);
    remove_sqlite_files(dest);
    assert_int_equal(sqlite3_open(dest, &busy_dest), SQLITE_OK);
    assert_int_equal(
        sqlite3_exec(busy_dest, "BEGIN IMMEDIATE; CREATE TABLE other (v TEXT);", NULL, NULL, NULL),
        SQLITE_OK);
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, release_dest_later, NULL), 0);
    char err[512] = "";
    int rc = db_sqlite_backup(d, dest, err, sizeof err);
    pthread_join(t, NULL);
    sqlite3_close(busy_dest);
    if (rc != DB_OK) fail_msg("backup: %s", err);
    db *copy = open_or_fail(dest);
    assert_int_equal(scalar_int(copy, "SELECT COUNT(*) FROM kept"), 1);
    db_close(copy);
    db_close(d);
    remove_sqlite_files(dest);
    remove_sqlite_files(url);
}

static void test_params_text_int_null(void **st)
{
    state *s = *st;
    db *d = s->d;
    const char *swedish = "Miljö- och hälsoskyddsförvaltningen ÅÄÖ åäö é – “citat”";
    const char *tricky = "O'Brien\"; DROP TABLE t_item; --";
    int64_t id1 = insert_item(d, "A1", swedish, "42", NULL);
    int64_t id2 = insert_item(d, "007", tricky, "-5", "anteckning");
    int64_t id3 = insert_item(d, "7", "Åsa", "9223372036854775807", "");
    int64_t id4 = insert_item(d, "A4", NULL, "-9223372036854775808", NULL);
    assert_true(id1 > 0 && id2 > id1 && id3 > id2 && id4 > id3);

    arena a;
    arena_init(&a, 0);
    db_res *r = NULL;
    const char *p1[] = {"A1"};
    assert_int_equal(db_query(d, &a,
                              "SELECT id, code, name AS namn, n, note FROM t_item "
                              "WHERE code = $1",
                              1, p1, &r),
                     DB_OK);
    assert_int_equal(r->nrows, 1);
    assert_int_equal(r->ncols, 5);
    assert_string_equal(r->names[0], "id");
    assert_string_equal(r->names[2], "namn");
    assert_int_equal(db_col(r, "namn"), 2);
    assert_int_equal(db_col(r, "name"), -1);
    assert_int_equal(db_cell_int(r, 0, 0), id1);
    assert_string_equal(db_cell(r, 0, 1), "A1");
    assert_string_equal(db_cell(r, 0, 2), swedish);
    assert_string_equal(db_cell(r, 0, 3), "42");
    assert_int_equal(db_cell_int(r, 0, 3), 42);
    assert_null(db_cell(r, 0, 4)); /* SQL NULL is a NULL pointer */
    assert_null(db_cell(r, 1, 0)); /* out of range */
    assert_null(db_cell(r, 0, 5));

    /* text that looks like a number stays text, with its leading zeros */
    const char *p2[] = {"007"};
    assert_int_equal(db_query(d, &a, "SELECT name, n, note FROM t_item WHERE code = $1", 1, p2, &r),
                     DB_OK);
    assert_int_equal(r->nrows, 1);
    assert_string_equal(db_cell(r, 0, 0), tricky);
    assert_string_equal(db_cell(r, 0, 1), "-5");
    assert_string_equal(db_cell(r, 0, 2), "anteckning");
    const char *p3[] = {"7"};
    assert_int_equal(db_query(d, &a, "SELECT code, n, note FROM t_item WHERE code = $1", 1, p3, &r),
                     DB_OK);
    assert_int_equal(r->nrows, 1);
    assert_string_equal(db_cell(r, 0, 0), "7");
    assert_string_equal(db_cell(r, 0, 1), "9223372036854775807");
    assert_string_equal(db_cell(r, 0, 2), ""); /* empty text is not NULL */
    assert_int_equal(db_cell_int(r, 0, 1), INT64_MAX);

    /* the extremes of BIGINT compare as numbers */
    const char *p4[] = {"-9223372036854775808"};
    assert_string_equal(db_scalar(d, &a, "SELECT code FROM t_item WHERE n = $1", 1, p4), "A4");
    assert_null(db_scalar(d, &a, "SELECT name FROM t_item WHERE n = $1", 1, p4));
    const char *p5[] = {"10"};
    assert_string_equal(db_scalar(d, &a, "SELECT COUNT(*) FROM t_item WHERE n > $1", 1, p5), "2");

    /* NULL parameters: stored as NULL, matched with IS NULL, not with = */
    const char *p6[] = {NULL, "A1"};
    int64_t changed = -1;
    assert_int_equal(db_exec(d, "UPDATE t_item SET note = $1 WHERE code = $2", 2, p6, &changed),
                     DB_OK);
    assert_int_equal(changed, 1);
    assert_string_equal(db_scalar(d, &a, "SELECT COUNT(*) FROM t_item WHERE note IS NULL", 0, NULL),
                        "2");
    const char *p7[] = {NULL};
    assert_string_equal(db_scalar(d, &a, "SELECT COUNT(*) FROM t_item WHERE note = $1", 1, p7),
                        "0");
    assert_string_equal(db_scalar(d, &a,
                                  "SELECT COUNT(*) FROM t_item WHERE (CAST($1 AS TEXT) IS NULL "
                                  "OR note = $1)",
                                  1, p7),
                        "4");

    /* characters, not bytes */
    assert_string_equal(
        db_scalar(d, &a, "SELECT LENGTH(name) FROM t_item WHERE code = '7'", 0, NULL), "3");
    /* a long value survives whole */
    size_t big = 70000;
    char *longtext = malloc(big * 2 + 1);
    for (size_t i = 0; i < big; i++)
        memcpy(longtext + 2 * i, "å", 2);
    longtext[big * 2] = 0;
    const char *p8[] = {longtext, "A4"};
    assert_int_equal(db_exec(d, "UPDATE t_item SET note = $1 WHERE code = $2", 2, p8, NULL), DB_OK);
    assert_string_equal(db_scalar(d, &a, "SELECT note FROM t_item WHERE code = 'A4'", 0, NULL),
                        longtext);
    free(longtext);

    /* no rows: a result with its columns and nothing in it; db_scalar gives NULL */
    const char *p9[] = {"finns-inte"};
    assert_int_equal(db_query(d, &a, "SELECT id, name FROM t_item WHERE code = $1", 1, p9, &r),
                     DB_OK);
    assert_int_equal(r->nrows, 0);
    assert_int_equal(r->ncols, 2);
    assert_null(db_cell(r, 0, 0));
    assert_null(db_scalar(d, &a, "SELECT id FROM t_item WHERE code = $1", 1, p9));
    arena_free(&a);
}

static void test_params_reused_and_out_of_order(void **st)
{
    state *s = *st;
    db *d = s->d;
    arena a;
    arena_init(&a, 0);
    /* $2 written twice, and before $1 */
    const char *p[] = {"R1", "Skolförvaltningen"};
    assert_int_equal(
        db_exec(d, "INSERT INTO t_item (name, note, code) VALUES ($2, $2, $1)", 2, p, NULL), DB_OK);
    db_res *r = NULL;
    assert_int_equal(db_query(d, &a, "SELECT code, name, note FROM t_item", 0, NULL, &r), DB_OK);
    assert_int_equal(r->nrows, 1);
    assert_string_equal(db_cell(r, 0, 0), "R1");
    assert_string_equal(db_cell(r, 0, 1), "Skolförvaltningen");
    assert_string_equal(db_cell(r, 0, 2), "Skolförvaltningen");
    insert_item(d, "R2", "Annat", "1", "Skolförvaltningen");
    insert_item(d, "R3", "Skolförvaltningen", "2", "Annat");
    insert_item(d, "R4", "Annat", "3", "Annat");
    const char *q[] = {"Skolförvaltningen"};
    assert_int_equal(db_query(d, &a,
                              "SELECT code FROM t_item WHERE name = $1 OR note = $1 ORDER BY code",
                              1, q, &r),
                     DB_OK);
    assert_int_equal(r->nrows, 3);
    assert_string_equal(db_cell(r, 0, 0), "R1");
    assert_string_equal(db_cell(r, 1, 0), "R2");
    assert_string_equal(db_cell(r, 2, 0), "R3");
    /* a number parameter used twice */
    const char *n[] = {"2"};
    assert_string_equal(
        db_scalar(d, &a, "SELECT COUNT(*) FROM t_item WHERE n >= $1 AND n <= $1 + 1", 1, n), "2");
    /* the same statement again with other values (the statement cache must rebind) */
    for (int i = 0; i < 3; i++) {
        const char *codes[] = {"R1", "R2", "R3"};
        const char *x[] = {codes[i]};
        db_res *one = NULL;
        assert_int_equal(db_query(d, &a, "SELECT code FROM t_item WHERE code = $1", 1, x, &one),
                         DB_OK);
        assert_int_equal(one->nrows, 1);
        assert_string_equal(db_cell(one, 0, 0), codes[i]);
    }
    /* a NULL where a value was bound before must not keep the old value */
    const char *x1[] = {"R1", "nytt"};
    assert_int_equal(db_exec(d, "UPDATE t_item SET note = $2 WHERE code = $1", 2, x1, NULL), DB_OK);
    const char *x2[] = {"R2", NULL};
    assert_int_equal(db_exec(d, "UPDATE t_item SET note = $2 WHERE code = $1", 2, x2, NULL), DB_OK);
    assert_null(db_scalar(d, &a, "SELECT note FROM t_item WHERE code = 'R2'", 0, NULL));
    arena_free(&a);
}

static void test_constraint_violations(void **st)
{
    state *s = *st;
    db *d = s->d;
    arena a;
    arena_init(&a, 0);
    insert_item(d, "U1", "första", "1", NULL);
    const char *dup[] = {"U1", "andra"};
    assert_int_equal(db_exec(d, "INSERT INTO t_item (code, name) VALUES ($1, $2)", 2, dup, NULL),
                     DB_CONSTRAINT);
    assert_true(strlen(db_error(d)) > 0);
    /* through db_query too, with RETURNING */
    db_res *r = NULL;
    assert_int_equal(
        db_query(d, &a, "INSERT INTO t_item (code, name) VALUES ($1, $2) RETURNING id", 2, dup, &r),
        DB_CONSTRAINT);
    /* NOT NULL */
    const char *nul[] = {NULL};
    assert_int_equal(db_exec(d, "INSERT INTO t_item (code) VALUES ($1)", 1, nul, NULL),
                     DB_CONSTRAINT);
    /* a foreign key (the real schema) */
    const char *fk[] = {"999999", "x", "organisation", "2026-01-01T00:00:00Z"};
    assert_int_equal(db_exec(d,
                             "INSERT INTO unit (tenant_id, name, kind, created_at, updated_at) "
                             "VALUES ($1, $2, $3, $4, $4)",
                             4, fk, NULL),
                     DB_CONSTRAINT);
    /* a syntax error is not a constraint */
    assert_int_equal(db_exec(d, "INSERT INTO t_item (code VALUES", 0, NULL, NULL), DB_ERROR);
    assert_int_equal(db_exec(d, "SELECT * FROM no_such_table", 0, NULL, NULL), DB_ERROR);
    /* the connection still works, and the first row is the only one */
    assert_string_equal(db_scalar(d, &a, "SELECT COUNT(*) FROM t_item", 0, NULL), "1");
    assert_string_equal(db_scalar(d, &a, "SELECT name FROM t_item WHERE code = 'U1'", 0, NULL),
                        "första");
    arena_free(&a);
}

static void test_transactions(void **st)
{
    state *s = *st;
    db *d = s->d;
    arena a;
    arena_init(&a, 0);
    /* rollback discards */
    assert_int_equal(db_begin(d), DB_OK);
    insert_item(d, "T1", "bort", "1", NULL);
    assert_string_equal(db_scalar(d, &a, "SELECT COUNT(*) FROM t_item", 0, NULL), "1");
    assert_int_equal(db_rollback(d), DB_OK);
    assert_string_equal(db_scalar(d, &a, "SELECT COUNT(*) FROM t_item", 0, NULL), "0");

    /* commit keeps, also as seen from another connection */
    assert_int_equal(db_begin(d), DB_OK);
    insert_item(d, "T2", "kvar", "2", NULL);
    const char *p[] = {"T2"};
    assert_int_equal(
        db_exec(d, "UPDATE t_item SET name = 'kvar och ändrad' WHERE code = $1", 1, p, NULL),
        DB_OK);
    assert_int_equal(db_commit(d), DB_OK);
    db *other = open_or_fail(s->url);
    assert_string_equal(db_scalar(other, &a, "SELECT name FROM t_item WHERE code = 'T2'", 0, NULL),
                        "kvar och ändrad");

    /* uncommitted work is invisible to the other connection */
    assert_int_equal(db_begin(d), DB_OK);
    insert_item(d, "T3", "osynlig", "3", NULL);
    assert_string_equal(db_scalar(other, &a, "SELECT COUNT(*) FROM t_item", 0, NULL), "1");
    assert_int_equal(db_rollback(d), DB_OK);

    /* a failed statement inside a transaction: rollback undoes the earlier ones too */
    assert_int_equal(db_begin(d), DB_OK);
    insert_item(d, "T4", "före felet", "4", NULL);
    const char *dup[] = {"T2"};
    assert_int_equal(db_exec(d, "INSERT INTO t_item (code) VALUES ($1)", 1, dup, NULL),
                     DB_CONSTRAINT);
    assert_int_equal(db_rollback(d), DB_OK);
    assert_string_equal(db_scalar(d, &a, "SELECT COUNT(*) FROM t_item", 0, NULL), "1");
    assert_string_equal(db_scalar(other, &a, "SELECT COUNT(*) FROM t_item", 0, NULL), "1");

    /* changes counts rows */
    insert_item(d, "T5", "x", "5", NULL);
    insert_item(d, "T6", "x", "6", NULL);
    int64_t changes = -1;
    assert_int_equal(db_exec(d, "UPDATE t_item SET note = 'y' WHERE name = 'x'", 0, NULL, &changes),
                     DB_OK);
    assert_int_equal(changes, 2);
    assert_int_equal(db_exec(d, "DELETE FROM t_item WHERE code = 'nej'", 0, NULL, &changes), DB_OK);
    assert_int_equal(changes, 0);
    db_close(other);
    arena_free(&a);
}

/* A statement planned once (db_query_planned_once) and the others, mixed, in and out of
 * transactions, across a failure and its rollback, and db_exec_commit: every answer right,
 * every transaction ended (on PostgreSQL the plan mode and BEGIN/COMMIT travel with the
 * statements; a SET left before a ROLLBACK into an aborted transaction would wedge it). */
static void test_planned_once_and_commit_with_last(void **st)
{
    state *s = *st;
    db *d = s->d;
    arena a;
    arena_init(&a, 0);
    insert_item(d, "P1", "planerad", "1", NULL);
    const char *p[] = {"P1"};
    for (int round = 0; round < 3; round++) {
        db_res *r = NULL;
        assert_int_equal(
            db_query_planned_once(d, &a, "SELECT name FROM t_item WHERE code = $1", 1, p, &r),
            DB_OK);
        assert_string_equal(db_cell(r, 0, 0), "planerad");
        assert_int_equal(db_begin(d), DB_OK);
        assert_int_equal(
            db_query_planned_once(d, &a, "SELECT name FROM t_item WHERE code = $1", 1, p, &r),
            DB_OK);
        const char *dup[] = {"P1"};
        assert_int_equal(db_exec(d, "INSERT INTO t_item (code) VALUES ($1)", 1, dup, NULL),
                         DB_CONSTRAINT);
        assert_int_equal(db_rollback(d), DB_OK);
        assert_string_equal(db_scalar(d, &a, "SELECT COUNT(*) FROM t_item WHERE code = $1", 1, p),
                            "1");
    }
    /* the last statement and COMMIT together: kept, and seen from another connection */
    assert_int_equal(db_begin(d), DB_OK);
    assert_int_equal(
        db_exec_commit(d, "UPDATE t_item SET note = 'med commit' WHERE code = $1", 1, p), DB_OK);
    db *other = open_or_fail(s->url);
    assert_string_equal(db_scalar(other, &a, "SELECT note FROM t_item WHERE code = $1", 1, p),
                        "med commit");
    /* its statement failing: the transaction is still open, and its rollback undoes it all */
    assert_int_equal(db_begin(d), DB_OK);
    assert_int_equal(db_exec(d, "UPDATE t_item SET note = 'borta' WHERE code = $1", 1, p, NULL),
                     DB_OK);
    const char *dup[] = {"P1"};
    assert_int_equal(db_exec_commit(d, "INSERT INTO t_item (code) VALUES ($1)", 1, dup),
                     DB_CONSTRAINT);
    assert_int_equal(db_rollback(d), DB_OK);
    assert_string_equal(db_scalar(other, &a, "SELECT note FROM t_item WHERE code = $1", 1, p),
                        "med commit");
    assert_string_equal(db_scalar(d, &a, "SELECT note FROM t_item WHERE code = $1", 1, p),
                        "med commit");
    /* a transaction that ran nothing ends cleanly */
    assert_int_equal(db_begin(d), DB_OK);
    assert_int_equal(db_commit(d), DB_OK);
    assert_int_equal(db_exec(d, "DELETE FROM t_item WHERE code = $1", 1, p, NULL), DB_OK);
    db_close(other);
    arena_free(&a);
}

static void test_returning(void **st)
{
    state *s = *st;
    db *d = s->d;
    arena a;
    arena_init(&a, 0);
    db_res *r = NULL;
    const char *p[] = {"RET1", "Överförmyndarnämnden"};
    assert_int_equal(db_query(d, &a,
                              "INSERT INTO t_item (code, name) VALUES ($1, $2) RETURNING id, name",
                              2, p, &r),
                     DB_OK);
    assert_int_equal(r->nrows, 1);
    assert_int_equal(r->ncols, 2);
    assert_string_equal(r->names[0], "id");
    int64_t id = db_cell_int(r, 0, 0);
    assert_true(id > 0);
    assert_string_equal(db_cell(r, 0, 1), "Överförmyndarnämnden");
    int64_t next = insert_item(d, "RET2", "x", NULL, NULL);
    assert_true(next > id);
    const char *q[] = {arena_printf(&a, "%lld", (long long)id)};
    assert_string_equal(db_scalar(d, &a, "SELECT code FROM t_item WHERE id = $1", 1, q), "RET1");
    /* UPDATE … RETURNING gives the changed rows */
    assert_int_equal(db_query(d, &a, "UPDATE t_item SET n = 5 RETURNING code", 0, NULL, &r), DB_OK);
    assert_int_equal(r->nrows, 2);
    arena_free(&a);
}

static void test_keyset_paging(void **st)
{
    state *s = *st;
    db *d = s->d;
    arena a;
    arena_init(&a, 0);
    enum { N = 25, PAGE = 4 };
    assert_int_equal(db_begin(d), DB_OK);
    for (int i = 0; i < N; i++) {
        char code[16], name[16];
        snprintf(code, sizeof code, "K%02d", i);
        snprintf(name, sizeof name, "enhet-%d", (i * 7) % 6); /* many equal names */
        insert_item(d, code, name, NULL, NULL);
    }
    assert_int_equal(db_commit(d), DB_OK);
    for (int desc = 0; desc < 2; desc++) {
        db_res *all = NULL;
        assert_int_equal(db_query(d, &a,
                                  desc ? "SELECT id FROM t_item ORDER BY name DESC, id DESC"
                                       : "SELECT id FROM t_item ORDER BY name ASC, id ASC",
                                  0, NULL, &all),
                         DB_OK);
        assert_int_equal(all->nrows, N);
        const char *first = desc
                                ? "SELECT id, name FROM t_item ORDER BY name DESC, id DESC LIMIT $1"
                                : "SELECT id, name FROM t_item ORDER BY name ASC, id ASC LIMIT $1";
        const char *after =
            desc ? "SELECT id, name FROM t_item WHERE (name < $1 OR (name = $1 AND id < $2)) "
                   "ORDER BY name DESC, id DESC LIMIT $3"
                 : "SELECT id, name FROM t_item WHERE (name > $1 OR (name = $1 AND id > $2)) "
                   "ORDER BY name ASC, id ASC LIMIT $3";
        int seen = 0, pages = 0;
        const char *last_name = NULL, *last_id = NULL;
        for (;;) {
            db_res *r = NULL;
            char limit[8];
            snprintf(limit, sizeof limit, "%d", PAGE);
            if (!last_id) {
                const char *p[] = {limit};
                assert_int_equal(db_query(d, &a, first, 1, p, &r), DB_OK);
            } else {
                const char *p[] = {last_name, last_id, limit};
                assert_int_equal(db_query(d, &a, after, 3, p, &r), DB_OK);
            }
            assert_true(r->nrows <= PAGE);
            for (int i = 0; i < r->nrows; i++) {
                assert_true(seen < N);
                assert_string_equal(db_cell(r, i, 0), db_cell(all, seen, 0));
                seen++;
            }
            pages++;
            if (r->nrows < PAGE) break;
            last_id = db_cell(r, r->nrows - 1, 0);
            last_name = db_cell(r, r->nrows - 1, 1);
        }
        assert_int_equal(seen, N);
        assert_int_equal(pages, N / PAGE + 1);
    }
    arena_free(&a);
}

/* A parameter that looks like a number is bound as an integer on SQLite, and compared
 * with a column it takes the column's affinity. An expression such as COALESCE(...)
 * has no affinity, so there a CAST must say which kind of value is compared: then keyset
 * paging over text that looks like numbers (unit codes, "2024") and over numbers works
 * the same on both engines. */
static void test_keyset_over_number_like_text(void **st)
{
    state *s = *st;
    db *d = s->d;
    arena a;
    arena_init(&a, 0);
    const char *names[] = {"0999", "1234", "2000", "Aaa", NULL, "1234", "99"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char code[8], n[8];
        snprintf(code, sizeof code, "C%zu", i);
        snprintf(n, sizeof n, "%d", (int)(i * 37 % 11) * 100);
        insert_item(d, code, names[i], i == 4 ? NULL : n, NULL);
    }
    static const struct {
        const char *all, *after;
    } sorts[] = {
        {"SELECT id, CAST(COALESCE(name, '') AS TEXT) FROM t_item "
         "ORDER BY CAST(COALESCE(name, '') AS TEXT), id",
         "SELECT id, CAST(COALESCE(name, '') AS TEXT) FROM t_item WHERE "
         "(CAST(COALESCE(name, '') AS TEXT) > $1 OR (CAST(COALESCE(name, '') AS TEXT) = $1 "
         "AND id > $2)) ORDER BY CAST(COALESCE(name, '') AS TEXT), id LIMIT 2"},
        {"SELECT id, CAST(COALESCE(n, 0) AS BIGINT) FROM t_item "
         "ORDER BY CAST(COALESCE(n, 0) AS BIGINT), id",
         "SELECT id, CAST(COALESCE(n, 0) AS BIGINT) FROM t_item WHERE "
         "(CAST(COALESCE(n, 0) AS BIGINT) > $1 OR (CAST(COALESCE(n, 0) AS BIGINT) = $1 "
         "AND id > $2)) ORDER BY CAST(COALESCE(n, 0) AS BIGINT), id LIMIT 2"},
    };
    for (size_t k = 0; k < sizeof sorts / sizeof sorts[0]; k++) {
        db_res *all = NULL;
        assert_int_equal(db_query(d, &a, sorts[k].all, 0, NULL, &all), DB_OK);
        assert_int_equal(all->nrows, 7);
        /* page from each row: the next rows are exactly the following ones */
        for (int i = 0; i < all->nrows; i++) {
            const char *p[] = {db_cell(all, i, 1), db_cell(all, i, 0)};
            db_res *r = NULL;
            assert_int_equal(db_query(d, &a, sorts[k].after, 2, p, &r), DB_OK);
            int expect = all->nrows - i - 1 < 2 ? all->nrows - i - 1 : 2;
            if (r->nrows != expect)
                fail_msg("sort %zu after \"%s\" (id %s): %d rows, expected %d", k, p[0], p[1],
                         r->nrows, expect);
            for (int j = 0; j < r->nrows; j++)
                assert_string_equal(db_cell(r, j, 0), db_cell(all, i + 1 + j, 0));
        }
    }
    arena_free(&a);
}

/* ---- the pool ---------------------------------------------------------------- */

static void test_pool_get_put(void **st)
{
    state *s = *st;
    db_pool *p = NULL;
    char err[512];
    if (db_pool_open(s->url, 3, &p, err, sizeof err) != DB_OK) fail_msg("db_pool_open: %s", err);
    db *c[3];
    for (int i = 0; i < 3; i++) {
        c[i] = db_pool_get(p);
        assert_non_null(c[i]);
        for (int j = 0; j < i; j++)
            assert_ptr_not_equal(c[i], c[j]);
    }
    arena a;
    arena_init(&a, 0);
    for (int i = 0; i < 3; i++)
        assert_string_equal(db_scalar(c[i], &a, "SELECT COUNT(*) FROM tenant", 0, NULL), "0");
    for (int i = 0; i < 3; i++)
        db_pool_put(p, c[i]);
    /* what was put back is handed out again */
    db *again = db_pool_get(p);
    bool known = again == c[0] || again == c[1] || again == c[2];
    assert_true(known);
    db_pool_put(p, again);
    arena_free(&a);
    db_pool_close(p);

    /* a pool that cannot open its connections fails cleanly */
    err[0] = 0;
    p = NULL;
    assert_int_equal(db_pool_open("/nonexistent-dir-lis/x.sqlite", 2, &p, err, sizeof err),
                     DB_ERROR);
    assert_true(strlen(err) > 0);
}

typedef struct pool_arg {
    db_pool *p;
    atomic_int got;
} pool_arg;

static void *wait_for_connection(void *x)
{
    pool_arg *arg = x;
    db *d = db_pool_get(arg->p);
    atomic_store(&arg->got, 1);
    db_pool_put(arg->p, d);
    return NULL;
}

static void test_pool_waits_when_empty(void **st)
{
    state *s = *st;
    pool_arg arg = {.got = 0};
    char err[512];
    if (db_pool_open(s->url, 1, &arg.p, err, sizeof err) != DB_OK)
        fail_msg("db_pool_open: %s", err);
    db *only = db_pool_get(arg.p);
    pthread_t t;
    assert_int_equal(pthread_create(&t, NULL, wait_for_connection, &arg), 0);
    struct timespec pause = {0, 100 * 1000 * 1000};
    nanosleep(&pause, NULL);
    assert_int_equal(atomic_load(&arg.got), 0); /* still waiting */
    db_pool_put(arg.p, only);
    pthread_join(t, NULL);
    assert_int_equal(atomic_load(&arg.got), 1);
    db_pool_close(arg.p);
}

enum { WORKERS = 6, ROUNDS = 25 };

static void *count_up(void *x)
{
    db_pool *p = x;
    for (int i = 0; i < ROUNDS; i++) {
        db *d = db_pool_get(p);
        int rc = db_begin(d);
        if (rc == DB_OK)
            rc = db_exec(d, "UPDATE t_item SET n = n + 1 WHERE code = 'counter'", 0, NULL, NULL);
        if (rc == DB_OK)
            rc = db_commit(d);
        else
            db_rollback(d);
        db_pool_put(p, d);
        if (rc != DB_OK) return (void *)1;
    }
    return NULL;
}

static void test_pool_concurrent_writes(void **st)
{
    state *s = *st;
    insert_item(s->d, "counter", "räknare", "0", NULL);
    db_pool *p = NULL;
    char err[512];
    if (db_pool_open(s->url, 3, &p, err, sizeof err) != DB_OK) fail_msg("db_pool_open: %s", err);
    pthread_t t[WORKERS];
    for (int i = 0; i < WORKERS; i++)
        assert_int_equal(pthread_create(&t[i], NULL, count_up, p), 0);
    int failures = 0;
    for (int i = 0; i < WORKERS; i++) {
        void *rv = NULL;
        pthread_join(t[i], &rv);
        failures += rv != NULL;
    }
    db_pool_close(p);
    assert_int_equal(failures, 0);
    assert_int_equal(scalar_int(s->d, "SELECT n FROM t_item WHERE code = 'counter'"),
                     WORKERS * ROUNDS);
}

/* Login throttling counts an attempt in one conditional write: attempts in flight at once
 * (none has failed yet) still count, so a burst of parallel guesses gets exactly the five
 * free tries of an account, never more (a read-then-write let six through). */
enum { GUESSERS = 6, GUESSES = 4 };
static atomic_int claims_granted;

static void *guess(void *x)
{
    db_pool *p = x;
    for (int i = 0; i < GUESSES; i++) {
        arena a;
        arena_init(&a, 0);
        req r = {.a = &a, .db = db_pool_get(p)};
        if (throttle_claim(&r, "acct:guessed@example.se")) atomic_fetch_add(&claims_granted, 1);
        db_pool_put(p, r.db);
        arena_free(&a);
    }
    return NULL;
}

static void test_throttle_parallel_claims(void **st)
{
    state *s = *st;
    exec_ok(s->d, "CREATE TABLE IF NOT EXISTS login_throttle (key TEXT PRIMARY KEY, failures "
                  "INTEGER NOT NULL, first_at TEXT NOT NULL, locked_until TEXT)");
    exec_ok(s->d, "DELETE FROM login_throttle");
    db_pool *p = NULL;
    char err[512];
    if (db_pool_open(s->url, 3, &p, err, sizeof err) != DB_OK) fail_msg("db_pool_open: %s", err);
    atomic_store(&claims_granted, 0);
    pthread_t t[GUESSERS];
    for (int i = 0; i < GUESSERS; i++)
        assert_int_equal(pthread_create(&t[i], NULL, guess, p), 0);
    for (int i = 0; i < GUESSERS; i++)
        pthread_join(t[i], NULL);
    assert_int_equal(atomic_load(&claims_granted), 5);
    /* the fifth locked the key at once; a right password (clear) opens it again */
    arena a;
    arena_init(&a, 0);
    req r = {.a = &a, .db = s->d};
    assert_false(throttle_claim(&r, "acct:guessed@example.se"));
    assert_true(throttle_claim(&r, "ip:192.0.2.1")); /* another key is not affected */
    assert_true(throttle_clear(&r, "acct:guessed@example.se"));
    assert_true(throttle_claim(&r, "acct:guessed@example.se"));
    /* an address gets its attempt back after a right password */
    assert_true(throttle_refund(&r, "ip:192.0.2.1"));
    assert_int_equal(scalar_int(s->d, "SELECT failures FROM login_throttle WHERE key = "
                                      "'ip:192.0.2.1'"),
                     0);
    arena_free(&a);
    db_pool_close(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_open_refuses_bad_targets),
        cmocka_unit_test(test_open_and_migrate),
        cmocka_unit_test(test_migration_failing_midway_changes_nothing),
        cmocka_unit_test(test_migration_backup_before_applying),
        cmocka_unit_test(test_migration_with_backup_then_failure),
        cmocka_unit_test(test_migration_merged_below_applied_is_applied),
        cmocka_unit_test(test_migration_changed_after_applying_is_refused),
        cmocka_unit_test(test_migration_checksums_recorded_for_old_databases),
        cmocka_unit_test(test_migration_versions_unique),
        cmocka_unit_test(test_migration_race_between_processes),
        cmocka_unit_test(test_backup_waits_for_a_busy_destination),
        cmocka_unit_test_setup(test_params_text_int_null, items_setup),
        cmocka_unit_test_setup(test_params_reused_and_out_of_order, items_setup),
        cmocka_unit_test_setup(test_constraint_violations, items_setup),
        cmocka_unit_test_setup(test_transactions, items_setup),
        cmocka_unit_test_setup(test_planned_once_and_commit_with_last, items_setup),
        cmocka_unit_test_setup(test_returning, items_setup),
        cmocka_unit_test_setup(test_keyset_paging, items_setup),
        cmocka_unit_test_setup(test_keyset_over_number_like_text, items_setup),
        cmocka_unit_test(test_pool_get_put),
        cmocka_unit_test(test_pool_waits_when_empty),
        cmocka_unit_test_setup(test_pool_concurrent_writes, items_setup),
        cmocka_unit_test(test_throttle_parallel_claims),
    };
    return cmocka_run_group_tests_name("db", tests, group_setup, group_teardown);
}
