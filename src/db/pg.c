/* pg.c - the PostgreSQL back-end over libpq. Parameters go as text and PostgreSQL
 * infers their types from the statement, so the SQL is the same as for SQLite. */
#include "db.h"
#include "script.h"
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Statements are prepared once per connection and kept, so PostgreSQL does not parse
 * them again on every request. The cache is small and direct-mapped by the SQL text;
 * an evicted statement is deallocated, so dynamic SQL (filters) cannot grow it. */
enum { PG_STMT_CACHE = 256 };

/* PostgreSQL plans a prepared statement again at every run while it guesses that the
 * parameters' values matter (plan_cache_mode auto), which cost a list page a third of its
 * time; a statement run with db_query_planned_once is planned once (force_generic_plan).
 * The mode is a session setting, switched in the statement's own round trip when the next
 * statement wants the other one. */
typedef enum { PLAN_UNKNOWN, PLAN_AUTO, PLAN_ONCE } plan_mode;

typedef struct pg_stmt {
    char *sql;
    unsigned long hash;
    char name[16];
} pg_stmt;

typedef struct pg_conn {
    PGconn *conn;
    pg_stmt cache[PG_STMT_CACHE];
    unsigned long next_name;
    bool profile;        /* LIS_SQL_PROFILE=1: each statement and its round trip on stderr */
    bool begin_pending;  /* db_begin was called: BEGIN goes with the next statement */
    plan_mode plan_mode; /* the session's plan_cache_mode as last set */
} pg_conn;

static PGconn *conn_of(db *d)
{
    return ((pg_conn *)d->handle)->conn;
}

static void pg_close(db *d)
{
    pg_conn *c = d->handle;
    PQfinish(c->conn);
    for (int i = 0; i < PG_STMT_CACHE; i++)
        free(c->cache[i].sql);
    free(c);
    free(d);
}

static unsigned long hash_sql(const char *s)
{
    unsigned long h = 5381;
    while (*s)
        h = h * 33 + (unsigned char)*s++;
    return h;
}

static bool cacheable(const char *sql)
{
    return strncmp(sql, "SELECT", 6) == 0 || strncmp(sql, "INSERT", 6) == 0 ||
           strncmp(sql, "UPDATE", 6) == 0 || strncmp(sql, "DELETE", 6) == 0 ||
           strncmp(sql, "WITH", 4) == 0;
}

/* The name of the prepared statement for sql, preparing it if needed; NULL on error
 * (the caller then reports the error of PQprepare). */
static const char *prepared(db *d, const char *sql, int nparams, PGresult **err)
{
    pg_conn *c = d->handle;
    unsigned long h = hash_sql(sql);
    pg_stmt *slot = &c->cache[h % PG_STMT_CACHE];
    if (slot->sql && slot->hash == h && strcmp(slot->sql, sql) == 0) return slot->name;
    if (slot->sql) {
        char dealloc[40];
        snprintf(dealloc, sizeof dealloc, "DEALLOCATE %s", slot->name);
        PQclear(PQexec(c->conn, dealloc));
        free(slot->sql);
        slot->sql = NULL;
    }
    char name[16];
    snprintf(name, sizeof name, "s%lu", ++c->next_name);
    PGresult *r = PQprepare(c->conn, name, sql, nparams, NULL);
    if (PQresultStatus(r) != PGRES_COMMAND_OK) {
        *err = r;
        return NULL;
    }
    PQclear(r);
    slot->sql = strdup(sql);
    slot->hash = h;
    memcpy(slot->name, name, sizeof name);
    return slot->name;
}

static int pg_error(db *d, PGresult *r)
{
    const char *state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : NULL;
    const char *msg = r ? PQresultErrorMessage(r) : "";
    snprintf(d->error, sizeof d->error, "%s", *msg ? msg : PQerrorMessage(conn_of(d)));
    size_t n = strlen(d->error);
    if (n && d->error[n - 1] == '\n') d->error[n - 1] = 0;
    int code = DB_ERROR;
    if (state && strncmp(state, "23", 2) == 0)
        code = DB_CONSTRAINT;
    else if (state && (strcmp(state, "40001") == 0 || strcmp(state, "40P01") == 0))
        code = DB_BUSY;
    PQclear(r);
    return code;
}

static int pg_run(db *d, arena *a, const char *sql, int nparams, const char *const *params,
                  db_res **res, int64_t *changes, bool commit);

/* As SQLite's trace (sqlite.c): the statement and its time as lis waited for it, round
 * trip included, so a page's statements can be counted and the slow one found. */
static int pg_timed(db *d, arena *a, const char *sql, int nparams, const char *const *params,
                    db_res **res, int64_t *changes, bool commit)
{
    pg_conn *c = d->handle;
    if (!c->profile) return pg_run(d, a, sql, nparams, params, res, changes, commit);
    bool begin = c->begin_pending;
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int rc = pg_run(d, a, sql, nparams, params, res, changes, commit);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    fprintf(stderr, "sql %8.3f ms  %s%.300s%s\n",
            (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6,
            begin ? "BEGIN; " : "", sql, commit ? "; COMMIT" : "");
    return rc;
}

static int pg_query(db *d, arena *a, const char *sql, int nparams, const char *const *params,
                    db_res **res, int64_t *changes)
{
    return pg_timed(d, a, sql, nparams, params, res, changes, false);
}

static int pg_exec_commit(db *d, const char *sql, int nparams, const char *const *params)
{
    return pg_timed(d, NULL, sql, nparams, params, NULL, NULL, true);
}

static bool sent_ok(PGconn *k, const char *sql)
{
    return PQsendQueryParams(k, sql, 0, NULL, NULL, NULL, NULL, 0) == 1;
}

/* The commands before (npre of them: BEGIN, a plan mode), the statement (prepared as
 * name, or sql) and COMMIT (when commit) as one pipeline, so one round trip. Returns the
 * statement's result, or the first error (the rest of the pipeline is then skipped by the
 * server, and a transaction begun stays open and aborted for the caller's ROLLBACK, as when
 * each goes on its own); NULL when the connection cannot take a pipeline. */
static PGresult *pipelined(PGconn *k, const char *const *pre, int npre, const char *name,
                           const char *sql, int nparams, const char *const *params, bool commit)
{
    if (PQenterPipelineMode(k) != 1) return NULL;
    int sent = 0, want = npre + 1 + (commit ? 1 : 0);
    while (sent < npre && sent_ok(k, pre[sent]))
        sent++;
    if (sent == npre &&
        (name ? PQsendQueryPrepared(k, name, nparams, params, NULL, NULL, 0)
              : PQsendQueryParams(k, sql, nparams, NULL, params, NULL, NULL, 0)) == 1 &&
        ++sent && commit && sent_ok(k, "COMMIT"))
        ++sent;
    /* without the sync the server would not answer: nothing to wait for (the connection
     * is broken, and stays so) */
    if (PQpipelineSync(k) != 1) return NULL;
    PGresult *out = NULL, *error = NULL;
    for (int i = 0; i < sent; i++) {
        PGresult *r = PQgetResult(k), *end;
        while ((end = PQgetResult(k)) != NULL) /* each command's results end with a NULL */
            PQclear(end);
        ExecStatusType st = PQresultStatus(r);
        if (!error && st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
            error = r;
        } else if (i == npre && !error) {
            out = r;
        } else {
            PQclear(r);
        }
    }
    PGresult *sync = PQgetResult(k); /* PGRES_PIPELINE_SYNC */
    PQclear(sync);
    if (PQexitPipelineMode(k) != 1) sent = -1; /* results left: the connection is broken */
    if (error || sent < want) {
        PQclear(out);
        return error;
    }
    return out;
}

static const char *const plan_mode_sql[] = {
    [PLAN_UNKNOWN] = NULL,
    [PLAN_AUTO] = "SET plan_cache_mode = auto",
    [PLAN_ONCE] = "SET plan_cache_mode = force_generic_plan",
};

static int pg_run(db *d, arena *a, const char *sql, int nparams, const char *const *params,
                  db_res **res, int64_t *changes, bool commit)
{
    pg_conn *c = d->handle;
    PGresult *r = NULL;
    const char *name = NULL;
    if (cacheable(sql) && !(name = prepared(d, sql, nparams, &r))) return pg_error(d, r);
    /* what goes before the statement in its round trip: a waiting BEGIN, and the plan mode
     * when this statement wants the other one (db_query_planned_once) */
    const char *pre[2];
    int npre = 0;
    if (c->begin_pending) pre[npre++] = "BEGIN";
    /* only a prepared statement has a plan kept to choose (never COMMIT or ROLLBACK, which
     * must not follow a SET into an aborted transaction) */
    plan_mode want = d->plan_once ? PLAN_ONCE : PLAN_AUTO;
    if (name && c->plan_mode != want) pre[npre++] = plan_mode_sql[want];
    c->begin_pending = false;
    if (npre || commit) {
        r = pipelined(c->conn, pre, npre, name, sql, nparams, params, commit);
        if (name) c->plan_mode = want;
    } else if (name) {
        r = PQexecPrepared(c->conn, name, nparams, params, NULL, NULL, 0);
    } else {
        r = PQexecParams(c->conn, sql, nparams, NULL, params, NULL, NULL, 0);
    }
    ExecStatusType st = PQresultStatus(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) {
        c->plan_mode = PLAN_UNKNOWN; /* a SET in a failed pipeline or transaction is undone */
        return pg_error(d, r);
    }
    if (strncmp(sql, "ROLLBACK", 8) == 0) c->plan_mode = PLAN_UNKNOWN; /* to a savepoint, too */
    if (changes) {
        const char *t = PQcmdTuples(r);
        *changes = (t && *t) ? strtoll(t, NULL, 10) : 0;
    }
    if (res && a) {
        db_res *out = arena_alloc(a, sizeof *out);
        int nrows = PQntuples(r), ncols = PQnfields(r);
        out->nrows = nrows;
        out->ncols = ncols;
        out->names = arena_alloc(a, sizeof(char *) * (size_t)(ncols ? ncols : 1));
        out->cells =
            arena_alloc(a, sizeof(char *) * (size_t)((nrows ? nrows : 1) * (ncols ? ncols : 1)));
        if (!out->names || !out->cells) {
            PQclear(r);
            snprintf(d->error, sizeof d->error, "result too large");
            return DB_ERROR;
        }
        for (int i = 0; i < ncols; i++)
            out->names[i] = arena_strdup(a, PQfname(r, i));
        for (int row = 0; row < nrows; row++)
            for (int i = 0; i < ncols; i++)
                out->cells[row * ncols + i] =
                    PQgetisnull(r, row, i)
                        ? NULL
                        : arena_strndup(a, PQgetvalue(r, row, i), (size_t)PQgetlength(r, row, i));
        *res = out;
    }
    PQclear(r);
    return DB_OK;
}

static int pg_exec_script(db *d, const char *sql)
{
    pg_conn *c = d->handle;
    if (c->begin_pending) { /* a script is several statements: no pipeline, BEGIN first */
        c->begin_pending = false;
        PGresult *b = PQexec(c->conn, "BEGIN");
        if (PQresultStatus(b) != PGRES_COMMAND_OK) return pg_error(d, b);
        PQclear(b);
    }
    static const script_word words[] = {
        {"@ID@", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"},
        {"@BYTES@", " COLLATE \"C\""},
        {NULL, NULL}};
    char *s = script_in_dialect(sql, words);
    if (!s) {
        snprintf(d->error, sizeof d->error, "out of memory");
        return DB_ERROR;
    }
    PGresult *r = PQexec(conn_of(d), s);
    free(s);
    ExecStatusType st = PQresultStatus(r);
    if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK) return pg_error(d, r);
    PQclear(r);
    return DB_OK;
}

/* The BEGIN waits for the transaction's first statement (pg_run), saving a round trip. */
static int pg_begin(db *d)
{
    ((pg_conn *)d->handle)->begin_pending = true;
    return DB_OK;
}

/* A transaction that ran no statement yet was never begun: nothing to end. */
static int pg_finish(db *d, bool commit)
{
    pg_conn *c = d->handle;
    if (c->begin_pending) {
        c->begin_pending = false;
        return DB_OK;
    }
    d->statements++;
    if (!commit) c->plan_mode = PLAN_UNKNOWN; /* a SET since BEGIN is undone */
    return pg_timed(d, NULL, commit ? "COMMIT" : "ROLLBACK", 0, NULL, NULL, NULL, false);
}

static const db_ops pg_ops = {pg_close, pg_query,  pg_exec_script,
                              pg_begin, pg_finish, pg_exec_commit};

int db_pg_open(const char *url, db **out, char *err, size_t errlen)
{
    PGconn *c = PQconnectdb(url);
    if (PQstatus(c) != CONNECTION_OK) {
        snprintf(err, errlen, "cannot connect to PostgreSQL: %s", PQerrorMessage(c));
        PQfinish(c);
        return DB_ERROR;
    }
    PGresult *r = PQexec(c, "SET client_min_messages = warning; SET TIME ZONE 'UTC'");
    PQclear(r);
    db *d = calloc(1, sizeof *d);
    pg_conn *pc = calloc(1, sizeof *pc);
    pc->conn = c;
    const char *profile = getenv("LIS_SQL_PROFILE");
    pc->profile = profile && *profile == '1';
    pc->plan_mode = PLAN_AUTO;
    d->kind = DB_PG;
    d->ops = &pg_ops;
    d->handle = pc;
    *out = d;
    return DB_OK;
}
