/* output.c - JSON and CSV for any entity, from its description. */
#include "entity.h"
#include "due.h"
#include "../core/escape.h"
#include "../core/util.h"
#include <stdlib.h>
#include <string.h>

const char *entity_kind_label(req *r, const char *name)
{
    const entity *k = name ? entity_find(name) : NULL;
    return k ? tr(r->lang, k->label_many) : name;
}

/* a text as its reader reads it (value_label), else as stored */
static const char *text_label(req *r, const field *f, const char *text)
{
    const char *label = f->value_label ? f->value_label(r, text) : NULL;
    return label ? label : text;
}

const char *field_value_display(req *r, const field *f, const char *raw)
{
    if (!raw) return NULL;
    if (f->flags & F_KIND) return entity_kind_label(r, raw);
    switch (f->type) {
    case FT_ENUM:
        return enum_label(r, f, raw);
    case FT_INT: {
        const char *label = f->value_label ? f->value_label(r, raw) : NULL;
        return label ? arena_printf(r->a, "%s (%s)", label, raw) : raw;
    }
    case FT_BOOL:
        return tr(r->lang, strcmp(raw, "0") ? TR_yes : TR_no);
    case FT_REF: {
        /* ref_title answers "Title (#id)" within the read scope, the bare id outside it */
        const char *title = ref_title(r, entity_find(f->ref), raw);
        return title && strcmp(title, raw) != 0 ? title : arena_printf(r->a, "#%s", raw);
    }
    case FT_DATETIME: {
        char local[24];
        time_local_display(raw, local);
        return arena_strdup(r->a, local);
    }
    case FT_TEXT:
    case FT_LONGTEXT:
        return text_label(r, f, raw);
    default:
        return raw;
    }
}

const char *field_display(req *r, const entity *e, const db_res *res, int row, int fi)
{
    const field *f = &e->fields[fi];
    const char *v = db_cell(res, row, entity_col(e, fi));
    if (!v) return NULL;
    const char *own = f->row_label ? f->row_label(r, e, res, row) : NULL;
    if (own) return own;
    if (f->flags & F_KIND) return entity_kind_label(r, v);
    switch (f->type) {
    case FT_ENUM:
        return enum_label(r, f, v);
    case FT_BOOL:
        return tr(r->lang, strcmp(v, "0") ? TR_yes : TR_no);
    case FT_REF: {
        const char *label = db_cell(res, row, entity_label_col(e, fi));
        return label ? label : v;
    }
    case FT_DATETIME: {
        char local[24];
        time_local_display(v, local);
        return arena_strdup(r->a, local);
    }
    case FT_TEXT:
    case FT_LONGTEXT:
        return text_label(r, f, v);
    default:
        return v;
    }
}

void entity_json_row(req *r, const entity *e, const db_res *res, int row, buf *out)
{
    buf_printf(out, "{\"id\":%s", db_cell(res, row, 0));
    for (int i = 0; i < e->nfields; i++) {
        const field *f = &e->fields[i];
        const char *v = db_cell(res, row, entity_col(e, i));
        const char *own = v && f->row_label ? f->row_label(r, e, res, row) : NULL;
        if (own) v = own;
        buf_putc(out, ',');
        esc_json_string(out, f->name);
        buf_putc(out, ':');
        if (!v) {
            buf_puts(out, "null");
        } else if (f->type == FT_BOOL) {
            buf_puts(out, strcmp(v, "0") ? "true" : "false");
        } else if (f->type == FT_INT || f->type == FT_REF) {
            int64_t n;
            if (parse_int64(v, &n))
                buf_printf(out, "%lld", (long long)n);
            else
                buf_puts(out, "null");
        } else {
            esc_json_string(out, v);
        }
        if (f->type == FT_REF) {
            buf_printf(out, ",\"%s_name\":", f->name);
            const char *label = db_cell(res, row, entity_label_col(e, i));
            if (label)
                esc_json_string(out, label);
            else
                buf_puts(out, "null");
        }
    }
    char since[11];
    if (e->due)
        buf_printf(out, ",\"overdue\":%s",
                   due_row_overdue(r, e, res, row, since) ? "true" : "false");
    int rc = entity_retired_col(e);
    if (rc >= 0) {
        buf_puts(out, ",\"retired_at\":");
        const char *v = db_cell(res, row, rc);
        if (v)
            esc_json_string(out, v);
        else
            buf_puts(out, "null");
    }
    buf_putc(out, '}');
}

/* The rows of an export, shared by every format: a header of column labels in the
 * user's language, then each row as shown (enum and reference labels, Ja/Nej, local
 * times). Pages through the list in SQL so an export of any size stays bounded. False
 * when the database or the sink failed part way. */
bool entity_export(req *r, const entity *e, const list_query *q_in, const export_sink *s)
{
    int col = 0;
    if (!s->cell(s->ctx, 0, col++, NULL, "id")) return false;
    for (int i = 0; i < e->nfields; i++) {
        if (!(e->fields[i].flags & F_EXPORT)) continue;
        if (!s->cell(s->ctx, 0, col++, &e->fields[i], tr(r->lang, e->fields[i].label)))
            return false;
    }
    /* an overdue row carries the date it is overdue since, in a column of its own */
    if (e->due && !s->cell(s->ctx, 0, col++, NULL, tr(r->lang, TR_due_column))) return false;
    if (!s->row_end(s->ctx, 0)) return false;
    list_query q = *q_in;
    q.limit = 500;
    q.after = NULL;
    int n = 0;
    for (;;) {
        db_res *rows = NULL;
        const char *next = NULL;
        if (entity_list(r, e, &q, &rows, &next) != DB_OK) return false;
        for (int row = 0; row < rows->nrows; row++) {
            n++;
            col = 0;
            if (!s->cell(s->ctx, n, col++, NULL, db_cell(rows, row, 0))) return false;
            for (int i = 0; i < e->nfields; i++) {
                if (!(e->fields[i].flags & F_EXPORT)) continue;
                const char *v = e->export_raw ? db_cell(rows, row, entity_col(e, i))
                                              : field_display(r, e, rows, row, i);
                if (!s->cell(s->ctx, n, col++, &e->fields[i], v)) return false;
            }
            char since[11];
            if (e->due && !s->cell(s->ctx, n, col++, NULL,
                                   due_row_overdue(r, e, rows, row, since) ? since : NULL))
                return false;
            if (!s->row_end(s->ctx, n)) return false;
        }
        if (!next) return true;
        q.after = next;
    }
}

static bool csv_cell(void *ctx, int row, int col, const field *f, const char *value)
{
    (void)row;
    (void)f;
    buf *out = ctx;
    if (col) buf_putc(out, ';');
    esc_csv_field(out, value, ';');
    return !buf_failed(out);
}

static bool csv_row_end(void *ctx, int row)
{
    (void)row;
    buf_puts(ctx, "\r\n");
    return !buf_failed(ctx);
}

/* CSV for Swedish Excel: UTF-8 with BOM, ';' between fields. */
void entity_csv(req *r, const entity *e, const list_query *q, buf *out)
{
    buf_puts(out, "\xEF\xBB\xBF");
    export_sink sink = {out, csv_cell, csv_row_end};
    (void)entity_export(r, e, q, &sink); /* a failure shows as a short file, as before */
}
