#include "db.h"
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int db_open(const char *url, db **out, char *err, size_t errlen)
{
    if (!url || !*url) {
        snprintf(err, errlen, "no database given (set LIS_DB or --db)");
        return DB_ERROR;
    }
    if (strncmp(url, "postgresql://", 13) == 0 || strncmp(url, "postgres://", 11) == 0)
        return db_pg_open(url, out, err, errlen);
    return db_sqlite_open(url, out, err, errlen);
}

void db_close(db *d)
{
    if (d) d->ops->close(d);
}

void db_set_audit_signer(db *d, const struct audit_signer *s)
{
    d->audit = s;
}

const struct audit_signer *db_audit_signer(const db *d)
{
    return d->audit;
}

db_kind db_kind_of(const db *d)
{
    return d->kind;
}
/* SQLite: are the planner's statistics missing or stale? A table holding rows without
 * statistics (new since a migration, or never analysed), or with an index that has none (a
 * migration's new index, which the planner would otherwise pass by), or one that has more
 * than doubled since it was analysed (judged by its largest rowid, an index seek, against
 * the row count ANALYZE recorded). Cheap enough for every start; ANALYZE itself is not. */
static bool sqlite_statistics_stale(db *d)
{
    arena a;
    arena_init(&a, 0);
    db_res *tables = NULL;
    bool stale = false;
    /* no sqlite_stat1 at all: never analysed (asked first, so no error is logged) */
    if (!db_scalar(d, &a, "SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'", 0, NULL) ||
        db_query(d, &a,
                 "SELECT m.name, (SELECT MAX(CAST(s.stat AS INTEGER)) FROM sqlite_stat1 s WHERE "
                 "s.tbl = m.name), EXISTS (SELECT 1 FROM sqlite_master x WHERE x.type = 'index' "
                 "AND x.tbl_name = m.name AND NOT EXISTS (SELECT 1 FROM sqlite_stat1 s WHERE "
                 "s.idx = x.name)) FROM sqlite_master m WHERE m.type = 'table' AND m.name NOT "
                 "LIKE 'sqlite_%'",
                 0, NULL, &tables) != DB_OK) {
        stale = true;
        goto done;
    }
    for (int i = 0; i < tables->nrows && !stale; i++) {
        const char *name = db_cell(tables, i, 0), *analysed = db_cell(tables, i, 1);
        if (strchr(name, '"')) continue;
        char sql[200];
        snprintf(sql, sizeof sql, "SELECT MAX(rowid) FROM \"%s\"", name);
        const char *top = db_scalar(d, &a, sql, 0, NULL);
        long long rows = top ? atoll(top) : 0;
        bool new_index = atoi(db_cell(tables, i, 2)) == 1;
        stale = analysed && !new_index ? rows > 2 * atoll(analysed) + 1000 : rows > 0;
    }
done:
    arena_free(&a);
    return stale;
}

int db_refresh_statistics(db *d, bool full)
{
    if (d->kind == DB_PG) return db_exec(d, "ANALYZE", 0, NULL, NULL);
    if (full) return db_exec_script(d, "PRAGMA analysis_limit=0; ANALYZE;");
    if (!sqlite_statistics_stale(d)) return DB_OK;
    return db_exec_script(d, "PRAGMA analysis_limit=1000; ANALYZE;");
}

const char *db_error(db *d)
{
    return d->error;
}

long db_statements(const db *d)
{
    return d->statements;
}

/* An error that is not a constraint violation is a bug or an outage: say so in the log
 * with the statement, never to the user (who gets a plain "nothing was saved"). */
static int logged(db *d, int rc, const char *sql)
{
    if (rc == DB_ERROR) fprintf(stderr, "lis: database error: %s\n  in: %.300s\n", d->error, sql);
    return rc;
}

int db_query(db *d, arena *a, const char *sql, int nparams, const char *const *params, db_res **res)
{
    d->statements++;
    return logged(d, d->ops->query(d, a, sql, nparams, params, res, NULL), sql);
}

int db_query_planned_once(db *d, arena *a, const char *sql, int nparams, const char *const *params,
                          db_res **res)
{
    d->plan_once = true;
    int rc = db_query(d, a, sql, nparams, params, res);
    d->plan_once = false;
    return rc;
}

int db_exec(db *d, const char *sql, int nparams, const char *const *params, int64_t *changes)
{
    d->statements++;
    return logged(d, d->ops->query(d, NULL, sql, nparams, params, NULL, changes), sql);
}

int db_exec_script(db *d, const char *sql)
{
    d->statements++;
    return d->ops->exec_script(d, sql);
}

int db_begin(db *d)
{
    return logged(d, d->ops->begin(d), "BEGIN");
}
int db_commit(db *d)
{
    return logged(d, d->ops->finish(d, true), "COMMIT");
}
int db_rollback(db *d)
{
    return logged(d, d->ops->finish(d, false), "ROLLBACK");
}

int db_exec_commit(db *d, const char *sql, int nparams, const char *const *params)
{
    if (!d->ops->exec_commit) {
        int rc = db_exec(d, sql, nparams, params, NULL);
        return rc == DB_OK ? db_commit(d) : rc;
    }
    d->statements++;
    return logged(d, d->ops->exec_commit(d, sql, nparams, params), sql);
}

int db_col(const db_res *r, const char *name)
{
    for (int i = 0; r && i < r->ncols; i++)
        if (strcmp(r->names[i], name) == 0) return i;
    return -1;
}

int64_t db_cell_int(const db_res *r, int row, int col)
{
    const char *s = db_cell(r, row, col);
    return s ? strtoll(s, NULL, 10) : 0;
}

const char *db_scalar(db *d, arena *a, const char *sql, int nparams, const char *const *params)
{
    db_res *r = NULL;
    if (db_query(d, a, sql, nparams, params, &r) != DB_OK || !r || r->nrows == 0) return NULL;
    return db_cell(r, 0, 0);
}

struct db_pool {
    pthread_mutex_t lock;
    pthread_cond_t freed;
    int size, nfree;
    db **all;
    db **free_list;
};

int db_pool_open(const char *url, int size, db_pool **out, char *err, size_t errlen)
{
    db_pool *p = calloc(1, sizeof *p);
    p->all = calloc((size_t)size, sizeof(db *));
    p->free_list = calloc((size_t)size, sizeof(db *));
    pthread_mutex_init(&p->lock, NULL);
    pthread_cond_init(&p->freed, NULL);
    for (int i = 0; i < size; i++) {
        if (db_open(url, &p->all[i], err, errlen) != DB_OK) {
            p->size = i;
            db_pool_close(p);
            return DB_ERROR;
        }
        p->free_list[p->nfree++] = p->all[i];
        p->size = i + 1;
    }
    *out = p;
    return DB_OK;
}

void db_pool_set_audit_signer(db_pool *p, const struct audit_signer *s)
{
    for (int i = 0; i < p->size; i++)
        db_set_audit_signer(p->all[i], s);
}

db *db_pool_get(db_pool *p)
{
    pthread_mutex_lock(&p->lock);
    while (p->nfree == 0)
        pthread_cond_wait(&p->freed, &p->lock);
    db *d = p->free_list[--p->nfree];
    pthread_mutex_unlock(&p->lock);
    return d;
}

void db_pool_put(db_pool *p, db *d)
{
    pthread_mutex_lock(&p->lock);
    p->free_list[p->nfree++] = d;
    pthread_cond_signal(&p->freed);
    pthread_mutex_unlock(&p->lock);
}

void db_pool_close(db_pool *p)
{
    if (!p) return;
    for (int i = 0; i < p->size; i++)
        db_close(p->all[i]);
    free(p->all);
    free(p->free_list);
    pthread_mutex_destroy(&p->lock);
    pthread_cond_destroy(&p->freed);
    free(p);
}
