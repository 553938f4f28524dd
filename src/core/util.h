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
