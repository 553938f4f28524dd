/* sql_builder.c - see sql_builder.h. */
#include "sql_builder.h"
#include <stdio.h>

void sql_builder_init(sql_builder *b, arena *a, size_t cap)
{
    buf_init(&b->sql, cap);
    b->n = 0;
    b->a = a;
    b->too_many = false;
    b->plan_once = false;
}

void sql_builder_free(sql_builder *b)
{
    buf_free(&b->sql);
}

const char *sql_param(sql_builder *b, const char *value)
{
    if (b->n >= SQL_MAX_PARAMS) {
        b->too_many = true;
        return "NULL";
    }
    b->params[b->n++] = value;
    char *ref = arena_printf(b->a, "$%d", b->n);
    return ref ? ref : "NULL"; /* the arena's failure is answered at the boundary */
}

bool sql_builder_failed(const sql_builder *b)
{
    return b->too_many || buf_failed(&b->sql) || arena_failed(b->a);
}

static int refuse(db *d, const sql_builder *b)
{
    snprintf(d->error, sizeof d->error, "%s",
             b->too_many ? "statement has too many parameters" : "statement too long");
    return DB_ERROR;
}

int sql_builder_query(db *d, sql_builder *b, db_res **res)
{
    if (sql_builder_failed(b)) return refuse(d, b);
    return b->plan_once ? db_query_planned_once(d, b->a, buf_str(&b->sql), b->n, b->params, res)
                        : db_query(d, b->a, buf_str(&b->sql), b->n, b->params, res);
}

int sql_builder_exec(db *d, sql_builder *b, int64_t *changes)
{
    if (sql_builder_failed(b)) return refuse(d, b);
    return db_exec(d, buf_str(&b->sql), b->n, b->params, changes);
}
