/* totp_key.c - the key TOTP seeds are sealed under: a subkey of the audit chain's key, the
 * one key file kept outside the database (src/audit/key.c loads it, `lis init` and `lis
 * demo` create it). Someone who copies the database alone gets sealed seeds only. */
#include "totp.h"
#include "../audit/key.h"
#include "../db/db.h"

bool totp_key_of(const struct audit_signer *signer, unsigned char out[TOTP_KEY_BYTES])
{
    _Static_assert((int)TOTP_KEY_BYTES == (int)AUDIT_KEY_BYTES,
                   "the subkey derives from the audit key");
    if (!signer) return false;
    totp_subkey(signer->key, out);
    return true;
}

bool totp_key(const db *d, unsigned char out[TOTP_KEY_BYTES])
{
    return totp_key_of(db_audit_signer(d), out);
}
