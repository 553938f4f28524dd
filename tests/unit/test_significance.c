/* Unit tests of the significance suggestion: situations a handler meets. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "../../src/incidents/significance.h"

enum { NA = -1 };
static const long long thresholds[SIG__COUNT] = {4, 12, 200, 1};

static const struct sig_case {
    const char *name;
    long long value[SIG__COUNT]; /* restricted h, manual h, people, cost % */
    sig_suggestion want;
    bool met[SIG__COUNT];
} cases[] = {
    {"nothing answered: unknown", {NA, NA, NA, NA}, SIG_SUGGEST_UNKNOWN, {0}},
    {"school platform down 6 hours: yes", {6, NA, NA, NA}, SIG_SUGGEST_YES, {1, 0, 0, 0}},
    {"exactly at the threshold counts", {4, 0, 0, 0}, SIG_SUGGEST_YES, {1, 0, 0, 0}},
    {"home care on paper for a day", {2, 24, NA, NA}, SIG_SUGGEST_YES, {0, 1, 0, 0}},
    {"a misdirected e-mail with 12 pupils' data, all answered: no",
     {0, 0, 12, 0},
     SIG_SUGGEST_NO,
     {0}},
    {"below on what is known, one question open: unknown",
     {1, 2, 50, NA},
     SIG_SUGGEST_UNKNOWN,
     {0}},
    {"ransomware: several reached", {72, 72, 5000, 3}, SIG_SUGGEST_YES, {1, 1, 1, 1}},
    {"a zero answer is an answer", {0, 0, 0, 0}, SIG_SUGGEST_NO, {0}},
};

static void test_suggestions(void **state)
{
    (void)state;
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        bool met[SIG__COUNT];
        sig_suggestion got = sig_suggest(cases[c].value, thresholds, met);
        if (got != cases[c].want)
            fail_msg("%s: got %d, want %d", cases[c].name, got, cases[c].want);
        for (int i = 0; i < SIG__COUNT; i++)
            if (met[i] != cases[c].met[i])
                fail_msg("%s: criterion %d met %d", cases[c].name, i, met[i]);
    }
}

static void test_codes(void **state)
{
    (void)state;
    for (int i = 0; i < SIG__COUNT; i++)
        assert_int_equal(sig_from_code(sig_rules[i].code), i);
    assert_int_equal(sig_from_code("people "), -1);
    assert_int_equal(sig_from_code(NULL), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_suggestions),
        cmocka_unit_test(test_codes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
