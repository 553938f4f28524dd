/* pages.c - /classification: where classification stands in the tenant (counts, what is
 * never classified, overdue or marked for reclassification) and the review interval. */
#include "classification.h"
#include "../http/page.h"
#include "../http/page_memo.h"
#include "../core/util.h"
#include "../../build/views/classification_overview.h"
#include <stdlib.h>
#include <string.h>

/* the current classification of each live asset */
#define CURRENT_JOIN                                                                               \
    " FROM information_asset a LEFT JOIN classification c ON c.asset_id = a.id AND c.tenant_id "   \
    "= a.tenant_id AND c.is_current = 1 WHERE a.tenant_id = $1 AND a.status <> 'retired'"

static int cell_int(const db_res *res, int col)
{
    const char *v = res && res->nrows ? db_cell(res, 0, col) : NULL;
    return v ? atoi(v) : 0;
}

/* The förvaltning (or bolag) the overview is for: ?forvaltning=ID, empty for the whole
 * tenant; without it, a samordnare's own (the one her role is held in or under). Sets
 * o->forvaltningar, forv_id, forv_name, within and *like (the subtree's path pattern);
 * false when the choice names none of the tenant's. */
static bool choose_forvaltning(req *r, cls_overview *o, const char **like)
{
    const char *p[] = {tenant_param(r)};
    db_res *list = NULL;
    if (db_query(r->db, r->a,
                 "SELECT id, name, path FROM unit WHERE tenant_id = $1 AND kind IN "
                 "('forvaltning', 'bolag') AND retired_at IS NULL ORDER BY name, id",
                 1, p, &list) != DB_OK)
        return false;
    o->forvaltningar = list;
    o->within = "";
    *like = NULL;
    const char *chosen = kv_get(&r->query, "forvaltning");
    size_t best = 0;
    for (int g = 0; !chosen && g < r->auth->ngrants; g++) {
        const role_grant *grant = &r->auth->grants[g];
        if (grant->role != ROLE_COORDINATOR || !grant->unit_path) continue;
        for (int i = 0; i < list->nrows; i++) {
            const char *path = db_cell(list, i, 2);
            size_t len = strlen(path);
            if (len > best && !strncmp(grant->unit_path, path, len)) {
                best = len;
                o->forv_id = db_cell(list, i, 0);
            }
        }
    }
    if (!chosen) chosen = o->forv_id;
    o->forv_id = NULL;
    if (!chosen || !*chosen) return true;
    for (int i = 0; i < list->nrows; i++) {
        if (strcmp(db_cell(list, i, 0), chosen) != 0) continue;
        o->forv_id = db_cell(list, i, 0);
        o->forv_name = db_cell(list, i, 1);
        o->within = arena_printf(r->a, "&unit_id_within=%s", o->forv_id);
        *like = arena_printf(r->a, "%s%%", db_cell(list, i, 2));
        return true;
    }
    return false;
}

/* " AND <alias>.unit_id IN (the chosen subtree)", its pattern being $n; "" for the tenant */
static const char *within_sql(req *r, const char *like, const char *alias, int n)
{
    return like ? arena_printf(r->a,
                               " AND %s.unit_id IN (SELECT su.id FROM unit su WHERE su.tenant_id "
                               "= $1 AND su.path LIKE $%d)",
                               alias, n)
                : "";
}

static void overview(req *r, resp *out, bool bad_months)
{
    cls_overview o = {.can_set = perm_allows(r->auth, ACT_TENANT_ADMIN, NULL),
                      .bad_months = bad_months};
    const char *like = NULL;
    if (!choose_forvaltning(r, &o, &like)) {
        respond_error(r, out, 404, "not_found", TR_err_not_found);
        return;
    }
    const char *title =
        o.forv_name ? arena_printf(r->a, "%s: %s", tr(r->lang, TR_overview_title), o.forv_name)
                    : tr(r->lang, TR_overview_title);
    /* counted over the tenant's assets: kept until the next change (page_memo.h) */
    memo_part part = {0};
    if (!bad_months && page_memo_serve(r, out, "overview", title, "classification", &part)) return;
    char today[11];
    date_today(today);
    const char *p[] = {tenant_param(r), today, like};
    int np = like ? 3 : 2;
    const char *in_a = within_sql(r, like, "a", 3);
    db_res *counts = NULL, *due = NULL, *drafts = NULL;
    int rc = db_query(
        r->db, r->a,
        arena_printf(
            r->a,
            "SELECT COUNT(*), SUM(CASE WHEN c.id IS NULL THEN 0 ELSE 1 END), SUM(CASE WHEN "
            "c.next_review < $2 THEN 1 ELSE 0 END), SUM(CASE WHEN c.review_trigger IS NULL THEN "
            "0 ELSE 1 END), SUM(CASE WHEN c.k = '4' OR c.r = '4' OR c.t = '4' OR c.s = '4' THEN 1 "
            "ELSE 0 END), (SELECT COUNT(*) FROM classification d WHERE d.tenant_id = $1 AND "
            "d.status = 'draft'%s), (SELECT review_months FROM tenant WHERE id = $1)" CURRENT_JOIN
            "%s",
            within_sql(r, like, "d", 3), in_a),
        np, p, &counts);
    if (rc == DB_OK)
        rc = db_query(
            r->db, r->a,
            arena_printf(r->a,
                         "SELECT a.id, a.name, u.name, c.next_review, c.review_trigger, c.id FROM "
                         "information_asset a JOIN unit u ON u.id = a.unit_id LEFT JOIN "
                         "classification c ON c.asset_id = a.id AND c.tenant_id = a.tenant_id AND "
                         "c.is_current = 1 WHERE a.tenant_id = $1 AND a.status <> 'retired' AND "
                         "(c.id IS NULL OR c.next_review < $2 OR c.review_trigger IS NOT NULL)%s "
                         "ORDER BY CASE WHEN c.id IS NULL THEN 0 ELSE 1 END, c.next_review, "
                         "a.name, a.id LIMIT 101",
                         in_a),
            np, p, &due);
    /* the drafts, each with the information owner whose decision it waits for */
    const char *pd[] = {p[0], like};
    if (rc == DB_OK)
        rc = db_query(r->db, r->a,
                      arena_printf(r->a,
                                   "SELECT d.id, a.id, a.name, u.name, d.version, p.name FROM "
                                   "classification d JOIN information_asset a ON a.tenant_id = "
                                   "d.tenant_id AND a.id = d.asset_id JOIN unit u ON u.id = "
                                   "a.unit_id LEFT JOIN person p ON p.tenant_id = a.tenant_id AND "
                                   "p.id = a.owner_id WHERE d.tenant_id = $1 AND d.status = "
                                   "'draft' AND a.status <> 'retired'%s ORDER BY a.name, d.id "
                                   "LIMIT 101",
                                   within_sql(r, like, "a", 2)),
                      np - 1, pd, &drafts);
    if (rc != DB_OK) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    o.assets = cell_int(counts, 0);
    o.classified = cell_int(counts, 1);
    o.overdue = cell_int(counts, 2);
    o.triggered = cell_int(counts, 3);
    o.level4 = cell_int(counts, 4);
    o.drafts = cell_int(counts, 5);
    o.months = cell_int(counts, 6);
    o.due = due;
    o.draft_rows = drafts;
    o.never = o.assets - o.classified;
    o.months_text = arena_printf(r->a, "%d", o.months);
    if (due->nrows > 100) {
        o.more = true;
        due->nrows = 100;
    }
    if (drafts->nrows > 100) {
        o.drafts_more = true;
        drafts->nrows = 100;
    }
    if (bad_months) out->status = 422;
    page_begin(r, out, title, "classification");
    size_t start = out->body.len;
    view_classification_overview(&out->body, r->lang, r, &o);
    if (!bad_months) page_memo_keep(r, &part, &out->body, start, 0);
    page_end(r, out);
}

void h_classification_overview(req *r, resp *out)
{
    overview(r, out, false);
}

void h_classification_settings(req *r, resp *out)
{
    if (!perm_allows(r->auth, ACT_TENANT_ADMIN, NULL)) {
        respond_error(r, out, 403, "forbidden", TR_err_forbidden);
        return;
    }
    int64_t months;
    const char *v = kv_get(&r->form, "months");
    if (!v || !parse_int64(v, &months) || months < 1 || months > 60) {
        overview(r, out, true);
        return;
    }
    const char *tenant = tenant_param(r);
    const char *p[] = {tenant};
    const char *old =
        db_scalar(r->db, r->a, "SELECT review_months FROM tenant WHERE id = $1", 1, p);
    const char *pu[] = {v, tenant};
    int rc = db_begin(r->db);
    if (rc == DB_OK)
        rc = db_exec(r->db, "UPDATE tenant SET review_months = $1 WHERE id = $2", 2, pu, NULL);
    if (rc == DB_OK)
        rc = entity_audit(
            r, "settings", NULL, 0, "review_months",
            arena_printf(r->a, "{\"review_months\":[\"%s\",\"%s\"]}", old ? old : "", v));
    if (rc == DB_OK && db_commit(r->db) == DB_OK) {
        resp_redirect(out, r->a, "/classification");
        return;
    }
    db_rollback(r->db);
    respond_error(r, out, 500, "internal", TR_err_internal);
}
