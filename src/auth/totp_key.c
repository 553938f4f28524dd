/* totp_key.c - reads the key kept outside the database that the TOTP subkey derives from.
 * It follows the audit branch's rule (src/audit/key.c there: LIS_AUDIT_KEY_FILE, or FILE.key
 * beside a SQLite database FILE, 64 hex digits) so both use the same one key file; when the
 * two branches meet, this file is to be replaced by a call to audit_key_path + its loader. */
#include "totp.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool totp_master_key_load(const char *db_url, unsigned char out[TOTP_KEY_BYTES], char *err,
                          size_t errlen)
{
    char path[4096];
    const char *env = getenv("LIS_AUDIT_KEY_FILE");
    if (env && *env) {
        snprintf(path, sizeof path, "%s", env);
    } else if (strncmp(db_url, "postgres://", 11) == 0 ||
               strncmp(db_url, "postgresql://", 13) == 0) {
        snprintf(err, errlen, "LIS_AUDIT_KEY_FILE is required with PostgreSQL");
        return false;
    } else if ((size_t)snprintf(path, sizeof path, "%s.key", db_url) >= sizeof path) {
        snprintf(err, errlen, "database path too long");
        return false;
    }
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "cannot read key file %s", path);
        return false;
    }
    char hex[2 * TOTP_KEY_BYTES + 2] = {0};
    size_t n = fread(hex, 1, sizeof hex - 1, f);
    fclose(f);
    while (n > 0 && (hex[n - 1] == '\n' || hex[n - 1] == '\r')) hex[--n] = '\0';
    size_t got = 0;
    if (n != 2 * TOTP_KEY_BYTES ||
        sodium_hex2bin(out, TOTP_KEY_BYTES, hex, n, NULL, &got, NULL) != 0 ||
        got != TOTP_KEY_BYTES) {
        snprintf(err, errlen, "key file %s is not 64 hex digits", path);
        return false;
    }
    return true;
}
