/* pages.c - /risks/heatmap: the register's risks counted per cell of the tenant's matrix,
 * inherent and residual. The filters the register shares (status, treatment, unit,
 * owner) narrow the counts and go along in every cell's link, so a cell leads to exactly
 * the risks it counts. */
#include "risks.h"
#include "../http/page.h"
#include "../core/escape.h"
#include "../core/util.h"
#include <stdlib.h>
#include <string.h>

static const char *const passed_filters[] = {"status", "treatment", "unit_id", "owner_id"};

/* Counts per cell; returns the number of risks without a (valid) rating. */
static int count_cells(req *r, risk_matrix m, const char *lcol, const char *ccol, const char *where,
                       const char **params, int nparams, int *counts)
{
    const char *sql =
        arena_printf(r->a,
                     "SELECT %s, %s, COUNT(*) FROM risk WHERE tenant_id = $1%s%s "
                     "GROUP BY %s, %s",
                     lcol, ccol, where, entity_read_scope(r, &entity_risks, "risk"), lcol, ccol);
    db_res *res = NULL;
    int outside = 0;
    if (db_query(r->db, r->a, sql, nparams, params, &res) != DB_OK) return 0;
    for (int i = 0; i < res->nrows; i++) {
        int n = (int)db_cell_int(res, i, 2);
        if (!db_cell(res, i, 0) || !db_cell(res, i, 1)) {
            outside += n;
            continue;
        }
        int l = (int)db_cell_int(res, i, 0), c = (int)db_cell_int(res, i, 1);
        if (matrix_rating_valid(m, l, c))
            counts[(l - 1) * m.consequences + (c - 1)] += n;
        else
            outside += n;
    }
    return outside;
}

/* The counts tell where the weaknesses are: the read is recorded, one row naming every
 * risk counted (the same filters and read scope). False when it could not be. */
static bool counted_read(req *r, const char *where, const char **params, int nparams)
{
    const char *sql = arena_printf(r->a, "SELECT id FROM risk WHERE tenant_id = $1%s%s ORDER BY id",
                                   where, entity_read_scope(r, &entity_risks, "risk"));
    db_res *res = NULL;
    return db_query(r->db, r->a, sql, nparams, params, &res) == DB_OK &&
           entity_audit_read_rows(r, &entity_risks, res, 0, "heat map");
}

void h_risk_heatmap(req *r, resp *out)
{
    risk_matrix m = tenant_matrix(r);
    const char *params[1 + sizeof passed_filters / sizeof passed_filters[0]];
    int nparams = 0;
    params[nparams++] = tenant_param(r);
    buf where, link;
    buf_init(&where, 0);
    buf_init(&link, 0);
    buf_puts(&link, "/risks?");
    for (size_t i = 0; i < sizeof passed_filters / sizeof passed_filters[0]; i++) {
        const char *v = kv_get(&r->query, passed_filters[i]);
        int64_t id;
        if (!v || !*v || strlen(v) > 64) continue;
        if (!strcmp(passed_filters[i] + strlen(passed_filters[i]) - 3, "_id") &&
            !parse_int64(v, &id))
            continue;
        params[nparams++] = v;
        buf_printf(&where, " AND %s = $%d", passed_filters[i], nparams);
        buf_printf(&link, "%s=", passed_filters[i]);
        esc_url_component(&link, v);
        buf_putc(&link, '&');
    }
    size_t ncells = (size_t)m.likelihoods * (size_t)m.consequences;
    int *inherent = arena_alloc(r->a, sizeof(int) * ncells);
    int *residual = arena_alloc(r->a, sizeof(int) * ncells);
    memset(inherent, 0, sizeof(int) * ncells);
    memset(residual, 0, sizeof(int) * ncells);
    count_cells(r, m, "likelihood", "consequence", buf_str(&where), params, nparams, inherent);
    int unrated = count_cells(r, m, "residual_likelihood", "residual_consequence", buf_str(&where),
                              params, nparams, residual);
    if (!counted_read(r, buf_str(&where), params, nparams)) {
        buf_free(&where);
        buf_free(&link);
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }

    page_begin(r, out, tr(r->lang, TR_heatmap_title), "risks");
    buf *b = &out->body;
    buf_puts(b, "<p class=\"crumb\"><a href=\"/risks\">");
    esc_html(b, tr(r->lang, TR_risks_many));
    buf_puts(b, "</a></p><h1>");
    esc_html(b, tr(r->lang, TR_heatmap_title));
    buf_puts(b, "</h1><p class=\"lead\">");
    esc_html(b, tr(r->lang, TR_heatmap_intro));
    buf_puts(b, " ");
    esc_html(b, arena_printf(r->a, tr(r->lang, TR_heatmap_matrix), m.likelihoods, m.consequences));
    buf_puts(b, "</p><p class=\"toolbar\">");
    static const struct {
        const char *href;
        tr_key label;
    } links[] = {{"/risks", TR_heatmap_to_register},
                 {"/analyses", TR_analyses_many},
                 {"/actions", TR_actions_many},
                 {"/plan", TR_nav_plan},
                 {"/risks/matrix", TR_matrix_link}};
    for (size_t i = 0; i < sizeof links / sizeof links[0]; i++) {
        buf_printf(b, "<a href=\"%s\">", links[i].href);
        esc_html(b, tr(r->lang, links[i].label));
        buf_puts(b, "</a> ");
    }
    buf_puts(b, "</p>");
    const char *kinds[2] = {tr(r->lang, TR_heatmap_inherent), tr(r->lang, TR_heatmap_residual)};
    for (int k = 0; k < 2; k++) {
        buf_printf(b, "<section class=\"heatmap-section\" id=\"%s\"><h2>",
                   k ? "residual" : "inherent");
        esc_html(b, kinds[k]);
        buf_puts(b, "</h2><div class=\"heatmap-wrap\">");
        heatmap_svg(b, r->lang, tenant_names(r), k ? residual : inherent, buf_str(&link),
                    k ? "residual_" : "", kinds[k]);
        buf_puts(b, "</div>");
        if (k && unrated) {
            buf_puts(b, "<p>");
            esc_html(b, arena_printf(r->a, tr(r->lang, TR_heatmap_unrated), unrated));
            buf_puts(b, "</p>");
        }
        buf_puts(b, "</section>");
    }
    buf_free(&where);
    buf_free(&link);
    page_end(r, out);
}
