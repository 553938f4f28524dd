/* check.c - the descriptors checked against the database and each other, at start-up
 * (serve and migrate refuse to start) and in tests on both engines. A descriptor is
 * hand-written data that the generic code trusts: a field that is no column, a
 * reference to a kind that does not exist, a required field whose column takes NULL
 * (keyset paging then sorts on a bare column that holds NULLs) or a role list that
 * disagrees with perm.c would otherwise surface as a 500 on some page, or as a wrong
 * answer, long after the change that caused it. */
#include "check.h"
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

typedef struct checker {
    FILE *log;
    int problems;
} checker;

static void problem(checker *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void problem(checker *c, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("descriptor check: ", c->log);
    vfprintf(c->log, fmt, ap);
    fputc('\n', c->log);
    va_end(ap);
    c->problems++;
}

/* The table's columns with 1 for NOT NULL, asked of the database itself. */
static int table_columns(db *d, arena *a, const char *table, db_res **cols)
{
    const char *p[] = {table};
    const char *sql = db_kind_of(d) == DB_PG
                          ? "SELECT column_name, CASE WHEN is_nullable = 'NO' THEN 1 ELSE 0 END "
                            "FROM information_schema.columns WHERE table_schema = "
                            "current_schema() AND table_name = $1"
                          : "SELECT name, \"notnull\" FROM pragma_table_info($1)";
    return db_query(d, a, sql, 1, p, cols);
}

/* -1: no such column; 0: takes NULL; 1: NOT NULL */
static int column_not_null(const db_res *cols, const char *name)
{
    for (int i = 0; name && i < cols->nrows; i++)
        if (strcmp(db_cell(cols, i, 0), name) == 0) return db_cell_int(cols, i, 1) ? 1 : 0;
    return -1;
}

static void check_person_field(checker *c, const entity *e, const char *what, const char *name)
{
    if (!name) return;
    int i = entity_field_index(e, name);
    if (i < 0)
        problem(c, "%s: %s %s is not one of its fields", e->name, what, name);
    else if (e->fields[i].type != FT_REF)
        problem(c, "%s: %s %s is not a reference", e->name, what, name);
}

static void check_fields(checker *c, const entity *e, const db_res *cols)
{
    for (int i = 0; i < e->nfields; i++) {
        const field *f = &e->fields[i];
        /* a value computed per reader (select_sql) is no column of its own */
        if (f->select_sql) continue;
        int nn = column_not_null(cols, f->name);
        if (nn < 0) {
            problem(c, "%s: field %s is not a column of table %s", e->name, f->name, e->table);
            continue;
        }
        if ((f->flags & (F_REQUIRED | F_NOT_NULL)) && nn == 0)
            problem(c, "%s: field %s is %s but column %s.%s takes NULL", e->name, f->name,
                    f->flags & F_REQUIRED ? "required" : "marked never NULL", e->table, f->name);
        if (f->type == FT_REF && (!f->ref || !entity_find(f->ref)))
            problem(c, "%s: field %s refers to %s, which is no registered kind", e->name, f->name,
                    f->ref ? f->ref : "nothing");
        if (f->type == FT_ENUM && (!f->options || !f->options[0].value))
            problem(c, "%s: field %s is a choice without options", e->name, f->name);
        for (int k = 0; k < i; k++)
            if (strcmp(e->fields[k].name, f->name) == 0)
                problem(c, "%s: field %s is described twice", e->name, f->name);
    }
}

static void check_entity(checker *c, db *d, const entity *e)
{
    arena a;
    arena_init(&a, 0);
    db_res *cols = NULL;
    if (table_columns(d, &a, e->table, &cols) != DB_OK) {
        problem(c, "%s: cannot read the columns of %s: %s", e->name, e->table, db_error(d));
        arena_free(&a);
        return;
    }
    if (cols->nrows == 0) {
        problem(c, "%s: table %s does not exist", e->name, e->table);
        arena_free(&a);
        return;
    }
    /* created_at is written by the generic create (a read-only kind such as the audit
     * log keeps its own time) */
    const char *always[] = {"id", "tenant_id", e->can_create ? "created_at" : NULL};
    for (size_t i = 0; i < sizeof always / sizeof always[0]; i++)
        if (always[i] && column_not_null(cols, always[i]) < 0)
            problem(c, "%s: table %s has no column %s", e->name, e->table, always[i]);
    if (e->has_updated_at && column_not_null(cols, "updated_at") < 0)
        problem(c, "%s: table %s has no column updated_at", e->name, e->table);
    check_fields(c, e, cols);
    if (e->unit_field) {
        int i = entity_field_index(e, e->unit_field);
        if (i < 0 || e->fields[i].type != FT_REF || strcmp(e->fields[i].ref, "units") != 0)
            problem(c, "%s: unit_field %s is not a reference to units among its fields", e->name,
                    e->unit_field);
    }
    check_person_field(c, e, "owner_field", e->owner_field);
    check_person_field(c, e, "editor_field", e->editor_field);
    if (e->draft_field) {
        int i = entity_field_index(e, e->draft_field);
        if (i < 0 || !e->draft_values || !e->draft_values[0])
            problem(c, "%s: draft_field %s is not one of its fields with draft values", e->name,
                    e->draft_field);
    }
    if (e->retire_column && column_not_null(cols, e->retire_column) < 0)
        problem(c, "%s: retire_column %s is not a column of %s", e->name, e->retire_column,
                e->table);
    for (const related_list *l = e->related; l && l->kind; l++)
        if (l->when_field && entity_field_index(e, l->when_field) < 0)
            problem(c, "%s: related list %s is shown by %s, which is not one of its fields",
                    e->name, l->kind, l->when_field);
    if (e->default_sort) {
        const char *s = e->default_sort[0] == '-' ? e->default_sort + 1 : e->default_sort;
        if (strcmp(s, "id") != 0 && entity_field_index(e, s) < 0)
            problem(c, "%s: default_sort %s is not one of its fields", e->name, s);
    }
    arena_free(&a);
}

/* role_codes and perm.c's table name every role of auth.h, once each, and every
 * descriptor field that holds a role (an enum named "role") offers exactly those. */
static void check_roles(checker *c, const entity *const *all)
{
    for (int r = 0; r < ROLE__COUNT; r++) {
        if (!perm_role_defined(r)) {
            problem(c, "role %d of auth.h has no code or no action in perm.c", r);
            continue;
        }
        if (role_from_code(role_codes[r]) != r)
            problem(c, "role code %s is used twice in perm.c", role_codes[r]);
    }
    for (int k = 0; all[k]; k++) {
        const entity *e = all[k];
        for (int i = 0; i < e->nfields; i++) {
            const field *f = &e->fields[i];
            if (f->type != FT_ENUM || strcmp(f->name, "role") != 0 || !f->options) continue;
            int n = 0;
            for (const enum_opt *o = f->options; o->value; o++, n++)
                if (role_from_code(o->value) < 0)
                    problem(c, "%s: role %s is not a role of perm.c", e->name, o->value);
            if (n != ROLE__COUNT)
                problem(c, "%s: field role offers %d roles, perm.c has %d", e->name, n,
                        ROLE__COUNT);
        }
    }
}

int entity_check_registry(db *d, const entity *const *all, FILE *log)
{
    checker c = {log, 0};
    for (int k = 0; all[k]; k++) {
        for (int j = 0; j < k; j++)
            if (strcmp(all[j]->name, all[k]->name) == 0)
                problem(&c, "kind %s is registered twice", all[k]->name);
        check_entity(&c, d, all[k]);
    }
    check_roles(&c, all);
    return c.problems;
}

int entity_check_descriptors(db *d, FILE *log)
{
    return entity_check_registry(d, entity_all(), log);
}
