/* Unit tests of what protects what (src/coverage/protection.c): when MFA is required of a
 * system by its confidentiality level and the catalogue's level (BEH-08), when it is
 * missing, and how systems are counted — by situation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "../../src/coverage/protection.h"

typedef struct mfa_case {
    const char *situation;
    int k, from;
    const char *mfa;
    bool required, missing;
} mfa_case;

static const mfa_case mfa_cases[] = {
    {"K2 system without MFA, required from 2", 2, 2, "no", true, true},
    {"K2 system whose MFA is not stated counts as missing", 2, 2, NULL, true, true},
    {"K2 system with MFA", 2, 2, "yes", true, false},
    {"K4 system without MFA", 4, 2, "no", true, true},
    {"K1 system without MFA is not required to have it", 1, 2, "no", false, false},
    {"K0 system", 0, 2, NULL, false, false},
    {"an unclassified system is never flagged", -1, 2, NULL, false, false},
    {"the tenant disabled BEH-08: nothing is required", 4, 0, "no", false, false},
    {"the tenant raised the level to 3: K2 passes", 2, 3, "no", false, false},
    {"the tenant raised the level to 3: K3 is flagged", 3, 3, NULL, true, true},
    {"an empty value is not a yes", 3, 2, "", true, true},
};

static void test_mfa_by_situation(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof mfa_cases / sizeof mfa_cases[0]; i++) {
        const mfa_case *c = &mfa_cases[i];
        if (protection_mfa_required(c->k, c->from) != c->required ||
            protection_mfa_missing(c->k, c->from, c->mfa) != c->missing)
            fail_msg("%s", c->situation);
    }
}

static void test_counts_and_shares(void **state)
{
    (void)state;
    protection_counts c = {0};
    protection_count(&c, 3, 2, "yes", "yes");
    protection_count(&c, 2, 2, "no", "no");
    protection_count(&c, -1, 2, NULL, NULL);
    assert_int_equal(c.systems, 3);
    assert_int_equal(c.soc, 1);
    assert_int_equal(c.no_soc, 1);
    assert_int_equal(c.mfa, 1);
    assert_int_equal(c.no_mfa, 1);
    assert_int_equal(c.mfa_missing, 1);
    assert_int_equal(protection_percent(c.soc, c.systems), 33); /* rounded down */
    assert_int_equal(protection_percent(2, 3), 66);
    assert_int_equal(protection_percent(0, 0), 0); /* no systems: no share */
    assert_int_equal(protection_percent(5, 5), 100);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_mfa_by_situation),
        cmocka_unit_test(test_counts_and_shares),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
