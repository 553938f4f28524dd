/* local_login.h - local passwords switched off per tenant (issue 22 point 3).
 *
 * A tenant that logs its people in through its own provider (src/sso/) may switch local
 * passwords off (tenant.password_login = 0). Then a password opens nothing in that tenant,
 * except for the people marked emergency admin (person.emergency_admin) who have two-step
 * verification on: the way in when the provider is down. While passwords are off at least
 * one such person must remain, so switching off, removing a mark, resetting or switching
 * off an emergency admin's two-step verification are refused when they would leave none.
 *
 * The check is made where a password opens something: the login (src/auth/handlers.c),
 * every request of a session begun with a password (auth_load: a session from before the
 * switch ends), and a switch of tenant. Setting a password (the account page, `lis user`)
 * is not a way in by itself: the next login is refused all the same. API tokens are not
 * passwords: they are made by someone who was let in, revoked one by one or with the
 * person, and keep working when passwords are switched off. */
#ifndef LIS_AUTH_LOCAL_LOGIN_H
#define LIS_AUTH_LOCAL_LOGIN_H
#include "auth.h"

typedef enum local_login {
    LOCAL_LOGIN_ALLOWED,       /* passwords on, or an emergency admin with two-step on */
    LOCAL_LOGIN_OFF,           /* passwords off and not an emergency admin */
    LOCAL_LOGIN_NEEDS_TWOSTEP, /* an emergency admin whose two-step verification is off */
} local_login;

/* Whether a password may open a session in a tenant (pure). */
local_login local_login_decide(bool passwords_on, bool emergency_admin, bool twostep_on);

/* Whether a tenant's state is allowed (pure): passwords on, or at least one emergency
 * admin with two-step verification left. */
bool local_login_consistent(bool passwords_on, int ready_admins);

/* The active emergency admins of tenant with two-step verification on, not counting the
 * account except (0: count everyone). DB_OK or DB_ERROR. */
int local_login_ready_admins(req *r, int64_t tenant, int64_t except, int *count) DB_MUST_CHECK;

/* Whether the account is the last ready emergency admin of a tenant whose passwords are
 * off (tenant 0: of any tenant; the account's two-step verification counts in all of
 * them): then it must keep its mark and its two-step verification. DB_OK or DB_ERROR. */
int local_login_last_admin(req *r, int64_t account, int64_t tenant, bool *last) DB_MUST_CHECK;

/* Where a password may take the account: the first of its tenants (by id; only tenant when
 * not 0) whose verdict is LOCAL_LOGIN_ALLOWED, in *tenant_out with that verdict; when none
 * is, the first tenant's refusal and *button its button's name (the provider's name on the
 * login page, else the tenant's). *tenant_out 0: no active person of the account there.
 * DB_OK or DB_ERROR. */
int local_login_choose(req *r, int64_t account, int64_t tenant, int64_t *tenant_out,
                       local_login *verdict, const char **button) DB_MUST_CHECK;

/* What the login page says to a person whose tenant has switched passwords off: "Log in
 * with <the provider's button name>" in the caller's language. */
const char *local_login_refusal(req *r, const char *button_name, local_login why);
#endif
