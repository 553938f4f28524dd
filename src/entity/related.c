/* related.c - related records in place (related.h). */
#include "related.h"
#include "due.h"
#include "render.h"
#include "../core/escape.h"
#include "../core/util.h"
#include <string.h>

enum {
    RELATED_PAGE = 50, /* rows shown on the parent's page; the rest behind a link */
    RETURN_MAX = 200,  /* characters of a return path */
};

bool related_return_safe(const char *path)
{
    if (!path || path[0] != '/' || path[1] == '/' || strlen(path) > RETURN_MAX) return false;
    for (const char *p = path; *p; p++) {
        bool ok = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                  (*p >= '0' && *p <= '9') || *p == '_' || *p == '-' || *p == '/';
        if (!ok || (p[0] == '/' && p[1] == '/')) return false;
    }
    return true;
}

const char *related_return(req *r)
{
    const char *ret = kv_get(&r->form, "return");
    if (!ret) ret = kv_get(&r->query, "return");
    return related_return_safe(ret) ? ret : NULL;
}

/* The parent a return path names: "/<entity>/<id>". */
static const entity *return_parent(const char *ret, int64_t *id)
{
    if (!ret) return NULL;
    const char *slash = strchr(ret + 1, '/');
    if (!slash || slash - ret - 1 >= 64) return NULL;
    char name[64];
    memcpy(name, ret + 1, (size_t)(slash - ret - 1));
    name[slash - ret - 1] = 0;
    const entity *parent = entity_find(name);
    return parent && parse_int64(slash + 1, id) ? parent : NULL;
}

static const related_list *declared(const entity *parent, const char *child)
{
    for (const related_list *l = parent->related; l && l->kind; l++)
        if (!strcmp(l->kind, child)) return l;
    return NULL;
}

int related_fixed_field(req *r, const entity *child, const char *ret, const record *rec)
{
    int64_t id;
    const entity *parent = return_parent(ret, &id);
    const related_list *l = parent ? declared(parent, child->name) : NULL;
    int fi = l && l->add_in_place ? entity_field_index(child, l->ref_field) : -1;
    if (fi < 0 || !rec || !rec->values[fi]) return -1;
    return strcmp(rec->values[fi], int_text(r->a, id)) ? -1 : fi;
}

void related_crumb(req *r, const entity *e, const record *rec, buf *out)
{
    for (int i = 0; rec && i < e->nfields; i++) {
        const field *f = &e->fields[i];
        const entity *parent = f->type == FT_REF ? entity_find(f->ref) : NULL;
        int64_t id;
        db_res *row = NULL;
        if (!parent || !declared(parent, e->name) || !rec->values[i] ||
            !parse_int64(rec->values[i], &id) || !entity_may_read(r, parent) ||
            entity_get(r, parent, id, &row) != DB_OK || row->nrows != 1)
            continue;
        buf_printf(out, "<p class=\"crumb\"><a href=\"/%s\">", parent->name);
        esc_html(out, tr(r->lang, parent->label_many));
        buf_printf(out, "</a> › <a href=\"/%s/%lld\">", parent->name, (long long)id);
        esc_html(out, tr(r->lang, parent->label_one));
        buf_puts(out, " ");
        esc_html(out, ref_name(r, parent, rec->values[i]));
        buf_puts(out, "</a></p>");
        return;
    }
    buf_printf(out, "<p class=\"crumb\"><a href=\"/%s\">", e->name);
    esc_html(out, tr(r->lang, e->label_many));
    buf_puts(out, "</a></p>");
}

/* The unit a child added here would be written in: the parent's own (a risk in its
 * analysis's unit) or the parent itself when the child's unit is the reference (a role
 * in a unit). NULL when the child has no unit. */
static const char *child_unit(req *r, const entity *parent, const record *rec, const entity *child,
                              const related_list *l)
{
    if (!child->unit_field) return NULL;
    if (!strcmp(child->unit_field, l->ref_field) && !strcmp(parent->name, "units"))
        return int_text(r->a, rec->id);
    int pi = entity_field_index(parent, child->unit_field);
    return pi >= 0 ? rec->values[pi] : NULL;
}

/* May the reader add a child here: the child's write action where it would be written,
 * and the reference settable by them. */
static bool may_add(req *r, const entity *child, const related_list *l, const char *unit)
{
    int fi = entity_field_index(child, l->ref_field);
    if (!l->add_in_place || !child->can_create || fi < 0 ||
        !field_settable(r, child, &child->fields[fi]))
        return false;
    if (perm_allows(r->auth, child->write_action, NULL)) return true;
    if (!child->unit_field) return false;
    const char *path = unit ? unit_path_of(r, unit) : NULL;
    return path && perm_allows(r->auth, child->write_action, path);
}

/* One cell of a related row: the value as shown (a reference as a link to its record,
 * when linked and the reader may read it; else its kind only), the due date with its
 * overdue mark, empty as the one empty sign. */
static void cell(req *r, const entity *child, const db_res *rows, int row, int fi, bool linked,
                 buf *out)
{
    const field *f = &child->fields[fi];
    const char *v = field_display(r, child, rows, row, fi);
    const char *raw = db_cell(rows, row, entity_col(child, fi));
    if (f->type == FT_REF && raw && !db_cell(rows, row, entity_label_col(child, fi))) {
        render_restricted(r, entity_find(f->ref), out);
        return;
    }
    if (!v || !*v) {
        render_empty(r, out);
        return;
    }
    if (f->type == FT_REF && linked) {
        buf_printf(out, "<a href=\"/%s/", f->ref);
        esc_html(out, raw);
        buf_puts(out, "\">");
        esc_html(out, v);
        buf_puts(out, "</a>");
    } else {
        esc_html(out, v);
    }
    char since[11];
    if (child->due && !strcmp(child->due->field, f->name) &&
        due_row_overdue(r, child, rows, row, since))
        due_mark(r, since, out);
}

static void one_list(req *r, const entity *parent, const record *rec, const related_list *l,
                     buf *out)
{
    const entity *child = entity_find(l->kind);
    if (!child || entity_field_index(child, l->ref_field) < 0 || !entity_may_read(r, child)) return;
    const char *id = int_text(r->a, rec->id);
    list_query q = {.limit = RELATED_PAGE};
    if (child->default_sort) {
        q.desc = child->default_sort[0] == '-';
        q.sort = child->default_sort + (q.desc ? 1 : 0);
        if (!strcmp(q.sort, "id")) q.sort = NULL;
    }
    q.order_sql = l->order_sql;
    kv filters[] = {{.key = l->ref_field, .value = id},
                    {.key = l->only_field, .value = l->only_value}};
    q.filters = (kvlist){.items = filters, .n = l->only_field ? 2 : 1};
    db_res *rows = NULL;
    const char *next = NULL;
    int64_t count = 0;
    if (entity_count(r, child, &q, &count) != DB_OK ||
        entity_list(r, child, &q, &rows, &next) != DB_OK ||
        /* a related list of need-to-know rows is a read of them (one audit row per list) */
        !entity_audit_read_rows(r, child, rows, 0, arena_printf(r->a, "%s page", parent->name)))
        return;
    const char *unit = child_unit(r, parent, rec, child, l);
    const char *add = NULL;
    if (may_add(r, child, l, unit)) {
        buf u;
        buf_init(&u, 0);
        buf_printf(&u, "/%s/new?%s=%s", child->name, l->ref_field, id);
        int ui = unit ? entity_field_index(child, child->unit_field) : -1;
        if (ui >= 0 && (child->fields[ui].flags & F_FORM) &&
            strcmp(child->unit_field, l->ref_field)) {
            buf_printf(&u, "&%s=", child->unit_field);
            esc_url_component(&u, unit);
        }
        buf_printf(&u, "&return=/%s/%s", parent->name, id);
        add = arena_strdup(r->a, buf_str(&u));
        buf_free(&u);
    }
    buf_printf(out,
               "<section class=\"related\" id=\"related-%s\" aria-labelledby=\"h-related-%s\">"
               "<h2 id=\"h-related-%s\">",
               child->name, child->name, child->name);
    esc_html(out, tr(r->lang, l->label));
    buf_printf(out, " <span class=\"count\">(%lld)</span></h2>", (long long)count);
    if (add) {
        buf_puts(out, "<p><a class=\"button\" href=\"");
        esc_url_attr(out, add);
        buf_puts(out, "\">");
        esc_html(out, tr(r->lang, TR_related_add_in_place));
        buf_puts(out, "<span class=\"vh\"> ");
        esc_html(out, tr(r->lang, child->label_one));
        buf_puts(out, "</span></a></p>");
    }
    if (rows->nrows) {
        int cols[16], n = 0;
        for (const char *const *c = l->columns; c && *c && n < 16; c++) {
            int fi = entity_field_index(child, *c);
            if (fi >= 0) cols[n++] = fi;
        }
        buf_puts(out, "<div class=\"table-scroll\"><table class=\"list\"><thead><tr>");
        for (int k = 0; k < n; k++) {
            buf_puts(out, "<th scope=\"col\">");
            esc_html(out, tr(r->lang, child->fields[cols[k]].label));
            buf_puts(out, "</th>");
        }
        if (l->row_action) buf_puts(out, "<td></td>");
        buf_puts(out, "</tr></thead><tbody>");
        for (int row = 0; row < rows->nrows; row++) {
            /* the row leads to the child from its first value (a link row names one of
             * several kinds: the unit, the system or the information asset) */
            int link = 0;
            while (link < n - 1 && !db_cell(rows, row, entity_col(child, cols[link])))
                link++;
            buf_puts(out, "<tr>");
            for (int k = 0; k < n; k++) {
                buf_puts(out, k ? "<td>" : "<th scope=\"row\">");
                if (k == link) {
                    buf_printf(out, "<a href=\"/%s/", child->name);
                    esc_html(out, db_cell(rows, row, 0));
                    buf_puts(out, "\">");
                    cell(r, child, rows, row, cols[k], false, out);
                    buf_puts(out, "</a>");
                } else {
                    cell(r, child, rows, row, cols[k], true, out);
                }
                buf_puts(out, k ? "</td>" : "</th>");
            }
            if (l->row_action) {
                buf_puts(out, "<td>");
                l->row_action(r, child, rows, row, out);
                buf_puts(out, "</td>");
            }
            buf_puts(out, "</tr>");
        }
        buf_puts(out, "</tbody></table></div>");
        if (next) {
            buf_printf(out, "<p><a href=\"/%s?%s=%s\">", child->name, l->ref_field, id);
            esc_html(out, tr(r->lang, TR_related_show_all));
            buf_puts(out, "</a></p>");
        }
    }
    buf_puts(out, "</section>");
}

void related_render(req *r, const entity *e, const record *rec, buf *out)
{
    for (const related_list *l = e->related; l && l->kind; l++) {
        if (l->when_field) {
            const char *v = record_get(rec, e, l->when_field);
            if ((v && l->when_value && !strcmp(v, l->when_value)) == l->when_not) continue;
        }
        one_list(r, e, rec, l, out);
    }
}
