/* dashboard.c - the lägesbild, for the tenant or one förvaltning (?unit=ID: every figure
 * over that unit's subtree, each link carrying unit_id_within=ID). Every figure is counted
 * with the same filters as the list it links to (figures.c), so a click shows exactly what
 * was counted. The tenant's table per förvaltning sums each förvaltning's whole subtree,
 * found from the units' paths, and leads to that förvaltning's lägesbild. */
#include "dashboard.h"
#include "../entity/render.h"
#include "figures.h"
#include "../risks/risks.h"
#include "../actions/actions.h"
#include "../continuity/continuity.h"
#include "../http/page.h"
#include "../core/escape.h"
#include "../core/util.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

static void top_risks(req *r, buf *b, const dash_scope *sc)
{
    const char *p[] = {tenant_param(r), sc->like};
    db_res *res = NULL;
    if (db_query(r->db, r->a,
                 arena_printf(r->a,
                              "SELECT k.id, k.title, k.level, u.name, pe.name, k.likelihood, "
                              "k.consequence FROM risk k JOIN unit u ON u.id = k.unit_id LEFT "
                              "JOIN person pe ON pe.id = k.owner_id WHERE k.tenant_id = $1 AND "
                              "k.status = 'open'%s%s ORDER BY k.likelihood * k.consequence DESC, "
                              "k.consequence DESC, k.title, k.id LIMIT 10",
                              dash_within(r, sc, "k.unit_id", 2),
                              entity_read_scope(r, &entity_risks, "k")),
                 sc->unit_id ? 2 : 1, p, &res) != DB_OK)
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
        esc_html(b, risk_level_name(r, db_cell(res, i, 2)));
        buf_printf(b, "</td><td>%s</td><td>%s</td><td>", db_cell(res, i, 5), db_cell(res, i, 6));
        esc_html(b, db_cell(res, i, 3));
        buf_puts(b, "</td><td>");
        render_value(r, b, db_cell(res, i, 4));
        buf_puts(b, "</td></tr>");
    }
    buf_puts(b, "</tbody></table></div></section>");
}

static void open_heatmap(req *r, buf *b, const dash_scope *sc)
{
    risk_matrix m = tenant_matrix(r);
    size_t cells = (size_t)m.likelihoods * (size_t)m.consequences;
    int *counts = arena_alloc(r->a, sizeof(int) * cells);
    memset(counts, 0, sizeof(int) * cells);
    const char *p[] = {tenant_param(r), sc->like};
    db_res *res = NULL;
    if (db_query(r->db, r->a,
                 arena_printf(r->a,
                              "SELECT likelihood, consequence, COUNT(*) FROM risk WHERE tenant_id "
                              "= $1 AND status = 'open'%s%s GROUP BY likelihood, consequence",
                              dash_within(r, sc, "unit_id", 2),
                              entity_read_scope(r, &entity_risks, "risk")),
                 sc->unit_id ? 2 : 1, p, &res) != DB_OK)
        return;
    for (int i = 0; i < res->nrows; i++) {
        int l = (int)db_cell_int(res, i, 0), c = (int)db_cell_int(res, i, 1);
        if (matrix_rating_valid(m, l, c))
            counts[(l - 1) * m.consequences + (c - 1)] += (int)db_cell_int(res, i, 2);
    }
    buf_puts(b, "<section class=\"related\" id=\"heatmap\"><h2>");
    esc_html(b, tr(r->lang, TR_dash_heatmap));
    buf_puts(b, "</h2>");
    heatmap_svg(b, r->lang, tenant_names(r), counts,
                arena_printf(r->a, "%s&", dash_risks_href(r, sc, "")), "",
                tr(r->lang, TR_dash_heatmap));
    buf_puts(b, "</section>");
}

static void per_unit(req *r, buf *b, int year, const char *today, const char *year_ago)
{
    const char *p[] = {tenant_param(r), arena_printf(r->a, "%d", year), year_ago};
    db_res *fr = NULL, *risks = NULL, *acts = NULL, *an = NULL;
    if (db_query(r->db, r->a,
                 "SELECT id, path, name FROM unit WHERE tenant_id = $1 AND kind IN "
                 "('forvaltning', 'bolag') AND retired_at IS NULL ORDER BY name, id",
                 1, p, &fr) != DB_OK ||
        db_query(r->db, r->a,
                 arena_printf(r->a,
                              "SELECT u.path, k.level, COUNT(*) FROM risk k JOIN unit u ON u.id = "
                              "k.unit_id WHERE k.tenant_id = $1 AND k.status = 'open'%s GROUP BY "
                              "u.path, k.level",
                              entity_read_scope(r, &entity_risks, "k")),
                 1, p, &risks) != DB_OK ||
        db_query(r->db, r->a,
                 arena_printf(r->a,
                              "SELECT u.path, a.status, a.end_date FROM action_item a JOIN unit u "
                              "ON u.id = a.unit_id WHERE a.tenant_id = $1 AND a.plan_year = $2%s",
                              entity_read_scope(r, &entity_actions, "a")),
                 2, p, &acts) != DB_OK ||
        db_query(r->db, r->a,
                 arena_printf(r->a,
                              "SELECT u.path, COUNT(*) FROM risk_analysis x JOIN unit u ON u.id = "
                              "x.unit_id WHERE x.tenant_id = $1 AND x.status = 'done' AND "
                              "x.analysed_on >= $2%s GROUP BY u.path",
                              entity_read_scope(r, &entity_analyses, "x")),
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
        buf_puts(b, "<tr><th scope=\"row\"><a href=\"/lagesbild?unit=");
        esc_html(b, list[i].id);
        buf_puts(b, "\">");
        esc_html(b, list[i].name);
        buf_printf(b, "</a></th><td>%d</td><td>%d</td><td>%d</td><td>%d</td><td>%d</td></tr>",
                   list[i].open, list[i].serious, list[i].late, list[i].done, list[i].analyses);
    }
    buf_puts(b, "</tbody></table></div></section>");
}

static void overdue_reviews(req *r, buf *b, const dash_scope *sc, const char *today, int total)
{
    const char *p[] = {tenant_param(r), today, sc->like};
    db_res *res = NULL;
    if (db_query(r->db, r->a,
                 arena_printf(
                     r->a,
                     "SELECT id, title, review_date FROM risk WHERE tenant_id = $1 AND "
                     "treatment = 'accept' AND status <> 'closed' AND review_date < $2%s%s "
                     "ORDER BY review_date, id LIMIT 50",
                     dash_within(r, sc, "unit_id", 3), entity_read_scope(r, &entity_risks, "risk")),
                 sc->unit_id ? 3 : 2, p, &res) != DB_OK ||
        !entity_audit_read_rows(r, &entity_risks, res, 0, "dashboard reviews"))
        return;
    buf_puts(b, "<section class=\"related\" id=\"reviews\"><h2>");
    esc_html(b, tr(r->lang, TR_dash_reviews));
    buf_printf(b, " <span class=\"count\">(%d)</span></h2><p class=\"help\">", total);
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

/* The choice of a förvaltning or bolag (GET, so each lägesbild can be linked). */
static void unit_choice(req *r, buf *b, const dash_scope *sc)
{
    const char *p[] = {tenant_param(r)};
    db_res *res = NULL;
    if (db_query(r->db, r->a,
                 "SELECT id, name FROM unit WHERE tenant_id = $1 AND kind IN ('forvaltning', "
                 "'bolag') AND retired_at IS NULL ORDER BY name, id",
                 1, p, &res) != DB_OK)
        return;
    buf_puts(b, "<form method=\"get\" action=\"/lagesbild\" class=\"filters\" id=\"choose\"><div "
                "class=\"filter\"><label for=\"f-unit\">");
    esc_html(b, tr(r->lang, TR_dash_choose));
    buf_puts(b, "</label><select id=\"f-unit\" name=\"unit\"><option value=\"\">");
    esc_html(b, tr(r->lang, TR_dash_whole));
    buf_puts(b, "</option>");
    bool listed = false;
    for (int i = 0; i < res->nrows; i++) {
        bool on = sc->unit_id && !strcmp(sc->unit_id, db_cell(res, i, 0));
        listed |= on;
        buf_puts(b, "<option value=\"");
        esc_html(b, db_cell(res, i, 0));
        buf_printf(b, "\"%s>", on ? " selected" : "");
        esc_html(b, db_cell(res, i, 1));
        buf_puts(b, "</option>");
    }
    if (sc->unit_id && !listed) {
        /* another unit, reached by a link: still named in the choice */
        buf_puts(b, "<option value=\"");
        esc_html(b, sc->unit_id);
        buf_puts(b, "\" selected>");
        esc_html(b, sc->name);
        buf_puts(b, "</option>");
    }
    buf_puts(b, "</select></div><button type=\"submit\">");
    esc_html(b, tr(r->lang, TR_dash_show));
    buf_puts(b, "</button></form>");
}

static void classification(req *r, buf *b, const dash_scope *sc, const dash_figures *f)
{
    buf_puts(b, "<section class=\"related\" id=\"classification\"><h2>");
    esc_html(b, tr(r->lang, TR_dash_classification));
    buf_puts(b, "</h2><ul><li><a id=\"cls-assets\" href=\"/assets?status_not=retired");
    esc_html(b, sc->filter);
    buf_puts(b, "\">");
    esc_html(b, arena_printf(r->a, tr(r->lang, TR_dash_classified), f->classified, f->assets,
                             f->assets ? f->classified * 100 / f->assets : 0));
    buf_puts(b, "</a></li><li><a id=\"cls-overdue\" href=\"");
    /* the overview lists the overdue ones; per förvaltning the coverage table counts them */
    buf_puts(b, sc->unit_id ? "/inventory/coverage" : "/classification");
    buf_puts(b, "\">");
    esc_html(b, arena_printf(r->a, tr(r->lang, TR_dash_cls_overdue), f->cls_overdue));
    buf_puts(b, "</a></li></ul></section>");
}

/* Continuity plans whose test is overdue or was never done (seed 002: restore tests were
 * missing): the tenant's, as on the start page; plans are not counted per förvaltning. */
static void continuity_section(req *r, buf *b)
{
    int n = continuity_overdue(r);
    if (n < 0) return;
    buf_puts(b, "<section class=\"related\" id=\"continuity\"><h2>");
    esc_html(b, tr(r->lang, TR_dash_continuity));
    buf_puts(b, "</h2><ul><li><a id=\"cont-overdue\" href=\"/continuity\">");
    esc_html(b, arena_printf(r->a, tr(r->lang, TR_dash_cont_overdue), n));
    buf_puts(b, "</a></li></ul></section>");
}

static void incident_clocks_section(req *r, buf *b, const dash_figures *f)
{
    buf_puts(b, "<section class=\"related\" id=\"incidents\"><h2>");
    esc_html(b, tr(r->lang, TR_dash_incidents));
    buf_puts(b, "</h2><ul><li><a id=\"inc-clocks\" href=\"/incidents/open\">");
    esc_html(b, arena_printf(r->a, tr(r->lang, TR_dash_inc_clocks), f->inc_red, f->inc_amber,
                             f->inc_open));
    buf_puts(b, "</a></li><li><a id=\"inc-year\" href=\"/incidents/stats\">");
    esc_html(b, arena_printf(r->a, tr(r->lang, TR_dash_inc_year), f->inc_year, f->year, f->dl_met,
                             f->dl_met + f->dl_late));
    buf_puts(b, "</a></li></ul></section>");
}

void h_dashboard(req *r, resp *out)
{
    dash_scope sc;
    if (!dash_scope_from(r, &sc)) {
        respond_error(r, out, 404, "not_found", TR_err_not_found);
        return;
    }
    dash_figures f;
    dash_figures_load(r, &sc, &f);
    const char *title = sc.unit_id
                            ? arena_printf(r->a, "%s: %s", tr(r->lang, TR_dash_title), sc.name)
                            : tr(r->lang, TR_dash_title);
    page_begin(r, out, title, "dashboard");
    buf *b = &out->body;
    if (sc.unit_id) {
        buf_puts(b, "<p class=\"crumb\"><a href=\"/lagesbild\">");
        esc_html(b, tr(r->lang, TR_dash_whole));
        buf_puts(b, "</a></p>");
    }
    buf_puts(b, "<h1>");
    esc_html(b, title);
    buf_puts(b, "</h1><p class=\"lead\">");
    esc_html(b, tr(r->lang, TR_dash_intro));
    buf_puts(b, " <a href=\"/lagesbild/summary");
    if (sc.unit_id) {
        buf_puts(b, "?unit=");
        esc_html(b, sc.unit_id);
    }
    buf_puts(b, "\">");
    esc_html(b, tr(r->lang, TR_dash_summary_link));
    buf_puts(b, "</a></p>");
    unit_choice(r, b, &sc);
    buf_puts(b, "<section class=\"cards\">");
    card(b, "open", tr(r->lang, TR_dash_open_risks), f.open, dash_risks_href(r, &sc, ""));
    card(b, "very-high", tr(r->lang, TR_dash_very_high), f.very_high,
         dash_risks_href(r, &sc, "&level=very_high"));
    card(b, "high", tr(r->lang, TR_dash_high), f.high, dash_risks_href(r, &sc, "&level=high"));
    card(b, "late", arena_printf(r->a, tr(r->lang, TR_dash_late), f.year), f.late, f.late_href);
    card(b, "due-soon", tr(r->lang, TR_dash_due_soon), f.soon, f.soon_href);
    card(b, "done", arena_printf(r->a, tr(r->lang, TR_dash_done), f.year), f.done, f.done_href);
    buf_puts(b, "</section>");
    top_risks(r, b, &sc);
    open_heatmap(r, b, &sc);
    if (!sc.unit_id) per_unit(r, b, f.year, f.today, f.year_ago);
    if (f.incidents) incident_clocks_section(r, b, &f);
    buf_puts(b, "<section class=\"related\" id=\"coverage\"><h2>");
    esc_html(b, tr(r->lang, TR_dash_coverage));
    buf_puts(b, "</h2><p><a href=\"/analyses?scope_kind=object");
    esc_html(b, sc.filter);
    buf_puts(b, "\">");
    esc_html(b, arena_printf(r->a, tr(r->lang, TR_dash_coverage_value), f.analysed, f.objects));
    buf_puts(b, "</a></p></section>");
    classification(r, b, &sc, &f);
    if (!sc.unit_id) continuity_section(r, b);
    overdue_reviews(r, b, &sc, f.today, f.reviews);
    page_end(r, out);
}
