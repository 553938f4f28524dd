/* rules.c - the scan findings' own rules: deadlines by severity, which host a rule
 * matches, and what accepting a finding takes (a reason and a date to review it by: an
 * accepted weakness is a risk decision, and decisions are reviewed). */
#include "scans.h"
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

bool scan_pattern_matches(const char *pattern, const char *host)
{
    if (!pattern || !host || !*pattern || !*host) return false;
    size_t n = strlen(pattern);
    if (pattern[n - 1] == '*') return strncasecmp(pattern, host, n - 1) == 0;
    return strcasecmp(pattern, host) == 0;
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
