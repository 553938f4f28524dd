/* dashboard.c - awareness on the lägesbild: per förvaltning the share of the target group
 * who have done the basic course (not overdue), and the latest phishing drill's click and
 * report rates — for those who keep the campaigns or see every risk. */
#include "awareness.h"
#include "../../build/views/dash_training.h"
#include "../core/util.h"
#include <stdlib.h>

/* The record of the tenant's newest campaign of a kind (basic course, or drill), or NULL */
static record *newest(req *r, const char *where)
{
    const char *p[] = {tenant_param(r)};
    const char *id = db_scalar(
        r->db, r->a,
        arena_printf(r->a,
                     "SELECT id FROM training_campaign WHERE tenant_id = $1 AND %s ORDER BY "
                     "starts_on DESC, id DESC LIMIT 1",
                     where),
        1, p);
    db_res *row = NULL;
    if (!id || entity_get(r, &entity_training_campaigns, atoll(id), &row) != DB_OK ||
        row->nrows == 0)
        return NULL;
    return record_from_row(r, &entity_training_campaigns, row, 0);
}

void awareness_dash_section(req *r, buf *out)
{
    const entity *e = &entity_training_campaigns;
    record *basic = newest(r, "basic = 1"), *drill = newest(r, "kind = 'phishing'");
    awareness_summary_t b = {0}, d = {0};
    bool has_basic = basic && awareness_summary(r, e, basic, AW_SUMMARY_SHARE, &b) == DB_OK &&
                     b.writer && b.share;
    /* a drill's rates per förvaltning tell where staff fall for phishing: on the lägesbild
     * for those who see every risk, or who keep the drills */
    bool has_drill = drill && awareness_summary(r, e, drill, AW_SUMMARY_SHARE, &d) == DB_OK &&
                     d.drill && (d.writer || perm_allows(r->auth, ACT_RISK_READ, NULL));
    if (!has_basic && !has_drill) return;
    view_dash_training(out, r->lang, has_basic ? basic->id : 0,
                       has_basic ? record_get(basic, e, "name") : NULL, has_basic ? b.share : NULL,
                       has_drill ? drill->id : 0, has_drill ? record_get(drill, e, "name") : NULL,
                       has_drill ? d.drill : NULL);
}

bool awareness_share_visible(req *r)
{
    record *basic = newest(r, "basic = 1");
    return basic && entity_may_write(r, &entity_training_campaigns, basic);
}

int awareness_basic_share(req *r, long long *reached, long long *done)
{
    *reached = *done = 0;
    if (!awareness_share_visible(r)) return 0;
    db_res *rows = NULL;
    if (awareness_trained_by_tenant(r->db, r->a, tenant_param(r), &rows) != DB_OK) return -1;
    if (rows->nrows) *reached = db_cell_int(rows, 0, 1), *done = db_cell_int(rows, 0, 2);
    return 1;
}

/* The one definition of "trained" that the lägesbild's trend, the management review and the
 * national view share: an active person of the tenant who has completed a basic course
 * (any of them: a new basic course replaces the last, it does not untrain those who did
 * it) and whose completion has not expired by that course's own repeat interval, over all
 * the tenant's active people. Why this one: a CISO reports to kommunstyrelsen the share
 * of the staff who are trained now — a completion from 2019 of a course to be repeated
 * every two years is no training today, and the newest course's target group alone
 * would leave out everyone a förvaltning's own course was not aimed at, so the share
 * would rise when a course is aimed narrower. The expiry follows
 * awareness_repeat_cutoff, so the campaign page's "overdue" and this agree. */
int awareness_trained_by_tenant(db *d, arena *a, const char *tenants_sql, db_res **rows)
{
    /* each repeat interval the basic courses use, with its cutoff as a literal the C
     * computed (a whole number of months and a YYYY-MM-DD date, nothing from the user) —
     * a month's arithmetic is not the same SQL on SQLite and PostgreSQL */
    db_res *months = NULL;
    int rc = db_query(d, a,
                      arena_printf(a,
                                   "SELECT DISTINCT repeat_months FROM training_campaign WHERE "
                                   "basic = 1 AND repeat_months IS NOT NULL AND tenant_id IN (%s)",
                                   tenants_sql),
                      0, NULL, &months);
    if (rc != DB_OK) return rc;
    char today[11];
    date_today(today);
    const char *expired = ""; /* at most one term per interval of 1 to 120 months */
    for (int i = 0; i < months->nrows; i++) {
        char cutoff[11];
        int m = (int)db_cell_int(months, i, 0);
        if (awareness_repeat_cutoff(today, m, cutoff))
            expired = arena_printf(a, "%s OR (c.repeat_months = %d AND l.completed_on <= '%s')",
                                   expired, m, cutoff);
    }
    const char *sql = arena_printf(
        a,
        "SELECT p.tenant_id, COUNT(*), SUM(CASE WHEN EXISTS (SELECT 1 FROM training_completion l "
        "JOIN training_campaign c ON c.id = l.campaign_id AND c.tenant_id = l.tenant_id WHERE "
        "l.tenant_id = p.tenant_id AND l.person_id = p.id AND c.basic = 1 AND NOT (1 = 0%s)) "
        "THEN 1 ELSE 0 END) FROM person p WHERE p.tenant_id IN (%s) AND p.active = 1 GROUP BY "
        "p.tenant_id",
        expired, tenants_sql);
    return db_query(d, a, sql, 0, NULL, rows);
}
