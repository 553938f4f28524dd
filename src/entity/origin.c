/* origin.c - where a record came from (origin.h). */
#include "origin.h"
#include "../core/escape.h"
#include "render.h"
#include "../core/util.h"
#include <string.h>

enum {
    TITLE_CHARS = 120, /* the forms take 200 */
    TEXT_CHARS = 2000, /* keeps a prefilled URL well within a request's limits */
};

/* The length in bytes of s's first n characters (UTF-8), at most strlen(s). */
static size_t utf8_prefix(const char *s, size_t n)
{
    size_t i = 0, chars = 0;
    for (; s[i]; i++) {
        if (((unsigned char)s[i] & 0xC0) == 0x80) continue;
        if (chars++ == n) break;
    }
    return i;
}

/* The length of a list marker at the start of line ("- ", "* ", "• ", "– ", "1. ",
 * "2) "), 0 if there is none. */
static size_t bullet_len(const char *line)
{
    static const char *marks[] = {"- ", "* ", "\xE2\x80\xA2 ", "\xE2\x80\x93 "};
    for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++)
        if (!strncmp(line, marks[i], strlen(marks[i]))) return strlen(marks[i]);
    size_t d = 0;
    while (line[d] >= '0' && line[d] <= '9' && d < 4)
        d++;
    if (d && (line[d] == '.' || line[d] == ')') && line[d + 1] == ' ') return d + 2;
    return 0;
}

int origin_text_items(arena *a, const char *text, const char **items, int max)
{
    int n = 0;
    buf cur;
    buf_init(&cur, 0);
    const char *p = text ? text : "";
    for (;;) {
        const char *end = strchr(p, '\n');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        char *line = str_trim(arena_strndup(a, p, len));
        size_t b = bullet_len(line);
        /* a blank line or a list marker ends the item before */
        if ((!*line || b) && cur.len && n < max) {
            items[n++] = arena_strdup(a, buf_str(&cur));
            buf_reset(&cur);
        }
        if (*line) {
            if (cur.len) buf_putc(&cur, ' ');
            buf_puts(&cur, str_trim(line + b));
        }
        if (!end) break;
        p = end + 1;
    }
    if (cur.len && n < max) items[n++] = arena_strdup(a, buf_str(&cur));
    buf_free(&cur);
    return n;
}

/* A title from an item: its first sentence, cut at a word within TITLE_CHARS. */
static const char *item_title(arena *a, const char *item)
{
    const char *stop = strstr(item, ". ");
    size_t len = stop ? (size_t)(stop - item) : strlen(item);
    while (len > 1 && item[len - 1] == '.') /* a title ends without a full stop */
        len--;
    size_t max = utf8_prefix(item, TITLE_CHARS);
    if (len <= max) return arena_strndup(a, item, len);
    size_t cut = max;
    while (cut > max / 2 && item[cut] != ' ')
        cut--;
    if (item[cut] != ' ') cut = max;
    return arena_printf(a, "%.*s…", (int)cut, item);
}

void origin_prefill_button(req *r, buf *out, const char *target, const char *text_field,
                           const entity *src, int64_t id, const char *unit, const char *item,
                           tr_key label)
{
    buf url;
    buf_init(&url, 0);
    buf_printf(&url, "/%s/new?source_entity=%s&source_id=%lld", target, src->name, (long long)id);
    if (unit) {
        buf_puts(&url, "&unit_id=");
        esc_url_component(&url, unit);
    }
    buf_puts(&url, "&title=");
    esc_url_component(&url, item_title(r->a, item));
    buf_printf(&url, "&%s=", text_field);
    esc_url_component(&url, arena_strndup(r->a, item, utf8_prefix(item, TEXT_CHARS)));
    buf_puts(out, "<a class=\"button\" href=\"");
    esc_url_attr(out, buf_str(&url));
    buf_puts(out, "\">");
    esc_html(out, tr(r->lang, label));
    buf_puts(out, "</a>");
    buf_free(&url);
}

static const char *value_of(const entity *e, const record *rec, const char *name)
{
    return record_get(rec, e, name);
}

/* The source row when the caller may read it: entity_get applies the tenant and, for
 * records seen by their owner only, the owner. */
static bool source_readable(req *r, const entity *src, const char *id)
{
    int64_t n;
    db_res *row = NULL;
    return src && id && parse_int64(id, &n) && entity_may_read(r, src) &&
           entity_get(r, src, n, &row) == DB_OK && row->nrows == 1;
}

void origin_validate(req *r, const entity *e, const record *rec, errors *errs)
{
    const char *kind = value_of(e, rec, "source_entity"), *id = value_of(e, rec, "source_id");
    if (!kind && !id) return;
    if (!kind || !id) {
        errors_add(errs, entity_field_index(e, kind ? "source_id" : "source_entity"),
                   TR_err_source_pair, NULL);
        return;
    }
    const entity *src = entity_find(kind);
    /* a record of the organisation's work, open to its members or kept need-to-know
     * (incidents); not the audit log or the people's tokens */
    if (!src || (src->read_action != ACT_READ && !src->audit_reads)) {
        errors_add(errs, entity_field(e, "source_entity"), TR_err_source_entity, NULL);
        return;
    }
    /* one the caller may not read is answered as one that does not exist */
    if (!source_readable(r, src, id))
        errors_add(errs, entity_field(e, "source_id"), TR_err_ref, NULL);
}

bool origin_pair(const entity *e)
{
    return entity_field_index(e, "source_entity") >= 0 && entity_field_index(e, "source_id") >= 0;
}

bool origin_field(const field *f)
{
    return !strcmp(f->name, "source_entity") || !strcmp(f->name, "source_id");
}

void origin_form(req *r, const entity *e, const record *rec, buf *out)
{
    const char *kind = value_of(e, rec, "source_entity"), *id = value_of(e, rec, "source_id");
    if (!kind || !id) return;
    static const char *const names[] = {"source_entity", "source_id"};
    const char *values[] = {kind, id};
    for (int i = 0; i < 2; i++) {
        buf_printf(out, "<input type=\"hidden\" id=\"in-%s\" name=\"%s\" value=\"", names[i],
                   names[i]);
        esc_html(out, values[i]);
        buf_puts(out, "\">");
    }
    origin_show(r, e, rec, out);
}

void origin_show(req *r, const entity *e, const record *rec, buf *out)
{
    const char *kind = value_of(e, rec, "source_entity"), *id = value_of(e, rec, "source_id");
    const entity *src = kind ? entity_find(kind) : NULL;
    if (!src || !id) return;
    buf_puts(out, "<p class=\"origin\">");
    esc_html(out, tr(r->lang, TR_act_source));
    buf_puts(out, ": ");
    /* naming a sensitive record (an incident) is a read of it, and recorded */
    int64_t n = 0;
    if (source_readable(r, src, id) && parse_int64(id, &n) &&
        entity_audit_read(r, src, n, arena_printf(r->a, "origin of %s", e->name))) {
        buf_printf(out, "<a href=\"/%s/", src->name);
        esc_html(out, id);
        buf_puts(out, "\">");
        esc_html(out, tr(r->lang, src->label_one));
        buf_puts(out, " ");
        esc_html(out, ref_name(r, src, id));
        buf_puts(out, "</a>");
    } else {
        esc_html(out, tr(r->lang, src->label_one));
        buf_puts(out, " (");
        esc_html(out, tr(r->lang, TR_act_source_restricted));
        buf_puts(out, ")");
    }
    buf_puts(out, "</p>");
}

void origin_made_from(req *r, const entity *src, int64_t id, tr_key heading, buf *out)
{
    const char *p[] = {tenant_param(r), src->name, int_text(r->a, id)};
    buf items;
    buf_init(&items, 0);
    int count = 0;
    for (const entity *const *all = entity_all(); *all; all++) {
        const entity *e = *all;
        int status = entity_field_index(e, "status");
        if (entity_field_index(e, "source_entity") < 0 || entity_field_index(e, "source_id") < 0 ||
            status < 0 || !entity_may_read(r, e))
            continue;
        db_res *res = NULL;
        const char *sql = arena_printf(r->a,
                                       "SELECT t.id, %s, t.status FROM %s t WHERE t.tenant_id = $1 "
                                       "AND t.source_entity = $2 AND t.source_id = $3%s ORDER BY "
                                       "t.id LIMIT 200",
                                       e->title_sql, e->table, entity_read_scope(r, e, "t"));
        if (db_query(r->db, r->a, sql, 3, p, &res) != DB_OK) continue;
        for (int i = 0; i < res->nrows; i++, count++) {
            buf_puts(&items, "<li>");
            esc_html(&items, tr(r->lang, e->label_one));
            buf_printf(&items, ": <a href=\"/%s/", e->name);
            esc_html(&items, db_cell(res, i, 0));
            buf_puts(&items, "\">");
            esc_html(&items, db_cell(res, i, 1));
            buf_puts(&items, "</a> — ");
            esc_html(&items, enum_label(r, &e->fields[status], db_cell(res, i, 2)));
            buf_puts(&items, "</li>");
        }
    }
    render_related_head(r, out, heading, count, NULL);
    if (count) {
        buf_puts(out, "<ul class=\"made-from\">");
        buf_puts(out, buf_str(&items));
        buf_puts(out, "</ul>");
    }
    buf_puts(out, "</section>");
    buf_free(&items);
}
