/* totp.c - TOTP codes, URI, QR SVG, recovery codes and seed sealing (see totp.h). */
#include "totp.h"
#include <liboath/oath.h>
#include <qrencode.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* oath_init only sets up gcrypt-free state; it is idempotent but not thread-safe, so it runs
 * once under pthread_once. */
#include <pthread.h>
static pthread_once_t oath_once = PTHREAD_ONCE_INIT;
static void oath_start(void)
{
    oath_init();
}

int64_t totp_step(time_t now)
{
    return (int64_t)now / TOTP_STEP_SECONDS;
}

bool totp_base32(const unsigned char raw[TOTP_SECRET_BYTES], char b32[TOTP_SECRET_B32])
{
    pthread_once(&oath_once, oath_start);
    char *enc = NULL;
    size_t enclen = 0;
    bool ok = oath_base32_encode((const char *)raw, TOTP_SECRET_BYTES, &enc, &enclen) == OATH_OK &&
              enclen < TOTP_SECRET_B32;
    b32[0] = '\0';
    if (ok) {
        memcpy(b32, enc, enclen);
        b32[enclen] = '\0';
    }
    free(enc);
    return ok;
}

void totp_new_secret(unsigned char raw[TOTP_SECRET_BYTES], char b32[TOTP_SECRET_B32])
{
    randombytes_buf(raw, TOTP_SECRET_BYTES);
    if (!totp_base32(raw, b32)) b32[0] = '\0';
}

bool totp_code(const unsigned char *secret, size_t len, time_t now, unsigned digits, char *out,
               size_t outlen)
{
    pthread_once(&oath_once, oath_start);
    if (digits < 6 || digits > 8 || outlen <= digits) return false;
    return oath_totp_generate2((const char *)secret, len, now, TOTP_STEP_SECONDS, 0, digits,
                               0 /* HMAC-SHA1, the default */, out) == OATH_OK;
}

int64_t totp_verify(const unsigned char *secret, size_t len, time_t now, const char *code,
                    int64_t last_step)
{
    pthread_once(&oath_once, oath_start);
    if (!code || strlen(code) != TOTP_DIGITS) return -1;
    for (int i = 0; i < TOTP_DIGITS; i++)
        if (code[i] < '0' || code[i] > '9') return -1;
    /* Each step of the window on its own, oldest first, so a code that matches an already
     * used step cannot hide a later one. */
    for (int off = -1; off <= 1; off++) {
        int64_t step = totp_step(now) + off;
        if (step <= last_step) continue;
        char want[TOTP_DIGITS + 1];
        if (!totp_code(secret, len, (time_t)(step * TOTP_STEP_SECONDS), TOTP_DIGITS, want,
                       sizeof want))
            return -1;
        if (sodium_memcmp(want, code, TOTP_DIGITS) == 0) return step;
    }
    return -1;
}

bool totp_uri(const char *email, const char *b32, char *out, size_t outlen)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t n = 0;
    int w = snprintf(out, outlen, "otpauth://totp/lis:");
    if (w < 0 || (size_t)w >= outlen) return false;
    n = (size_t)w;
    for (const unsigned char *p = (const unsigned char *)email; *p; p++) {
        bool plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
                     (*p >= '0' && *p <= '9') || strchr("-._~@", *p);
        if (n + 4 >= outlen) return false;
        if (plain) {
            out[n++] = (char)*p;
        } else {
            out[n++] = '%';
            out[n++] = hex[*p >> 4];
            out[n++] = hex[*p & 15];
        }
    }
    w = snprintf(out + n, outlen - n, "?secret=%s&issuer=lis", b32);
    return w >= 0 && (size_t)w < outlen - n;
}

char *totp_qr_svg(const char *text)
{
    QRcode *qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!qr) return NULL;
    enum { QUIET = 4 };
    int size = qr->width + 2 * QUIET;
    char *svg = NULL;
    size_t svglen = 0;
    FILE *f = open_memstream(&svg, &svglen);
    if (!f) {
        QRcode_free(qr);
        return NULL;
    }
    fprintf(f,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" "
            "height=\"%d\" shape-rendering=\"crispEdges\" aria-hidden=\"true\" focusable=\"false\">"
            "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/><path fill=\"#000\" d=\"",
            size, size, size * 6, size * 6, size, size);
    for (int y = 0; y < qr->width; y++)
        for (int x = 0; x < qr->width; x++)
            if (qr->data[y * qr->width + x] & 1) fprintf(f, "M%d %dh1v1h-1z", x + QUIET, y + QUIET);
    fputs("\"/></svg>", f);
    QRcode_free(qr);
    if (fclose(f) != 0) {
        free(svg);
        return NULL;
    }
    return svg;
}

/* No 0/o, 1/l/i: codes are read off paper. */
static const char recovery_alphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";

void totp_recovery_codes(char out[TOTP_RECOVERY_COUNT][TOTP_RECOVERY_LEN])
{
    size_t na = sizeof recovery_alphabet - 1;
    for (int i = 0; i < TOTP_RECOVERY_COUNT; i++) {
        for (int j = 0; j < 9; j++)
            out[i][j] = j == 4 ? '-' : recovery_alphabet[randombytes_uniform((uint32_t)na)];
        out[i][9] = '\0';
    }
}

bool totp_recovery_normalise(const char *typed, char out[TOTP_RECOVERY_LEN])
{
    size_t n = 0;
    for (const char *p = typed; p && *p; p++) {
        char c = *p;
        if (c == ' ' || c == '-') continue;
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        if (!strchr(recovery_alphabet, c) || n >= 8) return false;
        out[n < 4 ? n : n + 1] = c;
        n++;
    }
    if (n != 8) return false;
    out[4] = '-';
    out[9] = '\0';
    return true;
}

void totp_subkey(const unsigned char master[TOTP_KEY_BYTES], unsigned char out[TOTP_KEY_BYTES])
{
    _Static_assert(TOTP_KEY_BYTES == crypto_kdf_KEYBYTES, "kdf key size");
    crypto_kdf_derive_from_key(out, TOTP_KEY_BYTES, 1, "lis-totp", master);
}

bool totp_seal(const unsigned char key[TOTP_KEY_BYTES], const unsigned char *secret, size_t len,
               char *out, size_t outlen)
{
    _Static_assert(TOTP_KEY_BYTES == crypto_secretbox_KEYBYTES, "secretbox key size");
    if (len != TOTP_SECRET_BYTES) return false;
    unsigned char box[crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + TOTP_SECRET_BYTES];
    randombytes_buf(box, crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(box + crypto_secretbox_NONCEBYTES, secret, len, box, key);
    if (outlen < sizeof box * 2 + 1) return false;
    sodium_bin2hex(out, outlen, box, sizeof box);
    return true;
}

bool totp_open(const unsigned char key[TOTP_KEY_BYTES], const char *sealed,
               unsigned char secret[TOTP_SECRET_BYTES])
{
    unsigned char box[crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + TOTP_SECRET_BYTES];
    size_t got = 0;
    if (!sealed || strlen(sealed) != sizeof box * 2) return false;
    if (sodium_hex2bin(box, sizeof box, sealed, strlen(sealed), NULL, &got, NULL) != 0 ||
        got != sizeof box)
        return false;
    return crypto_secretbox_open_easy(secret, box + crypto_secretbox_NONCEBYTES,
                                      sizeof box - crypto_secretbox_NONCEBYTES, box, key) == 0;
}
