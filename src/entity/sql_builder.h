/* sql_builder.h - SQL text built piece by piece with its $n parameters, for the engine's
 * lists and writes and for areas that need dynamic SQL (a filter only when given, a
 * column list chosen at run time). Values never go into the text: sql_param() binds
 * each one and writes its $n. The builder fails stickily, like buf: too many
 * parameters or text past its cap mark it failed, and sql_builder_query() then refuses
 * to run it, so a half-built statement never reaches the database. */
#ifndef LIS_SQL_BUILDER_H
#define LIS_SQL_BUILDER_H
#include "../core/arena.h"
#include "../core/buf.h"
#include "../db/db.h"
#include <stdbool.h>

enum { SQL_MAX_PARAMS = 48 };

typedef struct sql_builder {
    buf sql;
    const char *params[SQL_MAX_PARAMS];
    int n;
    arena *a;
    bool too_many;  /* a parameter past SQL_MAX_PARAMS was refused */
    bool plan_once; /* run with db_query_planned_once (a page of a list, no search) */
} sql_builder;

/* cap: the largest SQL text in bytes (0 = the buf default). */
void sql_builder_init(sql_builder *b, arena *a, size_t cap);
void sql_builder_free(sql_builder *b);
/* Binds value and returns its placeholder ("$3") to write into the text. Write one
 * sql_param() per statement: C leaves the order of evaluating arguments unspecified. */
const char *sql_param(sql_builder *b, const char *value);
bool sql_builder_failed(const sql_builder *b);
/* Runs the statement: DB_ERROR (with the reason in db_error) when the builder failed. */
int sql_builder_query(db *d, sql_builder *b, db_res **res) DB_MUST_CHECK;
int sql_builder_exec(db *d, sql_builder *b, int64_t *changes) DB_MUST_CHECK;
#endif
