/* perm.c - role × unit × action: the single permission check. */
#include "auth.h"
#include <string.h>

const char *const role_codes[ROLE__COUNT] = {
    "tenant_admin",    "ledning",     "ciso",         "it_security", "info_owner", "system_owner",
    "info_manager",    "coordinator", "forum_member", "dpo",         "auditor",    "employee",
    "national_viewer",
};

#define A(x) (1u << (x))
/* Which actions each role grants, over the subtree of the unit it is held for. Reading
 * the organisation is open to every member of the tenant (see perm_allows). */
static const unsigned role_actions[ROLE__COUNT] = {
    [ROLE_TENANT_ADMIN] = A(ACT_READ) | A(ACT_ORG_WRITE) | A(ACT_PEOPLE_WRITE) | A(ACT_ROLE_WRITE) |
                          A(ACT_AUDIT_READ) | A(ACT_TENANT_ADMIN) | A(ACT_INVENTORY_WRITE) |
                          A(ACT_RISK_WRITE) | A(ACT_PLAN_DECIDE) | A(ACT_REQUIREMENT_WRITE) |
                          A(ACT_FORUM_WRITE) | A(ACT_FORUM_PROPOSE) | A(ACT_RISK_READ) |
                          A(ACT_DOCUMENT_WRITE) | A(ACT_OWNER_APPOINT) | A(ACT_CSL_WRITE) |
                          A(ACT_TRAINING_WRITE),
    [ROLE_CISO] = A(ACT_READ) | A(ACT_ROLE_WRITE) | A(ACT_AUDIT_READ) | A(ACT_INVENTORY_WRITE) |
                  A(ACT_RISK_WRITE) | A(ACT_PLAN_DECIDE) | A(ACT_REQUIREMENT_WRITE) |
                  A(ACT_INCIDENT_HANDLE) | A(ACT_FORUM_WRITE) | A(ACT_FORUM_PROPOSE) |
                  A(ACT_RISK_READ) | A(ACT_DOCUMENT_WRITE) | A(ACT_OWNER_APPOINT) |
                  A(ACT_CSL_WRITE) | A(ACT_TRAINING_WRITE),
    [ROLE_AUDITOR] = A(ACT_READ) | A(ACT_AUDIT_READ) | A(ACT_RISK_READ),
    /* Owners are appointed by the CISO and the tenant admin, and by the ledning
     * (förvaltningschef) for their own förvaltning: never by those who write the
     * inventory (a samordnare, an owner), or they could make themselves the owner who
     * decides the classification. */
    [ROLE_LEDNING] = A(ACT_READ) | A(ACT_PLAN_DECIDE) | A(ACT_RISK_READ) | A(ACT_DOCUMENT_WRITE) |
                     A(ACT_OWNER_APPOINT) | A(ACT_TRAINING_WRITE),
    [ROLE_IT_SECURITY] = A(ACT_READ) | A(ACT_RISK_WRITE) | A(ACT_INCIDENT_HANDLE) |
                         A(ACT_FORUM_WRITE) | A(ACT_FORUM_PROPOSE) | A(ACT_RISK_READ),
    [ROLE_INFO_OWNER] = A(ACT_READ) | A(ACT_INVENTORY_WRITE),
    [ROLE_SYSTEM_OWNER] = A(ACT_READ) | A(ACT_INVENTORY_WRITE),
    [ROLE_INFO_MANAGER] = A(ACT_READ) | A(ACT_INVENTORY_WRITE),
    [ROLE_COORDINATOR] = A(ACT_READ) | A(ACT_INVENTORY_WRITE) | A(ACT_RISK_WRITE) |
                         A(ACT_DOCUMENT_WRITE) | A(ACT_TRAINING_WRITE),
    /* The forum: the CISO and IT security run it (meetings, agendas, decisions, the
     * minutes); a forum member raises matters on a planned meeting and adds discussion
     * notes, but does not decide (src/forum/rules.c). Everyone in the tenant reads the
     * meetings, as they read the risk register; linked incidents stay need-to-know.
     * Forum members see every risk: the forum prioritises by them. */
    [ROLE_FORUM_MEMBER] = A(ACT_READ) | A(ACT_FORUM_PROPOSE) | A(ACT_RISK_READ),
    [ROLE_DPO] = A(ACT_READ) | A(ACT_INCIDENT_HANDLE),
    [ROLE_EMPLOYEE] = A(ACT_READ),
    /* A body that serves many tenants (SKR, a county, a kommunalförbund), held in its own
     * tenant: the national view's suppressed aggregates over the tenants that opted in
     * (src/followup/national.c), and nothing of any tenant's records. */
    [ROLE_NATIONAL_VIEWER] = A(ACT_READ) | A(ACT_NATIONAL_READ),
    /* Styrdokument (ACT_DOCUMENT_WRITE): the CISO and the administrator tenant-wide, a
     * förvaltning's ledning and samordnare for their unit's own; everyone reads what is
     * decided, drafts only their writers (src/documents/entities.c).
     * Cybersäkerhetslagen (ACT_CSL_WRITE): the CISO and the administrator keep each
     * organisation's status, registration, reported changes and management training;
     * everyone in the tenant reads them (src/csl/entities.c).
     * Training campaigns (ACT_TRAINING_WRITE) alike: the CISO and the administrator
     * tenant-wide, a förvaltning's ledning and samordnare for their own staff
     * (src/awareness). */
};

bool perm_role_defined(int r)
{
    return r >= 0 && r < ROLE__COUNT && role_codes[r] && role_actions[r] != 0;
}

int role_from_code(const char *code)
{
    for (int i = 0; code && i < ROLE__COUNT; i++)
        if (role_codes[i] && strcmp(role_codes[i], code) == 0) return i;
    return -1;
}

static bool is_root_path(const char *path)
{
    /* "/12/" has exactly two slashes */
    int slashes = 0;
    for (; *path; path++)
        slashes += *path == '/';
    return slashes == 2;
}

/* A stored unit path, "/1/" or deeper. Anything else (NULL, the column's default '',
 * "/") would be a prefix of every path, so a grant held for it covers nothing. */
static bool is_unit_path(const char *path)
{
    size_t n = path ? strlen(path) : 0;
    return n >= 3 && path[0] == '/' && path[n - 1] == '/';
}

bool perm_allows(const auth *who, action act, const char *unit_path)
{
    if (!who || !who->tenant_id || (!who->person_id && !who->is_system)) return false;
    if (act == ACT_READ) return true;
    for (int i = 0; i < who->ngrants; i++) {
        const role_grant *g = &who->grants[i];
        if (!(role_actions[g->role] & A(act)) || !is_unit_path(g->unit_path)) continue;
        if (unit_path == NULL) {
            if (is_root_path(g->unit_path)) return true;
        } else if (strncmp(unit_path, g->unit_path, strlen(g->unit_path)) == 0) {
            return true;
        }
    }
    return false;
}

bool perm_has_role(const auth *who, role r)
{
    for (int i = 0; who && i < who->ngrants; i++)
        if (who->grants[i].role == r) return true;
    return false;
}

int perm_paths(const auth *who, action act, const char **out, int max)
{
    int n = 0;
    if (!who || !who->tenant_id || !who->person_id) return 0;
    for (int i = 0; i < who->ngrants && n < max; i++) {
        const role_grant *g = &who->grants[i];
        if ((role_actions[g->role] & A(act)) && is_unit_path(g->unit_path)) out[n++] = g->unit_path;
    }
    return n;
}

int perm_basis(const auth *who, action act, const char *unit_path)
{
    int best = -1;
    size_t best_depth = 0;
    for (int i = 0; who && i < who->ngrants; i++) {
        const role_grant *g = &who->grants[i];
        if (!(role_actions[g->role] & A(act)) || !is_unit_path(g->unit_path)) continue;
        size_t depth = strlen(g->unit_path);
        bool covers =
            unit_path ? strncmp(unit_path, g->unit_path, depth) == 0 : is_root_path(g->unit_path);
        if (!covers) continue;
        bool better =
            best < 0 || depth > best_depth || (depth == best_depth && best == ROLE_TENANT_ADMIN);
        if (better) best = (int)g->role, best_depth = depth;
    }
    return best;
}
