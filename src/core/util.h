/* util.h - time, randomness and hashing used across lis. */
#ifndef LIS_UTIL_H
#define LIS_UTIL_H
#include "arena.h"
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

/* Current time as ISO 8601 UTC with seconds, e.g. 2026-11-25T14:33:07Z. Stored form. */
void time_now_iso(char out[21]);
void time_iso_from(time_t t, char out[21]);
/* Parses the stored form back; false when malformed. */
bool time_parse_iso(const char *s, time_t *out);
/* Shows a stored UTC time in Europe/Stockholm as "2026-11-25 15:33". */
void time_local_display(const char *iso, char out[24]);
/* Valid calendar date YYYY-MM-DD. */
bool date_valid(const char *s);
/* Today's date in Europe/Stockholm, YYYY-MM-DD. */
void date_today(char out[11]);
/* date plus n calendar months; a day that the target month lacks becomes its last day
 * (2026-01-31 + 1 month = 2026-02-28). false when date is not valid. */
bool date_add_months(const char *date, int months, char out[11]);
/* Whole days from today (Europe/Stockholm) to date: negative when it has passed. */
int date_days_until(const char *date);

/* n random bytes as base64url (no padding), from libsodium. */
char *random_token(arena *a, size_t nbytes);
/* SHA-256 of data as 64 lowercase hex characters. */
void sha256_hex(const void *data, size_t n, char out[65]);

/* Strict decimal parse of a whole string into int64. */
bool parse_int64(const char *s, int64_t *out);
/* Compares two secrets (tokens) in time independent of where they differ; NULL never
 * equals anything. */
bool secret_equal(const char *a, const char *b);
bool str_empty(const char *s);
/* Trims ASCII whitespace at both ends, in place. */
char *str_trim(char *s);

#endif
