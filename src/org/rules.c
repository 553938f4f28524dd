/* rules.c - the organisation's own rules: the unit tree (one root, no cycles, unique
 * names among siblings, paths kept for subtree permission checks), people's accounts,
 * and that a tenant never loses its last administrator. */
#include "org.h"
#include "../entity/render.h"
#include "../core/escape.h"
#include "../core/util.h"
#include <stdlib.h>
#include <string.h>

bool org_has_tenant_admin(req *r)
{
    const char *p[] = {tenant_param(r)};
    const char *n =
        db_scalar(r->db, r->a,
                  "SELECT COUNT(*) FROM role_assignment ra JOIN person p ON p.id = "
                  "ra.person_id JOIN unit u ON u.id = ra.unit_id WHERE ra.tenant_id = $1 "
                  "AND ra.role = 'tenant_admin' AND p.active = 1 AND u.retired_at IS NULL",
                  1, p);
    return n && atoi(n) > 0;
}

static bool keep_admin(req *r, errors *errs)
{
    if (org_has_tenant_admin(r)) return true;
    errors_add(errs, -1, TR_err_last_admin, NULL);
    return false;
}

void unit_validate(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    int name_i = entity_field(e, "name"), parent_i = entity_field(e, "parent_id");
    const char *parent = rec->values[parent_i];
    const char *p0[] = {tenant_param(r)};
    const char *roots = db_scalar(
        r->db, r->a, "SELECT COUNT(*) FROM unit WHERE tenant_id = $1 AND parent_id IS NULL", 1, p0);
    bool is_root = old && !old->values[parent_i];
    if (!parent && !is_root && roots && atoi(roots) > 0) {
        errors_add(errs, parent_i, TR_err_parent_required, NULL);
        return;
    }
    if (is_root && parent) {
        errors_add(errs, parent_i, TR_err_root_fixed, NULL);
        return;
    }
    if (old && parent) {
        /* the new parent must not be the unit itself or lie inside its subtree */
        const char *p[] = {parent, tenant_param(r), int_text(r->a, old->id)};
        const char *inside = db_scalar(
            r->db, r->a,
            "SELECT 1 FROM unit c, unit s WHERE c.id = $1 AND c.tenant_id = $2 AND s.id = $3 "
            "AND substr(c.path, 1, length(s.path)) = s.path",
            3, p);
        if (inside) {
            errors_add(errs, parent_i, TR_err_cycle, NULL);
            return;
        }
    }
    const char *name = rec->values[name_i];
    if (name) {
        const char *p[] = {tenant_param(r), parent, name, int_text(r->a, old ? old->id : 0)};
        if (db_scalar(r->db, r->a,
                      "SELECT 1 FROM unit WHERE tenant_id = $1 AND COALESCE(parent_id, 0) = "
                      "COALESCE(CAST($2 AS BIGINT), 0) AND LOWER(name) = LOWER($3) AND id <> $4 "
                      "AND retired_at IS NULL",
                      4, p))
            errors_add(errs, name_i, TR_err_duplicate_name, NULL);
    }
}

bool unit_after_write(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    (void)e;
    if (!rec) {
        /* retire or reinstate: a retired unit may not hide live sub-units */
        const char *p[] = {int_text(r->a, old->id), tenant_param(r)};
        if (db_scalar(r->db, r->a,
                      "SELECT 1 FROM unit c, unit u WHERE u.id = $1 AND u.tenant_id = $2 AND "
                      "u.retired_at IS NOT NULL AND c.parent_id = u.id AND c.retired_at IS NULL",
                      2, p)) {
            errors_add(errs, -1, TR_err_retire_children, NULL);
            return false;
        }
        if (db_scalar(r->db, r->a,
                      "SELECT 1 FROM unit c, unit u WHERE u.id = $1 AND u.tenant_id = $2 AND "
                      "u.retired_at IS NULL AND c.id = u.parent_id AND c.retired_at IS NOT NULL",
                      2, p)) {
            errors_add(errs, -1, TR_err_parent_retired, NULL);
            return false;
        }
        return keep_admin(r, errs);
    }
    int parent_i = entity_field(e, "parent_id");
    const char *parent = rec->values[parent_i];
    const char *parent_path = parent ? unit_path_of(r, parent) : "/";
    if (!parent_path) {
        /* validated above, so only a concurrent change gets here: never guess a root */
        errors_add(errs, parent_i, TR_err_ref, NULL);
        return false;
    }
    const char *path = arena_printf(r->a, "%s%lld/", parent_path, (long long)rec->id);
    if (!old) {
        const char *p[] = {path, int_text(r->a, rec->id)};
        return db_exec(r->db, "UPDATE unit SET path = $1 WHERE id = $2", 2, p, NULL) == DB_OK;
    }
    const char *old_path = unit_path_of(r, int_text(r->a, old->id));
    if (old_path && strcmp(old_path, path) != 0) {
        const char *p[] = {path, old_path, tenant_param(r)};
        if (db_exec(r->db,
                    "UPDATE unit SET path = $1 || substr(path, length($2) + 1) WHERE tenant_id = "
                    "$3 AND substr(path, 1, length($2)) = $2",
                    3, p, NULL) != DB_OK)
            return false;
    }
    return true;
}

void person_validate(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    int email_i = entity_field(e, "email"), account_i = entity_field(e, "account_id");
    /* from the day the employment ends (a Stockholm date) nobody is active: a write that
     * sets or keeps that day passed deactivates, whatever the form said */
    int ends_i = entity_field(e, "employment_ends"), active_i = entity_field(e, "active");
    char today[11];
    date_today(today);
    if (rec->values[ends_i] && strcmp(rec->values[ends_i], today) <= 0) {
        rec->values[active_i] = "0";
        rec->present[active_i] = true;
    }
    if (old) return;
    const char *email = rec->values[email_i];
    if (!email) return;
    char *lower = arena_strdup(r->a, email);
    for (char *c = lower; *c; c++)
        if (*c >= 'A' && *c <= 'Z') *c = (char)(*c - 'A' + 'a');
    rec->values[email_i] = lower;
    const char *p[] = {tenant_param(r), lower};
    if (db_scalar(r->db, r->a, "SELECT 1 FROM person WHERE tenant_id = $1 AND email = $2", 2, p)) {
        errors_add(errs, email_i, TR_err_duplicate_email, NULL);
        return;
    }
    /* one account per e-mail address across tenants: the same person can serve several */
    const char *q[] = {lower};
    const char *account = db_scalar(r->db, r->a, "SELECT id FROM account WHERE email = $1", 1, q);
    if (!account) {
        char now[21];
        time_now_iso(now);
        const char *ins[] = {lower, now};
        db_res *res = NULL;
        if (db_query(r->db, r->a,
                     "INSERT INTO account (email, created_at) VALUES ($1, $2) RETURNING id", 2, ins,
                     &res) != DB_OK) {
            errors_add(errs, -1, TR_err_internal, NULL);
            return;
        }
        account = db_cell(res, 0, 0);
    }
    rec->values[account_i] = account;
    rec->present[account_i] = true;
    if (!rec->values[active_i] && !rec->present[active_i]) {
        rec->values[active_i] = "1";
        rec->present[active_i] = true;
    }
}

bool person_after_write(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    (void)e;
    (void)rec;
    if (!old) return true;
    if (!keep_admin(r, errs)) return false;
    /* a deactivated person loses their sessions and tokens at once */
    if (rec && rec->values[entity_field(e, "active")] &&
        strcmp(record_get(rec, e, "active"), "0") == 0) {
        const char *p[] = {int_text(r->a, old->id), tenant_param(r)};
        char now[21];
        time_now_iso(now);
        const char *q[] = {int_text(r->a, old->id), tenant_param(r), now};
        /* a person marked inactive who can still act through a session or a token would be
         * worse than no change: failing either rolls the deactivation back */
        if (db_exec(r->db,
                    "DELETE FROM session WHERE tenant_id = $2 AND account_id = (SELECT "
                    "account_id FROM person WHERE id = $1)",
                    2, p, NULL) != DB_OK ||
            db_exec(r->db,
                    "UPDATE api_token SET revoked_at = $3 WHERE person_id = $1 AND tenant_id = $2 "
                    "AND revoked_at IS NULL",
                    3, q, NULL) != DB_OK) {
            errors_add(errs, -1, TR_err_internal, NULL);
            return false;
        }
    }
    return true;
}

void role_validate(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    int person_i = entity_field(e, "person_id"), unit_i = entity_field(e, "unit_id"),
        role_i = entity_field(e, "role");
    const char *role = rec->values[role_i];
    const char *unit = rec->values[unit_i];
    if (role && strcmp(role, "tenant_admin") == 0) {
        const char *path = unit_path_of(r, unit);
        if (!path || !perm_allows(r->auth, ACT_TENANT_ADMIN, path)) {
            errors_add(errs, role_i, TR_err_admin_only, NULL);
            return;
        }
    }
    const char *deputy = record_get(rec, e, "deputy_id");
    if (deputy && rec->values[person_i] && !strcmp(deputy, rec->values[person_i])) {
        errors_add(errs, entity_field(e, "deputy_id"), TR_err_deputy_self, NULL);
        return;
    }
    const char *p[] = {tenant_param(r), rec->values[person_i], unit, role,
                       int_text(r->a, old ? old->id : 0)};
    if (db_scalar(r->db, r->a,
                  "SELECT 1 FROM role_assignment WHERE tenant_id = $1 AND person_id = $2 AND "
                  "unit_id = $3 AND role = $4 AND id <> $5",
                  5, p))
        errors_add(errs, role_i, TR_err_duplicate_role, NULL);
}

bool role_after_write(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    (void)e;
    (void)rec;
    return !old || keep_admin(r, errs);
}
