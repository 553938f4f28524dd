/* ical.c - an iCalendar (RFC 5545) calendar as text (yearwheel.h); pure. Outlook, Google
 * and Apple calendars subscribe to it: all-day events for dates, UTC times for the rest,
 * one stable UID per duty and day so that a refresh updates rather than duplicates. */
#include "yearwheel.h"
#include <string.h>

enum { ICAL_LINE_OCTETS = 75 };

void ical_fold_line(buf *out, const char *line)
{
    /* RFC 5545 3.1: at most 75 octets a line; a longer one continues on the next after
     * CRLF and one space, never inside a UTF-8 character */
    size_t len = strlen(line), start = 0, room = ICAL_LINE_OCTETS;
    while (len - start > room) {
        size_t cut = start + room;
        while (cut > start && ((unsigned char)line[cut] & 0xC0) == 0x80)
            cut--;
        buf_append(out, line + start, cut - start);
        buf_puts(out, "\r\n ");
        start = cut;
        room = ICAL_LINE_OCTETS - 1; /* the leading space counts */
    }
    buf_append(out, line + start, len - start);
    buf_puts(out, "\r\n");
}

void ical_escape_text(buf *out, const char *text)
{
    for (const char *p = text; p && *p; p++) {
        switch (*p) {
        case '\\':
            buf_puts(out, "\\\\");
            break;
        case ';':
            buf_puts(out, "\\;");
            break;
        case ',':
            buf_puts(out, "\\,");
            break;
        case '\n':
            buf_puts(out, "\\n");
            break;
        case '\r':
            break; /* CRLF in the text is one newline */
        default:
            /* other control characters have no place in a TEXT value */
            if ((unsigned char)*p >= 0x20 && *p != 0x7F) buf_append(out, p, 1);
        }
    }
}

/* "2026-06-30" → "20260630"; "2026-06-30T08:00:00Z" → "20260630T080000Z". */
static void compact_time(buf *out, const char *iso)
{
    for (const char *p = iso; *p; p++)
        if (*p != '-' && *p != ':') buf_append(out, p, 1);
}

/* One property whose value is escaped TEXT, folded. */
static void text_property(buf *out, const char *name, const char *value)
{
    buf line;
    buf_init(&line, 0);
    buf_printf(&line, "%s:", name);
    ical_escape_text(&line, value);
    ical_fold_line(out, buf_str(&line));
    buf_free(&line);
}

/* One property whose value goes as it is (a date, a UID of safe characters, a URI). */
static void plain_property(buf *out, const char *name_and_params, const char *value, bool compact)
{
    buf line;
    buf_init(&line, 0);
    buf_printf(&line, "%s:", name_and_params);
    if (compact)
        compact_time(&line, value);
    else
        buf_puts(&line, value);
    ical_fold_line(out, buf_str(&line));
    buf_free(&line);
}

void ical_write(buf *out, const char *name, const char *dtstamp, const ical_event *events, int n)
{
    ical_fold_line(out, "BEGIN:VCALENDAR");
    ical_fold_line(out, "VERSION:2.0");
    ical_fold_line(out, "PRODID:-//lis//Arshjul//SV");
    ical_fold_line(out, "CALSCALE:GREGORIAN");
    ical_fold_line(out, "METHOD:PUBLISH");
    text_property(out, "X-WR-CALNAME", name);
    for (int i = 0; i < n; i++) {
        const ical_event *ev = &events[i];
        ical_fold_line(out, "BEGIN:VEVENT");
        plain_property(out, "UID", ev->uid, false);
        plain_property(out, "DTSTAMP", dtstamp, true);
        if (strlen(ev->start) == 10)
            plain_property(out, "DTSTART;VALUE=DATE", ev->start, true);
        else
            plain_property(out, "DTSTART", ev->start, true);
        text_property(out, "SUMMARY", ev->summary);
        if (ev->description) text_property(out, "DESCRIPTION", ev->description);
        if (ev->url) plain_property(out, "URL", ev->url, false);
        ical_fold_line(out, "TRANSP:TRANSPARENT");
        ical_fold_line(out, "END:VEVENT");
    }
    ical_fold_line(out, "END:VCALENDAR");
}
