/* fuzz_scan_xml - the scan import's XML readers (src/scans/parse.c: Greenbone/OpenVAS
 * reports and Nessus .nessus files through libxml2's streaming reader) on arbitrary bytes.
 * The first byte chooses the format's root when the input has none, so the fuzzer reaches
 * both state machines from any seed.
 *
 * Besides memory errors and undefined behaviour it checks what parse.h promises: every
 * finding has a host and a plugin, each value is valid UTF-8 within its bound, the severity
 * is one of the five, findings and bad rows are never more than the input's bytes, and a
 * malformed file says why. */
#include "fuzz_common.h"
#include "../../src/core/escape.h"
#include "../../src/scans/parse.h"

typedef struct counts {
    size_t items, errors;
} counts;

static void check_text(const char *s, size_t cap, const char *what)
{
    size_t n = strnlen(s, cap);
    FUZZ_CHECK(n < cap, "%s not terminated", what);
    FUZZ_CHECK(utf8_valid(s, n), "%s not UTF-8", what);
}

static bool item(void *ctx, const scan_item *it)
{
    counts *c = ctx;
    c->items++;
    FUZZ_CHECK(*it->host && *it->plugin, "a finding without host or plugin");
    check_text(it->host, sizeof it->host, "host");
    check_text(it->host_name, sizeof it->host_name, "host name");
    check_text(it->plugin, sizeof it->plugin, "plugin");
    check_text(it->port, sizeof it->port, "port");
    check_text(it->title, sizeof it->title, "title");
    check_text(it->output, sizeof it->output, "output");
    const char *score, *version;
    scan_severity s = scan_item_severity(it, &score, &version);
    FUZZ_CHECK(s >= SEV_NONE && s <= SEV_CRITICAL, "severity %d", (int)s);
    FUZZ_CHECK(*version == '\0' || *score, "a version without a score");
    return true;
}

static void row_error(void *ctx, int line, const char *message)
{
    counts *c = ctx;
    c->errors++;
    FUZZ_CHECK(message && *message && line >= 0, "a bad row without a reason");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
    if (n == 0) return 0;
    char *s = fuzz_cstr(data, n);
    const char *input = s;
    size_t len = n;
    char *wrapped = NULL;
    if (scan_detect(s, n) != SCAN_OPENVAS_XML && scan_detect(s, n) != SCAN_NESSUS_XML) {
        /* bare elements: put them under one of the two roots */
        const char *root = data[0] & 1 ? "NessusClientData_v2" : "report";
        wrapped = malloc(n + 64);
        if (!wrapped) abort();
        len = (size_t)snprintf(wrapped, n + 64, "<%s>", root);
        memcpy(wrapped + len, s + 1, n - 1);
        len += n - 1;
        len += (size_t)sprintf(wrapped + len, "</%s>", root);
        input = wrapped;
    }
    counts c = {0};
    scan_sink sink = {&c, item, row_error};
    char err[256] = "";
    bool ok = scan_parse_memory(input, len, &sink, err, sizeof err);
    FUZZ_CHECK(ok || *err, "a failure says why");
    FUZZ_CHECK(c.items + c.errors <= len, "%zu findings from %zu bytes", c.items + c.errors, len);
    free(wrapped);
    free(s);
    return 0;
}
