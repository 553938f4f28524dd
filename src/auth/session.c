/* session.c - sessions in the database (so lis processes stay stateless), stored by
 * the hash of their id; API tokens; login throttling. */
#include "auth.h"
#include "local_login.h"
#include "twostep.h"
#include "../core/util.h"
#include <stdio.h>
#include <string.h>
#include <strings.h>

const char *tenant_param(req *r)
{
    if (!r->tenant_text || r->tenant_text_of != r->auth->tenant_id) {
        r->tenant_text = int_text(r->a, r->auth->tenant_id);
        r->tenant_text_of = r->auth->tenant_id;
    }
    return r->tenant_text;
}

const char *session_create(req *r, int64_t account_id, int64_t tenant_id)
{
    return session_create_via(r, account_id, tenant_id, NULL);
}

const char *session_create_via(req *r, int64_t account_id, int64_t tenant_id, const char *method)
{
    char now[21], hash[65];
    time_now_iso(now);
    const char *token = random_token(r->a, 32);
    const char *csrf = random_token(r->a, 24);
    sha256_hex(token, strlen(token), hash);
    const char *p[] = {
        hash, int_text(r->a, account_id), int_text(r->a, tenant_id), csrf, now, r->ip, method};
    if (db_exec(r->db,
                "INSERT INTO session (id_hash, account_id, tenant_id, csrf, created_at, "
                "last_seen, ip, login_method) VALUES ($1, $2, $3, $4, $5, $5, $6, $7)",
                7, p, NULL) != DB_OK)
        return NULL;
    return token;
}

bool session_destroy(req *r)
{
    if (!r->auth || !r->auth->session_hash) return true;
    const char *p[] = {r->auth->session_hash};
    return db_exec(r->db, "DELETE FROM session WHERE id_hash = $1", 1, p, NULL) == DB_OK;
}

/* The member's person, tenant and grants, read in the same statement as the session or
 * the token that names them (one round trip, not three): person p (the active one of the
 * account in the tenant, LEFT JOINed), tenant tn, then one row per grant. */
#define MEMBER_COLUMNS "p.id, p.name, tn.name, ra.role, u.id, u.path"
#define MEMBER_GRANTS                                                                              \
    " LEFT JOIN role_assignment ra ON ra.person_id = p.id LEFT JOIN unit u ON u.id = "             \
    "ra.unit_id AND u.retired_at IS NULL"

/* Fills who from MEMBER_COLUMNS starting at column col; false if not a member. */
static bool member_from(req *r, auth *who, const db_res *res, int col)
{
    if (!res || res->nrows == 0 || !db_cell(res, 0, col)) return false;
    who->person_id = db_cell_int(res, 0, col);
    who->person_name = db_cell(res, 0, col + 1);
    who->tenant_name = db_cell(res, 0, col + 2);
    who->grants = arena_alloc(r->a, sizeof(role_grant) * (size_t)(res->nrows + 1));
    who->ngrants = 0;
    for (int i = 0; i < res->nrows; i++) {
        int role = db_cell(res, i, col + 3) ? role_from_code(db_cell(res, i, col + 3)) : -1;
        if (role < 0 || !db_cell(res, i, col + 4)) continue; /* none, or a retired unit's */
        who->grants[who->ngrants].role = (enum role)role;
        who->grants[who->ngrants].unit_id = db_cell_int(res, i, col + 4);
        who->grants[who->ngrants].unit_path = db_cell(res, i, col + 5);
        who->ngrants++;
    }
    return true;
}

bool auth_load_member(req *r, auth *who)
{
    const char *p[] = {int_text(r->a, who->account_id), int_text(r->a, who->tenant_id)};
    db_res *res = NULL;
    return db_query_planned_once(r->db, r->a,
                                 "SELECT " MEMBER_COLUMNS
                                 " FROM person p JOIN tenant tn ON tn.id = "
                                 "p.tenant_id" MEMBER_GRANTS
                                 " WHERE p.account_id = $1 AND p.tenant_id = $2 AND p.active = 1",
                                 2, p, &res) == DB_OK &&
           member_from(r, who, res, 0);
}

/* The account's language when its holder chose one (NULL: not chosen) wins over the
 * request's Accept-Language and cookie, which stay the fallback (src/http/router.c). */
static void set_account_lang(req *r, const char *chosen)
{
    if (chosen) r->lang = strcmp(chosen, "en") == 0 ? LANG_EN : LANG_SV;
}

static bool load_token(req *r, const char *token)
{
    char hash[65];
    sha256_hex(token, strlen(token), hash);
    const char *p[] = {hash};
    db_res *res = NULL;
    if (db_query_planned_once(
            r->db, r->a,
            "SELECT t.id, t.tenant_id, tp.account_id, a.email, t.last_used_at, CASE WHEN "
            "a.lang_chosen = 1 THEN a.lang END, " MEMBER_COLUMNS
            " FROM api_token t JOIN person tp ON tp.id = t.person_id JOIN account a ON a.id "
            "= tp.account_id JOIN tenant tn ON tn.id = t.tenant_id LEFT JOIN person p ON "
            "p.account_id = tp.account_id AND p.tenant_id = t.tenant_id AND p.active "
            "= 1" MEMBER_GRANTS " WHERE t.token_hash = $1 AND t.revoked_at IS NULL",
            1, p, &res) != DB_OK ||
        res->nrows == 0)
        return false;
    auth *who = arena_alloc(r->a, sizeof *who);
    who->tenant_id = db_cell_int(res, 0, 1);
    who->account_id = db_cell_int(res, 0, 2);
    who->email = db_cell(res, 0, 3);
    who->via_token = true;
    if (!member_from(r, who, res, 6)) return false;
    /* last use is recorded at most once a minute: a write per API call would serialise
     * every read on SQLite */
    char now[21];
    time_now_iso(now);
    const char *last = db_cell(res, 0, 4);
    if (!last || strncmp(last, now, 16) != 0) {
        const char *q[] = {db_cell(res, 0, 0), now};
        /* bookkeeping only: the call is allowed either way, the failure is logged */
        if (db_exec(r->db, "UPDATE api_token SET last_used_at = $2 WHERE id = $1", 2, q, NULL) !=
            DB_OK)
            fprintf(stderr, "lis: cannot record a token's last use: %s\n", db_error(r->db));
    }
    set_account_lang(r, db_cell(res, 0, 5));
    r->auth = who;
    return true;
}

bool auth_load(req *r)
{
    if (r->authorization && strncasecmp(r->authorization, "Bearer ", 7) == 0)
        return load_token(r, r->authorization + 7);
    const char *cookie = kv_get(&r->cookies, "lis_session");
    if (!cookie || strlen(cookie) > 100) return false;
    char hash[65];
    sha256_hex(cookie, strlen(cookie), hash);
    const char *p[] = {hash};
    db_res *res = NULL;
    if (db_query_planned_once(
            r->db, r->a,
            "SELECT s.account_id, s.tenant_id, s.csrf, s.created_at, s.last_seen, a.email, "
            "CASE WHEN a.lang_chosen = 1 THEN a.lang END, tn.totp_required, (SELECT x.enabled_at "
            "FROM account_totp x WHERE "
            "x.account_id = s.account_id AND x.enabled_at IS NOT NULL), s.login_method, "
            "tn.password_login, (SELECT pe.emergency_admin FROM person pe WHERE pe.account_id = "
            "s.account_id AND pe.tenant_id = s.tenant_id), " MEMBER_COLUMNS
            " FROM session s JOIN account a ON a.id = s.account_id JOIN tenant tn ON tn.id = "
            "s.tenant_id LEFT JOIN person p ON p.account_id = s.account_id AND p.tenant_id = "
            "s.tenant_id AND p.active = 1" MEMBER_GRANTS " WHERE s.id_hash = $1",
            1, p, &res) != DB_OK ||
        res->nrows == 0)
        return false;
    time_t now = time(NULL), created, seen;
    /* a session begun with a password ends when its tenant no longer lets the password in
     * (local passwords switched off, local_login.h) */
    bool password_refused =
        !db_cell(res, 0, 9) &&
        local_login_decide(db_cell_int(res, 0, 10) != 0, db_cell_int(res, 0, 11) != 0,
                           db_cell(res, 0, 8) != NULL) != LOCAL_LOGIN_ALLOWED;
    if (password_refused || !time_parse_iso(db_cell(res, 0, 3), &created) ||
        !time_parse_iso(db_cell(res, 0, 4), &seen) || now - created > SESSION_ABSOLUTE_SECONDS ||
        now - seen > SESSION_IDLE_SECONDS) {
        /* refused either way; a row left behind is refused again */
        if (db_exec(r->db, "DELETE FROM session WHERE id_hash = $1", 1, p, NULL) != DB_OK)
            fprintf(stderr, "lis: cannot remove an expired session: %s\n", db_error(r->db));
        return false;
    }
    auth *who = arena_alloc(r->a, sizeof *who);
    who->account_id = db_cell_int(res, 0, 0);
    who->tenant_id = db_cell_int(res, 0, 1);
    who->csrf = db_cell(res, 0, 2);
    who->email = db_cell(res, 0, 5);
    who->session_hash = arena_strdup(r->a, hash);
    if (!member_from(r, who, res, 12)) return false;
    /* API tokens never come here: a token is a second factor of its own; nor does a login
     * through the tenant's provider, whose own login is where its second step belongs */
    who->login_method = db_cell(res, 0, 9);
    if (!db_cell(res, 0, 8) && !who->login_method &&
        twostep_policy_applies(r, who, db_cell(res, 0, 7), &who->twostep_missing) != DB_OK)
        return false;
    if (now - seen > 60) {
        char iso[21];
        time_iso_from(now, iso);
        const char *q[] = {hash, iso};
        /* a missed refresh only shortens the idle window; logged, the request goes on */
        if (db_exec(r->db, "UPDATE session SET last_seen = $2 WHERE id_hash = $1", 2, q, NULL) !=
            DB_OK)
            fprintf(stderr, "lis: cannot refresh a session: %s\n", db_error(r->db));
    }
    set_account_lang(r, db_cell(res, 0, 6));
    r->auth = who;
    return true;
}

const char *api_token_create(req *r, const char *name, int64_t *id_out)
{
    const char *secret = random_token(r->a, 32);
    const char *token = arena_printf(r->a, "lis_%s", secret);
    char hash[65], now[21];
    sha256_hex(token, strlen(token), hash);
    time_now_iso(now);
    const char *p[] = {int_text(r->a, r->auth->tenant_id),
                       int_text(r->a, r->auth->person_id),
                       name,
                       hash,
                       arena_strndup(r->a, token, 8),
                       now};
    db_res *res = NULL;
    if (db_query(r->db, r->a,
                 "INSERT INTO api_token (tenant_id, person_id, name, token_hash, prefix, "
                 "created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                 6, p, &res) != DB_OK)
        return NULL;
    if (id_out) *id_out = db_cell_int(res, 0, 0);
    return token;
}

/* Throttling: after 5 failures for one account (30 for one address, which may be a
 * whole town hall behind NAT) within 15 minutes the key is locked, for a time that
 * doubles with every further failure (1, 2, 4 … up to 60 minutes). Logins through the
 * tenant's provider (src/sso/login.c, keys "ip:sso:…") are counted per address with 300
 * free attempts: the provider checks the password, so there is nothing to guess here, and
 * a morning's abandoned logins at a town hall must not lock it out; what is stopped is a
 * flood of starts and forged returns. */
enum {
    THROTTLE_ACCOUNT = 5,
    THROTTLE_ADDRESS = 30,
    THROTTLE_SSO_ADDRESS = 300,
    THROTTLE_WINDOW = 15 * 60
};

/* The free attempts of a key, by its kind. */
static long throttle_free_tries(const char *key)
{
    if (strncmp(key, "ip:sso:", 7) == 0) return THROTTLE_SSO_ADDRESS;
    return strncmp(key, "ip:", 3) == 0 ? THROTTLE_ADDRESS : THROTTLE_ACCOUNT;
}

/* The lock time after the n-th attempt within the window, n >= the free tries: 1, 2, 4 …
 * up to 60 minutes. */
static const char *lock_until(arena *a, time_t now, int beyond_free)
{
    long minutes = 1L << (beyond_free > 6 ? 6 : beyond_free);
    if (minutes > 60) minutes = 60;
    char iso[21];
    time_iso_from(now + minutes * 60, iso);
    return arena_strdup(a, iso);
}

bool throttle_claim(req *r, const char *key)
{
    /* One conditional write, so that parallel attempts cannot all read "not locked" and
     * then all be checked: each attempt takes the next number under the row's lock (a
     * row lock on PostgreSQL, the write lock on SQLite); while the key is locked no row
     * is written and none returned. The attempt that reaches the limit locks the key at
     * once, before its password is checked; a right password then clears the lock. */
    enum { STEPS = 7 };
    time_t now = time(NULL);
    char now_iso[21], window_iso[21];
    time_iso_from(now, now_iso);
    time_iso_from(now - THROTTLE_WINDOW, window_iso);
    long free_tries = throttle_free_tries(key);
    const char *p[4 + STEPS];
    p[0] = key;
    p[1] = now_iso;
    p[2] = window_iso;
    p[3] = arena_printf(r->a, "%ld", free_tries);
    for (int i = 0; i < STEPS; i++)
        p[4 + i] = lock_until(r->a, now, i);
#define ATTEMPT                                                                                    \
    "(CASE WHEN login_throttle.first_at < $3 THEN 1 ELSE login_throttle.failures + 1 END)"
    db_res *res = NULL;
    int rc =
        db_query(r->db, r->a,
                 "INSERT INTO login_throttle (key, failures, first_at, locked_until) "
                 "VALUES ($1, 1, $2, NULL) ON CONFLICT (key) DO UPDATE SET "
                 "failures = " ATTEMPT ", "
                 "first_at = CASE WHEN login_throttle.first_at < $3 THEN $2 ELSE "
                 "login_throttle.first_at END, "
                 "locked_until = CASE WHEN " ATTEMPT " < $4 THEN NULL ELSE CASE " ATTEMPT " - $4 "
                 "WHEN 0 THEN $5 WHEN 1 THEN $6 WHEN 2 THEN $7 WHEN 3 THEN $8 WHEN 4 THEN $9 "
                 "WHEN 5 THEN $10 ELSE $11 END END "
                 "WHERE login_throttle.locked_until IS NULL OR login_throttle.locked_until <= $2 "
                 "RETURNING failures",
                 4 + STEPS, p, &res);
#undef ATTEMPT
    /* a database that cannot count refuses the attempt rather than allow it unlimited */
    return rc == DB_OK && res->nrows == 1;
}

bool throttle_refund(req *r, const char *key)
{
    const char *p[] = {key, arena_printf(r->a, "%ld", throttle_free_tries(key))};
    return db_exec(r->db,
                   "UPDATE login_throttle SET failures = failures - 1, locked_until = CASE WHEN "
                   "failures - 1 < $2 THEN NULL ELSE locked_until END WHERE key = $1 AND "
                   "failures > 0",
                   2, p, NULL) == DB_OK;
}

bool throttle_clear(req *r, const char *key)
{
    const char *p[] = {key};
    return db_exec(r->db, "DELETE FROM login_throttle WHERE key = $1", 1, p, NULL) == DB_OK;
}
