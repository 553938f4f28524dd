/* Unit tests of the scan readers and rules (src/scans/parse.c, rules.c): severity from
 * CVSS v3 before v2 before the scanner's rating, NVD's bands at their edges; host rule
 * patterns; each format read from the sample exports with the counts the files hold;
 * the quirks of real exports (padding rows, ';' and decimal commas, Windows-1252, no host
 * name, informational entries); and bad input reported per row or as a malformed file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "../../src/scans/parse.h"
#include "../../src/scans/scans.h"

#define FIXTURES "tests/fixtures/scans/"

typedef struct seen {
    int items, errors, by_severity[SEV_CRITICAL + 1];
    scan_item first, last;
    char error[200];
} seen;

static bool on_item(void *ctx, const scan_item *it)
{
    seen *s = ctx;
    if (!s->items) s->first = *it;
    s->last = *it;
    s->items++;
    const char *score, *version;
    s->by_severity[scan_item_severity(it, &score, &version)]++;
    return true;
}

static void on_error(void *ctx, int line, const char *message)
{
    seen *s = ctx;
    if (!s->errors) snprintf(s->error, sizeof s->error, "%d: %s", line, message);
    s->errors++;
}

static bool read_text(const char *text, seen *s, char *err)
{
    memset(s, 0, sizeof *s);
    scan_sink sink = {s, on_item, on_error};
    return scan_parse_memory(text, strlen(text), &sink, err, 200);
}

static bool read_file(const char *path, seen *s, char *err)
{
    memset(s, 0, sizeof *s);
    scan_sink sink = {s, on_item, on_error};
    return scan_parse_file(path, &sink, err, 200);
}

static scan_severity severity_of(const char *v3, const char *v2, const char *rating,
                                 const char **score)
{
    scan_item it = {0};
    snprintf(it.cvss3, sizeof it.cvss3, "%s", v3);
    snprintf(it.cvss2, sizeof it.cvss2, "%s", v2);
    snprintf(it.rating, sizeof it.rating, "%s", rating);
    const char *version;
    return scan_item_severity(&it, score, &version);
}

static void test_severity_bands(void **state)
{
    (void)state;
    const char *score;
    assert_int_equal(severity_of("9.0", "", "", &score), SEV_CRITICAL);
    assert_int_equal(severity_of("8.9", "", "", &score), SEV_HIGH);
    assert_int_equal(severity_of("7.0", "", "", &score), SEV_HIGH);
    assert_int_equal(severity_of("6.9", "", "", &score), SEV_MEDIUM);
    assert_int_equal(severity_of("4.0", "", "", &score), SEV_MEDIUM);
    assert_int_equal(severity_of("3.9", "", "", &score), SEV_LOW);
    assert_int_equal(severity_of("0.1", "", "", &score), SEV_LOW);
    assert_int_equal(severity_of("0.0", "", "High", &score), SEV_NONE);
    /* v3 before v2: the same finding is medium by v3 though high by v2 */
    assert_int_equal(severity_of("6.5", "7.5", "", &score), SEV_MEDIUM);
    assert_string_equal(score, "6.5");
    assert_int_equal(severity_of("", "7.5", "", &score), SEV_HIGH);
    assert_string_equal(score, "7.5");
    /* a Swedish Excel's decimal comma */
    assert_int_equal(severity_of("9,8", "", "", &score), SEV_CRITICAL);
    /* no score: the scanner's own rating */
    assert_int_equal(severity_of("", "", "3", &score), SEV_HIGH);
    assert_string_equal(score, "");
    assert_int_equal(severity_of("", "", "Critical", &score), SEV_CRITICAL);
    assert_int_equal(severity_of("", "", "None", &score), SEV_NONE);
    assert_int_equal(severity_of("", "", "Log", &score), SEV_NONE);
    /* a score that is none falls back on the rating */
    assert_int_equal(severity_of("n/a", "11", "Medium", &score), SEV_MEDIUM);
}

static void test_deadlines_and_patterns(void **state)
{
    (void)state;
    assert_int_equal(scan_default_days(SEV_CRITICAL), 14);
    assert_int_equal(scan_default_days(SEV_HIGH), 30);
    assert_int_equal(scan_default_days(SEV_MEDIUM), 90);
    assert_int_equal(scan_default_days(SEV_LOW), 180);
    assert_true(scan_pattern_matches("10.1.2.*", "10.1.2.33"));
    assert_false(scan_pattern_matches("10.1.2.*", "10.1.20.3"));
    assert_true(scan_pattern_matches("EKONOMI-DB01", "ekonomi-db01"));
    assert_false(scan_pattern_matches("ekonomi-db01", "ekonomi-db01.kommun.local"));
    assert_true(scan_pattern_matches("ekonomi-*", "ekonomi-db01.kommun.local"));
    assert_false(scan_pattern_matches("", "x"));
    assert_false(scan_pattern_matches("x", ""));
    /* address ranges: CIDR and from–to, IPv4 and IPv6; a name with a hyphen is a name */
    assert_true(scan_pattern_matches("10.20.0.0/16", "10.20.255.7"));
    assert_true(scan_pattern_matches("10.20.0.0/16", "10.20.0.0"));
    assert_false(scan_pattern_matches("10.20.0.0/16", "10.21.0.1"));
    assert_true(scan_pattern_matches("10.20.3.9/24", "10.20.3.200")); /* host bits ignored */
    assert_true(scan_pattern_matches("0.0.0.0/0", "192.168.1.1"));
    assert_true(scan_pattern_matches("10.1.1.17/32", "10.1.1.17"));
    assert_false(scan_pattern_matches("10.1.1.17/32", "10.1.1.18"));
    assert_true(scan_pattern_matches("10.20.1.10-10.20.1.50", "10.20.1.50"));
    assert_false(scan_pattern_matches("10.20.1.10-10.20.1.50", "10.20.1.51"));
    assert_false(scan_pattern_matches("10.20.1.10-10.20.1.50", "10.20.1.9"));
    assert_true(scan_pattern_matches("2001:db8::/32", "2001:db8:1::5"));
    assert_false(scan_pattern_matches("2001:db8::/32", "2001:db9::5"));
    assert_false(scan_pattern_matches("10.0.0.0/8", "ekonomi-db01")); /* a name is no address */
    assert_true(scan_pattern_matches("skola-srv01", "SKOLA-SRV01"));
    unsigned char lo[16], hi[16];
    assert_int_equal(scan_range_parse("skola-srv01", lo, hi), SCAN_RANGE_NONE);
    assert_int_equal(scan_range_parse("10.0.0.0/33", lo, hi), SCAN_RANGE_BAD);
    assert_int_equal(scan_range_parse("10.0.0.0/x", lo, hi), SCAN_RANGE_BAD);
    assert_int_equal(scan_range_parse("10.0.0.9-10.0.0.1", lo, hi), SCAN_RANGE_BAD);
    assert_int_equal(scan_range_parse("10.0.0.1-2001:db8::1", lo, hi), SCAN_RANGE_BAD);
    assert_int_equal(scan_range_parse("10.0.0.1-10.0.0.9", lo, hi), SCAN_RANGE_OK);
    /* the most specific rule is tried first */
    assert_true(scan_rule_order("10.20.1.5", "10.20.0.0/16") < 0);
    assert_true(scan_rule_order("10.20.1.0/24", "10.20.0.0/16") < 0);
    assert_true(scan_rule_order("10.20.1.1-10.20.1.9", "10.20.1.0/24") < 0);
    assert_true(scan_rule_order("10.20.0.0/16", "10.20.*") < 0);
    assert_true(scan_rule_order("ekonomi-db*", "ekonomi-*") < 0);
    assert_int_equal(scan_rule_order("a", "b"), 0);
}

static void test_detect(void **state)
{
    (void)state;
    const char *nessus = "<?xml version=\"1.0\" ?>\n<NessusClientData_v2>";
    assert_int_equal(scan_detect(nessus, strlen(nessus)), SCAN_NESSUS_XML);
    assert_int_equal(scan_detect("\xEF\xBB\xBF<report id=\"x\">", 19), SCAN_OPENVAS_XML);
    const char *csv = "Plugin ID,CVE,CVSS,Risk,Host,Protocol,Port,Name\n";
    assert_int_equal(scan_detect(csv, strlen(csv)), SCAN_NESSUS_CSV);
    assert_int_equal(scan_detect("namn;adress\n", 12), SCAN_UNKNOWN);
    assert_int_equal(scan_detect("<html>", 6), SCAN_UNKNOWN);
}

static void test_openvas_samples(void **state)
{
    (void)state;
    seen s;
    char err[200] = "";
    assert_true(read_file(FIXTURES "many_vuln.xml", &s, err));
    assert_int_equal(s.items, 44);
    assert_int_equal(s.errors, 0);
    /* by each NVT's cvss_base (the sample has no v3): 8 ≥ 9.0, 11 ≥ 7.0, 25 ≥ 4.0 */
    assert_int_equal(s.by_severity[SEV_CRITICAL], 8);
    assert_int_equal(s.by_severity[SEV_HIGH], 11);
    assert_int_equal(s.by_severity[SEV_MEDIUM], 25);
    assert_string_equal(s.first.host, "192.168.1.1001");
    assert_true(read_file(FIXTURES "one_vuln.xml", &s, err));
    assert_int_equal(s.items, 1);
    assert_string_equal(s.first.host, "10.0.101.2");
    assert_string_equal(s.first.host_name, "");
    assert_string_equal(s.first.plugin, "1.3.6.1.4.1.25623.1.0.832260");
    assert_string_equal(s.first.port, "general/tcp");
    assert_string_equal(s.first.cvss2, "10.0");
    assert_true(read_file(FIXTURES "no_vuln.xml", &s, err));
    assert_int_equal(s.items, 0);
}

static void test_nessus_samples(void **state)
{
    (void)state;
    seen s;
    char err[200] = "";
    assert_true(read_file(FIXTURES "two_hosts.nessus", &s, err));
    assert_int_equal(s.items, 5); /* one informational: the import leaves it out */
    assert_int_equal(s.by_severity[SEV_NONE], 1);
    assert_int_equal(s.by_severity[SEV_CRITICAL], 1);
    assert_string_equal(s.first.host, "10.20.1.15");
    assert_string_equal(s.first.host_name, "ekonomi-db01.kommun.local");
    assert_string_equal(s.last.host, "10.20.1.16");
    assert_string_equal(s.last.host_name, ""); /* a host without a name */
    assert_string_equal(s.last.port, "3389/tcp");
    /* the CSV: 4 findings among 529 padding rows */
    assert_true(read_file(FIXTURES "nessus_many_vuln.csv", &s, err));
    assert_int_equal(s.items, 4);
    assert_int_equal(s.errors, 0);
    assert_string_equal(s.first.plugin, "35291");
    assert_string_equal(s.first.port, "443/tcp");
    assert_string_equal(s.first.cvss3, "7.5");
    assert_int_equal(s.by_severity[SEV_HIGH], 1);
    assert_int_equal(s.by_severity[SEV_MEDIUM], 3);
}

static void test_csv_quirks(void **state)
{
    (void)state;
    seen s;
    char err[200] = "";
    /* ';', a decimal comma, Windows-1252 å in the name, an empty row */
    const char *semi = "Plugin ID;Host;Port;Protocol;Name;CVSS v3.0 Base Score;Risk\r\n"
                       "73756;10.0.0.1;1433;TCP;Gammal SQL Server \xE5ldrig;9,8;Critical\r\n"
                       ";;;;;;\r\n";
    assert_true(read_text(semi, &s, err));
    assert_int_equal(s.items, 1);
    assert_string_equal(s.first.port, "1433/tcp");
    assert_string_equal(s.first.title, "Gammal SQL Server \xC3\xA5ldrig");
    assert_int_equal(s.by_severity[SEV_CRITICAL], 1);
    /* rows without host or plugin are reported by line, the others still read */
    const char *bad = "Plugin ID,Host,Port\n1,10.0.0.1,80\n2,,80\n,10.0.0.3,80\n";
    assert_true(read_text(bad, &s, err));
    assert_int_equal(s.items, 1);
    assert_int_equal(s.errors, 2);
    assert_string_equal(s.error, "3: the row names no host");
    /* a header without a host column is refused as a whole */
    assert_false(read_text("Plugin Name,Host\nx,10.0.0.1\n", &s, err));
    assert_non_null(strstr(err, "Plugin ID"));
}

static void test_bad_xml(void **state)
{
    (void)state;
    seen s;
    char err[200] = "";
    assert_false(read_text("<report><results><result><host>10.0.0.1</host>", &s, err));
    assert_non_null(strstr(err, "malformed"));
    /* an OpenVAS result without a host: reported, not a finding */
    const char *nohost = "<report><report><results><result id=\"1\"><port>80/tcp</port>"
                         "<nvt oid=\"1.2\"><cvss_base>5.0</cvss_base></nvt></result>"
                         "</results></report></report>";
    assert_true(read_text(nohost, &s, err));
    assert_int_equal(s.items, 0);
    assert_int_equal(s.errors, 1);
    /* an OpenVAS false positive (a negative score from an override) is no finding */
    const char *fp = "<report><results><result id=\"2\"><host>10.0.0.1</host><port>80/tcp</port>"
                     "<nvt oid=\"1.3\"><cvss_base>5.0</cvss_base></nvt><severity>-1.0</severity>"
                     "<threat>False Positive</threat></result></results></report>";
    assert_true(read_text(fp, &s, err));
    assert_int_equal(s.items, 1);
    assert_int_equal(s.by_severity[SEV_NONE], 1);
    /* no external entity is ever fetched or expanded */
    const char *xxe =
        "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        "<report><results><result id=\"3\"><host>&x;</host><port>1/tcp</port>"
        "<nvt oid=\"1.4\"/><severity>5.0</severity></result></results></report>";
    read_text(xxe, &s, err);
    assert_true(s.items == 0 || strstr(s.first.host, "root") == NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_severity_bands), cmocka_unit_test(test_deadlines_and_patterns),
        cmocka_unit_test(test_detect),         cmocka_unit_test(test_openvas_samples),
        cmocka_unit_test(test_nessus_samples), cmocka_unit_test(test_csv_quirks),
        cmocka_unit_test(test_bad_xml),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
