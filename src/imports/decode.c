/* decode.c - see decode.h. The file is read a piece at a time (byte_source), twice for
 * UTF-8 and Windows-1252 (which it is can only be told from the whole file), and its text
 * goes on in whole lines (text_sink), checked on the way: bounded memory for any size. */
#include "decode.h"
#include "../core/buf.h"
#include "../core/csv.h"
#include "../core/escape.h"
#include <string.h>

enum { PIECE = 64 * 1024, LONGEST_HELD = 1024 * 1024 };

static int lines_in(const char *s, size_t n)
{
    int lines = 0;
    for (size_t i = 0; i < n; i++)
        lines += s[i] == '\n';
    return lines;
}

/* The length a UTF-8 lead byte announces (1 to 4), 0 when it is no lead byte. */
static size_t utf8_lead(unsigned char c)
{
    return c < 0x80             ? 1
           : (c & 0xE0) == 0xC0 ? 2
           : (c & 0xF0) == 0xE0 ? 3
           : (c & 0xF8) == 0xF0 ? 4
                                : 0;
}

/* The length of the valid UTF-8 sequence at p (1 to 4), or 0 when it is not one. */
static size_t utf8_seq(const unsigned char *p, size_t left)
{
    size_t n = utf8_lead(p[0]);
    if (n == 1) return 1;
    if (!n || n > left) return 0;
    return utf8_valid((const char *)p, n) ? n : 0;
}

static bool is_control(unsigned char c)
{
    return (c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7F;
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

/* The decoded text on its way out: held until a line ends, checked, then passed on. */
typedef struct line_out {
    buf held;
    int line; /* the line held starts on */
    decoded *out;
    arena *a;
    text_sink sink;
    void *ctx;
} line_out;

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
 * could not write: no Swedish word holds one there (a link's query string does). Looks
 * in s[0, len), whole lines starting on line first; true with out's problem set. */
static bool question_mark(arena *a, const char *s, size_t len, int first, decoded *out)
{
    for (size_t i = 0; i < len; i++) {
        if (s[i] != '?' || !is_letter_before(s, i) || !is_letter_at(s, i + 1, len)) continue;
        size_t from = i, to = i;
        while (from > 0 && s[from - 1] != ' ' && s[from - 1] != ';' && s[from - 1] != ',' &&
               s[from - 1] != '\t' && s[from - 1] != '\n' && s[from - 1] != '"' && i - from < 40)
            from--;
        while (to < len && s[to] != ' ' && s[to] != ';' && s[to] != ',' && s[to] != '\t' &&
               s[to] != '\r' && s[to] != '\n' && s[to] != '"' && to - i < 40)
            to++;
        /* a link's query ("sida?id=1"), an address: the '?' is meant */
        bool meant = false;
        for (size_t k = from; k < to; k++)
            meant |= strchr("/=&.@:", s[k]) != NULL;
        if (meant) continue;
        out->problem = DECODE_QUESTION;
        out->line = first + lines_in(s, i);
        out->word = arena_strndup(a, s + from, to - from);
        return true;
    }
    return false;
}

/* Checks the held text's first n bytes (control characters, "?" damage) and passes them
 * on; false when there was a problem or the sink refused. */
static bool pass_on(line_out *lo, size_t n)
{
    const char *s = lo->held.data;
    for (size_t i = 0; i < n; i++)
        if (is_control((unsigned char)s[i])) {
            lo->out->problem = DECODE_BINARY;
            lo->out->line = lo->line + lines_in(s, i);
            return false;
        }
    if (question_mark(lo->a, s, n, lo->line, lo->out)) return false;
    if (!lo->sink(lo->ctx, s, n)) {
        lo->out->problem = DECODE_BINARY;
        lo->out->sink_failed = true;
        return false;
    }
    lo->out->len += n;
    lo->line += lines_in(s, n);
    memmove(lo->held.data, lo->held.data + n, lo->held.len - n);
    lo->held.len -= n;
    return true;
}

/* UTF-8 text, in pieces that may end anywhere; passed on in whole lines (a line longer
 * than LONGEST_HELD at a character's start). */
static bool put_text(line_out *lo, const char *s, size_t n)
{
    buf_append(&lo->held, s, n);
    if (buf_failed(&lo->held)) return false;
    if (lo->held.len < PIECE) return true;
    const char *d = lo->held.data;
    size_t cut = lo->held.len;
    while (cut && d[cut - 1] != '\n')
        cut--;
    if (!cut && lo->held.len >= LONGEST_HELD) {
        /* a line longer than that: cut before a last character not yet whole */
        cut = lo->held.len;
        size_t lead = cut;
        while (lead > 0 && cut - lead < 3 && ((unsigned char)d[lead - 1] & 0xC0) == 0x80)
            lead--;
        if (lead > 0 && lead - 1 + utf8_lead((unsigned char)d[lead - 1]) > cut) cut = lead - 1;
    }
    return !cut || pass_on(lo, cut);
}

static bool put_end(line_out *lo)
{
    return !lo->held.len || pass_on(lo, lo->held.len);
}

static unsigned utf16_unit(const unsigned char *p, bool le)
{
    return le ? (unsigned)(p[0] | p[1] << 8) : (unsigned)(p[0] << 8 | p[1]);
}

static void from_utf16(const byte_source *src, size_t start, bool le, line_out *lo)
{
    decoded *out = lo->out;
    if ((src->len - start) % 2) {
        out->problem = DECODE_BAD_UTF16;
        out->line = 1;
        return;
    }
    unsigned char piece[PIECE];
    buf b;
    buf_init(&b, 0);
    int line = 1;
    unsigned high = 0; /* a high surrogate, its pair in the next unit */
    for (size_t at = start; at < src->len && !out->problem;) {
        size_t want = src->len - at < PIECE ? src->len - at : PIECE;
        size_t got = src->read(src->ctx, at, (char *)piece, want);
        if (got != want) {
            out->problem = DECODE_BINARY;
            out->line = line;
            break;
        }
        at += got;
        buf_reset(&b);
        for (size_t i = 0; i < got; i += 2) {
            unsigned u = utf16_unit(piece + i, le);
            if (high) { /* its pair, or a broken one */
                if (u < 0xDC00 || u >= 0xE000) {
                    out->problem = DECODE_BAD_UTF16;
                    out->line = line;
                    break;
                }
                put_utf8(&b, 0x10000 + ((high - 0xD800) << 10) + (u - 0xDC00));
                high = 0;
                continue;
            }
            if (u >= 0xD800 && u < 0xDC00) {
                high = u;
                continue;
            }
            if ((u >= 0xDC00 && u < 0xE000) || u == 0) {
                out->problem = u ? DECODE_BAD_UTF16 : DECODE_BINARY;
                out->line = line;
                break;
            }
            line += u == '\n';
            put_utf8(&b, u);
        }
        if (!out->problem) put_text(lo, b.data ? b.data : "", b.len);
    }
    if (!out->problem && high) {
        out->problem = DECODE_BAD_UTF16;
        out->line = line;
    }
    if (!out->problem) put_end(lo);
    buf_free(&b);
}

/* UTF-8 or Windows-1252: the first pass over the bytes (control characters, invalid
 * sequences, multibyte letters); the encoding, or a problem set in out. */
static void utf8_or_cp1252(const byte_source *src, size_t start, bool bom, decoded *out)
{
    unsigned char piece[PIECE + 4];
    size_t carry = 0, multibyte = 0;
    int line = 1, first_bad = 0;
    bool bad = false;
    for (size_t at = start; at < src->len;) {
        size_t want = src->len - at < PIECE ? src->len - at : PIECE;
        size_t got = src->read(src->ctx, at, (char *)piece + carry, want);
        if (got != want) {
            out->problem = DECODE_BINARY;
            out->line = line;
            return;
        }
        at += got;
        size_t n = carry + got, i = 0;
        bool last = at >= src->len;
        while (i < n) {
            unsigned char c = piece[i];
            if (!c || is_control(c)) {
                out->problem = DECODE_BINARY;
                out->line = line;
                return;
            }
            size_t k = utf8_seq(piece + i, n - i);
            if (!k && !last && utf8_lead(c) > n - i) break; /* its rest in the next piece */
            if (!k) {
                if (!bad) first_bad = line;
                bad = true;
                i++;
                continue;
            }
            line += c == '\n';
            multibyte += k > 1;
            i += k;
        }
        carry = n - i;
        memmove(piece, piece + i, carry);
    }
    if (bad && (bom || multibyte)) {
        out->encoding = bom ? ENC_UTF8_BOM : ENC_UTF8;
        out->problem = DECODE_MIXED;
        out->line = first_bad;
        return;
    }
    out->encoding = bad ? ENC_CP1252 : bom ? ENC_UTF8_BOM : ENC_UTF8;
}

/* The second pass: the text as UTF-8, in pieces, to lo. */
static void text_out(const byte_source *src, size_t start, bool cp1252, line_out *lo)
{
    char piece[PIECE];
    buf b;
    buf_init(&b, 0);
    for (size_t at = start; at < src->len && !lo->out->problem;) {
        size_t want = src->len - at < PIECE ? src->len - at : PIECE;
        size_t got = src->read(src->ctx, at, piece, want);
        if (got != want) {
            lo->out->problem = DECODE_BINARY;
            lo->out->line = lo->line;
            break;
        }
        at += got;
        if (cp1252) {
            buf_reset(&b);
            cp1252_to_utf8(&b, piece, got);
            put_text(lo, b.data ? b.data : "", b.len);
        } else {
            put_text(lo, piece, got);
        }
    }
    if (!lo->out->problem) put_end(lo);
    buf_free(&b);
}

void import_decode_stream(arena *a, const byte_source *src, text_sink sink, void *ctx, decoded *out)
{
    memset(out, 0, sizeof *out);
    unsigned char head[400];
    size_t hn = src->len < sizeof head ? src->len : sizeof head;
    if (src->read(src->ctx, 0, (char *)head, hn) != hn) {
        out->problem = DECODE_BINARY;
        out->line = 1;
        return;
    }
    line_out lo = {.line = 1, .out = out, .a = a, .sink = sink, .ctx = ctx};
    buf_init(&lo.held, 2 * LONGEST_HELD);
    if (hn >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF))) {
        out->encoding = head[0] == 0xFF ? ENC_UTF16LE : ENC_UTF16BE;
        from_utf16(src, 2, out->encoding == ENC_UTF16LE, &lo);
    } else if (utf16_guess(head, hn) != ENC_UTF8) {
        out->encoding = utf16_guess(head, hn);
        from_utf16(src, 0, out->encoding == ENC_UTF16LE, &lo);
    } else {
        bool bom = hn >= 3 && !memcmp(head, "\xEF\xBB\xBF", 3);
        utf8_or_cp1252(src, bom ? 3 : 0, bom, out);
        if (!out->problem) text_out(src, bom ? 3 : 0, out->encoding == ENC_CP1252, &lo);
    }
    buf_free(&lo.held);
}

static size_t memory_read(void *ctx, size_t at, char *out, size_t n)
{
    memcpy(out, (const char *)ctx + at, n);
    return n;
}

static bool memory_sink(void *ctx, const char *text, size_t n)
{
    buf_append(ctx, text, n);
    return !buf_failed(ctx);
}

void import_decode(arena *a, const char *data, size_t len, decoded *out)
{
    if (!data) {
        memset(out, 0, sizeof *out);
        out->problem = DECODE_BINARY;
        return;
    }
    byte_source src = {memory_read, (void *)data, len};
    buf text;
    buf_init(&text, 0);
    import_decode_stream(a, &src, memory_sink, &text, out);
    if (out->problem == DECODE_OK) {
        out->text = arena_strndup(a, text.data ? text.data : "", text.len);
        if (!out->text) out->problem = DECODE_BINARY, out->line = 1;
    }
    buf_free(&text);
}
