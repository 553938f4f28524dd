/* login.c - logging in through the tenant's OpenID Connect provider (sso.h): the
 * authorization code flow with PKCE (S256), state and nonce kept server-side for one use
 * and ten minutes, and the state bound to the browser by a cookie (a login begun by someone
 * else cannot be finished in this browser). The code is exchanged at the token endpoint,
 * the ID token checked (src/auth/oidc.c: signature under the provider's JWKS, refetched once
 * for an unknown key; issuer, audience, expiry, issue time, nonce), and the person found by
 * the address the token vouches for within the tenant. An address no person has is refused
 * or given a person without roles, as the tenant chose. The session is made as a password
 * login makes it, recorded with its method; every refusal is in the audit log with why.
 * Logout ends lis's session and, when the provider has a logout, offers it. */
#include "sso.h"
#include "../audit/audit.h"
#include "../auth/handlers.h"
#include "../core/escape.h"
#include "../core/util.h"
#include "../http/page.h"
#include "../mail/mail.h"
#include "../../build/views/sso_signed_out.h"
#include <stdio.h>
#include <string.h>

enum { SSO_LOGIN_SECONDS = 10 * 60, MAX_PERSON_NAME = 200 };

/* Only local paths are followed after login: never another host. */
static const char *local_next(const char *next)
{
    return next && path_same_origin(next) ? next : "/home";
}

/* Both legs of a login through the provider count as attempts of the address, in the
 * login throttle that counts passwords (src/auth/session.c: 300 in 15 minutes for these,
 * then locked for a time that doubles), under a key of their own so that the one does not
 * lock the other. A return that carries the state of a login begun here gives its attempt
 * back (the start counted that login), and a login that succeeds gives back its start's
 * too; a start never finished, a refused login and a return with no such state keep theirs:
 * a flood of starts or of forged returns is stopped before it reaches the provider or the
 * database's pending logins. */
static const char *throttle_key(req *r)
{
    return arena_printf(r->a, "ip:sso:%s", r->ip ? r->ip : "");
}

/* Claims an attempt; false after answering 429 with the login page. */
static bool throttled(req *r, resp *out, const char *next)
{
    if (throttle_claim(r, throttle_key(r))) return false;
    out->status = 429;
    login_page(r, out, NULL, TR_login_throttled, next);
    return true;
}

void h_sso_start(req *r, resp *out)
{
    int64_t tenant_id = 0;
    const char *next = local_next(kv_get(&r->query, "next"));
    if (throttled(r, out, next)) return;
    if (!parse_int64(r->route_args[0], &tenant_id) || tenant_id <= 0) {
        out->status = 404;
        login_page(r, out, NULL, TR_sso_err_none, next);
        return;
    }
    const char *tenant = int_text(r->a, tenant_id);
    sso_provider p;
    bool found;
    if (sso_provider_load(r, tenant, &p, &found) != DB_OK) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    if (!found || !p.enabled) {
        out->status = 404;
        login_page(r, out, NULL, TR_sso_err_none, next);
        return;
    }
    oidc_discovery d;
    char err[400] = "";
    if (!sso_discovery(r, tenant, &p, &d, err, sizeof err)) {
        fprintf(stderr, "lis: tenant %s's provider: %s\n", tenant, err);
        out->status = 502;
        login_page(r, out, NULL, TR_sso_unreachable, next);
        return;
    }
    const char *state = random_token(r->a, 32), *nonce = random_token(r->a, 32),
               *verifier = random_token(r->a, 48);
    char state_hash[65], challenge[44], now[21], oldest[21];
    sha256_hex(state, strlen(state), state_hash);
    oidc_pkce_challenge(verifier, challenge);
    time_t t = time(NULL);
    time_iso_from(t, now);
    time_iso_from(t - SSO_LOGIN_SECONDS, oldest);
    const char *q[] = {state_hash, tenant, nonce, verifier, next, now};
    const char *old[] = {oldest};
    if (db_exec(r->db, "DELETE FROM oidc_login WHERE created_at < $1", 1, old, NULL) != DB_OK ||
        db_exec(r->db,
                "INSERT INTO oidc_login (state_hash, tenant_id, nonce, verifier, next_path, "
                "created_at) VALUES ($1, $2, $3, $4, $5, $6)",
                6, q, NULL) != DB_OK) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    set_cookie(r, out, "lis_sso", state, SSO_LOGIN_SECONDS, true);
    buf url;
    buf_init(&url, 0);
    buf_puts(&url, d.authorization_endpoint);
    buf_putc(&url, strchr(d.authorization_endpoint, '?') ? '&' : '?');
    buf_puts(&url, "response_type=code&scope=openid%20email%20profile&client_id=");
    esc_url_component(&url, p.client_id);
    buf_puts(&url, "&redirect_uri=");
    esc_url_component(&url, sso_redirect_uri(r));
    buf_printf(&url, "&state=%s&nonce=%s&code_challenge=%s&code_challenge_method=S256", state,
               nonce, challenge);
    resp_redirect(out, r->a, arena_strdup(r->a, buf_str(&url)));
    buf_free(&url);
}

/* A refused login: recorded (tenant and address when known, why), then the login page. */
static void refuse(req *r, resp *out, int64_t tenant, const char *who, const char *why,
                   tr_key message, const char *next)
{
    fprintf(stderr, "lis: single sign-on refused (tenant %lld): %s\n", (long long)tenant, why);
    if (tenant && !audit_system_detail(r, tenant, 0, who ? who : "oidc", "login_failed",
                                       arena_printf(r->a, "method: oidc; %s", why))) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    out->status = 401;
    login_page(r, out, NULL, message, next);
}

/* The pending login of the callback's state, taken (deleted) as it is read: a state is
 * used once. found false when there is none, the cookie does not carry it, or it is older
 * than SSO_LOGIN_SECONDS. */
typedef struct pending {
    int64_t tenant_id;
    const char *nonce, *verifier, *next;
} pending;

static int take_pending(req *r, resp *out, const char *state, pending *pl, bool *found)
{
    *found = false;
    const char *cookie = kv_get(&r->cookies, "lis_sso");
    /* the browser that began the login ends it; the cookie goes either way */
    set_cookie(r, out, "lis_sso", "", 0, true);
    if (!state || strlen(state) > 200 || !cookie || !secret_equal(cookie, state)) return DB_OK;
    char h[65];
    sha256_hex(state, strlen(state), h);
    const char *q[] = {h};
    db_res *res = NULL;
    if (db_query(r->db, r->a,
                 "DELETE FROM oidc_login WHERE state_hash = $1 RETURNING tenant_id, nonce, "
                 "verifier, next_path, created_at",
                 1, q, &res) != DB_OK)
        return DB_ERROR;
    time_t created;
    if (res->nrows != 1 || !time_parse_iso(db_cell(res, 0, 4), &created) ||
        time(NULL) - created > SSO_LOGIN_SECONDS)
        return DB_OK;
    pl->tenant_id = db_cell_int(res, 0, 0);
    pl->nonce = db_cell(res, 0, 1);
    pl->verifier = db_cell(res, 0, 2);
    pl->next = db_cell(res, 0, 3);
    *found = true;
    return DB_OK;
}

/* The ID token of the token endpoint's answer to code; NULL with why. */
static const char *exchange(req *r, const sso_provider *p, const oidc_discovery *d,
                            const char *code, const char *verifier, const char **why)
{
    const char *secret = NULL;
    if (p->secret_sealed && !(secret = secret_unseal(r, SEAL_OIDC, "lis-oidc", p->secret_sealed))) {
        *why = "the client secret cannot be unsealed (another key file?)";
        return NULL;
    }
    buf form, body;
    buf_init(&form, 0);
    buf_init(&body, 0);
    buf_puts(&form, "grant_type=authorization_code&code=");
    esc_url_component(&form, code);
    buf_puts(&form, "&redirect_uri=");
    esc_url_component(&form, sso_redirect_uri(r));
    buf_puts(&form, "&code_verifier=");
    esc_url_component(&form, verifier);
    buf_puts(&form, "&client_id=");
    esc_url_component(&form, p->client_id);
    char err[300] = "";
    long status = oidc_post_form(d->token_endpoint, buf_str(&form), p->client_id, secret, &body,
                                 err, sizeof err);
    const char *token = NULL;
    if (status != 200) {
        *why = status ? arena_printf(r->a, "the token endpoint answered HTTP %ld", status)
                      : arena_printf(r->a, "the token endpoint: %s", err);
    } else {
        json_error_t jerr;
        json_t *answer = json_loads(buf_str(&body), JSON_REJECT_DUPLICATES, &jerr);
        const json_t *id = json_object_get(answer, "id_token");
        if (json_is_string(id))
            token = arena_strdup(r->a, json_string_value(id));
        else
            *why = "the token endpoint's answer holds no id_token";
        json_decref(answer);
    }
    buf_free(&form);
    buf_free(&body);
    return token;
}

/* The person of tenant with address email: account and person, active or not; found false
 * when none. */
static int find_person(req *r, const char *tenant, const char *email, int64_t *account,
                       int64_t *person, bool *active, bool *found)
{
    const char *q[] = {email, tenant};
    db_res *res = NULL;
    *found = false;
    if (db_query(
            r->db, r->a,
            "SELECT a.id, p.active, p.id FROM account a JOIN person p ON p.account_id = a.id AND "
            "p.tenant_id = $2 WHERE a.email = $1",
            2, q, &res) != DB_OK)
        return DB_ERROR;
    if (res->nrows == 0) return DB_OK;
    *found = true;
    *account = db_cell_int(res, 0, 0);
    *active = db_cell_int(res, 0, 1) == 1;
    *person = db_cell_int(res, 0, 2);
    return DB_OK;
}

/* Creates a person without roles for email in tenant (and the account when the address has
 * none in lis yet: without a password, so only the provider lets it in), audited. */
static int create_person(req *r, int64_t tenant_id, const char *email, const char *name,
                         int64_t *account, int64_t *person)
{
    const char *tenant = int_text(r->a, tenant_id);
    char now[21];
    time_now_iso(now);
    const char *q[] = {email, now};
    db_res *res = NULL;
    if (db_begin(r->db) != DB_OK) return DB_ERROR;
    const char *existing = db_scalar(r->db, r->a, "SELECT id FROM account WHERE email = $1", 1, q);
    if (existing) {
        if (!parse_int64(existing, account)) goto fail;
    } else {
        if (db_query(r->db, r->a,
                     "INSERT INTO account (email, password_hash, lang, created_at) VALUES ($1, "
                     "NULL, 'sv', $2) RETURNING id",
                     2, q, &res) != DB_OK)
            goto fail;
        *account = db_cell_int(res, 0, 0);
    }
    const char *pq[] = {tenant, int_text(r->a, *account), name, email, now};
    if (db_query(r->db, r->a,
                 "INSERT INTO person (tenant_id, account_id, name, email, active, created_at, "
                 "updated_at) VALUES ($1, $2, $3, $4, 1, $5, $5) RETURNING id",
                 5, pq, &res) != DB_OK)
        goto fail;
    *person = db_cell_int(res, 0, 0);
    audit_actor actor = {*account, email, r->ip};
    if (audit_write(
            r->db, r->a, &actor, tenant_id, "create", "people", db_cell(res, 0, 0),
            arena_printf(r->a, "%s, created at first login through the provider (no roles)", email),
            NULL) != DB_OK ||
        db_commit(r->db) != DB_OK)
        goto fail;
    return DB_OK;
fail:
    fprintf(stderr, "lis: cannot create a person at login: %s\n", db_error(r->db));
    db_rollback(r->db);
    return DB_ERROR;
}

/* The person's name from the token: "name" when it is a short one-line text, else the
 * address. */
static const char *claimed_name(req *r, const json_t *claims, const char *email)
{
    const json_t *n = json_object_get(claims, "name");
    const char *s = json_is_string(n) ? json_string_value(n) : NULL;
    if (!s || !*s || strlen(s) > MAX_PERSON_NAME || !utf8_valid(s, strlen(s))) return email;
    for (const char *c = s; *c; c++)
        if ((unsigned char)*c < 0x20) return email;
    return arena_strdup(r->a, s);
}

/* The groups the token lists ("groups": strings; others are ignored), copied. */
typedef struct group_list {
    const char **names;
    int n;
} group_list;

enum { MAX_GROUPS = 500 };

static group_list claimed_groups(req *r, const json_t *claims)
{
    group_list g = {NULL, 0};
    const json_t *list = json_object_get(claims, "groups");
    size_t n = json_is_array(list) ? json_array_size(list) : 0;
    if (n > MAX_GROUPS) n = MAX_GROUPS;
    g.names = arena_alloc(r->a, sizeof(char *) * (n + 1));
    for (size_t i = 0; i < n; i++) {
        const json_t *v = json_array_get(list, i);
        if (json_is_string(v) && strlen(json_string_value(v)) <= 256)
            g.names[g.n++] = arena_strdup(r->a, json_string_value(v));
    }
    return g;
}

static bool in_groups(const group_list *g, const char *name)
{
    for (int i = 0; i < g->n; i++)
        if (!strcmp(g->names[i], name)) return true;
    return false;
}

/* Gives the person the roles the tenant maps their groups to and takes those a group gave
 * that no group gives now (roles given by hand are left alone), each change audited, in one
 * transaction. DB_OK or DB_ERROR. */
static int apply_group_roles(req *r, int64_t tenant_id, int64_t person_id, int64_t account,
                             const char *email, const group_list *groups)
{
    const char *tenant = int_text(r->a, tenant_id), *person = int_text(r->a, person_id);
    const char *q[] = {tenant, person};
    db_res *maps = NULL, *held = NULL;
    if (db_query(r->db, r->a,
                 "SELECT m.group_name, m.role, CAST(m.unit_id AS TEXT), u.name FROM "
                 "sso_group_role m JOIN unit u ON u.id = m.unit_id WHERE m.tenant_id = $1 "
                 "ORDER BY m.id",
                 1, q, &maps) != DB_OK ||
        db_query(r->db, r->a,
                 "SELECT CAST(ra.id AS TEXT), ra.role, CAST(ra.unit_id AS TEXT), ra.via_group "
                 "FROM role_assignment ra WHERE ra.tenant_id = $1 AND ra.person_id = $2",
                 2, q, &held) != DB_OK)
        return DB_ERROR;
    char now[21];
    time_now_iso(now);
    audit_actor actor = {account, email, r->ip};
    bool began = false;
    /* roles to give: mapped from a group the token lists, not held yet in any way */
    for (int i = 0; i < maps->nrows; i++) {
        const char *group = db_cell(maps, i, 0), *role = db_cell(maps, i, 1),
                   *unit = db_cell(maps, i, 2);
        if (!in_groups(groups, group)) continue;
        bool have = false;
        for (int j = 0; j < held->nrows && !have; j++)
            have = !strcmp(db_cell(held, j, 1), role) && !strcmp(db_cell(held, j, 2), unit);
        if (have) continue;
        if (!began && db_begin(r->db) != DB_OK) return DB_ERROR;
        began = true;
        const char *p[] = {tenant, person, unit, role, group, now};
        db_res *made = NULL;
        if (db_query(r->db, r->a,
                     "INSERT INTO role_assignment (tenant_id, person_id, unit_id, role, via_group, "
                     "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6) ON CONFLICT DO "
                     "NOTHING RETURNING id",
                     6, p, &made) != DB_OK ||
            (made->nrows == 1 &&
             audit_write(r->db, r->a, &actor, tenant_id, "create", "roles", db_cell(made, 0, 0),
                         arena_printf(r->a, "%s: %s for %s, from the provider's group %s", email,
                                      role, db_cell(maps, i, 3), group),
                         NULL) != DB_OK))
            goto fail;
    }
    /* roles to take: given by a group, and no group of the token maps to them now */
    for (int j = 0; j < held->nrows; j++) {
        const char *via = db_cell(held, j, 3);
        if (!via) continue;
        bool still = false;
        for (int i = 0; i < maps->nrows && !still; i++)
            still = in_groups(groups, db_cell(maps, i, 0)) &&
                    !strcmp(db_cell(maps, i, 1), db_cell(held, j, 1)) &&
                    !strcmp(db_cell(maps, i, 2), db_cell(held, j, 2));
        if (still) continue;
        if (!began && db_begin(r->db) != DB_OK) return DB_ERROR;
        began = true;
        const char *p[] = {db_cell(held, j, 0)};
        if (db_exec(r->db, "DELETE FROM role_assignment WHERE id = $1", 1, p, NULL) != DB_OK ||
            audit_write(r->db, r->a, &actor, tenant_id, "delete", "roles", p[0],
                        arena_printf(r->a,
                                     "%s: %s taken, the provider's group %s no longer gives it",
                                     email, db_cell(held, j, 1), via),
                        NULL) != DB_OK)
            goto fail;
    }
    if (began && db_commit(r->db) != DB_OK) goto fail;
    return DB_OK;
fail:
    fprintf(stderr, "lis: cannot apply the provider's groups: %s\n", db_error(r->db));
    db_rollback(r->db);
    return DB_ERROR;
}

void h_sso_callback(req *r, resp *out)
{
    pending pl = {0, NULL, NULL, NULL};
    bool found;
    if (throttled(r, out, NULL)) return;
    if (take_pending(r, out, kv_get(&r->query, "state"), &pl, &found) != DB_OK) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    if (!found) {
        refuse(r, out, 0, NULL, "unknown, used or expired state", TR_sso_expired, NULL);
        out->status = 400;
        return;
    }
    if (!throttle_refund(r, throttle_key(r))) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    const char *tenant = int_text(r->a, pl.tenant_id);
    const char *error = kv_get(&r->query, "error");
    const char *code = kv_get(&r->query, "code");
    if (error || !code || !*code || strlen(code) > 2000) {
        refuse(r, out, pl.tenant_id, NULL,
               error ? arena_printf(r->a, "the provider answered %.100s", error)
                     : "the provider sent no code",
               TR_sso_failed, pl.next);
        return;
    }
    sso_provider p;
    if (sso_provider_load(r, tenant, &p, &found) != DB_OK) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    if (!found || !p.enabled) {
        refuse(r, out, pl.tenant_id, NULL, "the provider was switched off", TR_sso_err_none,
               pl.next);
        return;
    }
    /* the endpoints as discovered when this login began */
    oidc_discovery d;
    const char *why = NULL;
    char err[400] = "";
    if (!oidc_discovery_parse(r->a, p.discovery_json, p.issuer, &d, &why) &&
        !sso_discover(r, tenant, &p, &d, err, sizeof err)) {
        refuse(r, out, pl.tenant_id, NULL, err, TR_sso_unreachable, pl.next);
        return;
    }
    const char *id_token = exchange(r, &p, &d, code, pl.verifier, &why);
    if (!id_token) {
        refuse(r, out, pl.tenant_id, NULL, why, TR_sso_failed, pl.next);
        return;
    }
    json_t *claims = NULL;
    const char *alg = NULL;
    oidc_sig sig = oidc_verify(r->a, id_token, p.jwks_json, &claims, &alg);
    if (sig == OIDC_SIG_NO_KEY) {
        /* a key the kept set lacks: the provider may have rotated; fetch the set once */
        if (!sso_fetch_jwks(r, tenant, &p, d.jwks_uri, NULL, err, sizeof err)) {
            refuse(r, out, pl.tenant_id, NULL, err, TR_sso_unreachable, pl.next);
            return;
        }
        sig = oidc_verify(r->a, id_token, p.jwks_json, &claims, &alg);
    }
    if (sig != OIDC_SIG_OK) {
        refuse(r, out, pl.tenant_id, NULL,
               arena_printf(r->a, "%s (alg %s)", oidc_sig_text(sig), alg ? alg : "missing"),
               TR_sso_failed, pl.next);
        return;
    }
    oidc_expect e = {p.issuer, p.client_id, pl.nonce, time(NULL)};
    oidc_claims checked = oidc_check_claims(claims, &e);
    const char *email = checked == OIDC_CLAIMS_OK ? oidc_email(r->a, claims, p.email_claim) : NULL;
    const char *name = email ? claimed_name(r, claims, email) : NULL;
    group_list groups = claimed_groups(r, claims);
    json_decref(claims);
    if (checked != OIDC_CLAIMS_OK) {
        refuse(r, out, pl.tenant_id, NULL, oidc_claims_text(checked), TR_sso_failed, pl.next);
        return;
    }
    if (!email) {
        refuse(r, out, pl.tenant_id, NULL,
               arena_printf(r->a, "no verified address in claim %s", p.email_claim),
               TR_sso_no_email, pl.next);
        return;
    }
    if (!oidc_domain_allowed(email, p.allowed_domains)) {
        refuse(r, out, pl.tenant_id, email, "the address's domain is not let in", TR_sso_domain,
               pl.next);
        return;
    }
    int64_t account = 0, person = 0;
    bool active = false;
    if (find_person(r, tenant, email, &account, &person, &active, &found) != DB_OK) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    if (found && !active) {
        refuse(r, out, pl.tenant_id, email, "the person is deactivated", TR_sso_unknown_person,
               pl.next);
        return;
    }
    if (!found) {
        if (strcmp(p.unknown_users, "create") != 0) {
            refuse(r, out, pl.tenant_id, email, "no person of the tenant has the address",
                   TR_sso_unknown_person, pl.next);
            return;
        }
        if (create_person(r, pl.tenant_id, email, name, &account, &person) != DB_OK) {
            respond_error(r, out, 500, "internal", TR_err_internal);
            return;
        }
    }
    if (apply_group_roles(r, pl.tenant_id, person, account, email, &groups) != DB_OK) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    /* the attempt of this login's start is given back */
    if (!throttle_refund(r, throttle_key(r))) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    login_establish_via(r, out, account, pl.tenant_id, email, pl.next, "oidc",
                        arena_printf(r->a, "method: oidc (%s, %s)", p.issuer, alg));
}

void h_sso_logout(req *r, resp *out)
{
    /* what the provider's logout needs is read before the session ends */
    const char *end_session = NULL, *client_id = NULL, *name = NULL;
    if (r->auth->login_method && !strcmp(r->auth->login_method, "oidc")) {
        sso_provider p;
        bool found;
        oidc_discovery d;
        const char *why;
        if (sso_provider_load(r, tenant_param(r), &p, &found) == DB_OK && found &&
            oidc_discovery_parse(r->a, p.discovery_json, p.issuer, &d, &why) &&
            d.end_session_endpoint) {
            end_session = d.end_session_endpoint;
            client_id = p.client_id;
            name = p.display_name;
        }
    }
    lang_t lang = r->lang;
    if (!logout_end(r, out)) return;
    if (!end_session) {
        resp_redirect(out, r->a, "/login");
        return;
    }
    /* RP-initiated logout: the provider asks its own question and comes back to /login */
    size_t n = strlen(sso_redirect_uri(r)) - strlen("/sso/callback");
    buf url;
    buf_init(&url, 0);
    buf_puts(&url, end_session);
    buf_putc(&url, strchr(end_session, '?') ? '&' : '?');
    buf_puts(&url, "client_id=");
    esc_url_component(&url, client_id);
    buf_puts(&url, "&post_logout_redirect_uri=");
    esc_url_component(&url, arena_strndup(r->a, sso_redirect_uri(r), n));
    out->content_type = "text/html; charset=utf-8";
    view_sso_signed_out(&out->body, lang, r, name, arena_strdup(r->a, buf_str(&url)));
    buf_free(&url);
}
