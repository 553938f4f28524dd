/* Unit tests of the core helpers: escaping, UTF-8, parsing, dates, arena, buffer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "../../src/core/arena.h"
#include "../../src/core/buf.h"
#include "../../src/core/escape.h"
#include "../../src/core/util.h"
#include "../../src/http/http.h"

static void test_esc_html(void **state)
{
    (void)state;
    buf b;
    buf_init(&b, 0);
    esc_html(&b, "<script>alert('x')</script> & \"q\"");
    assert_string_equal(buf_str(&b),
                        "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
    buf_free(&b);
}

static void test_esc_url_attr_refuses_script(void **state)
{
    (void)state;
    const char *bad[] = {"javascript:alert(1)", "JaVaScRiPt:x", "data:text/html,x", "vbscript:x"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        buf b;
        buf_init(&b, 0);
        esc_url_attr(&b, bad[i]);
        assert_string_equal(buf_str(&b), "#");
        buf_free(&b);
    }
    buf b;
    buf_init(&b, 0);
    esc_url_attr(&b, "/units?q=a&b=\"c\"");
    assert_string_equal(buf_str(&b), "/units?q=a&amp;b=&quot;c&quot;");
    buf_reset(&b);
    esc_url_attr(&b, "https://example.se/x");
    assert_string_equal(buf_str(&b), "https://example.se/x");
    buf_free(&b);
}

static void test_esc_json(void **state)
{
    (void)state;
    buf b;
    buf_init(&b, 0);
    esc_json_string(&b, "a\"b\\c\n</script>\x01");
    assert_string_equal(buf_str(&b), "\"a\\\"b\\\\c\\n\\u003c/script\\u003e\\u0001\"");
    buf_free(&b);
}

static void test_esc_csv_defuses_formulas(void **state)
{
    (void)state;
    buf b;
    buf_init(&b, 0);
    esc_csv_field(&b, "=HYPERLINK(\"x\")", ';');
    assert_string_equal(buf_str(&b), "\"'=HYPERLINK(\"\"x\"\")\"");
    buf_reset(&b);
    esc_csv_field(&b, "Socialförvaltningen; IFO", ';');
    assert_string_equal(buf_str(&b), "\"Socialförvaltningen; IFO\"");
    buf_reset(&b);
    esc_csv_field(&b, "-", ';');
    assert_string_equal(buf_str(&b), "-");
    buf_free(&b);
}

static void test_utf8(void **state)
{
    (void)state;
    assert_true(utf8_valid("Miljöförvaltningen", strlen("Miljöförvaltningen")));
    assert_false(utf8_valid("\xc3\x28", 2));         /* bad continuation */
    assert_false(utf8_valid("\xc0\xaf", 2));         /* overlong */
    assert_false(utf8_valid("\xed\xa0\x80", 3));     /* surrogate */
    assert_false(utf8_valid("a\x01", 2));            /* control */
    assert_false(utf8_valid("\xf4\x90\x80\x80", 4)); /* above U+10FFFF */
    assert_int_equal(utf8_length("åäö"), 3);
}

static void test_dates(void **state)
{
    (void)state;
    assert_true(date_valid("2024-02-29"));
    assert_false(date_valid("2023-02-29"));
    assert_false(date_valid("2026-13-01"));
    assert_false(date_valid("2026-1-01"));
    assert_false(date_valid("2026-01-01x"));
    time_t t;
    assert_true(time_parse_iso("2026-11-25T14:33:07Z", &t));
    char back[21];
    time_iso_from(t, back);
    assert_string_equal(back, "2026-11-25T14:33:07Z");
    assert_false(time_parse_iso("2026-11-25 14:33:07", &t));
    int64_t n;
    assert_true(parse_int64("-42", &n) && n == -42);
    assert_false(parse_int64("42x", &n));
    assert_false(parse_int64("", &n));
    assert_false(parse_int64(" 1", &n));
    assert_false(parse_int64("99999999999999999999", &n));
}

static void test_local_time_follows_swedish_dst(void **state)
{
    (void)state;
    setenv("TZ", "Europe/Stockholm", 1);
    tzset();
    char out[24];
    time_local_display("2026-07-01T10:00:00Z", out);
    assert_string_equal(out, "2026-07-01 12:00"); /* CEST, UTC+2 */
    time_local_display("2026-12-01T10:00:00Z", out);
    assert_string_equal(out, "2026-12-01 11:00"); /* CET, UTC+1 */
    /* the hour that occurs twice says which of the two it is */
    time_local_display("2026-10-25T00:59:59Z", out); /* the last second of summer time */
    assert_string_equal(out, "2026-10-25 02:59 CEST");
    time_local_display("2026-10-25T01:00:00Z", out);
    assert_string_equal(out, "2026-10-25 02:00 CET");
    time_local_display("2026-10-25T02:00:00Z", out);
    assert_string_equal(out, "2026-10-25 03:00");
    time_local_display("not a time", out);
    assert_string_equal(out, "not a time");
    time_t t;
    assert_false(time_parse_iso("2026-13-01T00:00:00Z", &t));
    assert_false(time_parse_iso("2026-01-01T24:00:00Z", &t));
    assert_false(time_parse_iso("2026-01-01T00:00:0xZ", &t));
    /* impossible dates are refused, never shifted into the next month */
    static const char *const impossible[] = {
        "2026-02-30T10:00:00Z", "2026-02-29T10:00:00Z", "2026-04-31T10:00:00Z",
        "2026-06-31T00:00:00Z", "2026-01-01T10:00:60Z", "2026-02-30T10:00",
        "2026-02-30 10:00",     "2025-02-29 12:00",     "2026-11-31T08:00",
    };
    for (size_t i = 0; i < sizeof impossible / sizeof impossible[0]; i++)
        if (time_read_input(impossible[i], &t) != TIME_INPUT_MALFORMED)
            fail_msg("accepted %s", impossible[i]);
    assert_true(time_parse_iso("2024-02-29T10:00:00Z", &t)); /* a leap day */
    /* the spring gap does not exist on Swedish clocks; the autumn hour is taken as the
     * first (summer time) and said to be ambiguous */
    assert_int_equal(time_read_input("2026-03-29T02:30", &t), TIME_INPUT_SKIPPED);
    assert_int_equal(time_read_input("2026-03-29 02:00", &t), TIME_INPUT_SKIPPED);
    assert_int_equal(time_read_input("2026-03-29T01:59", &t), TIME_INPUT_OK);
    assert_int_equal(time_read_input("2026-03-29T03:00", &t), TIME_INPUT_OK);
    assert_int_equal(time_read_input("2027-03-28T02:15", &t), TIME_INPUT_SKIPPED);
    assert_int_equal(time_read_input("2026-03-22T02:30", &t), TIME_INPUT_OK); /* a week before */
    assert_int_equal(time_read_input("2026-10-25T02:30", &t), TIME_INPUT_TWICE);
    char iso[21];
    time_iso_from(t, iso);
    assert_string_equal(iso, "2026-10-25T00:30:00Z");
}

static void test_urlencoded(void **state)
{
    (void)state;
    arena a;
    arena_init(&a, 0);
    kvlist l;
    const char *body = "name=Milj%C3%B6+f%C3%B6rvaltning&kind=forvaltning&&=x&bad=%zz%4&empty";
    assert_true(http_parse_urlencoded(&a, body, strlen(body), &l));
    assert_string_equal(kv_get(&l, "name"), "Miljö förvaltning");
    assert_string_equal(kv_get(&l, "kind"), "forvaltning");
    assert_string_equal(kv_get(&l, "bad"), "%zz%4");
    assert_string_equal(kv_get(&l, "empty"), "");
    assert_null(kv_get(&l, ""));
    /* a NUL byte would cut the value short (ab%00cd became ab): the parse says so and
     * the field is dropped, in a value, in a key, and sent raw */
    const char *nul_value = "unit_id=ab%00cd&name=x";
    assert_false(http_parse_urlencoded(&a, nul_value, strlen(nul_value), &l));
    assert_null(kv_get(&l, "unit_id"));
    assert_string_equal(kv_get(&l, "name"), "x");
    const char *nul_key = "unit%00_id=1";
    assert_false(http_parse_urlencoded(&a, nul_key, strlen(nul_key), &l));
    static const char raw_nul[] = "unit_id=ab\0cd";
    assert_false(http_parse_urlencoded(&a, raw_nul, sizeof raw_nul - 1, &l));
    http_parse_cookies(&a, "a=1; lis_session=abc; junk; b=\"q\"", &l);
    assert_string_equal(kv_get(&l, "lis_session"), "abc");
    assert_string_equal(kv_get(&l, "b"), "q");
    arena_free(&a);
}

/* Where a login may send the browser next: hostile inputs a browser would read as
 * another host (TAB, CR and LF are removed by the WHATWG URL parser, '\\' is '/'). */
static void test_path_same_origin(void **state)
{
    (void)state;
    static const char *const hostile[] = {
        "/\t/evil.example/", "/\n/evil.example",
        "/\r/evil.example",  "//evil.example/",
        "/\\evil.example",   "\\/evil.example",
        "/x\\..\\..\\evil",  "https://evil.example/",
        "http:/evil",        " /home",
        "\t//evil.example",  "/\x01/evil.example",
        "/\x7f/evil",        "",
        "evil.example",      "javascript:alert(1)",
        "/home\x1f",         "/%0a\n/evil",
    };
    for (size_t i = 0; i < sizeof hostile / sizeof hostile[0]; i++)
        if (path_same_origin(hostile[i])) fail_msg("accepted hostile path #%zu", i);
    assert_false(path_same_origin(NULL));
    static const char *const fine[] = {"/",          "/home",         "/risks?unit=3&sort=title",
                                       "/people/12", "/x/%2F%2Fevil", "/s%C3%B6k?q=%C3%A5"};
    for (size_t i = 0; i < sizeof fine / sizeof fine[0]; i++)
        assert_true(path_same_origin(fine[i]));
}

static void test_buf_cap(void **state)
{
    (void)state;
    buf b;
    buf_init(&b, 8);
    buf_puts(&b, "1234567");
    assert_false(buf_failed(&b));
    buf_puts(&b, "89");
    assert_true(buf_failed(&b));
    assert_string_equal(buf_str(&b), "1234567");
    buf_free(&b);
    arena a;
    arena_init(&a, 1024);
    assert_non_null(arena_alloc(&a, 512));
    assert_null(arena_alloc(&a, 1024));
    char *big = NULL;
    arena_free(&a);
    arena_init(&a, 0);
    big = arena_alloc(&a, 200000);
    assert_non_null(big);
    memset(big, 'x', 200000);
    assert_string_equal(arena_printf(&a, "%d-%s", 7, "x"), "7-x");
    arena_free(&a);
}

/* An arena that refused memory says so until it is freed: the boundary (the server, per
 * request) checks once and answers 500 instead of a page built around the gaps. */
static void test_arena_failure_is_sticky(void **state)
{
    (void)state;
    arena a;
    arena_init(&a, 1024);
    assert_false(arena_failed(&a));
    assert_non_null(arena_alloc(&a, 512));
    assert_false(arena_failed(&a));
    assert_null(arena_printf(&a, "%02000d", 1)); /* past the cap */
    assert_true(arena_failed(&a));
    assert_non_null(arena_alloc(&a, 16)); /* small ones still fit, but the flag stays */
    assert_true(arena_failed(&a));
    arena_free(&a);
    assert_false(arena_failed(&a)); /* freed: a fresh start */
    assert_non_null(arena_strdup(&a, "ny"));
    arena_free(&a);
}

/* A buffer made without a cap still has one: nothing grows without bound. */
static void test_every_buf_capped(void **state)
{
    (void)state;
    buf b;
    buf_init(&b, 0);
    assert_int_equal(b.cap, BUF_DEFAULT_CAP);
    char *chunk = malloc(1024 * 1024);
    memset(chunk, 'x', 1024 * 1024);
    for (size_t i = 0; i <= BUF_DEFAULT_CAP / (1024 * 1024); i++)
        buf_append(&b, chunk, 1024 * 1024);
    assert_true(buf_failed(&b));
    assert_true(b.len < BUF_DEFAULT_CAP);
    free(chunk);
    buf_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arena_failure_is_sticky),
        cmocka_unit_test(test_every_buf_capped),
        cmocka_unit_test(test_esc_html),
        cmocka_unit_test(test_esc_url_attr_refuses_script),
        cmocka_unit_test(test_esc_json),
        cmocka_unit_test(test_esc_csv_defuses_formulas),
        cmocka_unit_test(test_utf8),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_urlencoded),
        cmocka_unit_test(test_local_time_follows_swedish_dst),
        cmocka_unit_test(test_buf_cap),
        cmocka_unit_test(test_path_same_origin),
    };
    return cmocka_run_group_tests_name("core", tests, NULL, NULL);
}
