/* dashboard.c - the lägesbild, for the tenant or one förvaltning (?unit=ID: every figure
 * over that unit's subtree, each link carrying unit_id_within=ID). Every figure is counted
 * with the same filters as the list it links to (figures.c), so a click shows exactly what
 * was counted. The tenant's table per förvaltning sums each förvaltning's whole subtree,
 * found from the units' paths, and leads to that förvaltning's lägesbild. */
#include "dashboard.h"
#include "figures.h"
#include "trends.h"
#include "../risks/risks.h"
#include "../actions/actions.h"
#include "../continuity/continuity.h"
#include "../awareness/awareness.h"
#include "../scans/scans.h"
#include "../suppliers/suppliers.h"
#include "../http/page.h"
#include "../http/page_memo.h"
#include "../core/escape.h"
#include "../core/util.h"
#include "../../build/views/dash_cards.h"
#include "../../build/views/dash_heatmap.h"
#include "../../build/views/dash_per_unit.h"
#include "../../build/views/dash_reviews.h"
#include "../../build/views/dash_sections.h"
#include "../../build/views/dash_top_risks.h"
#include "../../build/views/dash_unit_choice.h"
#include "../../build/views/dashboard.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* the förvaltning whose subtree holds path (the deepest), or NULL */
static dash_unit_row *forv_of(dash_unit_row *list, int n, const char *path)
{
    dash_unit_row *best = NULL;
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
    view_dash_top_risks(b, r->lang, r, res);
}

int *dash_heatmap_counts(req *r, const dash_scope *sc, int *likelihoods, int *consequences)
{
    risk_matrix m = tenant_matrix(r);
    size_t cells = (size_t)m.likelihoods * (size_t)m.consequences;
    int *counts = arena_alloc(r->a, sizeof(int) * cells);
    memset(counts, 0, sizeof(int) * cells);
    *likelihoods = m.likelihoods;
    *consequences = m.consequences;
    const char *p[] = {tenant_param(r), sc->like};
    db_res *res = NULL;
    if (db_query(r->db, r->a,
                 arena_printf(r->a,
                              "SELECT likelihood, consequence, COUNT(*) FROM risk WHERE tenant_id "
                              "= $1 AND status = 'open'%s%s GROUP BY likelihood, consequence",
                              dash_within(r, sc, "unit_id", 2),
                              entity_read_scope(r, &entity_risks, "risk")),
                 sc->unit_id ? 2 : 1, p, &res) != DB_OK)
        return NULL;
    for (int i = 0; i < res->nrows; i++) {
        int l = (int)db_cell_int(res, i, 0), c = (int)db_cell_int(res, i, 1);
        if (matrix_rating_valid(m, l, c))
            counts[(l - 1) * m.consequences + (c - 1)] += (int)db_cell_int(res, i, 2);
    }
    return counts;
}

static void open_heatmap(req *r, buf *b, const dash_scope *sc)
{
    int likelihoods, consequences;
    int *counts = dash_heatmap_counts(r, sc, &likelihoods, &consequences);
    if (!counts) return;
    view_dash_heatmap(b, r->lang, r, counts, arena_printf(r->a, "%s&", dash_risks_href(r, sc, "")));
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
    dash_unit_row *list = arena_alloc(r->a, sizeof(dash_unit_row) * (size_t)(n + 1));
    for (int i = 0; i < n; i++)
        list[i] = (dash_unit_row){db_cell(fr, i, 0), db_cell(fr, i, 1), db_cell(fr, i, 2)};
    for (int i = 0; i < risks->nrows; i++) {
        dash_unit_row *f = forv_of(list, n, db_cell(risks, i, 0));
        if (!f) continue;
        int c = (int)db_cell_int(risks, i, 2);
        risk_level lv = risk_level_from_code(db_cell(risks, i, 1));
        f->open += c;
        if (lv == LEVEL_HIGH || lv == LEVEL_VERY_HIGH) f->serious += c;
    }
    for (int i = 0; i < acts->nrows; i++) {
        dash_unit_row *f = forv_of(list, n, db_cell(acts, i, 0));
        if (!f) continue;
        plan_item it = {
            .plan_year = year, .status = db_cell(acts, i, 1), .end_date = db_cell(acts, i, 2)};
        followup_state s = plan_followup(&it, today);
        f->late += s == FOLLOWUP_LATE;
        f->done += s == FOLLOWUP_DONE;
    }
    for (int i = 0; i < an->nrows; i++) {
        dash_unit_row *f = forv_of(list, n, db_cell(an, i, 0));
        if (f) f->analyses += (int)db_cell_int(an, i, 1);
    }
    view_dash_per_unit(b, r->lang, list, n);
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
    view_dash_reviews(b, r->lang, res, total);
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
    view_dash_unit_choice(b, r->lang, sc, res);
}

void h_dashboard(req *r, resp *out)
{
    dash_scope sc;
    if (!dash_scope_from(r, &sc)) {
        respond_error(r, out, 404, "not_found", TR_err_not_found);
        return;
    }
    const char *title = sc.unit_id
                            ? arena_printf(r->a, "%s: %s", tr(r->lang, TR_dash_title), sc.name)
                            : tr(r->lang, TR_dash_title);
    page_begin(r, out, title, "dashboard");
    buf *b = &out->body;
    /* the figures, counted over the whole tenant, are kept until the next change (the
     * accepted risks past review, need-to-know, are read and logged each time) */
    memo_part part;
    int64_t reviews = 0;
    size_t start = b->len;
    if (page_memo_find(r, "figures", &part)) {
        buf_append(b, part.html, part.len);
        reviews = part.extra;
    } else {
        dash_figures f;
        dash_figures_load(r, &sc, &f);
        view_dashboard(b, r->lang, &sc, title);
        unit_choice(r, b, &sc);
        view_dash_cards(b, r->lang, r, &sc, &f);
        top_risks(r, b, &sc);
        open_heatmap(r, b, &sc);
        if (!sc.unit_id) per_unit(r, b, f.year, f.today, f.year_ago);
        view_dash_sections(b, r->lang, r, &sc, &f, sc.unit_id ? -1 : continuity_overdue(r));
        if (!sc.unit_id) dashboard_phase_section(r, f.today, b);
        if (!sc.unit_id) suppliers_dash_section(r, b);
        if (!sc.unit_id) awareness_dash_section(r, b);
        reviews = f.reviews;
        page_memo_keep(r, &part, b, start, reviews);
    }
    char now[21];
    time_now_iso(now);
    overdue_reviews(r, b, &sc, arena_strndup(r->a, now, 10), (int)reviews);
    start = b->len;
    if (page_memo_find(r, "scans", &part)) {
        buf_append(b, part.html, part.len);
    } else {
        scans_dashboard_section(r, sc.like, sc.filter, b);
        if (!sc.unit_id) hygiene_dashboard_section(r, b);
        page_memo_keep(r, &part, b, start, 0);
    }
    /* the quarters kept: the tenant's, not a förvaltning's */
    if (!sc.unit_id) trends_section(r, b, NULL);
    page_end(r, out);
}
