/* rules.c - the scan findings' own rules: deadlines by severity, which host a rule
 * matches, and what accepting a finding takes (a reason and a date to review it by: an
 * accepted weakness is a risk decision, and decisions are reviewed). */
#include "scans.h"
#include "../core/util.h"
#include <arpa/inet.h>
#include <string.h>
#include <strings.h>

int scan_default_days(scan_severity s)
{
    switch (s) {
    case SEV_CRITICAL:
        return 14;
    case SEV_HIGH:
        return 30;
    case SEV_MEDIUM:
        return 90;
    default:
        return 180;
    }
}

/* An IPv4 or IPv6 address as 16 bytes (IPv4 mapped into IPv6, so both compare alike);
 * false when text is no address. */
static bool address_of(const char *text, size_t n, unsigned char out[16])
{
    char buf[INET6_ADDRSTRLEN + 1];
    if (n == 0 || n >= sizeof buf) return false;
    memcpy(buf, text, n);
    buf[n] = 0;
    unsigned char v4[4];
    if (inet_pton(AF_INET, buf, v4) == 1) {
        memset(out, 0, 10);
        out[10] = out[11] = 0xff;
        memcpy(out + 12, v4, 4);
        return true;
    }
    return inet_pton(AF_INET6, buf, out) == 1;
}

static bool is_v4(const unsigned char a[16])
{
    static const unsigned char prefix[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    return !memcmp(a, prefix, sizeof prefix);
}

scan_range scan_range_parse(const char *pattern, unsigned char lo[16], unsigned char hi[16])
{
    const char *slash = strchr(pattern, '/'), *dash = strchr(pattern, '-');
    if (slash) {
        int64_t bits;
        if (!address_of(pattern, (size_t)(slash - pattern), lo) || !parse_int64(slash + 1, &bits))
            return SCAN_RANGE_BAD;
        int width = is_v4(lo) ? 32 : 128;
        if (bits < 0 || bits > width) return SCAN_RANGE_BAD;
        int keep = (int)bits + (128 - width); /* bits of the 16 bytes that stay */
        for (int i = 0; i < 16; i++) {
            int b = keep - i * 8; /* of this byte, the leading b bits stay */
            unsigned char mask = b >= 8 ? 0xff : b <= 0 ? 0 : (unsigned char)(0xff << (8 - b));
            hi[i] = (unsigned char)(lo[i] | ~mask);
            lo[i] = (unsigned char)(lo[i] & mask);
        }
        return SCAN_RANGE_OK;
    }
    /* a from–to range of addresses; a name with a hyphen is no range */
    if (dash && address_of(pattern, (size_t)(dash - pattern), lo)) {
        if (!address_of(dash + 1, strlen(dash + 1), hi) || is_v4(lo) != is_v4(hi) ||
            memcmp(lo, hi, 16) > 0)
            return SCAN_RANGE_BAD;
        return SCAN_RANGE_OK;
    }
    return SCAN_RANGE_NONE;
}

bool scan_pattern_matches(const char *pattern, const char *host)
{
    if (!pattern || !host || !*pattern || !*host) return false;
    unsigned char lo[16], hi[16], a[16];
    switch (scan_range_parse(pattern, lo, hi)) {
    case SCAN_RANGE_OK:
        return address_of(host, strlen(host), a) && memcmp(a, lo, 16) >= 0 &&
               memcmp(a, hi, 16) <= 0;
    case SCAN_RANGE_BAD:
        return false;
    case SCAN_RANGE_NONE:
        break;
    }
    size_t n = strlen(pattern);
    if (pattern[n - 1] == '*') return strncasecmp(pattern, host, n - 1) == 0;
    return strcasecmp(pattern, host) == 0;
}

/* 0 an exact name or address, 1 an address range, 2 a prefix*; the range's span hi − lo. */
static int pattern_kind(const char *p, unsigned char span[16])
{
    unsigned char lo[16], hi[16];
    memset(span, 0, 16);
    if (scan_range_parse(p, lo, hi) == SCAN_RANGE_OK) {
        int borrow = 0;
        for (int i = 15; i >= 0; i--) {
            int d = hi[i] - lo[i] - borrow;
            borrow = d < 0;
            span[i] = (unsigned char)(d + (borrow ? 256 : 0));
        }
        return 1;
    }
    size_t n = strlen(p);
    return n && p[n - 1] == '*' ? 2 : 0;
}

int scan_rule_order(const char *a, const char *b)
{
    unsigned char sa[16], sb[16];
    int ka = pattern_kind(a, sa), kb = pattern_kind(b, sb);
    if (ka != kb) return ka < kb ? -1 : 1;
    if (ka == 1) return memcmp(sa, sb, 16);
    if (ka == 2) {
        size_t la = strlen(a), lb = strlen(b);
        if (la != lb) return la > lb ? -1 : 1;
    }
    return 0;
}

void scan_rule_validate(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    (void)r, (void)old;
    const char *pattern = record_get(rec, e, "pattern");
    unsigned char lo[16], hi[16];
    if (pattern && scan_range_parse(pattern, lo, hi) == SCAN_RANGE_BAD)
        errors_add(errs, entity_field(e, "pattern"), TR_scan_err_range, NULL);
}

void scan_finding_validate(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    (void)r, (void)old;
    const char *status = record_get(rec, e, "status");
    if (!status || strcmp(status, "accepted") != 0) return;
    const char *reason = record_get(rec, e, "acceptance_reason");
    if (!reason || !*reason)
        errors_add(errs, entity_field(e, "acceptance_reason"), TR_scan_err_accept_reason, NULL);
    const char *review = record_get(rec, e, "review_date");
    if (!review || !*review)
        errors_add(errs, entity_field(e, "review_date"), TR_scan_err_accept_review, NULL);
}
