/* fuzz_devices - the device export reader (src/scans/devices.c) on arbitrary bytes: the
 * Intune portal's and Graph's headers, ';' or ',', UTF-8 or Windows-1252. An input without
 * a device name column gets an Intune header put in front, so the fuzzer spends its time in
 * the rows. Seeded with tests/fixtures/devices/ (copied into corpus/fuzz_devices).
 *
 * Checks besides memory errors: every device has a name, values are valid UTF-8 within their
 * bounds, the last check-in is empty or an ISO date, a check reports only what it may (an
 * unmanaged device is neither non-compliant nor stale), a failure says why. */
#include "fuzz_common.h"
#include "../../src/core/escape.h"
#include "../../src/core/util.h"
#include "../../src/scans/devices.h"

static void on_device(void *ctx, const device *d)
{
    (*(size_t *)ctx)++;
    FUZZ_CHECK(*d->name, "a device without a name");
    const char *fields[] = {d->name, d->user, d->os};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        FUZZ_CHECK(strlen(fields[i]) < DEV_NAME_MAX, "field %zu too long", i);
        FUZZ_CHECK(utf8_valid(fields[i], strlen(fields[i])), "field %zu not UTF-8", i);
    }
    FUZZ_CHECK(!*d->last || date_valid(d->last), "last check-in %s", d->last);
    FUZZ_CHECK(d->compliance >= DEV_COMPLIANT && d->compliance <= DEV_COMPLIANCE_UNKNOWN,
               "compliance %d", (int)d->compliance);
    if (!d->managed) {
        FUZZ_CHECK(device_reports(d, DEV_UNMANAGED, "2026-12-04", 30), "unmanaged not reported");
        FUZZ_CHECK(!device_reports(d, DEV_NONCOMPLIANT_CHECK, "2026-12-04", 30) &&
                       !device_reports(d, DEV_STALE, "2026-12-04", 30),
                   "an unmanaged device reported as non-compliant or stale");
    }
}

static void row_error(void *ctx, int line, const char *message)
{
    (void)ctx;
    FUZZ_CHECK(message && *message && line > 0, "a bad row without a reason or a line");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t n)
{
    static const char header[] = "Device name,Managed by,Compliance,OS,Last check-in,"
                                 "Primary user UPN\n";
    char *s = fuzz_cstr(data, n);
    char *input = s;
    size_t len = n;
    if (!strcasestr(s, "device name") && !strcasestr(s, "devicename")) {
        len = sizeof header - 1 + n;
        input = malloc(len + 1);
        if (!input) abort();
        memcpy(input, header, sizeof header - 1);
        memcpy(input + sizeof header - 1, data, n);
        input[len] = 0;
    }
    arena a;
    arena_init(&a, 0);
    size_t devices = 0;
    device_sink sink = {&devices, on_device, row_error};
    char err[256] = "";
    bool ok = device_parse(&a, input, len, &sink, err, sizeof err);
    FUZZ_CHECK(ok || *err, "a failure says why");
    FUZZ_CHECK(devices <= len, "%zu devices from %zu bytes", devices, len);
    arena_free(&a);
    if (input != s) free(input);
    free(s);
    return 0;
}
