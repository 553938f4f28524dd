/* nav.c - the main navigation as data: each entry's link, its label, the pages and
 * kinds of record it stands for, and who sees it. An area adds its entry here; the
 * layout draws the table and marks the current entry with aria-current. */
#include "nav.h"
#include <string.h>

#define KEYS(...) ((const char *const[]){__VA_ARGS__, NULL})

const nav_entry nav_entries[] = {
    {"/home", TR_nav_home, KEYS("home")},
    {"/org", TR_nav_org, KEYS("org", "units")},
    {"/people", TR_nav_people, KEYS("people")},
    {"/roles", TR_nav_roles, KEYS("roles")},
    {"/systems", TR_nav_inventory,
     KEYS("inventory", "systems", "objects", "assets", "processes", "system_assets")},
    {"/classification", TR_nav_classification, KEYS("classification", "classifications")},
    {"/coverage", TR_nav_coverage, KEYS("coverage")},
    {"/lagesbild", TR_nav_dashboard, KEYS("dashboard")},
    {"/risks/heatmap", TR_nav_risks, KEYS("risks", "analyses", "risk_actions")},
    {"/plan", TR_nav_plan, KEYS("plan", "actions", "plan_decisions")},
    {"/meetings", TR_nav_forum, KEYS("meetings", "forum_items")},
    {"/incidents/open", TR_nav_incidents,
     KEYS("incidents", "incident_links", "incident_notifications", "incident_events",
          "incident_tasks", "incident_authorities")},
    {"/continuity", TR_nav_continuity, KEYS("continuity", "continuity_plans", "continuity_tests")},
    {"/documents", TR_nav_documents,
     KEYS("documents", "document_versions", "document_requirements",
          "document_publications", "document_acks")},
    {"/audit", TR_nav_audit, KEYS("audit"), .restricted = true, .permission = ACT_AUDIT_READ},
    {"/tokens", TR_nav_tokens, KEYS("tokens")},
    {"/account", TR_nav_account, KEYS("account")},
    {NULL, 0, NULL},
};

bool nav_is_current(const nav_entry *n, const char *nav)
{
    for (const char *const *k = n->current; nav && *k; k++)
        if (!strcmp(*k, nav)) return true;
    return false;
}

bool nav_visible(const nav_entry *n, const auth *who)
{
    return !n->restricted || perm_allows(who, n->permission, NULL);
}
