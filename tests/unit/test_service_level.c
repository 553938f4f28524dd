/* Unit tests of an internal service level against the verksamhet's need and the
 * suppliers' backing (src/continuity/service_level.c): table-driven, by situation. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include "../../src/continuity/service_level.h"

#define N_ELEMS(x) (sizeof(x) / sizeof((x)[0]))

#define NO_NEED                                                                                    \
    {                                                                                              \
        -1, -1, -1                                                                                 \
    }
#define NO_SUPPLIER NULL
#define AGREED(rto, rpo, avail, support) (&(const sl_agreed){rto, rpo, avail, support})
#define SUPPLIER(rto, rpo, avail) (&(const sl_supplier){rto, rpo, avail})

static const struct gap_case {
    const char *name;
    const sl_agreed *agreed;
    sl_need need; /* rto, rpo, mtpd */
    const sl_supplier *supplier;
    unsigned expected;
} gap_cases[] = {
    {"no need and no service level", NULL, NO_NEED, NO_SUPPLIER, 0},
    {"a BIA need but no service level", NULL, {8, 4, 24}, NO_SUPPLIER, SL_GAP_MISSING},
    {"only an RPO is needed, none agreed", NULL, {-1, 4, -1}, NO_SUPPLIER, SL_GAP_MISSING},
    {"a service level without a need has no gap", AGREED(48, 24, 99.5, SL_SUPPORT_OFFICE), NO_NEED,
     NO_SUPPLIER, 0},
    {"agreed as needed", AGREED(72, 24, 99.5, SL_SUPPORT_OFFICE), {72, 24, 168}, NO_SUPPLIER, 0},
    {"restore slower than the RTO",
     AGREED(96, 24, -1, SL_SUPPORT_OFFICE),
     {72, 24, 168},
     NO_SUPPLIER,
     SL_GAP_RTO_WEAKER},
    {"no RTO but the MTPD stands in",
     AGREED(48, -1, -1, SL_SUPPORT_ALWAYS),
     {-1, -1, 24},
     NO_SUPPLIER,
     SL_GAP_RTO_WEAKER},
    {"the MTPD stricter than the RTO wins",
     AGREED(12, -1, -1, SL_SUPPORT_ALWAYS),
     {24, -1, 8},
     NO_SUPPLIER,
     SL_GAP_RTO_WEAKER},
    {"restore time needed, none agreed",
     AGREED(-1, 4, -1, SL_SUPPORT_ALWAYS),
     {100, 4, -1},
     NO_SUPPLIER,
     SL_GAP_RTO_MISSING},
    {"more data lost than allowed",
     AGREED(100, 24, -1, SL_SUPPORT_OFFICE),
     {100, 4, -1},
     NO_SUPPLIER,
     SL_GAP_RPO_WEAKER},
    {"RPO needed, none agreed",
     AGREED(100, -1, -1, SL_SUPPORT_OFFICE),
     {100, 4, -1},
     NO_SUPPLIER,
     SL_GAP_RPO_MISSING},
    {"under 24 h needs 24/7, office hours fall short",
     AGREED(8, -1, -1, SL_SUPPORT_OFFICE),
     {8, -1, -1},
     NO_SUPPLIER,
     SL_GAP_SUPPORT},
    {"under 24 h needs 24/7, extended hours fall short",
     AGREED(8, -1, -1, SL_SUPPORT_EXTENDED),
     {8, -1, -1},
     NO_SUPPLIER,
     SL_GAP_SUPPORT},
    {"under 24 h with 24/7 support",
     AGREED(8, -1, -1, SL_SUPPORT_ALWAYS),
     {8, -1, -1},
     NO_SUPPLIER,
     0},
    {"exactly 24 h: extended hours reach it",
     AGREED(24, -1, -1, SL_SUPPORT_EXTENDED),
     {24, -1, -1},
     NO_SUPPLIER,
     0},
    {"two days: office hours miss a weekend",
     AGREED(48, -1, -1, SL_SUPPORT_OFFICE),
     {48, -1, -1},
     NO_SUPPLIER,
     SL_GAP_SUPPORT},
    {"three days: office hours do",
     AGREED(72, -1, -1, SL_SUPPORT_OFFICE),
     {72, -1, -1},
     NO_SUPPLIER,
     0},
    {"support hours not stated under a short need",
     AGREED(8, -1, -1, SL_SUPPORT_NONE),
     {8, -1, -1},
     NO_SUPPLIER,
     SL_GAP_SUPPORT},
    {"the supplier restores slower than IT promises",
     AGREED(8, 4, 99.5, SL_SUPPORT_ALWAYS),
     {8, 4, -1},
     SUPPLIER(24, 4, 99.5),
     SL_GAP_SUPPLIER_RTO},
    {"the supplier may lose more data", AGREED(8, 4, -1, SL_SUPPORT_ALWAYS), NO_NEED,
     SUPPLIER(8, 24, -1), SL_GAP_SUPPLIER_RPO},
    {"the supplier promises less availability", AGREED(-1, -1, 99.9, SL_SUPPORT_ALWAYS), NO_NEED,
     SUPPLIER(-1, -1, 99.5), SL_GAP_SUPPLIER_AVAIL},
    {"the supplier backs every promise",
     AGREED(8, 4, 99.5, SL_SUPPORT_ALWAYS),
     {8, 4, 24},
     SUPPLIER(4, 1, 99.9),
     0},
    {"a supplier silent on figures backs nothing, flags nothing",
     AGREED(8, 4, 99.5, SL_SUPPORT_ALWAYS),
     {8, 4, 24},
     SUPPLIER(-1, -1, -1),
     0},
    {"several gaps at once",
     AGREED(48, 24, 99.9, SL_SUPPORT_OFFICE),
     {4, 1, 8},
     SUPPLIER(72, 24, 99.0),
     SL_GAP_RTO_WEAKER | SL_GAP_RPO_WEAKER | SL_GAP_SUPPORT | SL_GAP_SUPPLIER_RTO |
         SL_GAP_SUPPLIER_AVAIL},
};

static void test_gaps(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(gap_cases); i++) {
        const struct gap_case *c = &gap_cases[i];
        unsigned got = sl_gaps(c->agreed, &c->need, c->supplier);
        if (got != c->expected) fail_msg("%s: gaps %#x, not %#x", c->name, got, c->expected);
    }
}

static const struct support_case {
    const char *name;
    int hours;
    sl_support expected;
} support_cases[] = {
    {"no need", -1, SL_SUPPORT_NONE},
    {"immediately", 0, SL_SUPPORT_ALWAYS},
    {"a working day", 23, SL_SUPPORT_ALWAYS},
    {"a day", 24, SL_SUPPORT_EXTENDED},
    {"almost three days", 71, SL_SUPPORT_EXTENDED},
    {"three days", 72, SL_SUPPORT_NONE},
    {"a week", 168, SL_SUPPORT_NONE},
};

static void test_support_needed(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(support_cases); i++) {
        const struct support_case *c = &support_cases[i];
        sl_support got = sl_support_needed(c->hours);
        if (got != c->expected) fail_msg("%s: %d, not %d", c->name, got, c->expected);
    }
    assert_int_equal(sl_support_of("office"), SL_SUPPORT_OFFICE);
    assert_int_equal(sl_support_of("extended"), SL_SUPPORT_EXTENDED);
    assert_int_equal(sl_support_of("always"), SL_SUPPORT_ALWAYS);
    assert_int_equal(sl_support_of("24/7"), SL_SUPPORT_NONE);
    assert_int_equal(sl_support_of(NULL), SL_SUPPORT_NONE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gaps),
        cmocka_unit_test(test_support_needed),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
