/* db.h - one small interface over SQLite and PostgreSQL.
 *
 * The same SQL runs on both: parameters are written $1, $2 …, every value goes in
 * and comes out as text (NULL as a NULL pointer), and results are copied into the
 * caller's arena so they live exactly as long as the request. Lists are paged in SQL,
 * so a result is never large. */
#ifndef LIS_DB_H
#define LIS_DB_H
#include "../core/arena.h"
#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

typedef enum { DB_SQLITE, DB_PG } db_kind;

/* A call whose failure the caller must look at: ignoring the result is a compile error
 * (-Werror). A write that failed half-way must be rolled back and answered, never
 * carried on from. */
#define DB_MUST_CHECK __attribute__((warn_unused_result))

enum {
    DB_OK = 0,
    DB_ERROR = -1,
    DB_CONSTRAINT = -2, /* unique / foreign key / check violated */
    DB_BUSY = -3,
};

typedef struct db db;

typedef struct db_res {
    int nrows, ncols;
    char **names; /* ncols column names */
    char **cells; /* nrows * ncols, row-major; NULL for SQL NULL */
} db_res;

/* Opens "path.sqlite" or "postgresql://…" / "postgres://…". On failure returns
 * DB_ERROR and writes a message to err. */
int db_open(const char *url, db **out, char *err, size_t errlen) DB_MUST_CHECK;
void db_close(db *d);
db_kind db_kind_of(const db *d);
/* Fresh planner statistics. full: every row (after a bulk load); otherwise, on SQLite at
 * every start, a bounded sample (analysis_limit) and only when a table's statistics are
 * missing or it has more than doubled since. Stale statistics made SQLite scan 72,000
 * requirements for one tenant's 248. */
int db_refresh_statistics(db *d, bool full) DB_MUST_CHECK;
const char *db_error(db *d);
/* How many statements this connection has sent: the timing log's count per request. On
 * PostgreSQL each is a round trip, and a BEGIN or COMMIT that travels with a statement
 * (db_begin, db_exec_commit) is not counted on its own. */
long db_statements(const db *d);

/* Runs one statement; rows (if any) into *res (may be NULL when not wanted).
 * changes receives the number of rows changed (may be NULL). */
int db_query(db *d, arena *a, const char *sql, int nparams, const char *const *params,
             db_res **res) DB_MUST_CHECK;
int db_exec(db *d, const char *sql, int nparams, const char *const *params,
            int64_t *changes) DB_MUST_CHECK;
/* As db_query, for a statement whose best plan does not hang on its parameters' values (a
 * lookup by key; a tenant's rows in an index's order): PostgreSQL then plans it once per
 * connection, not at every run. Not for a search (LIKE with a parameter) or a filter on a
 * skewed column. SQLite plans every statement once anyway. */
int db_query_planned_once(db *d, arena *a, const char *sql, int nparams, const char *const *params,
                          db_res **res) DB_MUST_CHECK;
/* Runs several statements without parameters (migrations). @ID@ is replaced by the
 * engine's auto-increment primary key type. */
int db_exec_script(db *d, const char *sql) DB_MUST_CHECK;

/* A write transaction: BEGIN IMMEDIATE on SQLite. On PostgreSQL the BEGIN waits and goes
 * with the transaction's first statement, in one round trip (libpq's pipeline). */
int db_begin(db *d) DB_MUST_CHECK;
int db_commit(db *d) DB_MUST_CHECK;
/* The transaction's last statement and its COMMIT: one round trip on PostgreSQL. On failure
 * (of either) the transaction is still open, to be rolled back as after db_exec. */
int db_exec_commit(db *d, const char *sql, int nparams, const char *const *params) DB_MUST_CHECK;
/* Undoes the open transaction. Called on paths that already fail, where the caller
 * answers that first failure; a rollback that fails leaves the connection unusable
 * (logged by the engine), so its result may be ignored. */
int db_rollback(db *d);

static inline const char *db_cell(const db_res *r, int row, int col)
{
    return (r && row < r->nrows && col < r->ncols) ? r->cells[row * r->ncols + col] : NULL;
}
int db_col(const db_res *r, const char *name); /* index by name or -1 */
int64_t db_cell_int(const db_res *r, int row, int col);

/* Convenience: first column of first row, copied into the arena, or NULL. */
const char *db_scalar(db *d, arena *a, const char *sql, int nparams, const char *const *params);

/* The audit log's signer (src/audit/key.h), carried by each connection so that every
 * writer signs the chain without global state. The db layer only holds the pointer;
 * the caller owns the signer and keeps it alive while the connection is open. */
struct audit_signer;
void db_set_audit_signer(db *d, const struct audit_signer *s);
const struct audit_signer *db_audit_signer(const db *d);

/* A fixed pool of connections shared by the server's threads. */
typedef struct db_pool db_pool;
int db_pool_open(const char *url, int size, db_pool **out, char *err, size_t errlen) DB_MUST_CHECK;
db *db_pool_get(db_pool *p);
void db_pool_put(db_pool *p, db *d);
void db_pool_close(db_pool *p);
void db_pool_set_audit_signer(db_pool *p, const struct audit_signer *s);

/* Engine back-ends (internal). */
typedef struct db_ops {
    void (*close)(db *);
    int (*query)(db *, arena *, const char *, int, const char *const *, db_res **, int64_t *);
    int (*exec_script)(db *, const char *);
    int (*begin)(db *);
    int (*finish)(db *, bool commit); /* COMMIT or ROLLBACK */
    /* optional: one statement and COMMIT together (else the two, one after the other) */
    int (*exec_commit)(db *, const char *, int, const char *const *);
} db_ops;

struct db {
    db_kind kind;
    const db_ops *ops;
    void *handle;
    const struct audit_signer *audit;
    long statements; /* run on this connection so far (db_statements) */
    bool plan_once;  /* the statement running came through db_query_planned_once */
    char error[512];
};

int db_sqlite_open(const char *path, db **out, char *err, size_t errlen);
int db_pg_open(const char *url, db **out, char *err, size_t errlen);

#endif
