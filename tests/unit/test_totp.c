/* Unit tests of two-step verification codes: RFC 6238 appendix B's SHA-1 vectors (8 digits)
 * and their 6-digit truncation, the ±1 step window, a code never accepted twice, the
 * otpauth URI, the QR SVG, recovery codes and sealing the seed under the subkey. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../src/auth/totp.h"
#include "../../src/audit/key.h"

static const unsigned char rfc_secret[] = "12345678901234567890";

static const struct {
    time_t t;
    const char *code8;
} rfc_vectors[] = {
    {59, "94287082"},         {1111111109, "07081804"}, {1111111111, "14050471"},
    {1234567890, "89005924"}, {2000000000, "69279037"}, {20000000000, "65353130"},
};

static void test_rfc6238_sha1_vectors(void **state)
{
    for (size_t i = 0; i < sizeof rfc_vectors / sizeof rfc_vectors[0]; i++) {
        char code[9];
        assert_true(totp_code(rfc_secret, 20, rfc_vectors[i].t, 8, code, sizeof code));
        assert_string_equal(code, rfc_vectors[i].code8);
        /* 6 digits: the same truncated number modulo 10^6, its last six digits */
        char code6[7];
        assert_true(totp_code(rfc_secret, 20, rfc_vectors[i].t, 6, code6, sizeof code6));
        assert_string_equal(code6, rfc_vectors[i].code8 + 2);
    }
}

static void test_verify_window_and_replay(void **state)
{
    time_t now = 1111111111; /* step 37037037 */
    int64_t step = totp_step(now);
    char code[7];
    assert_true(totp_code(rfc_secret, 20, now, 6, code, sizeof code));
    assert_int_equal(totp_verify(rfc_secret, 20, now, code, 0), step);
    /* the same code again, once its step is remembered: refused */
    assert_int_equal(totp_verify(rfc_secret, 20, now, code, step), -1);
    /* one step early or late is accepted, two are not */
    assert_int_equal(totp_verify(rfc_secret, 20, now + 30, code, 0), step);
    assert_int_equal(totp_verify(rfc_secret, 20, now - 30, code, 0), step);
    assert_int_equal(totp_verify(rfc_secret, 20, now + 60, code, 0), -1);
    assert_int_equal(totp_verify(rfc_secret, 20, now - 60, code, 0), -1);
    /* malformed input */
    assert_int_equal(totp_verify(rfc_secret, 20, now, "12345", 0), -1);
    assert_int_equal(totp_verify(rfc_secret, 20, now, "1234567", 0), -1);
    assert_int_equal(totp_verify(rfc_secret, 20, now, "12a456", 0), -1);
    assert_int_equal(totp_verify(rfc_secret, 20, now, NULL, 0), -1);
}

static void test_uri_and_qr(void **state)
{
    unsigned char raw[TOTP_SECRET_BYTES];
    char b32[TOTP_SECRET_B32];
    totp_new_secret(raw, b32);
    assert_int_equal(strlen(b32), 32);
    char uri[256];
    assert_true(totp_uri("anna+it@kommun.se", "ABC", uri, sizeof uri));
    assert_string_equal(uri, "otpauth://totp/lis:anna%2Bit@kommun.se?secret=ABC&issuer=lis");
    assert_false(totp_uri("anna@kommun.se", b32, uri, 40));
    char *svg = totp_qr_svg(uri);
    assert_non_null(svg);
    assert_non_null(strstr(svg, "<svg "));
    assert_null(strstr(svg, "style"));
    assert_null(strstr(svg, "<script"));
    free(svg);
}

static void test_recovery_codes(void **state)
{
    char codes[TOTP_RECOVERY_COUNT][TOTP_RECOVERY_LEN];
    totp_recovery_codes(codes);
    for (int i = 0; i < TOTP_RECOVERY_COUNT; i++) {
        assert_int_equal(strlen(codes[i]), 9);
        assert_int_equal(codes[i][4], '-');
        char norm[TOTP_RECOVERY_LEN];
        assert_true(totp_recovery_normalise(codes[i], norm));
        assert_string_equal(norm, codes[i]);
    }
    char norm[TOTP_RECOVERY_LEN];
    assert_true(totp_recovery_normalise(" ABCD efgh ", norm));
    assert_string_equal(norm, "abcd-efgh");
    assert_false(totp_recovery_normalise("abcd-efg", norm));
    assert_false(totp_recovery_normalise("abcd-efgh2", norm));
    assert_false(totp_recovery_normalise("abc0-efgh", norm)); /* 0 is not in the alphabet */
}

static void test_seal_open(void **state)
{
    unsigned char master[TOTP_KEY_BYTES], key[TOTP_KEY_BYTES], other[TOTP_KEY_BYTES];
    memset(master, 7, sizeof master);
    totp_subkey(master, key);
    assert_memory_not_equal(key, master, sizeof key);
    memset(master, 8, sizeof master);
    totp_subkey(master, other);
    unsigned char raw[TOTP_SECRET_BYTES], back[TOTP_SECRET_BYTES];
    char b32[TOTP_SECRET_B32];
    totp_new_secret(raw, b32);
    char sealed[200];
    assert_true(totp_seal(key, raw, sizeof raw, sealed, sizeof sealed));
    assert_null(strstr(sealed, b32));
    assert_true(totp_open(key, sealed, back));
    assert_memory_equal(raw, back, sizeof raw);
    assert_false(totp_open(other, sealed, back));
    sealed[10] = sealed[10] == 'a' ? 'b' : 'a';
    assert_false(totp_open(key, sealed, back));
}

/* The seeds' key comes from the audit key file (one key outside the database), loaded by
 * src/audit/key.c, and is a subkey of it: never the audit key itself. */
static void test_key_from_audit_key_file(void **state)
{
    char path[] = "/tmp/lis-totp-keyXXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n", f);
    fclose(f);
    setenv("LIS_AUDIT_KEY_FILE", path, 1);
    audit_signer s;
    char err[256];
    assert_true(audit_signer_open(&s, "/nowhere.sqlite", false, err, sizeof err));
    unsigned char key[TOTP_KEY_BYTES], want[TOTP_KEY_BYTES];
    assert_true(totp_key_of(&s, key));
    totp_subkey(s.key, want);
    assert_memory_equal(key, want, sizeof key);
    assert_memory_not_equal(key, s.key, sizeof key);
    assert_int_equal(s.key[1], 0x11);
    audit_signer_close(&s);
    assert_false(totp_key_of(NULL, key));
    f = fopen(path, "w");
    fputs("not hex\n", f);
    fclose(f);
    assert_false(audit_signer_open(&s, "/nowhere.sqlite", false, err, sizeof err));
    unsetenv("LIS_AUDIT_KEY_FILE");
    remove(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rfc6238_sha1_vectors),
        cmocka_unit_test(test_verify_window_and_replay),
        cmocka_unit_test(test_uri_and_qr),
        cmocka_unit_test(test_recovery_codes),
        cmocka_unit_test(test_seal_open),
        cmocka_unit_test(test_key_from_audit_key_file),
    };
    return cmocka_run_group_tests_name("totp", tests, NULL, NULL);
}
