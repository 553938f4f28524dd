/* twostep.c - who must use two-step verification, enrolment, checking and using up a
 * code, and the pending login between password and code (see twostep.h). */
#include "twostep.h"
#include "../core/util.h"
#include <sodium.h>
#include <stdio.h>
#include <string.h>

const char *const twostep_policies[] = {"nobody", "everyone", "risk_readers", "roles", NULL};

bool twostep_policy_valid(const char *policy)
{
    for (int i = 0; policy && twostep_policies[i]; i++)
        if (strcmp(policy, twostep_policies[i]) == 0) return true;
    return false;
}

int twostep_enabled(req *r, int64_t account_id)
{
    const char *p[] = {int_text(r->a, account_id)};
    db_res *res = NULL;
    if (db_query(r->db, r->a,
                 "SELECT 1 FROM account_totp WHERE account_id = $1 AND enabled_at IS NOT NULL", 1,
                 p, &res) != DB_OK)
        return -1;
    return res->nrows > 0;
}

int twostep_policy_applies(req *r, const auth *who, const char *policy, bool *applies)
{
    *applies = false;
    if (!policy || strcmp(policy, "nobody") == 0) return DB_OK;
    if (strcmp(policy, "everyone") == 0) {
        *applies = true;
        return DB_OK;
    }
    if (strcmp(policy, "risk_readers") == 0) {
        /* a role held anywhere that reads or writes risks: risks name the weaknesses */
        for (int i = 0; i < who->ngrants && !*applies; i++)
            *applies = perm_allows(who, ACT_RISK_READ, who->grants[i].unit_path) ||
                       perm_allows(who, ACT_RISK_WRITE, who->grants[i].unit_path);
        return DB_OK;
    }
    /* "roles": the roles the tenant admin chose */
    const char *p[] = {int_text(r->a, who->tenant_id)};
    db_res *res = NULL;
    if (db_query(r->db, r->a, "SELECT role FROM tenant_totp_role WHERE tenant_id = $1", 1, p,
                 &res) != DB_OK)
        return DB_ERROR;
    for (int i = 0; i < res->nrows && !*applies; i++) {
        int role = role_from_code(db_cell(res, i, 0));
        *applies = role >= 0 && perm_has_role(who, (enum role)role);
    }
    return DB_OK;
}

/* The account's seed (enabled or waiting, as asked) opened with the TOTP subkey. */
static int load_secret(req *r, int64_t account_id, bool enabled,
                       unsigned char raw[TOTP_SECRET_BYTES], int64_t *last_step, bool *found)
{
    *found = false;
    const char *p[] = {int_text(r->a, account_id)};
    db_res *res = NULL;
    if (db_query(r->db, r->a,
                 enabled ? "SELECT sealed_secret, last_step FROM account_totp WHERE account_id = "
                           "$1 AND enabled_at IS NOT NULL"
                         : "SELECT sealed_secret, last_step FROM account_totp WHERE account_id = "
                           "$1 AND enabled_at IS NULL",
                 1, p, &res) != DB_OK)
        return DB_ERROR;
    if (res->nrows == 0) return DB_OK;
    unsigned char key[TOTP_KEY_BYTES];
    bool opened = totp_key(r->db, key) && totp_open(key, db_cell(res, 0, 0), raw);
    sodium_memzero(key, sizeof key);
    if (!opened) {
        /* sealed under another key: the key file was replaced without re-sealing */
        fprintf(stderr, "lis: the two-step seed of account %lld does not open with this key\n",
                (long long)account_id);
        return DB_ERROR;
    }
    if (last_step) *last_step = db_cell_int(res, 0, 1);
    *found = true;
    return DB_OK;
}

/* Records step as used, only when it is newer than the last: false when another request
 * used it (or a later one) first. */
static int claim_step(req *r, int64_t account_id, int64_t step, bool enabled, bool *claimed)
{
    char now[21];
    time_now_iso(now);
    const char *p[] = {int_text(r->a, account_id), int_text(r->a, step), now};
    int64_t changed = 0;
    int rc = enabled ? db_exec(r->db,
                               "UPDATE account_totp SET last_step = $2 WHERE account_id = $1 AND "
                               "last_step < $2 AND enabled_at IS NOT NULL",
                               2, p, &changed)
                     : db_exec(r->db,
                               "UPDATE account_totp SET last_step = $2, enabled_at = $3 WHERE "
                               "account_id = $1 AND last_step < $2 AND enabled_at IS NULL",
                               3, p, &changed);
    *claimed = rc == DB_OK && changed == 1;
    return rc;
}

static bool six_digits(const char *s)
{
    if (!s || strlen(s) != TOTP_DIGITS) return false;
    for (int i = 0; i < TOTP_DIGITS; i++)
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}

int twostep_check(req *r, int64_t account_id, const char *typed, twostep_proof *how)
{
    *how = PROOF_NONE;
    if (!typed) return DB_OK;
    char *code = str_trim(arena_strdup(r->a, typed));
    if (six_digits(code)) {
        unsigned char raw[TOTP_SECRET_BYTES];
        int64_t last = 0;
        bool found = false, claimed = false;
        if (load_secret(r, account_id, true, raw, &last, &found) != DB_OK) return DB_ERROR;
        int64_t step = found ? totp_verify(raw, sizeof raw, time(NULL), code, last) : -1;
        sodium_memzero(raw, sizeof raw);
        if (step < 0) return DB_OK;
        if (claim_step(r, account_id, step, true, &claimed) != DB_OK) return DB_ERROR;
        if (claimed) *how = PROOF_CODE;
        return DB_OK;
    }
    char normal[TOTP_RECOVERY_LEN];
    if (!totp_recovery_normalise(code, normal)) return DB_OK;
    const char *p[] = {int_text(r->a, account_id)};
    db_res *res = NULL;
    if (db_query(r->db, r->a,
                 "SELECT r.id, r.code_hash FROM account_totp_recovery r JOIN account_totp t ON "
                 "t.account_id = r.account_id WHERE r.account_id = $1 AND r.used_at IS NULL AND "
                 "t.enabled_at IS NOT NULL",
                 1, p, &res) != DB_OK)
        return DB_ERROR;
    for (int i = 0; i < res->nrows; i++) {
        if (!password_verify(db_cell(res, i, 1), normal)) continue;
        char now[21];
        time_now_iso(now);
        const char *q[] = {db_cell(res, i, 0), now};
        int64_t changed = 0;
        /* only while unused: two requests with one code, one wins */
        if (db_exec(r->db,
                    "UPDATE account_totp_recovery SET used_at = $2 WHERE id = $1 AND used_at IS "
                    "NULL",
                    2, q, &changed) != DB_OK)
            return DB_ERROR;
        if (changed == 1) *how = PROOF_RECOVERY;
        break;
    }
    return DB_OK;
}

int twostep_enrol_start(req *r, int64_t account_id, bool *started)
{
    *started = false;
    int on = twostep_enabled(r, account_id);
    if (on < 0) return DB_ERROR;
    if (on) return DB_OK;
    unsigned char raw[TOTP_SECRET_BYTES], key[TOTP_KEY_BYTES];
    char b32[TOTP_SECRET_B32], sealed[2 * (TOTP_SECRET_BYTES + 64) + 1], now[21];
    totp_new_secret(raw, b32);
    bool ok = totp_key(r->db, key) && totp_seal(key, raw, sizeof raw, sealed, sizeof sealed);
    sodium_memzero(raw, sizeof raw);
    sodium_memzero(key, sizeof key);
    sodium_memzero(b32, sizeof b32);
    if (!ok) return DB_ERROR;
    time_now_iso(now);
    const char *p[] = {int_text(r->a, account_id), sealed, now};
    if (db_exec(r->db, "DELETE FROM account_totp WHERE account_id = $1 AND enabled_at IS NULL", 1,
                p, NULL) != DB_OK ||
        db_exec(r->db,
                "INSERT INTO account_totp (account_id, sealed_secret, last_step, enabled_at, "
                "created_at) VALUES ($1, $2, 0, NULL, $3)",
                3, p, NULL) != DB_OK)
        return DB_ERROR;
    *started = true;
    return DB_OK;
}

int twostep_enrol_secret(req *r, int64_t account_id, unsigned char raw[TOTP_SECRET_BYTES],
                         char b32[TOTP_SECRET_B32], bool *found)
{
    if (load_secret(r, account_id, false, raw, NULL, found) != DB_OK) return DB_ERROR;
    b32[0] = 0;
    if (*found && !totp_base32(raw, b32)) return DB_ERROR;
    return DB_OK;
}

int twostep_enrol_confirm(req *r, int64_t account_id, const char *code, bool *ok)
{
    *ok = false;
    unsigned char raw[TOTP_SECRET_BYTES];
    int64_t last = 0;
    bool found = false;
    if (load_secret(r, account_id, false, raw, &last, &found) != DB_OK) return DB_ERROR;
    char *typed = code ? str_trim(arena_strdup(r->a, code)) : NULL;
    int64_t step =
        found && six_digits(typed) ? totp_verify(raw, sizeof raw, time(NULL), typed, last) : -1;
    sodium_memzero(raw, sizeof raw);
    if (step < 0) return DB_OK;
    return claim_step(r, account_id, step, false, ok);
}

int twostep_new_recovery(req *r, int64_t account_id,
                         char codes[TOTP_RECOVERY_COUNT][TOTP_RECOVERY_LEN])
{
    const char *p[] = {int_text(r->a, account_id)};
    if (db_exec(r->db, "DELETE FROM account_totp_recovery WHERE account_id = $1", 1, p, NULL) !=
        DB_OK)
        return DB_ERROR;
    totp_recovery_codes(codes);
    for (int i = 0; i < TOTP_RECOVERY_COUNT; i++) {
        char hash[128];
        if (password_hash(codes[i], hash) != 0) return DB_ERROR;
        const char *q[] = {p[0], hash};
        if (db_exec(r->db,
                    "INSERT INTO account_totp_recovery (account_id, code_hash) VALUES ($1, $2)", 2,
                    q, NULL) != DB_OK)
            return DB_ERROR;
    }
    return DB_OK;
}

int twostep_recovery_left(req *r, int64_t account_id)
{
    const char *p[] = {int_text(r->a, account_id)};
    const char *n = db_scalar(r->db, r->a,
                              "SELECT COUNT(*) FROM account_totp_recovery WHERE account_id = $1 "
                              "AND used_at IS NULL",
                              1, p);
    int64_t v = 0;
    return n && parse_int64(n, &v) ? (int)v : -1;
}

int twostep_remove(req *r, int64_t account_id)
{
    const char *p[] = {int_text(r->a, account_id)};
    if (db_exec(r->db, "DELETE FROM account_totp_recovery WHERE account_id = $1", 1, p, NULL) !=
            DB_OK ||
        db_exec(r->db, "DELETE FROM account_totp WHERE account_id = $1", 1, p, NULL) != DB_OK)
        return DB_ERROR;
    return DB_OK;
}

const char *twostep_pending_create(req *r, int64_t account_id, int64_t tenant_id, const char *next)
{
    char now[21], cutoff[21], hash[65];
    time_t t = time(NULL);
    time_iso_from(t, now);
    time_iso_from(t - TWOSTEP_PENDING_SECONDS, cutoff);
    const char *token = random_token(r->a, 32);
    sha256_hex(token, strlen(token), hash);
    const char *old[] = {cutoff};
    const char *p[] = {
        hash, int_text(r->a, account_id), int_text(r->a, tenant_id), random_token(r->a, 24), next,
        now};
    if (db_exec(r->db, "DELETE FROM login_pending WHERE created_at < $1", 1, old, NULL) != DB_OK ||
        db_exec(r->db,
                "INSERT INTO login_pending (id_hash, account_id, tenant_id, csrf, next_path, "
                "created_at) VALUES ($1, $2, $3, $4, $5, $6)",
                6, p, NULL) != DB_OK)
        return NULL;
    return token;
}

int twostep_pending_load(req *r, const char *cookie, pending_login *p, bool *found)
{
    *found = false;
    if (!cookie || strlen(cookie) > 100) return DB_OK;
    char hash[65];
    sha256_hex(cookie, strlen(cookie), hash);
    const char *q[] = {hash};
    db_res *res = NULL;
    if (db_query(r->db, r->a,
                 "SELECT l.account_id, l.tenant_id, l.csrf, l.next_path, l.created_at, a.email "
                 "FROM login_pending l JOIN account a ON a.id = l.account_id WHERE l.id_hash = $1",
                 1, q, &res) != DB_OK)
        return DB_ERROR;
    if (res->nrows == 0) return DB_OK;
    time_t created;
    if (!time_parse_iso(db_cell(res, 0, 4), &created) ||
        time(NULL) - created > TWOSTEP_PENDING_SECONDS)
        return twostep_pending_end(r, hash);
    p->id_hash = arena_strdup(r->a, hash);
    p->account_id = db_cell_int(res, 0, 0);
    p->tenant_id = db_cell_int(res, 0, 1);
    p->csrf = db_cell(res, 0, 2);
    p->next = db_cell(res, 0, 3);
    p->email = db_cell(res, 0, 5);
    *found = true;
    return DB_OK;
}

int twostep_pending_end(req *r, const char *id_hash)
{
    const char *p[] = {id_hash};
    return db_exec(r->db, "DELETE FROM login_pending WHERE id_hash = $1", 1, p, NULL);
}
