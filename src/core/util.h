/* util.h - time, randomness and hashing used across lis. */
#ifndef LIS_UTIL_H
#define LIS_UTIL_H
#include "arena.h"
#include "i18n.h"
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

/* Current time as ISO 8601 UTC with seconds, e.g. 2026-11-25T14:33:07Z. Stored form. */
void time_now_iso(char out[21]);
void time_iso_from(time_t t, char out[21]);
/* Parses the stored form back; false when malformed. */
bool time_parse_iso(const char *s, time_t *out);
/* Shows a stored UTC time in Europe/Stockholm as "2026-11-25 15:33". */
/* "YYYY-MM-DD HH:MM" in Stockholm; in the autumn hour that occurs twice it says which
 * ("2026-10-25 02:30 CEST", the first; "… CET", the second). */
void time_local_display(const char *iso, char out[24]);
/* The same, as text in the arena, for views: a stored time, or an instant. */
const char *time_local_text(arena *a, const char *iso);
const char *time_local_text_at(arena *a, time_t t);
/* An instant as a deadline is read aloud: weekday, date, time and zone in Stockholm,
 * "fre 2026-12-05 22:56 CET" (the zone, since a deadline may fall across a change). */
const char *time_local_weekday(arena *a, lang_t lang, time_t t);
/* Europe/Stockholm computed by the EU rule rather than read from tzdata, so that pure
 * code (deadlines) and its tests do not depend on TZ: summer time (UTC+2) from 01:00 UTC
 * on the last Sunday of March to 01:00 UTC on the last Sunday of October, otherwise
 * UTC+1. Returns the offset in seconds at instant t. */
int time_stockholm_offset(time_t t);
/* The instant of a Stockholm wall-clock time. A time that occurs twice (the autumn
 * hour) is taken the first time; one that is skipped (the spring hour) as standard time. */
time_t time_from_stockholm(int year, int month, int day, int hour, int minute, int second);
/* What reading a typed time found (time_read_input). */
typedef enum time_input {
    TIME_INPUT_OK,
    TIME_INPUT_MALFORMED, /* not a time, or a date the calendar lacks (2026-02-30) */
    TIME_INPUT_SKIPPED,   /* 02:00-02:59 on the last Sunday of March: never on Swedish clocks */
    TIME_INPUT_TWICE,     /* 02:00-02:59 on the last Sunday of October: taken as summer time */
} time_input;
/* Reads a time typed by a person or sent by a program: the stored form
 * (YYYY-MM-DDTHH:MM:SSZ, UTC) or a Stockholm wall-clock time "YYYY-MM-DD HH:MM[:SS]"
 * (also with T, as a datetime-local input sends it). *out is set for OK and TWICE only:
 * an impossible time is never shifted to a possible one. */
time_input time_read_input(const char *s, time_t *out);
/* time_read_input accepting OK and TWICE. */
bool time_parse_input(const char *s, time_t *out);
/* A stored UTC time as the value of a datetime-local input: "2026-11-25T15:33". */
void time_local_input(const char *iso, char out[24]);
/* Days in a month of the Gregorian calendar. */
int days_in_month(int year, int month);
/* Valid calendar date YYYY-MM-DD. */
bool date_valid(const char *s);
/* Today's date in Europe/Stockholm, YYYY-MM-DD. */
void date_today(char out[11]);
/* date plus n calendar months; a day that the target month lacks becomes its last day
 * (2026-01-31 + 1 month = 2026-02-28). false when date is not valid. */
bool date_add_months(const char *date, int months, char out[11]);
/* date plus n days (n may be negative); false when date is not valid. */
bool date_add_days(const char *date, int days, char out[11]);
/* Whole days from today (Europe/Stockholm) to date: negative when it has passed. */
int date_days_until(const char *date);

/* n random bytes as base64url (no padding), from libsodium. */
char *random_token(arena *a, size_t nbytes);
/* SHA-256 of data as 64 lowercase hex characters. */
void sha256_hex(const void *data, size_t n, char out[65]);

/* An integer as the text a $n parameter takes ("42"), in the arena: the one helper for
 * ids and counts bound into SQL. */
const char *int_text(arena *a, int64_t v);
/* Strict decimal parse of a whole string into int64. */
bool parse_int64(const char *s, int64_t *out);
/* Compares two secrets (tokens) in time independent of where they differ; NULL never
 * equals anything. */
bool secret_equal(const char *a, const char *b);
bool str_empty(const char *s);
/* equal texts, NULL equal only to NULL (an empty field and a missing one differ) */
bool str_same(const char *a, const char *b);
/* True when s is a path on this site also after a browser's URL parser (WHATWG) has
 * read it: one leading '/', not "//" or "/\" (another host), no backslash (read as '/'),
 * no TAB, CR, LF or other control character (removed or kept, they change the meaning). */
bool path_same_origin(const char *s);
/* Trims ASCII whitespace at both ends, in place. */
char *str_trim(char *s);
/* Lower-cases n bytes of UTF-8 into out (n bytes and a NUL): A-Z and the Latin-1 and Latin
 * Extended-A capitals (Å Ä Ö É Ü Ł …), enough for Swedish names. Each letter keeps its
 * length, so out is exactly as long as in. SQLite's lower() and the picker's words use it. */
void utf8_fold_lower(const char *in, size_t n, char *out);

#endif
