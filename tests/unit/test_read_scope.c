/* Unit tests of the engine's need-to-know read scope (entity_read_scope): who sees every
 * row, the condition for a writer in part of the tree and for a risk owner, none for
 * anyone else, and unit paths that are not digits and slashes never written into SQL.
 * No database: an auth is built by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "../../src/risks/risks.h"

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

static const char *scope(role_grant *grants, int n)
{
    return entity_read_scope(reader(grants, n), &entity_risks, "t");
}

static void test_who_sees_all(void **state)
{
    (void)state;
    const role all[] = {ROLE_CISO,    ROLE_IT_SECURITY,  ROLE_LEDNING,
                        ROLE_AUDITOR, ROLE_FORUM_MEMBER, ROLE_TENANT_ADMIN};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
        role_grant g = {all[i], 1, "/1/"};
        assert_string_equal(scope(&g, 1), "");
    }
}

static void test_writer_owner_and_none(void **state)
{
    (void)state;
    role_grant coordinator = {ROLE_COORDINATOR, 8, "/1/3/8/"};
    assert_string_equal(scope(&coordinator, 1),
                        " AND (t.unit_id IN (SELECT nk.id FROM unit nk WHERE nk.tenant_id = "
                        "t.tenant_id AND nk.path LIKE '/1/3/8/%') OR t.owner_id = 20)");
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_who_sees_all),
        cmocka_unit_test(test_writer_owner_and_none),
        cmocka_unit_test(test_odd_paths_never_reach_sql),
        cmocka_unit_test(test_other_entities_unscoped),
        cmocka_unit_test(test_audit_rows_readable),
    };
    return cmocka_run_group_tests_name("read_scope", tests, NULL, NULL);
}
