/* password.c - argon2id through libsodium. */
#include "auth.h"
#include "../core/i18n.h"
#include <sodium.h>
#include <string.h>

int password_hash(const char *password, char out[128])
{
    _Static_assert(crypto_pwhash_STRBYTES <= 128, "hash buffer");
    return crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                             crypto_pwhash_MEMLIMIT_INTERACTIVE / 2);
}

bool password_verify(const char *hash, const char *password)
{
    if (!hash || !*hash || !password) return false;
    return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

int password_policy(const char *password)
{
    size_t n = strlen(password);
    if (n < 10) return TR_password_too_short;
    if (n > 200) return TR_password_too_long;
    return -1;
}
