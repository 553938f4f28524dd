/* Unit tests of the one permission check, perm_allows (role × unit × action), and of
 * role_from_code. No database: an auth is built by hand. Unit paths are the stored form,
 * "/root/child/…/", so "/1/" is a root and "/1/4/" lies under it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "../../src/auth/auth.h"

#define N_ELEMS(x) (sizeof(x) / sizeof((x)[0]))

static const char *const action_names[ACT__COUNT] = {
    "ACT_READ",          "ACT_ORG_WRITE",         "ACT_PEOPLE_WRITE",    "ACT_ROLE_WRITE",
    "ACT_AUDIT_READ",    "ACT_TENANT_ADMIN",      "ACT_INVENTORY_WRITE", "ACT_RISK_WRITE",
    "ACT_PLAN_DECIDE",   "ACT_REQUIREMENT_WRITE", "ACT_INCIDENT_HANDLE", "ACT_FORUM_WRITE",
    "ACT_FORUM_PROPOSE", "ACT_RISK_READ",         "ACT_DOCUMENT_WRITE",  "ACT_OWNER_APPOINT",
    "ACT_CSL_WRITE",     "ACT_TRAINING_WRITE",    "ACT_NATIONAL_READ",
};

static auth member(role_grant *grants, int n)
{
    auth a = {0};
    a.account_id = 10;
    a.email = "someone@exempelkommun.se";
    a.tenant_id = 1;
    a.tenant_name = "Exempelkommun";
    a.person_id = 20;
    a.person_name = "Någon Person";
    a.grants = grants;
    a.ngrants = n;
    return a;
}

/* The tree used below:
 *   /1/                 Exempelkommun (root)
 *   /1/2/               Kommunstyrelsen
 *   /1/2/4/             Kommunledningsförvaltningen
 *   /1/2/4/9/           IT-avdelningen
 *   /1/2/40/            a unit whose id starts like 4's
 *   /1/3/               Socialnämnden (sibling of 2)
 *   /7/                 a second root (a company) */
typedef struct perm_case {
    role role;
    const char *grant_path; /* where the role is held */
    action act;
    const char *unit_path; /* NULL = the whole tenant */
    bool allowed;
} perm_case;

static const perm_case cases[] = {
    /* a role held for a unit covers its subtree … */
    {ROLE_CISO, "/1/2/", ACT_ROLE_WRITE, "/1/2/", true},
    {ROLE_CISO, "/1/2/", ACT_ROLE_WRITE, "/1/2/4/", true},
    {ROLE_CISO, "/1/2/", ACT_ROLE_WRITE, "/1/2/4/9/", true},
    {ROLE_CISO, "/1/2/", ACT_ROLE_WRITE, "/1/2/40/", true},
    /* … but not its siblings, its ancestors, or other roots */
    {ROLE_CISO, "/1/2/", ACT_ROLE_WRITE, "/1/3/", false},
    {ROLE_CISO, "/1/2/", ACT_ROLE_WRITE, "/1/", false},
    {ROLE_CISO, "/1/2/", ACT_ROLE_WRITE, "/7/", false},
    {ROLE_CISO, "/1/2/4/", ACT_ROLE_WRITE, "/1/2/40/",
     false}, /* a prefix of digits is not a parent */
    {ROLE_CISO, "/1/2/4/", ACT_ROLE_WRITE, "/1/2/4/9/", true},
    {ROLE_CISO, "/1/2/4/", ACT_ROLE_WRITE, "/1/2/", false},
    /* the whole tenant needs a grant held at a root */
    {ROLE_CISO, "/1/2/", ACT_ROLE_WRITE, NULL, false},
    {ROLE_CISO, "/1/", ACT_ROLE_WRITE, NULL, true},
    {ROLE_CISO, "/7/", ACT_ROLE_WRITE, NULL, true},
    {ROLE_TENANT_ADMIN, "/1/2/", ACT_TENANT_ADMIN, NULL, false},
    /* training campaigns: a förvaltning's samordnare keeps its own, an employee none */
    {ROLE_COORDINATOR, "/1/2/", ACT_TRAINING_WRITE, "/1/2/4/", true},
    {ROLE_COORDINATOR, "/1/2/", ACT_TRAINING_WRITE, "/1/3/", false},
    {ROLE_COORDINATOR, "/1/2/", ACT_TRAINING_WRITE, NULL, false},
    {ROLE_EMPLOYEE, "/1/", ACT_TRAINING_WRITE, "/1/2/", false},
    {ROLE_CISO, "/1/", ACT_TRAINING_WRITE, NULL, true},
    {ROLE_TENANT_ADMIN, "/1/2/", ACT_ORG_WRITE, "/1/2/4/", true},
    {ROLE_TENANT_ADMIN, "/1/2/", ACT_ORG_WRITE, "/1/3/", false},
    /* the auditor reads the audit log, writes nothing */
    {ROLE_AUDITOR, "/1/", ACT_AUDIT_READ, NULL, true},
    {ROLE_AUDITOR, "/1/", ACT_AUDIT_READ, "/1/2/4/", true},
    {ROLE_AUDITOR, "/1/", ACT_ORG_WRITE, NULL, false},
    {ROLE_AUDITOR, "/1/", ACT_ORG_WRITE, "/1/2/", false},
    {ROLE_AUDITOR, "/1/", ACT_PEOPLE_WRITE, "/1/2/", false},
    {ROLE_AUDITOR, "/1/", ACT_ROLE_WRITE, "/1/2/", false},
    {ROLE_AUDITOR, "/1/", ACT_TENANT_ADMIN, NULL, false},
    {ROLE_AUDITOR, "/1/2/", ACT_AUDIT_READ, NULL, false},
    /* the coordinator cannot change the organisation, even in its own unit */
    {ROLE_COORDINATOR, "/1/3/", ACT_ORG_WRITE, "/1/3/", false},
    {ROLE_COORDINATOR, "/1/3/", ACT_ORG_WRITE, NULL, false},
    {ROLE_COORDINATOR, "/1/", ACT_ORG_WRITE, NULL, false},
    {ROLE_COORDINATOR, "/1/3/", ACT_PEOPLE_WRITE, "/1/3/", false},
    {ROLE_COORDINATOR, "/1/3/", ACT_ROLE_WRITE, "/1/3/", false},
    {ROLE_COORDINATOR, "/1/3/", ACT_AUDIT_READ, "/1/3/", false},
    /* the CISO gives roles and reads the log, but does not run the tenant */
    {ROLE_CISO, "/1/", ACT_AUDIT_READ, NULL, true},
    {ROLE_CISO, "/1/", ACT_TENANT_ADMIN, NULL, false},
    {ROLE_CISO, "/1/", ACT_ORG_WRITE, "/1/2/", false},
    {ROLE_CISO, "/1/", ACT_PEOPLE_WRITE, "/1/2/", false},
    /* roles that only read */
    {ROLE_LEDNING, "/1/", ACT_ORG_WRITE, "/1/2/", false},
    {ROLE_EMPLOYEE, "/1/", ACT_AUDIT_READ, NULL, false},
    {ROLE_INFO_OWNER, "/1/3/", ACT_ROLE_WRITE, "/1/3/", false},
    {ROLE_DPO, "/1/", ACT_AUDIT_READ, NULL, false},
    /* the inventory: owners, managers and samordnare write it in their own subtree only */
    {ROLE_COORDINATOR, "/1/3/", ACT_INVENTORY_WRITE, "/1/3/", true},
    {ROLE_COORDINATOR, "/1/3/", ACT_INVENTORY_WRITE, "/1/2/", false},
    {ROLE_SYSTEM_OWNER, "/1/3/", ACT_INVENTORY_WRITE, "/1/3/5/", true},
    {ROLE_INFO_OWNER, "/1/3/", ACT_INVENTORY_WRITE, "/1/", false},
    {ROLE_INFO_MANAGER, "/1/3/", ACT_INVENTORY_WRITE, "/1/3/", true},
    {ROLE_CISO, "/1/", ACT_INVENTORY_WRITE, "/1/2/", true},
    {ROLE_EMPLOYEE, "/1/", ACT_INVENTORY_WRITE, "/1/2/", false},
    {ROLE_IT_SECURITY, "/1/", ACT_INVENTORY_WRITE, "/1/2/", false},
    {ROLE_AUDITOR, "/1/", ACT_INVENTORY_WRITE, "/1/2/", false},
    /* risks and actions: the samordnare within the förvaltning, the CISO everywhere */
    {ROLE_COORDINATOR, "/1/3/", ACT_RISK_WRITE, "/1/3/5/", true},
    {ROLE_COORDINATOR, "/1/3/", ACT_RISK_WRITE, "/1/2/", false},
    {ROLE_COORDINATOR, "/1/3/", ACT_RISK_WRITE, NULL, false},
    {ROLE_CISO, "/1/", ACT_RISK_WRITE, NULL, true},
    {ROLE_AUDITOR, "/1/", ACT_RISK_WRITE, "/1/2/", false},
    {ROLE_EMPLOYEE, "/1/", ACT_RISK_WRITE, "/1/2/", false},
    {ROLE_INFO_OWNER, "/1/3/", ACT_RISK_WRITE, "/1/3/", false},
    /* need-to-know: every risk for CISO, IT-säkerhet, ledning, auditors, the forum */
    {ROLE_CISO, "/1/", ACT_RISK_READ, NULL, true},
    {ROLE_IT_SECURITY, "/1/", ACT_RISK_READ, NULL, true},
    {ROLE_LEDNING, "/1/", ACT_RISK_READ, NULL, true},
    {ROLE_AUDITOR, "/1/", ACT_RISK_READ, NULL, true},
    {ROLE_FORUM_MEMBER, "/1/", ACT_RISK_READ, NULL, true},
    {ROLE_COORDINATOR, "/1/3/", ACT_RISK_READ, NULL, false},
    {ROLE_EMPLOYEE, "/1/", ACT_RISK_READ, NULL, false},
    {ROLE_INFO_OWNER, "/1/", ACT_RISK_READ, NULL, false},
    /* the plan is decided by ledning (or the CISO) for the whole tenant */
    {ROLE_LEDNING, "/1/", ACT_PLAN_DECIDE, NULL, true},
    {ROLE_CISO, "/1/", ACT_PLAN_DECIDE, NULL, true},
    {ROLE_COORDINATOR, "/1/3/", ACT_PLAN_DECIDE, NULL, false},
    {ROLE_AUDITOR, "/1/", ACT_PLAN_DECIDE, NULL, false},
    /* incidents: need-to-know, handled by the CISO, IT security and the DSO only */
    {ROLE_CISO, "/1/", ACT_INCIDENT_HANDLE, NULL, true},
    {ROLE_IT_SECURITY, "/1/", ACT_INCIDENT_HANDLE, NULL, true},
    {ROLE_DPO, "/1/", ACT_INCIDENT_HANDLE, NULL, true},
    {ROLE_EMPLOYEE, "/1/", ACT_INCIDENT_HANDLE, NULL, false},
    {ROLE_TENANT_ADMIN, "/1/", ACT_INCIDENT_HANDLE, NULL, false},
    {ROLE_LEDNING, "/1/", ACT_INCIDENT_HANDLE, NULL, false},
    {ROLE_COORDINATOR, "/1/3/", ACT_INCIDENT_HANDLE, NULL, false},
    /* owners are appointed by the CISO, the tenant admin and the ledning of the unit —
     * not by those who write the inventory, nor by an owner (issue 15 §8) */
    {ROLE_CISO, "/1/", ACT_OWNER_APPOINT, "/1/3/", true},
    {ROLE_TENANT_ADMIN, "/1/", ACT_OWNER_APPOINT, "/1/3/", true},
    {ROLE_LEDNING, "/1/3/", ACT_OWNER_APPOINT, "/1/3/5/", true},
    {ROLE_LEDNING, "/1/3/", ACT_OWNER_APPOINT, "/1/2/", false},
    {ROLE_COORDINATOR, "/1/3/", ACT_OWNER_APPOINT, "/1/3/", false},
    {ROLE_INFO_OWNER, "/1/3/", ACT_OWNER_APPOINT, "/1/3/", false},
    {ROLE_SYSTEM_OWNER, "/1/3/", ACT_OWNER_APPOINT, "/1/3/", false},
    {ROLE_INFO_MANAGER, "/1/3/", ACT_OWNER_APPOINT, "/1/3/", false},
    {ROLE_IT_SECURITY, "/1/", ACT_OWNER_APPOINT, "/1/3/", false},
    {ROLE_AUDITOR, "/1/", ACT_OWNER_APPOINT, "/1/3/", false},
    {ROLE_EMPLOYEE, "/1/", ACT_OWNER_APPOINT, "/1/3/", false},
    /* Cybersäkerhetslagen's duties: the CISO and the administrator, no one else */
    {ROLE_CISO, "/1/", ACT_CSL_WRITE, "/1/", true},
    {ROLE_CISO, "/1/", ACT_CSL_WRITE, "/1/3/", true},
    {ROLE_TENANT_ADMIN, "/1/", ACT_CSL_WRITE, NULL, true},
    {ROLE_LEDNING, "/1/", ACT_CSL_WRITE, "/1/", false},
    {ROLE_IT_SECURITY, "/1/", ACT_CSL_WRITE, "/1/", false},
    {ROLE_DPO, "/1/", ACT_CSL_WRITE, "/1/", false},
    {ROLE_AUDITOR, "/1/", ACT_CSL_WRITE, "/1/", false},
    {ROLE_EMPLOYEE, "/1/", ACT_CSL_WRITE, "/1/", false},
};

static void test_perm_table(void **state)
{
    (void)state;
    int failures = 0;
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        const perm_case *c = &cases[i];
        role_grant g = {c->role, 1, c->grant_path};
        auth who = member(&g, 1);
        bool got = perm_allows(&who, c->act, c->unit_path);
        if (got != c->allowed) {
            print_error("case %zu: %s held for %s, %s on %s: expected %s, got %s\n", i,
                        role_codes[c->role], c->grant_path, action_names[c->act],
                        c->unit_path ? c->unit_path : "(whole tenant)",
                        c->allowed ? "allowed" : "denied", got ? "allowed" : "denied");
            failures++;
        }
    }
    assert_int_equal(failures, 0);
}

static const char *const some_paths[] = {NULL,        "/1/",   "/1/2/", "/1/2/4/",
                                         "/1/2/4/9/", "/1/3/", "/7/",   "/7/8/"};

/* The national viewer (a body: SKR, a county) reads the national view's aggregates and
 * nothing else: no risk, no incident, no write; no role of a kommun reads the national view. */
static void test_national_viewer_reads_only_aggregates(void **state)
{
    (void)state;
    role_grant g[] = {{ROLE_NATIONAL_VIEWER, 1, "/1/"}};
    auth who = member(g, 1);
    assert_true(perm_allows(&who, ACT_NATIONAL_READ, NULL));
    for (int act = 0; act < ACT__COUNT; act++)
        if (act != ACT_READ && act != ACT_NATIONAL_READ && perm_allows(&who, (action)act, "/1/"))
            fail_msg("national_viewer allowed %s", action_names[act]);
    for (int r = 0; r < ROLE__COUNT; r++) {
        role_grant k[] = {{(role)r, 1, "/1/"}};
        auth any = member(k, 1);
        assert_int_equal(perm_allows(&any, ACT_NATIONAL_READ, NULL), r == ROLE_NATIONAL_VIEWER);
    }
}

static void test_tenant_admin_at_root_may_do_everything(void **state)
{
    (void)state;
    role_grant g[] = {{ROLE_TENANT_ADMIN, 1, "/1/"}, {ROLE_TENANT_ADMIN, 7, "/7/"}};
    auth who = member(g, 2);
    /* except handling incidents: need-to-know, the administrator runs lis, not incidents;
     * and the national view: a body's role, not a kommun's administrator's */
    for (int act = 0; act < ACT__COUNT; act++)
        for (size_t p = 0; p < N_ELEMS(some_paths); p++)
            if (act != ACT_INCIDENT_HANDLE && act != ACT_NATIONAL_READ &&
                !perm_allows(&who, (action)act, some_paths[p]))
                fail_msg("tenant_admin at the roots denied %s on %s", action_names[act],
                         some_paths[p] ? some_paths[p] : "(whole tenant)");
    /* held only at the first root: everything under it, nothing under the other */
    auth one = member(g, 1);
    for (int act = 0; act < ACT__COUNT; act++) {
        if (act == ACT_INCIDENT_HANDLE || act == ACT_NATIONAL_READ) {
            assert_false(perm_allows(&one, (action)act, NULL));
            continue;
        }
        assert_true(perm_allows(&one, (action)act, "/1/2/4/9/"));
        assert_true(perm_allows(&one, (action)act, NULL));
        assert_int_equal(perm_allows(&one, (action)act, "/7/8/"), act == ACT_READ);
    }
}

static void test_read_is_open_to_every_member(void **state)
{
    (void)state;
    auth nobody = member(NULL, 0); /* a member of the tenant without any role */
    for (size_t p = 0; p < N_ELEMS(some_paths); p++)
        assert_true(perm_allows(&nobody, ACT_READ, some_paths[p]));
    for (int act = 1; act < ACT__COUNT; act++)
        for (size_t p = 0; p < N_ELEMS(some_paths); p++)
            assert_false(perm_allows(&nobody, (action)act, some_paths[p]));
    for (int r = 0; r < ROLE__COUNT; r++) {
        role_grant g = {(role)r, 3, "/1/3/"};
        auth who = member(&g, 1);
        for (size_t p = 0; p < N_ELEMS(some_paths); p++)
            assert_true(perm_allows(&who, ACT_READ, some_paths[p]));
    }
}

static void test_no_person_or_tenant_is_denied_everything(void **state)
{
    (void)state;
    role_grant g = {ROLE_TENANT_ADMIN, 1, "/1/"};
    auth no_person = member(&g, 1);
    no_person.person_id = 0;
    auth no_tenant = member(&g, 1);
    no_tenant.tenant_id = 0;
    auth neither = member(&g, 1);
    neither.person_id = 0;
    neither.tenant_id = 0;
    const auth *who[] = {&no_person, &no_tenant, &neither, NULL};
    for (size_t w = 0; w < N_ELEMS(who); w++)
        for (int act = 0; act < ACT__COUNT; act++)
            for (size_t p = 0; p < N_ELEMS(some_paths); p++)
                if (perm_allows(who[w], (action)act, some_paths[p]))
                    fail_msg("auth %zu allowed %s on %s", w, action_names[act],
                             some_paths[p] ? some_paths[p] : "(whole tenant)");
}

static void test_several_grants_combine(void **state)
{
    (void)state;
    /* coordinator for the social services, CISO for the executive office */
    role_grant g[] = {{ROLE_COORDINATOR, 3, "/1/3/"}, {ROLE_CISO, 4, "/1/2/4/"}};
    auth who = member(g, 2);
    assert_true(perm_allows(&who, ACT_ROLE_WRITE, "/1/2/4/9/"));
    assert_false(perm_allows(&who, ACT_ROLE_WRITE, "/1/3/"));
    assert_false(perm_allows(&who, ACT_ROLE_WRITE, NULL));
    assert_false(perm_allows(&who, ACT_ORG_WRITE, "/1/3/"));
    assert_true(perm_has_role(&who, ROLE_CISO));
    assert_true(perm_has_role(&who, ROLE_COORDINATOR));
    assert_false(perm_has_role(&who, ROLE_TENANT_ADMIN));
    assert_false(perm_has_role(NULL, ROLE_CISO));
}

static void test_grant_without_a_path_covers_nothing(void **state)
{
    (void)state;
    /* a unit whose path is missing (NULL), not yet set (the column's default '') or
     * malformed must not turn a grant into one for every unit */
    const char *bad[] = {NULL, "", "/", "1/"};
    for (size_t i = 0; i < N_ELEMS(bad); i++) {
        role_grant g = {ROLE_TENANT_ADMIN, 5, bad[i]};
        auth who = member(&g, 1);
        for (int act = 1; act < ACT__COUNT; act++)
            for (size_t p = 0; p < N_ELEMS(some_paths); p++)
                if (perm_allows(&who, (action)act, some_paths[p]))
                    fail_msg("a grant with path \"%s\" allowed %s on %s",
                             bad[i] ? bad[i] : "(null)", action_names[act],
                             some_paths[p] ? some_paths[p] : "(whole tenant)");
    }
}

/* A decision records the right it was made by: the grant held for the deepest unit, an
 * organisation role before the tenant admin's. */
static void test_basis_is_the_closest_grant(void **state)
{
    (void)state;
    role_grant chef_and_ciso[] = {{ROLE_CISO, 1, "/1/"}, {ROLE_LEDNING, 3, "/1/3/"}};
    auth who = member(chef_and_ciso, 2);
    assert_int_equal(perm_basis(&who, ACT_OWNER_APPOINT, "/1/3/5/"), ROLE_LEDNING);
    assert_int_equal(perm_basis(&who, ACT_OWNER_APPOINT, "/1/2/"), ROLE_CISO);
    assert_int_equal(perm_basis(&who, ACT_OWNER_APPOINT, NULL), ROLE_CISO);
    role_grant admin_and_ciso[] = {{ROLE_TENANT_ADMIN, 1, "/1/"}, {ROLE_CISO, 1, "/1/"}};
    who = member(admin_and_ciso, 2);
    assert_int_equal(perm_basis(&who, ACT_OWNER_APPOINT, "/1/3/"), ROLE_CISO);
    role_grant coordinator[] = {{ROLE_COORDINATOR, 3, "/1/3/"}};
    who = member(coordinator, 1);
    assert_int_equal(perm_basis(&who, ACT_OWNER_APPOINT, "/1/3/"), -1);
    assert_int_equal(perm_basis(NULL, ACT_OWNER_APPOINT, "/1/3/"), -1);
}

static void test_role_from_code(void **state)
{
    (void)state;
    static const struct {
        const char *code;
        role r;
    } all[] = {
        {"tenant_admin", ROLE_TENANT_ADMIN},
        {"ledning", ROLE_LEDNING},
        {"ciso", ROLE_CISO},
        {"it_security", ROLE_IT_SECURITY},
        {"info_owner", ROLE_INFO_OWNER},
        {"system_owner", ROLE_SYSTEM_OWNER},
        {"info_manager", ROLE_INFO_MANAGER},
        {"coordinator", ROLE_COORDINATOR},
        {"forum_member", ROLE_FORUM_MEMBER},
        {"dpo", ROLE_DPO},
        {"auditor", ROLE_AUDITOR},
        {"employee", ROLE_EMPLOYEE},
        {"national_viewer", ROLE_NATIONAL_VIEWER},
    };
    assert_int_equal(N_ELEMS(all), ROLE__COUNT);
    for (size_t i = 0; i < N_ELEMS(all); i++) {
        assert_int_equal(role_from_code(all[i].code), all[i].r);
        assert_string_equal(role_codes[all[i].r], all[i].code);
    }
    const char *unknown[] = {"",      "admin",          "CISO",     "ciso ",
                             " ciso", "tenant_admin\n", "auditors", "revisor"};
    for (size_t i = 0; i < N_ELEMS(unknown); i++)
        assert_int_equal(role_from_code(unknown[i]), -1);
    assert_int_equal(role_from_code(NULL), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_perm_table),
        cmocka_unit_test(test_tenant_admin_at_root_may_do_everything),
        cmocka_unit_test(test_national_viewer_reads_only_aggregates),
        cmocka_unit_test(test_read_is_open_to_every_member),
        cmocka_unit_test(test_no_person_or_tenant_is_denied_everything),
        cmocka_unit_test(test_several_grants_combine),
        cmocka_unit_test(test_grant_without_a_path_covers_nothing),
        cmocka_unit_test(test_role_from_code),
        cmocka_unit_test(test_basis_is_the_closest_grant),
    };
    return cmocka_run_group_tests_name("perm", tests, NULL, NULL);
}
