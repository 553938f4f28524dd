/* scim.h - people kept in step by the organisation's directory over SCIM 2.0 (issue 22;
 * RFC 7643 the resource, RFC 7644 the protocol): Microsoft Entra ID, Okta or a script
 * creates, renames and deactivates the tenant's people at /scim/v2/Users. Only the User
 * resource's core: id (the person's id), userName (the e-mail address), displayName and
 * name.formatted (the name), emails, active, meta. Writes go through the people entity, so a
 * deactivated person loses sessions and tokens at once (src/org/rules.c), as in the HR
 * import (src/imports/people.c), and every change is audited under the actor "scim".
 *
 * The caller is the tenant's SCIM bearer token, made by the tenant admin on
 * /settings/scim (shown once, kept as its SHA-256 hash on the tenant row; a new one
 * replaces it, a revoked one opens nothing). */
#ifndef LIS_SCIM_H
#define LIS_SCIM_H
#include "../http/http.h"

/* users.c: the protocol (ROUTE_PUBLIC: the token is checked here, not by the router). */
void h_scim_users(req *r, resp *out);   /* GET /scim/v2/Users?filter=userName eq "…" */
void h_scim_user(req *r, resp *out);    /* GET /scim/v2/Users/:id */
void h_scim_create(req *r, resp *out);  /* POST /scim/v2/Users */
void h_scim_replace(req *r, resp *out); /* PUT /scim/v2/Users/:id */
void h_scim_patch(req *r, resp *out);   /* PATCH /scim/v2/Users/:id */

/* token.c: the tenant admin's page. */
void h_scim_settings(req *r, resp *out);     /* GET /settings/scim */
void h_scim_token_new(req *r, resp *out);    /* POST /settings/scim/token: a new token */
void h_scim_token_revoke(req *r, resp *out); /* POST /settings/scim/revoke */
#endif
