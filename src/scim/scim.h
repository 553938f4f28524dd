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
 * replaces it, a revoked one opens nothing).
 *
 * What a directory sends that lis does not keep (externalId, givenName and familyName
 * alone, phone numbers, the enterprise extension's department …) is accepted and left
 * aside, so Entra ID's default attribute mapping provisions without errors; the discovery
 * documents (RFC 7644 §4) say which attributes lis keeps. */
#ifndef LIS_SCIM_H
#define LIS_SCIM_H
#include "../http/http.h"

#define SCIM_USER_SCHEMA "urn:ietf:params:scim:schemas:core:2.0:User"

/* protocol.c: shared by the endpoints. */
/* Answers a SCIM error: status, scimType when the RFC names one (or NULL), the detail. */
void scim_error(resp *out, int status, const char *scim_type, const char *detail);
/* The tenant of the bearer token as r->auth (the caller "scim", tenant admin of the
 * tenant's root units, audited under that name); false after answering 401. */
bool scim_auth(req *r, resp *out);

/* users.c: the protocol (ROUTE_PUBLIC: the token is checked here, not by the router). */
void h_scim_users(req *r, resp *out);   /* GET /scim/v2/Users?filter=userName eq "…" */
void h_scim_user(req *r, resp *out);    /* GET /scim/v2/Users/:id */
void h_scim_create(req *r, resp *out);  /* POST /scim/v2/Users */
void h_scim_replace(req *r, resp *out); /* PUT /scim/v2/Users/:id */
void h_scim_patch(req *r, resp *out);   /* PATCH /scim/v2/Users/:id */
/* DELETE /scim/v2/Users/:id: the person is deactivated, not deleted (the audit trail and the
 * records they own keep their name); 204. */
void h_scim_delete(req *r, resp *out);

/* discovery.c: what this service provider supports (RFC 7644 §4; SCIM token). */
void h_scim_config(req *r, resp *out);         /* GET /scim/v2/ServiceProviderConfig */
void h_scim_resource_types(req *r, resp *out); /* GET /scim/v2/ResourceTypes */
void h_scim_schemas(req *r, resp *out);        /* GET /scim/v2/Schemas */

/* token.c: the tenant admin's page. */
void h_scim_settings(req *r, resp *out);     /* GET /settings/scim */
void h_scim_token_new(req *r, resp *out);    /* POST /settings/scim/token: a new token */
void h_scim_token_revoke(req *r, resp *out); /* POST /settings/scim/revoke */
#endif
