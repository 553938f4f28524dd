/* label_pages.c - the tenant's names of its matrix's steps and levels and the levels'
 * colours: shown on /risks/matrix, changed there (POST /risks/matrix/labels) or by a
 * program (POST /api/v1/risk_matrix/labels). The whole set is checked first (a name of
 * 1–40 characters for every step of the current size and every level, colours as
 * #rrggbb); any error changes nothing. A change replaces the set in one transaction
 * with its diff in the audit log. */
#include "labels.h"
#include "../http/page.h"
#include "../core/escape.h"
#include "../core/util.h"
#include <ctype.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static bool may_change(req *r)
{
    return perm_allows(r->auth, ACT_RISK_WRITE, NULL);
}

static void fill_current(req *r, label_form *f)
{
    const matrix_names *n = tenant_names(r);
    memset(f, 0, sizeof *f);
    for (int v = 1; v <= n->m.likelihoods; v++)
        f->likelihood[v] = n->likelihood[v];
    for (int v = 1; v <= n->m.consequences; v++)
        f->consequence[v] = n->consequence[v];
    for (int k = 0; k < LEVEL__COUNT; k++) {
        f->level[k] = n->level[k];
        f->colour[k] = n->colour[k];
    }
}

/* trimmed copy; colours in lower case */
static const char *clean(req *r, const char *s, bool colour)
{
    if (!s) return NULL;
    char *c = str_trim(arena_strdup(r->a, s));
    if (colour)
        for (char *p = c; *p; p++)
            *p = (char)tolower((unsigned char)*p);
    return c;
}

static void check(label_form *f, risk_matrix m)
{
    for (int v = 1; v <= m.likelihoods; v++)
        if (!matrix_label_valid(f->likelihood[v]))
            f->err_likelihood[v] = TR_err_matrix_label, f->nerr++;
    for (int v = 1; v <= m.consequences; v++)
        if (!matrix_label_valid(f->consequence[v]))
            f->err_consequence[v] = TR_err_matrix_label, f->nerr++;
    for (int k = 0; k < LEVEL__COUNT; k++) {
        if (!matrix_label_valid(f->level[k])) f->err_level[k] = TR_err_matrix_label, f->nerr++;
        if (!matrix_colour_valid(f->colour[k])) f->err_colour[k] = TR_err_matrix_colour, f->nerr++;
    }
    if (f->err_steps) f->nerr++;
}

typedef struct diff_list {
    const char **t;
    int n;
} diff_list;

static void diff_add(req *r, diff_list *d, const char *name, const char *old, const char *now)
{
    if (old && now && !strcmp(old, now)) return;
    d->t[3 * d->n] = arena_strdup(r->a, name);
    d->t[3 * d->n + 1] = old;
    d->t[3 * d->n + 2] = now;
    d->n++;
}

static int insert(req *r, const char *tenant, const char *axis, int step, int size,
                  const char *label, const char *colour, const char *now)
{
    const char *p[] = {
        tenant, axis, arena_printf(r->a, "%d", step), arena_printf(r->a, "%d", size), label,
        colour, now};
    return db_exec(r->db,
                   "INSERT INTO risk_matrix_label (tenant_id, axis, step, size, label, colour, "
                   "updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                   7, p, NULL);
}

/* Replaces the tenant's names with f's (already checked), audited; false on a database
 * error (nothing changed). */
static bool save(req *r, const label_form *f)
{
    const matrix_names *old = tenant_names(r);
    risk_matrix m = old->m;
    diff_list d = {arena_alloc(r->a, sizeof(char *) * 3 * (2 * MATRIX_MAX_LEVELS + 8)), 0};
    for (int v = 1; v <= m.likelihoods; v++)
        diff_add(r, &d, arena_printf(r->a, "likelihood_%d", v), old->likelihood[v],
                 f->likelihood[v]);
    for (int v = 1; v <= m.consequences; v++)
        diff_add(r, &d, arena_printf(r->a, "consequence_%d", v), old->consequence[v],
                 f->consequence[v]);
    for (int k = 0; k < LEVEL__COUNT; k++) {
        const char *code = risk_level_code((risk_level)k);
        diff_add(r, &d, arena_printf(r->a, "level_%s", code), old->level[k], f->level[k]);
        diff_add(r, &d, arena_printf(r->a, "colour_%s", code), old->colour[k], f->colour[k]);
    }
    if (!d.n) return true; /* nothing to change, nothing to log */
    const char *tenant = tenant_param(r);
    char now[21];
    time_now_iso(now);
    if (db_begin(r->db) != DB_OK) return false;
    bool ok = db_exec(r->db, "DELETE FROM risk_matrix_label WHERE tenant_id = $1", 1,
                      (const char *[]){tenant}, NULL) == DB_OK;
    for (int v = 1; ok && v <= m.likelihoods; v++)
        ok =
            insert(r, tenant, "likelihood", v, m.likelihoods, f->likelihood[v], NULL, now) == DB_OK;
    for (int v = 1; ok && v <= m.consequences; v++)
        ok = insert(r, tenant, "consequence", v, m.consequences, f->consequence[v], NULL, now) ==
             DB_OK;
    for (int k = 0; ok && k < LEVEL__COUNT; k++)
        ok = insert(r, tenant, "level", k + 1, LEVEL__COUNT, f->level[k], f->colour[k], now) ==
             DB_OK;
    ok = ok && entity_audit(r, "update", NULL, 0, "risk matrix names",
                            entity_diff_triples(r, d.t, d.n)) == DB_OK;
    if (!ok || db_commit(r->db) != DB_OK) {
        db_rollback(r->db);
        return false;
    }
    matrix_names_forget(r);
    return true;
}

/* a sample of a colour with a word on it in the text colour chosen for it (SVG: the
 * page's style policy allows no inline styles) */
static void swatch(buf *b, const char *colour, const char *word)
{
    if (!matrix_colour_valid(colour)) return;
    buf_printf(b,
               "<svg class=\"swatch\" width=\"120\" height=\"28\" viewBox=\"0 0 120 28\" "
               "aria-hidden=\"true\"><rect width=\"120\" height=\"28\" fill=\"%s\" "
               "stroke=\"#595959\"/><text x=\"60\" y=\"19\" text-anchor=\"middle\" "
               "font-size=\"13\" font-family=\"sans-serif\" fill=\"%s\">",
               colour, matrix_text_colour(colour));
    esc_html(b, word);
    buf_puts(b, "</text></svg>");
}

static void input(req *r, buf *b, const char *name, const char *label, const char *value,
                  tr_key err, bool colour)
{
    buf_printf(b, "<div class=\"field%s\"><label for=\"in-%s\">", err ? " invalid" : "", name);
    esc_html(b, label);
    buf_puts(b, "</label>");
    if (err) {
        buf_printf(b, "<p class=\"error\" id=\"err-%s\">", name);
        esc_html(b, tr(r->lang, err));
        buf_puts(b, "</p>");
    }
    buf_printf(b, "<input type=\"text\" id=\"in-%s\" name=\"%s\" maxlength=\"%d\" required", name,
               name, colour ? 7 : MATRIX_LABEL_MAX * 4);
    if (colour) buf_puts(b, " pattern=\"#[0-9a-fA-F]{6}\"");
    if (err) buf_printf(b, " aria-invalid=\"true\" aria-describedby=\"err-%s\"", name);
    buf_puts(b, " value=\"");
    esc_html(b, value);
    buf_puts(b, "\"></div>");
}

static void axis_fields(req *r, buf *b, bool likelihood, int size, const label_form *f)
{
    buf_puts(b, "<fieldset><legend>");
    esc_html(b, tr(r->lang, likelihood ? TR_risk_likelihood : TR_risk_consequence));
    buf_puts(b, "</legend>");
    for (int v = 1; v <= size; v++)
        input(r, b, arena_printf(r->a, "%s_%d", likelihood ? "likelihood" : "consequence", v),
              arena_printf(r->a, tr(r->lang, TR_matrix_step), v),
              likelihood ? f->likelihood[v] : f->consequence[v],
              likelihood ? f->err_likelihood[v] : f->err_consequence[v], false);
    buf_puts(b, "</fieldset>");
}

void matrix_labels_section(req *r, buf *b, const label_form *f)
{
    label_form current;
    if (!f) {
        fill_current(r, &current);
        f = &current;
    }
    const matrix_names *n = tenant_names(r);
    buf_puts(b, "<section class=\"related\" id=\"names\"><h2>");
    esc_html(b, tr(r->lang, TR_matrix_names));
    buf_puts(b, "</h2>");
    if (f->saved) {
        buf_puts(b, "<p class=\"flash\" role=\"status\">");
        esc_html(b, tr(r->lang, TR_matrix_names_saved));
        buf_puts(b, "</p>");
    }
    buf_puts(b, "<p>");
    esc_html(b, tr(r->lang, TR_matrix_names_intro));
    buf_puts(b, "</p><ul class=\"levels\">");
    for (int k = 0; k < LEVEL__COUNT; k++) {
        buf_puts(b, "<li>");
        swatch(b, n->colour[k], n->level[k]);
        buf_puts(b, " ");
        esc_html(b, n->level[k]);
        buf_printf(b, " <code>%s</code></li>", n->colour[k]);
    }
    buf_puts(b, "</ul>");
    if (!may_change(r)) {
        buf_puts(b, "</section>");
        return;
    }
    if (f->nerr) {
        buf_puts(b, "<p class=\"error\" role=\"alert\" id=\"names-error\">");
        esc_html(b, tr(r->lang, f->err_steps ? f->err_steps : TR_err_matrix_names));
        buf_puts(b, "</p>");
    }
    buf_puts(b, "<form method=\"post\" action=\"/risks/matrix/labels\"><input type=\"hidden\" "
                "name=\"_csrf\" value=\"");
    esc_html(b, r->auth->csrf);
    buf_puts(b, "\">");
    axis_fields(r, b, true, n->m.likelihoods, f);
    axis_fields(r, b, false, n->m.consequences, f);
    buf_puts(b, "<fieldset><legend>");
    esc_html(b, tr(r->lang, TR_risk_level));
    buf_puts(b, "</legend><p class=\"help\">");
    esc_html(b, tr(r->lang, TR_matrix_colour_help));
    buf_puts(b, "</p>");
    for (int k = 0; k < LEVEL__COUNT; k++) {
        const char *code = risk_level_code((risk_level)k);
        const char *dflt = tr(r->lang, risk_level_label((risk_level)k));
        input(r, b, arena_printf(r->a, "level_%s", code),
              arena_printf(r->a, tr(r->lang, TR_matrix_level_name), dflt), f->level[k],
              f->err_level[k], false);
        input(r, b, arena_printf(r->a, "colour_%s", code),
              arena_printf(r->a, tr(r->lang, TR_matrix_level_colour), dflt), f->colour[k],
              f->err_colour[k], true);
    }
    buf_puts(b, "</fieldset><div class=\"actions\"><button type=\"submit\">");
    esc_html(b, tr(r->lang, TR_matrix_names_save));
    buf_puts(b, "</button></div></form></section>");
}

void matrix_labels_preview(req *r, buf *b, risk_matrix to)
{
    const matrix_names *n = tenant_names(r);
    buf_puts(b, "<ul id=\"names-preview\">");
    for (int k = 0; k < 2; k++) {
        bool likelihood = k == 0, own = likelihood ? n->own_likelihood : n->own_consequence;
        int from = likelihood ? n->m.likelihoods : n->m.consequences,
            size = likelihood ? to.likelihoods : to.consequences;
        tr_key what = !own           ? TR_matrix_names_default
                      : from == size ? TR_matrix_names_kept
                                     : TR_matrix_names_reset;
        buf_puts(b, "<li>");
        esc_html(b,
                 arena_printf(r->a, tr(r->lang, what),
                              tr(r->lang, likelihood ? TR_risk_likelihood : TR_risk_consequence)));
        buf_puts(b, "</li>");
    }
    buf_puts(b, "</ul>");
}

void h_risk_matrix_labels(req *r, resp *out)
{
    if (!may_change(r)) {
        respond_error(r, out, 403, "forbidden", TR_err_forbidden);
        return;
    }
    risk_matrix m = tenant_names(r)->m;
    label_form f = {0};
    for (int v = 1; v <= m.likelihoods; v++)
        f.likelihood[v] = clean(r, kv_get(&r->form, arena_printf(r->a, "likelihood_%d", v)), false);
    for (int v = 1; v <= m.consequences; v++)
        f.consequence[v] =
            clean(r, kv_get(&r->form, arena_printf(r->a, "consequence_%d", v)), false);
    for (int k = 0; k < LEVEL__COUNT; k++) {
        const char *code = risk_level_code((risk_level)k);
        f.level[k] = clean(r, kv_get(&r->form, arena_printf(r->a, "level_%s", code)), false);
        f.colour[k] = clean(r, kv_get(&r->form, arena_printf(r->a, "colour_%s", code)), true);
    }
    check(&f, m);
    if (f.nerr) {
        out->status = 422;
        risk_matrix_page(r, out, &f);
        return;
    }
    if (!save(r, &f)) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    resp_redirect(out, r->a, "/risks/matrix?names=saved#names");
}

/* an array of exactly n strings into out[first…]; false when it is not one */
static bool strings(req *r, json_t *a, int n, const char **out, int first)
{
    if (!json_is_array(a) || (int)json_array_size(a) != n) return false;
    for (int i = 0; i < n; i++) {
        json_t *s = json_array_get(a, (size_t)i);
        out[first + i] = json_is_string(s) ? clean(r, json_string_value(s), false) : NULL;
    }
    return true;
}

static void json_field_error(buf *b, bool *first, const char *name, const char *message)
{
    if (!*first) buf_putc(b, ',');
    *first = false;
    esc_json_string(b, name);
    buf_putc(b, ':');
    esc_json_string(b, message);
}

void api_risk_matrix_labels(req *r, resp *out)
{
    if (!may_change(r)) {
        respond_error(r, out, 403, "forbidden", TR_err_forbidden);
        return;
    }
    risk_matrix m = tenant_names(r)->m;
    label_form f = {0};
    json_t *root = json_loadb(r->body ? r->body : "", r->body_len, 0, NULL);
    bool l_ok = strings(r, json_object_get(root, "likelihood"), m.likelihoods, f.likelihood, 1);
    bool c_ok = strings(r, json_object_get(root, "consequence"), m.consequences, f.consequence, 1);
    json_t *levels = json_object_get(root, "levels");
    bool v_ok = json_is_array(levels) && json_array_size(levels) == LEVEL__COUNT;
    for (int k = 0; v_ok && k < LEVEL__COUNT; k++) {
        json_t *o = json_array_get(levels, (size_t)k);
        json_t *name = json_object_get(o, "name"), *colour = json_object_get(o, "colour");
        f.level[k] = json_is_string(name) ? clean(r, json_string_value(name), false) : NULL;
        f.colour[k] = json_is_string(colour) ? clean(r, json_string_value(colour), true) : NULL;
    }
    if (!l_ok || !c_ok || !v_ok) f.err_steps = TR_err_matrix_steps;
    check(&f, m);
    json_decref(root);
    if (f.nerr) {
        respond_json(out, 422);
        buf *b = &out->body;
        buf_puts(b, "{\"error\":{\"code\":\"invalid\",\"message\":");
        esc_json_string(b, tr(LANG_EN, f.err_steps ? f.err_steps : TR_err_matrix_names));
        buf_puts(b, ",\"fields\":{");
        bool first = true;
        const char *steps = tr(LANG_EN, TR_err_matrix_steps);
        if (!l_ok) json_field_error(b, &first, "likelihood", steps);
        if (!c_ok) json_field_error(b, &first, "consequence", steps);
        if (!v_ok) json_field_error(b, &first, "levels", steps);
        for (int v = 1; l_ok && v <= m.likelihoods; v++)
            if (f.err_likelihood[v])
                json_field_error(b, &first, arena_printf(r->a, "likelihood[%d]", v - 1),
                                 tr(LANG_EN, f.err_likelihood[v]));
        for (int v = 1; c_ok && v <= m.consequences; v++)
            if (f.err_consequence[v])
                json_field_error(b, &first, arena_printf(r->a, "consequence[%d]", v - 1),
                                 tr(LANG_EN, f.err_consequence[v]));
        for (int k = 0; v_ok && k < LEVEL__COUNT; k++) {
            if (f.err_level[k])
                json_field_error(b, &first, arena_printf(r->a, "levels[%d].name", k),
                                 tr(LANG_EN, f.err_level[k]));
            if (f.err_colour[k])
                json_field_error(b, &first, arena_printf(r->a, "levels[%d].colour", k),
                                 tr(LANG_EN, f.err_colour[k]));
        }
        buf_puts(b, "}}}");
        return;
    }
    if (!save(r, &f)) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    api_risk_matrix(r, out);
}
