/* render.c - list, detail and form pages for any entity, from its description.
 * All output goes through the escaping helpers. */
#include "render.h"
#include "due.h"
#include "origin.h"
#include "related.h"
#include "pick.h"
#include "../core/escape.h"
#include "../core/util.h"
#include <string.h>
#include <stdlib.h>

static void query_link(req *r, buf *out, const entity *e, const list_query *q, const char *sort,
                       bool desc, const char *after)
{
    (void)r;
    buf_printf(out, "/%s?", e->name);
    if (q->search && *q->search) {
        buf_puts(out, "q=");
        esc_url_component(out, q->search);
        buf_putc(out, '&');
    }
    for (int i = 0; i < q->filters.n; i++) {
        esc_url_component(out, q->filters.items[i].key);
        buf_putc(out, '=');
        esc_url_component(out, q->filters.items[i].value);
        buf_putc(out, '&');
    }
    if (q->include_retired) buf_puts(out, "retired=1&");
    if (q->overdue) buf_puts(out, "overdue=1&");
    if (q->show_quiet) buf_puts(out, "quiet=1&");
    if (sort) {
        buf_puts(out, "sort=");
        esc_url_component(out, sort);
        buf_puts(out, desc ? "&dir=desc&" : "&dir=asc&");
    }
    if (after) {
        buf_puts(out, "after=");
        esc_url_component(out, after);
    }
}

/* A link target is built as plain text, then escaped once for the attribute. */
static void href(buf *out, const char *url)
{
    buf_puts(out, "\"");
    esc_url_attr(out, url);
    buf_puts(out, "\"");
}

static void ref_options(req *r, const field *f, const char *cur, buf *out);

enum { DROPDOWN_MAX = 200 };

/* A reference is offered as a drop-down when its entity is small by nature and this
 * tenant has at most DROPDOWN_MAX of them (a kommun of 1,000 units types instead). */
static bool ref_dropdown(req *r, const field *f)
{
    const entity *ref = entity_find(f->ref);
    if (!ref->small) return false;
    const char *sql = arena_printf(
        r->a, "SELECT COUNT(*) FROM (SELECT 1 FROM %s t WHERE t.tenant_id = $1%s%s%s%s LIMIT %d) x",
        ref->table, ref->retire_column ? " AND t." : "",
        ref->retire_column ? ref->retire_column : "", ref->retire_column ? " IS NULL" : "",
        entity_read_scope(r, ref, "t"), DROPDOWN_MAX + 1);
    const char *p[] = {tenant_param(r)};
    const char *n = db_scalar(r->db, r->a, sql, 1, p);
    return n && atoi(n) <= DROPDOWN_MAX;
}

/* "(empty)" among a filter's choices, for a field that may be left empty */
static void filter_none_option(req *r, const field *f, const char *cur, buf *out)
{
    if (f->flags & (F_REQUIRED | F_NOT_NULL)) return;
    buf_printf(out, "<option value=\"%s\"%s>", FILTER_NONE,
               cur && !strcmp(cur, FILTER_NONE) ? " selected" : "");
    esc_html(out, tr(r->lang, TR_filter_none));
    buf_puts(out, "</option>");
}

static void field_filter(req *r, const entity *e, const field *f, const list_query *q, buf *out)
{
    const char *cur = kv_get(&q->filters, f->name);
    buf_printf(out, "<div class=\"filter\"><label for=\"f-%s\">", f->name);
    esc_html(out, tr(r->lang, f->label));
    buf_puts(out, "</label>");
    if (f->flags & F_KIND) {
        /* the kinds of record by their labels */
        buf_printf(out, "<select id=\"f-%s\" name=\"%s\"><option value=\"\">", f->name, f->name);
        esc_html(out, tr(r->lang, TR_filter_all));
        buf_puts(out, "</option>");
        for (const entity *const *k = entity_all(); *k; k++) {
            if (!entity_may_read(r, *k)) continue;
            buf_printf(out, "<option value=\"%s\"%s>", (*k)->name,
                       cur && !strcmp(cur, (*k)->name) ? " selected" : "");
            esc_html(out, tr(r->lang, (*k)->label_many));
            buf_puts(out, "</option>");
        }
        buf_puts(out, "</select>");
    } else if (f->type == FT_ENUM || f->type == FT_BOOL) {
        buf_printf(out, "<select id=\"f-%s\" name=\"%s\"><option value=\"\">", f->name, f->name);
        esc_html(out, tr(r->lang, TR_filter_all));
        buf_puts(out, "</option>");
        if (f->type == FT_BOOL) {
            static const enum_opt yesno[] = {{"1", TR_yes}, {"0", TR_no}, {NULL, 0}};
            for (const enum_opt *o = yesno; o->value; o++) {
                buf_printf(out, "<option value=\"%s\"%s>", o->value,
                           cur && !strcmp(cur, o->value) ? " selected" : "");
                esc_html(out, tr(r->lang, o->label));
                buf_puts(out, "</option>");
            }
        }
        for (const enum_opt *o = f->options; o && o->value; o++) {
            buf_puts(out, "<option value=\"");
            esc_html(out, o->value);
            buf_printf(out, "\"%s>", cur && !strcmp(cur, o->value) ? " selected" : "");
            esc_html(out, tr(r->lang, o->label));
            buf_puts(out, "</option>");
        }
        if (f->type == FT_ENUM) filter_none_option(r, f, cur, out);
        buf_puts(out, "</select>");
    } else if (f->type == FT_DATETIME || f->type == FT_DATE) {
        buf_puts(out, "</div>");
        for (int k = 0; k < 2; k++) {
            const char *suffix = k ? "_to" : "_from";
            const char *name = arena_printf(r->a, "%s%s", f->name, suffix);
            const char *v = kv_get(&q->filters, name);
            buf_printf(out, "<div class=\"filter\"><label for=\"f-%s\">", name);
            esc_html(out, tr(r->lang, k ? TR_filter_to : TR_filter_from));
            buf_printf(out, "</label><input type=\"date\" id=\"f-%s\" name=\"%s\" value=\"", name,
                       name);
            esc_html(out, v);
            buf_puts(out, "\"></div>");
        }
        return;
    } else if (f->type == FT_REF && ref_dropdown(r, f)) {
        buf_printf(out, "<select id=\"f-%s\" name=\"%s\"><option value=\"\">", f->name, f->name);
        esc_html(out, tr(r->lang, TR_filter_all));
        buf_puts(out, "</option>");
        ref_options(r, f, cur, out);
        filter_none_option(r, f, cur, out);
        buf_puts(out, "</select>");
    } else {
        /* a reference to a large entity: the picker, or part of a name typed */
        if (f->type == FT_REF) {
            pick_filter_input(r, f, cur, out);
        } else {
            buf_printf(out, "<input id=\"f-%s\" name=\"%s\" value=\"", f->name, f->name);
            esc_html(out, cur);
            buf_puts(out, "\">");
        }
    }
    buf_puts(out, "</div>");
    (void)e;
}

/* A list filter that is one checkbox (?name=1): its label, and a second label after it
 * when more is given (the quiet value it brings back). name is a fixed identifier. */
static void filter_check(req *r, buf *out, const char *name, bool checked, tr_key label,
                         tr_key more)
{
    buf_printf(out,
               "<div class=\"filter check\"><input type=\"checkbox\" id=\"f-%s\" "
               "name=\"%s\" value=\"1\"%s><label for=\"f-%s\">",
               name, name, checked ? " checked" : "", name);
    esc_html(out, tr(r->lang, label));
    if (more) {
        buf_puts(out, " ");
        esc_html(out, tr(r->lang, more));
    }
    buf_puts(out, "</label></div>");
}

void render_list(req *r, const entity *e, const list_query *q, const db_res *rows, const char *next,
                 buf *out)
{
    buf_puts(out, "<div class=\"toolbar\">");
    if (e->can_create && perm_allows(r->auth, e->write_action, NULL) == true) {
        buf_printf(out, "<a class=\"button\" href=\"/%s/new\">", e->name);
        esc_html(out, tr(r->lang, TR_action_new));
        buf_puts(out, "</a> ");
    } else if (e->can_create && e->unit_field) {
        /* someone who may write in part of the tree can still create there */
        for (int i = 0; i < r->auth->ngrants; i++) {
            if (perm_allows(r->auth, e->write_action, r->auth->grants[i].unit_path)) {
                buf_printf(out, "<a class=\"button\" href=\"/%s/new\">", e->name);
                esc_html(out, tr(r->lang, TR_action_new));
                buf_puts(out, "</a> ");
                break;
            }
        }
    }
    buf_puts(out, "<a href=");
    buf b;
    buf_init(&b, 0);
    query_link(r, &b, e, q, q->sort, q->desc, NULL);
    const char *base = buf_str(&b);
    href(out, arena_printf(r->a, "/%s.csv%s", e->name, strchr(base, '?')));
    buf_puts(out, ">");
    esc_html(out, tr(r->lang, TR_action_export_csv));
    buf_puts(out, "</a> <a href=");
    href(out, arena_printf(r->a, "/%s.xlsx%s", e->name, strchr(base, '?')));
    buf_puts(out, ">");
    esc_html(out, tr(r->lang, TR_action_export_xlsx));
    buf_puts(out, "</a></div>");
    buf_free(&b);

    /* filters */
    buf_printf(out, "<form class=\"filters\" method=\"get\" action=\"/%s\" role=\"search\">",
               e->name);
    bool searchable = false;
    for (int i = 0; i < e->nfields; i++)
        searchable |= (e->fields[i].flags & F_SEARCH) != 0;
    if (searchable) {
        buf_puts(out, "<div class=\"filter\"><label for=\"f-q\">");
        esc_html(out, tr(r->lang, TR_filter_search));
        buf_puts(out, "</label><input type=\"search\" id=\"f-q\" name=\"q\" value=\"");
        esc_html(out, q->search);
        buf_puts(out, "\"></div>");
    }
    bool origin = origin_pair(e);
    for (int i = 0; i < e->nfields; i++)
        /* an origin is filtered by the API (?source_entity=risks&source_id=12), not typed */
        if ((e->fields[i].flags & F_FILTER) && !(origin && origin_field(&e->fields[i])))
            field_filter(r, e, &e->fields[i], q, out);
    /* rows left out by default (an audit log's reads): a checkbox brings them in */
    for (int i = 0; i < e->nfields; i++) {
        const field *f = &e->fields[i];
        if (f->type != FT_ENUM || !(f->flags & F_FILTER)) continue;
        for (const enum_opt *o = f->options; o && o->value; o++) {
            if (!o->quiet) continue;
            filter_check(r, out, "quiet", q->show_quiet, TR_filter_show_quiet, o->label);
            i = e->nfields; /* one checkbox */
            break;
        }
    }
    if (e->retire_column)
        filter_check(r, out, "retired", q->include_retired, TR_filter_include_retired, 0);
    if (e->due) filter_check(r, out, "overdue", q->overdue, TR_due_filter, 0);
    buf_puts(out, "<div class=\"filter\"><button type=\"submit\">");
    esc_html(out, tr(r->lang, TR_action_filter));
    buf_puts(out, "</button></div></form>");

    if (rows->nrows == 0) {
        buf_puts(out, "<p class=\"empty\">");
        esc_html(out, tr(r->lang, TR_list_empty));
        buf_puts(out, "</p>");
        return;
    }
    buf_puts(out, "<div class=\"table-scroll\"><table class=\"list\"><thead><tr>");
    for (int i = 0; i < e->nfields; i++) {
        const field *f = &e->fields[i];
        if (!(f->flags & F_LIST)) continue;
        bool sorted = q->sort && !strcmp(q->sort, f->name);
        buf_printf(out, "<th scope=\"col\"%s>",
                   sorted ? (q->desc ? " aria-sort=\"descending\"" : " aria-sort=\"ascending\"")
                          : "");
        if (f->flags & F_SORT) {
            buf l;
            buf_init(&l, 0);
            query_link(r, &l, e, q, f->name, sorted && !q->desc, NULL);
            buf_puts(out, "<a href=");
            href(out, buf_str(&l));
            buf_puts(out, ">");
            esc_html(out, tr(r->lang, f->label));
            if (sorted) /* aria-sort on the header says it; the arrow is for the eye */
                buf_puts(out, q->desc ? "<span aria-hidden=\"true\"> ▼</span>"
                                      : "<span aria-hidden=\"true\"> ▲</span>");
            buf_puts(out, "</a>");
            buf_free(&l);
        } else {
            esc_html(out, tr(r->lang, f->label));
        }
        buf_puts(out, "</th>");
    }
    buf_puts(out, "</tr></thead><tbody>");
    int retired_col = entity_retired_col(e);
    for (int row = 0; row < rows->nrows; row++) {
        bool retired = retired_col >= 0 && db_cell(rows, row, retired_col);
        buf_printf(out, "<tr%s>", retired ? " class=\"retired\"" : "");
        bool first = true;
        for (int i = 0; i < e->nfields; i++) {
            const field *f = &e->fields[i];
            if (!(f->flags & F_LIST)) continue;
            buf_puts(out, first ? "<th scope=\"row\">" : "<td>");
            const char *v = field_display(r, e, rows, row, i);
            if (first) {
                buf_printf(out, "<a href=\"/%s/%s\">", e->name, db_cell(rows, row, 0));
                if (v && *v)
                    esc_html(out, v);
                else
                    render_empty(r, out);
                buf_puts(out, "</a>");
                if (retired) {
                    buf_puts(out, " <span class=\"tag\">");
                    esc_html(out, tr(r->lang, TR_state_retired));
                    buf_puts(out, "</span>");
                }
            } else if (v && *v) {
                esc_html(out, v);
            } else {
                render_empty(r, out);
            }
            char since[11];
            if (e->due && !strcmp(e->due->field, f->name) &&
                due_row_overdue(r, e, rows, row, since))
                due_mark(r, since, out);
            buf_puts(out, first ? "</th>" : "</td>");
            first = false;
        }
        buf_puts(out, "</tr>");
    }
    buf_puts(out, "</tbody></table></div>");
    buf_puts(out, "<nav class=\"pager\" aria-label=\"");
    esc_html(out, tr(r->lang, TR_list_pages));
    buf_puts(out, "\">");
    if (q->after) {
        buf l;
        buf_init(&l, 0);
        query_link(r, &l, e, q, q->sort, q->desc, NULL);
        buf_puts(out, "<a href=");
        href(out, buf_str(&l));
        buf_puts(out, ">");
        esc_html(out, tr(r->lang, TR_list_first));
        buf_puts(out, "</a> ");
        buf_free(&l);
    }
    if (next) {
        buf l;
        buf_init(&l, 0);
        query_link(r, &l, e, q, q->sort, q->desc, next);
        buf_puts(out, "<a rel=\"next\" href=");
        href(out, buf_str(&l));
        buf_puts(out, ">");
        esc_html(out, tr(r->lang, TR_list_next));
        buf_puts(out, "</a>");
        buf_free(&l);
    }
    buf_puts(out, "</nav>");
}

/* A field shows nothing on the record page: no value v (a reference the reader may not
 * follow still shows that it is there). */
static bool detail_value_empty(const entity *e, const db_res *row, int i, const char *v)
{
    if (e->fields[i].type == FT_REF && db_cell(row, 0, entity_col(e, i))) return false;
    return !v || !*v;
}

/* One field of the record page as a term and its value v (its field_display). */
/* "Markera som klar" on a record whose due date is not yet moot (its status none of the
 * moot values, its done field empty), for whoever may edit it. */
static bool may_mark_done(req *r, const entity *e, const record *rec, bool may_write)
{
    const due_date *d = e->due;
    if (!d || !d->done_value || !d->status_field) return false;
    const char *status = record_get(rec, e, d->status_field);
    for (const char *const *m = d->moot; m && *m; m++)
        if (status && !strcmp(status, *m)) return false;
    if (d->done_field && record_get(rec, e, d->done_field)) return false;
    return may_write || entity_may_edit(r, e, rec);
}

static void detail_pair(req *r, const entity *e, const db_res *row, int i, const char *v, buf *out)
{
    const field *f = &e->fields[i];
    buf_puts(out, "<dt>");
    esc_html(out, tr(r->lang, f->label));
    buf_puts(out, "</dt><dd>");
    const char *raw = db_cell(row, 0, entity_col(e, i));
    if (f->type == FT_REF && raw && !db_cell(row, 0, entity_label_col(e, i))) {
        render_restricted(r, entity_find(f->ref), out);
    } else if (f->type == FT_REF && raw) {
        buf_printf(out, "<a href=\"/%s/", f->ref);
        esc_html(out, raw);
        buf_puts(out, "\">");
        esc_html(out, v);
        buf_puts(out, "</a>");
    } else if (!v || !*v) {
        render_empty(r, out);
    } else if (f->type == FT_LONGTEXT) {
        buf_puts(out, "<span class=\"pre\">");
        esc_html(out, v);
        buf_puts(out, "</span>");
    } else {
        esc_html(out, v);
    }
    char since[11];
    if (e->due && !strcmp(e->due->field, f->name) && due_row_overdue(r, e, row, 0, since))
        due_mark(r, since, out);
    buf_puts(out, "</dd>");
}

void render_detail(req *r, const entity *e, const db_res *row, buf *out)
{
    int64_t id = db_cell_int(row, 0, 0);
    record *rec = record_from_row(r, e, row, 0);
    bool may_write = entity_may_write(r, e, rec);
    int retired_col = entity_retired_col(e);
    bool retired = retired_col >= 0 && db_cell(row, 0, retired_col);
    if (retired) {
        buf_puts(out, "<p class=\"notice\">");
        esc_html(out, tr(r->lang, TR_state_retired));
        buf_puts(out, " ");
        char local[24];
        time_local_display(db_cell(row, 0, retired_col), local);
        esc_html(out, local);
        buf_puts(out, "</p>");
    }
    if (e->detail_top) e->detail_top(r, e, rec, out);
    /* the fields with a value, under their groups' headings; the empty ones folded below
     * them, so a long record reads as what is known */
    buf_puts(out, "<div class=\"record-fields\">");
    int *empty = arena_alloc(r->a, sizeof(int) * (size_t)(e->nfields + 1));
    int nempty = 0;
    bool origin = origin_pair(e), dl_open = false, heading_due = false;
    tr_key group = 0;
    for (int i = 0; i < e->nfields; i++) {
        const field *f = &e->fields[i];
        if (f->group) {
            group = f->group;
            heading_due = true;
        }
        if (!(f->flags & (F_DETAIL | F_LIST | F_FORM))) continue;
        /* where it came from is said once, by origin_show, never as a table name and id */
        if (origin && origin_field(f)) continue;
        const char *v = field_display(r, e, row, 0, i);
        if (empty && detail_value_empty(e, row, i, v)) {
            empty[nempty++] = i;
            continue;
        }
        if (heading_due && group) {
            if (dl_open) buf_puts(out, "</dl>");
            buf_puts(out, "<h2 class=\"field-group\">");
            esc_html(out, tr(r->lang, group));
            buf_puts(out, "</h2>");
            dl_open = false;
            heading_due = false;
        }
        if (!dl_open) buf_puts(out, "<dl class=\"detail\">");
        dl_open = true;
        detail_pair(r, e, row, i, v, out);
    }
    if (dl_open) buf_puts(out, "</dl>");
    if (nempty) {
        buf_puts(out, "<details class=\"empty-fields\"><summary>");
        esc_html(out, tr(r->lang, TR_detail_empty_fields));
        buf_printf(out, " (%d)</summary><dl class=\"detail\">", nempty);
        for (int k = 0; k < nempty; k++)
            detail_pair(r, e, row, empty[k], NULL, out);
        buf_puts(out, "</dl></details>");
    }
    buf_puts(out, "</div>");
    buf_puts(out, "<div class=\"toolbar\">");
    if (e->can_edit && !retired && !(e->frozen && e->frozen(rec)) &&
        (may_write || entity_may_edit(r, e, rec))) {
        buf_printf(out, "<a class=\"button\" href=\"/%s/%lld/edit\">", e->name, (long long)id);
        esc_html(out, tr(r->lang, TR_action_edit));
        buf_puts(out, "</a> ");
    }
    if (!retired && may_mark_done(r, e, rec, may_write)) {
        buf_printf(out, "<form method=\"post\" action=\"/%s/%lld/done\" class=\"inline\">", e->name,
                   (long long)id);
        buf_puts(out, "<input type=\"hidden\" name=\"_csrf\" value=\"");
        esc_html(out, r->auth->csrf);
        buf_puts(out, "\"><button type=\"submit\" class=\"primary\">");
        esc_html(out, tr(r->lang, e->due->done_label ? e->due->done_label : TR_action_mark_done));
        buf_puts(out, "</button></form> ");
    }
    if (may_write && e->retire_column && !(retired && e->retire_final)) {
        buf_printf(out, "<form method=\"post\" action=\"/%s/%lld/%s\" class=\"inline\">", e->name,
                   (long long)id, retired ? "reinstate" : "retire");
        buf_puts(out, "<input type=\"hidden\" name=\"_csrf\" value=\"");
        esc_html(out, r->auth->csrf);
        buf_puts(out, "\"><button type=\"submit\">");
        esc_html(out, tr(r->lang, retired ? TR_action_reinstate : TR_action_retire));
        buf_puts(out, "</button></form> ");
    }
    if (may_write && e->can_delete) {
        buf_printf(out, "<form method=\"post\" action=\"/%s/%lld/delete\" class=\"inline\">",
                   e->name, (long long)id);
        buf_puts(out, "<input type=\"hidden\" name=\"_csrf\" value=\"");
        esc_html(out, r->auth->csrf);
        buf_puts(out, "\"><button type=\"submit\" class=\"danger\">");
        esc_html(out, tr(r->lang, TR_action_delete));
        buf_puts(out, "</button></form>");
    }
    buf_puts(out, "</div>");
    if (e->detail_lead) e->detail_lead(r, e, rec, out);
    for (const entity_section *s = entity_sections; s->kind; s++)
        if (!strcmp(s->kind, e->name)) s->render(r, rec->id, out);
    related_render(r, e, rec, out);
    if (e->detail_extra) e->detail_extra(r, e, rec, out);
}

void render_empty(req *r, buf *out)
{
    buf_puts(out, "<span aria-hidden=\"true\">–</span><span class=\"vh\">");
    esc_html(out, tr(r->lang, TR_empty_value));
    buf_puts(out, "</span>");
}

void render_value(req *r, buf *out, const char *v)
{
    if (v && *v)
        esc_html(out, v);
    else
        render_empty(r, out);
}

void render_restricted(req *r, const entity *ref, buf *out)
{
    if (ref) esc_html(out, tr(r->lang, ref->label_one));
    buf_puts(out, " <span class=\"muted\">(");
    esc_html(out, tr(r->lang, TR_origin_restricted));
    buf_puts(out, ")</span>");
}

static void ref_options(req *r, const field *f, const char *cur, buf *out)
{
    const entity *ref = entity_find(f->ref);
    const char *sql = arena_printf(
        r->a,
        "SELECT t.id, %s FROM %s t WHERE t.tenant_id = $1%s%s%s%s ORDER BY "
        "2, t.id LIMIT 2000",
        ref->title_sql, ref->table, ref->retire_column ? " AND t." : "",
        ref->retire_column ? ref->retire_column : "", ref->retire_column ? " IS NULL" : "",
        entity_read_scope(r, ref, "t")); /* only rows the reader may see are offered */
    const char *p[] = {tenant_param(r)};
    db_res *res = NULL;
    if (db_query(r->db, r->a, sql, 1, p, &res) != DB_OK) return;
    for (int i = 0; i < res->nrows; i++) {
        const char *id = db_cell(res, i, 0);
        buf_puts(out, "<option value=\"");
        esc_html(out, id);
        buf_printf(out, "\"%s>", cur && !strcmp(cur, id) ? " selected" : "");
        esc_html(out, db_cell(res, i, 1));
        buf_puts(out, "</option>");
    }
}

void render_errors(req *r, const entity *e, const errors *errs, buf *out)
{
    if (!errs || !errs->n) return;
    buf_puts(out, "<div class=\"error-summary\" role=\"alert\" tabindex=\"-1\"><h2>");
    esc_html(out, tr(r->lang, TR_err_summary));
    buf_puts(out, "</h2><ul>");
    for (int i = 0; i < errs->n; i++) {
        const field_error *fe = &errs->items[i];
        buf_puts(out, "<li>");
        if (fe->field >= 0 && e) {
            buf_printf(out, "<a href=\"#in-%s\">", e->fields[fe->field].name);
            esc_html(out, tr(r->lang, e->fields[fe->field].label));
            buf_puts(out, "</a>: ");
        }
        esc_html(out, tr(r->lang, fe->message));
        if (fe->detail) {
            buf_puts(out, " (");
            esc_html(out, fe->detail);
            buf_puts(out, ")");
        }
        buf_puts(out, "</li>");
    }
    buf_puts(out, "</ul></div>");
}

void render_form(req *r, const entity *e, const record *rec, bool creating, const errors *errs,
                 buf *out)
{
    render_errors(r, e, errs, out);
    if (creating)
        buf_printf(out, "<form method=\"post\" action=\"/%s\" class=\"form\" novalidate>", e->name);
    else
        buf_printf(out, "<form method=\"post\" action=\"/%s/%lld\" class=\"form\" novalidate>",
                   e->name, (long long)rec->id);
    buf_puts(out, "<input type=\"hidden\" name=\"_csrf\" value=\"");
    esc_html(out, r->auth->csrf);
    buf_puts(out, "\">");
    /* opened from a parent's page: back there, with the reference to it fixed */
    const char *ret = related_return(r);
    int fixed = creating ? related_fixed_field(r, e, ret, rec) : -1;
    if (ret) {
        buf_puts(out, "<input type=\"hidden\" name=\"return\" value=\"");
        esc_html(out, ret);
        buf_puts(out, "\">");
    }
    bool origin = origin_pair(e);
    if (origin && creating && rec) origin_form(r, e, rec, out);
    for (int i = 0; i < e->nfields; i++) {
        const field *f = &e->fields[i];
        if (!(f->flags & F_FORM) || (!creating && (f->flags & F_CREATE_ONLY))) continue;
        if (!field_settable(r, e, f)) continue;
        if (origin && origin_field(f)) continue; /* origin_form carries them */
        const char *v = rec ? rec->values[i] : NULL;
        if (i == fixed) {
            buf_printf(out,
                       "<div class=\"field fixed\"><input type=\"hidden\" id=\"in-%s\" name=\"%s\" "
                       "value=\"",
                       f->name, f->name);
            esc_html(out, v);
            buf_puts(out, "\"><p><span class=\"label\">");
            esc_html(out, tr(r->lang, f->label));
            buf_puts(out, ":</span> ");
            render_value(r, out, ref_name(r, entity_find(f->ref), v));
            buf_puts(out, "</p></div>");
            continue;
        }
        const char *err = NULL;
        for (int k = 0; errs && k < errs->n; k++)
            if (errs->items[k].field == i) err = tr(r->lang, errs->items[k].message);
        buf_printf(out, "<div class=\"field%s\">", err ? " invalid" : "");
        if (f->type == FT_BOOL) {
            buf_printf(out, "<input type=\"checkbox\" id=\"in-%s\" name=\"%s\" value=\"1\"%s>",
                       f->name, f->name, v && strcmp(v, "0") ? " checked" : "");
            buf_printf(out, "<label for=\"in-%s\">", f->name);
            esc_html(out, tr(r->lang, f->label));
            buf_puts(out, "</label></div>");
            continue;
        }
        buf_printf(out, "<label for=\"in-%s\">", f->name);
        esc_html(out, tr(r->lang, f->label));
        if (f->flags & F_REQUIRED) {
            buf_puts(out, " <span class=\"req\">(");
            esc_html(out, tr(r->lang, TR_form_required));
            buf_puts(out, ")</span>");
        }
        buf_puts(out, "</label>");
        if (f->help) {
            buf_printf(out, "<p class=\"help\" id=\"help-%s\">", f->name);
            esc_html(out, tr(r->lang, f->help));
            buf_puts(out, "</p>");
        }
        if (err) {
            buf_printf(out, "<p class=\"error\" id=\"err-%s\">", f->name);
            esc_html(out, err);
            buf_puts(out, "</p>");
        }
        /* a reference to a large entity is typed (a name or an e-mail), not picked */
        bool typed_ref = f->type == FT_REF && !ref_dropdown(r, f);
        const char *described =
            err         ? arena_printf(r->a, " aria-invalid=\"true\" aria-describedby=\"err-%s%s\"",
                                       f->name, typed_ref ? arena_printf(r->a, " lookup-%s", f->name) : "")
            : f->help   ? arena_printf(r->a, " aria-describedby=\"help-%s%s\"", f->name,
                                     typed_ref ? arena_printf(r->a, " lookup-%s", f->name) : "")
            : typed_ref ? arena_printf(r->a, " aria-describedby=\"lookup-%s\"", f->name)
                        : "";
        const char *required = (f->flags & F_REQUIRED) ? " required" : "";
        if (typed_ref) {
            pick_form_field(r, f, v, err != NULL, described, required, out);
        } else if (f->type == FT_ENUM || f->type == FT_REF ||
                   (f->type == FT_INT && f->value_label)) {
            buf_printf(out, "<select id=\"in-%s\" name=\"%s\"%s%s><option value=\"\"></option>",
                       f->name, f->name, described, required);
            if (f->type == FT_ENUM) {
                for (const enum_opt *o = f->options; o && o->value; o++) {
                    buf_puts(out, "<option value=\"");
                    esc_html(out, o->value);
                    buf_printf(out, "\"%s>", v && !strcmp(v, o->value) ? " selected" : "");
                    esc_html(out, enum_label(r, f, o->value));
                    buf_puts(out, "</option>");
                }
            } else if (f->type == FT_INT) {
                /* the values that have a label; a stored or typed one without is kept */
                bool shown = false;
                for (int64_t k = f->min; k <= f->max; k++) {
                    const char *kv = int_text(r->a, k);
                    const char *label = f->value_label(r, kv);
                    if (!label) continue;
                    bool on = v && !strcmp(v, kv);
                    shown |= on;
                    buf_printf(out, "<option value=\"%s\"%s>", kv, on ? " selected" : "");
                    esc_html(out, label);
                    buf_puts(out, "</option>");
                }
                if (v && !shown) {
                    buf_puts(out, "<option value=\"");
                    esc_html(out, v);
                    buf_puts(out, "\" selected>");
                    esc_html(out, v);
                    buf_puts(out, "</option>");
                }
            } else {
                ref_options(r, f, v, out);
            }
            buf_puts(out, "</select>");
        } else if (f->type == FT_LONGTEXT) {
            buf_printf(out, "<textarea id=\"in-%s\" name=\"%s\" rows=\"4\"%s%s>", f->name, f->name,
                       described, required);
            esc_html(out, v);
            buf_puts(out, "</textarea>");
        } else if (f->type == FT_DATETIME) {
            /* shown and typed in Stockholm time; an unparsable value is given back as typed */
            char local[24];
            time_local_input(v, local);
            buf_printf(out, "<input type=\"datetime-local\" id=\"in-%s\" name=\"%s\"%s%s value=\"",
                       f->name, f->name, described, required);
            esc_html(out, v ? local : "");
            buf_puts(out, "\">");
        } else {
            const char *type = f->type == FT_EMAIL  ? "email"
                               : f->type == FT_DATE ? "date"
                               : f->type == FT_INT  ? "number"
                                                    : "text";
            buf_printf(out, "<input type=\"%s\" id=\"in-%s\" name=\"%s\"%s%s", type, f->name,
                       f->name, described, required);
            if (f->max_len) buf_printf(out, " maxlength=\"%d\"", f->max_len);
            buf_puts(out, " value=\"");
            esc_html(out, v);
            buf_puts(out, "\">");
        }
        buf_puts(out, "</div>");
    }
    buf_puts(out, "<div class=\"actions\"><button type=\"submit\" class=\"primary\">");
    esc_html(out, tr(r->lang, TR_action_save));
    buf_puts(out, "</button> <a href=\"");
    if (ret)
        esc_html(out, ret);
    else if (creating)
        buf_printf(out, "/%s", e->name);
    else
        buf_printf(out, "/%s/%lld", e->name, (long long)rec->id);
    buf_puts(out, "\">");
    esc_html(out, tr(r->lang, TR_action_cancel));
    buf_puts(out, "</a></div></form>");
}

void render_related_head(req *r, buf *out, tr_key heading, int count, const char *new_link)
{
    buf_puts(out, "<section class=\"related\"><h2>");
    esc_html(out, tr(r->lang, heading));
    buf_printf(out, " <span class=\"count\">(%d)</span></h2>", count);
    if (new_link) {
        buf_puts(out, "<p><a class=\"button\" href=\"");
        esc_url_attr(out, new_link);
        buf_puts(out, "\">");
        esc_html(out, tr(r->lang, TR_action_add));
        buf_puts(out, "</a></p>");
    }
}
