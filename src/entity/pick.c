/* pick.c - the picker's word index and search. Each row another record can point to has
 * its words (title and search fields, lower-cased) in pick_word; typing "olle sv" is then
 * two index ranges ("olle" ≤ word < "olle\U0010FFFF", the same for "sv") joined to the
 * rows the caller may read. Nothing is scanned in C: the database answers from the index. */
#include "pick.h"
#include "../core/escape.h"
#include "../core/util.h"
#include "../http/page.h"
#include <stdio.h>
#include <string.h>

/* the largest code point in UTF-8: every word with a prefix sorts below prefix + this */
static const char PREFIX_END[] = "\xf4\x8f\xbf\xbf";

static bool word_byte(unsigned char c)
{
    /* any byte of a multi-byte letter (å, é, ł …) belongs to a word */
    return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

int pick_words(arena *a, const char *text, const char **words, int n, int max)
{
    if (!text) return n;
    size_t len = strlen(text);
    char *folded = arena_alloc(a, len + 1);
    if (!folded) return n;
    utf8_fold_lower(text, len, folded);
    for (size_t i = 0; i < len && n < max;) {
        if (!word_byte((unsigned char)folded[i])) {
            i++;
            continue;
        }
        size_t start = i;
        while (i < len && word_byte((unsigned char)folded[i]))
            i++;
        size_t wlen = i - start;
        if (wlen > PICK_WORD_BYTES) {
            wlen = PICK_WORD_BYTES;
            /* never cut a letter in two: back up to the start of a UTF-8 sequence */
            while (wlen > 0 && ((unsigned char)folded[start + wlen] & 0xc0) == 0x80)
                wlen--;
        }
        if (!wlen) continue;
        char *w = arena_strndup(a, folded + start, wlen);
        if (!w || !utf8_valid(w, wlen)) continue;
        bool seen = false;
        for (int k = 0; k < n && !seen; k++)
            seen = strcmp(words[k], w) == 0;
        if (!seen) words[n++] = w;
    }
    return n;
}

bool entity_pickable(const entity *e)
{
    for (const entity *const *x = entity_all(); *x; x++)
        for (int i = 0; i < (*x)->nfields; i++)
            if ((*x)->fields[i].type == FT_REF && strcmp((*x)->fields[i].ref, e->name) == 0)
                return true;
    return false;
}

bool pick_field_indexed(const field *f)
{
    return (f->flags & F_SEARCH) && f->type != FT_REF && f->type != FT_LONGTEXT;
}

/* SELECT of what a row's words come from: id, tenant_id, its title, its search fields. */
static const char *word_source_sql(arena *a, const entity *e)
{
    buf b;
    buf_init(&b, 0);
    buf_printf(&b, "SELECT t.id, t.tenant_id, %s", e->title_sql);
    for (int i = 0; i < e->nfields; i++)
        if (pick_field_indexed(&e->fields[i])) buf_printf(&b, ", t.%s", e->fields[i].name);
    buf_printf(&b, " FROM %s t", e->table);
    char *sql = buf_failed(&b) ? NULL : arena_strdup(a, buf_str(&b));
    buf_free(&b);
    return sql;
}

/* Inserts the words of row `row` of res (laid out by word_source_sql). */
static int insert_words(db *d, arena *a, const entity *e, const db_res *res, int row)
{
    const char *words[PICK_MAX_WORDS];
    int n = 0;
    for (int c = 2; c < res->ncols; c++)
        n = pick_words(a, db_cell(res, row, c), words, n, PICK_MAX_WORDS);
    if (!n) return DB_OK;
    const char *p[3 + PICK_MAX_WORDS] = {db_cell(res, row, 1), e->name, db_cell(res, row, 0)};
    buf sql;
    buf_init(&sql, 0);
    buf_puts(&sql, "INSERT INTO pick_word (tenant_id, entity, word, row_id) VALUES ");
    for (int k = 0; k < n; k++) {
        buf_printf(&sql, "%s($1, $2, $%d, $3)", k ? ", " : "", k + 4);
        p[3 + k] = words[k];
    }
    int rc = buf_failed(&sql) ? DB_ERROR : db_exec(d, buf_str(&sql), 3 + n, p, NULL);
    buf_free(&sql);
    return rc;
}

int pick_index_row(db *d, arena *a, const entity *e, int64_t tenant_id, int64_t id)
{
    if (!entity_pickable(e)) return DB_OK;
    const char *tenant = int_text(a, tenant_id);
    const char *row_id = int_text(a, id);
    const char *del[] = {tenant, e->name, row_id};
    if (db_exec(d, "DELETE FROM pick_word WHERE tenant_id = $1 AND entity = $2 AND row_id = $3", 3,
                del, NULL) != DB_OK)
        return DB_ERROR;
    const char *src = word_source_sql(a, e);
    if (!src) return DB_ERROR;
    const char *sql = arena_printf(a, "%s WHERE t.id = $1 AND t.tenant_id = $2", src);
    const char *p[] = {row_id, tenant};
    db_res *res = NULL;
    if (db_query(d, a, sql, 2, p, &res) != DB_OK) return DB_ERROR;
    return res->nrows ? insert_words(d, a, e, res, 0) : DB_OK;
}

long pick_index_missing(db *d)
{
    arena a;
    arena_init(&a, 0);
    long indexed = 0;
    if (db_begin(d) != DB_OK) {
        arena_free(&a);
        return -1;
    }
    for (const entity *const *x = entity_all(); *x && indexed >= 0; x++) {
        if (!entity_pickable(*x)) continue;
        const char *src = word_source_sql(&a, *x);
        const char *sql =
            src ? arena_printf(&a,
                               "%s WHERE NOT EXISTS (SELECT 1 FROM pick_word w WHERE "
                               "w.tenant_id = t.tenant_id AND w.entity = $1 AND w.row_id = t.id)",
                               src)
                : NULL;
        const char *p[] = {(*x)->name};
        db_res *res = NULL;
        if (!sql || db_query(d, &a, sql, 1, p, &res) != DB_OK) {
            indexed = -1;
            break;
        }
        for (int row = 0; row < res->nrows; row++) {
            if (insert_words(d, &a, *x, res, row) != DB_OK) {
                indexed = -1;
                break;
            }
            indexed++;
        }
    }
    if (indexed < 0 || db_commit(d) != DB_OK) {
        db_rollback(d);
        indexed = -1;
    }
    arena_free(&a);
    return indexed;
}

/* Keeps the first row of each id (a row with two matching words comes twice), at most
 * PICK_LIMIT + 1 of them, in place. */
static void unique_rows(db_res *rows)
{
    int kept = 0;
    for (int i = 0; i < rows->nrows && kept <= PICK_LIMIT; i++) {
        bool seen = false;
        for (int k = 0; k < kept && !seen; k++)
            seen = strcmp(rows->cells[k * rows->ncols], rows->cells[i * rows->ncols]) == 0;
        if (seen) continue;
        if (kept != i)
            memcpy(&rows->cells[kept * rows->ncols], &rows->cells[i * rows->ncols],
                   sizeof(char *) * (size_t)rows->ncols);
        kept++;
    }
    rows->nrows = kept;
}

int entity_pick(req *r, const entity *e, const char *typed, db_res **rows)
{
    const char *terms[PICK_MAX_TERMS];
    int n = typed && strlen(typed) <= 300 ? pick_words(r->a, typed, terms, 0, PICK_MAX_TERMS) : 0;
    /* the longest word leads (the fewest rows start with it); the others are checked per row */
    int lead = 0;
    for (int k = 1; k < n; k++)
        if (strlen(terms[k]) > strlen(terms[lead])) lead = k;
    const char *p[3 + 2 * PICK_MAX_TERMS] = {int_text(r->a, r->auth->tenant_id), e->name,
                                             int_text(r->a, r->auth->person_id)};
    int np = 3;
    buf sql;
    buf_init(&sql, 0);
    buf_printf(&sql, "SELECT t.id, %s AS title, ", e->title_sql);
    if (e->unit_field)
        buf_printf(&sql, "(SELECT u.name FROM unit u WHERE u.id = t.%s)", e->unit_field);
    else
        buf_puts(&sql, "NULL");
    buf_printf(&sql,
               ", %s FROM pick_word w JOIN %s t ON t.id = w.row_id AND t.tenant_id = w.tenant_id "
               "WHERE w.tenant_id = $1 AND w.entity = $2",
               e->pick_detail_sql ? e->pick_detail_sql : "NULL", e->table);
    if (n) {
        p[np] = terms[lead];
        p[np + 1] = arena_printf(r->a, "%s%s", terms[lead], PREFIX_END);
        buf_printf(&sql, " AND w.word >= $%d AND w.word < $%d", np + 1, np + 2);
        np += 2;
    } else {
        buf_puts(&sql, " AND 1 = 0"); /* nothing typed: nothing offered */
    }
    if (e->retire_column) buf_printf(&sql, " AND t.%s IS NULL", e->retire_column);
    /* $3 is in every statement, so the parameter count never depends on the caller */
    if (e->owner_field && !perm_allows(r->auth, e->write_action, NULL))
        buf_printf(&sql, " AND t.%s = CAST($3 AS BIGINT)", e->owner_field);
    else
        buf_puts(&sql, " AND CAST($3 AS BIGINT) IS NOT NULL");
    buf_puts(&sql, entity_read_scope(r, e, "t"));
    for (int k = 0; k < n; k++) {
        if (k == lead) continue;
        p[np] = terms[k];
        p[np + 1] = arena_printf(r->a, "%s%s", terms[k], PREFIX_END);
        buf_printf(&sql,
                   " AND t.id IN (SELECT x.row_id FROM pick_word x WHERE x.tenant_id = $1 AND "
                   "x.entity = $2 AND x.word >= $%d AND x.word < $%d)",
                   np + 1, np + 2);
        np += 2;
    }
    /* in the index's order, so the database stops after the first matches instead of
     * sorting every row that starts with "a"; a row comes once per matching word, so a
     * few more are read and the repeats dropped */
    buf_printf(&sql, " ORDER BY w.word, w.row_id LIMIT %d", 3 * (PICK_LIMIT + 1));
    int rc = buf_failed(&sql) ? DB_ERROR : db_query(r->db, r->a, buf_str(&sql), np, p, rows);
    buf_free(&sql);
    if (rc == DB_OK) unique_rows(*rows);
    return rc;
}

bool entity_pick_audit_read(req *r, const entity *e, const db_res *rows, int shown)
{
    db_res offered = *rows; /* the extra row only says that there are more */
    offered.nrows = shown < rows->nrows ? shown : rows->nrows;
    return entity_audit_read_rows(r, e, &offered, 0, "picker");
}

void h_pick(req *r, resp *out)
{
    const entity *e = r->nroute_args ? entity_find(r->route_args[0]) : NULL;
    if (!e || !entity_pickable(e)) {
        respond_error(r, out, 404, "not_found", TR_err_not_found);
        return;
    }
    if (!entity_may_read(r, e)) {
        respond_error(r, out, 403, "forbidden", TR_err_forbidden);
        return;
    }
    db_res *rows = NULL;
    if (entity_pick(r, e, kv_get(&r->query, "q"), &rows) != DB_OK) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    int shown = rows->nrows > PICK_LIMIT ? PICK_LIMIT : rows->nrows;
    if (!entity_pick_audit_read(r, e, rows, shown)) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    respond_json(out, 200);
    buf_reset(&out->body);
    buf *b = &out->body;
    buf_puts(b, "{\"items\":[");
    for (int i = 0; i < shown; i++) {
        buf_printf(b, "%s{\"id\":%lld,\"title\":", i ? "," : "",
                   (long long)db_cell_int(rows, i, 0));
        const char *cells[] = {db_cell(rows, i, 1), db_cell(rows, i, 2), db_cell(rows, i, 3)};
        const char *keys[] = {"title", "unit", "detail"};
        for (int c = 0; c < 3; c++) {
            if (c) buf_printf(b, ",\"%s\":", keys[c]);
            if (cells[c])
                esc_json_string(b, cells[c]);
            else
                buf_puts(b, "null");
        }
        buf_putc(b, '}');
    }
    buf_printf(b, "],\"more\":%s}", rows->nrows > PICK_LIMIT ? "true" : "false");
}
