/* settings.c - the tenant administrator's single sign-on settings (sso.h): the provider's
 * issuer URL, the client id and secret lis was given there, which claim carries the
 * person's e-mail address, the address domains let in, what an address no person has gets
 * (refused, or a person without roles), the name on the login button, and whether the
 * button is shown. The secret is sealed (src/mail/seal.c) and never shown again: an empty
 * field keeps it. "Testa leverantören" fetches the discovery document and the key set and
 * says what they hold. Saving is audited (without the secret). */
#include "sso.h"
#include "../audit/audit.h"
#include "../core/util.h"
#include "../http/page.h"
#include "../mail/mail.h"
#include "../../build/views/sso_settings.h"
#include <stdio.h>
#include <string.h>

enum { MAX_NAME = 100, MAX_CLIENT_ID = 200, MAX_CLAIM = 100, MAX_SECRET = 1000 };

/* The form as typed, or as stored. */
typedef struct sso_form {
    const char *display_name, *issuer, *client_id, *email_claim, *allowed_domains, *unknown_users;
    bool enabled, has_secret;
} sso_form;

static bool admin(req *r, resp *out)
{
    if (perm_allows(r->auth, ACT_TENANT_ADMIN, NULL)) return true;
    respond_error(r, out, 403, "forbidden", TR_err_forbidden);
    return false;
}

static void page(req *r, resp *out, const sso_form *f, const char *message, bool ok,
                 const char *bad)
{
    page_begin(r, out, tr(r->lang, TR_sso_title), "sso");
    view_sso_settings(&out->body, r->lang, r, f->display_name, f->issuer, f->client_id,
                      f->email_claim, f->allowed_domains, f->unknown_users, f->enabled,
                      f->has_secret, sso_redirect_uri(r), message, ok, bad);
    page_end(r, out);
}

static bool stored_form(req *r, sso_form *f)
{
    sso_provider p;
    bool found;
    memset(f, 0, sizeof *f);
    if (sso_provider_load(r, tenant_param(r), &p, &found) != DB_OK) return false;
    if (!found) {
        f->email_claim = "email";
        f->unknown_users = "refuse";
        f->display_name = r->auth->tenant_name;
        f->enabled = true;
        return true;
    }
    *f = (sso_form){p.display_name,    p.issuer,        p.client_id, p.email_claim,
                    p.allowed_domains, p.unknown_users, p.enabled,   p.secret_sealed != NULL};
    return true;
}

void h_sso_settings(req *r, resp *out)
{
    if (!admin(r, out)) return;
    sso_form f;
    if (!stored_form(r, &f)) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    page(r, out, &f, kv_get(&r->query, "saved") ? tr(r->lang, TR_sso_saved) : NULL, true, NULL);
}

static const char *trimmed(req *r, const char *name)
{
    const char *v = kv_get(&r->form, name);
    if (!v) return NULL;
    char *t = str_trim(arena_strdup(r->a, v));
    return *t ? t : NULL;
}

/* A one-line text of at most max bytes, valid UTF-8, without control characters. */
static bool line_ok(const char *s, size_t max)
{
    if (!s || strlen(s) > max || !utf8_valid(s, strlen(s))) return false;
    for (const char *c = s; *c; c++)
        if ((unsigned char)*c < 0x20 || *c == 0x7f) return false;
    return true;
}

static bool claim_ok(const char *s)
{
    if (!s || strlen(s) > MAX_CLAIM) return false;
    for (const char *c = s; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') ||
              strchr("_-.:/", *c)))
            return false;
    return true;
}

static bool unknown_ok(const char *s)
{
    for (const char *const *v = sso_unknown_choices; s && *v; v++)
        if (!strcmp(s, *v)) return true;
    return false;
}

/* The field in error and why, or NULL when the form is whole. */
static const char *form_problem(const sso_form *f, const char *secret, tr_key *why)
{
    if (!line_ok(f->display_name, MAX_NAME)) return (*why = TR_sso_err_name, "display_name");
    if (!oidc_url_ok(f->issuer)) return (*why = TR_sso_err_issuer, "issuer");
    if (!line_ok(f->client_id, MAX_CLIENT_ID)) return (*why = TR_sso_err_client_id, "client_id");
    if (secret && !line_ok(secret, MAX_SECRET)) return (*why = TR_sso_err_secret, "client_secret");
    if (!claim_ok(f->email_claim)) return (*why = TR_sso_err_claim, "email_claim");
    if (!oidc_domains_valid(f->allowed_domains)) return (*why = TR_sso_err_domains, "domains");
    if (!unknown_ok(f->unknown_users)) return (*why = TR_sso_err_unknown, "unknown_users");
    return NULL;
}

void h_sso_settings_save(req *r, resp *out)
{
    if (!admin(r, out)) return;
    sso_form stored, f = {trimmed(r, "display_name"),
                          trimmed(r, "issuer"),
                          trimmed(r, "client_id"),
                          trimmed(r, "email_claim"),
                          trimmed(r, "allowed_domains"),
                          trimmed(r, "unknown_users"),
                          kv_get(&r->form, "enabled") != NULL};
    if (!stored_form(r, &stored)) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    if (!f.allowed_domains) f.allowed_domains = "";
    const char *secret = kv_get(&r->form, "client_secret");
    if (secret && !*secret) secret = NULL;
    bool forget = kv_get(&r->form, "forget_secret") != NULL;
    f.has_secret = !forget && (secret || stored.has_secret);
    tr_key why = 0;
    const char *bad = form_problem(&f, secret, &why);
    if (bad) {
        out->status = 422;
        page(r, out, &f, tr(r->lang, why), false, bad);
        return;
    }
    const char *sealed = NULL;
    if (secret && !forget && !(sealed = secret_seal(r, SEAL_OIDC, "lis-oidc", secret))) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    char now[21];
    time_now_iso(now);
    const char *p[] = {
        tenant_param(r),   f.display_name,    f.issuer,        f.client_id,           sealed,
        f.email_claim,     f.allowed_domains, f.unknown_users, f.enabled ? "1" : "0", now,
        forget ? "1" : "0"};
    audit_actor actor = {r->auth->account_id, r->auth->email, r->ip};
    const char *summary = arena_printf(
        r->a, "provider %s, client %s, e-mail claim %s, domains [%s], unknown users %s, %s%s",
        f.issuer, f.client_id, f.email_claim, f.allowed_domains, f.unknown_users,
        f.enabled ? "shown on the login page" : "switched off",
        secret   ? ", new secret"
        : forget ? ", no secret"
                 : "");
    /* a new issuer's documents are fetched anew: the kept ones belong to the old */
    bool ok = db_begin(r->db) == DB_OK;
    ok = ok &&
         db_exec(r->db,
                 "UPDATE oidc_provider SET display_name = $2, discovery_json = CASE WHEN issuer = "
                 "$3 THEN discovery_json END, discovery_at = CASE WHEN issuer = $3 THEN "
                 "discovery_at END, jwks_json = CASE WHEN issuer = $3 THEN jwks_json "
                 "END, issuer = $3, client_id = $4, client_secret_sealed = CASE WHEN CAST($11 AS "
                 "TEXT) = '1' THEN NULL WHEN CAST($5 AS TEXT) IS NULL THEN client_secret_sealed "
                 "ELSE CAST($5 AS TEXT) END, email_claim = $6, allowed_domains = $7, "
                 "unknown_users = $8, enabled = CAST($9 AS INTEGER), updated_at = $10 WHERE "
                 "tenant_id = $1",
                 11, p, NULL) == DB_OK;
    ok = ok && db_exec(r->db,
                       "INSERT INTO oidc_provider (tenant_id, display_name, issuer, client_id, "
                       "client_secret_sealed, email_claim, allowed_domains, unknown_users, "
                       "enabled, updated_at) SELECT CAST($1 AS BIGINT), CAST($2 AS TEXT), "
                       "CAST($3 AS TEXT), CAST($4 AS TEXT), CAST($5 AS TEXT), CAST($6 AS TEXT), "
                       "CAST($7 AS TEXT), CAST($8 AS TEXT), CAST($9 AS INTEGER), CAST($10 AS "
                       "TEXT) WHERE NOT EXISTS (SELECT 1 FROM oidc_provider WHERE tenant_id = "
                       "CAST($1 AS BIGINT))",
                       10, p, NULL) == DB_OK;
    ok = ok && audit_write(r->db, r->a, &actor, r->auth->tenant_id, "update", "oidc_provider",
                           tenant_param(r), summary, NULL) == DB_OK;
    if (!ok || db_commit(r->db) != DB_OK) {
        db_rollback(r->db);
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    resp_redirect(out, r->a, "/settings/sso?saved=1");
}

void h_sso_test(req *r, resp *out)
{
    if (!admin(r, out)) return;
    sso_form f;
    sso_provider p;
    bool found;
    if (!stored_form(r, &f) || sso_provider_load(r, tenant_param(r), &p, &found) != DB_OK) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    if (!found) {
        out->status = 422;
        page(r, out, &f, tr(r->lang, TR_sso_err_none), false, NULL);
        return;
    }
    oidc_discovery d;
    char err[400] = "";
    int nkeys = 0;
    bool reached = sso_discover(r, tenant_param(r), &p, &d, err, sizeof err) &&
                   sso_fetch_jwks(r, tenant_param(r), &p, d.jwks_uri, &nkeys, err, sizeof err);
    if (!reached) {
        out->status = 502;
        page(r, out, &f, arena_printf(r->a, "%s %s", tr(r->lang, TR_sso_test_failed), err), false,
             NULL);
        return;
    }
    if (nkeys == 0) {
        out->status = 502;
        page(r, out, &f, tr(r->lang, TR_sso_test_no_keys), false, NULL);
        return;
    }
    const char *message = arena_printf(r->a, tr(r->lang, TR_sso_test_ok), d.issuer, nkeys);
    message = arena_printf(
        r->a, "%s %s", message,
        tr(r->lang, d.end_session_endpoint ? TR_sso_test_logout_yes : TR_sso_test_logout_no));
    page(r, out, &f, message, true, NULL);
}
