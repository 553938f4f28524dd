/* auth.h - who is asking, and the one permission check every handler uses.
 *
 * Roles are held *for a unit*; a role held for a unit covers its whole subtree. The
 * table role_actions in perm.c is the only place that says which role may do what. */
#ifndef LIS_AUTH_H
#define LIS_AUTH_H
#include "../http/http.h"
#include <stdbool.h>
#include <stdint.h>

typedef enum role {
    ROLE_TENANT_ADMIN,
    ROLE_LEDNING,
    ROLE_CISO,
    ROLE_IT_SECURITY,
    ROLE_INFO_OWNER,
    ROLE_SYSTEM_OWNER,
    ROLE_INFO_MANAGER,
    ROLE_COORDINATOR,
    ROLE_FORUM_MEMBER,
    ROLE_DPO,
    ROLE_AUDITOR,
    ROLE_EMPLOYEE,
    ROLE_NATIONAL_VIEWER, /* a body (SKR, a county): the national view's aggregates only */
    ROLE__COUNT
} role;

typedef enum action {
    ACT_READ,              /* see the organisation, people and roles of the tenant */
    ACT_ORG_WRITE,         /* create, rename, move, retire units */
    ACT_PEOPLE_WRITE,      /* add and edit people */
    ACT_ROLE_WRITE,        /* give and take roles */
    ACT_AUDIT_READ,        /* read and export the audit log */
    ACT_TENANT_ADMIN,      /* tenant settings */
    ACT_INVENTORY_WRITE,   /* systems, information assets, objects, processes of the unit */
    ACT_RISK_WRITE,        /* risk analyses, risks and actions of the unit; carry-over (tenant) */
    ACT_PLAN_DECIDE,       /* decide the year's action plan (handlingsplan) */
    ACT_REQUIREMENT_WRITE, /* the tenant's requirements: own ones, switching shipped ones off */
    ACT_INCIDENT_HANDLE,   /* see every incident of the tenant, triage, notify, close */
    ACT_FORUM_WRITE,       /* the security forum: meetings, agendas, decisions (tenant-wide) */
    ACT_FORUM_PROPOSE,     /* raise a matter on a planned forum meeting, add notes to one */
    ACT_RISK_READ,         /* see every risk and risk analysis of the tenant (need-to-know) */
    ACT_DOCUMENT_WRITE,    /* styrdokument of the unit: write, decide, publish; read drafts */
    ACT_OWNER_APPOINT,     /* appoint the owner of the unit's objects, systems, information
                            * and processes; decide a classification in the owner's stead */
    ACT_CSL_WRITE,         /* Cybersäkerhetslagen's duties of the unit's organisation: status,
                            * registration, reported changes, management training */
    ACT_TRAINING_WRITE,    /* training campaigns of the unit: create, record completions,
                            * import them, enter a phishing drill's numbers */
    ACT_NATIONAL_READ,     /* the national view: aggregates over the tenants that opted in,
                            * never one tenant's records */
    ACT__COUNT
} action;

extern const char *const role_codes[ROLE__COUNT];
int role_from_code(const char *code); /* -1 if unknown */
/* Has role r a code and at least one action in perm.c's table (the start-up check)? */
bool perm_role_defined(int r);

typedef struct role_grant {
    role role;
    int64_t unit_id;
    const char *unit_path; /* "/1/4/" */
} role_grant;

typedef struct auth {
    int64_t account_id;
    const char *email;
    int64_t tenant_id;
    const char *tenant_name;
    int64_t person_id;
    const char *person_name;
    role_grant *grants;
    int ngrants;
    const char *csrf;
    const char *session_hash;
    bool via_token;
    /* a browser session whose tenant asks for two-step verification it has not set up:
     * only enrolment and logout are open to it (the router sends it there) */
    bool twostep_missing;
    bool is_system; /* lis itself (src/entity/system_req.h): no person, the grants it is given */
    const char *login_method; /* how the browser session began: NULL a password, "oidc" */
} auth;

/* The caller's tenant as the text of a bound parameter, made once per request (again
 * only when a job switches r->auth to another tenant). */
const char *tenant_param(req *r);

/* unit_path NULL means "the whole tenant": only a grant held for a root unit covers it. */
bool perm_allows(const auth *who, action act, const char *unit_path);
bool perm_has_role(const auth *who, role r);
/* The role by whose right the caller may do act in the unit (NULL: the whole tenant): the
 * grant held for the deepest unit, the organisation's roles before the tenant admin's
 * (a förvaltningschef decides as ledning, not as the CISO she also is); -1 if none. What
 * a decision records as its basis. */
int perm_basis(const auth *who, action act, const char *unit_path);
/* The unit paths of the caller's grants that give act, each covering its subtree; at most
 * max, returns how many. */
int perm_paths(const auth *who, action act, const char **out, int max);

/* passwords (argon2id) */
int password_hash(const char *password, char out[128]) DB_MUST_CHECK;
bool password_verify(const char *hash, const char *password);
/* A password policy message key, or -1 if acceptable. */
int password_policy(const char *password);

/* sessions */
enum { SESSION_IDLE_SECONDS = 60 * 60, SESSION_ABSOLUTE_SECONDS = 12 * 60 * 60 };
/* Creates a session; returns the cookie value (only ever seen by the browser). */
const char *session_create(req *r, int64_t account_id, int64_t tenant_id);
/* The same, recording how it began (NULL: a password; "oidc": the tenant's provider). */
const char *session_create_via(req *r, int64_t account_id, int64_t tenant_id, const char *method);
/* Loads r->auth from the session cookie or the Bearer token; false if neither is valid. */
bool auth_load(req *r);
/* Loads roles etc. for account in tenant into r->auth; false if not a member. */
bool auth_load_member(req *r, auth *who);
bool session_destroy(req *r) DB_MUST_CHECK; /* false: the session may live on */

/* Login throttling per account and per address. throttle_claim counts one attempt
 * before the password is checked, atomically: false when the key is locked (or the count
 * could not be kept: the caller refuses the attempt). A right password clears the
 * account's count (throttle_clear) and gives the address its attempt back
 * (throttle_refund); false from those: the caller answers with an error. Keys:
 * "acct:<address>", "ip:<address>" (the password and the two-step code) and
 * "ip:sso:<address>" (the login through the tenant's provider); session.c says how many
 * attempts each kind has. */
bool throttle_claim(req *r, const char *key) DB_MUST_CHECK;
bool throttle_refund(req *r, const char *key) DB_MUST_CHECK;
bool throttle_clear(req *r, const char *key) DB_MUST_CHECK;

/* API tokens: returns the new token text (shown once) or NULL. */
const char *api_token_create(req *r, const char *name, int64_t *id_out);

#endif
