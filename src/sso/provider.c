/* provider.c - a tenant's OpenID Connect provider as lis keeps it (sso.h): its row, its
 * discovery document and its key set, fetched through src/auth/oidc_fetch.c and kept on the
 * row so that every lis process reads the same. */
#include "sso.h"
#include "../app.h"
#include "../core/util.h"
#include "../db/db.h"
#include <stdio.h>
#include <string.h>

const char *const sso_unknown_choices[] = {"refuse", "create", NULL};

int sso_provider_load(req *r, const char *tenant, sso_provider *p, bool *found)
{
    const char *q[] = {tenant};
    db_res *res = NULL;
    memset(p, 0, sizeof *p);
    *found = false;
    if (db_query(r->db, r->a,
                 "SELECT display_name, issuer, client_id, client_secret_sealed, email_claim, "
                 "allowed_domains, unknown_users, discovery_json, jwks_json, enabled, "
                 "discovery_at FROM oidc_provider WHERE tenant_id = $1",
                 1, q, &res) != DB_OK)
        return DB_ERROR;
    if (res->nrows == 0) return DB_OK;
    *found = true;
    p->display_name = db_cell(res, 0, 0);
    p->issuer = db_cell(res, 0, 1);
    p->client_id = db_cell(res, 0, 2);
    p->secret_sealed = db_cell(res, 0, 3);
    p->email_claim = db_cell(res, 0, 4);
    p->allowed_domains = db_cell(res, 0, 5);
    p->unknown_users = db_cell(res, 0, 6);
    p->discovery_json = db_cell(res, 0, 7);
    p->jwks_json = db_cell(res, 0, 8);
    p->enabled = db_cell_int(res, 0, 9) == 1;
    p->discovery_at = db_cell(res, 0, 10);
    return DB_OK;
}

/* Keeps a fetched document on the provider's row; a failure only costs a later refetch. */
static void keep(req *r, const char *tenant, const char *column, const char *json)
{
    char now[21];
    time_now_iso(now);
    const char *q[] = {tenant, json, now};
    const char *sql = strcmp(column, "jwks_json") == 0
                          ? "UPDATE oidc_provider SET jwks_json = $2 WHERE tenant_id = $1"
                          : "UPDATE oidc_provider SET discovery_json = $2, discovery_at = $3 WHERE "
                            "tenant_id = $1";
    if (db_exec(r->db, sql, strcmp(column, "jwks_json") == 0 ? 2 : 3, q, NULL) != DB_OK)
        fprintf(stderr, "lis: cannot keep the provider's %s: %s\n", column, db_error(r->db));
}

/* GETs url as text in the arena; false with err unless the answer is 200. */
static const char *fetch_text(req *r, const char *url, char *err, size_t errlen)
{
    buf body;
    buf_init(&body, 0);
    long status = oidc_get(url, &body, err, errlen);
    const char *text = NULL;
    if (status == 200 && !buf_failed(&body))
        text = arena_strdup(r->a, buf_str(&body));
    else if (status)
        snprintf(err, errlen, "%s answered HTTP %ld", url, status);
    buf_free(&body);
    return text;
}

bool sso_discovery(req *r, const char *tenant, sso_provider *p, oidc_discovery *d, char *err,
                   size_t errlen)
{
    time_t at;
    const char *why;
    if (p->discovery_json && p->discovery_at && time_parse_iso(p->discovery_at, &at) &&
        time(NULL) - at >= 0 && time(NULL) - at < SSO_DISCOVERY_SECONDS &&
        oidc_discovery_parse(r->a, p->discovery_json, p->issuer, d, &why))
        return true;
    return sso_discover(r, tenant, p, d, err, errlen);
}

bool sso_discover(req *r, const char *tenant, sso_provider *p, oidc_discovery *d, char *err,
                  size_t errlen)
{
    /* Discovery §4: the issuer, without a trailing slash, and the well-known path */
    size_t n = strlen(p->issuer);
    if (n && p->issuer[n - 1] == '/') n--;
    const char *url =
        arena_printf(r->a, "%.*s/.well-known/openid-configuration", (int)n, p->issuer);
    const char *json = fetch_text(r, url, err, errlen);
    if (!json) return false;
    const char *why = NULL;
    if (!oidc_discovery_parse(r->a, json, p->issuer, d, &why)) {
        snprintf(err, errlen, "%s", why);
        return false;
    }
    p->discovery_json = json;
    keep(r, tenant, "discovery_json", json);
    return true;
}

bool sso_fetch_jwks(req *r, const char *tenant, sso_provider *p, const char *jwks_uri, int *nkeys,
                    char *err, size_t errlen)
{
    const char *json = fetch_text(r, jwks_uri, err, errlen);
    if (!json) return false;
    json_error_t jerr;
    json_t *set = json_loads(json, JSON_REJECT_DUPLICATES, &jerr);
    json_t *keys = json_object_get(set, "keys");
    if (!json_is_array(keys)) {
        json_decref(set);
        snprintf(err, errlen, "the JWKS is not a JSON object with a keys array");
        return false;
    }
    int signing = 0;
    for (size_t i = 0; i < json_array_size(keys); i++) {
        const char *kty = json_string_value(json_object_get(json_array_get(keys, i), "kty"));
        const char *use = json_string_value(json_object_get(json_array_get(keys, i), "use"));
        if (kty && (!strcmp(kty, "RSA") || !strcmp(kty, "EC")) && (!use || !strcmp(use, "sig")))
            signing++;
    }
    json_decref(set);
    if (nkeys) *nkeys = signing;
    p->jwks_json = json;
    keep(r, tenant, "jwks_json", json);
    return true;
}

const char *sso_redirect_uri(req *r)
{
    const char *base = r->app && r->app->base_url ? r->app->base_url : "";
    size_t n = strlen(base);
    if (n && base[n - 1] == '/') n--;
    return arena_printf(r->a, "%.*s/login/sso/callback", (int)n, base);
}
