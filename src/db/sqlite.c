/* sqlite.c - the SQLite back-end: WAL, busy timeout, a per-connection statement cache. */
#include "db.h"
#include "script.h"
#include "../core/util.h"
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>

enum { STMT_CACHE = 128 };

typedef struct cached_stmt {
    char *sql;
    unsigned long hash;
    sqlite3_stmt *stmt;
} cached_stmt;

typedef struct sqlite_conn {
    sqlite3 *db;
    cached_stmt cache[STMT_CACHE];
} sqlite_conn;

static unsigned long hash_str(const char *s)
{
    unsigned long h = 5381;
    while (*s)
        h = h * 33 + (unsigned char)*s++;
    return h;
}

static void sqlite_close(db *d)
{
    sqlite_conn *c = d->handle;
    for (int i = 0; i < STMT_CACHE; i++) {
        if (c->cache[i].stmt) sqlite3_finalize(c->cache[i].stmt);
        free(c->cache[i].sql);
    }
    sqlite3_close(c->db);
    free(c);
    free(d);
}

static int map_error(db *d, int rc)
{
    sqlite_conn *c = d->handle;
    snprintf(d->error, sizeof d->error, "%s", sqlite3_errmsg(c->db));
    if ((rc & 0xff) == SQLITE_CONSTRAINT) return DB_CONSTRAINT;
    if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) return DB_BUSY;
    return DB_ERROR;
}

/* A canonical decimal integer is bound as an integer so LIMIT and arithmetic work;
 * column affinity turns it back into text where a column holds text. */
static bool is_canonical_int(const char *s)
{
    const char *p = s;
    if (*p == '-') p++;
    if (!*p || (*p == '0' && p[1]) || strlen(p) > 18) return false;
    for (; *p; p++)
        if (!isdigit((unsigned char)*p)) return false;
    return !(s[0] == '-' && s[1] == '0');
}

static sqlite3_stmt *prepare(db *d, const char *sql, int *rc)
{
    sqlite_conn *c = d->handle;
    unsigned long h = hash_str(sql);
    cached_stmt *slot = &c->cache[h % STMT_CACHE];
    if (slot->stmt && slot->hash == h && strcmp(slot->sql, sql) == 0) {
        sqlite3_reset(slot->stmt);
        sqlite3_clear_bindings(slot->stmt);
        *rc = SQLITE_OK;
        return slot->stmt;
    }
    sqlite3_stmt *st = NULL;
    *rc = sqlite3_prepare_v3(c->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
    if (*rc != SQLITE_OK) return NULL;
    if (slot->stmt) sqlite3_finalize(slot->stmt);
    free(slot->sql);
    slot->sql = strdup(sql);
    slot->hash = h;
    slot->stmt = st;
    return st;
}

static int sqlite_query(db *d, arena *a, const char *sql, int nparams, const char *const *params,
                        db_res **res, int64_t *changes)
{
    sqlite_conn *c = d->handle;
    int rc;
    sqlite3_stmt *st = prepare(d, sql, &rc);
    if (!st) return map_error(d, rc);
    for (int i = 0; i < nparams; i++) {
        char name[16];
        snprintf(name, sizeof name, "$%d", i + 1);
        int idx = sqlite3_bind_parameter_index(st, name);
        if (idx == 0) continue;
        if (!params[i])
            sqlite3_bind_null(st, idx);
        else if (is_canonical_int(params[i]))
            sqlite3_bind_int64(st, idx, strtoll(params[i], NULL, 10));
        else
            sqlite3_bind_text(st, idx, params[i], -1, SQLITE_STATIC);
    }
    int ncols = sqlite3_column_count(st);
    db_res *r = NULL;
    int cap = 0;
    if (res && a) {
        r = arena_alloc(a, sizeof *r);
        r->ncols = ncols;
        r->names = arena_alloc(a, sizeof(char *) * (size_t)(ncols ? ncols : 1));
        for (int i = 0; i < ncols; i++)
            r->names[i] = arena_strdup(a, sqlite3_column_name(st, i));
    }
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (!r) continue;
        if (r->nrows == cap) {
            int ncap = cap ? cap * 2 : 16;
            char **cells = arena_alloc(a, sizeof(char *) * (size_t)(ncap * (ncols ? ncols : 1)));
            if (!cells) {
                sqlite3_reset(st);
                snprintf(d->error, sizeof d->error, "result too large");
                return DB_ERROR;
            }
            if (cap) memcpy(cells, r->cells, sizeof(char *) * (size_t)(cap * ncols));
            r->cells = cells;
            cap = ncap;
        }
        for (int i = 0; i < ncols; i++) {
            const unsigned char *v = sqlite3_column_text(st, i);
            r->cells[r->nrows * ncols + i] =
                v ? arena_strndup(a, (const char *)v, (size_t)sqlite3_column_bytes(st, i)) : NULL;
        }
        r->nrows++;
    }
    if (rc != SQLITE_DONE) {
        int err = map_error(d, rc);
        sqlite3_reset(st);
        return err;
    }
    if (changes) *changes = sqlite3_changes64(c->db);
    sqlite3_reset(st);
    if (res) *res = r;
    return DB_OK;
}

static int sqlite_exec_script(db *d, const char *sql)
{
    sqlite_conn *c = d->handle;
    static const script_word words[] = {
        {"@ID@", "INTEGER PRIMARY KEY AUTOINCREMENT"}, {"@BYTES@", ""}, {NULL, NULL}};
    char *s = script_in_dialect(sql, words);
    if (!s) {
        snprintf(d->error, sizeof d->error, "out of memory");
        return DB_ERROR;
    }
    char *msg = NULL;
    int rc = sqlite3_exec(c->db, s, NULL, NULL, &msg);
    free(s);
    if (rc != SQLITE_OK) {
        snprintf(d->error, sizeof d->error, "%s", msg ? msg : sqlite3_errstr(rc));
        sqlite3_free(msg);
        return DB_ERROR;
    }
    return DB_OK;
}

/* SQLite's own lower() folds only A-Z, so "Åsa" would not match a search for "åsa" as
 * it does on PostgreSQL. This one folds as utf8_fold_lower does (Å Ä Ö É Ü …). */
static void unicode_lower(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    const unsigned char *in = sqlite3_value_text(argv[0]);
    if (!in) {
        sqlite3_result_null(ctx);
        return;
    }
    int n = sqlite3_value_bytes(argv[0]);
    char *out = sqlite3_malloc(n + 1);
    if (!out) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    utf8_fold_lower((const char *)in, (size_t)n, out);
    sqlite3_result_text(ctx, out, n, sqlite3_free);
}

/* The "C" collation (byte order) as PostgreSQL names it: migration 0016 declared the
 * picker's word column with it on both engines, so a database not yet past 0023 (which
 * says @BYTES@ instead, SQLite's own byte order) still opens and migrates. */
static int collate_bytes(void *ctx, int na, const void *a, int nb, const void *b)
{
    (void)ctx;
    int c = memcmp(a, b, (size_t)(na < nb ? na : nb));
    return c ? c : na - nb;
}

static int sqlite_begin(db *d)
{
    d->statements++;
    return sqlite_query(d, NULL, "BEGIN IMMEDIATE", 0, NULL, NULL, NULL);
}

static int sqlite_finish(db *d, bool commit)
{
    d->statements++;
    return sqlite_query(d, NULL, commit ? "COMMIT" : "ROLLBACK", 0, NULL, NULL, NULL);
}

static const db_ops sqlite_ops = {sqlite_close, sqlite_query,  sqlite_exec_script,
                                  sqlite_begin, sqlite_finish, NULL};

static int sql_profile(unsigned type, void *ctx, void *stmt, void *ns)
{
    (void)type, (void)ctx;
    char *sql = sqlite3_expanded_sql(stmt);
    fprintf(stderr, "sql %8.3f ms  %.300s\n", (double)*(sqlite3_int64 *)ns / 1e6,
            sql ? sql : sqlite3_sql(stmt));
    sqlite3_free(sql);
    return 0;
}

/* how long a connection waits for another's lock before it reports the file busy */
enum { BUSY_WAIT_MS = 10000 };

int db_sqlite_open(const char *path, db **out, char *err, size_t errlen)
{
    sqlite3 *h = NULL;
    int rc = sqlite3_open_v2(
        path, &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        snprintf(err, errlen, "cannot open %s: %s", path, h ? sqlite3_errmsg(h) : "out of memory");
        sqlite3_close(h);
        return DB_ERROR;
    }
    sqlite3_busy_timeout(h, BUSY_WAIT_MS);
    /* LIS_SQL_PROFILE=1: every statement and its time on stderr, to find a slow page's query */
    const char *profile = getenv("LIS_SQL_PROFILE");
    if (profile && *profile == '1') sqlite3_trace_v2(h, SQLITE_TRACE_PROFILE, sql_profile, NULL);
    char *msg = NULL;
    rc = sqlite3_exec(h,
                      "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
                      "PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY; "
                      /* Read the file through a shared memory map: with pread, half of a
                       * big page's time was the kernel copying the same file pages into
                       * each connection's cache again on every request. (A 16 MB page cache
                       * per connection on top made no measurable difference and only grew
                       * lis's own memory, so SQLite's default stays.) */
                      "PRAGMA mmap_size=1073741824;",
                      NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        snprintf(err, errlen, "cannot use %s: %s", path, msg ? msg : sqlite3_errstr(rc));
        sqlite3_free(msg);
        sqlite3_close(h);
        return DB_ERROR;
    }
    sqlite3_create_function(h, "lower", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, unicode_lower,
                            NULL, NULL);
    sqlite3_create_collation(h, "C", SQLITE_UTF8, NULL, collate_bytes);
    db *d = calloc(1, sizeof *d);
    sqlite_conn *c = calloc(1, sizeof *c);
    c->db = h;
    d->kind = DB_SQLITE;
    d->ops = &sqlite_ops;
    d->handle = c;
    *out = d;
    return DB_OK;
}

/* A consistent online copy of the database file, through SQLite's backup API. */
int db_sqlite_backup(db *d, const char *dest, char *err, size_t errlen)
{
    sqlite_conn *c = d->handle;
    sqlite3 *to = NULL;
    if (sqlite3_open(dest, &to) != SQLITE_OK) {
        snprintf(err, errlen, "cannot create %s: %s", dest, sqlite3_errmsg(to));
        sqlite3_close(to);
        return DB_ERROR;
    }
    /* two lis processes migrating one file at once back up to the same name: the second
     * waits for the first's copy to finish instead of failing on its lock */
    sqlite3_busy_timeout(to, BUSY_WAIT_MS);
    sqlite3_backup *b = sqlite3_backup_init(to, "main", c->db, "main");
    int rc = SQLITE_ERROR;
    if (b) {
        rc = sqlite3_backup_step(b, -1);
        sqlite3_backup_finish(b);
    }
    if (rc != SQLITE_DONE) {
        snprintf(err, errlen, "backup to %s failed: %s", dest, sqlite3_errmsg(to));
        sqlite3_close(to);
        return DB_ERROR;
    }
    sqlite3_close(to);
    return DB_OK;
}
