/* compose.c - an e-mail message as text (mail.h); pure. Plain text in UTF-8, the body in
 * base64 so that å, ä and ö pass any relay untouched, the subject as RFC 2047 encoded
 * words, every header value checked for line breaks so that nothing is injected. */
#include "mail.h"
#include <sodium.h>
#include <stdio.h>
#include <string.h>

enum { MAX_ADDRESS = 254, MAX_HOST = 253, BODY_LINE = 76, WORD_BYTES = 39 };

bool mail_address_ok(const char *s)
{
    if (!s) return false;
    size_t len = strlen(s);
    const char *at = strchr(s, '@');
    if (len == 0 || len > MAX_ADDRESS || !at || at == s || strchr(at + 1, '@') ||
        !mail_host_ok(at + 1))
        return false;
    for (const char *p = s; p < at; p++)
        if ((unsigned char)*p <= ' ' || strchr("\"<>(),;:\\[]", *p) || *p == 0x7F) return false;
    return true;
}

bool mail_host_ok(const char *s)
{
    if (!s || !*s || strlen(s) > MAX_HOST || *s == '.' || *s == '-') return false;
    for (const char *p = s; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
              *p == '.' || *p == '-'))
            return false;
    return true;
}

static bool one_line(const char *s)
{
    return s && !strpbrk(s, "\r\n");
}

static bool plain_ascii(const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p < 0x20 || *p > 0x7E) return false;
    return true;
}

static void base64(buf *out, const unsigned char *data, size_t n)
{
    char enc[BODY_LINE * 2];
    sodium_bin2base64(enc, sizeof enc, data, n, sodium_base64_VARIANT_ORIGINAL);
    buf_puts(out, enc);
}

/* The subject as encoded words of whole UTF-8 characters, each line under 78 octets. */
static void subject_header(buf *out, const char *subject)
{
    buf_puts(out, "Subject:");
    if (plain_ascii(subject)) {
        buf_printf(out, " %s\r\n", subject);
        return;
    }
    size_t len = strlen(subject), at = 0;
    while (at < len) {
        size_t n = len - at < WORD_BYTES ? len - at : WORD_BYTES;
        while (at + n < len && ((unsigned char)subject[at + n] & 0xC0) == 0x80)
            n--;
        buf_puts(out, at ? "\r\n =?UTF-8?B?" : " =?UTF-8?B?");
        base64(out, (const unsigned char *)subject + at, n);
        buf_puts(out, "?=");
        at += n;
    }
    buf_puts(out, "\r\n");
}

bool mail_compose(buf *out, const mail_message *m)
{
    if (!mail_address_ok(m->from) || !mail_address_ok(m->to) || !one_line(m->subject) ||
        !mail_host_ok(m->message_id_host) || !m->body)
        return false;
    char date[64], id[32];
    struct tm tm;
    gmtime_r(&m->date, &tm);
    static const char *const days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char *const months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    /* RFC 5322 3.3, in English whatever the locale */
    snprintf(date, sizeof date, "%s, %02d %s %04d %02d:%02d:%02d +0000", days[tm.tm_wday % 7],
             tm.tm_mday, months[tm.tm_mon % 12], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
             tm.tm_sec);
    unsigned char random[12];
    randombytes_buf(random, sizeof random);
    sodium_bin2hex(id, sizeof id, random, sizeof random);
    buf_printf(out, "From: %s\r\nTo: %s\r\n", m->from, m->to);
    subject_header(out, m->subject);
    buf_printf(out,
               "Date: %s\r\nMessage-ID: <%s@%s>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; "
               "charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n",
               date, id, m->message_id_host);
    /* the text in canonical form (CRLF line ends, RFC 2045), then 57 octets to each
     * 76-character line of base64 */
    buf text;
    buf_init(&text, 0);
    for (const char *p = m->body; *p; p++) {
        if (*p == '\n' && (p == m->body || p[-1] != '\r')) buf_putc(&text, '\r');
        buf_putc(&text, *p);
    }
    const unsigned char *data = (const unsigned char *)buf_str(&text);
    for (size_t at = 0; at < text.len; at += 57) {
        base64(out, data + at, text.len - at < 57 ? text.len - at : 57);
        buf_puts(out, "\r\n");
    }
    buf_free(&text);
    return true;
}
