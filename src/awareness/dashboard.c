/* dashboard.c - awareness on the lägesbild: per förvaltning the share of the target group
 * who have done the basic course (not overdue), and the latest phishing drill's click and
 * report rates — for those who keep the campaigns or see every risk. */
#include "awareness.h"
#include "../../build/views/dash_training.h"
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
    const entity *e = &entity_training_campaigns;
    *reached = *done = 0;
    record *basic = newest(r, "basic = 1");
    awareness_summary_t b = {0};
    if (!basic) return 0;
    if (awareness_summary(r, e, basic, AW_SUMMARY_SHARE, &b) != DB_OK) return -1;
    if (!b.writer || !b.share) return 0;
    for (int i = 0; i < b.share->nrows; i++) {
        *reached += db_cell_int(b.share, i, 1);
        *done += db_cell_int(b.share, i, 2);
    }
    return 1;
}

int awareness_trained_by_tenant(db *d, arena *a, const char *tenants_sql, db_res **rows)
{
    return db_query(d, a,
                    arena_printf(a,
                                 "SELECT p.tenant_id, COUNT(*), SUM(CASE WHEN EXISTS (SELECT 1 "
                                 "FROM training_completion l JOIN training_campaign c ON c.id = "
                                 "l.campaign_id AND c.tenant_id = l.tenant_id WHERE l.tenant_id = "
                                 "p.tenant_id AND l.person_id = p.id AND c.basic = 1) THEN 1 ELSE "
                                 "0 END) FROM person p WHERE p.tenant_id IN (%s) AND p.active = 1 "
                                 "GROUP BY p.tenant_id",
                                 tenants_sql),
                    0, NULL, rows);
}
