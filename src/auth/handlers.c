/* handlers.c - logging in and out, the account page (password, language, tenant),
 * and API tokens. */
#include "auth.h"
#include "handlers.h"
#include "local_login.h"
#include "twostep.h"
#include "../audit/audit.h"
#include "../core/escape.h"
#include "../core/util.h"
#include "../entity/entity.h"
#include "../http/page.h"
#include "../http/router.h"
#include "../../build/views/account.h"
#include "../../build/views/login.h"
#include "../../build/views/token_created.h"
#include <jansson.h>
#include <string.h>

static bool secure_cookies(req *r)
{
    return r->tls || (r->forwarded_proto && strcmp(r->forwarded_proto, "https") == 0);
}

void set_cookie(req *r, resp *out, const char *name, const char *value, long max_age,
                bool http_only)
{
    resp_header(out, r->a, "Set-Cookie",
                arena_printf(r->a, "%s=%s; Path=/; Max-Age=%ld; SameSite=Lax%s%s", name, value,
                             max_age, http_only ? "; HttpOnly" : "",
                             secure_cookies(r) ? "; Secure" : ""));
}

/* Only local paths are followed after login: never another host. */
static const char *safe_next(const char *next)
{
    return path_same_origin(next) ? next : "/home";
}

void login_page(req *r, resp *out, const char *email, tr_key error, const char *next)
{
    login_page_message(r, out, email, error ? tr(r->lang, error) : NULL, next);
}

void login_page_message(req *r, resp *out, const char *email, const char *error, const char *next)
{
    const char *pre = kv_get(&r->cookies, "lis_pre");
    if (!pre || strlen(pre) != 32) {
        pre = random_token(r->a, 24);
        set_cookie(r, out, "lis_pre", pre, 3600, true);
    }
    /* the tenants whose people may log in with their own provider (src/sso/): one button
     * each; without them, or when they cannot be read, the password form stands alone */
    db_res *sso = NULL;
    if (db_query(r->db, r->a,
                 "SELECT CAST(tenant_id AS TEXT), display_name FROM oidc_provider WHERE "
                 "enabled = 1 ORDER BY display_name, tenant_id",
                 0, NULL, &sso) != DB_OK)
        sso = NULL;
    int nsso = sso ? sso->nrows : 0;
    const char **sso_ids = arena_alloc(r->a, sizeof(char *) * (size_t)(nsso + 1));
    const char **sso_names = arena_alloc(r->a, sizeof(char *) * (size_t)(nsso + 1));
    for (int i = 0; i < nsso; i++) {
        sso_ids[i] = db_cell(sso, i, 0);
        sso_names[i] = db_cell(sso, i, 1);
    }
    out->content_type = "text/html; charset=utf-8";
    view_login(&out->body, r->lang, r, email ? email : "", error, pre, safe_next(next), sso_ids,
               sso_names, nsso);
}

void h_root(req *r, resp *out)
{
    resp_redirect(out, r->a, auth_load(r) ? "/home" : "/login");
}

void h_login_form(req *r, resp *out)
{
    if (auth_load(r)) {
        resp_redirect(out, r->a, "/home");
        return;
    }
    login_page(r, out, NULL, 0, kv_get(&r->query, "next"));
}

/* Records a session event in its own transaction; false (logged) when it could not be
 * recorded, so the caller can refuse what it would otherwise do unrecorded. */
bool audit_system(req *r, int64_t tenant, int64_t account, const char *who, const char *action)
{
    return audit_system_detail(r, tenant, account, who, action, NULL);
}

bool audit_system_detail(req *r, int64_t tenant, int64_t account, const char *who,
                         const char *action, const char *detail)
{
    audit_actor a = {account, who, r->ip};
    if (db_begin(r->db) != DB_OK) {
        fprintf(stderr, "lis: cannot audit %s: %s\n", action, db_error(r->db));
        return false;
    }
    if (audit_write(r->db, r->a, &a, tenant, action, "session", NULL, detail, NULL) == DB_OK &&
        db_commit(r->db) == DB_OK)
        return true;
    fprintf(stderr, "lis: cannot audit %s: %s\n", action, db_error(r->db));
    db_rollback(r->db);
    return false;
}

void h_login(req *r, resp *out)
{
    const char *email = kv_get(&r->form, "email");
    const char *password = kv_get(&r->form, "password");
    const char *next = kv_get(&r->form, "next");
    const char *pre_cookie = kv_get(&r->cookies, "lis_pre");
    const char *pre_form = kv_get(&r->form, "_pre");
    /* login CSRF: the form must carry the value of the cookie set with it */
    if (!pre_cookie || strlen(pre_cookie) < 32 || !secret_equal(pre_cookie, pre_form)) {
        out->status = 403;
        login_page(r, out, email, TR_err_csrf, next);
        return;
    }
    if (!email || !password || !*email || !*password || strlen(email) > 254 ||
        strlen(password) > 1000) {
        out->status = 422;
        login_page(r, out, email, TR_login_missing, next);
        return;
    }
    char *lower = arena_strdup(r->a, email);
    for (char *c = lower; *c; c++)
        if (*c >= 'A' && *c <= 'Z') *c = (char)(*c - 'A' + 'a');
    const char *acct_key = arena_printf(r->a, "acct:%s", lower);
    const char *ip_key = arena_printf(r->a, "ip:%s", r->ip ? r->ip : "");
    if (!throttle_claim(r, acct_key) || !throttle_claim(r, ip_key)) {
        out->status = 429;
        login_page(r, out, email, TR_login_throttled, next);
        return;
    }
    const char *p[] = {lower};
    db_res *res = NULL;
    bool ok = db_query(r->db, r->a,
                       "SELECT a.id, a.password_hash, a.lang FROM account a WHERE "
                       "a.email = $1",
                       1, p, &res) == DB_OK &&
              res->nrows == 1;
    const char *hash = ok ? db_cell(res, 0, 1) : NULL;
    /* verify even for unknown accounts so the time taken does not tell which exist */
    static const char dummy[] = "$argon2id$v=19$m=32768,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$"
                                "S3gv0Zq6xM0m9n6Ivm7dQv0l5CaCkLrX5ueqqx2Ulh0";
    bool verified = password_verify(hash ? hash : dummy, password) && hash;
    /* the tenant the password may open (local_login.h): where passwords are switched off
     * the answer is the same whether the password was right or not, so a password that
     * opens nothing cannot be tested here either */
    int64_t tenant = 0;
    local_login verdict = LOCAL_LOGIN_OFF;
    const char *button = NULL;
    if (ok &&
        local_login_choose(r, db_cell_int(res, 0, 0), 0, &tenant, &verdict, &button) != DB_OK) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    if (tenant && verdict != LOCAL_LOGIN_ALLOWED) {
        /* the same answer for any password tells a guesser nothing: the address gets its
         * attempt back, so that colleagues at a town hall trying their old passwords do
         * not lock out the emergency admin behind the same address */
        if (!throttle_refund(r, ip_key) ||
            !audit_system_detail(r, tenant, db_cell_int(res, 0, 0), lower, "login_refused",
                                 "method: password; local passwords are switched off")) {
            respond_error(r, out, 500, "internal", TR_err_internal);
            return;
        }
        out->status = 403;
        login_page_message(r, out, email, local_login_refusal(r, button, verdict), next);
        return;
    }
    if (!verified || !tenant) {
        /* the attempt was counted by throttle_claim; an unrecorded failure would let
         * guessing go unnoticed */
        if (!audit_system(r, 0, ok ? db_cell_int(res, 0, 0) : 0, lower, "login_failed")) {
            respond_error(r, out, 500, "internal", TR_err_internal);
            return;
        }
        out->status = 401;
        login_page(r, out, email, verified ? TR_login_no_tenant : TR_login_failed, next);
        return;
    }
    bool cleared = throttle_clear(r, acct_key);
    if (!throttle_refund(r, ip_key) || !cleared) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    int64_t account = db_cell_int(res, 0, 0);
    int twostep = twostep_enabled(r, account);
    if (twostep < 0) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    if (twostep) {
        /* the password was right; no session until the code is (src/auth/twostep_pages.c) */
        const char *pending = twostep_pending_create(r, account, tenant, safe_next(next));
        if (!pending) {
            respond_error(r, out, 500, "internal", TR_err_internal);
            return;
        }
        set_cookie(r, out, "lis_pending", pending, TWOSTEP_PENDING_SECONDS, true);
        resp_redirect(out, r->a, "/login/code");
        return;
    }
    login_establish(r, out, account, tenant, lower, next);
}

void login_establish(req *r, resp *out, int64_t account, int64_t tenant, const char *email,
                     const char *next)
{
    login_establish_via(r, out, account, tenant, email, next, NULL, NULL);
}

void login_establish_via(req *r, resp *out, int64_t account, int64_t tenant, const char *email,
                         const char *next, const char *method, const char *detail)
{
    /* a new session id at every login: an id planted before login is worthless */
    const char *old = kv_get(&r->cookies, "lis_session");
    if (old) {
        char h[65];
        sha256_hex(old, strlen(old), h);
        const char *q[] = {h};
        if (db_exec(r->db, "DELETE FROM session WHERE id_hash = $1", 1, q, NULL) != DB_OK) {
            respond_error(r, out, 500, "internal", TR_err_internal);
            return;
        }
    }
    /* a login that cannot be recorded is refused before any session exists */
    if (!audit_system_detail(r, tenant, account, email, "login",
                             detail ? detail : "method: password")) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    const char *token = session_create_via(r, account, tenant, method);
    if (!token) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    set_cookie(r, out, "lis_session", token, SESSION_ABSOLUTE_SECONDS, true);
    /* a language chosen on the login page wins and is remembered on the account;
     * otherwise the account's language, when chosen, follows the person to this browser */
    const char *id = int_text(r->a, account);
    const char *chosen = kv_get(&r->cookies, "lis_lang");
    if (chosen && (strcmp(chosen, "sv") == 0 || strcmp(chosen, "en") == 0)) {
        const char *q[] = {id, chosen};
        /* only a preference: the login stands, and the cookie keeps the choice meanwhile */
        if (db_exec(r->db, "UPDATE account SET lang = $2, lang_chosen = 1 WHERE id = $1", 2, q,
                    NULL) != DB_OK)
            fprintf(stderr, "lis: cannot remember the language: %s\n", db_error(r->db));
    } else {
        const char *q[] = {id};
        const char *lang = db_scalar(
            r->db, r->a, "SELECT lang FROM account WHERE id = $1 AND lang_chosen = 1", 1, q);
        if (lang) set_cookie(r, out, "lis_lang", lang, 365L * 86400, false);
    }
    resp_redirect(out, r->a, safe_next(next));
}

bool logout_end(req *r, resp *out)
{
    /* logging out never fails on the user's side: the session ends even when the event
     * could not be recorded (audit_system logs that) */
    (void)!audit_system(r, r->auth->tenant_id, r->auth->account_id, r->auth->email, "logout");
    if (!session_destroy(r)) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return false;
    }
    set_cookie(r, out, "lis_session", "", 0, true);
    return true;
}

void h_logout(req *r, resp *out)
{
    if (logout_end(r, out)) resp_redirect(out, r->a, "/login");
}

void h_lang(req *r, resp *out)
{
    const char *to = kv_get(&r->form, "lang");
    if (!to || (strcmp(to, "sv") != 0 && strcmp(to, "en") != 0)) to = "sv";
    if (auth_load(r)) {
        /* a token-authenticated caller has no CSRF token: this form is for browsers */
        if (!csrf_valid(r)) {
            respond_error(r, out, 403, "csrf", TR_err_csrf);
            return;
        }
        const char *p[] = {int_text(r->a, r->auth->account_id), to};
        if (db_exec(r->db, "UPDATE account SET lang = $2, lang_chosen = 1 WHERE id = $1", 2, p,
                    NULL) != DB_OK) {
            respond_error(r, out, 500, "internal", TR_err_internal);
            return;
        }
    }
    set_cookie(r, out, "lis_lang", to, 365L * 86400, false);
    resp_redirect(out, r->a, safe_next(kv_get(&r->form, "back")));
}

static void account_page(req *r, resp *out, tr_key message, bool ok)
{
    const char *p[] = {int_text(r->a, r->auth->account_id)};
    db_res *tenants = NULL;
    if (db_query(r->db, r->a,
                 "SELECT t.id, t.name FROM person p JOIN tenant t ON t.id = p.tenant_id WHERE "
                 "p.account_id = $1 AND p.active = 1 ORDER BY t.name",
                 1, p, &tenants) != DB_OK) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    buf options;
    buf_init(&options, 0);
    for (int i = 0; tenants && i < tenants->nrows; i++) {
        buf_puts(&options, "<option value=\"");
        esc_html(&options, db_cell(tenants, i, 0));
        buf_printf(&options, "\"%s>",
                   db_cell_int(tenants, i, 0) == r->auth->tenant_id ? " selected" : "");
        esc_html(&options, db_cell(tenants, i, 1));
        buf_puts(&options, "</option>");
    }
    int twostep = twostep_enabled(r, r->auth->account_id);
    if (twostep < 0) {
        buf_free(&options);
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    page_begin(r, out, tr(r->lang, TR_account_title), "account");
    view_account(&out->body, r->lang, r, message ? tr(r->lang, message) : NULL, ok,
                 buf_str(&options), tenants ? tenants->nrows : 0, twostep == 1,
                 perm_allows(r->auth, ACT_TENANT_ADMIN, NULL));
    page_end(r, out);
    buf_free(&options);
}

void h_account(req *r, resp *out)
{
    account_page(r, out, kv_get(&r->query, "saved") ? TR_account_password_changed : 0, true);
}

void h_password(req *r, resp *out)
{
    const char *current = kv_get(&r->form, "current");
    const char *next = kv_get(&r->form, "new");
    const char *again = kv_get(&r->form, "again");
    const char *p[] = {int_text(r->a, r->auth->account_id)};
    const char *hash =
        db_scalar(r->db, r->a, "SELECT password_hash FROM account WHERE id = $1", 1, p);
    int64_t tenant = 0;
    local_login verdict = LOCAL_LOGIN_OFF;
    const char *button = NULL;
    if (local_login_choose(r, r->auth->account_id, r->auth->tenant_id, &tenant, &verdict,
                           &button) != DB_OK) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    tr_key problem = 0;
    if (verdict != LOCAL_LOGIN_ALLOWED)
        /* a password this tenant would refuse is not set from here either */
        problem = TR_local_login_no_change;
    else if (!current || !password_verify(hash, current))
        problem = TR_account_wrong_password;
    else if (!next || !again || strcmp(next, again) != 0)
        problem = TR_account_mismatch;
    else if (password_policy(next) >= 0)
        problem = (tr_key)password_policy(next);
    if (problem) {
        out->status = 422;
        account_page(r, out, problem, false);
        return;
    }
    char newhash[128];
    if (password_hash(next, newhash) != 0) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    char now[21];
    time_now_iso(now);
    const char *q[] = {p[0], newhash, now};
    if (db_begin(r->db) != DB_OK ||
        db_exec(r->db,
                "UPDATE account SET password_hash = $2, password_changed_at = $3 WHERE id = $1", 3,
                q, NULL) != DB_OK ||
        /* every other session of this account ends: a stolen one dies with the old password */
        db_exec(r->db, "DELETE FROM session WHERE account_id = $1 AND id_hash <> $2", 2,
                (const char *[]){p[0], r->auth->session_hash}, NULL) != DB_OK ||
        /* and so does every API token of the person, in every tenant: a token made by
         * whoever knew the old password must not outlive it */
        db_exec(r->db,
                "UPDATE api_token SET revoked_at = $2 WHERE revoked_at IS NULL AND person_id IN "
                "(SELECT id FROM person WHERE account_id = $1)",
                2, (const char *[]){p[0], now}, NULL) != DB_OK ||
        entity_audit(r, "password_changed", NULL, 0, r->auth->email, NULL) != DB_OK ||
        db_commit(r->db) != DB_OK) {
        db_rollback(r->db);
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    resp_redirect(out, r->a, "/account?saved=1");
}

void h_switch_tenant(req *r, resp *out)
{
    int64_t tenant;
    const char *t = kv_get(&r->form, "tenant_id");
    auth probe = {.account_id = r->auth->account_id};
    if (!t || !parse_int64(t, &tenant) ||
        (probe.tenant_id = tenant, !auth_load_member(r, &probe))) {
        respond_error(r, out, 403, "forbidden", TR_err_forbidden);
        return;
    }
    /* a session begun with a password enters only a tenant that lets the password in */
    int64_t allowed = 0;
    local_login verdict = LOCAL_LOGIN_ALLOWED;
    const char *button = NULL;
    if (!r->auth->login_method &&
        local_login_choose(r, r->auth->account_id, tenant, &allowed, &verdict, &button) != DB_OK) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    if (verdict != LOCAL_LOGIN_ALLOWED) {
        respond_error(r, out, 403, "forbidden", TR_local_login_no_switch);
        return;
    }
    const char *p[] = {r->auth->session_hash, t};
    if (!audit_system(r, tenant, r->auth->account_id, r->auth->email, "switch_tenant") ||
        db_exec(r->db, "UPDATE session SET tenant_id = $2 WHERE id_hash = $1", 2, p, NULL) !=
            DB_OK) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    resp_redirect(out, r->a, "/home");
}

/* Creating a token is special: its secret is shown once and only its hash is kept. */
static const char *token_create_audited(req *r, const char *name, int64_t *id)
{
    if (db_begin(r->db) != DB_OK) return NULL;
    const char *token = api_token_create(r, name, id);
    if (!token || entity_audit(r, "create", entity_find("tokens"), *id, name, NULL) != DB_OK ||
        db_commit(r->db) != DB_OK) {
        db_rollback(r->db);
        return NULL;
    }
    return token;
}

static bool token_name_ok(const char *name)
{
    return name && *name && strlen(name) <= 100 && utf8_valid(name, strlen(name)) &&
           !strpbrk(name, "\r\n");
}

void h_token_create(req *r, resp *out)
{
    const char *name = kv_get(&r->form, "name");
    name = name ? str_trim(arena_strdup(r->a, name)) : NULL;
    int64_t id = 0;
    if (!token_name_ok(name)) {
        out->status = 422;
        page_begin(r, out, tr(r->lang, TR_tokens_many), "tokens");
        view_token_created(&out->body, r->lang, r, NULL, tr(r->lang, TR_err_required));
        page_end(r, out);
        return;
    }
    const char *token = token_create_audited(r, name, &id);
    if (!token) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    page_begin(r, out, tr(r->lang, TR_tokens_many), "tokens");
    view_token_created(&out->body, r->lang, r, token, NULL);
    page_end(r, out);
}

void h_token_new(req *r, resp *out)
{
    page_begin(r, out, tr(r->lang, TR_tokens_many), "tokens");
    view_token_created(&out->body, r->lang, r, NULL, NULL);
    page_end(r, out);
}

void api_me(req *r, resp *out)
{
    respond_json(out, 200);
    buf *b = &out->body;
    buf_printf(b, "{\"account_id\":%lld,\"email\":", (long long)r->auth->account_id);
    esc_json_string(b, r->auth->email);
    buf_printf(b, ",\"person_id\":%lld,\"name\":", (long long)r->auth->person_id);
    esc_json_string(b, r->auth->person_name);
    buf_printf(b, ",\"tenant_id\":%lld,\"tenant\":", (long long)r->auth->tenant_id);
    esc_json_string(b, r->auth->tenant_name);
    buf_puts(b, ",\"roles\":[");
    for (int i = 0; i < r->auth->ngrants; i++) {
        buf_printf(b, "%s{\"role\":\"%s\",\"unit_id\":%lld}", i ? "," : "",
                   role_codes[r->auth->grants[i].role], (long long)r->auth->grants[i].unit_id);
    }
    buf_puts(b, "]}");
}

void api_token_create_h(req *r, resp *out)
{
    json_error_t jerr;
    json_t *root = json_loadb(r->body ? r->body : "", r->body_len, JSON_REJECT_DUPLICATES, &jerr);
    json_t *name = root && json_is_object(root) ? json_object_get(root, "name") : NULL;
    if (!root || !json_is_object(root) || json_object_size(root) != 1 || !json_is_string(name) ||
        !token_name_ok(str_trim(arena_strdup(r->a, json_string_value(name))))) {
        json_decref(root);
        json_error(r, out, 400, "invalid",
                   "expected {\"name\": \"…\"} with a name of 1–100 characters");
        return;
    }
    const char *n = str_trim(arena_strdup(r->a, json_string_value(name)));
    json_decref(root);
    int64_t id = 0;
    const char *token = token_create_audited(r, n, &id);
    if (!token) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    respond_json(out, 201);
    buf_printf(&out->body, "{\"id\":%lld,\"name\":", (long long)id);
    esc_json_string(&out->body, n);
    buf_puts(&out->body, ",\"token\":");
    esc_json_string(&out->body, token);
    buf_puts(&out->body, "}");
}
