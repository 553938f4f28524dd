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

bool awareness_basic_share(req *r, long long *done, long long *reached)
{
    *done = *reached = 0;
    record *basic = newest(r, "basic = 1");
    awareness_summary_t b = {0};
    if (!basic ||
        awareness_summary(r, &entity_training_campaigns, basic, AW_SUMMARY_SHARE, &b) != DB_OK ||
        !b.writer || !b.share)
        return false;
    for (int i = 0; i < b.share->nrows; i++) {
        *reached += atoll(db_cell(b.share, i, 1));
        *done += atoll(db_cell(b.share, i, 2));
    }
    return true;
}
