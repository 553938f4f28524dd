#include "util.h"
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>

void time_iso_from(time_t t, char out[21])
{
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void time_now_iso(char out[21])
{
    time_iso_from(time(NULL), out);
}

static int digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9') return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

/* By hand rather than strptime: lists show a time in every row, and this is on that
 * path. Accepts exactly YYYY-MM-DDTHH:MM:SSZ. */
bool time_parse_iso(const char *s, time_t *out)
{
    if (!s || strlen(s) != 20 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' ||
        s[16] != ':' || s[19] != 'Z')
        return false;
    int y = digits(s, 4), mo = digits(s + 5, 2), d = digits(s + 8, 2), h = digits(s + 11, 2),
        mi = digits(s + 14, 2), se = digits(s + 17, 2);
    /* the calendar's own days: 2026-02-30 is refused, never read as 2 March */
    if (y < 1900 || y > 2999 || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h < 0 ||
        h > 23 || mi < 0 || mi > 59 || se < 0 || se > 59)
        return false;
    struct tm tm = {.tm_year = y - 1900,
                    .tm_mon = mo - 1,
                    .tm_mday = d,
                    .tm_hour = h,
                    .tm_min = mi,
                    .tm_sec = se};
    *out = timegm(&tm);
    return true;
}

static int last_sunday_31(int year, int month);

void time_local_display(const char *iso, char out[24])
{
    time_t t;
    if (!time_parse_iso(iso, &t)) {
        snprintf(out, 24, "%s", iso ? iso : "");
        return;
    }
    struct tm tm;
    /* TZ is set to Europe/Stockholm once at start-up (main), so localtime_r is it. */
    localtime_r(&t, &tm);
    snprintf(out, 24, "%04d-%02d-%02d %02d:%02d", (tm.tm_year + 1900) % 10000,
             (tm.tm_mon + 1) % 100, tm.tm_mday % 100, tm.tm_hour % 100, tm.tm_min % 100);
    if (tm.tm_mon == 9 && tm.tm_hour == 2 && tm.tm_mday == last_sunday_31(tm.tm_year + 1900, 10))
        strcat(out, time_stockholm_offset(t) == 7200 ? " CEST" : " CET");
}

const char *time_local_text(arena *a, const char *iso)
{
    char local[24];
    time_local_display(iso, local);
    return arena_strdup(a, local);
}

const char *time_local_weekday(arena *a, lang_t lang, time_t t)
{
    static const tr_key days[7] = {TR_day_sun, TR_day_mon, TR_day_tue, TR_day_wed,
                                   TR_day_thu, TR_day_fri, TR_day_sat};
    struct tm tm;
    localtime_r(&t, &tm); /* TZ is Europe/Stockholm (main) */
    return arena_printf(a, "%s %04d-%02d-%02d %02d:%02d %s", tr(lang, days[tm.tm_wday % 7]),
                        tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                        time_stockholm_offset(t) == 7200 ? "CEST" : "CET");
}

const char *time_local_text_at(arena *a, time_t t)
{
    char iso[21];
    time_iso_from(t, iso);
    return time_local_text(a, iso);
}

/* The day of the month of the last Sunday of a month with 31 days (March, October). */
static int last_sunday_31(int year, int month)
{
    struct tm tm = {.tm_year = year - 1900, .tm_mon = month - 1, .tm_mday = 31, .tm_hour = 12};
    time_t t = timegm(&tm);
    gmtime_r(&t, &tm);
    return 31 - tm.tm_wday;
}

int time_stockholm_offset(time_t t)
{
    struct tm tm;
    gmtime_r(&t, &tm);
    int year = tm.tm_year + 1900;
    struct tm start = {
        .tm_year = year - 1900, .tm_mon = 2, .tm_mday = last_sunday_31(year, 3), .tm_hour = 1};
    struct tm end = {
        .tm_year = year - 1900, .tm_mon = 9, .tm_mday = last_sunday_31(year, 10), .tm_hour = 1};
    return t >= timegm(&start) && t < timegm(&end) ? 7200 : 3600;
}

time_t time_from_stockholm(int year, int month, int day, int hour, int minute, int second)
{
    struct tm tm = {.tm_year = year - 1900,
                    .tm_mon = month - 1,
                    .tm_mday = day,
                    .tm_hour = hour,
                    .tm_min = minute,
                    .tm_sec = second};
    time_t wall = timegm(&tm);
    /* summer time first: of the two readings of an autumn hour it is the earlier */
    if (time_stockholm_offset(wall - 7200) == 7200) return wall - 7200;
    return wall - 3600;
}

time_input time_read_input(const char *s, time_t *out)
{
    if (time_parse_iso(s, out)) return TIME_INPUT_OK;
    size_t n = s ? strlen(s) : 0;
    if ((n != 16 && n != 19) || s[4] != '-' || s[7] != '-' || (s[10] != 'T' && s[10] != ' ') ||
        s[13] != ':' || (n == 19 && s[16] != ':'))
        return TIME_INPUT_MALFORMED;
    int y = digits(s, 4), mo = digits(s + 5, 2), d = digits(s + 8, 2), h = digits(s + 11, 2),
        mi = digits(s + 14, 2), se = n == 19 ? digits(s + 17, 2) : 0;
    char date[11];
    memcpy(date, s, 10);
    date[10] = 0;
    if (!date_valid(date) || h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 59)
        return TIME_INPUT_MALFORMED;
    /* the clocks go from 02:00 to 03:00 on the last Sunday of March, and from 03:00 back
     * to 02:00 on the last Sunday of October (01:00 UTC both) */
    if (h == 2 && mo == 3 && d == last_sunday_31(y, 3)) return TIME_INPUT_SKIPPED;
    *out = time_from_stockholm(y, mo, d, h, mi, se);
    return h == 2 && mo == 10 && d == last_sunday_31(y, 10) ? TIME_INPUT_TWICE : TIME_INPUT_OK;
}

bool time_parse_input(const char *s, time_t *out)
{
    time_input got = time_read_input(s, out);
    return got == TIME_INPUT_OK || got == TIME_INPUT_TWICE;
}

void time_local_input(const char *iso, char out[24])
{
    time_t t;
    if (!time_parse_iso(iso, &t)) {
        snprintf(out, 24, "%s", iso ? iso : "");
        return;
    }
    t += time_stockholm_offset(t);
    struct tm tm;
    gmtime_r(&t, &tm);
    snprintf(out, 24, "%04d-%02d-%02dT%02d:%02d", (tm.tm_year + 1900) % 10000,
             (tm.tm_mon + 1) % 100, tm.tm_mday % 100, tm.tm_hour % 100, tm.tm_min % 100);
}

int days_in_month(int year, int month)
{
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0)) return 29;
    return days[(month - 1) % 12];
}

bool date_valid(const char *s)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-') return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && !isdigit((unsigned char)s[i])) return false;
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1) return false;
    int max = days[m - 1];
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) max = 29;
    return d <= max;
}

char *random_token(arena *a, size_t nbytes)
{
    unsigned char raw[64];
    if (nbytes > sizeof raw) nbytes = sizeof raw;
    randombytes_buf(raw, nbytes);
    size_t len = sodium_base64_encoded_len(nbytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    char *out = arena_alloc(a, len);
    if (out) sodium_bin2base64(out, len, raw, nbytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return out;
}

void sha256_hex(const void *data, size_t n, char out[65])
{
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, data, n);
    sodium_bin2hex(out, 65, h, sizeof h);
}

bool parse_int64(const char *s, int64_t *out)
{
    if (!s || !*s) return false;
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (errno || *end || isspace((unsigned char)*s)) return false;
    *out = v;
    return true;
}

bool secret_equal(const char *a, const char *b)
{
    if (!a || !b) return false;
    size_t n = strlen(a);
    return n == strlen(b) && sodium_memcmp(a, b, n) == 0;
}

bool str_empty(const char *s)
{
    return !s || !*s;
}

bool str_same(const char *a, const char *b)
{
    return (!a && !b) || (a && b && !strcmp(a, b));
}

bool path_same_origin(const char *s)
{
    if (!s || s[0] != '/' || s[1] == '/') return false;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p == 0x7f || *p == '\\') return false;
    return true;
}

char *str_trim(char *s)
{
    if (!s) return s;
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        s[--n] = 0;
    return s;
}

void date_today(char out[11])
{
    /* the EU rule for Stockholm, not the system's time-zone data (may be absent) */
    time_t now = time(NULL);
    now += time_stockholm_offset(now);
    struct tm tm;
    gmtime_r(&now, &tm);
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)(tm.tm_year + 1900) % 10000u,
             (unsigned)(tm.tm_mon + 1) % 100u, (unsigned)tm.tm_mday % 100u);
}

bool date_add_months(const char *date, int months, char out[11])
{
    if (!date_valid(date)) return false;
    int y = atoi(date), m = atoi(date + 5), d = atoi(date + 8);
    int total = y * 12 + (m - 1) + months;
    y = total / 12;
    m = total % 12 + 1;
    if (d > days_in_month(y, m)) d = days_in_month(y, m);
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u,
             (unsigned)d % 100u);
    return date_valid(out);
}

/* days since 1970-01-01 of a valid date, by the civil calendar (no time zone) */
static int64_t day_number(const char *date)
{
    struct tm tm = {0};
    tm.tm_year = atoi(date) - 1900;
    tm.tm_mon = atoi(date + 5) - 1;
    tm.tm_mday = atoi(date + 8);
    return (int64_t)timegm(&tm) / 86400;
}

bool date_add_days(const char *date, int days, char out[11])
{
    if (!date_valid(date)) return false;
    time_t t = (time_t)(day_number(date) + days) * 86400;
    struct tm tm;
    if (!gmtime_r(&t, &tm)) return false;
    snprintf(out, 11, "%04u-%02u-%02u", (unsigned)(tm.tm_year + 1900) % 10000u,
             (unsigned)(tm.tm_mon + 1) % 100u, (unsigned)tm.tm_mday % 100u);
    return date_valid(out);
}

int date_days_until(const char *date)
{
    if (!date_valid(date)) return 0;
    char today[11];
    date_today(today);
    return (int)(day_number(date) - day_number(today));
}

void utf8_fold_lower(const char *text, size_t n, char *result)
{
    const unsigned char *in = (const unsigned char *)text;
    unsigned char *out = (unsigned char *)result;
    for (size_t i = 0; i < n;) {
        unsigned char c = in[i];
        if (c < 0x80) {
            out[i++] = (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
        } else if ((c & 0xe0) == 0xc0 && i + 1 < n) {
            unsigned cp = ((unsigned)(c & 0x1f) << 6) | (in[i + 1] & 0x3f);
            if ((cp >= 0xc0 && cp <= 0xde && cp != 0xd7))
                cp += 0x20;
            else if (cp >= 0x100 && cp <= 0x17e && cp != 0x130 && cp != 0x138 && cp != 0x149 &&
                     cp != 0x178 &&
                     ((cp < 0x139 || cp > 0x148) && (cp < 0x179) ? cp % 2 == 0 : cp % 2 == 1))
                cp += 1;
            /* both forms are two bytes long in this range, so the length never changes */
            out[i] = (unsigned char)(0xc0 | (cp >> 6));
            out[i + 1] = (unsigned char)(0x80 | (cp & 0x3f));
            i += 2;
        } else {
            out[i] = c;
            i++;
        }
    }
    out[n] = 0;
}

const char *int_text(arena *a, int64_t v)
{
    return arena_printf(a, "%lld", (long long)v);
}
