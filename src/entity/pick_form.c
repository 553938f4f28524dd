/* pick_form.c - a reference field in a form: a text box that app.js makes a WAI-ARIA
 * combobox over /pick/:e, and without JavaScript a search step on the server (the form
 * comes back with the matches as radio buttons, nothing saved, the other fields kept). */
#include "pick.h"
#include "../core/escape.h"
#include "../core/util.h"
#include <string.h>

/* "Skriv början av ett ord och välj i listan. Sök på: Namn, Leverantör." — the words a
 * user can type for this kind, from its search fields. */
static void pick_hint(req *r, const entity *ref, buf *out)
{
    esc_html(out, tr(r->lang, TR_pick_hint));
    bool any = false;
    for (int i = 0; i < ref->nfields; i++) {
        const field *f = &ref->fields[i];
        if (!pick_field_indexed(f)) continue;
        buf_puts(out, any ? ", " : " ");
        esc_html(out, tr(r->lang, f->label));
        any = true;
    }
    if (!any) {
        buf_putc(out, ' ');
        esc_html(out, tr(r->lang, TR_pick_hint_title));
    }
    buf_putc(out, '.');
}

/* The second line of a match: what tells namesakes apart, then the unit. */
static void second_line(const db_res *rows, int i, buf *out)
{
    const char *detail = db_cell(rows, i, 3), *unit = db_cell(rows, i, 2);
    if (detail && *detail) esc_html(out, detail);
    if (detail && *detail && unit && *unit) buf_puts(out, " · ");
    if (unit && *unit) esc_html(out, unit);
}

static void search_step(req *r, const field *f, const entity *ref, const char *typed,
                        const char *described, buf *out)
{
    db_res *rows = NULL;
    if (entity_pick(r, ref, typed, &rows) != DB_OK) rows = NULL;
    int n = rows ? rows->nrows : 0, shown = n > PICK_LIMIT ? PICK_LIMIT : n;
    buf_printf(out, "<input type=\"text\" id=\"in-%s\" name=\"%s__text\" autocomplete=\"off\"%s",
               f->name, f->name, described);
    buf_puts(out, " value=\"");
    esc_html(out, typed);
    buf_printf(out, "\"><p class=\"help\" id=\"again-%s\">", f->name);
    esc_html(out, tr(r->lang, TR_pick_step_again));
    buf_puts(out, "</p>");
    if (!shown) {
        buf_puts(out, "<p class=\"pick-none\">");
        esc_html(out, tr(r->lang, TR_pick_step_none));
        buf_puts(out, " »");
        esc_html(out, typed);
        buf_puts(out, "«.</p>");
        return;
    }
    buf_puts(out, "<fieldset class=\"pick-step\"><legend>");
    esc_html(out, tr(r->lang, TR_pick_step_found));
    buf_puts(out, " »");
    esc_html(out, typed);
    buf_puts(out, "«</legend>");
    for (int i = 0; i < shown; i++) {
        const char *id = db_cell(rows, i, 0);
        buf_printf(out, "<div class=\"choice\"><input type=\"radio\" name=\"%s\" id=\"in-%s-",
                   f->name, f->name);
        esc_html(out, id);
        buf_puts(out, "\" value=\"");
        esc_html(out, id);
        buf_printf(out, "\"><label for=\"in-%s-", f->name);
        esc_html(out, id);
        buf_puts(out, "\">");
        esc_html(out, db_cell(rows, i, 1));
        buf_puts(out, " <span class=\"second\">");
        second_line(rows, i, out);
        buf_puts(out, "</span></label></div>");
    }
    if (n > PICK_LIMIT) {
        buf_puts(out, "<p class=\"help\">");
        esc_html(out, tr(r->lang, TR_pick_step_more));
        buf_puts(out, "</p>");
    }
    buf_puts(out, "</fieldset>");
}

/* The attributes app.js turns into a combobox: where to ask, the chosen id and its title,
 * and the live region's words ("3 träffar", "Inga träffar"). */
static void pick_data(req *r, const entity *ref, const char *value, bool typed, const char *shown,
                      buf *out)
{
    buf_printf(out, "data-pick=\"/pick/%s\" data-pick-id=\"", ref->name);
    if (!typed) esc_html(out, value);
    buf_puts(out, "\" data-pick-title=\"");
    const char *hash = shown && !typed ? strstr(shown, " (#") : NULL;
    if (hash) esc_html(out, arena_strndup(r->a, shown, (size_t)(hash - shown)));
    const char *attr[] = {"data-one", "data-many", "data-none", "data-more"};
    const tr_key words[] = {TR_pick_one, TR_pick_many, TR_pick_none, TR_pick_more};
    buf_putc(out, '"');
    for (int k = 0; k < 4; k++) {
        buf_printf(out, " %s=\"", attr[k]);
        esc_html(out, tr(r->lang, words[k]));
        buf_putc(out, '"');
    }
}

void pick_form_field(req *r, const field *f, const char *value, bool invalid, const char *described,
                     const char *required, buf *out)
{
    const entity *ref = entity_find(f->ref);
    buf_printf(out, "<p class=\"help\" id=\"lookup-%s\">", f->name);
    pick_hint(r, ref, out);
    buf_puts(out, "</p>");
    int64_t id;
    bool typed = value && *value && !parse_int64(value, &id);
    if (typed && invalid) {
        search_step(r, f, ref, value, described, out);
        return;
    }
    /* without JavaScript the box shows "Title (#id)", which saves as that id again; app.js
     * shows the title and keeps the id in a hidden field of this name */
    const char *shown = ref_title(r, ref, value);
    buf_printf(out, "<input type=\"text\" id=\"in-%s\" name=\"%s\" autocomplete=\"off\"%s%s ",
               f->name, f->name, described, required);
    pick_data(r, ref, value, typed, shown, out);
    buf_puts(out, " value=\"");
    esc_html(out, shown);
    buf_puts(out, "\">");
}

void pick_filter_input(req *r, const field *f, const char *value, buf *out)
{
    const entity *ref = entity_find(f->ref);
    int64_t id;
    bool typed = value && *value && !parse_int64(value, &id);
    const char *shown = typed ? value : ref_title(r, ref, value);
    buf_printf(out, "<input type=\"text\" id=\"f-%s\" name=\"%s\" autocomplete=\"off\" ", f->name,
               f->name);
    pick_data(r, ref, value, typed, shown, out);
    buf_puts(out, " value=\"");
    esc_html(out, shown);
    buf_puts(out, "\">");
}
