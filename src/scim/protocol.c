/* protocol.c - what every SCIM endpoint shares (scim.h): its errors (RFC 7644 §3.12) and the
 * bearer token that names the tenant and acts for its directory. */
#include "scim.h"
#include "../auth/auth.h"
#include "../core/escape.h"
#include "../core/util.h"
#include "../org/org.h"
#include <string.h>
#include <strings.h>

/* A SCIM error: status as a string, scimType when the RFC names one. */
void scim_error(resp *out, int status, const char *scim_type, const char *detail)
{
    out->status = status;
    out->content_type = "application/scim+json";
    buf_reset(&out->body);
    buf_printf(&out->body,
               "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\"%d\"",
               status);
    if (scim_type) {
        buf_puts(&out->body, ",\"scimType\":");
        esc_json_string(&out->body, scim_type);
    }
    buf_puts(&out->body, ",\"detail\":");
    esc_json_string(&out->body, detail);
    buf_putc(&out->body, '}');
}

/* The tenant of the bearer token, as the caller "scim" holding the tenant admin's role for
 * the tenant's root units (what the people entity asks of whoever writes people), audited
 * under that name; false after answering 401. */
bool scim_auth(req *r, resp *out)
{
    const char *h = r->authorization;
    if (!h || strncasecmp(h, "Bearer ", 7) != 0 || strlen(h + 7) < 10 || strlen(h + 7) > 200) {
        resp_header(out, r->a, "WWW-Authenticate", "Bearer");
        scim_error(out, 401, NULL, "a SCIM bearer token is required");
        return false;
    }
    char hash[65];
    sha256_hex(h + 7, strlen(h + 7), hash);
    const char *p[] = {hash};
    db_res *t = NULL, *roots = NULL;
    if (db_query(r->db, r->a, "SELECT id, name FROM tenant WHERE scim_token_hash = $1", 1, p, &t) !=
        DB_OK) {
        scim_error(out, 500, NULL, "internal error");
        return false;
    }
    if (t->nrows != 1) {
        resp_header(out, r->a, "WWW-Authenticate", "Bearer");
        scim_error(out, 401, NULL, "the bearer token is not a SCIM token of any tenant");
        return false;
    }
    const char *q[] = {db_cell(t, 0, 0)};
    if (db_query(r->db, r->a,
                 "SELECT id, path FROM unit WHERE tenant_id = $1 AND parent_id IS NULL ORDER BY id",
                 1, q, &roots) != DB_OK) {
        scim_error(out, 500, NULL, "internal error");
        return false;
    }
    auth *who = arena_alloc(r->a, sizeof *who);
    memset(who, 0, sizeof *who);
    who->grants = arena_alloc(r->a, sizeof(role_grant) * (size_t)(roots->nrows + 1));
    for (int i = 0; i < roots->nrows; i++)
        who->grants[who->ngrants++] =
            (role_grant){ROLE_TENANT_ADMIN, db_cell_int(roots, i, 0), db_cell(roots, i, 1)};
    who->tenant_id = db_cell_int(t, 0, 0);
    who->tenant_name = db_cell(t, 0, 1);
    who->email = "scim";
    who->via_token = true;
    /* no person: lis acting for the directory, with only the grants given above */
    who->is_system = true;
    r->auth = who;
    r->lang = LANG_EN;
    return true;
}
