/* page.c - a supplier's page below its fields: the highest protection need among the
 * systems it delivers or runs (from their information's current classifications, as an
 * object's need is), the incidents linked to those systems (need-to-know: only those the
 * reader may read, and the read is recorded), the systems that still name it in free
 * text with the command linking them, and the risks and actions made from it. And the
 * report of free-text supplier names no record matches. */
#include "suppliers.h"
#include "../classification/classification.h"
#include "../incidents/incidents.h"
#include "../entity/handlers.h"
#include "../entity/origin.h"
#include "../core/escape.h"
#include "../core/util.h"
#include "../http/page.h"
#include "../../build/views/supplier_page.h"
#include "../../build/views/supplier_unmatched.h"
#include <stdlib.h>
#include <string.h>

/* the same name, case and spaces aside: the one rule the migration and the link share */
#define SAME_NAME(a, b) "LOWER(REPLACE(" a ", ' ', '')) = LOWER(REPLACE(" b ", ' ', ''))"

bool supplier_need(req *r, int64_t id, int need[4], bool *any)
{
    const char *p[] = {tenant_param(r), int_text(r->a, id)};
    db_res *res = NULL;
    *any = false;
    if (db_query(r->db, r->a,
                 "SELECT MAX(CAST(c.k AS INTEGER)), MAX(CAST(c.r AS INTEGER)), MAX(CAST(c.t AS "
                 "INTEGER)), MAX(CAST(c.s AS INTEGER)) FROM system s JOIN system_asset l ON "
                 "l.tenant_id = s.tenant_id AND l.system_id = s.id JOIN information_asset a ON "
                 "a.tenant_id = l.tenant_id AND a.id = l.asset_id JOIN classification c ON "
                 "c.tenant_id = a.tenant_id AND c.asset_id = a.id AND c.is_current = 1 WHERE "
                 "s.tenant_id = $1 AND s.supplier_id = $2 AND s.status <> 'retired' AND a.status "
                 "<> 'retired'",
                 2, p, &res) != DB_OK)
        return false;
    for (int a = 0; a < ASPECTS; a++) {
        const char *v = res->nrows ? db_cell(res, 0, a) : NULL;
        need[a] = v ? atoi(v) : -1;
        *any |= need[a] >= 0;
    }
    return true;
}

/* rows: id, reference, title, status, discovered_at */
static db_res *supplier_incidents(req *r, int64_t id)
{
    if (!entity_may_read(r, &entity_incidents)) return NULL;
    const char *p[] = {tenant_param(r), int_text(r->a, id)};
    db_res *res = NULL;
    const char *sql = arena_printf(
        r->a,
        "SELECT i.id, i.reference, i.title, i.status, i.discovered_at FROM incident i WHERE "
        "i.tenant_id = $1 AND i.id IN (SELECT l.incident_id FROM incident_link l JOIN system s "
        "ON s.tenant_id = l.tenant_id AND s.id = l.system_id WHERE l.tenant_id = $1 AND "
        "s.supplier_id = $2)%s ORDER BY i.discovered_at DESC, i.id DESC LIMIT 50",
        entity_read_scope(r, &entity_incidents, "i"));
    if (db_query(r->db, r->a, sql, 2, p, &res) != DB_OK) return NULL;
    if (!entity_audit_read_rows(r, &entity_incidents, res, 0, "supplier")) return NULL;
    return res;
}

/* systems naming the supplier in free text that point to no supplier: id, name, the
 * name as written */
static db_res *unlinked_systems(req *r, const char *tenant, const char *id)
{
    const char *p[] = {tenant, id};
    db_res *res = NULL;
    if (db_query(r->db, r->a,
                 "SELECT s.id, s.name, s.supplier FROM system s JOIN supplier p ON p.tenant_id = "
                 "s.tenant_id AND p.id = $2 AND " SAME_NAME(
                     "p.name", "s.supplier") " WHERE s.tenant_id = $1 AND s.supplier_id IS NULL "
                                             "ORDER BY s.name, s.id",
                 2, p, &res) != DB_OK)
        return NULL;
    return res;
}

void supplier_detail_extra(req *r, const entity *e, const record *rec, buf *out)
{
    int need[ASPECTS];
    bool any = false;
    if (!supplier_need(r, rec->id, need, &any))
        for (int a = 0; a < ASPECTS; a++)
            need[a] = -1;
    db_res *incidents = supplier_incidents(r, rec->id);
    db_res *unlinked = unlinked_systems(r, tenant_param(r), int_text(r->a, rec->id));
    const field *status = &entity_incidents.fields[entity_field(&entity_incidents, "status")];
    db_res *pub_missing = NULL;
    if (pub_missing_for_supplier(r, rec->id, &pub_missing) != DB_OK) pub_missing = NULL;
    view_supplier_page(out, r->lang, r, (long long)rec->id, need, any, incidents, status, unlinked,
                       entity_may_write(r, e, rec), pub_missing);
    supplier_follow_up(r, rec, entity_may_write(r, e, rec), out);
    origin_made_from(r, e, rec->id, TR_sup_made_from, out);
}

/* Each system naming the supplier is changed as its own writer would change it (the
 * engine's update: validation, observers, audit), in one transaction: all or none. */
static int cmd_link(req *r, const entity *e, const record *rec, errors *errs)
{
    if (!entity_may_write(r, e, rec)) {
        errors_add(errs, -1, TR_err_forbidden, NULL);
        return DB_CONSTRAINT;
    }
    db_res *systems = unlinked_systems(r, tenant_param(r), int_text(r->a, rec->id));
    if (!systems) return DB_ERROR;
    const entity *sys = entity_find("systems");
    if (db_begin(r->db) != DB_OK) return DB_ERROR;
    int rc = DB_OK;
    for (int i = 0; rc == DB_OK && i < systems->nrows; i++) {
        db_res *row = NULL;
        int64_t sid = db_cell_int(systems, i, 0);
        rc = entity_get(r, sys, sid, &row);
        if (rc != DB_OK || !row->nrows) {
            rc = rc == DB_OK ? DB_ERROR : rc;
            break;
        }
        record *old = record_from_row(r, sys, row, 0);
        record *next = record_from_row(r, sys, row, 0);
        for (int f = 0; f < sys->nfields; f++)
            next->present[f] = false;
        record_set(next, sys, "supplier_id", int_text(r->a, rec->id));
        rc = entity_update_in(r, sys, old, next, errs);
    }
    if (rc == DB_OK) return db_commit(r->db);
    db_rollback(r->db);
    return rc;
}

void h_supplier_link(req *r, resp *out)
{
    entity_command(r, out, &entity_suppliers, cmd_link, NULL);
}

void h_suppliers_unmatched(req *r, resp *out)
{
    if (!entity_may_read(r, &entity_suppliers)) {
        respond_error(r, out, 403, "forbidden", TR_err_forbidden);
        return;
    }
    const char *p[] = {tenant_param(r)};
    db_res *res = NULL;
    if (db_query(
            r->db, r->a,
            "SELECT s.id, s.name, s.supplier FROM system s WHERE s.tenant_id = $1 AND "
            "s.supplier_id IS NULL AND s.supplier IS NOT NULL AND TRIM(s.supplier) <> '' AND "
            "NOT EXISTS (SELECT 1 FROM supplier p WHERE p.tenant_id = s.tenant_id AND " SAME_NAME(
                "p.name", "s.supplier") ") ORDER BY LOWER(s.supplier), s.name, s.id LIMIT 1000",
            1, p, &res) != DB_OK) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    if (r->api) {
        respond_json(out, 200);
        buf_puts(&out->body, "{\"items\":[");
        for (int i = 0; i < res->nrows; i++) {
            buf_puts(&out->body, i ? ",{\"system_id\":" : "{\"system_id\":");
            buf_puts(&out->body, db_cell(res, i, 0));
            buf_puts(&out->body, ",\"system\":");
            esc_json_string(&out->body, db_cell(res, i, 1));
            buf_puts(&out->body, ",\"supplier\":");
            esc_json_string(&out->body, db_cell(res, i, 2));
            buf_putc(&out->body, '}');
        }
        buf_puts(&out->body, "]}");
        return;
    }
    page_begin(r, out, tr(r->lang, TR_sup_unmatched_title), "suppliers");
    view_supplier_unmatched(&out->body, r->lang, res,
                            perm_allows(r->auth, ACT_INVENTORY_WRITE, NULL));
    page_end(r, out);
}
