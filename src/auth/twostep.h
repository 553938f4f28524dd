/* twostep.h - two-step verification of local accounts as lis uses it (totp.h does the
 * codes): who must have it, enrolment, the check of a typed code or recovery code, and the
 * login between its two steps. API tokens are not touched: a token is a second factor of
 * its own, made by someone who passed both steps. */
#ifndef LIS_AUTH_TWOSTEP_H
#define LIS_AUTH_TWOSTEP_H
#include "auth.h"
#include "totp.h"

enum { TWOSTEP_PENDING_SECONDS = 5 * 60 }; /* how long the second step waits for its code */

typedef enum twostep_proof { PROOF_NONE, PROOF_CODE, PROOF_RECOVERY } twostep_proof;

/* The tenant setting's values (tenant.totp_required), in the order the settings page shows
 * them; NULL-terminated. */
extern const char *const twostep_policies[];
bool twostep_policy_valid(const char *policy);

/* Whether two-step verification is switched on for the account: 1, 0, or -1 on a database
 * error. */
int twostep_enabled(req *r, int64_t account_id);

/* Whether the tenant's setting (policy, tenant.totp_required) asks `who` to use two-step
 * verification: everyone; those who may read or write risks anywhere; or those who hold
 * one of the roles chosen in tenant_totp_role. DB_OK or DB_ERROR. */
int twostep_policy_applies(req *r, const auth *who, const char *policy,
                           bool *applies) DB_MUST_CHECK;

/* Checks what was typed for an account that has two-step verification on, and uses it up:
 * six digits are checked against the authenticator (±30 seconds) and the step is recorded
 * in the same statement that checks it is newer, so a code never passes twice, not even
 * two requests at once; anything else is read as a recovery code, marked used as it is
 * accepted. *how says which passed (PROOF_NONE: nothing did). DB_OK or DB_ERROR. */
int twostep_check(req *r, int64_t account_id, const char *typed, twostep_proof *how) DB_MUST_CHECK;

/* Enrolment. start writes a new seed that waits for its first code (replacing one that
 * waited), refused (false) when two-step verification is already on. secret reads the
 * waiting seed (found false when none). confirm switches it on when code is right for the
 * waiting seed (*ok), recording the step so the same code cannot then log in. All three
 * return DB_OK or DB_ERROR; start and confirm write in the caller's transaction. */
int twostep_enrol_start(req *r, int64_t account_id, bool *started) DB_MUST_CHECK;
int twostep_enrol_secret(req *r, int64_t account_id, unsigned char raw[TOTP_SECRET_BYTES],
                         char b32[TOTP_SECRET_B32], bool *found) DB_MUST_CHECK;
int twostep_enrol_confirm(req *r, int64_t account_id, const char *code, bool *ok) DB_MUST_CHECK;

/* Replaces the account's recovery codes with ten new ones (returned in clear this once,
 * stored argon2id-hashed), in the caller's transaction. */
int twostep_new_recovery(req *r, int64_t account_id,
                         char codes[TOTP_RECOVERY_COUNT][TOTP_RECOVERY_LEN]) DB_MUST_CHECK;
/* How many recovery codes are left unused; -1 on a database error. */
int twostep_recovery_left(req *r, int64_t account_id);
/* Switches two-step verification off for the account (seed and recovery codes go), in the
 * caller's transaction. */
int twostep_remove(req *r, int64_t account_id) DB_MUST_CHECK;

/* The login between its steps, kept in the database by the hash of a cookie's value. */
typedef struct pending_login {
    const char *id_hash;
    int64_t account_id;
    int64_t tenant_id;
    const char *csrf;
    const char *next;
    const char *email;
} pending_login;

/* Writes a pending login (and removes expired ones); returns the cookie value or NULL. */
const char *twostep_pending_create(req *r, int64_t account_id, int64_t tenant_id, const char *next);
/* Reads the pending login of a cookie value; found false when there is none or it is older
 * than TWOSTEP_PENDING_SECONDS (an expired one is removed). DB_OK or DB_ERROR. */
int twostep_pending_load(req *r, const char *cookie, pending_login *p, bool *found) DB_MUST_CHECK;
int twostep_pending_end(req *r, const char *id_hash) DB_MUST_CHECK;
#endif
