/* entity.c - the generic model code: SQL for lists (filters, search, keyset paging),
 * reading one row, validating input, and writing with the audit diff. */
#include "entity.h"
#include "due.h"
#include "pick.h"
#include "sql_builder.h"
#include "../audit/audit.h"
#include "../core/escape.h"
#include "../core/util.h"
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool isalnum_ascii(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

void errors_add(errors *errs, int field, tr_key message, const char *detail)
{
    if (errs->n < (int)(sizeof errs->items / sizeof errs->items[0])) {
        errs->items[errs->n].field = field;
        errs->items[errs->n].message = message;
        errs->items[errs->n].detail = detail;
        errs->n++;
    }
}

int entity_field_index(const entity *e, const char *name)
{
    for (int i = 0; name && i < e->nfields; i++)
        if (strcmp(e->fields[i].name, name) == 0) return i;
    return -1;
}

int entity_field(const entity *e, const char *name)
{
    int i = entity_field_index(e, name);
    if (i < 0) {
        /* a name written in code that the descriptor lacks: writing values[-1] would
         * corrupt memory silently, so stop here and say which */
        fprintf(stderr, "lis: entity %s has no field %s\n", e ? e->name : "(null)",
                name ? name : "(null)");
        abort();
    }
    return i;
}

const char *record_get(const record *rec, const entity *e, const char *name)
{
    return rec->values[entity_field(e, name)];
}

void record_set(record *rec, const entity *e, const char *name, const char *value)
{
    int i = entity_field(e, name);
    rec->values[i] = value;
    rec->present[i] = true;
}

/* The id in what a user gave for a reference: "123", or "Name (#123)" as forms and
 * filters show a reference. NULL when it holds no id. */
static const char *ref_id_in(arena *a, const char *s)
{
    int64_t num;
    if (parse_int64(s, &num)) return s;
    const char *hash = strstr(s, "(#");
    size_t len = strlen(s);
    if (!hash || s[len - 1] != ')') return NULL;
    char *id = arena_strndup(a, hash + 2, (size_t)(s + len - 1 - (hash + 2)));
    return parse_int64(id, &num) ? id : NULL;
}

static bool is_numeric_type(field_type t)
{
    return t == FT_INT || t == FT_REF || t == FT_BOOL;
}

const char *enum_label(req *r, const field *f, const char *value)
{
    const char *own = f->value_label && value ? f->value_label(r, value) : NULL;
    if (own) return own;
    for (const enum_opt *o = f->options; o && o->value; o++)
        if (value && strcmp(o->value, value) == 0) return tr(r->lang, o->label);
    return value;
}

int entity_col(const entity *e, int field)
{
    int col = 1;
    for (int i = 0; i < field; i++)
        col += e->fields[i].type == FT_REF ? 2 : 1;
    return col;
}

int entity_label_col(const entity *e, int field)
{
    return e->fields[field].type == FT_REF ? entity_col(e, field) + 1 : -1;
}

int entity_retired_col(const entity *e)
{
    return e->retire_column ? entity_col(e, e->nfields) : -1;
}

/* The SQL for a field's value over alias: its column, or what select_sql makes of it. */
static const char *field_sql(req *r, const field *f, const char *alias)
{
    return f->select_sql ? f->select_sql(r, alias) : arena_printf(r->a, "%s.%s", alias, f->name);
}

/* The SELECT list and FROM shared by lists and single rows. listed_only: a page that
 * shows the F_LIST columns only; the other references' labels are left NULL (each is a
 * lookup per row, and on PostgreSQL those lookups were half of a list's time). */
static void select_columns(req *r, const entity *e, buf *sql, bool listed_only)
{
    buf_puts(sql, "SELECT t.id");
    for (int i = 0; i < e->nfields; i++) {
        const field *f = &e->fields[i];
        if (f->select_sql)
            buf_printf(sql, ", %s AS %s", f->select_sql(r, "t"), f->name);
        else
            buf_printf(sql, ", t.%s", f->name);
        if (f->type == FT_REF && listed_only && !(f->flags & F_LIST)) {
            buf_printf(sql, ", NULL AS %s__label", f->name);
        } else if (f->type == FT_REF) {
            const entity *ref = entity_find(f->ref);
            /* the title expression is written over alias t; here the row is x */
            buf title;
            buf_init(&title, 0);
            for (const char *s = ref->title_sql; *s; s++) {
                if (s[0] == 't' && s[1] == '.' && (s == ref->title_sql || !isalnum_ascii(s[-1])))
                    buf_putc(&title, 'x');
                else
                    buf_putc(&title, *s);
            }
            /* a label is a read of the referenced row: only one the reader may see */
            buf_printf(sql, ", (SELECT %s FROM %s x WHERE x.id = %s%s) AS %s__label",
                       buf_str(&title), ref->table, field_sql(r, f, "t"),
                       entity_read_scope(r, ref, "x"), f->name);
            buf_free(&title);
        }
    }
    if (e->retire_column) buf_printf(sql, ", t.%s AS retired__", e->retire_column);
    buf_printf(sql, " FROM %s t WHERE t.tenant_id = $1", e->table);
}

/* An enumeration's value as its place among the options (1, 2, …; 0 for none): a list
 * sorted by risk level or status reads low → very high and planned → done, not in the
 * alphabetical order of codes the user never sees. The keyset cursor carries the place. */
static int enum_rank(const field *f, const char *value)
{
    for (int i = 0; value && f->options[i].value; i++)
        if (!strcmp(f->options[i].value, value)) return i + 1;
    return 0;
}

static const char *enum_rank_expr(const field *f, arena *a)
{
    buf b;
    buf_init(&b, 0); /* 0 = no limit: roles has a dozen options */
    buf_printf(&b, "CAST(CASE t.%s", f->name);
    /* the values are lis's own constants, never input; a quote in one is a bug */
    for (int i = 0; f->options[i].value; i++)
        if (!strchr(f->options[i].value, '\''))
            buf_printf(&b, " WHEN '%s' THEN %d", f->options[i].value, i + 1);
    buf_puts(&b, " ELSE 0 END AS BIGINT)");
    const char *sql = arena_strdup(a, buf_str(&b));
    buf_free(&b);
    return sql;
}

static const char *sort_expr(const entity *e, const field *f, arena *a)
{
    (void)e;
    if (!f) return "t.id";
    if (f->type == FT_ENUM && f->options) return enum_rank_expr(f, a);
    /* a column that is never NULL is compared bare: the (tenant_id, column, id) index then
     * gives the order, and a keyset page is an index range instead of a sort */
    if (f->flags & (F_REQUIRED | F_NOT_NULL)) return arena_printf(a, "t.%s", f->name);
    /* the CASTs give the expression a type: SQLite binds "1234" as an integer, and an
     * untyped text column would then compare as text > any integer */
    if (is_numeric_type(f->type))
        return arena_printf(a, "CAST(COALESCE(t.%s, 0) AS BIGINT)", f->name);
    return arena_printf(a, "CAST(COALESCE(t.%s, '') AS TEXT)", f->name);
}

void list_query_from(req *r, const entity *e, const kvlist *params, list_query *q)
{
    memset(q, 0, sizeof *q);
    q->search = kv_get(params, "q");
    q->sort = kv_get(params, "sort");
    if (q->sort) {
        int fi = entity_field_index(e, q->sort);
        if (fi < 0 || !(e->fields[fi].flags & F_SORT)) q->sort = NULL;
    }
    const char *dir = kv_get(params, "dir");
    q->desc = dir && strcmp(dir, "desc") == 0;
    if (!q->sort && e->default_sort) {
        q->sort = e->default_sort[0] == '-' ? e->default_sort + 1 : e->default_sort;
        if (!dir) q->desc = e->default_sort[0] == '-';
        if (strcmp(q->sort, "id") == 0) q->sort = NULL;
    }
    q->after = kv_get(params, "after");
    int64_t limit = 50;
    const char *l = kv_get(params, "limit");
    if (l && parse_int64(l, &limit) && limit >= 1 && limit <= 500)
        q->limit = (int)limit;
    else
        q->limit = 50;
    const char *ir = kv_get(params, "retired");
    q->include_retired = ir && strcmp(ir, "1") == 0;
    const char *od = kv_get(params, "overdue");
    q->overdue = e->due && od && strcmp(od, "1") == 0;
    const char *quiet = kv_get(params, "quiet");
    q->show_quiet = quiet && strcmp(quiet, "1") == 0;
    q->filters.items = arena_alloc(r->a, sizeof(kv) * (size_t)(params->n + 1));
    for (int i = 0; i < params->n; i++) {
        const char *k = params->items[i].key;
        char base[64];
        snprintf(base, sizeof base, "%s", k);
        size_t n = strlen(base);
        if (n > 5 && (strcmp(base + n - 5, "_from") == 0))
            base[n - 5] = 0;
        else if (n > 7 && strcmp(base + n - 7, "_within") == 0)
            base[n - 7] = 0;
        else if (n > 4 && strcmp(base + n - 4, "_not") == 0)
            base[n - 4] = 0;
        else if (n > 3 && strcmp(base + n - 3, "_to") == 0)
            base[n - 3] = 0;
        /* a picker's box (app.js renames it name__text): what was typed without choosing
         * a row filters by name, unless a row was chosen */
        bool typed = n > 6 && strcmp(base + n - 6, "__text") == 0;
        if (typed) base[n - 6] = 0;
        int fi = entity_field_index(e, base);
        if (fi < 0 || !(e->fields[fi].flags & F_FILTER) || !*params->items[i].value) continue;
        if (!typed) {
            q->filters.items[q->filters.n++] = params->items[i];
        } else if (e->fields[fi].type == FT_REF &&
                   !(kv_get(params, base) && *kv_get(params, base))) {
            q->filters.items[q->filters.n++] =
                (kv){arena_strdup(r->a, base), params->items[i].value};
        }
    }
}

void list_query_quiet(req *r, const entity *e, list_query *q)
{
    if (q->show_quiet) return;
    for (int i = 0; i < e->nfields; i++) {
        const field *f = &e->fields[i];
        if (f->type != FT_ENUM || !(f->flags & F_FILTER) || kv_get(&q->filters, f->name)) continue;
        for (const enum_opt *o = f->options; o && o->value; o++) {
            if (!o->quiet) continue;
            kv *items = arena_alloc(r->a, sizeof(kv) * (size_t)(q->filters.n + 1));
            if (q->filters.n) memcpy(items, q->filters.items, sizeof(kv) * (size_t)q->filters.n);
            items[q->filters.n].key = arena_printf(r->a, "%s_not", f->name);
            items[q->filters.n].value = o->value;
            q->filters.items = items;
            q->filters.n++;
            break; /* one quiet value per field */
        }
    }
}

static const char *like_pattern(arena *a, const char *s)
{
    buf b;
    buf_init(&b, 4096);
    buf_putc(&b, '%');
    for (; *s; s++) {
        if (*s == '%' || *s == '_' || *s == '\\') buf_putc(&b, '\\');
        buf_putc(&b, *s);
    }
    buf_putc(&b, '%');
    char *out = arena_strdup(a, buf_str(&b));
    buf_free(&b);
    return out;
}

/* A descriptor's value that can go into SQL text as it is: letters, digits and '_'. */
static bool plain_word(const char *s)
{
    if (!*s) return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_')) return false;
    return true;
}

static void add_filters(req *r, const entity *e, const list_query *q, sql_builder *b)
{
    for (int i = 0; i < q->filters.n; i++) {
        const char *k = q->filters.items[i].key, *v = q->filters.items[i].value;
        size_t n = strlen(k);
        bool from = n > 5 && strcmp(k + n - 5, "_from") == 0;
        bool to = n > 3 && strcmp(k + n - 3, "_to") == 0;
        bool within = n > 7 && strcmp(k + n - 7, "_within") == 0;
        bool negate = n > 4 && strcmp(k + n - 4, "_not") == 0;
        char base[64];
        snprintf(base, sizeof base, "%.*s",
                 (int)(n - (from     ? 5
                            : to     ? 3
                            : within ? 7
                            : negate ? 4
                                     : 0)),
                 k);
        const field *f = &e->fields[entity_field_index(e, base)];
        const char *col = field_sql(r, f, "t");
        int64_t num;
        if (!from && !to && !within && !negate && !strcmp(v, FILTER_NONE)) {
            /* owner_id=-: the rows where the field is empty ("which systems have no
             * owner?"), for any field a list filters by */
            if (f->type == FT_TEXT || f->type == FT_EMAIL || f->type == FT_LONGTEXT)
                buf_printf(&b->sql, " AND (%s IS NULL OR %s = '')", col, col);
            else
                buf_printf(&b->sql, " AND %s IS NULL", col);
        } else if (within) {
            /* unit_id_within=ID: the unit and every unit below it (paths are "/1/4/") */
            if (f->type != FT_REF || strcmp(f->ref, "units") || !parse_int64(v, &num)) continue;
            buf_printf(&b->sql,
                       " AND %s IN (SELECT u.id FROM unit u WHERE u.tenant_id = $1 AND u.path "
                       "LIKE (SELECT w.path FROM unit w WHERE w.id = %s AND w.tenant_id = $1) || "
                       "'%%')",
                       col, sql_param(b, v));
        } else if (negate) {
            /* status_not=retired: every row but those (one of an enum's values, written
             * as the descriptor's own literal, so that a partial index WHERE col <> that
             * value serves it: the audit log's page without its reads) */
            const enum_opt *o = f->type == FT_ENUM ? f->options : NULL;
            while (o && o->value && strcmp(o->value, v) != 0)
                o++;
            if (!o || !o->value) continue;
            const char *lit = plain_word(o->value) ? arena_printf(r->a, "'%s'", o->value)
                                                   : sql_param(b, o->value);
            if (f->flags & (F_NOT_NULL | F_REQUIRED))
                buf_printf(&b->sql, " AND %s <> %s", col, lit);
            else
                buf_printf(&b->sql, " AND (%s IS NULL OR %s <> %s)", col, col, lit);
        } else if (from || to) {
            if (!date_valid(v)) continue;
            const char *bound = to ? arena_printf(r->a, "%sT23:59:59Z", v) : v;
            buf_printf(&b->sql, " AND %s %s %s", col, from ? ">=" : "<=", sql_param(b, bound));
        } else if (f->flags & F_KIND) {
            buf_printf(&b->sql, " AND %s = %s", col, sql_param(b, v));
        } else if (f->type == FT_TEXT || f->type == FT_EMAIL || f->type == FT_LONGTEXT) {
            buf_printf(&b->sql, " AND LOWER(%s) LIKE LOWER(%s) ESCAPE '\\'", col,
                       sql_param(b, like_pattern(r->a, v)));
        } else if (f->type == FT_REF && ref_id_in(r->a, v)) {
            buf_printf(&b->sql, " AND %s = %s", col, sql_param(b, ref_id_in(r->a, v)));
        } else if (f->type == FT_REF) {
            /* a typed name filters by the referenced rows whose search fields contain it:
             * only rows the reader may read, or the filter would spell out a hidden title */
            const entity *ref = entity_find(f->ref);
            const char *pat = sql_param(b, like_pattern(r->a, v));
            buf_printf(&b->sql, " AND %s IN (SELECT x.id FROM %s x WHERE x.tenant_id = $1%s AND (",
                       col, ref->table, entity_read_scope(r, ref, "x"));
            bool any = false;
            for (int k = 0; k < ref->nfields; k++) {
                if (!(ref->fields[k].flags & F_SEARCH)) continue;
                buf_printf(&b->sql, "%sLOWER(x.%s) LIKE LOWER(%s) ESCAPE '\\'", any ? " OR " : "",
                           ref->fields[k].name, pat);
                any = true;
            }
            buf_puts(&b->sql, any ? "))" : "1 = 0))");
        } else {
            if (is_numeric_type(f->type) && !parse_int64(v, &num)) continue;
            buf_printf(&b->sql, " AND %s = %s", col, sql_param(b, v));
        }
    }
}

/* Only the overdue rows: a due value before now, and no moot status. */
static void add_overdue(req *r, const entity *e, sql_builder *b)
{
    buf_printf(&b->sql, " AND t.%s IS NOT NULL AND t.%s < %s", e->due->field, e->due->field,
               sql_param(b, due_now(r, e)));
    due_sql_open(e, b);
}

/* The WHERE of a list after the tenant ($1): retired rows, the owner's own rows, the
 * need-to-know scope, the filters and the search. */
static void list_where(req *r, const entity *e, const list_query *q, sql_builder *b);
/* The same without the reader's scope (the owner's own rows, need-to-know). */
static void list_rows_where(req *r, const entity *e, const list_query *q, sql_builder *b);

int entity_count_by_tenant(req *r, const entity *e, const list_query *q, const char *tenants_sql,
                           db_res **rows)
{
    sql_builder b;
    sql_builder_init(&b, r->a, 0);
    /* $1 is no tenant, so that a filter naming the caller's tenant matches nothing */
    buf_printf(&b.sql,
               "SELECT t.tenant_id, COUNT(*) FROM %s t WHERE t.tenant_id IN (%s) AND CAST($1 AS "
               "BIGINT) = 0",
               e->table, tenants_sql);
    sql_param(&b, "0");
    if (e->retire_column && !q->include_retired)
        buf_printf(&b.sql, " AND t.%s IS NULL", e->retire_column);
    list_rows_where(r, e, q, &b);
    buf_puts(&b.sql, " GROUP BY t.tenant_id");
    int rc = sql_builder_query(r->db, &b, rows);
    sql_builder_free(&b);
    return rc;
}

int entity_count(req *r, const entity *e, const list_query *q, int64_t *count)
{
    sql_builder b;
    sql_builder_init(&b, r->a, 0);
    buf_printf(&b.sql, "SELECT COUNT(*) FROM %s t WHERE t.tenant_id = $1", e->table);
    sql_param(&b, tenant_param(r));
    list_where(r, e, q, &b);
    db_res *res = NULL;
    int rc = sql_builder_query(r->db, &b, &res);
    sql_builder_free(&b);
    if (rc != DB_OK) return rc;
    return res->nrows == 1 && parse_int64(db_cell(res, 0, 0), count) ? DB_OK : DB_ERROR;
}

/* A page of a list in an index's order, unfiltered but for the quiet rows (written as
 * literals, list_rows_where), has one best plan: it is planned once per connection. A
 * search's or a filter's (a LIKE pattern, a skewed value, a date range, overdue) hangs on
 * the values, so it is planned at each run. */
static bool plan_hangs_on_nothing(const list_query *q)
{
    if ((q->search && *q->search) || q->overdue) return false;
    for (int i = 0; i < q->filters.n; i++) {
        size_t n = strlen(q->filters.items[i].key);
        if (n < 4 || strcmp(q->filters.items[i].key + n - 4, "_not") != 0) return false;
    }
    return true;
}

void entity_list_statement(req *r, const entity *e, const list_query *q, sql_builder *b)
{
    select_columns(r, e, &b->sql, q->listed_only);
    sql_param(b, tenant_param(r));
    list_where(r, e, q, b);
    const field *sf = q->sort ? &e->fields[entity_field_index(e, q->sort)] : NULL;
    const char *se = sort_expr(e, sf, r->a);
    const char *cmp = q->desc ? "<" : ">";
    if (q->after && *q->after) {
        const char *dot = strchr(q->after, '.');
        int64_t after_id;
        char *id_text = dot ? arena_strndup(r->a, q->after, (size_t)(dot - q->after)) : NULL;
        if (id_text && parse_int64(id_text, &after_id)) {
            if (sf) {
                /* a row-value comparison: both engines turn it into an index range, where
                 * "a > x OR (a = x AND id > y)" is only a filter on PostgreSQL */
                const char *v = sql_param(b, dot + 1);
                buf_printf(&b->sql, " AND (%s, t.id) %s (%s, %s)", se, cmp, v,
                           sql_param(b, id_text));
            } else {
                buf_printf(&b->sql, " AND t.id %s %s", cmp, sql_param(b, id_text));
            }
        }
    }
    /* tenant_id leads the ORDER BY (it is fixed by the WHERE, so the order is the same):
     * the planner then walks the (tenant_id, column, id) index instead of the primary
     * key, which on PostgreSQL skipped through every other tenant's rows */
    const char *dir = q->desc ? "DESC" : "ASC";
    if (q->order_sql)
        buf_printf(&b->sql, " ORDER BY %s, t.id", q->order_sql);
    else if (sf)
        buf_printf(&b->sql, " ORDER BY t.tenant_id %s, %s %s, t.id %s", dir, se, dir, dir);
    else
        buf_printf(&b->sql, " ORDER BY t.tenant_id %s, t.id %s", dir, dir);
    buf_printf(&b->sql, " LIMIT %d", q->limit + 1);
    b->plan_once = plan_hangs_on_nothing(q);
}

int entity_list(req *r, const entity *e, const list_query *q, db_res **rows, const char **next)
{
    sql_builder b;
    sql_builder_init(&b, r->a, 64 * 1024);
    entity_list_statement(r, e, q, &b);
    const field *sf = q->sort ? &e->fields[entity_field_index(e, q->sort)] : NULL;
    int rc = sql_builder_query(r->db, &b, rows);
    sql_builder_free(&b);
    if (rc != DB_OK) return rc;
    *next = NULL;
    if ((*rows)->nrows > q->limit) {
        (*rows)->nrows = q->limit;
        int last = q->limit - 1;
        const char *id = db_cell(*rows, last, 0);
        const char *v =
            sf ? db_cell(*rows, last, entity_col(e, entity_field_index(e, sf->name))) : "";
        if (sf && sf->type == FT_ENUM && sf->options)
            v = int_text(r->a, enum_rank(sf, v));
        else if (sf && !v)
            v = is_numeric_type(sf->type) ? "0" : "";
        *next = arena_printf(r->a, "%s.%s", id, v);
    }
    return DB_OK;
}

static void list_where(req *r, const entity *e, const list_query *q, sql_builder *b)
{
    if (e->retire_column && !q->include_retired)
        buf_printf(&b->sql, " AND t.%s IS NULL", e->retire_column);
    /* the kind's read right, owner_field and need-to-know */
    buf_puts(&b->sql, entity_read_scope(r, e, "t"));
    list_rows_where(r, e, q, b);
}

static void list_rows_where(req *r, const entity *e, const list_query *q, sql_builder *b)
{
    add_filters(r, e, q, b);
    if (q->overdue && e->due) add_overdue(r, e, b);
    if (q->search && *q->search) {
        const char *pat = NULL;
        bool any = false;
        for (int i = 0; i < e->nfields; i++) {
            if (!(e->fields[i].flags & F_SEARCH)) continue;
            if (!pat) pat = sql_param(b, like_pattern(r->a, q->search));
            /* a value withheld from this reader is searched as they see it */
            const field *f = &e->fields[i];
            const char *col =
                f->select_sql ? f->select_sql(r, "t") : arena_printf(r->a, "t.%s", f->name);
            buf_printf(&b->sql, "%s LOWER(%s) LIKE LOWER(%s) ESCAPE '\\'", any ? " OR" : " AND (",
                       col, pat);
            any = true;
        }
        if (any) buf_puts(&b->sql, ")");
    }
}

int entity_get(req *r, const entity *e, int64_t id, db_res **row)
{
    buf sql;
    buf_init(&sql, 0);
    select_columns(r, e, &sql, false);
    buf_puts(&sql, " AND t.id = $2");
    buf_puts(&sql, entity_read_scope(r, e, "t"));
    const char *p[] = {tenant_param(r), int_text(r->a, id)};
    int rc = db_query(r->db, r->a, buf_str(&sql), 2, p, row);
    buf_free(&sql);
    return rc;
}

record *record_new(req *r, const entity *e)
{
    record *rec = arena_alloc(r->a, sizeof *rec);
    rec->values = arena_alloc(r->a, sizeof(char *) * (size_t)e->nfields);
    rec->present = arena_alloc(r->a, sizeof(bool) * (size_t)e->nfields);
    return rec;
}

record *record_from_row(req *r, const entity *e, const db_res *res, int row)
{
    record *rec = record_new(r, e);
    rec->id = db_cell_int(res, row, 0);
    for (int i = 0; i < e->nfields; i++) {
        rec->values[i] = db_cell(res, row, entity_col(e, i));
        rec->present[i] = true;
    }
    return rec;
}

/* Whether two texts are the same once lower-cased (Swedish letters folded). */
static bool same_folded(arena *a, const char *x, const char *y)
{
    size_t nx = strlen(x), ny = y ? strlen(y) : 0;
    if (!y || nx != ny) return false;
    char *fx = arena_alloc(a, nx + 1), *fy = arena_alloc(a, ny + 1);
    if (!fx || !fy) return false;
    utf8_fold_lower(x, nx, fx);
    utf8_fold_lower(y, ny, fy);
    return strcmp(fx, fy) == 0;
}

/* A reference as a form sends it: the chosen id (the picker's hidden field, a radio of the
 * search step), else the text typed into name__text (the field the picker shows or the
 * search step's "search again"). Typed text the picker matches to exactly one row the
 * caller may read is taken, or to exactly one whose title is that text ("Anna Berg" among
 * Anna Bergström); anything else stays as typed, and validation then asks the user to
 * choose (render_form shows the matches). */
static const char *ref_from_form(req *r, const field *f, const char *v)
{
    if (!v || !*v) v = kv_get(&r->form, arena_printf(r->a, "%s__text", f->name));
    if (!v) return NULL;
    char *typed = str_trim(arena_strdup(r->a, v));
    if (!*typed || ref_id_in(r->a, typed)) return typed;
    db_res *rows = NULL;
    if (entity_pick(r, entity_find(f->ref), typed, &rows) != DB_OK) return typed;
    if (rows->nrows == 1) return db_cell(rows, 0, 0);
    const char *exact = NULL;
    int nexact = 0;
    for (int i = 0; i < rows->nrows; i++)
        if (same_folded(r->a, typed, db_cell(rows, i, 1))) exact = db_cell(rows, i, 0), nexact++;
    return nexact == 1 ? exact : typed;
}

void record_from_form(req *r, const entity *e, record *rec, bool creating)
{
    for (int i = 0; i < e->nfields; i++) {
        const field *f = &e->fields[i];
        if (!(f->flags & F_FORM) || (!creating && (f->flags & F_CREATE_ONLY))) continue;
        if (!field_settable(r, e, f)) continue; /* not in this caller's form */
        const char *v = kv_get(&r->form, f->name);
        if (f->type == FT_BOOL) v = v ? "1" : "0";
        if (f->type == FT_REF) v = ref_from_form(r, f, v);
        rec->values[i] = v ? str_trim(arena_strdup(r->a, v)) : NULL;
        if (rec->values[i] && !*rec->values[i]) rec->values[i] = NULL;
        rec->present[i] = true;
    }
}

bool record_from_json(req *r, const entity *e, record *rec, bool creating, errors *errs)
{
    json_error_t jerr;
    json_t *root = json_loadb(r->body ? r->body : "", r->body_len, JSON_REJECT_DUPLICATES, &jerr);
    if (!root || !json_is_object(root)) {
        errors_add(errs, -1, TR_err_json,
                   root ? "expected a JSON object" : arena_strdup(r->a, jerr.text));
        json_decref(root);
        return false;
    }
    const char *key;
    json_t *value;
    json_object_foreach(root, key, value)
    {
        int i = entity_field_index(e, key);
        const field *f = i >= 0 ? &e->fields[i] : NULL;
        if (!f || !(f->flags & F_FORM)) {
            errors_add(errs, -1, TR_err_unknown_field, arena_strdup(r->a, key));
            continue;
        }
        if (!creating && (f->flags & F_CREATE_ONLY)) {
            errors_add(errs, i, TR_err_fixed, NULL);
            continue;
        }
        if (!field_settable(r, e, f)) {
            errors_add(errs, i, TR_err_forbidden, NULL);
            continue;
        }
        rec->present[i] = true;
        if (json_is_null(value)) {
            rec->values[i] = NULL;
        } else if (f->type == FT_BOOL) {
            if (!json_is_boolean(value))
                errors_add(errs, i, TR_err_type, "expected true or false");
            else
                rec->values[i] = json_is_true(value) ? "1" : "0";
        } else if (is_numeric_type(f->type)) {
            if (!json_is_integer(value))
                errors_add(errs, i, TR_err_type, "expected an integer");
            else
                rec->values[i] = int_text(r->a, json_integer_value(value));
        } else if (!json_is_string(value)) {
            errors_add(errs, i, TR_err_type, "expected a string");
        } else {
            const char *s = json_string_value(value);
            if (strlen(s) != json_string_length(value)) {
                errors_add(errs, i, TR_err_utf8, NULL);
                continue;
            }
            rec->values[i] = str_trim(arena_strdup(r->a, s));
            if (!*rec->values[i]) rec->values[i] = NULL;
        }
    }
    json_decref(root);
    return errs->n == 0;
}

static bool email_valid(const char *s)
{
    const char *at = strchr(s, '@');
    if (!at || at == s || strchr(at + 1, '@') || !strchr(at + 1, '.')) return false;
    for (; *s; s++)
        if ((unsigned char)*s <= ' ' || *s == '<' || *s == '>' || *s == ',' || *s == ';')
            return false;
    return at[1] != '.' && s[-1] != '.';
}

const char *unit_path_of(req *r, const char *unit_id)
{
    if (!unit_id) return NULL;
    const char *p[] = {unit_id, tenant_param(r)};
    return db_scalar(r->db, r->a, "SELECT path FROM unit WHERE id = $1 AND tenant_id = $2", 2, p);
}

bool entity_may_read(req *r, const entity *e)
{
    /* entities with an owner are listed to every member, restricted to their own rows */
    return perm_allows(r->auth, e->read_action, NULL) ||
           (e->owner_field && r->auth && r->auth->person_id);
}

/* a stored unit path, "/1/4/": only digits and slashes, so it can be written into SQL */
static bool plain_path(const char *p)
{
    if (!p || p[0] != '/') return false;
    for (; *p; p++)
        if (*p != '/' && (*p < '0' || *p > '9')) return false;
    return true;
}

/* A tenant's root unit's path ("/1/"): a tenant has exactly one root (org/rules.c), so
 * every unit of the tenant lies under it. */
static bool root_path(const char *p)
{
    size_t n = strlen(p);
    return n >= 3 && p[n - 1] == '/' && !memchr(p + 1, '/', n - 2);
}

/* The kind a need-to-know row is scoped through (scope_via's reference), or e itself. */
static const entity *scope_home(const entity *e)
{
    int via = e->scope_via ? entity_field_index(e, e->scope_via) : -1;
    return via >= 0 && e->fields[via].type == FT_REF ? entity_find(e->fields[via].ref) : e;
}

/* The need-to-know condition over one row under alias, "(…)": its unit (home->unit_field)
 * within a subtree where the caller holds e's write action, or one of the people columns
 * naming the caller; "(1 = 0)" when nothing can. */
static void need_condition(req *r, const entity *e, const char *alias, buf *b)
{
    const entity *home = scope_home(e);
    enum { MAX_PATHS = 64 };
    const char *paths[MAX_PATHS];
    int n = home->unit_field ? perm_paths(r->auth, e->write_action, paths, MAX_PATHS) : 0;
    buf_putc(b, '(');
    bool any = false;
    for (int i = 0; i < n; i++) {
        if (!plain_path(paths[i])) continue;
        if (root_path(paths[i])) {
            /* the whole tenant: any row with a unit (the list of all units was a semi-join
             * that kept PostgreSQL from walking an index in order: 18 ms on a start page) */
            buf_printf(b, "%s%s.%s IS NOT NULL", any ? " OR " : "", alias, home->unit_field);
            any = true;
            continue;
        }
        /* the caller's tenant as a number, not the row's column: a subquery that does not
         * refer to the outer row is evaluated once, where a correlated one scanned the
         * tenant's units again for every row (0.8 s for the start page at scale 100) */
        buf_printf(b,
                   "%s%s.%s IN (SELECT nk.id FROM unit nk WHERE nk.tenant_id = %lld AND "
                   "nk.path LIKE '%s%%')",
                   any ? " OR " : "", alias, home->unit_field, (long long)r->auth->tenant_id,
                   paths[i]);
        any = true;
    }
    /* through a parent, only the readers are its columns; on the row itself, also the
     * people who may edit or own it */
    const char *people[5];
    int np = 0;
    if (home == e) {
        people[np++] = e->editor_field;
        people[np++] = e->owner_field;
    }
    for (int k = 0; k < 3; k++)
        people[np++] = e->readers[k];
    for (int k = 0; k < np; k++) {
        if (!people[k] || !r->auth || !r->auth->person_id) continue;
        buf_printf(b, "%s%s.%s = %lld", any ? " OR " : "", alias, people[k],
                   (long long)r->auth->person_id);
        any = true;
    }
    buf_puts(b, any ? ")" : "1 = 0)");
}

static bool sees_every_row(req *r, const entity *e)
{
    return !e->need_to_know || perm_allows(r->auth, e->read_all, NULL);
}

/* Drafts (draft_field): " AND (the row is no draft OR the caller reads it as need-to-know)",
 * or "" when the kind has none or the caller writes it tenant-wide. The values are the
 * descriptor's fixed identifiers, written in as the scope holds no parameters. */
static void draft_condition(req *r, const entity *e, const char *alias, buf *b)
{
    if (!e->draft_field || perm_allows(r->auth, e->write_action, NULL)) return;
    buf_printf(b, " AND (%s.%s NOT IN (", alias, e->draft_field);
    for (const char *const *v = e->draft_values; v && *v; v++)
        buf_printf(b, "%s'%s'", v == e->draft_values ? "" : ", ", *v);
    buf_puts(b, ") OR ");
    need_condition(r, e, alias, b);
    buf_putc(b, ')');
}

const char *entity_read_scope(req *r, const entity *e, const char *alias)
{
    if (!entity_may_read(r, e)) return " AND (1 = 0)";
    bool own_only = e->owner_field && !perm_allows(r->auth, e->write_action, NULL);
    bool drafts_hidden = e->draft_field && !perm_allows(r->auth, e->write_action, NULL);
    if (!own_only && !drafts_hidden && sees_every_row(r, e)) return "";
    buf b;
    buf_init(&b, 0);
    draft_condition(r, e, alias, &b);
    if (own_only)
        buf_printf(&b, " AND %s.%s = %lld", alias, e->owner_field, (long long)r->auth->person_id);
    if (!sees_every_row(r, e)) {
        const entity *home = scope_home(e);
        buf_puts(&b, " AND ");
        if (home != e) {
            buf_printf(&b,
                       "(%s.%s IN (SELECT np.id FROM %s np WHERE np.tenant_id = %s.tenant_id AND ",
                       alias, e->scope_via, home->table, alias);
            need_condition(r, e, "np", &b);
            buf_puts(&b, "))");
        } else {
            need_condition(r, e, alias, &b);
        }
    }
    const char *out = arena_strdup(r->a, buf_str(&b));
    buf_free(&b);
    return out;
}

const char *entity_parent_read_scope(req *r, const entity *e, const char *alias)
{
    if (!e->scope_via) return "";
    if (!entity_may_read(r, e)) return " AND (1 = 0)";
    if (sees_every_row(r, e)) return "";
    buf b;
    buf_init(&b, 0);
    buf_puts(&b, " AND ");
    need_condition(r, e, alias, &b);
    const char *out = arena_strdup(r->a, buf_str(&b));
    buf_free(&b);
    return out;
}

const char *entity_mine_scope(req *r, const entity *e, const char *alias)
{
    buf b;
    buf_init(&b, 0);
    buf_puts(&b, " AND ");
    need_condition(r, e, alias, &b);
    const char *out = arena_strdup(r->a, buf_str(&b));
    buf_free(&b);
    return out;
}

/* Does the caller read every row of e? Their read scope holds the read right, the owner
 * rule and need-to-know, and is empty exactly then. */
static bool reads_whole_kind(req *r, const entity *e)
{
    return *entity_read_scope(r, e, "x") == 0;
}

const char *entity_row_readable_sql(req *r, const char *alias, const char *kind_col,
                                    const char *id_col)
{
    buf b;
    buf_init(&b, 0);
    bool any = false;
    for (const entity *const *k = entity_all(); *k; k++) {
        const entity *e = *k;
        if (reads_whole_kind(r, e)) continue;
        if (!any) buf_printf(&b, "(CASE %s.%s", alias, kind_col);
        any = true;
        buf_printf(&b, " WHEN '%s' THEN ", e->name); /* names are fixed identifiers */
        if (!entity_may_read(r, e)) {
            buf_puts(&b, "1 = 0");
            continue;
        }
        buf_printf(&b,
                   "EXISTS (SELECT 1 FROM %s x WHERE x.tenant_id = %s.tenant_id AND x.id = "
                   "CAST(%s.%s AS BIGINT)",
                   e->table, alias, alias, id_col);
        /* the kind's read scope holds its owner rule and need-to-know */
        buf_printf(&b, "%s)", entity_read_scope(r, e, "x"));
    }
    if (any) buf_puts(&b, " ELSE 1 = 1 END)");
    const char *out = arena_strdup(r->a, any ? buf_str(&b) : "1 = 1");
    buf_free(&b);
    return out;
}

bool entity_parent_readable(req *r, const entity *e, int64_t parent_id)
{
    const entity *home = scope_home(e);
    if (home == e) return entity_may_read(r, e);
    const char *sql =
        arena_printf(r->a, "SELECT 1 FROM %s t WHERE t.id = $1 AND t.tenant_id = $2%s", home->table,
                     entity_parent_read_scope(r, e, "t"));
    const char *p[] = {int_text(r->a, parent_id), tenant_param(r)};
    return db_scalar(r->db, r->a, sql, 2, p) != NULL;
}

bool field_settable(req *r, const entity *e, const field *f)
{
    return !(f->flags & F_WRITERS) || perm_allows(r->auth, e->write_action, NULL);
}

/* The write right that comes from a role (in the record's unit), not from being named
 * on the record: what deleting and moving a record between units take. */
static bool may_write_by_role(req *r, const entity *e, const record *rec)
{
    if (!e->unit_field) return perm_allows(r->auth, e->write_action, NULL);
    int ui = entity_field_index(e, e->unit_field);
    const char *unit = ui >= 0 ? rec->values[ui] : NULL;
    if (!unit) return perm_allows(r->auth, e->write_action, NULL);
    const char *path = unit_path_of(r, unit);
    return path && perm_allows(r->auth, e->write_action, path);
}

bool entity_may_write(req *r, const entity *e, const record *rec)
{
    if (e->owner_field) {
        int oi = entity_field_index(e, e->owner_field);
        if (oi >= 0 && rec->values[oi] && atoll(rec->values[oi]) == r->auth->person_id) return true;
    }
    if (e->editor_field && rec->id) {
        int ei = entity_field_index(e, e->editor_field);
        if (ei >= 0 && rec->values[ei] && atoll(rec->values[ei]) == r->auth->person_id) return true;
    }
    return may_write_by_role(r, e, rec);
}

/* Does the caller hold f's set_by action in the record's unit (the tenant's, for a kind
 * without units)? */
static bool holds_set_by(req *r, const entity *e, const field *f, const record *rec)
{
    int ui = e->unit_field ? entity_field_index(e, e->unit_field) : -1;
    const char *unit = ui >= 0 ? rec->values[ui] : NULL;
    if (!unit) return perm_allows(r->auth, f->set_by, NULL);
    const char *path = unit_path_of(r, unit);
    return path && perm_allows(r->auth, f->set_by, path);
}

/* A set_by field given a value on create, or changed on update, needs its action in the
 * record's unit — in the unit it leaves too, when it moves. One rule for the form, the
 * API and the import, which all write through here. */
static void check_set_by(req *r, const entity *e, const record *old, const record *rec,
                         errors *errs)
{
    for (int i = 0; i < e->nfields; i++) {
        const field *f = &e->fields[i];
        if (!f->set_by) continue;
        bool changed = old ? !str_same(old->values[i], rec->values[i]) : rec->values[i] != NULL;
        if (changed && (!holds_set_by(r, e, f, rec) || (old && !holds_set_by(r, e, f, old))))
            errors_add(errs, i, TR_err_set_by, NULL);
    }
}

bool entity_may_edit(req *r, const entity *e, const record *rec)
{
    if (entity_may_write(r, e, rec)) return true;
    for (int i = 0; i < e->nfields; i++)
        if (e->fields[i].set_by && holds_set_by(r, e, &e->fields[i], rec)) return true;
    return false;
}

/* An update by someone who may not write the record: allowed when what changes is only
 * set_by fields they hold (a förvaltningschef appointing an owner); check_set_by has
 * checked those. Nothing changed: allowed to whoever may edit (nothing is written). */
static bool may_update(req *r, const entity *e, const record *old, const record *rec)
{
    if (entity_may_write(r, e, old) && entity_may_write(r, e, rec)) return true;
    bool any = false;
    for (int i = 0; i < e->nfields; i++) {
        if (str_same(old->values[i], rec->values[i])) continue;
        if (!e->fields[i].set_by) return false;
        any = true;
    }
    return any || entity_may_edit(r, e, old);
}

/* A record moved to another unit: the mover needs the write right in the unit it goes
 * to, whatever lets them edit the record (an action's responsible person may edit it,
 * not place it in any unit of the tenant). */
static void check_unit_move(req *r, const entity *e, const record *old, const record *rec,
                            errors *errs)
{
    int ui = e->unit_field ? entity_field_index(e, e->unit_field) : -1;
    if (ui < 0 || str_same(old->values[ui], rec->values[ui]) || !rec->values[ui]) return;
    const char *path = unit_path_of(r, rec->values[ui]);
    if (!path || !perm_allows(r->auth, e->write_action, path))
        errors_add(errs, ui, TR_err_unit_move, NULL);
}

static const char *retired_clause(arena *a, const entity *e, const char *alias)
{
    return e->retire_column ? arena_printf(a, " AND %s.%s IS NULL", alias, e->retire_column) : "";
}

const char *ref_resolve(req *r, const entity *ref, const char *typed, bool *ambiguous)
{
    *ambiguous = false;
    if (!typed || !*typed || strlen(typed) > 300) return NULL;
    const char *id_given = ref_id_in(r->a, typed);
    if (id_given) return id_given;
    if (strstr(typed, "(#")) return NULL;
    buf sql;
    buf_init(&sql, 0);
    buf_printf(&sql, "SELECT x.id FROM %s x WHERE x.tenant_id = $1%s%s AND (", ref->table,
               retired_clause(r->a, ref, "x"), entity_read_scope(r, ref, "x"));
    bool any = false;
    for (int i = 0; i < ref->nfields; i++) {
        if (!(ref->fields[i].flags & F_SEARCH)) continue;
        buf_printf(&sql, "%sLOWER(x.%s) = LOWER($2)", any ? " OR " : "", ref->fields[i].name);
        any = true;
    }
    buf_puts(&sql, ") LIMIT 2");
    const char *p[] = {tenant_param(r), typed};
    db_res *res = NULL;
    const char *id = NULL;
    if (any && db_query(r->db, r->a, buf_str(&sql), 2, p, &res) == DB_OK) {
        if (res->nrows == 1) id = db_cell(res, 0, 0);
        *ambiguous = res->nrows > 1;
    }
    buf_free(&sql);
    return id;
}

const char *ref_name(req *r, const entity *ref, const char *id)
{
    int64_t num;
    if (!id || !parse_int64(id, &num)) return NULL;
    const char *sql =
        arena_printf(r->a, "SELECT %s FROM %s t WHERE t.id = $1 AND t.tenant_id = $2%s",
                     ref->title_sql, ref->table, entity_read_scope(r, ref, "t"));
    const char *p[] = {id, tenant_param(r)};
    return db_scalar(r->db, r->a, sql, 2, p);
}

const char *ref_title(req *r, const entity *ref, const char *id)
{
    const char *title = ref_name(r, ref, id);
    /* the id goes along, so saving the form again never becomes ambiguous */
    return title ? arena_printf(r->a, "%s (#%s)", title, id) : id;
}

/* Generic checks of one value against its field description. */
static void validate_fields(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    bool creating = !old;
    for (int i = 0; i < e->nfields; i++) {
        const field *f = &e->fields[i];
        if (!(f->flags & F_FORM)) continue;
        if (!creating && !rec->present[i]) continue;
        const char *v = rec->values[i];
        if (!v) {
            if (f->flags & F_REQUIRED) errors_add(errs, i, TR_err_required, NULL);
            continue;
        }
        if (!utf8_valid(v, strlen(v)) || (f->type != FT_LONGTEXT && strpbrk(v, "\r\n"))) {
            errors_add(errs, i, TR_err_utf8, NULL);
            continue;
        }
        int64_t num;
        switch (f->type) {
        case FT_TEXT:
        case FT_LONGTEXT:
            if (f->max_len && utf8_length(v) > (size_t)f->max_len)
                errors_add(errs, i, TR_err_too_long, arena_printf(r->a, "%d", f->max_len));
            break;
        case FT_EMAIL:
            if (strlen(v) > 254 || !email_valid(v)) errors_add(errs, i, TR_err_email, NULL);
            break;
        case FT_INT:
            if (!parse_int64(v, &num) || num < f->min || num > f->max)
                errors_add(errs, i, TR_err_number,
                           arena_printf(r->a, "%lld–%lld", (long long)f->min, (long long)f->max));
            break;
        case FT_BOOL:
            if (strcmp(v, "0") != 0 && strcmp(v, "1") != 0) errors_add(errs, i, TR_err_type, NULL);
            break;
        case FT_DATE:
            if (!date_valid(v)) errors_add(errs, i, TR_err_date, NULL);
            break;
        case FT_DATETIME: {
            /* a person types Stockholm time; it is stored as UTC */
            time_t t;
            char iso[21];
            time_input got = time_read_input(v, &t);
            if (got == TIME_INPUT_SKIPPED) {
                errors_add(errs, i, TR_err_datetime_skipped, NULL);
                break;
            }
            if (got == TIME_INPUT_MALFORMED) {
                errors_add(errs, i, TR_err_datetime, NULL);
                break;
            }
            time_iso_from(t, iso);
            rec->values[i] = arena_strdup(r->a, iso);
            break;
        }
        case FT_ENUM: {
            bool ok = false;
            for (const enum_opt *o = f->options; o && o->value; o++)
                ok |= strcmp(o->value, v) == 0;
            if (!ok) errors_add(errs, i, TR_err_choice, NULL);
            break;
        }
        case FT_REF: {
            const entity *ref = entity_find(f->ref);
            if (!parse_int64(v, &num)) {
                bool ambiguous = false;
                const char *id = ref_resolve(r, ref, v, &ambiguous);
                if (!id) {
                    /* several rows start with what was typed: the form offers them */
                    db_res *picked = NULL;
                    if (!ambiguous && entity_pick(r, ref, v, &picked) == DB_OK)
                        ambiguous = picked->nrows > 0;
                    errors_add(errs, i, ambiguous ? TR_err_ref_ambiguous : TR_err_ref_none, NULL);
                    break;
                }
                rec->values[i] = v = id;
            }
            /* pointing at a row is reading its title: one the writer may not read is
             * answered as one that does not exist (a reference kept unchanged stays) */
            bool kept = old && old->values[i] && !strcmp(old->values[i], v);
            const char *sql = arena_printf(
                r->a, "SELECT 1 FROM %s t WHERE t.id = $1 AND t.tenant_id = $2%s%s%s%s", ref->table,
                ref->retire_column ? " AND t." : "", ref->retire_column ? ref->retire_column : "",
                ref->retire_column ? " IS NULL" : "", kept ? "" : entity_read_scope(r, ref, "t"));
            const char *p[] = {v, tenant_param(r)};
            if (!db_scalar(r->db, r->a, sql, 2, p)) errors_add(errs, i, TR_err_ref, NULL);
            break;
        }
        }
    }
}

/* The audit diff: {"field": [old, new], …} for fields that changed. */
static const char *audit_diff(req *r, const entity *e, const record *old, const record *rec)
{
    buf b;
    buf_init(&b, 256 * 1024);
    buf_putc(&b, '{');
    bool any = false;
    for (int i = 0; i < e->nfields; i++) {
        const char *o = old ? old->values[i] : NULL;
        const char *n = rec ? rec->values[i] : NULL;
        if (rec && !rec->present[i] && old) continue;
        if ((!o && !n) || (o && n && strcmp(o, n) == 0)) continue;
        if (any) buf_putc(&b, ',');
        esc_json_string(&b, e->fields[i].name);
        buf_puts(&b, ":[");
        if (o)
            esc_json_string(&b, o);
        else
            buf_puts(&b, "null");
        buf_putc(&b, ',');
        if (n)
            esc_json_string(&b, n);
        else
            buf_puts(&b, "null");
        buf_putc(&b, ']');
        any = true;
    }
    buf_putc(&b, '}');
    char *out = any ? arena_strdup(r->a, buf_str(&b)) : NULL;
    buf_free(&b);
    return out;
}

static const char *record_title(req *r, const entity *e, int64_t id)
{
    const char *sql =
        arena_printf(r->a, "SELECT %s FROM %s t WHERE t.id = $1", e->title_sql, e->table);
    const char *p[] = {int_text(r->a, id)};
    return db_scalar(r->db, r->a, sql, 1, p);
}

const char *entity_diff_triples(req *r, const char *const *pairs, int n)
{
    buf b;
    buf_init(&b, 0);
    buf_putc(&b, '{');
    for (int i = 0; i < n; i++) {
        if (i) buf_putc(&b, ',');
        esc_json_string(&b, pairs[3 * i]);
        buf_putc(&b, ':');
        buf_putc(&b, '[');
        for (int k = 1; k <= 2; k++) {
            if (k == 2) buf_putc(&b, ',');
            if (pairs[3 * i + k])
                esc_json_string(&b, pairs[3 * i + k]);
            else
                buf_puts(&b, "null");
        }
        buf_putc(&b, ']');
    }
    buf_putc(&b, '}');
    char *s = arena_strdup(r->a, buf_str(&b));
    buf_free(&b);
    return s;
}

int entity_audit(req *r, const char *action, const entity *e, int64_t id, const char *summary,
                 const char *diff)
{
    audit_actor who = {r->auth->account_id, r->auth->email, r->ip};
    return audit_write(r->db, r->a, &who, r->auth->tenant_id, action, e ? e->name : NULL,
                       id ? int_text(r->a, id) : NULL, summary, diff);
}

bool entity_reads_audited(const entity *e)
{
    return e && (e->audit_reads || e->need_to_know);
}

/* Was this read (kind and ids) already recorded in this request? Remembers it if not. */
static bool read_logged_before(req *r, const entity *e, const char *ids)
{
    const char *key = arena_printf(r->a, "%s %s", e->name, ids);
    for (int i = 0; i < r->nreads_logged; i++)
        if (strcmp(r->reads_logged[i], key) == 0) return true;
    if (r->nreads_logged < (int)(sizeof r->reads_logged / sizeof r->reads_logged[0]))
        r->reads_logged[r->nreads_logged++] = key;
    return false;
}

/* Reads held for one transaction (entity_reads_hold), in the request's arena. */
typedef struct held_read {
    const entity *e;
    int64_t id;
    const char *summary;
    struct held_read *next;
} held_read;
typedef struct held_reads {
    held_read *first, **last;
} held_reads;
static const char held_reads_key = 0; /* the req_memo key of the request's held reads */

void entity_reads_hold(req *r)
{
    held_reads *h = arena_alloc(r->a, sizeof *h);
    if (!h) return; /* each read is written at once */
    h->first = NULL;
    h->last = &h->first;
    if (!req_memo_put(r, &held_reads_key, h)) return; /* no slot: each read is written at once */
}

/* Records reads in their own transaction, committed with the last statement: on
 * PostgreSQL BEGIN and the head's read go together, then the rows, the head and COMMIT. */
static bool write_reads(req *r, const audit_entry *x, int n)
{
    audit_actor who = {r->auth->account_id, r->auth->email, r->ip};
    if (db_begin(r->db) != DB_OK) return false;
    if (audit_write_entries(r->db, r->a, &who, r->auth->tenant_id, x, n, true) == DB_OK)
        return true;
    db_rollback(r->db);
    return false;
}

static audit_entry read_entry(req *r, const entity *e, int64_t id, const char *summary)
{
    return (audit_entry){"read", e ? e->name : NULL, id ? int_text(r->a, id) : NULL, summary, NULL};
}

bool entity_reads_write(req *r)
{
    held_reads *h = req_memo_get(r, &held_reads_key);
    if (!h) return true;
    (void)req_memo_put(r, &held_reads_key, NULL);
    int n = 0;
    for (const held_read *x = h->first; x; x = x->next)
        n++;
    if (!n) return true;
    audit_entry *all = arena_alloc(r->a, sizeof *all * (size_t)n);
    if (!all) return false;
    n = 0;
    for (const held_read *x = h->first; x; x = x->next)
        all[n++] = read_entry(r, x->e, x->id, x->summary);
    return write_reads(r, all, n);
}

/* A read of need-to-know records goes into the audit log, in its own transaction (or with
 * the page's other reads, entity_reads_hold); a failure to record it refuses the read. One id:
 * entity_id names it; several: the summary names them ("list: 4, 9, 12"). */
static bool audit_read(req *r, const entity *e, int64_t id, const char *ids, const char *what)
{
    if (!entity_reads_audited(e) || !r->auth) return true;
    if (read_logged_before(r, e, id ? int_text(r->a, id) : ids)) return true;
    if (r->read_context) what = r->read_context;
    const char *summary = id ? what : arena_printf(r->a, "%s: %s", what, ids);
    held_reads *h = req_memo_get(r, &held_reads_key);
    if (h) {
        held_read *x = arena_alloc(r->a, sizeof *x);
        if (!x) return false;
        *x = (held_read){e, id, summary, NULL};
        *h->last = x;
        h->last = &x->next;
        r->reads_audited++;
        return true;
    }
    audit_entry one = read_entry(r, e, id, summary);
    if (!write_reads(r, &one, 1)) return false;
    r->reads_audited++;
    return true;
}

bool entity_audit_read(req *r, const entity *e, int64_t id, const char *what)
{
    return audit_read(r, e, id, NULL, what);
}

bool entity_audit_read_rows(req *r, const entity *e, const db_res *rows, int id_col,
                            const char *what)
{
    if (!entity_reads_audited(e) || !rows || rows->nrows == 0) return true;
    if (rows->nrows == 1) return audit_read(r, e, db_cell_int(rows, 0, id_col), NULL, what);
    buf ids;
    buf_init(&ids, 64 * 1024);
    for (int i = 0; i < rows->nrows; i++)
        buf_printf(&ids, "%s%s", i ? ", " : "", db_cell(rows, i, id_col));
    bool ok = !buf_failed(&ids) && audit_read(r, e, 0, arena_strdup(r->a, buf_str(&ids)), what);
    buf_free(&ids);
    return ok;
}

static int finish(req *r, int rc, errors *errs)
{
    if (rc == DB_OK && errs->n == 0) {
        if (db_commit(r->db) == DB_OK) return DB_OK;
        rc = DB_ERROR;
    }
    db_rollback(r->db);
    if (errs->n) return DB_CONSTRAINT;
    return rc;
}

static int write_row(req *r, const entity *e, record *rec, const record *old)
{
    char now[21];
    req_now_iso(r, now);
    sql_builder b;
    sql_builder_init(&b, r->a, 0);
    if (!old) {
        buf_printf(&b.sql, "INSERT INTO %s (tenant_id, created_at", e->table);
        if (e->has_updated_at) buf_puts(&b.sql, ", updated_at");
        buf vals;
        buf_init(&vals, 0);
        /* one sql_param() per statement: the order of evaluation of arguments is unspecified */
        const char *tenant_ref = sql_param(&b, tenant_param(r));
        const char *now_ref = sql_param(&b, arena_strdup(r->a, now));
        buf_printf(&vals, "%s, %s", tenant_ref, now_ref);
        if (e->has_updated_at) buf_printf(&vals, ", %s", now_ref);
        for (int i = 0; i < e->nfields; i++) {
            /* a field left empty takes the column's default (NULL, or e.g. 0 for a flag) */
            if (!rec->values[i]) continue;
            buf_printf(&b.sql, ", %s", e->fields[i].name);
            buf_printf(&vals, ", %s", sql_param(&b, rec->values[i]));
        }
        if (buf_failed(&vals)) b.sql.failed = true; /* refused by sql_builder_query */
        buf_printf(&b.sql, ") VALUES (%s) RETURNING id", buf_str(&vals));
        buf_free(&vals);
        db_res *res = NULL;
        int rc = sql_builder_query(r->db, &b, &res);
        sql_builder_free(&b);
        if (rc == DB_OK) rec->id = db_cell_int(res, 0, 0);
        return rc;
    }
    buf_printf(&b.sql, "UPDATE %s SET ", e->table);
    bool any = false;
    if (e->has_updated_at) {
        buf_printf(&b.sql, "updated_at = %s", sql_param(&b, arena_strdup(r->a, now)));
        any = true;
    }
    for (int i = 0; i < e->nfields; i++) {
        if (!rec->present[i]) continue;
        buf_printf(&b.sql, "%s%s = %s", any ? ", " : "", e->fields[i].name,
                   sql_param(&b, rec->values[i]));
        any = true;
    }
    if (!any) {
        sql_builder_free(&b);
        return DB_OK;
    }
    buf_printf(&b.sql, " WHERE id = %s", sql_param(&b, int_text(r->a, old->id)));
    buf_printf(&b.sql, " AND tenant_id = %s", sql_param(&b, tenant_param(r)));
    int rc = sql_builder_exec(r->db, &b, NULL);
    sql_builder_free(&b);
    rec->id = old->id;
    return rc;
}

/* The kind's own after_write, then every other area's observer of it (src/app/). */
static bool after_write_all(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    if (e->after_write && !e->after_write(r, e, rec, old, errs)) return false;
    for (const entity_observer *o = entity_observers; o->kind; o++)
        if (!strcmp(o->kind, e->name) && !o->after_write(r, e, rec, old, errs)) return false;
    return true;
}

int entity_create_in(req *r, const entity *e, record *rec, errors *errs)
{
    validate_fields(r, e, rec, NULL, errs);
    if (!errs->n && e->validate) e->validate(r, e, rec, NULL, errs);
    if (!errs->n && !entity_may_write(r, e, rec)) errors_add(errs, -1, TR_err_forbidden, NULL);
    if (!errs->n) check_set_by(r, e, NULL, rec, errs);
    if (errs->n) return DB_CONSTRAINT;
    int rc = write_row(r, e, rec, NULL);
    if (rc == DB_CONSTRAINT) errors_add(errs, -1, TR_err_duplicate, NULL);
    if (rc == DB_OK && !after_write_all(r, e, rec, NULL, errs)) rc = DB_CONSTRAINT;
    if (rc == DB_OK) rc = pick_index_row(r->db, r->a, e, r->auth->tenant_id, rec->id);
    if (rc == DB_OK)
        rc = entity_audit(r, "create", e, rec->id, record_title(r, e, rec->id),
                          audit_diff(r, e, NULL, rec));
    return rc;
}

int entity_create(req *r, const entity *e, record *rec, errors *errs)
{
    if (db_begin(r->db) != DB_OK) return DB_ERROR;
    int rc = entity_create_in(r, e, rec, errs);
    return finish(r, rc, errs);
}

int entity_update_in(req *r, const entity *e, const record *old, record *rec, errors *errs)
{
    /* fields the input did not carry keep their old values for the rules */
    for (int i = 0; i < e->nfields; i++)
        if (!rec->present[i]) rec->values[i] = old->values[i];
    rec->id = old->id;
    validate_fields(r, e, rec, old, errs);
    if (!errs->n && e->validate) e->validate(r, e, rec, old, errs);
    if (!errs->n) check_set_by(r, e, old, rec, errs);
    if (!errs->n && !may_update(r, e, old, rec)) errors_add(errs, -1, TR_err_forbidden, NULL);
    if (!errs->n) check_unit_move(r, e, old, rec, errs);
    if (errs->n) return DB_CONSTRAINT;
    const char *diff = audit_diff(r, e, old, rec);
    if (!diff) return DB_OK; /* nothing changed, nothing to record */
    int rc = write_row(r, e, rec, old);
    if (rc == DB_CONSTRAINT) errors_add(errs, -1, TR_err_duplicate, NULL);
    if (rc == DB_OK && !after_write_all(r, e, rec, old, errs)) rc = DB_CONSTRAINT;
    if (rc == DB_OK) rc = pick_index_row(r->db, r->a, e, r->auth->tenant_id, rec->id);
    if (rc == DB_OK) rc = entity_audit(r, "update", e, rec->id, record_title(r, e, rec->id), diff);
    return rc;
}

int entity_update(req *r, const entity *e, const record *old, record *rec, errors *errs)
{
    if (db_begin(r->db) != DB_OK) return DB_ERROR;
    int rc = entity_update_in(r, e, old, rec, errs);
    return finish(r, rc == DB_CONSTRAINT ? DB_OK : rc, errs);
}

int entity_delete(req *r, const entity *e, const record *old, errors *errs)
{
    if (db_begin(r->db) != DB_OK) return DB_ERROR;
    /* the one named on a record (a task's owner) changes it, only a role deletes it */
    if (!may_write_by_role(r, e, old)) {
        errors_add(errs, -1, TR_err_forbidden, NULL);
        return finish(r, DB_OK, errs);
    }
    const char *title = record_title(r, e, old->id);
    const char *sql =
        arena_printf(r->a, "DELETE FROM %s WHERE id = $1 AND tenant_id = $2", e->table);
    const char *p[] = {int_text(r->a, old->id), tenant_param(r)};
    int rc = db_exec(r->db, sql, 2, p, NULL);
    if (rc == DB_CONSTRAINT) errors_add(errs, -1, TR_err_in_use, NULL);
    if (rc == DB_OK && !after_write_all(r, e, NULL, old, errs)) rc = DB_CONSTRAINT;
    if (rc == DB_OK) rc = pick_index_row(r->db, r->a, e, r->auth->tenant_id, old->id);
    if (rc == DB_OK) rc = entity_audit(r, "delete", e, old->id, title, audit_diff(r, e, old, NULL));
    return finish(r, rc, errs);
}

/* A record that is the required home of other live records (a unit that still owns
 * systems) may not be retired: they would belong nowhere. Found from the descriptors:
 * every required reference to this entity, in any entity that is not itself retired.
 * Returns the plural label of the first such kind, or NULL. */
static const char *record_is_home(req *r, const entity *e, int64_t id)
{
    for (const entity *const *x = entity_all(); *x; x++) {
        for (int i = 0; i < (*x)->nfields; i++) {
            const field *f = &(*x)->fields[i];
            if (f->type != FT_REF || !(f->flags & F_REQUIRED) || strcmp(f->ref, e->name) != 0)
                continue;
            const char *sql = arena_printf(
                r->a, "SELECT 1 FROM %s t WHERE t.tenant_id = $1 AND t.%s = $2%s%s%s LIMIT 1",
                (*x)->table, f->name, (*x)->retire_column ? " AND t." : "",
                (*x)->retire_column ? (*x)->retire_column : "",
                (*x)->retire_column ? " IS NULL" : "");
            const char *p[] = {tenant_param(r), int_text(r->a, id)};
            if (db_scalar(r->db, r->a, sql, 2, p)) return tr(r->lang, (*x)->label_many);
        }
    }
    return NULL;
}

int entity_retire(req *r, const entity *e, const record *old, bool retire, errors *errs)
{
    if (db_begin(r->db) != DB_OK) return DB_ERROR;
    if (!entity_may_write(r, e, old)) {
        errors_add(errs, -1, TR_err_forbidden, NULL);
        return finish(r, DB_OK, errs);
    }
    if (retire) {
        const char *home = record_is_home(r, e, old->id);
        if (home) {
            errors_add(errs, -1, TR_err_still_home, home);
            return finish(r, DB_OK, errs);
        }
    }
    char now[21];
    req_now_iso(r, now);
    const char *sql = arena_printf(r->a, "UPDATE %s SET %s = $3 WHERE id = $1 AND tenant_id = $2",
                                   e->table, e->retire_column);
    const char *p[] = {int_text(r->a, old->id), tenant_param(r), retire ? now : NULL};
    int rc = db_exec(r->db, sql, 3, p, NULL);
    if (rc == DB_OK && !after_write_all(r, e, NULL, old, errs)) rc = DB_CONSTRAINT;
    if (rc == DB_OK)
        rc = entity_audit(r, retire ? "retire" : "reinstate", e, old->id,
                          record_title(r, e, old->id), NULL);
    return finish(r, rc, errs);
}
