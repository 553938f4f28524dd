/* dashboard.c - the lägesbild. Every figure is counted with the same filters as the list
 * it links to (the register's status and level filters, the plan's follow-up), so a click
 * shows exactly what was counted. The table per förvaltning sums each förvaltning's whole
 * subtree, found from the units' paths. */
#include "dashboard.h"
#include "../risks/risks.h"
#include "../actions/plan.h"
#include "../http/page.h"
#include "../core/escape.h"
#include "../core/util.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char *tenant(req *r)
{
    return arena_printf(r->a, "%lld", (long long)r->auth->tenant_id);
}

static int count(req *r, const char *sql, int n, const char **p)
{
    const char *v = db_scalar(r->db, r->a, sql, n, p);
    return v ? atoi(v) : 0;
}

static void card(buf *b, const char *id, const char *label, int value, const char *href)
{
    buf_printf(b, "<div class=\"card\" id=\"%s\"><h2>", id);
    esc_html(b, label);
    buf_puts(b, "</h2><p><a class=\"figure\" href=\"");
    esc_html(b, href);
    buf_printf(b, "\"><strong>%d</strong></a></p></div>", value);
}

typedef struct forv {
    const char *id, *path, *name;
    int open, serious, late, done, analyses;
} forv;

/* the förvaltning whose subtree holds path (the deepest), or NULL */
static forv *forv_of(forv *list, int n, const char *path)
{
    forv *best = NULL;
    for (int i = 0; path && i < n; i++)
        if (!strncmp(path, list[i].path, strlen(list[i].path)) &&
            (!best || strlen(list[i].path) > strlen(best->path)))
            best = &list[i];
    return best;
}

static void top_risks(req *r, buf *b)
{
    const char *p[] = {tenant(r)};
    db_res *res = NULL;
    if (db_query(r->db, r->a,
                 "SELECT k.id, k.title, k.level, u.name, pe.name, k.likelihood, k.consequence FROM "
                 "risk k JOIN unit u ON u.id = k.unit_id LEFT JOIN person pe ON pe.id = "
                 "k.owner_id WHERE k.tenant_id = $1 AND k.status = 'open' ORDER BY k.likelihood "
                 "* k.consequence DESC, k.consequence DESC, k.title, k.id LIMIT 10",
                 1, p, &res) != DB_OK)
        return;
    buf_puts(b, "<section class=\"related\" id=\"top\"><h2>");
    esc_html(b, tr(r->lang, TR_dash_top));
    buf_puts(b, "</h2>");
    if (!res->nrows) {
        buf_puts(b, "<p>");
        esc_html(b, tr(r->lang, TR_dash_none));
        buf_puts(b, "</p></section>");
        return;
    }
    buf_puts(b, "<div class=\"table-scroll\"><table class=\"list\"><thead><tr>");
    const tr_key heads[] = {TR_risk_title,       TR_risk_level, TR_risk_likelihood,
                            TR_risk_consequence, TR_risk_unit,  TR_risk_owner};
    for (size_t k = 0; k < sizeof heads / sizeof heads[0]; k++) {
        buf_puts(b, "<th scope=\"col\">");
        esc_html(b, tr(r->lang, heads[k]));
        buf_puts(b, "</th>");
    }
    buf_puts(b, "</tr></thead><tbody>");
    for (int i = 0; i < res->nrows; i++) {
        buf_puts(b, "<tr><td><a href=\"/risks/");
        esc_html(b, db_cell(res, i, 0));
        buf_puts(b, "\">");
        esc_html(b, db_cell(res, i, 1));
        buf_puts(b, "</a></td><td>");
        esc_html(b, tr(r->lang, risk_level_label(risk_level_from_code(db_cell(res, i, 2)))));
        buf_printf(b, "</td><td>%s</td><td>%s</td><td>", db_cell(res, i, 5), db_cell(res, i, 6));
        esc_html(b, db_cell(res, i, 3));
        buf_puts(b, "</td><td>");
        esc_html(b, db_cell(res, i, 4) ? db_cell(res, i, 4) : "—");
        buf_puts(b, "</td></tr>");
    }
    buf_puts(b, "</tbody></table></div></section>");
}

static void open_heatmap(req *r, buf *b)
{
    risk_matrix m = tenant_matrix(r);
    size_t cells = (size_t)m.likelihoods * (size_t)m.consequences;
    int *counts = arena_alloc(r->a, sizeof(int) * cells);
    memset(counts, 0, sizeof(int) * cells);
    const char *p[] = {tenant(r)};
    db_res *res = NULL;
    if (db_query(r->db, r->a,
                 "SELECT likelihood, consequence, COUNT(*) FROM risk WHERE tenant_id = $1 AND "
                 "status = 'open' GROUP BY likelihood, consequence",
                 1, p, &res) != DB_OK)
        return;
    for (int i = 0; i < res->nrows; i++) {
        int l = (int)db_cell_int(res, i, 0), c = (int)db_cell_int(res, i, 1);
        if (matrix_rating_valid(m, l, c))
            counts[(l - 1) * m.consequences + (c - 1)] += (int)db_cell_int(res, i, 2);
    }
    buf_puts(b, "<section class=\"related\" id=\"heatmap\"><h2>");
    esc_html(b, tr(r->lang, TR_dash_heatmap));
    buf_puts(b, "</h2>");
    heatmap_svg(b, r->lang, m, counts, "/risks?status=open&", "", tr(r->lang, TR_dash_heatmap));
    buf_puts(b, "</section>");
}

static void per_unit(req *r, buf *b, int year, const char *today, const char *year_ago)
{
    const char *p[] = {tenant(r), arena_printf(r->a, "%d", year), year_ago};
    db_res *fr = NULL, *risks = NULL, *acts = NULL, *an = NULL;
    if (db_query(r->db, r->a,
                 "SELECT id, path, name FROM unit WHERE tenant_id = $1 AND kind = 'forvaltning' "
                 "AND retired_at IS NULL ORDER BY name, id",
                 1, p, &fr) != DB_OK ||
        db_query(r->db, r->a,
                 "SELECT u.path, k.level, COUNT(*) FROM risk k JOIN unit u ON u.id = k.unit_id "
                 "WHERE k.tenant_id = $1 AND k.status = 'open' GROUP BY u.path, k.level",
                 1, p, &risks) != DB_OK ||
        db_query(r->db, r->a,
                 "SELECT u.path, a.status, a.end_date FROM action_item a JOIN unit u ON u.id = "
                 "a.unit_id WHERE a.tenant_id = $1 AND a.plan_year = $2",
                 2, p, &acts) != DB_OK ||
        db_query(r->db, r->a,
                 "SELECT u.path, COUNT(*) FROM risk_analysis x JOIN unit u ON u.id = x.unit_id "
                 "WHERE x.tenant_id = $1 AND x.status = 'done' AND x.analysed_on >= $2 GROUP BY "
                 "u.path",
                 2, (const char *[]){p[0], p[2]}, &an) != DB_OK)
        return;
    int n = fr->nrows;
    forv *list = arena_alloc(r->a, sizeof(forv) * (size_t)(n + 1));
    for (int i = 0; i < n; i++)
        list[i] = (forv){db_cell(fr, i, 0), db_cell(fr, i, 1), db_cell(fr, i, 2)};
    for (int i = 0; i < risks->nrows; i++) {
        forv *f = forv_of(list, n, db_cell(risks, i, 0));
        if (!f) continue;
        int c = (int)db_cell_int(risks, i, 2);
        risk_level lv = risk_level_from_code(db_cell(risks, i, 1));
        f->open += c;
        if (lv == LEVEL_HIGH || lv == LEVEL_VERY_HIGH) f->serious += c;
    }
    for (int i = 0; i < acts->nrows; i++) {
        forv *f = forv_of(list, n, db_cell(acts, i, 0));
        if (!f) continue;
        plan_item it = {
            .plan_year = year, .status = db_cell(acts, i, 1), .end_date = db_cell(acts, i, 2)};
        followup_state s = plan_followup(&it, today);
        f->late += s == FOLLOWUP_LATE;
        f->done += s == FOLLOWUP_DONE;
    }
    for (int i = 0; i < an->nrows; i++) {
        forv *f = forv_of(list, n, db_cell(an, i, 0));
        if (f) f->analyses += (int)db_cell_int(an, i, 1);
    }
    buf_puts(b, "<section class=\"related\" id=\"per-unit\"><h2>");
    esc_html(b, tr(r->lang, TR_dash_per_unit));
    buf_puts(b, "</h2><div class=\"table-scroll\"><table class=\"list\"><thead><tr>");
    const char *heads[] = {tr(r->lang, TR_plan_unit),
                           tr(r->lang, TR_dash_open_risks),
                           arena_printf(r->a, "%s, %s", tr(r->lang, TR_risk_level_high),
                                        tr(r->lang, TR_risk_level_very_high)),
                           tr(r->lang, TR_plan_late),
                           tr(r->lang, TR_plan_done),
                           tr(r->lang, TR_dash_analyses)};
    for (size_t k = 0; k < sizeof heads / sizeof heads[0]; k++) {
        buf_puts(b, "<th scope=\"col\">");
        esc_html(b, heads[k]);
        buf_puts(b, "</th>");
    }
    buf_puts(b, "</tr></thead><tbody>");
    for (int i = 0; i < n; i++) {
        buf_puts(b, "<tr><th scope=\"row\"><a href=\"/units/");
        esc_html(b, list[i].id);
        buf_puts(b, "\">");
        esc_html(b, list[i].name);
        buf_printf(b, "</a></th><td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td></tr>",
                   list[i].open, list[i].serious, list[i].late, list[i].done, list[i].analyses);
    }
    buf_puts(b, "</tbody></table></div></section>");
}

static void overdue_reviews(req *r, buf *b, const char *today)
{
    const char *p[] = {tenant(r), today};
    db_res *res = NULL;
    if (db_query(r->db, r->a,
                 "SELECT id, title, review_date FROM risk WHERE tenant_id = $1 AND treatment = "
                 "'accept' AND status <> 'closed' AND review_date < $2 ORDER BY review_date, id "
                 "LIMIT 50",
                 2, p, &res) != DB_OK)
        return;
    buf_puts(b, "<section class=\"related\" id=\"reviews\"><h2>");
    esc_html(b, tr(r->lang, TR_dash_reviews));
    buf_printf(b, " <span class=\"count\">(%d)</span></h2><p class=\"help\">", res->nrows);
    esc_html(b, tr(r->lang, TR_dash_reviews_help));
    buf_puts(b, "</p><ul>");
    for (int i = 0; i < res->nrows; i++) {
        buf_puts(b, "<li><a href=\"/risks/");
        esc_html(b, db_cell(res, i, 0));
        buf_puts(b, "\">");
        esc_html(b, db_cell(res, i, 1));
        buf_puts(b, "</a> — ");
        esc_html(b, db_cell(res, i, 2));
        buf_puts(b, "</li>");
    }
    if (!res->nrows) {
        buf_puts(b, "<li>");
        esc_html(b, tr(r->lang, TR_dash_none));
        buf_puts(b, "</li>");
    }
    buf_puts(b, "</ul></section>");
}

void h_dashboard(req *r, resp *out)
{
    char now[21], ago[21];
    time_now_iso(now);
    time_iso_from(time(NULL) - 365 * 24 * 3600, ago);
    const char *today = arena_strndup(r->a, now, 10), *year_ago = arena_strndup(r->a, ago, 10);
    int year = atoi(today);
    const char *p[] = {tenant(r), today, arena_printf(r->a, "%d", year)};
    int open = count(r, "SELECT COUNT(*) FROM risk WHERE tenant_id = $1 AND status = 'open'", 1, p);
    int very_high = count(r,
                          "SELECT COUNT(*) FROM risk WHERE tenant_id = $1 AND status = 'open' AND "
                          "level = 'very_high'",
                          1, p);
    int high = count(
        r, "SELECT COUNT(*) FROM risk WHERE tenant_id = $1 AND status = 'open' AND level = 'high'",
        1, p);
    /* the follow-up's own rule, over this year's plan */
    db_res *acts = NULL;
    int late = 0, soon = 0, done = 0;
    if (db_query(r->db, r->a,
                 "SELECT status, end_date FROM action_item WHERE tenant_id = $1 AND plan_year = "
                 "$2 AND status IN ('planned', 'ongoing', 'done')",
                 2, (const char *[]){p[0], p[2]}, &acts) == DB_OK)
        for (int i = 0; i < acts->nrows; i++) {
            plan_item it = {
                .plan_year = year, .status = db_cell(acts, i, 0), .end_date = db_cell(acts, i, 1)};
            followup_state s = plan_followup(&it, today);
            late += s == FOLLOWUP_LATE;
            soon += s == FOLLOWUP_DUE_SOON;
            done += s == FOLLOWUP_DONE;
        }
    int objects = count(r, "SELECT COUNT(*) FROM managed_object WHERE tenant_id = $1", 1, p);
    const char *q[] = {tenant(r), arena_strndup(r->a, ago, 10)};
    int analysed = count(r,
                         "SELECT COUNT(*) FROM managed_object o WHERE o.tenant_id = $1 AND EXISTS "
                         "(SELECT 1 FROM risk_analysis x WHERE x.tenant_id = o.tenant_id AND "
                         "x.object_id = o.id AND x.status = 'done' AND x.analysed_on >= $2)",
                         2, q);

    page_begin(r, out, tr(r->lang, TR_dash_title), "dashboard");
    buf *b = &out->body;
    buf_puts(b, "<h1>");
    esc_html(b, tr(r->lang, TR_dash_title));
    buf_puts(b, "</h1><p class=\"lead\">");
    esc_html(b, tr(r->lang, TR_dash_intro));
    buf_puts(b, "</p><section class=\"cards\">");
    card(b, "open", tr(r->lang, TR_dash_open_risks), open, "/risks?status=open");
    card(b, "very-high", tr(r->lang, TR_dash_very_high), very_high,
         "/risks?status=open&level=very_high");
    card(b, "high", tr(r->lang, TR_dash_high), high, "/risks?status=open&level=high");
    const char *followup = arena_printf(r->a, "/plan/%d/follow-up", year);
    card(b, "late", arena_printf(r->a, tr(r->lang, TR_dash_late), year), late, followup);
    card(b, "due-soon", tr(r->lang, TR_dash_due_soon), soon, followup);
    card(b, "done", arena_printf(r->a, tr(r->lang, TR_dash_done), year), done, followup);
    buf_puts(b, "</section>");
    top_risks(r, b);
    open_heatmap(r, b);
    per_unit(r, b, year, today, year_ago);
    buf_puts(b, "<section class=\"related\" id=\"coverage\"><h2>");
    esc_html(b, tr(r->lang, TR_dash_coverage));
    buf_puts(b, "</h2><p><a href=\"/analyses?scope_kind=object\">");
    esc_html(b, arena_printf(r->a, tr(r->lang, TR_dash_coverage_value), analysed, objects));
    buf_puts(b, "</a></p></section>");
    overdue_reviews(r, b, today);
    page_end(r, out);
}
