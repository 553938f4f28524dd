/* rules.c - the inventory's rules: a system-asset link belongs to its system's unit (so
 * the system's writers may add or remove it) and exists once per pair; the system's
 * and the asset's pages list each other through the links. */
#include "inventory.h"
#include "../core/util.h"
#include "../classification/classification.h"
#include "../requirements/requirements.h"
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
    /* procurement and go-live are the moments to classify again */
    int status_i = entity_field(e, "status");
    const char *was = old->values[status_i], *now = rec->values[status_i];
    if (now && (!was || strcmp(was, now))) {
        const char *reason = !strcmp(now, "procurement") ? "procurement"
                             : !strcmp(now, "operation") ? "golive"
                                                         : NULL;
        if (reason && !classification_trigger_system(r, old->id, reason)) return false;
    }
    /* the links follow a system that moves to another unit */
    const char *p[] = {record_get(rec, e, "unit_id"), int_text(r->a, old->id), tenant_param(r)};
    return !p[0] || db_exec(r->db,
                            "UPDATE system_asset SET unit_id = $1 WHERE system_id = $2 AND "
                            "tenant_id = $3",
                            3, p, NULL) == DB_OK;
}

/* A section listing the other end of each link: name linked to its page, the note, and
 * a link to the link record itself (where it is edited or removed). */
static void linked(req *r, buf *out, tr_key heading, const char *sql, int64_t id, const char *other,
                   const char *new_link)
{
    const char *p[] = {int_text(r->a, id), tenant_param(r)};
    db_res *res = NULL;
    if (db_query(r->db, r->a, sql, 2, p, &res) != DB_OK) return;
    render_related_head(r, out, heading, res->nrows, new_link);
    if (res->nrows) {
        buf_puts(out, "<ul>");
        for (int i = 0; i < res->nrows; i++) {
            const char *note = db_cell(res, i, 3);
            render_link_item(r, out, other, db_cell(res, i, 1), db_cell(res, i, 2),
                             note ? arena_printf(r->a, "— %s", note) : NULL, "system_assets",
                             db_cell(res, i, 0));
        }
        buf_puts(out, "</ul>");
    }
    buf_puts(out, "</section>");
}

void system_detail_extra(req *r, const entity *e, const record *rec, buf *out)
{
    (void)e;
    need_system_section(r, rec->id, out);
    linked(r, out, TR_system_assets,
           "SELECT l.id, a.id, a.name, l.note FROM system_asset l JOIN information_asset a ON "
           "a.id = l.asset_id WHERE l.system_id = $1 AND l.tenant_id = $2 ORDER BY a.name, a.id",
           rec->id, "assets",
           arena_printf(r->a, "/system_assets/new?system_id=%lld", (long long)rec->id));
}

void asset_detail_extra(req *r, const entity *e, const record *rec, buf *out)
{
    (void)e;
    classification_asset_section(r, rec->id, out);
    linked(r, out, TR_asset_systems,
           "SELECT l.id, s.id, s.name, l.note FROM system_asset l JOIN system s ON s.id = "
           "l.system_id WHERE l.asset_id = $1 AND l.tenant_id = $2 ORDER BY s.name, s.id",
           rec->id, "systems",
           arena_printf(r->a, "/system_assets/new?asset_id=%lld", (long long)rec->id));
}

/* An object is made of systems: they are listed, and its protection need is that of the
 * information they handle. */
void object_detail_extra(req *r, const entity *e, const record *rec, buf *out)
{
    (void)e;
    need_object_section(r, rec->id, out);
    requirements_object_section(r, rec->id, out);
    const char *p[] = {int_text(r->a, rec->id), tenant_param(r)};
    db_res *res = NULL;
    if (db_query(r->db, r->a,
                 "SELECT s.id, s.name, s.status FROM system s WHERE s.object_id = $1 AND "
                 "s.tenant_id = $2 ORDER BY s.name, s.id",
                 2, p, &res) != DB_OK)
        return;
    render_related_head(r, out, TR_object_systems, res->nrows,
                        arena_printf(r->a, "/systems/new?object_id=%lld", (long long)rec->id));
    if (res->nrows) {
        buf_puts(out, "<ul>");
        for (int i = 0; i < res->nrows; i++) {
            buf_puts(out, "<li><a href=\"/systems/");
            esc_html(out, db_cell(res, i, 0));
            buf_puts(out, "\">");
            esc_html(out, db_cell(res, i, 1));
            buf_puts(out, "</a> — ");
            esc_html(out,
                     enum_label(r, &entity_systems.fields[entity_field(&entity_systems, "status")],
                                db_cell(res, i, 2)));
            buf_puts(out, "</li>");
        }
        buf_puts(out, "</ul>");
    }
    buf_puts(out, "</section>");
}
