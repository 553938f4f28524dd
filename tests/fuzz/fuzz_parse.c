/* fuzz_parse - the byte-level parsers and escapers under every request and page:
 * url_decode, http_parse_urlencoded, http_parse_cookies, kv_get/kv_count, utf8_valid,
 * utf8_length, the esc_* helpers, date_valid/time_parse_iso/parse_int64 and the SQLite
 * back-end's Unicode lower() and the return path a form may go back to
 * (related_return_safe), on arbitrary bytes.
 *
 * Besides memory errors and undefined behaviour it checks what each function promises:
 * the escapers' output is inert where it is placed and decodes back to the input, and
 * utf8_valid agrees with an independent implementation of RFC 3629's table, date_valid
 * with the C library's calendar. */
#include "fuzz_common.h"
#include "../../src/core/arena.h"
#include "../../src/core/buf.h"
#include "../../src/core/escape.h"
#include "../../src/core/util.h"
#include "../../src/db/db.h"
#include "../../src/http/http.h"
#include "../../src/entity/related.h"
#include "../../src/auth/totp.h"
#include "../../src/followup/review_figures.h"
#include <ctype.h>
#include <jansson.h>
#include <stdbool.h>
#include <time.h>

/* RFC 3629 / Unicode table 3-7, written independently of src/core/escape.c. Returns the
 * length of the well-formed sequence at s, or 0. */
static size_t ref_utf8_seq(const unsigned char *s, size_t n, uint32_t *cp)
{
    if (!n) return 0;
    unsigned char b0 = s[0];
    if (b0 <= 0x7f) {
        *cp = b0;
        return 1;
    }
    unsigned char lo = 0x80, hi = 0xbf;
    size_t len;
    if (b0 >= 0xc2 && b0 <= 0xdf)
        len = 2;
    else if (b0 == 0xe0)
        len = 3, lo = 0xa0;
    else if ((b0 >= 0xe1 && b0 <= 0xec) || b0 == 0xee || b0 == 0xef)
        len = 3;
    else if (b0 == 0xed)
        len = 3, hi = 0x9f;
    else if (b0 == 0xf0)
        len = 4, lo = 0x90;
    else if (b0 >= 0xf1 && b0 <= 0xf3)
        len = 4;
    else if (b0 == 0xf4)
        len = 4, hi = 0x8f;
    else
        return 0;
    if (n < len || s[1] < lo || s[1] > hi) return 0;
    for (size_t i = 2; i < len; i++)
        if (s[i] < 0x80 || s[i] > 0xbf) return 0;
    uint32_t v = b0 & (len == 2 ? 0x1f : len == 3 ? 0x0f : 0x07);
    for (size_t i = 1; i < len; i++)
        v = (v << 6) | (s[i] & 0x3f);
    *cp = v;
    return len;
}

/* Well-formed UTF-8; with strict, also without NUL, DEL and C0 controls but tab/CR/LF
 * (utf8_valid's contract). Counts code points into *count. */
static bool ref_utf8_valid(const char *str, size_t n, bool strict, size_t *count)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t i = 0, c = 0;
    while (i < n) {
        uint32_t cp;
        size_t len = ref_utf8_seq(s + i, n - i, &cp);
        if (!len) return false;
        if (strict && ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0x7f))
            return false;
        i += len;
        c++;
    }
    if (count) *count = c;
    return true;
}

static void check_esc_html(const char *s)
{
    buf b;
    buf_init(&b, 0);
    esc_html(&b, s);
    const char *o = buf_str(&b);
    FUZZ_CHECK(!strpbrk(o, "<>\"'"), "esc_html left a special character in \"%s\"", o);
    /* undoing the five entities gives the input back */
    size_t j = 0;
    for (size_t i = 0; o[i]; j++) {
        static const char *const ent[] = {"&amp;", "&lt;", "&gt;", "&quot;", "&#39;"};
        static const char chr[] = "&<>\"'";
        char c = o[i];
        if (c == '&') {
            size_t k = 0;
            while (k < 5 && strncmp(o + i, ent[k], strlen(ent[k])) != 0)
                k++;
            FUZZ_CHECK(k < 5, "esc_html: bare & in output");
            c = chr[k];
            i += strlen(ent[k]);
        } else {
            i++;
        }
        FUZZ_CHECK(s[j] == c, "esc_html does not decode back at %zu", j);
    }
    FUZZ_CHECK(s[j] == 0, "esc_html output shorter than input");
    buf_free(&b);
}

/* What a browser would take as the scheme of an href value. */
static void check_esc_url_attr(const char *s)
{
    buf b;
    buf_init(&b, 0);
    esc_url_attr(&b, s);
    const char *o = buf_str(&b);
    FUZZ_CHECK(!strpbrk(o, "<>\"'"), "esc_url_attr left a special character");
    /* HTML-decode, then as the URL parser does: drop leading C0/space, remove tab and
     * newlines anywhere, read [A-Za-z][A-Za-z0-9+.-]* ':' as the scheme */
    char *u = malloc(strlen(o) + 1), *w = u;
    for (const char *p = o; *p;) {
        char c = *p;
        if (!strncmp(p, "&amp;", 5))
            c = '&', p += 5;
        else if (!strncmp(p, "&lt;", 4))
            c = '<', p += 4;
        else if (!strncmp(p, "&gt;", 4))
            c = '>', p += 4;
        else if (!strncmp(p, "&quot;", 6))
            c = '"', p += 6;
        else if (!strncmp(p, "&#39;", 5))
            c = '\'', p += 5;
        else
            p++;
        if (c == '\t' || c == '\n' || c == '\r') continue;
        if (w == u && (unsigned char)c <= 0x20) continue;
        *w++ = c;
    }
    *w = 0;
    size_t k = 0;
    if (isalpha((unsigned char)u[0])) {
        while (isalnum((unsigned char)u[k]) || u[k] == '+' || u[k] == '-' || u[k] == '.')
            k++;
        if (u[k] == ':') {
            bool allowed = (k == 4 && !strncasecmp(u, "http", 4)) ||
                           (k == 5 && !strncasecmp(u, "https", 5)) ||
                           (k == 6 && !strncasecmp(u, "mailto", 6));
            FUZZ_CHECK(allowed, "esc_url_attr let scheme \"%.*s\" through", (int)k, u);
        }
    }
    free(u);
    buf_free(&b);
}

static void check_esc_url_component(arena *a, const char *s)
{
    buf b;
    buf_init(&b, 0);
    esc_url_component(&b, s);
    const char *o = buf_str(&b);
    for (const char *p = o; *p; p++)
        FUZZ_CHECK(isalnum((unsigned char)*p) || strchr("-_.~%", *p),
                   "esc_url_component left 0x%02x", (unsigned char)*p);
    const char *back = url_decode(a, o, strlen(o));
    FUZZ_CHECK(back && strcmp(back, s) == 0, "esc_url_component does not decode back");
    buf_free(&b);
}

static void check_esc_json(const char *s)
{
    buf b;
    buf_init(&b, 0);
    esc_json_string(&b, s);
    const char *o = buf_str(&b);
    FUZZ_CHECK(!strpbrk(o, "<>"), "esc_json_string left < or >");
    if (ref_utf8_valid(s, strlen(s), false, NULL)) {
        json_error_t err;
        json_t *j = json_loads(o, JSON_DECODE_ANY, &err);
        FUZZ_CHECK(j && json_is_string(j), "esc_json_string made invalid JSON: %s", err.text);
        FUZZ_CHECK(strcmp(json_string_value(j), s) == 0, "esc_json_string does not decode back");
        json_decref(j);
    }
    buf_free(&b);
}

static void check_esc_csv(const char *s, char sep)
{
    buf b;
    buf_init(&b, 0);
    esc_csv_field(&b, s, sep);
    const char *o = buf_str(&b);
    bool formula = strchr("=+-@", s[0]) && s[0] && s[1];
    if (o[0] != '"') {
        FUZZ_CHECK(strcmp(o, s) == 0, "esc_csv_field changed an unquoted field");
        FUZZ_CHECK(!formula, "esc_csv_field left a formula unquoted");
        FUZZ_CHECK(!strchr(s, sep) && !strpbrk(s, "\"\r\n"), "esc_csv_field should have quoted");
    } else {
        size_t n = strlen(o);
        FUZZ_CHECK(n >= 2 && o[n - 1] == '"', "esc_csv_field: unterminated quote");
        char *u = malloc(n), *w = u;
        for (size_t i = 1; i < n - 1; i++) {
            if (o[i] == '"') {
                FUZZ_CHECK(o[i + 1] == '"' && i + 1 < n - 1, "esc_csv_field: lone quote");
                i++;
            }
            *w++ = o[i];
        }
        *w = 0;
        const char *v = u;
        if (formula) {
            FUZZ_CHECK(*v == '\'', "esc_csv_field did not defuse a formula");
            v++;
        }
        FUZZ_CHECK(strcmp(v, s) == 0, "esc_csv_field does not decode back");
        free(u);
    }
    buf_free(&b);
}

static void check_urlencoded(arena *a, const char *data, size_t n)
{
    kvlist l;
    http_parse_urlencoded(a, data, n, &l);
    FUZZ_CHECK(l.n >= 0 && l.n <= MAX_PARAMS, "too many params: %d", l.n);
    for (int i = 0; i < l.n; i++) {
        FUZZ_CHECK(l.items[i].key && *l.items[i].key && l.items[i].value, "empty key or value");
        FUZZ_CHECK(kv_count(&l, l.items[i].key) >= 1, "kv_count misses a key");
    }
    if (l.n) {
        const char *v = kv_get(&l, l.items[0].key);
        FUZZ_CHECK(v == l.items[0].value, "kv_get does not find the first value");
    }
    const char *missing = kv_get(&l, "\x01no such key");
    FUZZ_CHECK(!missing || kv_count(&l, "\x01no such key") > 0, "kv_get found a missing key");
}

static void check_cookies(arena *a, const char *s)
{
    kvlist l;
    http_parse_cookies(a, s, &l);
    FUZZ_CHECK(l.n >= 0 && l.n <= 64, "too many cookies: %d", l.n);
    for (int i = 0; i < l.n; i++) {
        const char *k = l.items[i].key, *v = l.items[i].value;
        FUZZ_CHECK(k && *k && v, "empty cookie name");
        FUZZ_CHECK(!strchr(k, ';') && !strchr(k, '=') && !strchr(v, ';'), "cookie not split");
        FUZZ_CHECK(k[0] != ' ' && k[strlen(k) - 1] != ' ', "cookie name not trimmed");
    }
    http_parse_cookies(a, NULL, &l);
    FUZZ_CHECK(l.n == 0, "cookies from no header");
}

/* date_valid against the C library's calendar: a YYYY-MM-DD in 1900..2999 is valid
 * exactly when timegm/gmtime give the same day back. */
static void check_dates(const char *s)
{
    bool valid = date_valid(s);
    bool shape = strlen(s) == 10 && s[4] == '-' && s[7] == '-';
    for (int i = 0; shape && i < 10; i++)
        if (i != 4 && i != 7 && !isdigit((unsigned char)s[i])) shape = false;
    bool expect = false;
    if (shape) {
        int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
        struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d, .tm_hour = 12};
        time_t t = timegm(&tm);
        struct tm back;
        gmtime_r(&t, &back);
        expect = y >= 1900 && y <= 2999 && m >= 1 && m <= 12 && d >= 1 &&
                 back.tm_year == y - 1900 && back.tm_mon == m - 1 && back.tm_mday == d;
    }
    FUZZ_CHECK(valid == expect, "date_valid(\"%s\") = %d", s, valid);

    /* a stored time with a real calendar day and second reads back as written */
    time_t t;
    if (time_parse_iso(s, &t)) {
        char iso[21], day[11];
        time_iso_from(t, iso);
        FUZZ_CHECK(strlen(iso) == 20, "time_iso_from");
        snprintf(day, sizeof day, "%.10s", s);
        if (date_valid(day) && strcmp(s + 17, "60Z") != 0)
            FUZZ_CHECK(strcmp(iso, s) == 0, "time_parse_iso(\"%s\") reads back as %s", s, iso);
    }
    char shown[24];
    time_local_display(s, shown);
    int64_t v;
    if (parse_int64(s, &v)) {
        char again[32];
        snprintf(again, sizeof again, "%lld", (long long)v);
        int64_t w;
        FUZZ_CHECK(parse_int64(again, &w) && w == v, "parse_int64 round trip");
    }
}

/* lower() as lis's SQLite back-end defines it (Latin-1 and Latin Extended-A folded, for
 * searches that match PostgreSQL's): same length, still UTF-8, idempotent, no A-Z left. */
static db *sql;

static void check_lower(arena *a, const char *s)
{
    const char *p[] = {s};
    const char *low = db_scalar(sql, a, "SELECT lower($1)", 1, p);
    FUZZ_CHECK(low, "lower(): %s", db_error(sql));
    size_t n = strlen(s);
    FUZZ_CHECK(strlen(low) == n, "lower() changed the length");
    for (size_t i = 0; i < n; i++)
        FUZZ_CHECK(!(low[i] >= 'A' && low[i] <= 'Z'), "lower() left %c", low[i]);
    if (ref_utf8_valid(s, n, false, NULL)) {
        FUZZ_CHECK(ref_utf8_valid(low, n, false, NULL), "lower() broke UTF-8");
        const char *q[] = {low};
        const char *again = db_scalar(sql, a, "SELECT lower($1)", 1, q);
        FUZZ_CHECK(again && strcmp(again, low) == 0, "lower() is not idempotent");
    }
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    setenv("TZ", "Europe/Stockholm", 1);
    tzset();
    char err[256];
    FUZZ_CHECK(db_open(":memory:", &sql, err, sizeof err) == DB_OK, "db_open: %s", err);
    return 0;
}

/* A return path accepted is one this origin's own: "/" first, never "//" (another host),
 * nothing but letters, digits, '_', '-' and '/', so it cannot carry a scheme, a query, a
 * fragment, an escape or markup. */
static void check_return_path(const char *s)
{
    if (!related_return_safe(s)) return;
    FUZZ_CHECK(s[0] == '/' && !strstr(s, "//"), "return path %s is not local", s);
    for (const char *p = s; *p; p++)
        FUZZ_CHECK(isalnum((unsigned char)*p) || *p == '_' || *p == '-' || *p == '/',
                   "return path %s has a byte outside the safe set", s);
}

/* What a person types at the login's second step: a recovery code is normalised to
 * "xxxx-xxxx" from its alphabet (and normalising that again changes nothing); a code is
 * accepted only as six digits, and never for a step already used. */
static void check_second_step(const char *s)
{
    char out[TOTP_RECOVERY_LEN];
    if (totp_recovery_normalise(s, out)) {
        FUZZ_CHECK(strlen(out) == 9 && out[4] == '-', "recovery code normalised to '%s'", out);
        char again[TOTP_RECOVERY_LEN];
        FUZZ_CHECK(totp_recovery_normalise(out, again) && strcmp(again, out) == 0,
                   "normalising '%s' again changed it", out);
        for (int i = 0; i < 9; i++)
            FUZZ_CHECK(i == 4 || islower((unsigned char)out[i]) || isdigit((unsigned char)out[i]),
                       "recovery code '%s' has a character outside its alphabet", out);
    }
    static const unsigned char secret[] = "12345678901234567890";
    int64_t step = totp_verify(secret, 20, 1111111111, s, 0);
    if (step >= 0) {
        FUZZ_CHECK(strlen(s) == 6, "a code of %zu characters accepted", strlen(s));
        FUZZ_CHECK(totp_verify(secret, 20, 1111111111, s, step) < 0, "code '%s' accepted twice", s);
    }
}

/* A management review's kept inputs (review_figures_parse): only a snapshot with a valid
 * day is accepted, every figure it takes is a count within bounds, and a refusal leaves
 * nothing known. */
static void check_review_snapshot(const char *s)
{
    review_figures f;
    bool ok = review_figures_parse(s, &f);
    FUZZ_CHECK(!ok || date_valid(f.counted_on), "snapshot accepted with day '%s'", f.counted_on);
    for (int i = 0; i < RF__COUNT; i++) {
        FUZZ_CHECK(ok || !f.known[i], "a refused snapshot left figure %d known", i);
        FUZZ_CHECK(!f.known[i] || (f.value[i] >= 0 && f.value[i] <= 100000000),
                   "figure %d read as %d", i, f.value[i]);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    arena a;
    arena_init(&a, 64 * 1024 * 1024);
    const char *raw = (const char *)data;
    char *s = fuzz_cstr(data, size);

    char *dec = url_decode(&a, raw, size);
    FUZZ_CHECK(dec && strlen(dec) <= size, "url_decode grew the input");
    check_urlencoded(&a, raw, size);
    check_cookies(&a, s);

    size_t count = 0;
    bool valid = utf8_valid(raw, size);
    FUZZ_CHECK(valid == ref_utf8_valid(raw, size, true, &count),
               "utf8_valid says %d, RFC 3629 says otherwise", valid);
    if (valid)
        FUZZ_CHECK(utf8_length(s) == count, "utf8_length %zu, expected %zu", utf8_length(s), count);

    check_esc_html(s);
    check_esc_url_attr(s);
    check_esc_url_component(&a, s);
    check_esc_json(s);
    check_esc_csv(s, ';');
    check_esc_csv(s, ',');
    check_dates(s);
    check_lower(&a, s);
    check_return_path(s);
    check_second_step(s);
    check_review_snapshot(s);

    free(s);
    arena_free(&a);
    return 0;
}
