/* sso.h - single sign-on with the tenant's own OpenID Connect provider (issue 22 points 1,
 * 2 and 5): the tenant administrator's settings and their test (settings.c), the login
 * through the provider and the logout that offers the provider's (login.c). The protocol's
 * checks are src/auth/oidc.h; the provider's row is table oidc_provider (0035_oidc.sql). */
#ifndef LIS_SSO_H
#define LIS_SSO_H
#include "../auth/oidc.h"
#include "../entity/entity.h"
#include "../http/http.h"
#include <stdbool.h>
#include <stdint.h>

/* What unknown addresses get: refused, or a person without roles. */
extern const char *const sso_unknown_choices[]; /* "refuse", "create", NULL */

typedef struct sso_provider {
    const char *display_name;
    const char *issuer;
    const char *client_id;
    const char *secret_sealed; /* NULL: none kept */
    const char *email_claim;
    const char *allowed_domains;
    const char *unknown_users;
    const char *discovery_json; /* NULL until first fetched */
    const char *discovery_at;   /* when it was fetched */
    const char *jwks_json;      /* NULL until first fetched */
    bool enabled;
} sso_provider;

/* provider.c. The provider of tenant (its id as text); *found false when it has none.
 * DB_OK or DB_ERROR. */
int sso_provider_load(req *r, const char *tenant, sso_provider *p, bool *found);
/* Fetches the provider's discovery document and checks it (oidc_discovery_parse); on
 * success keeps it on the provider's row (best effort) and fills d. false with err. */
bool sso_discover(req *r, const char *tenant, sso_provider *p, oidc_discovery *d, char *err,
                  size_t errlen);
/* The kept discovery document when it is under SSO_DISCOVERY_SECONDS old, else
 * sso_discover: a login's start does not send every visitor's click on to the provider. */
enum { SSO_DISCOVERY_SECONDS = 60 * 60 };
bool sso_discovery(req *r, const char *tenant, sso_provider *p, oidc_discovery *d, char *err,
                   size_t errlen);
/* Fetches the provider's JWKS (a JSON object with a "keys" array), keeps it on the row and
 * in p->jwks_json; *nkeys, when not NULL, is how many keys may sign (RSA or EC). */
bool sso_fetch_jwks(req *r, const char *tenant, sso_provider *p, const char *jwks_uri, int *nkeys,
                    char *err, size_t errlen);
/* The address lis is reached at, with "/login/sso/callback": the redirect URI. */
const char *sso_redirect_uri(req *r);

/* settings.c */
void h_sso_settings(req *r, resp *out);      /* GET /settings/sso */
void h_sso_settings_save(req *r, resp *out); /* POST /settings/sso */
void h_sso_test(req *r, resp *out);          /* POST /settings/sso/test */

/* passwords.c: local passwords on or off for the tenant, and its emergency admins. */
void h_password_settings(req *r, resp *out);      /* GET /settings/passwords */
void h_password_settings_save(req *r, resp *out); /* POST /settings/passwords */
void h_password_emergency(req *r, resp *out);     /* POST /settings/passwords/emergency */

/* entities.c: group claims mapped to roles for a unit (the tenant administrator's). */
extern const entity entity_sso_group_roles;

/* login.c */
void h_sso_start(req *r, resp *out);    /* GET /login/sso/:id */
void h_sso_callback(req *r, resp *out); /* GET /login/sso/callback */
void h_sso_logout(req *r, resp *out);   /* POST /logout */
#endif
