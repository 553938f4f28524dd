/* local_login.c - local passwords switched off per tenant: the rule and its queries
 * (local_login.h). */
#include "local_login.h"
#include "../core/util.h"

local_login local_login_decide(bool passwords_on, bool emergency_admin, bool twostep_on)
{
    if (passwords_on) return LOCAL_LOGIN_ALLOWED;
    if (!emergency_admin) return LOCAL_LOGIN_OFF;
    return twostep_on ? LOCAL_LOGIN_ALLOWED : LOCAL_LOGIN_NEEDS_TWOSTEP;
}

bool local_login_consistent(bool passwords_on, int ready_admins)
{
    return passwords_on || ready_admins > 0;
}

int local_login_ready_admins(req *r, int64_t tenant, int64_t except, int *count)
{
    const char *p[] = {int_text(r->a, tenant), int_text(r->a, except)};
    db_res *res = NULL;
    if (db_query(r->db, r->a,
                 "SELECT COUNT(*) FROM person o WHERE o.tenant_id = $1 AND o.active = 1 AND "
                 "o.emergency_admin = 1 AND o.account_id <> $2 AND EXISTS (SELECT 1 FROM "
                 "account_totp x WHERE x.account_id = o.account_id AND x.enabled_at IS NOT NULL)",
                 2, p, &res) != DB_OK)
        return DB_ERROR;
    *count = (int)db_cell_int(res, 0, 0);
    return DB_OK;
}

int local_login_last_admin(req *r, int64_t account, int64_t tenant, bool *last)
{
    const char *p[] = {int_text(r->a, account), int_text(r->a, tenant)};
    db_res *res = NULL;
    if (db_query(r->db, r->a,
                 "SELECT COUNT(*) FROM person p JOIN tenant t ON t.id = p.tenant_id WHERE "
                 "p.account_id = $1 AND (CAST($2 AS BIGINT) = 0 OR p.tenant_id = $2) AND p.active "
                 "= 1 AND "
                 "p.emergency_admin = 1 AND t.password_login = 0 AND NOT EXISTS (SELECT 1 FROM "
                 "person o WHERE o.tenant_id = p.tenant_id AND o.active = 1 AND "
                 "o.emergency_admin = 1 AND o.account_id <> $1 AND EXISTS (SELECT 1 FROM "
                 "account_totp x WHERE x.account_id = o.account_id AND x.enabled_at IS NOT NULL))",
                 2, p, &res) != DB_OK)
        return DB_ERROR;
    *last = db_cell_int(res, 0, 0) > 0;
    return DB_OK;
}

int local_login_choose(req *r, int64_t account, int64_t tenant, int64_t *tenant_out,
                       local_login *verdict, const char **button)
{
    const char *p[] = {int_text(r->a, account), int_text(r->a, tenant)};
    db_res *res = NULL;
    if (db_query(r->db, r->a,
                 "SELECT p.tenant_id, t.password_login, p.emergency_admin, (SELECT COUNT(*) FROM "
                 "account_totp x WHERE x.account_id = p.account_id AND x.enabled_at IS NOT "
                 "NULL), COALESCE((SELECT o.display_name FROM oidc_provider o WHERE o.tenant_id "
                 "= t.id AND o.enabled = 1), t.name) FROM person p JOIN tenant t ON t.id = "
                 "p.tenant_id WHERE p.account_id = $1 AND (CAST($2 AS BIGINT) = 0 OR "
                 "p.tenant_id = $2) AND p.active = 1 ORDER BY p.tenant_id",
                 2, p, &res) != DB_OK)
        return DB_ERROR;
    *tenant_out = 0;
    *verdict = LOCAL_LOGIN_OFF;
    *button = NULL;
    /* the first tenant that lets the password in; else the first tenant's refusal */
    for (int pass = 0; pass < 2 && !*tenant_out; pass++) {
        for (int i = 0; i < res->nrows; i++) {
            local_login v =
                local_login_decide(db_cell_int(res, i, 1) != 0, db_cell_int(res, i, 2) != 0,
                                   db_cell_int(res, i, 3) > 0);
            if (pass == 0 && v != LOCAL_LOGIN_ALLOWED) continue;
            *tenant_out = db_cell_int(res, i, 0);
            *verdict = v;
            *button = db_cell(res, i, 4);
            break;
        }
    }
    return DB_OK;
}

const char *local_login_refusal(req *r, const char *button_name, local_login why)
{
    if (why == LOCAL_LOGIN_NEEDS_TWOSTEP) return tr(r->lang, TR_local_login_needs_twostep);
    return arena_printf(r->a, tr(r->lang, TR_local_login_off_message), button_name);
}
