#include "escape.h"
#include <string.h>
#include <strings.h>
#include <ctype.h>

void esc_html(buf *out, const char *s)
{
    if (!s) return;
    const char *run = s;
    for (; *s; s++) {
        const char *rep = NULL;
        switch (*s) {
        case '&':
            rep = "&amp;";
            break;
        case '<':
            rep = "&lt;";
            break;
        case '>':
            rep = "&gt;";
            break;
        case '"':
            rep = "&quot;";
            break;
        case '\'':
            rep = "&#39;";
            break;
        default:
            continue;
        }
        buf_append(out, run, (size_t)(s - run));
        buf_puts(out, rep);
        run = s + 1;
    }
    buf_append(out, run, (size_t)(s - run));
}

/* Only relative URLs and http(s)/mailto are allowed; anything else becomes "#"
 * so that a stored value can never run script from a link. */
void esc_url_attr(buf *out, const char *s)
{
    if (!s) return;
    const char *colon = strchr(s, ':');
    const char *slash = strchr(s, '/');
    if (colon && (!slash || colon < slash)) {
        size_t n = (size_t)(colon - s);
        if (!((n == 4 && strncasecmp(s, "http", 4) == 0) ||
              (n == 5 && strncasecmp(s, "https", 5) == 0) ||
              (n == 6 && strncasecmp(s, "mailto", 6) == 0))) {
            buf_puts(out, "#");
            return;
        }
    }
    esc_html(out, s);
}

void esc_url_component(buf *out, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    if (!s) return;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (isalnum(*p) || *p == '-' || *p == '_' || *p == '.' || *p == '~') {
            buf_putc(out, (char)*p);
        } else {
            char enc[3] = {'%', hex[*p >> 4], hex[*p & 15]};
            buf_append(out, enc, 3);
        }
    }
}

void esc_json_string(buf *out, const char *s)
{
    static const char hex[] = "0123456789abcdef";
    buf_putc(out, '"');
    if (s) {
        const char *run = s;
        for (; *s; s++) {
            unsigned char c = (unsigned char)*s;
            if (c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>') continue;
            buf_append(out, run, (size_t)(s - run));
            switch (c) {
            case '"':
                buf_puts(out, "\\\"");
                break;
            case '\\':
                buf_puts(out, "\\\\");
                break;
            case '\n':
                buf_puts(out, "\\n");
                break;
            case '\r':
                buf_puts(out, "\\r");
                break;
            case '\t':
                buf_puts(out, "\\t");
                break;
            default: {
                /* < and > too, so JSON embedded in HTML can never close a tag. */
                char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
                buf_append(out, u, 6);
            }
            }
            run = s + 1;
        }
        buf_append(out, run, (size_t)(s - run));
    }
    buf_putc(out, '"');
}

void esc_csv_field(buf *out, const char *s, char sep)
{
    if (!s) s = "";
    /* A cell starting with = + - @ is a formula in Excel: prefix a quote so an
     * exported value can never run as one (CSV injection). */
    bool formula = (*s == '=' || *s == '+' || *s == '-' || *s == '@') && s[1];
    bool quote = formula || strchr(s, sep) || strchr(s, '"') || strchr(s, '\n') || strchr(s, '\r');
    if (!quote) {
        buf_puts(out, s);
        return;
    }
    buf_putc(out, '"');
    if (formula) buf_putc(out, '\'');
    for (; *s; s++) {
        if (*s == '"') buf_putc(out, '"');
        buf_putc(out, *s);
    }
    buf_putc(out, '"');
}

bool utf8_valid(const char *str, size_t n)
{
    const unsigned char *s = (const unsigned char *)str, *end = s + n;
    while (s < end) {
        unsigned char c = *s;
        if (c < 0x80) {
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return false;
            if (c == 0x7f) return false;
            s++;
            continue;
        }
        int len;
        unsigned cp;
        if ((c & 0xe0) == 0xc0) {
            len = 2;
            cp = c & 0x1f;
        } else if ((c & 0xf0) == 0xe0) {
            len = 3;
            cp = c & 0x0f;
        } else if ((c & 0xf8) == 0xf0) {
            len = 4;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (end - s < len) return false;
        for (int i = 1; i < len; i++) {
            if ((s[i] & 0xc0) != 0x80) return false;
            cp = (cp << 6) | (s[i] & 0x3f);
        }
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
            cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
            return false;
        s += len;
    }
    return true;
}

size_t utf8_length(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xc0) != 0x80) n++;
    return n;
}
