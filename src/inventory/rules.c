/* rules.c - the inventory's rules: a system-asset link belongs to its system's unit (so
 * the system's writers may add or remove it) and exists once per pair; the system's
 * and the asset's pages list each other through the links. */
#include "inventory.h"
#include "../core/util.h"
#include "../entity/render.h"
#include "../core/escape.h"
#include <stdlib.h>
#include <string.h>

void system_asset_validate(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    int sys_i = entity_field(e, "system_id"), asset_i = entity_field(e, "asset_id"),
        unit_i = entity_field(e, "unit_id");
    const char *sys = rec->values[sys_i] ? rec->values[sys_i] : old ? old->values[sys_i] : NULL;
    const char *asset = rec->values[asset_i] ? rec->values[asset_i]
                        : old                ? old->values[asset_i]
                                             : NULL;
    const char *tenant = tenant_param(r);
    const char *p[] = {sys, tenant};
    const char *unit =
        sys ? db_scalar(r->db, r->a, "SELECT unit_id FROM system WHERE id = $1 AND tenant_id = $2",
                        2, p)
            : NULL;
    if (!unit) {
        errors_add(errs, sys_i, TR_err_ref, NULL);
        return;
    }
    rec->values[unit_i] = unit;
    rec->present[unit_i] = true;
    const char *q[] = {tenant, sys, asset, int_text(r->a, old ? old->id : 0)};
    if (asset && db_scalar(r->db, r->a,
                           "SELECT 1 FROM system_asset WHERE tenant_id = $1 AND system_id = $2 AND "
                           "asset_id = $3 AND id <> $4",
                           4, q))
        errors_add(errs, asset_i, TR_err_duplicate_link, NULL);
}

bool system_after_write(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    (void)errs;
    if (!old || !rec) return true;
    /* the links follow a system that moves to another unit */
    const char *p[] = {record_get(rec, e, "unit_id"), int_text(r->a, old->id), tenant_param(r)};
    return !p[0] || db_exec(r->db,
                            "UPDATE system_asset SET unit_id = $1 WHERE system_id = $2 AND "
                            "tenant_id = $3",
                            3, p, NULL) == DB_OK;
}
