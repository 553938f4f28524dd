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

static void overview(req *r, resp *out, bool bad_months)
{
    /* counted over the tenant's assets: kept until the next change (page_memo.h) */
    memo_part part = {0};
    if (!bad_months && page_memo_find(r, "overview", &part)) {
        page_begin(r, out, tr(r->lang, TR_overview_title), "classification");
        buf_append(&out->body, part.html, part.len);
        page_end(r, out);
        return;
    }
    char today[11];
    date_today(today);
    const char *p[] = {tenant_param(r), today};
    db_res *counts = NULL, *due = NULL;
    int rc = db_query(
        r->db, r->a,
        "SELECT COUNT(*), SUM(CASE WHEN c.id IS NULL THEN 0 ELSE 1 END), SUM(CASE WHEN "
        "c.next_review < $2 THEN 1 ELSE 0 END), SUM(CASE WHEN c.review_trigger IS NULL THEN 0 "
        "ELSE 1 END), SUM(CASE WHEN c.k = '4' OR c.r = '4' OR c.t = '4' OR c.s = '4' THEN 1 ELSE "
        "0 END), (SELECT COUNT(*) FROM classification d WHERE d.tenant_id = $1 AND d.status = "
        "'draft'), (SELECT review_months FROM tenant WHERE id = $1)" CURRENT_JOIN,
        2, p, &counts);
    if (rc == DB_OK)
        rc = db_query(r->db, r->a,
                      "SELECT a.id, a.name, u.name, c.next_review, c.review_trigger, c.id FROM "
                      "information_asset a JOIN unit u ON u.id = a.unit_id LEFT JOIN "
                      "classification c ON c.asset_id = a.id AND c.tenant_id = a.tenant_id AND "
                      "c.is_current = 1 WHERE a.tenant_id = $1 AND a.status <> 'retired' AND "
                      "(c.id IS NULL OR c.next_review < $2 OR c.review_trigger IS NOT NULL) "
                      "ORDER BY CASE WHEN c.id IS NULL THEN 0 ELSE 1 END, c.next_review, a.name, "
                      "a.id LIMIT 101",
                      2, p, &due);
    if (rc != DB_OK) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    cls_overview o = {
        .assets = cell_int(counts, 0),
        .classified = cell_int(counts, 1),
        .overdue = cell_int(counts, 2),
        .triggered = cell_int(counts, 3),
        .level4 = cell_int(counts, 4),
        .drafts = cell_int(counts, 5),
        .months = cell_int(counts, 6),
        .due = due,
        .can_set = perm_allows(r->auth, ACT_TENANT_ADMIN, NULL),
        .bad_months = bad_months,
    };
    o.never = o.assets - o.classified;
    o.months_text = arena_printf(r->a, "%d", o.months);
    if (due->nrows > 100) {
        o.more = true;
        due->nrows = 100;
    }
    if (bad_months) out->status = 422;
    page_begin(r, out, tr(r->lang, TR_overview_title), "classification");
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
