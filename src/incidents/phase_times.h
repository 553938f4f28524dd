/* phase_times.h - how long an incident took in each phase, as a pure function.
 *
 * From the incident's own times (stored ISO 8601 UTC):
 *
 *     detecting    discovered_at → aware_at     until the incident handling knew of it
 *     containing   aware_at → contained_at      until the spread or damage was stopped
 *     restoring    contained_at → handled_at    until the impact was over; without a
 *                                               containment time, from aware_at
 *
 * lis has no time of occurrence (only when someone discovered it), so detecting is
 * counted from the discovery to the handlers' knowledge. A span whose times are missing
 * says so; one whose end lies before its start (a time typed wrong) is a note to fix the
 * data, never a negative duration. */
#ifndef LIS_INCIDENTS_PHASE_TIMES_H
#define LIS_INCIDENTS_PHASE_TIMES_H
#include <stdbool.h>
#include <stddef.h>

typedef enum span_state {
    SPAN_OK,
    SPAN_MISSING,   /* a time is not recorded (yet) */
    SPAN_BAD_ORDER, /* the end lies before the start */
    SPAN_BAD_TIME,  /* a time that is no ISO 8601 UTC time */
} span_state;

enum { SPAN_DETECT, SPAN_CONTAIN, SPAN_RESTORE, SPANS };

typedef struct phase_span {
    span_state state;
    long long minutes; /* when SPAN_OK: >= 0 */
    bool from_aware;   /* restoring counted from aware_at (no containment time) */
} phase_span;

void incident_phase_spans(const char *discovered_at, const char *aware_at, const char *contained_at,
                          const char *restored_at, phase_span out[SPANS]);
/* A duration in minutes as read: "45 min", "3 h 20 min", "3 h", "2 d 4 h" (days and
 * hours only, once it is a day or more), "0 min". out holds at least 32 bytes. */
void span_text(long long minutes, char *out, size_t n);
#endif
