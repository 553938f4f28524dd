/* phase_times.c - an incident's time in each phase (phase_times.h). Pure. */
#include "phase_times.h"
#include "../core/util.h"
#include <stdio.h>

static phase_span span_between(const char *from, const char *to)
{
    phase_span s = {SPAN_MISSING, 0, false};
    if (!from || !*from || !to || !*to) return s;
    time_t a, b;
    if (!time_parse_iso(from, &a) || !time_parse_iso(to, &b)) {
        s.state = SPAN_BAD_TIME;
        return s;
    }
    if (b < a) {
        s.state = SPAN_BAD_ORDER;
        return s;
    }
    s.state = SPAN_OK;
    s.minutes = (long long)(b - a) / 60;
    return s;
}

void incident_phase_spans(const char *discovered_at, const char *aware_at, const char *contained_at,
                          const char *restored_at, phase_span out[SPANS])
{
    out[SPAN_DETECT] = span_between(discovered_at, aware_at);
    out[SPAN_CONTAIN] = span_between(aware_at, contained_at);
    bool contained = contained_at && *contained_at;
    out[SPAN_RESTORE] = span_between(contained ? contained_at : aware_at, restored_at);
    out[SPAN_RESTORE].from_aware = !contained;
}

void span_text(long long minutes, char *out, size_t n)
{
    if (minutes < 0) minutes = 0;
    long long days = minutes / 1440, hours = minutes % 1440 / 60, mins = minutes % 60;
    if (days && hours)
        snprintf(out, n, "%lld d %lld h", days, hours);
    else if (days)
        snprintf(out, n, "%lld d", days);
    else if (hours && mins)
        snprintf(out, n, "%lld h %lld min", hours, mins);
    else if (hours)
        snprintf(out, n, "%lld h", hours);
    else
        snprintf(out, n, "%lld min", mins);
}
