/* totp.h - two-step verification codes (TOTP, RFC 6238, HMAC-SHA1, 30-second steps,
 * 6 digits) through liboath, the otpauth:// URI an authenticator app scans, that URI drawn
 * as an inline SVG QR code (libqrencode; attributes only, the CSP forbids inline styles),
 * recovery codes, and the sealing of the seed at rest. No crypto of our own: liboath does
 * HOTP/TOTP, libsodium the randomness, hashing and sealing. */
#ifndef LIS_AUTH_TOTP_H
#define LIS_AUTH_TOTP_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

enum {
    TOTP_SECRET_BYTES = 20, /* 160 bits, RFC 4226's recommendation for HMAC-SHA1 */
    TOTP_SECRET_B32 = 33,   /* base32 of 20 bytes is 32 characters, plus NUL */
    TOTP_STEP_SECONDS = 30,
    TOTP_DIGITS = 6,
    TOTP_RECOVERY_COUNT = 10,
    TOTP_RECOVERY_LEN = 12, /* "abcd-efgh-jk" plus NUL fits */
    TOTP_KEY_BYTES = 32,
};

/* The step a time falls in (RFC 6238's T). */
int64_t totp_step(time_t now);

/* A new random seed, its raw bytes and its base32 form (for manual entry and the URI). */
void totp_new_secret(unsigned char raw[TOTP_SECRET_BYTES], char b32[TOTP_SECRET_B32]);

/* The base32 form of a seed (for manual entry and the URI); false if it cannot be made. */
bool totp_base32(const unsigned char raw[TOTP_SECRET_BYTES], char b32[TOTP_SECRET_B32]);

/* The digits-long code of a secret at a time (RFC 6238 with SHA-1). False on bad input. */
bool totp_code(const unsigned char *secret, size_t len, time_t now, unsigned digits, char *out,
               size_t outlen);

/* Checks a typed 6-digit code against now ±1 step. Returns the step it matched when that step
 * is later than last_step (a code is never accepted twice), else -1. Anything but exactly
 * six digits is -1. */
int64_t totp_verify(const unsigned char *secret, size_t len, time_t now, const char *code,
                    int64_t last_step);

/* "otpauth://totp/lis:EMAIL?secret=B32&issuer=lis", the email percent-encoded. False when
 * it does not fit. */
bool totp_uri(const char *email, const char *b32, char *out, size_t outlen);

/* The text as a QR code in SVG (one <path>, attributes only), hidden from screen readers:
 * the page shows the secret as text beside it. malloc'd; NULL on failure. */
char *totp_qr_svg(const char *text);

/* Ten new recovery codes, "xxxx-xxxx" from an alphabet without look-alikes. */
void totp_recovery_codes(char out[TOTP_RECOVERY_COUNT][TOTP_RECOVERY_LEN]);
/* A typed recovery code in the stored form: lower case, spaces dropped; false if malformed. */
bool totp_recovery_normalise(const char *typed, char out[TOTP_RECOVERY_LEN]);

/* Seals a seed for the database (hex of nonce || secretbox) under the TOTP subkey, and opens
 * it again. open returns false when the text was not sealed under this key. */
bool totp_seal(const unsigned char key[TOTP_KEY_BYTES], const unsigned char *secret, size_t len,
               char *out, size_t outlen);
bool totp_open(const unsigned char key[TOTP_KEY_BYTES], const char *sealed,
               unsigned char secret[TOTP_SECRET_BYTES]);

/* The TOTP subkey derived (crypto_kdf, context "lis-totp") from the 32-byte key kept
 * outside the database (see totp_key.c). */
void totp_subkey(const unsigned char master[TOTP_KEY_BYTES], unsigned char out[TOTP_KEY_BYTES]);

/* The TOTP subkey of the audit key that signer holds (loaded by src/audit/key.c from the
 * one key file outside the database), and of the signer a database handle carries. False
 * when there is none (a database opened without its key). */
struct audit_signer;
struct db;
bool totp_key_of(const struct audit_signer *signer, unsigned char out[TOTP_KEY_BYTES]);
bool totp_key(const struct db *d, unsigned char out[TOTP_KEY_BYTES]);
#endif
