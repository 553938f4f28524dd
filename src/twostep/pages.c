/* pages.c - two-step verification on screen: the login's second step, and
 * enrolment and recovery codes on the person's own account page (the tenant admin's side
 * is admin.c). Every enrolment, switching off, new set of recovery codes
 * and failed second step is in the audit log. */
#include "pages.h"
#include "../auth/handlers.h"
#include "../auth/local_login.h"
#include "../auth/twostep.h"
#include "../core/util.h"
#include "../entity/entity.h"
#include "../http/page.h"
#include "../../build/views/login_code.h"
#include "../../build/views/twostep.h"
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

/* --- the login's second step ----------------------------------------------------------- */

static void code_page(req *r, resp *out, const pending_login *p, tr_key error)
{
    out->content_type = "text/html; charset=utf-8";
    view_login_code(&out->body, r->lang, r, error ? tr(r->lang, error) : NULL, p->csrf);
}

/* The pending login of the cookie, or a login page saying it ran out (*found false). */
static bool pending_or_expired(req *r, resp *out, pending_login *p)
{
    bool found = false;
    if (twostep_pending_load(r, kv_get(&r->cookies, "lis_pending"), p, &found) != DB_OK) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return false;
    }
    if (!found) {
        set_cookie(r, out, "lis_pending", "", 0, true);
        out->status = 401;
        login_page(r, out, NULL, TR_twostep_expired, NULL);
    }
    return found;
}

void h_login_code_form(req *r, resp *out)
{
    pending_login p;
    if (pending_or_expired(r, out, &p)) code_page(r, out, &p, 0);
}

void h_login_code(req *r, resp *out)
{
    pending_login p;
    if (!pending_or_expired(r, out, &p)) return;
    if (!secret_equal(kv_get(&r->form, "_csrf"), p.csrf)) {
        out->status = 403;
        code_page(r, out, &p, TR_err_csrf);
        return;
    }
    /* the same counters as the password: a guessed code costs what a guessed password does */
    const char *acct_key = arena_printf(r->a, "acct:%s", p.email);
    const char *ip_key = arena_printf(r->a, "ip:%s", r->ip ? r->ip : "");
    if (!throttle_claim(r, acct_key) || !throttle_claim(r, ip_key)) {
        out->status = 429;
        code_page(r, out, &p, TR_login_throttled);
        return;
    }
    twostep_proof how = PROOF_NONE;
    if (twostep_check(r, p.account_id, kv_get(&r->form, "code"), &how) != DB_OK) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    if (how == PROOF_NONE) {
        if (!audit_system(r, p.tenant_id, p.account_id, p.email, "login_code_failed")) {
            respond_error(r, out, 500, "internal", TR_err_internal);
            return;
        }
        out->status = 401;
        code_page(r, out, &p, TR_twostep_wrong_code);
        return;
    }
    bool cleared = throttle_clear(r, acct_key);
    if (!throttle_refund(r, ip_key) || !cleared || twostep_pending_end(r, p.id_hash) != DB_OK ||
        (how == PROOF_RECOVERY &&
         !audit_system(r, p.tenant_id, p.account_id, p.email, "recovery_code_used"))) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    set_cookie(r, out, "lis_pending", "", 0, true);
    login_establish_via(r, out, p.account_id, p.tenant_id, p.email, p.next, NULL,
                        "method: password and two-step code");
}

/* --- enrolment on the person's own account page ---------------------------------------- */

static void twostep_page(req *r, resp *out, const char codes[][TOTP_RECOVERY_LEN], int ncodes,
                         tr_key message, bool ok)
{
    int64_t account = r->auth->account_id;
    int on = twostep_enabled(r, account);
    unsigned char raw[TOTP_SECRET_BYTES];
    char b32[TOTP_SECRET_B32] = "";
    bool waiting = false;
    if (on < 0 || (!on && twostep_enrol_secret(r, account, raw, b32, &waiting) != DB_OK)) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    char *svg = NULL;
    if (waiting) {
        char uri[256];
        sodium_memzero(raw, sizeof raw);
        if (!totp_uri(r->auth->email, b32, uri, sizeof uri) || !(svg = totp_qr_svg(uri))) {
            respond_error(r, out, 500, "internal", TR_err_internal);
            return;
        }
    }
    int left = on ? twostep_recovery_left(r, account) : 0;
    const char *list[TOTP_RECOVERY_COUNT];
    for (int i = 0; i < ncodes && i < TOTP_RECOVERY_COUNT; i++)
        list[i] = codes[i];
    /* what was shown once must not be kept by a cache either */
    if (ncodes) resp_header(out, r->a, "Cache-Control", "no-store");
    page_begin(r, out, tr(r->lang, TR_twostep_title), "account");
    view_twostep(&out->body, r->lang, r,
                 on        ? 2
                 : waiting ? 1
                           : 0,
                 svg, b32, list, ncodes, left, r->auth->twostep_missing,
                 message ? tr(r->lang, message) : NULL, ok);
    page_end(r, out);
    free(svg);
}

void h_twostep(req *r, resp *out)
{
    twostep_page(r, out, NULL, 0, 0, true);
}

void h_twostep_start(req *r, resp *out)
{
    bool started = false;
    if (db_begin(r->db) != DB_OK ||
        twostep_enrol_start(r, r->auth->account_id, &started) != DB_OK ||
        db_commit(r->db) != DB_OK) {
        db_rollback(r->db);
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    resp_redirect(out, r->a, "/account/two-step");
}

void h_twostep_confirm(req *r, resp *out)
{
    char codes[TOTP_RECOVERY_COUNT][TOTP_RECOVERY_LEN];
    bool ok = false;
    if (db_begin(r->db) != DB_OK ||
        twostep_enrol_confirm(r, r->auth->account_id, kv_get(&r->form, "code"), &ok) != DB_OK ||
        (ok && (twostep_new_recovery(r, r->auth->account_id, codes) != DB_OK ||
                entity_audit(r, "totp_enrolled", NULL, 0, r->auth->email, NULL) != DB_OK)) ||
        db_commit(r->db) != DB_OK) {
        db_rollback(r->db);
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    if (!ok) {
        out->status = 422;
        twostep_page(r, out, NULL, 0, TR_twostep_wrong_code, false);
        return;
    }
    /* enrolled: the session may do everything again */
    r->auth->twostep_missing = false;
    twostep_page(r, out, (const char(*)[TOTP_RECOVERY_LEN])codes, TOTP_RECOVERY_COUNT,
                 TR_twostep_enrolled, true);
    sodium_memzero(codes, sizeof codes);
}

/* A current code (used up like one at login) or the account's password. */
static bool proof_valid(req *r, bool *valid)
{
    const char *proof = kv_get(&r->form, "proof");
    twostep_proof how = PROOF_NONE;
    *valid = false;
    if (!proof || !*proof) return true;
    const char *p[] = {int_text(r->a, r->auth->account_id)};
    const char *hash =
        db_scalar(r->db, r->a, "SELECT password_hash FROM account WHERE id = $1", 1, p);
    if (hash && password_verify(hash, proof)) {
        *valid = true;
        return true;
    }
    /* recovery codes are for logging in, not for changing what protects the account */
    const char *trimmed = str_trim(arena_strdup(r->a, proof));
    if (strlen(trimmed) != TOTP_DIGITS) return true;
    if (twostep_check(r, r->auth->account_id, trimmed, &how) != DB_OK) return false;
    *valid = how == PROOF_CODE;
    return true;
}

/* New recovery codes and switching two-step off both ask for a fresh proof (the password
 * or a current code): false after answering for the caller (500, or the page again). */
static bool require_proof(req *r, resp *out)
{
    bool valid;
    if (!proof_valid(r, &valid)) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return false;
    }
    if (!valid) {
        out->status = 422;
        twostep_page(r, out, NULL, 0, TR_twostep_wrong_proof, false);
    }
    return valid;
}

void h_twostep_recovery(req *r, resp *out)
{
    if (!require_proof(r, out)) return;
    char codes[TOTP_RECOVERY_COUNT][TOTP_RECOVERY_LEN];
    if (db_begin(r->db) != DB_OK || twostep_new_recovery(r, r->auth->account_id, codes) != DB_OK ||
        entity_audit(r, "totp_recovery_new", NULL, 0, r->auth->email, NULL) != DB_OK ||
        db_commit(r->db) != DB_OK) {
        db_rollback(r->db);
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    twostep_page(r, out, (const char(*)[TOTP_RECOVERY_LEN])codes, TOTP_RECOVERY_COUNT,
                 TR_twostep_codes_made, true);
    sodium_memzero(codes, sizeof codes);
}

void h_twostep_off(req *r, resp *out)
{
    if (!require_proof(r, out)) return;
    /* the last way in while passwords are off is not taken away (local_login.h) */
    bool last = false;
    if (local_login_last_admin(r, r->auth->account_id, 0, &last) != DB_OK) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    if (last) {
        out->status = 409;
        twostep_page(r, out, NULL, 0, TR_local_login_last_twostep, false);
        return;
    }
    if (db_begin(r->db) != DB_OK || twostep_remove(r, r->auth->account_id) != DB_OK ||
        entity_audit(r, "totp_disabled", NULL, 0, r->auth->email, NULL) != DB_OK ||
        db_commit(r->db) != DB_OK) {
        db_rollback(r->db);
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    /* a tenant that asks for it sends the session straight back to enrolment */
    resp_redirect(out, r->a, "/account/two-step");
}
