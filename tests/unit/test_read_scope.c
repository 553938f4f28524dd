/* Unit tests of the engine's need-to-know read scope (entity_read_scope): who sees every
 * row, the condition for a writer in part of the tree and for a risk owner, none for
 * anyone else, and unit paths that are not digits and slashes never written into SQL;
 * the kinds scoped through a parent (answers by their object, tests by their plan), the
 * handlingsplan, and kinds read by role or by owner only. No database: an auth is built
 * by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "../../src/risks/risks.h"
#include "../../src/actions/actions.h"
#include "../../src/requirements/requirements.h"
#include "../../src/continuity/continuity.h"
#include "../../src/documents/documents.h"

static req *reader(role_grant *grants, int n)
{
    static arena a;
    static auth who;
    static req r;
    arena_free(&a);
    arena_init(&a, 0);
    memset(&who, 0, sizeof who);
    who.tenant_id = 1;
    who.person_id = 20;
    who.grants = grants;
    who.ngrants = n;
    memset(&r, 0, sizeof r);
    r.a = &a;
    r.auth = &who;
    return &r;
}

static const char *scope_of(const entity *e, role_grant *grants, int n, bool parent)
{
    req *r = reader(grants, n);
    return parent ? entity_parent_read_scope(r, e, "o") : entity_read_scope(r, e, "t");
}

static const char *scope(role_grant *grants, int n)
{
    return scope_of(&entity_risks, grants, n, false);
}

/* every weakness kind: seen whole by those who see every risk */
static const entity *const weakness_kinds[] = {
    &entity_risks,   &entity_analyses,         &entity_actions,     &entity_plan_decisions,
    &entity_answers, &entity_continuity_tests, &entity_risk_actions};

static void test_who_sees_all(void **state)
{
    (void)state;
    const role all[] = {ROLE_CISO,    ROLE_IT_SECURITY,  ROLE_LEDNING,
                        ROLE_AUDITOR, ROLE_FORUM_MEMBER, ROLE_TENANT_ADMIN};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
        role_grant g = {all[i], 1, "/1/"};
        for (size_t k = 0; k < sizeof weakness_kinds / sizeof weakness_kinds[0]; k++)
            assert_string_equal(scope_of(weakness_kinds[k], &g, 1, false), "");
        assert_string_equal(scope_of(&entity_answers, &g, 1, true), "");
    }
}

static void test_employee_sees_no_weakness(void **state)
{
    (void)state;
    role_grant employee = {ROLE_EMPLOYEE, 6, "/1/6/"};
    assert_string_equal(scope_of(&entity_analyses, &employee, 1, false), " AND (1 = 0)");
    assert_string_equal(scope_of(&entity_plan_decisions, &employee, 1, false),
                        " AND (t.decided_by_id = 20)");
    assert_string_equal(scope_of(&entity_actions, &employee, 1, false),
                        " AND (t.responsible_id = 20)");
    /* an answer or a test: only under an object or plan they own */
    assert_string_equal(scope_of(&entity_answers, &employee, 1, false),
                        " AND (t.object_id IN (SELECT np.id FROM managed_object np WHERE "
                        "np.tenant_id = t.tenant_id AND (np.owner_id = 20 OR np.manager_id = "
                        "20)))");
    assert_string_equal(scope_of(&entity_continuity_tests, &employee, 1, false),
                        " AND (t.plan_id IN (SELECT np.id FROM continuity_plan np WHERE "
                        "np.tenant_id = t.tenant_id AND (np.owner_id = 20)))");
}

static void test_through_the_parent(void **state)
{
    (void)state;
    /* a samordnare reads the answers of the objects in her subtree (the object's unit,
     * not the answer's copy of it), the ones she owns or manages elsewhere */
    role_grant coordinator = {ROLE_COORDINATOR, 8, "/1/3/8/"};
    assert_string_equal(scope_of(&entity_answers, &coordinator, 1, false),
                        " AND (t.object_id IN (SELECT np.id FROM managed_object np WHERE "
                        "np.tenant_id = t.tenant_id AND (np.unit_id IN (SELECT nk.id FROM unit nk "
                        "WHERE nk.tenant_id = 1 AND nk.path LIKE '/1/3/8/%') OR "
                        "np.owner_id = 20 OR np.manager_id = 20)))");
    /* the same condition on the object itself: its assessment page, its annex */
    assert_string_equal(scope_of(&entity_answers, &coordinator, 1, true),
                        " AND (o.unit_id IN (SELECT nk.id FROM unit nk WHERE nk.tenant_id = 1 "
                        "AND nk.path LIKE '/1/3/8/%') OR o.owner_id = 20 OR "
                        "o.manager_id = 20)");
    /* an informationsägare writes the inventory there, so reads its tests and answers, but
     * not its actions (a risk writer's) beyond her own */
    role_grant owner = {ROLE_INFO_OWNER, 8, "/1/3/8/"};
    assert_non_null(
        strstr(scope_of(&entity_continuity_tests, &owner, 1, false), "LIKE '/1/3/8/%'"));
    assert_string_equal(scope_of(&entity_actions, &owner, 1, false),
                        " AND (t.responsible_id = 20)");
    /* a kind without a parent has no parent condition */
    assert_string_equal(scope_of(&entity_risks, &owner, 1, true), "");
}

static void test_read_by_role_or_owner(void **state)
{
    (void)state;
    /* meetings are read by those who see every risk: anyone else, none (their titles
     * in a form's options, a reference's label) */
    role_grant coordinator = {ROLE_COORDINATOR, 8, "/1/3/8/"};
    assert_string_equal(scope_of(entity_find("meetings"), &coordinator, 1, false), " AND (1 = 0)");
    role_grant forum = {ROLE_FORUM_MEMBER, 1, "/1/"};
    assert_string_equal(scope_of(entity_find("meetings"), &forum, 1, false), "");
    /* incidents: a member reads those they reported; a handler all */
    assert_string_equal(scope_of(entity_find("incidents"), &coordinator, 1, false),
                        " AND t.reporter_id = 20");
    role_grant ciso = {ROLE_CISO, 1, "/1/"};
    assert_string_equal(scope_of(entity_find("incidents"), &ciso, 1, false), "");
}

static void test_writer_owner_and_none(void **state)
{
    (void)state;
    role_grant coordinator = {ROLE_COORDINATOR, 8, "/1/3/8/"};
    assert_string_equal(scope(&coordinator, 1),
                        " AND (t.unit_id IN (SELECT nk.id FROM unit nk WHERE nk.tenant_id = 1 "
                        "AND nk.path LIKE '/1/3/8/%') OR t.owner_id = 20)");
    /* an employee still sees the risks they own, nothing else */
    role_grant employee = {ROLE_EMPLOYEE, 6, "/1/6/"};
    assert_string_equal(scope(&employee, 1), " AND (t.owner_id = 20)");
    /* a coordinator held for two förvaltningar: both subtrees */
    role_grant two[] = {{ROLE_COORDINATOR, 8, "/1/3/8/"}, {ROLE_COORDINATOR, 9, "/1/9/"}};
    const char *s = scope(two, 2);
    assert_non_null(strstr(s, "LIKE '/1/3/8/%') OR t.unit_id IN"));
    assert_non_null(strstr(s, "LIKE '/1/9/%')"));
    /* a CISO held below the root sees by subtree, not all */
    role_grant ciso_below = {ROLE_CISO, 3, "/1/3/"};
    assert_non_null(strstr(scope(&ciso_below, 1), "LIKE '/1/3/%'"));
}

/* What is theirs to act on (the start page): narrower than what they read. Ledning reads
 * every risk but reviews only the risks she owns; a samordnare those of her subtree. */
static void test_mine_narrower_than_read(void **state)
{
    (void)state;
    role_grant ledning = {ROLE_LEDNING, 1, "/1/"};
    req *r = reader(&ledning, 1);
    assert_string_equal(entity_read_scope(r, &entity_risks, "t"), "");
    assert_string_equal(entity_mine_scope(r, &entity_risks, "t"), " AND (t.owner_id = 20)");
    role_grant coordinator = {ROLE_COORDINATOR, 8, "/1/3/8/"};
    r = reader(&coordinator, 1);
    assert_string_equal(entity_mine_scope(r, &entity_risks, "t"),
                        " AND (t.unit_id IN (SELECT nk.id FROM unit nk WHERE nk.tenant_id = 1 "
                        "AND nk.path LIKE '/1/3/8/%') OR t.owner_id = 20)");
    /* an employee holds no write action: only what names her */
    role_grant employee = {ROLE_EMPLOYEE, 6, "/1/6/"};
    r = reader(&employee, 1);
    assert_string_equal(entity_mine_scope(r, &entity_actions, "t"), " AND (t.responsible_id = 20)");
}

static void test_odd_paths_never_reach_sql(void **state)
{
    (void)state;
    role_grant odd = {ROLE_COORDINATOR, 8, "/1/' OR '1'='1/"};
    const char *s = scope(&odd, 1);
    assert_null(strstr(s, "'1'='1"));
    assert_string_equal(s, " AND (t.owner_id = 20)");
}

static void test_other_entities_unscoped(void **state)
{
    (void)state;
    static arena a;
    arena_init(&a, 0);
    auth who = {.tenant_id = 1, .person_id = 20};
    req r = {.a = &a, .auth = &who};
    assert_string_equal(entity_read_scope(&r, entity_find("units"), "t"), "");
    arena_free(&a);
}

/* Issue 15 §5: which audit rows' diffs a reader may see: the rows they may read. */
static void test_audit_rows_readable(void **state)
{
    (void)state;
    /* the auditor reads every risk, but incidents only those they reported */
    role_grant auditor = {ROLE_AUDITOR, 1, "/1/"};
    const char *s = entity_row_readable_sql(reader(&auditor, 1), "t", "entity", "entity_id");
    assert_non_null(strstr(s, "WHEN 'incidents' THEN EXISTS (SELECT 1 FROM incident x WHERE "
                              "x.tenant_id = t.tenant_id AND x.id = CAST(t.entity_id AS BIGINT) "
                              "AND x.reporter_id = 20)"));
    assert_null(strstr(s, "WHEN 'risks'"));
    assert_null(strstr(s, "WHEN 'units'"));
    assert_non_null(strstr(s, "ELSE 1 = 1 END"));
    /* a coordinator: risks of their subtree and their own */
    role_grant coordinator = {ROLE_COORDINATOR, 8, "/1/3/8/"};
    s = entity_row_readable_sql(reader(&coordinator, 1), "t", "entity", "entity_id");
    assert_non_null(strstr(s, "WHEN 'risks' THEN EXISTS (SELECT 1 FROM risk x WHERE"));
    assert_non_null(strstr(s, "nk.path LIKE '/1/3/8/%'"));
    /* the CISO handles incidents and reads every risk: nothing of theirs is withheld
     * (but the API tokens of others) */
    role_grant ciso = {ROLE_CISO, 1, "/1/"};
    s = entity_row_readable_sql(reader(&ciso, 1), "t", "entity", "entity_id");
    assert_null(strstr(s, "WHEN 'incidents'"));
    assert_null(strstr(s, "WHEN 'risks'"));
}

/* Drafts (draft_field): a styrdokument's draft is read by its writers tenant-wide, the
 * writers of its unit's subtree and its owner; every other row by everyone. */
static void test_drafts_for_writers(void **state)
{
    (void)state;
    role_grant ciso = {ROLE_CISO, 1, "/1/"};
    assert_string_equal(scope_of(&entity_documents, &ciso, 1, false), "");
    role_grant coordinator = {ROLE_COORDINATOR, 8, "/1/8/"};
    assert_string_equal(scope_of(&entity_documents, &coordinator, 1, false),
                        " AND (t.status NOT IN ('utkast') OR (t.unit_id IN (SELECT nk.id FROM "
                        "unit nk WHERE nk.tenant_id = 1 AND nk.path LIKE '/1/8/%') OR "
                        "t.owner_id = 20))");
    role_grant employee = {ROLE_EMPLOYEE, 6, "/1/6/"};
    assert_string_equal(scope_of(&entity_documents, &employee, 1, false),
                        " AND (t.status NOT IN ('utkast') OR (t.owner_id = 20))");
    /* versions are decided: no drafts among them */
    assert_string_equal(scope_of(&entity_document_versions, &employee, 1, false), "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_who_sees_all),
        cmocka_unit_test(test_writer_owner_and_none),
        cmocka_unit_test(test_odd_paths_never_reach_sql),
        cmocka_unit_test(test_mine_narrower_than_read),
        cmocka_unit_test(test_other_entities_unscoped),
        cmocka_unit_test(test_employee_sees_no_weakness),
        cmocka_unit_test(test_through_the_parent),
        cmocka_unit_test(test_read_by_role_or_owner),
        cmocka_unit_test(test_audit_rows_readable),
        cmocka_unit_test(test_drafts_for_writers),
    };
    return cmocka_run_group_tests_name("read_scope", tests, NULL, NULL);
}
