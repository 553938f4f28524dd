/* discovery.c - the SCIM discovery documents (RFC 7644 §4, RFC 7643 §5–7): what a directory
 * (Okta, a script, a validator) may ask before provisioning. They describe lis as it is: only
 * the User resource, PATCH without bulk, sorting or ETags, the one filter userName eq, a
 * bearer token; the attributes lis keeps and how they may change (userName is the e-mail
 * address and cannot change; emails follow it). The same for every tenant, behind the
 * tenant's token like the rest of /scim/v2. */
#include "scim.h"

/* An attribute of the User schema (RFC 7643 §7): a name, its type, whether it can change and
 * is returned. */
#define ATTR(name, type, mutability, returned, required, uniqueness, description)                  \
    "{\"name\":\"" name "\",\"type\":\"" type                                                      \
    "\",\"multiValued\":false,\"description\":\"" description "\",\"required\":" required          \
    ",\"caseExact\":false,\"mutability\":\"" mutability "\",\"returned\":\"" returned              \
    "\",\"uniqueness\":\"" uniqueness "\"}"

#define A_USERNAME                                                                                 \
    ATTR("userName", "string", "immutable", "default", "true", "server",                           \
         "The person's e-mail address, the key lis matches logins by")
#define A_DISPLAYNAME                                                                              \
    ATTR("displayName", "string", "readWrite", "default", "false", "none", "The person's name")
#define A_FORMATTED                                                                                \
    ATTR("formatted", "string", "readWrite", "default", "false", "none", "The whole name")
#define A_GIVEN ATTR("givenName", "string", "writeOnly", "never", "false", "none", "The given name")
#define A_FAMILY                                                                                   \
    ATTR("familyName", "string", "writeOnly", "never", "false", "none", "The family name")
#define A_NAME                                                                                     \
    "{\"name\":\"name\",\"type\":\"complex\",\"multiValued\":false,\"description\":\"The name; "   \
    "formatted, or givenName and familyName together, when displayName is not given\","            \
    "\"required\":false,\"mutability\":\"readWrite\",\"returned\":\"default\",\"subAttributes\":"  \
    "[" A_FORMATTED "," A_GIVEN "," A_FAMILY "]}"
#define A_EMAILS                                                                                   \
    "{\"name\":\"emails\",\"type\":\"complex\",\"multiValued\":true,\"description\":\"The work "   \
    "address: the userName\",\"required\":false,\"mutability\":\"readOnly\",\"returned\":"         \
    "\"default\",\"subAttributes\":[" ATTR("value", "string", "readOnly", "default", "false",      \
                                           "none", "The address") "]}"
#define A_ACTIVE                                                                                   \
    ATTR("active", "boolean", "readWrite", "default", "false", "none",                             \
         "False ends the person's sessions and API tokens at once")

static const char USER_SCHEMA_DOC[] =
    "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Schema\"],\"id\":\"" SCIM_USER_SCHEMA
    "\",\"name\":\"User\",\"description\":\"A person of the tenant\",\"attributes\":[" A_USERNAME
    "," A_DISPLAYNAME "," A_NAME "," A_EMAILS "," A_ACTIVE "],\"meta\":{\"resourceType\":"
    "\"Schema\",\"location\":\"/scim/v2/Schemas/" SCIM_USER_SCHEMA "\"}}";

static const char USER_TYPE_DOC[] =
    "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:ResourceType\"],\"id\":\"User\","
    "\"name\":\"User\",\"endpoint\":\"/Users\",\"description\":\"A person of the tenant\","
    "\"schema\":\"" SCIM_USER_SCHEMA "\",\"schemaExtensions\":[],"
    "\"meta\":{\"resourceType\":\"ResourceType\",\"location\":\"/scim/v2/ResourceTypes/User\"}}";

static const char CONFIG_DOC[] =
    "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig\"],"
    "\"documentationUri\":\"/api\","
    "\"patch\":{\"supported\":true},"
    "\"bulk\":{\"supported\":false,\"maxOperations\":0,\"maxPayloadSize\":0},"
    "\"filter\":{\"supported\":true,\"maxResults\":200},"
    "\"changePassword\":{\"supported\":false},"
    "\"sort\":{\"supported\":false},"
    "\"etag\":{\"supported\":false},"
    "\"authenticationSchemes\":[{\"type\":\"oauthbearertoken\",\"name\":\"Bearer token\","
    "\"description\":\"The tenant's SCIM token, made by its administrator on "
    "/settings/scim\",\"primary\":true}],"
    "\"meta\":{\"resourceType\":\"ServiceProviderConfig\","
    "\"location\":\"/scim/v2/ServiceProviderConfig\"}}";

static void answer(resp *out, const char *head, const char *doc, const char *tail)
{
    out->status = 200;
    out->content_type = "application/scim+json";
    buf_reset(&out->body);
    buf_puts(&out->body, head);
    buf_puts(&out->body, doc);
    buf_puts(&out->body, tail);
}

/* A list of the one document (RFC 7644 §4: the list endpoints answer a ListResponse). */
#define LIST_HEAD                                                                                  \
    "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:ListResponse\"],\"totalResults\":1,"    \
    "\"startIndex\":1,\"itemsPerPage\":1,\"Resources\":["

void h_scim_config(req *r, resp *out)
{
    if (scim_auth(r, out)) answer(out, "", CONFIG_DOC, "");
}

void h_scim_resource_types(req *r, resp *out)
{
    if (scim_auth(r, out)) answer(out, LIST_HEAD, USER_TYPE_DOC, "]}");
}

void h_scim_schemas(req *r, resp *out)
{
    if (scim_auth(r, out)) answer(out, LIST_HEAD, USER_SCHEMA_DOC, "]}");
}
