/* seal.c - the SMTP password at rest (mail.h): sealed with libsodium's secretbox under a
 * subkey ("lis-smtp") of the key file kept outside the database, as TOTP seeds are under
 * theirs; someone who copies the database alone gets no password. Other secrets lis keeps
 * (an OpenID Connect client secret) are sealed the same way under subkeys of their own. */
#include "mail.h"
#include "../audit/key.h"
#include "../db/db.h"
#include <sodium.h>
#include <string.h>

enum { MAX_PASSWORD = 1000 };

static bool subkey(req *r, uint64_t id, const char *context,
                   unsigned char out[crypto_secretbox_KEYBYTES])
{
    const audit_signer *signer = db_audit_signer(r->db);
    if (!signer || strlen(context) != crypto_kdf_CONTEXTBYTES) return false;
    _Static_assert(crypto_kdf_KEYBYTES == AUDIT_KEY_BYTES, "the subkey derives from the key file");
    return crypto_kdf_derive_from_key(out, crypto_secretbox_KEYBYTES, id, context, signer->key) ==
           0;
}

const char *mail_seal(req *r, const char *password)
{
    return secret_seal(r, SEAL_SMTP, "lis-smtp", password);
}

const char *mail_unseal(req *r, const char *sealed)
{
    return secret_unseal(r, SEAL_SMTP, "lis-smtp", sealed);
}

const char *secret_seal(req *r, uint64_t id, const char *context, const char *password)
{
    size_t len = strlen(password);
    unsigned char key[crypto_secretbox_KEYBYTES];
    if (len > MAX_PASSWORD || !subkey(r, id, context, key)) return NULL;
    size_t boxed = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + len;
    unsigned char *box = arena_alloc(r->a, boxed);
    randombytes_buf(box, crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(box + crypto_secretbox_NONCEBYTES, (const unsigned char *)password, len,
                          box, key);
    sodium_memzero(key, sizeof key);
    char *hex = arena_alloc(r->a, boxed * 2 + 1);
    sodium_bin2hex(hex, boxed * 2 + 1, box, boxed);
    return hex;
}

const char *secret_unseal(req *r, uint64_t id, const char *context, const char *sealed)
{
    size_t hexlen = sealed ? strlen(sealed) : 0, boxed = hexlen / 2;
    if (hexlen % 2 || boxed < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES ||
        boxed > crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + MAX_PASSWORD)
        return NULL;
    unsigned char *box = arena_alloc(r->a, boxed);
    size_t got = 0;
    if (sodium_hex2bin(box, boxed, sealed, hexlen, NULL, &got, NULL) != 0 || got != boxed)
        return NULL;
    unsigned char key[crypto_secretbox_KEYBYTES];
    if (!subkey(r, id, context, key)) return NULL;
    size_t len = boxed - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES;
    char *password = arena_alloc(r->a, len + 1);
    int rc =
        crypto_secretbox_open_easy((unsigned char *)password, box + crypto_secretbox_NONCEBYTES,
                                   boxed - crypto_secretbox_NONCEBYTES, box, key);
    sodium_memzero(key, sizeof key);
    if (rc != 0) return NULL;
    password[len] = 0;
    return password;
}
