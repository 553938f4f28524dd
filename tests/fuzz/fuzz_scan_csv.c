/* fuzz_scan_csv - the scan import's Nessus CSV reader (src/scans/parse.c) on arbitrary
 * bytes: any header a Nessus version writes, ';' or ',', UTF-8 or Windows-1252, rows
 * padded with empty lines. An input that is no scan CSV gets a Nessus header put in front,
 * so the fuzzer spends its time in the rows.
 *
 * Checks besides memory errors: every finding has a host and a plugin, values are valid
 * UTF-8 within their bounds, the severity is one of the five, a failure says why. */
#include "fuzz_common.h"
#include "../../src/core/escape.h"
#include "../../src/scans/parse.h"

static bool item(void *ctx, const scan_item *it)
{
    (*(size_t *)ctx)++;
    FUZZ_CHECK(*it->host && *it->plugin, "a finding without host or plugin");
    const char *fields[] = {it->host, it->host_name, it->plugin, it->port, it->title, it->output};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        FUZZ_CHECK(utf8_valid(fields[i], strlen(fields[i])), "field %zu not UTF-8", i);
    const char *score, *version;
    scan_severity s = scan_item_severity(it, &score, &version);
    FUZZ_CHECK(s >= SEV_NONE && s <= SEV_CRITICAL, "severity %d", (int)s);
    return true;
}

static void row_error(void *ctx, int line, const char *message)
{
    (void)ctx;
    FUZZ_CHECK(message && *message && line > 0, "a bad row without a reason or a line");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
    static const char header[] = "Plugin ID,CVE,CVSS v2.0 Base Score,Risk,Host,Protocol,Port,Name,"
                                 "Synopsis,CVSS v3.0 Base Score,Plugin Output\n";
    char *s = fuzz_cstr(data, n);
    char *input = s;
    size_t len = n;
    if (scan_detect(s, n) != SCAN_NESSUS_CSV) {
        len = sizeof header - 1 + n;
        input = malloc(len + 1);
        if (!input) abort();
        memcpy(input, header, sizeof header - 1);
        memcpy(input + sizeof header - 1, data, n);
        input[len] = 0;
    }
    size_t items = 0;
    scan_sink sink = {&items, item, row_error};
    char err[256] = "";
    bool ok = scan_parse_memory(input, len, &sink, err, sizeof err);
    FUZZ_CHECK(ok || *err, "a failure says why");
    FUZZ_CHECK(items <= len, "%zu findings from %zu bytes", items, len);
    if (input != s) free(input);
    free(s);
    return 0;
}
