/* coverage.c - see coverage.h. Counts are made per unit by grouped queries, then summed
 * into the förvaltning or bolag whose subtree holds the unit (by path prefix); an
 * object's applicable requirements come from its protection need and the tenant's
 * active requirements, the same rule as its assessment page. */
#include "coverage.h"
#include "protection.h"
#include "../classification/classification.h"
#include "../requirements/requirements.h"
#include "../core/escape.h"
#include "../core/util.h"
#include "../http/page.h"
#include "../http/page_memo.h"
#include <stdlib.h>
#include <string.h>

void coverage_add(coverage_counts *a, const coverage_counts *b)
{
    a->assets += b->assets;
    a->classified += b->classified;
    a->overdue += b->overdue;
    a->systems += b->systems;
    a->systems_need += b->systems_need;
    a->objects += b->objects;
    a->analysed += b->analysed;
    a->applicable += b->applicable;
    a->met += b->met;
    a->na += b->na;
}

int coverage_met_percent(const coverage_counts *c)
{
    return share_met_percent(c->applicable, c->met, c->na);
}

typedef struct group {
    const char *unit_id, *name, *path;
    coverage_counts c;
} group;

typedef struct coverage {
    /* the organisation-wide requirements, counted once for the tenant (never per object) */
    org_assessment org;
    group *groups; /* förvaltningar and bolag, then "the rest of the organisation" last */
    int n;
    coverage_counts total;
    const db_res *units; /* id, path; by id */
    int *unit_group;     /* per unit row: its group */
} coverage;

/* the group a path falls under, the nearest when one lies within another (a bolag under
 * a koncern); the last group (the rest) when none */
static int group_of_path(const coverage *cv, const char *path)
{
    int best = cv->n - 1;
    size_t best_len = 0;
    for (int g = 0; g < cv->n - 1; g++) {
        size_t len = strlen(cv->groups[g].path);
        if (len > best_len && !strncmp(path, cv->groups[g].path, len)) {
            best = g;
            best_len = len;
        }
    }
    return best;
}

/* a unit's group: binary search of the units by id, each mapped to its group once */
static group *group_of(coverage *cv, const char *unit_id)
{
    int64_t id = atoll(unit_id);
    int lo = 0, hi = cv->units->nrows - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        int64_t at = db_cell_int(cv->units, mid, 0);
        if (at == id) return &cv->groups[cv->unit_group[mid]];
        if (at < id)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return &cv->groups[cv->n - 1];
}

static int load(req *r, coverage *cv)
{
    char today[11];
    date_today(today);
    const char *p[] = {tenant_param(r), today};
    db_res *groups = NULL, *units = NULL, *assets = NULL, *systems = NULL, *objects = NULL,
           *reqs = NULL;
    int rc = db_query(r->db, r->a,
                      "SELECT id, name, path FROM unit WHERE tenant_id = $1 AND kind IN "
                      "('forvaltning', 'bolag') AND retired_at IS NULL ORDER BY name, id",
                      1, p, &groups);
    if (rc == DB_OK)
        rc = db_query(r->db, r->a, "SELECT id, path FROM unit WHERE tenant_id = $1 ORDER BY id", 1,
                      p, &units);
    if (rc == DB_OK)
        rc = db_query(r->db, r->a,
                      "SELECT a.unit_id, COUNT(*), SUM(CASE WHEN c.id IS NULL THEN 0 ELSE 1 END), "
                      "SUM(CASE WHEN c.next_review < $2 THEN 1 ELSE 0 END) FROM information_asset "
                      "a LEFT JOIN classification c ON c.asset_id = a.id AND c.tenant_id = "
                      "a.tenant_id AND c.is_current = 1 WHERE a.tenant_id = $1 AND a.status <> "
                      "'retired' GROUP BY a.unit_id",
                      2, p, &assets);
    if (rc == DB_OK)
        rc = db_query(r->db, r->a,
                      "SELECT s.unit_id, COUNT(*), SUM(CASE WHEN EXISTS (SELECT 1 FROM "
                      "system_asset l JOIN classification c ON c.asset_id = l.asset_id AND "
                      "c.is_current = 1 AND c.tenant_id = l.tenant_id WHERE l.tenant_id = "
                      "s.tenant_id AND l.system_id = s.id) "
                      "THEN 1 ELSE 0 END) FROM system s WHERE s.tenant_id = $1 AND s.status <> "
                      "'retired' GROUP BY s.unit_id",
                      1, p, &systems);
    /* per object: its protection need and its answer counts (answer_tally), merged by
     * object id (correlated subqueries per object cost several times as much) */
    db_res *needs = NULL, *answers = NULL, *analysed = NULL;
    /* analyses and answers are need-to-know: only those the reader may see are counted,
     * and an object's applicable requirements only when its answers are theirs to see, so
     * the share met is of what they see */
    if (rc == DB_OK)
        rc = db_query(r->db, r->a,
                      arena_printf(r->a,
                                   "SELECT DISTINCT x.object_id FROM risk_analysis x WHERE "
                                   "x.tenant_id = $1 AND x.object_id IS NOT NULL%s ORDER BY "
                                   "x.object_id",
                                   entity_read_scope(r, entity_find("analyses"), "x")),
                      1, p, &analysed);
    if (rc == DB_OK)
        rc = db_query(r->db, r->a,
                      arena_printf(r->a,
                                   "SELECT o.id, o.unit_id, CASE WHEN 1 = 1%s THEN 1 ELSE 0 END "
                                   "FROM managed_object o WHERE o.tenant_id = $1 AND o.status <> "
                                   "'retired' ORDER BY o.id",
                                   entity_parent_read_scope(r, &entity_answers, "o")),
                      1, p, &objects);
    if (rc == DB_OK) rc = db_query(r->db, r->a, NEED_PER_OBJECT_SQL(""), 1, p, &needs);
    if (rc == DB_OK)
        rc = db_query(r->db, r->a,
                      arena_printf(r->a,
                                   "SELECT tl.object_id, tl.met, tl.na FROM answer_tally tl WHERE "
                                   "tl.tenant_id = $1%s ORDER BY tl.object_id",
                                   entity_read_scope(r, &entity_answers, "tl")),
                      1, p, &answers);
    if (rc == DB_OK)
        rc = db_query(
            r->db, r->a,
            "SELECT aspect, min_level FROM requirement WHERE tenant_id = $1 AND active = 1 AND "
            "org_wide = 0",
            1, p, &reqs);
    if (rc != DB_OK) return rc;
    if (!org_assessment_load(r, &cv->org)) return DB_ERROR;
    cv->n = groups->nrows + 1;
    cv->groups = arena_alloc(r->a, sizeof(group) * (size_t)cv->n);
    memset(cv->groups, 0, sizeof(group) * (size_t)cv->n);
    for (int g = 0; g < groups->nrows; g++) {
        cv->groups[g].unit_id = db_cell(groups, g, 0);
        cv->groups[g].name = db_cell(groups, g, 1);
        cv->groups[g].path = db_cell(groups, g, 2);
    }
    cv->groups[cv->n - 1].name = tr(r->lang, TR_invcov_rest);
    cv->units = units;
    cv->unit_group = arena_alloc(r->a, sizeof(int) * (size_t)(units->nrows + 1));
    for (int i = 0; i < units->nrows; i++)
        cv->unit_group[i] = group_of_path(cv, db_cell(units, i, 1));
    /* the requirements that apply depend only on the need: counted once per need (levels
     * -1..4 for four aspects: 6^4 combinations at most) */
    enum { NEEDS = 6 * 6 * 6 * 6 };
    int *applicable_for = arena_alloc(r->a, sizeof(int) * NEEDS);
    for (int k = 0; k < NEEDS; k++)
        applicable_for[k] = -1;
    for (int i = 0; i < assets->nrows; i++) {
        group *g = group_of(cv, db_cell(assets, i, 0));
        g->c.assets += atoi(db_cell(assets, i, 1));
        g->c.classified += atoi(db_cell(assets, i, 2));
        g->c.overdue += atoi(db_cell(assets, i, 3));
    }
    for (int i = 0; i < systems->nrows; i++) {
        group *g = group_of(cv, db_cell(systems, i, 0));
        g->c.systems += atoi(db_cell(systems, i, 1));
        g->c.systems_need += atoi(db_cell(systems, i, 2));
    }
    for (int i = 0, ni = 0, ai = 0, ri = 0; i < objects->nrows; i++) {
        group *g = group_of(cv, db_cell(objects, i, 1));
        g->c.objects++;
        int64_t id = db_cell_int(objects, i, 0);
        while (ni < needs->nrows && db_cell_int(needs, ni, 0) < id)
            ni++;
        while (ai < answers->nrows && db_cell_int(answers, ai, 0) < id)
            ai++;
        while (ri < analysed->nrows && db_cell_int(analysed, ri, 0) < id)
            ri++;
        g->c.analysed += ri < analysed->nrows && db_cell_int(analysed, ri, 0) == id;
        bool answers_seen = atoi(db_cell(objects, i, 2)) == 1;
        if (answers_seen && ni < needs->nrows && db_cell_int(needs, ni, 0) == id) {
            int need[4], key = 0;
            for (int a = 0; a < 4; a++) {
                need[a] = need_level(db_cell(needs, ni, 1 + a));
                key = key * 6 + need[a] + 1;
            }
            if (applicable_for[key] < 0) {
                applicable_for[key] = 0;
                for (int q = 0; q < reqs->nrows; q++)
                    applicable_for[key] +=
                        requirement_applies(db_cell(reqs, q, 0), atoi(db_cell(reqs, q, 1)), need);
            }
            g->c.applicable += applicable_for[key];
        }
        if (ai < answers->nrows && db_cell_int(answers, ai, 0) == id) {
            g->c.met += atoi(db_cell(answers, ai, 1));
            g->c.na += atoi(db_cell(answers, ai, 2));
        }
    }
    for (int g = 0; g < cv->n; g++)
        coverage_add(&cv->total, &cv->groups[g].c);
    return DB_OK;
}

/* for protection_section: a unit's group as an index */
static int group_index(void *ctx, const char *unit_id)
{
    coverage *cv = ctx;
    return (int)(group_of(cv, unit_id) - cv->groups);
}

/* What protects what, for the page (html) or the API (json), over the same groups. */
static bool protection(req *r, coverage *cv, buf *html, buf *json)
{
    const char **names = arena_alloc(r->a, sizeof(char *) * (size_t)cv->n);
    const char **ids = arena_alloc(r->a, sizeof(char *) * (size_t)cv->n);
    for (int g = 0; g < cv->n; g++) {
        names[g] = cv->groups[g].name;
        ids[g] = cv->groups[g].unit_id;
    }
    return protection_section(r, cv, group_index, names, ids, cv->n, html, json);
}

static void row(req *r, buf *b, const char *name, const char *unit_id, const coverage_counts *c,
                bool total)
{
    buf_puts(b, total ? "<tr class=\"total\"><th scope=\"row\">" : "<tr><th scope=\"row\">");
    esc_html(b, name);
    buf_puts(b, "</th>");
    const char *filter =
        unit_id ? arena_printf(r->a, "?unit_id_within=%s&amp;status_not=retired", unit_id)
                : "?status_not=retired";
    buf_printf(b, "<td><a href=\"/assets%s\">%d</a></td>", filter, c->assets);
    buf_printf(b, "<td>%d", c->classified);
    if (c->assets) buf_printf(b, " (%d %%)", c->classified * 100 / c->assets);
    buf_printf(b, "</td><td>%s%d%s</td>", c->overdue ? "<strong>" : "", c->overdue,
               c->overdue ? "</strong>" : "");
    buf_printf(b, "<td><a href=\"/systems%s\">%d</a></td><td>%d</td>", filter, c->systems,
               c->systems_need);
    buf_printf(b, "<td><a href=\"/objects%s\">%d</a></td><td>%d", filter, c->objects, c->analysed);
    if (c->objects) buf_printf(b, " (%d %%)", c->analysed * 100 / c->objects);
    buf_puts(b, "</td>");
    buf_printf(b, "<td>%d %% <span class=\"help\">(%d/%d)</span></td></tr>",
               coverage_met_percent(c), c->met, c->applicable - c->na);
}

void h_inventory_coverage(req *r, resp *out)
{
    /* counted over the whole tenant: kept until the next change (page_memo.h) */
    memo_part part;
    if (page_memo_serve(r, out, "coverage", tr(r->lang, TR_invcov_title), "inventory", &part))
        return;
    coverage cv = {0};
    if (load(r, &cv) != DB_OK) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    page_begin(r, out, tr(r->lang, TR_invcov_title), "inventory");
    buf *b = &out->body;
    size_t start = b->len;
    buf_puts(b, "<h1>");
    esc_html(b, tr(r->lang, TR_invcov_title));
    buf_puts(b, "</h1><p class=\"lead\">");
    esc_html(b, tr(r->lang, TR_invcov_intro));
    buf_puts(b, "</p><div class=\"table-scroll\"><table class=\"list coverage\"><thead><tr>");
    static const tr_key heads[] = {TR_invcov_unit,    TR_invcov_assets,   TR_invcov_classified,
                                   TR_invcov_overdue, TR_invcov_systems,  TR_invcov_systems_need,
                                   TR_invcov_objects, TR_invcov_analysed, TR_invcov_met};
    for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++) {
        buf_puts(b, "<th scope=\"col\">");
        esc_html(b, tr(r->lang, heads[i]));
        buf_puts(b, "</th>");
    }
    buf_puts(b, "</tr></thead><tbody>");
    for (int g = 0; g < cv.n; g++) {
        const coverage_counts *c = &cv.groups[g].c;
        bool last = g == cv.n - 1;
        if (last && !c->assets && !c->systems && !c->objects) continue;
        row(r, b, cv.groups[g].name, cv.groups[g].unit_id, c, false);
    }
    buf_puts(b, "</tbody><tfoot>");
    row(r, b, tr(r->lang, TR_invcov_total), NULL, &cv.total, true);
    buf_puts(b, "</tfoot></table></div>");
    if (cv.org.applicable && cv.org.answers_readable) {
        /* once for the tenant: not in any förvaltning's share above */
        buf_puts(b, "<p class=\"org-wide\"><a href=\"/requirements/org-wide\">");
        esc_html(b, tr(r->lang, TR_invcov_org_wide));
        buf_printf(b, "</a>: %d %% <span class=\"help\">(%d/%d)</span></p>",
                   org_met_percent(&cv.org), cv.org.met, cv.org.applicable - cv.org.na);
    }
    if (!protection(r, &cv, b, NULL)) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    page_memo_keep(r, &part, b, start, 0);
    page_end(r, out);
}

static void json_counts(buf *b, const coverage_counts *c)
{
    buf_printf(b,
               "{\"assets\":%d,\"classified\":%d,\"overdue\":%d,\"systems\":%d,"
               "\"systems_with_need\":%d,\"objects\":%d,\"objects_risk_analysed\":%d,"
               "\"requirements_applicable\":%d,"
               "\"requirements_met\":%d,\"requirements_na\":%d,\"met_percent\":%d}",
               c->assets, c->classified, c->overdue, c->systems, c->systems_need, c->objects,
               c->analysed, c->applicable, c->met, c->na, coverage_met_percent(c));
}

void api_inventory_coverage(req *r, resp *out)
{
    coverage cv = {0};
    if (load(r, &cv) != DB_OK) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    respond_json(out, 200);
    buf *b = &out->body;
    buf_puts(b, "{\"units\":[");
    for (int g = 0; g < cv.n; g++) {
        if (g) buf_putc(b, ',');
        buf_puts(b, "{\"unit_id\":");
        buf_puts(b, cv.groups[g].unit_id ? cv.groups[g].unit_id : "null");
        buf_puts(b, ",\"name\":");
        esc_json_string(b, cv.groups[g].name);
        buf_puts(b, ",\"counts\":");
        json_counts(b, &cv.groups[g].c);
        buf_putc(b, '}');
    }
    buf_puts(b, "],\"total\":");
    json_counts(b, &cv.total);
    if (cv.org.answers_readable)
        buf_printf(b,
                   ",\"org_wide\":{\"requirements_applicable\":%d,\"requirements_met\":%d,"
                   "\"requirements_na\":%d,\"gaps\":%d,\"met_percent\":%d}",
                   cv.org.applicable, cv.org.met, cv.org.na, cv.org.gaps, org_met_percent(&cv.org));
    buf_puts(b, ",\"protection\":");
    if (!protection(r, &cv, NULL, b)) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    buf_putc(b, '}');
}
