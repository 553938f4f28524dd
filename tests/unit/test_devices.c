/* Unit tests of the device export reader and its checks (src/scans/devices.c): the words
 * Intune, Graph and Entra ID write for management and compliance, by situation; which check
 * reports which device; the sample export in tests/fixtures/devices; bad rows and files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "../../src/scans/devices.h"
#include "../../src/core/util.h"

typedef struct managed_case {
    const char *text;
    bool ok, managed;
} managed_case;

static void test_management_words(void **state)
{
    (void)state;
    static const managed_case cases[] = {
        {"Intune", true, true},
        {"Co-managed", true, true},
        {"ConfigMgr", true, true},
        {"managed", true, true},
        {"retirePending", true, true},
        {"True", true, true},
        {" Ja ", true, true},
        {"None", true, false},
        {"unmanaged", true, false},
        {"discovered", true, false},
        {"", true, false},
        {"Nej", true, false},
        {"kanske", false, false},
        {"Intune!", false, false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        bool managed = !cases[i].managed;
        bool ok = device_parse_managed(cases[i].text, &managed);
        if (ok != cases[i].ok || (ok && managed != cases[i].managed))
            fail_msg("management \"%s\"", cases[i].text);
    }
}

typedef struct compliance_case {
    const char *text;
    bool ok;
    dev_compliance c;
} compliance_case;

static void test_compliance_words(void **state)
{
    (void)state;
    static const compliance_case cases[] = {
        {"Compliant", true, DEV_COMPLIANT},        {"inGracePeriod", true, DEV_COMPLIANT},
        {"In grace period", true, DEV_COMPLIANT},  {"Noncompliant", true, DEV_NONCOMPLIANT},
        {"Not compliant", true, DEV_NONCOMPLIANT}, {"Error", true, DEV_NONCOMPLIANT},
        {"conflict", true, DEV_NONCOMPLIANT},      {"False", true, DEV_NONCOMPLIANT},
        {"", true, DEV_COMPLIANCE_UNKNOWN},        {"Unknown", true, DEV_COMPLIANCE_UNKNOWN},
        {"N/A", true, DEV_COMPLIANCE_UNKNOWN},     {"configManager", true, DEV_COMPLIANCE_UNKNOWN},
        {"halvbra", false, DEV_COMPLIANT},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        dev_compliance c = DEV_COMPLIANCE_UNKNOWN;
        bool ok = device_parse_compliance(cases[i].text, &c);
        if (ok != cases[i].ok || (ok && c != cases[i].c))
            fail_msg("compliance \"%s\"", cases[i].text);
    }
}

typedef struct report_case {
    const char *situation;
    bool managed;
    dev_compliance c;
    const char *last;
    bool unmanaged, noncompliant, stale;
} report_case;

static void test_checks_by_situation(void **state)
{
    (void)state;
    static const report_case cases[] = {
        {"managed, compliant, checked in yesterday", true, DEV_COMPLIANT, "2026-12-03", false,
         false, false},
        {"managed, non-compliant", true, DEV_NONCOMPLIANT, "2026-12-03", false, true, false},
        {"managed, last check-in 31 days ago: stale at 30", true, DEV_COMPLIANT, "2026-11-03",
         false, false, true},
        {"managed, last check-in exactly 30 days ago: not yet stale", true, DEV_COMPLIANT,
         "2026-11-04", false, false, false},
        {"managed, never checked in", true, DEV_COMPLIANCE_UNKNOWN, "", false, false, true},
        {"unmanaged: reported as such only", false, DEV_NONCOMPLIANT, "", true, false, false},
        {"managed, compliance unknown: no finding for it", true, DEV_COMPLIANCE_UNKNOWN,
         "2026-12-01", false, false, false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const report_case *c = &cases[i];
        device d;
        memset(&d, 0, sizeof d);
        strcpy(d.name, "PC-1");
        d.managed = c->managed;
        d.compliance = c->c;
        strcpy(d.last, c->last);
        if (device_reports(&d, DEV_UNMANAGED, "2026-12-04", 30) != c->unmanaged ||
            device_reports(&d, DEV_NONCOMPLIANT_CHECK, "2026-12-04", 30) != c->noncompliant ||
            device_reports(&d, DEV_STALE, "2026-12-04", 30) != c->stale)
            fail_msg("%s", c->situation);
    }
    assert_string_equal(device_check_code(DEV_STALE), "stale");
}

typedef struct seen {
    int devices, errors, managed, noncompliant;
    device first;
    char error[200];
} seen;

static void on_device(void *ctx, const device *d)
{
    seen *s = ctx;
    if (!s->devices) s->first = *d;
    s->devices++;
    s->managed += d->managed;
    s->noncompliant += d->compliance == DEV_NONCOMPLIANT;
}

static void on_error(void *ctx, int line, const char *message)
{
    seen *s = ctx;
    if (!s->errors) snprintf(s->error, sizeof s->error, "%d: %s", line, message);
    s->errors++;
}

static bool read_text(const char *text, seen *s, char *err)
{
    arena a;
    arena_init(&a, 0);
    memset(s, 0, sizeof *s);
    device_sink sink = {s, on_device, on_error};
    bool ok = device_parse(&a, text, strlen(text), &sink, err, 256);
    arena_free(&a);
    return ok;
}

static void test_samples_and_bad_input(void **state)
{
    (void)state;
    static char buf[8192];
    char err[256];
    FILE *f = fopen("tests/fixtures/devices/intune_all_devices.csv", "rb");
    assert_non_null(f);
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = 0;
    seen s;
    assert_true(read_text(buf, &s, err));
    assert_int_equal(s.devices, 5);
    assert_int_equal(s.errors, 0);
    assert_int_equal(s.managed, 4);
    assert_int_equal(s.noncompliant, 2);
    assert_string_equal(s.first.name, "SOC-LT-0012");
    assert_string_equal(s.first.user, "anna.andersson@exempelkommun.se");
    assert_string_equal(s.first.last, "2026-11-30");
    assert_string_equal(s.first.os, "Windows");

    assert_true(read_text("deviceName;managementState\r\nX;kanske\r\n;managed\r\n", &s, err));
    assert_int_equal(s.errors, 2);
    assert_string_equal(s.error,
                        "2: X: the management state \"kanske\" is neither managed nor unmanaged");
    assert_false(read_text("name;os\r\nx;y\r\n", &s, err));
    assert_string_equal(err, "no deviceName (Device name) column in the header");
    assert_false(read_text("Device name;OS\r\nx;y\r\n", &s, err));
    assert_string_equal(err, "no managementState (Managed by) column in the header");
    assert_false(read_text("", &s, err));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_management_words),
        cmocka_unit_test(test_compliance_words),
        cmocka_unit_test(test_checks_by_situation),
        cmocka_unit_test(test_samples_and_bad_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
