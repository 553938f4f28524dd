/* token.c - the tenant admin's SCIM page (scim.h): the address to give the directory, a new
 * bearer token (shown once; only its SHA-256 hash is kept, replacing the one before) and
 * revoking it. Both are audited. */
#include "scim.h"
#include "../app.h"
#include "../auth/auth.h"
#include "../core/util.h"
#include "../entity/entity.h"
#include "../http/page.h"
#include "../../build/views/scim_settings.h"
#include <string.h>

static bool admin(req *r, resp *out)
{
    if (perm_allows(r->auth, ACT_TENANT_ADMIN, NULL)) return true;
    respond_error(r, out, 403, "forbidden", TR_err_forbidden);
    return false;
}

static void page(req *r, resp *out, const char *token)
{
    const char *p[] = {tenant_param(r)};
    db_res *res = NULL;
    if (db_query(r->db, r->a, "SELECT scim_token_created_at FROM tenant WHERE id = $1", 1, p,
                 &res) != DB_OK ||
        res->nrows != 1) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    const char *base = r->app && r->app->base_url ? r->app->base_url : "";
    size_t n = strlen(base);
    if (n && base[n - 1] == '/') n--;
    base = arena_printf(r->a, "%.*s/scim/v2", (int)n, base);
    /* what was shown once must not be kept by a cache either */
    if (token) resp_header(out, r->a, "Cache-Control", "no-store");
    page_begin(r, out, tr(r->lang, TR_scim_title), "sso");
    view_scim_settings(&out->body, r->lang, r, db_cell(res, 0, 0), token, base);
    page_end(r, out);
}

void h_scim_settings(req *r, resp *out)
{
    if (admin(r, out)) page(r, out, NULL);
}

void h_scim_token_new(req *r, resp *out)
{
    if (!admin(r, out)) return;
    const char *token = arena_printf(r->a, "scim_%s", random_token(r->a, 32));
    char hash[65], now[21];
    sha256_hex(token, strlen(token), hash);
    time_now_iso(now);
    const char *p[] = {tenant_param(r), hash, now};
    if (db_begin(r->db) != DB_OK ||
        db_exec(r->db,
                "UPDATE tenant SET scim_token_hash = $2, scim_token_created_at = $3 WHERE id = $1",
                3, p, NULL) != DB_OK ||
        entity_audit(r, "scim_token_created", NULL, 0, "SCIM token", NULL) != DB_OK ||
        db_commit(r->db) != DB_OK) {
        db_rollback(r->db);
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    page(r, out, token);
}

void h_scim_token_revoke(req *r, resp *out)
{
    if (!admin(r, out)) return;
    const char *p[] = {tenant_param(r)};
    if (db_begin(r->db) != DB_OK ||
        db_exec(r->db,
                "UPDATE tenant SET scim_token_hash = NULL, scim_token_created_at = NULL WHERE id "
                "= $1",
                1, p, NULL) != DB_OK ||
        entity_audit(r, "scim_token_revoked", NULL, 0, "SCIM token", NULL) != DB_OK ||
        db_commit(r->db) != DB_OK) {
        db_rollback(r->db);
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    resp_redirect(out, r->a, "/settings/scim");
}
