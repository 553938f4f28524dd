/* Unit tests of local passwords switched off per tenant (src/auth/local_login.h): who a
 * password lets in, by situation, and which states of a tenant are allowed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "../../src/auth/local_login.h"

static const struct {
    const char *situation;
    bool passwords_on, emergency_admin, twostep_on;
    local_login expected;
} decisions[] = {
    {"passwords on: an employee logs in", true, false, false, LOCAL_LOGIN_ALLOWED},
    {"passwords on: an employee with two-step logs in", true, false, true, LOCAL_LOGIN_ALLOWED},
    {"passwords on: an emergency admin without two-step still logs in", true, true, false,
     LOCAL_LOGIN_ALLOWED},
    {"passwords off: an employee is sent to the provider", false, false, false, LOCAL_LOGIN_OFF},
    {"passwords off: two-step alone does not make an emergency admin", false, false, true,
     LOCAL_LOGIN_OFF},
    {"passwords off: an emergency admin without two-step is told to set it up", false, true, false,
     LOCAL_LOGIN_NEEDS_TWOSTEP},
    {"passwords off: an emergency admin with two-step logs in", false, true, true,
     LOCAL_LOGIN_ALLOWED},
};

static void test_who_a_password_lets_in(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof decisions / sizeof decisions[0]; i++) {
        local_login got = local_login_decide(decisions[i].passwords_on,
                                             decisions[i].emergency_admin, decisions[i].twostep_on);
        if (got != decisions[i].expected) fail_msg("%s: got %d", decisions[i].situation, got);
    }
}

static const struct {
    const char *situation;
    bool passwords_on;
    int ready_admins;
    bool allowed;
} states[] = {
    {"passwords on without any emergency admin", true, 0, true},
    {"passwords on with emergency admins", true, 2, true},
    {"passwords off with one emergency admin with two-step", false, 1, true},
    {"passwords off with several", false, 3, true},
    {"passwords off and nobody left to get in when the provider is down", false, 0, false},
};

static void test_allowed_states_of_a_tenant(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof states / sizeof states[0]; i++)
        if (local_login_consistent(states[i].passwords_on, states[i].ready_admins) !=
            states[i].allowed)
            fail_msg("%s", states[i].situation);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_who_a_password_lets_in),
        cmocka_unit_test(test_allowed_states_of_a_tenant),
    };
    return cmocka_run_group_tests_name("local_login", tests, NULL, NULL);
}
