/* bia_page.c - a plan's BIA on its page: the impact grid (each kind of consequence after
 * 1 h … 1 week, on the tenant's consequence scale), the MTPD that follows from it and
 * why, a warning where the plan states a longer MTPD than its BIA bears, and the check
 * against the availability (T) classification of the information involved: for a
 * förvaltningsobjekt the information its systems handle, for a process the information
 * of the systems it needs (its dependencies). */
#include "continuity.h"
#include "../core/util.h"
#include "../risks/risks.h"
#include "../../build/views/continuity_bia.h"
#include <stdlib.h>

const tr_key bia_kind_labels[BIA_KINDS] = {TR_bia_kind_life_health, TR_bia_kind_duties,
                                           TR_bia_kind_money, TR_bia_kind_trust,
                                           TR_bia_kind_personal_data};
const tr_key bia_point_labels[BIA_POINTS] = {TR_bia_after_1, TR_bia_after_4, TR_bia_after_24,
                                             TR_bia_after_72, TR_bia_after_168};

static bool load_grid(req *r, int64_t plan, bia_view *v)
{
    const char *p[] = {int_text(r->a, plan), tenant_param(r)};
    db_res *res = NULL;
    if (db_query(r->db, r->a,
                 "SELECT kind, after_hours, level FROM bia_impact WHERE plan_id = $1 AND "
                 "tenant_id = $2",
                 2, p, &res) != DB_OK)
        return false;
    for (int i = 0; i < res->nrows; i++) {
        int k = bia_kind_index(db_cell(res, i, 0)), t = bia_point_index(db_cell(res, i, 1));
        int level = atoi(db_cell(res, i, 2) ? db_cell(res, i, 2) : "0");
        if (k < 0 || t < 0 || level < 1 || level > BIA_MAX_LEVEL) continue;
        v->grid.level[k][t] = level;
        v->stated = true;
    }
    bia_grid_carry(&v->grid);
    return true;
}

/* The highest current T level of the information involved, and that information. */
static bool load_availability(req *r, const char *object, const char *process, bia_view *v)
{
    const char *p[] = {tenant_param(r), object, process};
    db_res *res = NULL;
    if (db_query(r->db, r->a,
                 "SELECT c.t, a.name FROM classification c JOIN information_asset a ON a.id = "
                 "c.asset_id AND a.tenant_id = c.tenant_id JOIN system_asset sa ON sa.asset_id = "
                 "c.asset_id AND sa.tenant_id = c.tenant_id WHERE c.tenant_id = $1 AND "
                 "c.is_current = 1 AND sa.system_id IN (SELECT s.id FROM system s WHERE "
                 "s.tenant_id = $1 AND s.object_id = $2 UNION SELECT d.needs_system_id FROM "
                 "continuity_dependency d WHERE d.tenant_id = $1 AND d.process_id = $3 AND "
                 "d.needs_system_id IS NOT NULL) ORDER BY c.t DESC, a.name LIMIT 1",
                 3, p, &res) != DB_OK)
        return false;
    v->t_level = res->nrows ? need_level(db_cell(res, 0, 0)) : -1;
    v->t_asset = res->nrows ? db_cell(res, 0, 1) : NULL;
    if (v->t_level >= 0) v->t_check = bia_check_availability(v->t_level, &v->mtpd);
    return true;
}

void continuity_plan_lead(req *r, const entity *e, const record *rec, buf *out)
{
    continuity_plan_detail_extra(r, e, rec, out);
    bia_view *v = arena_alloc(r->a, sizeof *v);
    if (!v || !load_grid(r, rec->id, v)) return;
    v->unacceptable = bia_unacceptable_step(r);
    for (int s = 1; s <= tenant_matrix(r).consequences && s <= BIA_MAX_LEVEL; s++)
        v->step_names[s] = risk_consequence_name(r, int_text(r->a, s));
    v->mtpd = bia_mtpd_of(&v->grid, v->unacceptable);
    const char *stated = record_get(rec, e, "mtpd_hours");
    v->plan_mtpd = stated ? atoll(stated) : -1;
    if (!load_availability(r, record_get(rec, e, "object_id"), record_get(rec, e, "process_id"), v))
        return;
    view_continuity_bia(out, r->lang, v);
}
