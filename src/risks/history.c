/* history.c - the parts of a risk's page that read its rating: where it lies on the
 * tenant's matrix, by the levels' names, and how the rating changed over time (yearly
 * analyses, treatment, a change of matrix), read from the audit log's diffs. Only the
 * rating fields of the diffs are shown: the rest of the log stays for auditors. */
#include "risks.h"
#include "../core/escape.h"
#include "../core/util.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static void rating_line(req *r, buf *out, bool likelihood, int n, const char *value)
{
    int v = value ? atoi(value) : 0;
    const matrix_names *names = tenant_names(r);
    const char *name = v < 1 || v > n ? arena_printf(r->a, "%d", v)
                       : likelihood   ? names->likelihood[v]
                                      : names->consequence[v];
    buf_puts(out, "<li>");
    esc_html(out, arena_printf(r->a, tr(r->lang, TR_risk_rating_line),
                               tr(r->lang, likelihood ? TR_risk_likelihood : TR_risk_consequence),
                               name, v, n));
    buf_puts(out, "</li>");
}

static void rating_block(req *r, buf *out, risk_matrix m, tr_key heading, const char *l,
                         const char *c, const char *prefix)
{
    buf_puts(out, "<div><h3>");
    esc_html(out, tr(r->lang, heading));
    buf_puts(out, "</h3>");
    if (!l || !c) {
        buf_puts(out, "<p>");
        esc_html(out, tr(r->lang, TR_risk_not_rated));
        buf_puts(out, "</p></div>");
        return;
    }
    buf_puts(out, "<ul>");
    rating_line(r, out, true, m.likelihoods, l);
    rating_line(r, out, false, m.consequences, c);
    risk_level level = matrix_level(m, atoi(l), atoi(c));
    buf_puts(out, "<li>");
    esc_html(out, tr(r->lang, TR_risk_level));
    buf_puts(out, ": <strong>");
    esc_html(out, level == LEVEL_INVALID ? tr(r->lang, risk_level_label(level))
                                         : tenant_names(r)->level[level]);
    buf_printf(out, "</strong> (<a href=\"/risks/heatmap#%s\">", *prefix ? "residual" : "inherent");
    esc_html(out, tr(r->lang, TR_heatmap_link));
    buf_puts(out, "</a>)</li></ul></div>");
}

void risk_rating_section(req *r, const entity *e, const record *rec, buf *out)
{
    risk_matrix m = tenant_matrix(r);
    const char *const *v = rec->values;
    buf_puts(out, "<section class=\"related\" id=\"rating\"><h2>");
    esc_html(out, tr(r->lang, TR_risk_rating));
    buf_puts(out, "</h2><div class=\"cards\">");
    rating_block(r, out, m, TR_risk_inherent, v[entity_field(e, "likelihood")],
                 v[entity_field(e, "consequence")], "");
    rating_block(r, out, m, TR_risk_residual, v[entity_field(e, "residual_likelihood")],
                 v[entity_field(e, "residual_consequence")], "residual_");
    buf_puts(out, "</div></section>");
}

static const char *const rating_fields[] = {
    "likelihood",          "consequence",          "level",
    "residual_likelihood", "residual_consequence", "residual_level"};

/* a stored value as the page shows it: a level's name, or the number */
static const char *shown(req *r, const char *field, json_t *v)
{
    if (json_is_null(v) || !v) return "—";
    const char *s = json_is_string(v) ? json_string_value(v) : NULL;
    if (!s) return "?";
    if (strstr(field, "level")) {
        const char *own = risk_level_name(r, s);
        return own ? own : tr(r->lang, risk_level_label(risk_level_from_code(s)));
    }
    return arena_strdup(r->a, s);
}

void risk_history_section(req *r, const entity *e, const record *rec, buf *out)
{
    const char *p[] = {tenant_param(r), int_text(r->a, rec->id)};
    db_res *res = NULL;
    if (db_query(r->db, r->a,
                 "SELECT at, action, diff FROM audit_log WHERE tenant_id = $1 AND entity = "
                 "'risks' AND entity_id = $2 ORDER BY seq",
                 2, p, &res) != DB_OK)
        return;
    buf_puts(out, "<section class=\"related\" id=\"history\"><h2>");
    esc_html(out, tr(r->lang, TR_risk_history));
    buf_puts(out, "</h2><p class=\"help\">");
    esc_html(out, tr(r->lang, TR_risk_history_help));
    buf_puts(out, "</p><ul>");
    int shown_rows = 0;
    for (int i = 0; i < res->nrows; i++) {
        json_t *diff = db_cell(res, i, 2) ? json_loads(db_cell(res, i, 2), 0, NULL) : NULL;
        bool created = !strcmp(db_cell(res, i, 1), "create");
        buf line;
        buf_init(&line, 0);
        for (size_t k = 0; k < sizeof rating_fields / sizeof rating_fields[0]; k++) {
            json_t *pair = json_object_get(diff, rating_fields[k]);
            if (!json_is_array(pair) || json_array_size(pair) != 2) continue;
            const field *f = &e->fields[entity_field_index(e, rating_fields[k])];
            if (line.len) buf_puts(&line, ", ");
            buf_printf(&line, "%s %s", tr(r->lang, f->label),
                       created ? "" : shown(r, rating_fields[k], json_array_get(pair, 0)));
            buf_printf(&line, "%s%s", created ? "" : " → ",
                       shown(r, rating_fields[k], json_array_get(pair, 1)));
        }
        json_decref(diff);
        if (line.len || created) {
            char local[24];
            time_local_display(db_cell(res, i, 0), local);
            buf_puts(out, "<li><time datetime=\"");
            esc_html(out, db_cell(res, i, 0));
            buf_puts(out, "\">");
            esc_html(out, local);
            buf_puts(out, "</time>: ");
            if (created) {
                esc_html(out, tr(r->lang, TR_risk_history_created));
                if (line.len) buf_puts(out, " — ");
            }
            esc_html(out, buf_str(&line));
            buf_puts(out, "</li>");
            shown_rows++;
        }
        buf_free(&line);
    }
    if (!shown_rows) {
        buf_puts(out, "<li>");
        esc_html(out, tr(r->lang, TR_risk_history_empty));
        buf_puts(out, "</li>");
    }
    buf_puts(out, "</ul></section>");
}
