/* Unit tests of composing an e-mail (src/mail/compose.c): addresses and host names that
 * are accepted or refused, a Swedish subject as RFC 2047 encoded words of whole
 * characters within the line limit, the body in base64 in canonical CRLF form, and no
 * header injection. No network. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../src/mail/mail.h"

#define N_ELEMS(x) (sizeof(x) / sizeof((x)[0]))

static const struct address_case {
    const char *text;
    bool ok;
} address_cases[] = {
    {"lis@exempelkommun.se", true},
    {"anna.andersson+lis@kommun-x.se", true},
    {"", false},
    {"utan-snabel-a.se", false},
    {"@kommun.se", false},
    {"a@b@kommun.se", false},
    {"a b@kommun.se", false},
    {"a@kommun.se\r\nBcc: x@y.se", false},
    {"<a@kommun.se>", false},
    {"a@kommun_se", false},
    {"a@-kommun.se", false},
};

static void test_addresses(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(address_cases); i++)
        if (mail_address_ok(address_cases[i].text) != address_cases[i].ok)
            fail_msg("\"%s\": want %s", address_cases[i].text,
                     address_cases[i].ok ? "ok" : "refused");
    assert_true(mail_host_ok("smtp.office365.com"));
    assert_true(mail_host_ok("127.0.0.1"));
    assert_false(mail_host_ok("smtp.kommun.se/x"));
    assert_false(mail_host_ok("smtp kommun"));
}

/* The decoded base64 of one encoded word "=?UTF-8?B?…?=" at p; its end in *end. */
static void decode_word(const char *p, char *out, size_t outlen, const char **end)
{
    assert_int_equal(strncmp(p, "=?UTF-8?B?", 10), 0);
    const char *stop = strstr(p + 10, "?=");
    assert_non_null(stop);
    size_t got = 0;
    unsigned char bin[200];
    assert_int_equal(sodium_base642bin(bin, sizeof bin, p + 10, (size_t)(stop - p - 10), NULL, &got,
                                       NULL, sodium_base64_VARIANT_ORIGINAL),
                     0);
    assert_true(got < outlen);
    memcpy(out, bin, got);
    out[got] = 0;
    *end = stop + 2;
}

static void test_message(void **state)
{
    (void)state;
    const char *subject =
        "Påminnelse: åtgärden \"Säker e-post för känsliga uppgifter\" är försenad";
    mail_message m = {"lis@exempelkommun.se",
                      "anna@exempelkommun.se",
                      subject,
                      "Hej Anna!\nÅtgärden är försenad sedan 2026-06-30.\n",
                      "exempelkommun.se",
                      1780000000};
    buf b;
    buf_init(&b, 0);
    assert_true(mail_compose(&b, &m));
    const char *text = buf_str(&b);
    /* every line ends in CRLF and stays within 78 characters */
    for (const char *p = text; *p;) {
        const char *end = strstr(p, "\r\n");
        assert_non_null(end);
        assert_true(end - p <= 78);
        assert_null(memchr(p, '\n', (size_t)(end - p)));
        p = end + 2;
    }
    assert_non_null(strstr(text, "From: lis@exempelkommun.se\r\nTo: anna@exempelkommun.se\r\n"));
    assert_non_null(strstr(text, "Date: Thu, 28 May 2026 20:26:40 +0000\r\n"));
    assert_non_null(strstr(text, "Content-Type: text/plain; charset=utf-8\r\n"
                                 "Content-Transfer-Encoding: base64\r\n\r\n"));
    /* the subject's words, decoded and joined, are the subject; each is whole UTF-8 */
    const char *p = strstr(text, "Subject: ") + 9;
    char joined[300] = "", word[100];
    while (strncmp(p, "=?", 2) == 0) {
        decode_word(p, word, sizeof word, &p);
        assert_false(((unsigned char)word[0] & 0xC0) == 0x80);
        strcat(joined, word);
        if (strncmp(p, "\r\n ", 3) == 0) p += 3;
    }
    assert_string_equal(joined, subject);
    /* the body decodes to the text with CRLF line ends */
    const char *body = strstr(text, "\r\n\r\n") + 4;
    char compact[400] = "";
    for (const char *q = body; *q; q++)
        if (*q != '\r' && *q != '\n') strncat(compact, q, 1);
    unsigned char decoded[300];
    size_t got = 0;
    assert_int_equal(sodium_base642bin(decoded, sizeof decoded, compact, strlen(compact), NULL,
                                       &got, NULL, sodium_base64_VARIANT_ORIGINAL),
                     0);
    decoded[got] = 0;
    assert_string_equal((char *)decoded, "Hej Anna!\r\nÅtgärden är försenad sedan 2026-06-30.\r\n");
    buf_free(&b);
}

static void test_plain_subject(void **state)
{
    (void)state;
    mail_message m = {"lis@k.se", "a@k.se", "Test", "x", "k.se", 0};
    buf b;
    buf_init(&b, 0);
    assert_true(mail_compose(&b, &m));
    assert_non_null(strstr(buf_str(&b), "\r\nSubject: Test\r\n"));
    buf_free(&b);
}

static void test_no_injection(void **state)
{
    (void)state;
    mail_message bad[] = {
        {"lis@k.se", "a@k.se", "Hej\r\nBcc: x@y.se", "x", "k.se", 0},
        {"lis@k.se", "a@k.se\nBcc: x@y.se", "Hej", "x", "k.se", 0},
        {"lis@k.se\r\n", "a@k.se", "Hej", "x", "k.se", 0},
        {"lis@k.se", "a@k.se", "Hej", "x", "k.se>\r\nBcc: x@y.se", 0},
    };
    for (size_t i = 0; i < N_ELEMS(bad); i++) {
        buf b;
        buf_init(&b, 0);
        if (mail_compose(&b, &bad[i])) fail_msg("case %zu was composed", i);
        assert_int_equal(b.len, 0);
        buf_free(&b);
    }
}

int main(void)
{
    if (sodium_init() < 0) return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_addresses),
        cmocka_unit_test(test_message),
        cmocka_unit_test(test_plain_subject),
        cmocka_unit_test(test_no_injection),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
