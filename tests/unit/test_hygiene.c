/* Unit tests of directory hygiene (src/scans/hygiene.c): sign-in times in the forms
 * exports write them (ISO, Swedish, Windows FILETIME, never), yes/no cells, admin groups
 * in DNs and plain lists, the checks at their edges, and whole AD / Entra ID exports with
 * bad rows reported per row. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "../../src/scans/hygiene.h"

static void test_times(void **state)
{
    (void)state;
    static const struct {
        const char *in, *out;
        bool ok;
    } cases[] = {
        {"2026-03-01T08:15:00Z", "2026-03-01", true},
        {"2026-03-01T08:15:00.1234567+01:00", "2026-03-01", true},
        {"2026-03-01 08:15", "2026-03-01", true},
        {"2026-03-01", "2026-03-01", true},
        {"", "", true},
        {"Never", "", true},
        {"0", "", true},
        {"9223372036854775807", "", true},
        {"133540704000000000", "2024-03-05", true}, /* FILETIME */
        {"116444736000000000", "1970-01-01", true},
        {"2026-02-30", "", false},
        {"3/1/2026 8:15:00 AM", "", false},
        {"yesterday", "", false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char out[11];
        bool ok = hygiene_parse_time(cases[i].in, out);
        assert_int_equal(ok, cases[i].ok);
        if (ok) assert_string_equal(out, cases[i].out);
    }
}

static void test_bools(void **state)
{
    (void)state;
    static const struct {
        const char *in;
        bool ok, value;
    } cases[] = {{"True", true, true},    {"FALSE", true, false}, {"1", true, true},
                 {"0", true, false},      {"Ja", true, true},     {" nej ", true, false},
                 {"maybe", false, false}, {"", false, false}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        bool v = !cases[i].value;
        assert_int_equal(hygiene_parse_bool(cases[i].in, &v), cases[i].ok);
        if (cases[i].ok) assert_int_equal(v, cases[i].value);
    }
}

static void test_groups(void **state)
{
    (void)state;
    const char *const *g = hygiene_default_admin_groups;
    assert_true(hygiene_in_groups("CN=Domain Admins,CN=Users,DC=kommun,DC=se", g));
    assert_true(hygiene_in_groups("CN=Staff,OU=G,DC=k;CN=Enterprise Admins,CN=Users,DC=k", g));
    assert_true(hygiene_in_groups("Staff, administratörer", g));
    assert_true(hygiene_in_groups("Staff|Domain Admins", g));
    assert_false(hygiene_in_groups("CN=Domain Admins Readers,CN=Users,DC=k", g));
    assert_false(hygiene_in_groups("CN=Users,OU=Domain Admins,DC=k", g));
    assert_false(hygiene_in_groups("", g));
    const char *own[] = {"IT-Admin", NULL};
    assert_true(hygiene_in_groups("Staff;it-admin", own));
    assert_false(hygiene_in_groups("Domain Admins", own));
}

static void test_checks(void **state)
{
    (void)state;
    static const struct {
        const char *last;
        bool enabled, privileged;
        bool inactive, never, priv;
    } cases[] = {
        {"2026-03-01", true, false, false, false, false}, /* exactly 90 days: not yet */
        {"2026-02-28", true, false, true, false, false},  /* 91 days */
        {"", true, false, false, true, false},
        {"2025-01-01", false, true, false, false, false}, /* disabled: nothing */
        {"", false, false, false, false, false},
        {"2025-01-01", true, true, true, false, true},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        dir_account a = {.enabled = cases[i].enabled, .privileged = cases[i].privileged};
        strcpy(a.last, cases[i].last);
        assert_int_equal(hygiene_reports(&a, HYG_INACTIVE, "2026-05-30", 90), cases[i].inactive);
        assert_int_equal(hygiene_reports(&a, HYG_NEVER_USED, "2026-05-30", 90), cases[i].never);
        assert_int_equal(hygiene_reports(&a, HYG_PRIVILEGED, "2026-05-30", 90), cases[i].priv);
    }
}

typedef struct seen {
    int n, errors;
    dir_account acc[8];
    char error[200];
} seen;

static void on_acc(void *ctx, const dir_account *a)
{
    seen *s = ctx;
    if (s->n < 8) s->acc[s->n] = *a;
    s->n++;
}

static void on_err(void *ctx, int line, const char *m)
{
    seen *s = ctx;
    if (!s->errors) snprintf(s->error, sizeof s->error, "%d: %s", line, m);
    s->errors++;
}

static void test_ad_export(void **state)
{
    (void)state;
    const char *csv =
        "\xEF\xBB\xBF\"sAMAccountName\";\"displayName\";\"Enabled\";\"lastLogonTimestamp\";"
        "\"memberOf\";\"distinguishedName\"\r\n"
        "\"adm.anna\";\"Anna Admin\";\"True\";\"133540704000000000\";\"CN=Domain "
        "Admins,CN=Users,DC=k,DC=se\";\"CN=adm.anna,OU=IT,DC=k,DC=se\"\r\n"
        "\"ny.nils\";\"Nils Ny\";\"True\";\"\";\"\";\"CN=ny.nils,OU=Skola,DC=k,DC=se\"\r\n"
        ";;;;;\r\n"
        "\"gammal\";\"Gammal\";\"False\";\"2020-01-01 08:00\";\"\";\"\"\r\n";
    arena a;
    arena_init(&a, 0);
    seen s = {0};
    dir_sink sink = {&s, on_acc, on_err};
    char err[200] = "";
    assert_true(
        hygiene_parse(&a, csv, strlen(csv), hygiene_default_admin_groups, &sink, err, sizeof err));
    assert_int_equal(s.errors, 0);
    assert_int_equal(s.n, 3);
    assert_string_equal(s.acc[0].name, "adm.anna");
    assert_string_equal(s.acc[0].last, "2024-03-05");
    assert_true(s.acc[0].privileged);
    assert_string_equal(s.acc[0].unit, "IT");
    assert_string_equal(s.acc[1].last, "");
    assert_false(s.acc[1].privileged);
    assert_false(s.acc[2].enabled);
    assert_string_equal(s.acc[2].last, "2020-01-01");
    arena_free(&a);
}

static void test_entra_export_and_bad_rows(void **state)
{
    (void)state;
    const char *csv = "userPrincipalName,displayName,accountEnabled,"
                      "approximateLastSignInDateTime,department\n"
                      "eva@k.se,Eva,true,2026-05-01T10:00:00Z,Socialförvaltningen\n"
                      ",Nobody,true,,\n"
                      "bo@k.se,Bo,kanske,,\n"
                      "cia@k.se,Cia,true,igår,\n";
    arena a;
    arena_init(&a, 0);
    seen s = {0};
    dir_sink sink = {&s, on_acc, on_err};
    char err[200] = "";
    assert_true(
        hygiene_parse(&a, csv, strlen(csv), hygiene_default_admin_groups, &sink, err, sizeof err));
    assert_int_equal(s.n, 1);
    assert_string_equal(s.acc[0].name, "eva@k.se");
    assert_string_equal(s.acc[0].unit, "Socialförvaltningen");
    assert_int_equal(s.errors, 3);
    assert_string_equal(s.error, "3: the row names no account");
    const char *nohead = "name;mail\nx;y\n";
    assert_false(hygiene_parse(&a, nohead, strlen(nohead), hygiene_default_admin_groups, &sink, err,
                               sizeof err));
    assert_non_null(strstr(err, "sAMAccountName"));
    arena_free(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_times),     cmocka_unit_test(test_bools),
        cmocka_unit_test(test_groups),    cmocka_unit_test(test_checks),
        cmocka_unit_test(test_ad_export), cmocka_unit_test(test_entra_export_and_bad_rows),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
