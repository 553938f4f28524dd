/* mapping.c - see mapping.h. */
#include "mapping.h"
#include "../core/csv.h"
#include "../core/embedded.h"
#include "../core/util.h"
#include <stdbool.h>
#include <string.h>

char *import_fold(arena *a, const char *s)
{
    size_t n = strlen(s);
    char *folded = arena_alloc(a, n + 1), *out = arena_alloc(a, n + 1);
    if (!folded || !out) return arena_strdup(a, "");
    utf8_fold_lower(s, n, folded);
    size_t k = 0;
    bool space = false;
    for (size_t i = 0; i < n; i++) {
        char c = folded[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '_') {
            space = k > 0;
            continue;
        }
        if (space) out[k++] = ' ';
        space = false;
        out[k++] = c;
    }
    while (k && (out[k - 1] == ':' || out[k - 1] == '*' || out[k - 1] == ' '))
        k--;
    out[k] = 0;
    return out;
}

word_table *word_table_load(arena *a, const char *file)
{
    word_table *t = arena_alloc(a, sizeof *t);
    if (!t) return NULL;
    memset(t, 0, sizeof *t);
    const embedded_file *f = NULL;
    for (const embedded_file *d = embedded_data; d->name && !f; d++)
        if (!strcmp(d->name, file)) f = d;
    if (!f) return t;
    int cap = 0;
    for (size_t i = 0; i < f->len; i++)
        cap += f->data[i] == '\n';
    t->rows = arena_alloc(a, sizeof *t->rows * (size_t)(cap + 1));
    if (!t->rows) return t;
    csv_reader c;
    csv_init(&c, f->data, f->len, ';');
    char *row[3];
    if (csv_next(&c, a, row, 3) != 3) return t; /* the header */
    while (t->n <= cap && csv_next(&c, a, row, 3) == 3) {
        t->rows[t->n].key = row[0];
        t->rows[t->n].value = row[1];
        t->rows[t->n].word = import_fold(a, row[2]);
        t->n++;
    }
    return t;
}

/* The value of the first row whose key and folded word match (key "*" matches any
 * when star is set, after the rows of the key itself); NULL when none. */
static const char *lookup(const word_table *t, const char *key, bool star, const char *folded)
{
    const char *wild = NULL;
    for (int i = 0; t && i < t->n; i++) {
        if (strcmp(t->rows[i].word, folded)) continue;
        if (!strcmp(t->rows[i].key, key)) return t->rows[i].value;
        if (star && !strcmp(t->rows[i].key, "*") && !wild) wild = t->rows[i].value;
    }
    return wild;
}

const char *mapping_name(const entity *e, int col_field)
{
    if (col_field == COL_ID) return "id";
    if (col_field < 0 || col_field >= e->nfields) return "";
    return e->fields[col_field].name;
}

int mapping_parse(const entity *e, const char *name)
{
    if (!name || !*name) return COL_IGNORE;
    if (!strcmp(name, "id")) return COL_ID;
    int i = entity_field_index(e, name);
    return i >= 0 && (e->fields[i].flags & F_FORM) ? i : COL_IGNORE;
}

int mapping_propose(arena *a, const word_table *headers, const entity *e, const char *header)
{
    const char *h = import_fold(a, header);
    if (!*h) return COL_IGNORE;
    const char *name = lookup(headers, e->name, true, h);
    if (name) return mapping_parse(e, name);
    for (int i = 0; i < e->nfields; i++) {
        const field *f = &e->fields[i];
        if (!(f->flags & F_FORM)) continue;
        if (!strcmp(h, import_fold(a, f->name)) ||
            !strcmp(h, import_fold(a, tr(LANG_SV, f->label))) ||
            !strcmp(h, import_fold(a, tr(LANG_EN, f->label))))
            return i;
    }
    return COL_IGNORE;
}

const char *mapping_enum_value(arena *a, const word_table *values, const field *f, const char *cell)
{
    const char *v = import_fold(a, cell);
    for (const enum_opt *o = f->options; o && o->value; o++)
        if (!strcmp(v, o->value) || !strcmp(v, import_fold(a, tr(LANG_SV, o->label))) ||
            !strcmp(v, import_fold(a, tr(LANG_EN, o->label))))
            return o->value;
    const char *word = lookup(values, f->name, false, v);
    for (const enum_opt *o = f->options; word && o && o->value; o++)
        if (!strcmp(word, o->value)) return o->value;
    return NULL;
}
