/* Unit tests of the suppliers' own rules (src/suppliers/): the organisationsnummer's check
 * digit and its one stored form, an SLA's availability as written in Swedish and English,
 * the last day to give notice, and where an SLA promises less than a continuity plan
 * needs. Table-driven, by situation; no database. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "../../src/suppliers/suppliers.h"
#include "../../src/core/util.h"

#define N_ELEMS(x) (sizeof(x) / sizeof((x)[0]))

static const struct orgnr_case {
    const char *name, *in, *expected; /* expected NULL: refused */
} orgnr_cases[] = {
    {"Bolagsverket's form", "556677-8899", "556677-8899"},
    {"without the hyphen", "5566778899", "556677-8899"},
    {"with the 16 prefix", "16 556677-8899", "556677-8899"},
    {"twelve digits with 16", "165566778899", "556677-8899"},
    {"a kommun's own number", "212000-0142", "212000-0142"},
    {"wrong check digit", "556677-8898", NULL},
    {"nine digits", "556677-889", NULL},
    {"eleven digits", "55667788990", NULL},
    {"twelve digits without 16", "195566778899", NULL},
    {"two hyphens", "5566-77-8899", NULL},
    {"a letter", "55667A-8899", NULL},
    {"empty", "", NULL},
    {"NULL", NULL, NULL},
};

static void test_orgnr(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(orgnr_cases); i++) {
        const struct orgnr_case *c = &orgnr_cases[i];
        char out[12] = "";
        bool ok = orgnr_normalise(c->in, out);
        if (ok != (c->expected != NULL)) fail_msg("%s: accepted %d", c->name, ok);
        if (ok && strcmp(out, c->expected)) fail_msg("%s: %s, not %s", c->name, out, c->expected);
    }
}

static const struct availability_case {
    const char *name, *in, *expected;
} availability_cases[] = {
    {"Swedish decimal comma", "99,5", "99.5"},
    {"with a percent sign", "99.95 %", "99.95"},
    {"trailing zeros are one promise", "99,50", "99.5"},
    {"whole", "100", "100"},
    {"zero", "0", "0"},
    {"over 100", "100.1", NULL},
    {"four decimals", "99.9999", NULL},
    {"a comma and nothing after", "99,", NULL},
    {"words", "nästan alltid", NULL},
    {"negative", "-1", NULL},
    {"text after", "99.5 % per månad", NULL},
    {"empty", "", NULL},
};

static void test_availability(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(availability_cases); i++) {
        const struct availability_case *c = &availability_cases[i];
        char out[16] = "";
        bool ok = availability_normalise(c->in, out);
        if (ok != (c->expected != NULL)) fail_msg("%s: accepted %d", c->name, ok);
        if (ok && strcmp(out, c->expected)) fail_msg("%s: %s, not %s", c->name, out, c->expected);
    }
}

static void test_notice_date(void **state)
{
    (void)state;
    char out[11];
    assert_true(agreement_notice_date("2027-12-31", 6, out));
    assert_string_equal(out, "2027-06-30");
    /* a day the month lacks becomes its last */
    assert_true(agreement_notice_date("2027-05-31", 3, out));
    assert_string_equal(out, "2027-02-28");
    assert_true(agreement_notice_date("2028-05-31", 3, out));
    assert_string_equal(out, "2028-02-29");
    assert_true(agreement_notice_date("2027-01-15", 0, out));
    assert_string_equal(out, "2027-01-15");
    assert_false(agreement_notice_date("2027-02-30", 1, out));
    assert_false(agreement_notice_date("2027-02-01", -1, out));
}

static const struct sla_case {
    const char *name;
    long sla_rto, sla_rpo, backup, plan_rto, plan_rpo;
    unsigned expected;
} sla_cases[] = {
    {"promise as good as the need", 8, 4, 4, 8, 4, 0},
    {"promise better than the need", 4, 1, 1, 8, 4, 0},
    {"RTO 24 against the plan's 8", 24, 4, 4, 8, 4, SLA_RTO_WEAKER},
    {"RPO longer than the plan's", 8, 24, 4, 8, 4, SLA_RPO_WEAKER},
    {"nightly backups for a 4-hour RPO", 8, 4, 24, 8, 4, SLA_BACKUP_WEAKER},
    {"no RTO promised", -1, 4, -1, 8, 4, SLA_RTO_MISSING},
    {"nothing promised", -1, -1, -1, 8, 4, SLA_RTO_MISSING | SLA_RPO_MISSING},
    {"the plan sets no RPO", 8, -1, 48, 8, -1, 0},
    {"the plan sets nothing", 100, 100, 100, -1, -1, 0},
};

static void test_sla_shortfall(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(sla_cases); i++) {
        const struct sla_case *c = &sla_cases[i];
        unsigned got = sla_shortfall(c->sla_rto, c->sla_rpo, c->backup, c->plan_rto, c->plan_rpo);
        if (got != c->expected) fail_msg("%s: %#x, not %#x", c->name, got, c->expected);
    }
}

static const struct cert_case {
    const char *name, *expires, *today;
    cert_state expected;
} cert_cases[] = {
    {"no expiry given", NULL, "2026-12-04", CERT_NO_DATE},
    {"empty expiry", "", "2026-12-04", CERT_NO_DATE},
    {"expired yesterday", "2026-12-03", "2026-12-04", CERT_EXPIRED},
    {"expires today: still valid, flagged", "2026-12-04", "2026-12-04", CERT_EXPIRING},
    {"in 30 days", "2027-01-03", "2026-12-04", CERT_EXPIRING},
    {"in exactly 60 days", "2027-02-02", "2026-12-04", CERT_EXPIRING},
    {"in 61 days", "2027-02-03", "2026-12-04", CERT_VALID},
    {"next year", "2027-12-31", "2026-12-04", CERT_VALID},
};

static void test_certification_state(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(cert_cases); i++) {
        const struct cert_case *c = &cert_cases[i];
        cert_state got = certification_state(c->expires, c->today);
        if (got != c->expected) fail_msg("%s: %d, not %d", c->name, got, c->expected);
    }
}

static void test_next_review(void **state)
{
    (void)state;
    char out[11];
    assert_true(supplier_next_review("2026-11-15", 12, out));
    assert_string_equal(out, "2027-11-15");
    assert_true(supplier_next_review("2026-11-15", 6, out));
    assert_string_equal(out, "2027-05-15");
    assert_true(supplier_next_review("2026-08-31", 6, out)); /* no 31 February */
    assert_string_equal(out, "2027-02-28");
    assert_true(supplier_next_review("2026-11-15", 0, out)); /* no interval: yearly */
    assert_string_equal(out, "2027-11-15");
    assert_false(supplier_next_review("2026-13-01", 12, out));
}

static void test_answer_word(void **state)
{
    (void)state;
    arena a;
    arena_init(&a, 4096);
    static const char *const cases[][2] = {
        {"Uppfyllt", "met"},
        {"uppfyllt ", "met"},
        {"MET", "met"},
        {"delvis", "partly"},
        {"Delvis uppfyllt", "partly"},
        {"partly", "partly"},
        {"ej uppfyllt", "not_met"},
        {"Ej  Uppfyllt", "not_met"},
        {"not met", "not_met"},
        {"kanske", NULL},
        {"", NULL},
        {"uppfyllt?", NULL},
    };
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        const char *got = supplier_answer_word(&a, cases[i][0]);
        if (!str_same(got, cases[i][1]))
            fail_msg("\"%s\": %s, not %s", cases[i][0], got ? got : "NULL",
                     cases[i][1] ? cases[i][1] : "NULL");
    }
    assert_null(supplier_answer_word(&a, NULL));
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_orgnr),
        cmocka_unit_test(test_availability),
        cmocka_unit_test(test_notice_date),
        cmocka_unit_test(test_sla_shortfall),
        cmocka_unit_test(test_certification_state),
        cmocka_unit_test(test_next_review),
        cmocka_unit_test(test_answer_word),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
