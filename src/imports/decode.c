/* decode.c - see decode.h. */
#include "decode.h"
#include "../core/buf.h"
#include "../core/csv.h"
#include "../core/escape.h"
#include <string.h>

static int line_at(const char *data, size_t offset)
{
    int line = 1;
    for (size_t i = 0; i < offset; i++)
        line += data[i] == '\n';
    return line;
}

/* The length of the valid UTF-8 sequence at p (1 to 4), or 0 when it is not one. */
static size_t utf8_seq(const unsigned char *p, size_t left)
{
    if (p[0] < 0x80) return 1;
    size_t n = (p[0] & 0xE0) == 0xC0   ? 2
               : (p[0] & 0xF0) == 0xE0 ? 3
               : (p[0] & 0xF8) == 0xF0 ? 4
                                       : 0;
    if (!n || n > left) return 0;
    return utf8_valid((const char *)p, n) ? n : 0;
}

static void put_utf8(buf *b, unsigned cp)
{
    if (cp < 0x80) {
        buf_putc(b, (char)cp);
    } else if (cp < 0x800) {
        buf_putc(b, (char)(0xC0 | (cp >> 6)));
        buf_putc(b, (char)(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        buf_putc(b, (char)(0xE0 | (cp >> 12)));
        buf_putc(b, (char)(0x80 | ((cp >> 6) & 0x3F)));
        buf_putc(b, (char)(0x80 | (cp & 0x3F)));
    } else {
        buf_putc(b, (char)(0xF0 | (cp >> 18)));
        buf_putc(b, (char)(0x80 | ((cp >> 12) & 0x3F)));
        buf_putc(b, (char)(0x80 | ((cp >> 6) & 0x3F)));
        buf_putc(b, (char)(0x80 | (cp & 0x3F)));
    }
}

/* UTF-16 without its BOM: the NUL bytes of ASCII text fall on every second byte. */
static text_encoding utf16_guess(const unsigned char *p, size_t len)
{
    size_t n = len < 400 ? len & ~(size_t)1 : 400, even = 0, odd = 0;
    for (size_t i = 0; i < n; i += 2) {
        even += p[i] == 0;
        odd += p[i + 1] == 0;
    }
    if (n >= 4 && odd * 10 >= n / 2 * 7 && even == 0) return ENC_UTF16LE;
    if (n >= 4 && even * 10 >= n / 2 * 7 && odd == 0) return ENC_UTF16BE;
    return ENC_UTF8;
}

static void from_utf16(arena *a, const unsigned char *p, size_t len, bool le, decoded *out)
{
    if (len % 2) {
        out->problem = DECODE_BAD_UTF16;
        out->line = 1;
        return;
    }
    buf b;
    buf_init(&b, 0);
    int line = 1;
    for (size_t i = 0; i < len; i += 2) {
        unsigned u = le ? (unsigned)(p[i] | p[i + 1] << 8) : (unsigned)(p[i] << 8 | p[i + 1]);
        if (u >= 0xD800 && u < 0xDC00 && i + 3 < len) {
            unsigned lo =
                le ? (unsigned)(p[i + 2] | p[i + 3] << 8) : (unsigned)(p[i + 2] << 8 | p[i + 3]);
            if (lo >= 0xDC00 && lo < 0xE000) {
                put_utf8(&b, 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00));
                i += 2;
                continue;
            }
        }
        if ((u >= 0xD800 && u < 0xE000) || u == 0) {
            out->problem = u ? DECODE_BAD_UTF16 : DECODE_BINARY;
            out->line = line;
            buf_free(&b);
            return;
        }
        line += u == '\n';
        put_utf8(&b, u);
    }
    if (!b.failed) {
        out->text = arena_strndup(a, b.data ? b.data : "", b.len);
        out->len = b.len;
    }
    buf_free(&b);
}

static bool is_letter_at(const char *s, size_t i, size_t len)
{
    unsigned char c = (unsigned char)s[i];
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
    /* a Latin-1 or Latin Extended-A letter (two bytes, C3-C5 lead) */
    return c >= 0xC3 && c <= 0xC5 && i + 1 < len;
}

static bool is_letter_before(const char *s, size_t i)
{
    if (!i) return false;
    unsigned char c = (unsigned char)s[i - 1];
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) return true;
    return i >= 2 && (c & 0xC0) == 0x80 && (unsigned char)s[i - 2] >= 0xC3 &&
           (unsigned char)s[i - 2] <= 0xC5;
}

/* A '?' between two letters ("F?rvaltning", "Syst?m?gare") is a letter an export tool
 * could not write: no Swedish word holds one there (a link's query string does). */
static void find_question_marks(arena *a, decoded *out)
{
    const char *s = out->text;
    for (size_t i = 0; i < out->len; i++) {
        if (s[i] != '?' || !is_letter_before(s, i) || !is_letter_at(s, i + 1, out->len)) continue;
        size_t from = i, to = i;
        while (from > 0 && s[from - 1] != ' ' && s[from - 1] != ';' && s[from - 1] != ',' &&
               s[from - 1] != '\t' && s[from - 1] != '\n' && s[from - 1] != '"' && i - from < 40)
            from--;
        while (to < out->len && s[to] != ' ' && s[to] != ';' && s[to] != ',' && s[to] != '\t' &&
               s[to] != '\r' && s[to] != '\n' && s[to] != '"' && to - i < 40)
            to++;
        /* a link's query ("sida?id=1"), an address: the '?' is meant */
        bool meant = false;
        for (size_t k = from; k < to; k++)
            meant |= strchr("/=&.@:", s[k]) != NULL;
        if (meant) continue;
        out->problem = DECODE_QUESTION;
        out->line = line_at(s, i);
        out->word = arena_strndup(a, s + from, to - from);
        out->text = NULL;
        return;
    }
}

void import_decode(arena *a, const char *data, size_t len, decoded *out)
{
    memset(out, 0, sizeof *out);
    const unsigned char *p = (const unsigned char *)data;
    if (!data) {
        out->problem = DECODE_BINARY;
        return;
    }
    if (len >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF))) {
        out->encoding = p[0] == 0xFF ? ENC_UTF16LE : ENC_UTF16BE;
        from_utf16(a, p + 2, len - 2, out->encoding == ENC_UTF16LE, out);
    } else if (utf16_guess(p, len) != ENC_UTF8) {
        out->encoding = utf16_guess(p, len);
        from_utf16(a, p, len, out->encoding == ENC_UTF16LE, out);
    } else {
        bool bom = len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3);
        size_t start = bom ? 3 : 0;
        size_t multibyte = 0, first_bad = 0;
        bool bad = false;
        for (size_t i = start; i < len;) {
            if (!p[i] || (p[i] < 0x20 && p[i] != '\t' && p[i] != '\r' && p[i] != '\n') ||
                p[i] == 0x7F) {
                out->problem = DECODE_BINARY;
                out->line = line_at(data, i);
                return;
            }
            size_t n = utf8_seq(p + i, len - i);
            if (!n) {
                if (!bad) first_bad = i;
                bad = true;
                i++;
                continue;
            }
            multibyte += n > 1;
            i += n;
        }
        if (bad && (bom || multibyte)) {
            out->encoding = bom ? ENC_UTF8_BOM : ENC_UTF8;
            out->problem = DECODE_MIXED;
            out->line = line_at(data, first_bad);
            return;
        }
        out->encoding = bad ? ENC_CP1252 : bom ? ENC_UTF8_BOM : ENC_UTF8;
        out->text = bad ? text_to_utf8(a, data + start, len - start)
                        : arena_strndup(a, data + start, len - start);
        out->len = out->text ? strlen(out->text) : 0;
    }
    if (out->problem) return;
    if (!out->text) {
        out->problem = DECODE_BINARY;
        out->line = 1;
        return;
    }
    /* after UTF-16: control characters are not text either */
    for (size_t i = 0; i < out->len; i++) {
        unsigned char c = (unsigned char)out->text[i];
        if ((c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7F) {
            out->problem = DECODE_BINARY;
            out->line = line_at(out->text, i);
            out->text = NULL;
            return;
        }
    }
    find_question_marks(a, out);
}
