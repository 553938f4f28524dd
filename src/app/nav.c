/* nav.c - the main navigation as data: each entry's link, its label, its group, the
 * pages and kinds of record it stands for, and who uses it. An area adds its entry here;
 * the layout draws the table and marks the current entry with aria-current. */
#include "nav.h"
#include <string.h>

#define KEYS(...) ((const char *const[]){__VA_ARGS__, NULL})
#define U(a) (1u << (a))
/* those who see every risk: CISO, IT security, ledning, auditors, the forum */
#define OVERSIGHT U(ACT_RISK_READ)
#define ADMIN (U(ACT_ORG_WRITE) | U(ACT_PEOPLE_WRITE) | U(ACT_ROLE_WRITE) | U(ACT_TENANT_ADMIN))

const nav_entry nav_entries[] = {
    {"/home", TR_nav_home, KEYS("home"), NAV_TOP},
    /* everyone reports incidents and follows their own */
    {"/incidents/open", TR_nav_incidents,
     KEYS("incidents", "incident_links", "incident_notifications", "incident_events",
          "incident_tasks", "incident_authorities"),
     NAV_WORK},
    {"/plan", TR_nav_plan, KEYS("plan", "actions", "plan_decisions"), NAV_WORK,
     U(ACT_RISK_WRITE) | U(ACT_PLAN_DECIDE) | OVERSIGHT},
    {"/meetings", TR_nav_forum, KEYS("meetings", "forum_items"), NAV_WORK,
     U(ACT_FORUM_WRITE) | U(ACT_FORUM_PROPOSE) | OVERSIGHT},
    /* the årshjul: for those who keep recurring duties (a teacher's few come to her start
     * page; the page itself is open to everyone) */
    {"/yearwheel", TR_nav_yearwheel, KEYS("yearwheel", "yearly_duties"), NAV_WORK,
     U(ACT_INVENTORY_WRITE) | U(ACT_RISK_WRITE) | U(ACT_DOCUMENT_WRITE) | U(ACT_PLAN_DECIDE) |
         U(ACT_FORUM_WRITE) | U(ACT_INCIDENT_HANDLE) | OVERSIGHT},
    {"/systems", TR_nav_inventory,
     KEYS("inventory", "systems", "objects", "assets", "processes", "system_assets"), NAV_REGISTERS,
     U(ACT_INVENTORY_WRITE) | U(ACT_REQUIREMENT_WRITE) | OVERSIGHT},
    {"/classification", TR_nav_classification, KEYS("classification", "classifications"),
     NAV_REGISTERS, U(ACT_INVENTORY_WRITE) | OVERSIGHT},
    {"/risks/heatmap", TR_nav_risks, KEYS("risks", "analyses", "risk_actions"), NAV_REGISTERS,
     U(ACT_RISK_WRITE) | OVERSIGHT},
    /* vulnerability scans: findings name weaknesses, read as risks are */
    {"/scan_findings", TR_nav_scans,
     KEYS("scan_findings", "scan_imports", "scan_host_rules", "scan_deadlines",
          "directory_settings", "import_scan", "pentests"),
     NAV_REGISTERS, U(ACT_RISK_WRITE) | OVERSIGHT},
    {"/continuity", TR_nav_continuity,
     KEYS("continuity", "continuity_plans", "continuity_tests", "bia_impacts", "dependencies",
          "service_levels", "response_plans", "response_contacts", "response_exercises", "rsa",
          "rsa_links"),
     NAV_REGISTERS, U(ACT_INVENTORY_WRITE) | OVERSIGHT},
    /* styrdokument: everyone reads the decided ones (published ones reach each person's
     * start page); the register is for those who write, check or follow them */
    {"/documents", TR_nav_documents,
     KEYS("documents", "document_versions", "document_requirements", "document_publications",
          "document_acks"),
     NAV_REGISTERS, U(ACT_DOCUMENT_WRITE) | U(ACT_INVENTORY_WRITE) | OVERSIGHT},
    /* awareness: campaigns are read by all; those who keep them follow them here */
    {"/training_campaigns", TR_nav_awareness,
     KEYS("training_campaigns", "training_completions", "phishing_results"), NAV_REGISTERS,
     U(ACT_TRAINING_WRITE) | OVERSIGHT},
    /* the internal audit: its programme and audits are read by all, findings need-to-know */
    {"/audit_programmes", TR_nav_internal_audit,
     KEYS("audit_programmes", "internal_audits", "audit_checks", "audit_findings"), NAV_FOLLOWUP,
     U(ACT_RISK_WRITE) | OVERSIGHT},
    {"/management_reviews", TR_nav_management_review,
     KEYS("management_reviews", "review_decisions"), NAV_FOLLOWUP, U(ACT_PLAN_DECIDE) | OVERSIGHT},
    {"/maturity", TR_nav_maturity, KEYS("maturity", "maturity_answers"), NAV_FOLLOWUP,
     U(ACT_RISK_WRITE) | OVERSIGHT, .tenant_wide = true},
    /* a body's view over the kommuner that opted in (aggregates only) */
    {"/national", TR_nav_national, KEYS("national"), NAV_FOLLOWUP, U(ACT_NATIONAL_READ),
     .tenant_wide = true},
    /* suppliers and agreements: kept centrally, read by those who keep the inventory */
    {"/suppliers", TR_nav_suppliers,
     KEYS("suppliers", "agreements", "agreement_systems", "agreement_transfers", "supplier_answers",
          "supplier_reviews", "supplier_review_questions", "supplier_findings",
          "supplier_certifications", "analysis_suppliers", "supplier_exit_plans"),
     NAV_REGISTERS, U(ACT_INVENTORY_WRITE) | OVERSIGHT},
    {"/lagesbild", TR_nav_dashboard, KEYS("dashboard"), NAV_FOLLOWUP,
     U(ACT_RISK_WRITE) | U(ACT_PLAN_DECIDE) | OVERSIGHT},
    /* Cybersäkerhetslagen: kept by the CISO, followed by those who oversee the whole */
    {"/csl", TR_nav_csl, KEYS("csl", "csl_organisations", "csl_changes", "csl_trainings"),
     NAV_FOLLOWUP, U(ACT_CSL_WRITE) | OVERSIGHT},
    /* requirements assessed once for the whole organisation: kept by the CISO */
    {"/requirements/org-wide", TR_nav_org_wide, KEYS("org_wide", "org_answers"), NAV_FOLLOWUP,
     U(ACT_REQUIREMENT_WRITE) | OVERSIGHT, .tenant_wide = true},
    {"/coverage", TR_nav_coverage, KEYS("coverage"), NAV_FOLLOWUP, U(ACT_ROLE_WRITE) | OVERSIGHT},
    /* the revisionspaket: the tenant's whole, for those who read the audit log and every risk */
    {"/followup/audit-pack", TR_nav_audit_pack, KEYS("audit_pack"), NAV_FOLLOWUP, U(ACT_AUDIT_READ),
     .tenant_wide = true},
    {"/audit", TR_nav_audit, KEYS("audit"), NAV_FOLLOWUP, U(ACT_AUDIT_READ), .tenant_wide = true},
    {"/org", TR_nav_org, KEYS("org", "units"), NAV_ADMIN, ADMIN | U(ACT_INVENTORY_WRITE)},
    {"/people", TR_nav_people, KEYS("people"), NAV_ADMIN, ADMIN},
    {"/roles", TR_nav_roles, KEYS("roles"), NAV_ADMIN, ADMIN},
    {"/settings/mail", TR_nav_mail, KEYS("mail"), NAV_ADMIN, U(ACT_TENANT_ADMIN),
     .tenant_wide = true},
    {"/national_optins", TR_nav_national_optin, KEYS("national_optins"), NAV_ADMIN,
     U(ACT_TENANT_ADMIN), .tenant_wide = true},
    {"/settings/sso", TR_nav_sso, KEYS("sso", "sso_group_roles"), NAV_ADMIN, U(ACT_TENANT_ADMIN),
     .tenant_wide = true},
    /* API keys are personal: reached from "Mitt konto" beside the menu */
    {"/import", TR_nav_import, KEYS("import"), NAV_ADMIN,
     U(ACT_INVENTORY_WRITE) | U(ACT_ORG_WRITE) | U(ACT_PEOPLE_WRITE)},
    {NULL, 0, NULL, NAV_TOP},
};

const tr_key nav_group_labels[NAV__GROUPS] = {
    [NAV_WORK] = TR_nav_group_work,
    [NAV_REGISTERS] = TR_nav_group_registers,
    [NAV_FOLLOWUP] = TR_nav_group_followup,
    [NAV_ADMIN] = TR_nav_group_admin,
};

bool nav_is_current(const nav_entry *n, const char *nav)
{
    for (const char *const *k = n->current; nav && *k; k++)
        if (!strcmp(*k, nav)) return true;
    return false;
}

bool nav_visible(const nav_entry *n, const auth *who)
{
    if (!n->uses) return true;
    for (int act = 0; act < ACT__COUNT; act++) {
        if (!(n->uses & U(act))) continue;
        const char *path;
        if (n->tenant_wide ? perm_allows(who, (action)act, NULL)
                           : perm_paths(who, (action)act, &path, 1) > 0)
            return true;
    }
    return false;
}

int nav_group_entries(nav_group g, const auth *who, const nav_entry **out, int max)
{
    int n = 0;
    for (const nav_entry *e = nav_entries; e->href && n < max; e++)
        if (e->group == g && nav_visible(e, who)) out[n++] = e;
    return n;
}

bool nav_any_current(const nav_entry *const *entries, int n, const char *nav)
{
    for (int i = 0; i < n; i++)
        if (nav_is_current(entries[i], nav)) return true;
    return false;
}
