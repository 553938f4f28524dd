/* matrix_pages.c - the tenant's risk matrix: /risks/matrix shows it with its level bands
 * and changes its size (CISO, for the whole tenant); /api/v1/risk_matrix does the same
 * for programs. A change moves every stored rating, inherent and residual, with
 * matrix_map_rating and derives the levels again, in one transaction, each risk's change
 * in the audit log: nothing is silently lost. */
#include "labels.h"
#include "../http/page.h"
#include "../core/escape.h"
#include "../core/util.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static const char *map_or_null(req *r, const char *v, int from, int to)
{
    return v ? int_text(r->a, matrix_map_rating(atoi(v), from, to)) : NULL;
}

static void diff_pair(buf *d, const char *name, const char *old, const char *now)
{
    if ((!old && !now) || (old && now && !strcmp(old, now))) return;
    buf_printf(d, "%s\"%s\":[", d->len > 1 ? "," : "", name);
    if (old)
        esc_json_string(d, old);
    else
        buf_puts(d, "null");
    buf_putc(d, ',');
    if (now)
        esc_json_string(d, now);
    else
        buf_puts(d, "null");
    buf_putc(d, ']');
}

/* Moves every rating of the tenant onto matrix `to`; returns the number of risks changed,
 * or -1 on a database error (then nothing is changed). */
static int change_matrix(req *r, risk_matrix to)
{
    if (db_begin(r->db) != DB_OK) return -1;
    risk_matrix from = tenant_matrix(r);
    const char *tenant = tenant_param(r);
    const char *p[] = {tenant};
    db_res *res = NULL;
    bool ok = db_query(r->db, r->a,
                       "SELECT id, title, likelihood, consequence, level, residual_likelihood, "
                       "residual_consequence, residual_level FROM risk WHERE tenant_id = $1 ORDER "
                       "BY id",
                       1, p, &res) == DB_OK;
    char now[21];
    time_now_iso(now);
    int changed = 0;
    for (int i = 0; ok && i < res->nrows; i++) {
        const char *old[6], *new[6];
        for (int k = 0; k < 6; k++)
            old[k] = db_cell(res, i, 2 + k);
        new[0] = map_or_null(r, old[0], from.likelihoods, to.likelihoods);
        new[1] = map_or_null(r, old[1], from.consequences, to.consequences);
        new[3] = map_or_null(r, old[3], from.likelihoods, to.likelihoods);
        new[4] = map_or_null(r, old[4], from.consequences, to.consequences);
        new[2] = new[0] && new[1] ? risk_level_code(matrix_level(to, atoi(new[0]), atoi(new[1])))
                                  : old[2];
        new[5] =
            new[3] && new[4] ? risk_level_code(matrix_level(to, atoi(new[3]), atoi(new[4]))) : NULL;
        static const char *const names[6] = {
            "likelihood",          "consequence",          "level",
            "residual_likelihood", "residual_consequence", "residual_level"};
        buf d;
        buf_init(&d, 0);
        buf_putc(&d, '{');
        for (int k = 0; k < 6; k++)
            diff_pair(&d, names[k], old[k], new[k]);
        buf_putc(&d, '}');
        if (d.len > 2) {
            const char *q[] = {
                new[0], new[1], new[2], new[3], new[4], new[5], now, db_cell(res, i, 0), tenant};
            ok = db_exec(r->db,
                         "UPDATE risk SET likelihood = $1, consequence = $2, level = $3, "
                         "residual_likelihood = $4, residual_consequence = $5, residual_level = "
                         "$6, updated_at = $7 WHERE id = $8 AND tenant_id = $9",
                         9, q, NULL) == DB_OK &&
                 entity_audit(r, "update", &entity_risks, db_cell_int(res, i, 0),
                              db_cell(res, i, 1), arena_strdup(r->a, buf_str(&d))) == DB_OK;
            changed++;
        }
        buf_free(&d);
    }
    const char *m[] = {tenant, int_text(r->a, to.likelihoods), int_text(r->a, to.consequences),
                       now};
    /* an axis whose size changed loses its own names (they named other steps); the other
     * keeps them */
    ok = ok &&
         db_exec(r->db,
                 "DELETE FROM risk_matrix_label WHERE tenant_id = $1 AND ((axis = 'likelihood' "
                 "AND size <> $2) OR (axis = 'consequence' AND size <> $3))",
                 3, m, NULL) == DB_OK &&
         db_exec(r->db, "DELETE FROM risk_matrix WHERE tenant_id = $1", 1, m, NULL) == DB_OK &&
         db_exec(r->db,
                 "INSERT INTO risk_matrix (tenant_id, likelihood_levels, consequence_levels, "
                 "updated_at) VALUES ($1, $2, $3, $4)",
                 4, m, NULL) == DB_OK &&
         entity_audit(r, "update", NULL, 0,
                      arena_printf(r->a, "risk matrix %d×%d → %d×%d", from.likelihoods,
                                   from.consequences, to.likelihoods, to.consequences),
                      arena_printf(r->a,
                                   "{\"likelihood_levels\":[\"%d\",\"%d\"],"
                                   "\"consequence_levels\":[\"%d\",\"%d\"]}",
                                   from.likelihoods, to.likelihoods, from.consequences,
                                   to.consequences)) == DB_OK;
    if (!ok || db_commit(r->db) != DB_OK) {
        db_rollback(r->db);
        return -1;
    }
    matrix_names_forget(r);
    return changed;
}

/* A size as given in a form or JSON: 0 when not a whole number in range. */
static int size_of(const char *s)
{
    int64_t v;
    return s && parse_int64(s, &v) && v >= MATRIX_MIN_LEVELS && v <= MATRIX_MAX_LEVELS ? (int)v : 0;
}

static bool may_change(req *r)
{
    return perm_allows(r->auth, ACT_RISK_WRITE, NULL);
}

static void level_name(req *r, buf *b, bool likelihood, int n, int v)
{
    const matrix_names *names = tenant_names(r);
    const char *name = v < 1 || v > n ? NULL
                       : likelihood   ? names->likelihood[v]
                                      : names->consequence[v];
    char number[12];
    snprintf(number, sizeof number, "%d", v);
    if (name && strcmp(name, number)) {
        esc_html(b, name);
        buf_printf(b, " (%d)", v);
    } else {
        buf_puts(b, number);
    }
}

/* The matrix as a table: likelihood rows from the top, each cell its level's name. */
static void matrix_table(req *r, buf *b, risk_matrix m)
{
    buf_puts(b, "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" "
                "aria-labelledby=\"matrix-caption\"><table class=\"list matrix\"><caption "
                "id=\"matrix-caption\">");
    esc_html(b, arena_printf(r->a, tr(r->lang, TR_matrix_size), m.likelihoods, m.consequences));
    buf_puts(b, "</caption><thead><tr><th scope=\"col\">");
    esc_html(b, tr(r->lang, TR_risk_likelihood));
    buf_puts(b, " \\ ");
    esc_html(b, tr(r->lang, TR_risk_consequence));
    buf_puts(b, "</th>");
    for (int c = 1; c <= m.consequences; c++) {
        buf_puts(b, "<th scope=\"col\">");
        level_name(r, b, false, m.consequences, c);
        buf_puts(b, "</th>");
    }
    buf_puts(b, "</tr></thead><tbody>");
    for (int l = m.likelihoods; l >= 1; l--) {
        buf_puts(b, "<tr><th scope=\"row\">");
        level_name(r, b, true, m.likelihoods, l);
        buf_puts(b, "</th>");
        for (int c = 1; c <= m.consequences; c++) {
            risk_level lv = matrix_level(m, l, c);
            buf_printf(b, "<td class=\"level-%s\">", risk_level_code(lv));
            esc_html(b, tenant_names(r)->level[lv]);
            buf_puts(b, "</td>");
        }
        buf_puts(b, "</tr>");
    }
    buf_puts(b, "</tbody></table></div>");
}

/* How each level of one axis moves on a change from `from` to `to` levels. */
static void mapping_rows(req *r, buf *b, bool likelihood, int from, int to)
{
    buf_puts(b, "<tr><th scope=\"row\">");
    esc_html(b, tr(r->lang, likelihood ? TR_risk_likelihood : TR_risk_consequence));
    buf_puts(b, "</th><td>");
    for (int v = 1; v <= from; v++) {
        buf_printf(b, "%s%d → %d", v > 1 ? ", " : "", v, matrix_map_rating(v, from, to));
    }
    buf_puts(b, "</td></tr>");
}

/* preview, when valid and different from m, is shown as the levels' moves; confirm adds
 * the button that carries the change out (the second step of a change). */
static void matrix_page(req *r, resp *out, risk_matrix m, risk_matrix preview, int changed,
                        bool error, bool confirm, const label_form *lf)
{
    page_begin(r, out, tr(r->lang, TR_matrix_title), "risks");
    buf *b = &out->body;
    buf_puts(b, "<p class=\"crumb\"><a href=\"/risks/heatmap\">");
    esc_html(b, tr(r->lang, TR_risks_many));
    buf_puts(b, "</a></p><h1>");
    esc_html(b, tr(r->lang, TR_matrix_title));
    buf_puts(b, "</h1>");
    if (changed >= 0) {
        buf_puts(b, "<p class=\"flash\" role=\"status\">");
        esc_html(b, arena_printf(r->a, tr(r->lang, TR_matrix_changed), m.likelihoods,
                                 m.consequences, changed));
        buf_puts(b, "</p>");
    }
    buf_puts(b, "<p class=\"lead\">");
    esc_html(b, tr(r->lang, TR_matrix_intro));
    buf_puts(b, "</p>");
    matrix_table(r, b, m);
    buf_puts(b, "<p>");
    esc_html(b, tr(r->lang, TR_matrix_bands));
    buf_puts(b, "</p>");
    matrix_labels_section(r, b, lf);
    if (!may_change(r)) {
        page_end(r, out);
        return;
    }
    buf_puts(b, "<section class=\"related\" id=\"change\"><h2>");
    esc_html(b, tr(r->lang, TR_matrix_change));
    buf_puts(b, "</h2><p>");
    esc_html(b, tr(r->lang, TR_matrix_mapping));
    buf_puts(b, "</p>");
    if (matrix_valid(preview) &&
        (preview.likelihoods != m.likelihoods || preview.consequences != m.consequences)) {
        buf_puts(b, "<table class=\"list\"><caption>");
        esc_html(b, arena_printf(r->a, tr(r->lang, TR_matrix_mapping_preview), preview.likelihoods,
                                 preview.consequences));
        buf_puts(b, "</caption><tbody>");
        mapping_rows(r, b, true, m.likelihoods, preview.likelihoods);
        mapping_rows(r, b, false, m.consequences, preview.consequences);
        buf_puts(b, "</tbody></table>");
        matrix_labels_preview(r, b, preview);
        if (confirm) {
            buf_puts(b, "<form method=\"post\" action=\"/risks/matrix\" id=\"confirm\"><input "
                        "type=\"hidden\" name=\"_csrf\" value=\"");
            esc_html(b, r->auth->csrf);
            buf_printf(b,
                       "\"><input type=\"hidden\" name=\"likelihood_levels\" value=\"%d\"><input "
                       "type=\"hidden\" name=\"consequence_levels\" value=\"%d\"><input "
                       "type=\"hidden\" name=\"confirm\" value=\"1\"><button type=\"submit\">",
                       preview.likelihoods, preview.consequences);
            esc_html(b, arena_printf(r->a, tr(r->lang, TR_matrix_confirm), preview.likelihoods,
                                     preview.consequences));
            buf_puts(b, "</button></form>");
        }
    }
    buf_puts(b, "<form method=\"post\" action=\"/risks/matrix\"><input type=\"hidden\" "
                "name=\"_csrf\" value=\"");
    esc_html(b, r->auth->csrf);
    buf_puts(b, "\">");
    const char *names[2] = {"likelihood_levels", "consequence_levels"};
    tr_key labels[2] = {TR_matrix_likelihoods, TR_matrix_consequences};
    int values[2] = {matrix_valid(preview) ? preview.likelihoods : m.likelihoods,
                     matrix_valid(preview) ? preview.consequences : m.consequences};
    for (int k = 0; k < 2; k++) {
        buf_printf(b, "<div class=\"field\"><label for=\"in-%s\">", names[k]);
        esc_html(b, tr(r->lang, labels[k]));
        buf_printf(b, "</label><p class=\"help\" id=\"help-%s\">", names[k]);
        esc_html(b, tr(r->lang, TR_matrix_levels_help));
        buf_puts(b, "</p>");
        if (error) {
            buf_printf(b, "<p class=\"error\" id=\"err-%s\">", names[k]);
            esc_html(b, tr(r->lang, TR_err_matrix_size));
            buf_puts(b, "</p>");
        }
        buf_printf(b,
                   "<input type=\"number\" id=\"in-%s\" name=\"%s\" min=\"%d\" max=\"%d\" "
                   "value=\"%d\" aria-describedby=\"help-%s%s%s\"%s></div>",
                   names[k], names[k], MATRIX_MIN_LEVELS, MATRIX_MAX_LEVELS, values[k], names[k],
                   error ? " err-" : "", error ? names[k] : "",
                   error ? " aria-invalid=\"true\"" : "");
    }
    buf_puts(b, "<div class=\"actions\"><button type=\"submit\">");
    esc_html(b, tr(r->lang, TR_matrix_change));
    buf_puts(b, "</button></div></form></section>");
    page_end(r, out);
}

void h_risk_matrix(req *r, resp *out)
{
    risk_matrix m = tenant_matrix(r);
    risk_matrix preview = {size_of(kv_get(&r->query, "likelihood_levels")),
                           size_of(kv_get(&r->query, "consequence_levels"))};
    const char *changed = kv_get(&r->query, "changed");
    int64_t n = -1;
    if (!changed || !parse_int64(changed, &n)) n = -1;
    const char *names = kv_get(&r->query, "names");
    label_form saved = {.saved = true};
    if (names && !strcmp(names, "saved")) {
        /* the form filled with what was saved, under its confirmation */
        const matrix_names *now = tenant_names(r);
        for (int v = 1; v <= now->m.likelihoods; v++)
            saved.likelihood[v] = now->likelihood[v];
        for (int v = 1; v <= now->m.consequences; v++)
            saved.consequence[v] = now->consequence[v];
        for (int k = 0; k < LEVEL__COUNT; k++)
            saved.level[k] = now->level[k], saved.colour[k] = now->colour[k];
    }
    matrix_page(r, out, m, preview, (int)n, false, false,
                names && !strcmp(names, "saved") ? &saved : NULL);
}

void risk_matrix_page(req *r, resp *out, const label_form *lf)
{
    risk_matrix m = tenant_matrix(r);
    matrix_page(r, out, m, m, -1, false, false, lf);
}

void h_risk_matrix_change(req *r, resp *out)
{
    if (!may_change(r)) {
        respond_error(r, out, 403, "forbidden", TR_err_forbidden);
        return;
    }
    risk_matrix to = {size_of(kv_get(&r->form, "likelihood_levels")),
                      size_of(kv_get(&r->form, "consequence_levels"))};
    if (!matrix_valid(to)) {
        out->status = 422;
        matrix_page(r, out, tenant_matrix(r), to, -1, true, false, NULL);
        return;
    }
    risk_matrix m = tenant_matrix(r);
    bool same = to.likelihoods == m.likelihoods && to.consequences == m.consequences;
    if (!same && !kv_get(&r->form, "confirm")) {
        /* first step: show how the ratings would move, and ask */
        matrix_page(r, out, m, to, -1, false, true, NULL);
        return;
    }
    int changed = change_matrix(r, to);
    if (changed < 0) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    resp_redirect(out, r->a, arena_printf(r->a, "/risks/matrix?changed=%d", changed));
}

static void matrix_json(req *r, resp *out, risk_matrix m, int changed)
{
    respond_json(out, 200);
    buf *b = &out->body;
    buf_printf(b, "{\"likelihood_levels\":%d,\"consequence_levels\":%d", m.likelihoods,
               m.consequences);
    if (changed >= 0) buf_printf(b, ",\"remapped\":%d", changed);
    buf_puts(b, ",\"levels\":[");
    for (int l = 1; l <= m.likelihoods; l++) {
        buf_printf(b, "%s[", l > 1 ? "," : "");
        for (int c = 1; c <= m.consequences; c++)
            buf_printf(b, "%s\"%s\"", c > 1 ? "," : "", risk_level_code(matrix_level(m, l, c)));
        buf_putc(b, ']');
    }
    /* the names in use: the tenant's own, or the defaults in the caller's language */
    const matrix_names *n = tenant_names(r);
    buf_puts(b, "],\"likelihood\":[");
    for (int v = 1; v <= n->m.likelihoods; v++) {
        if (v > 1) buf_putc(b, ',');
        esc_json_string(b, n->likelihood[v]);
    }
    buf_puts(b, "],\"consequence\":[");
    for (int v = 1; v <= n->m.consequences; v++) {
        if (v > 1) buf_putc(b, ',');
        esc_json_string(b, n->consequence[v]);
    }
    buf_puts(b, "],\"level_names\":[");
    for (int k = 0; k < LEVEL__COUNT; k++) {
        buf_printf(b, "%s{\"level\":\"%s\",\"name\":", k ? "," : "",
                   risk_level_code((risk_level)k));
        esc_json_string(b, n->level[k]);
        buf_printf(b, ",\"colour\":\"%s\",\"text_colour\":\"%s\"}", n->colour[k],
                   matrix_text_colour(n->colour[k]));
    }
    buf_puts(b, "]}");
}

void api_risk_matrix(req *r, resp *out)
{
    matrix_json(r, out, tenant_matrix(r), -1);
}

void api_risk_matrix_change(req *r, resp *out)
{
    if (!may_change(r)) {
        respond_error(r, out, 403, "forbidden", TR_err_forbidden);
        return;
    }
    json_t *root = json_loadb(r->body ? r->body : "", r->body_len, 0, NULL);
    json_t *l = json_object_get(root, "likelihood_levels"),
           *c = json_object_get(root, "consequence_levels");
    risk_matrix to = {json_is_integer(l) ? (int)json_integer_value(l) : 0,
                      json_is_integer(c) ? (int)json_integer_value(c) : 0};
    json_decref(root);
    if (!matrix_valid(to)) {
        respond_json(out, 422);
        buf *b = &out->body;
        buf_puts(b, "{\"error\":{\"code\":\"invalid\",\"message\":");
        esc_json_string(b, tr(LANG_EN, TR_err_matrix_size));
        buf_puts(b, ",\"fields\":{");
        bool bad_l = to.likelihoods < MATRIX_MIN_LEVELS || to.likelihoods > MATRIX_MAX_LEVELS;
        bool bad_c = to.consequences < MATRIX_MIN_LEVELS || to.consequences > MATRIX_MAX_LEVELS;
        if (bad_l) {
            buf_puts(b, "\"likelihood_levels\":");
            esc_json_string(b, tr(LANG_EN, TR_err_matrix_size));
        }
        if (bad_c) {
            buf_puts(b, bad_l ? ",\"consequence_levels\":" : "\"consequence_levels\":");
            esc_json_string(b, tr(LANG_EN, TR_err_matrix_size));
        }
        buf_puts(b, "}}}");
        return;
    }
    int changed = change_matrix(r, to);
    if (changed < 0) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    matrix_json(r, out, tenant_matrix(r), changed);
}
