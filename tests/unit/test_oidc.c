/* Unit tests of the relying party's checks (src/auth/oidc.c), by situation: provider URLs
 * lis may talk to, discovery documents that name another issuer or lack an endpoint, the ID
 * token's signature under a key set (keys made and tokens signed here with libcjose; alg
 * none, HS256, a foreign key, a kid the set lacks), its claims one at a time, the address a
 * token vouches for, allowed domains, and RFC 7636's PKCE test vector. No network. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <cjose/cjose.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "../../src/auth/oidc.h"

#define N_ELEMS(x) (sizeof(x) / sizeof((x)[0]))

static const struct url_case {
    const char *url;
    bool ok;
} url_cases[] = {
    {"https://login.microsoftonline.com/0b4a-tenant/v2.0", true},
    {"https://idp.kommun.se:8443/realms/lis", true},
    {"http://127.0.0.1:5556/dex", true},
    {"http://localhost:8080", true},
    {"http://[::1]:9000/", true},
    {"http://idp.kommun.se", false},      /* plain http off this machine */
    {"http://127.0.0.1.evil.se/", false}, /* not loopback, only looks like it */
    {"http://localhost@evil.se/", false}, /* user-info trick */
    {"https://user:pw@idp.kommun.se", false},
    {"https://idp.kommun.se/#frag", false},
    {"https://idp kommun.se", false},
    {"ftp://idp.kommun.se", false},
    {"javascript:alert(1)", false},
    {"https://", false},
    {"", false},
    {NULL, false},
};

static void test_urls(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(url_cases); i++)
        if (oidc_url_ok(url_cases[i].url) != url_cases[i].ok)
            fail_msg("\"%s\": want %s", url_cases[i].url ? url_cases[i].url : "(null)",
                     url_cases[i].ok ? "accepted" : "refused");
}

static const struct discovery_case {
    const char *situation;
    const char *json;
    bool ok;
} discovery_cases[] = {
    {"a whole document",
     "{\"issuer\":\"https://idp.se\",\"authorization_endpoint\":\"https://idp.se/auth\","
     "\"token_endpoint\":\"https://idp.se/token\",\"jwks_uri\":\"https://idp.se/jwks\","
     "\"end_session_endpoint\":\"https://idp.se/logout\"}",
     true},
    {"another issuer (a mix-up)",
     "{\"issuer\":\"https://evil.se\",\"authorization_endpoint\":\"https://idp.se/auth\","
     "\"token_endpoint\":\"https://idp.se/token\",\"jwks_uri\":\"https://idp.se/jwks\"}",
     false},
    {"the issuer with a trailing slash is another issuer",
     "{\"issuer\":\"https://idp.se/\",\"authorization_endpoint\":\"https://idp.se/auth\","
     "\"token_endpoint\":\"https://idp.se/token\",\"jwks_uri\":\"https://idp.se/jwks\"}",
     false},
    {"no token endpoint",
     "{\"issuer\":\"https://idp.se\",\"authorization_endpoint\":\"https://idp.se/auth\","
     "\"jwks_uri\":\"https://idp.se/jwks\"}",
     false},
    {"keys over plain http off this machine",
     "{\"issuer\":\"https://idp.se\",\"authorization_endpoint\":\"https://idp.se/auth\","
     "\"token_endpoint\":\"https://idp.se/token\",\"jwks_uri\":\"http://idp.se/jwks\"}",
     false},
    {"not JSON", "<html>", false},
    {"duplicate keys", "{\"issuer\":\"https://idp.se\",\"issuer\":\"https://idp.se\"}", false},
};

static void test_discovery(void **state)
{
    (void)state;
    arena a;
    arena_init(&a, 0);
    for (size_t i = 0; i < N_ELEMS(discovery_cases); i++) {
        oidc_discovery d;
        const char *why = NULL;
        bool ok = oidc_discovery_parse(&a, discovery_cases[i].json, "https://idp.se", &d, &why);
        if (ok != discovery_cases[i].ok)
            fail_msg("%s: want %s (%s)", discovery_cases[i].situation,
                     discovery_cases[i].ok ? "accepted" : "refused", why ? why : "");
        if (!ok && !why) fail_msg("%s: refused without a reason", discovery_cases[i].situation);
    }
    oidc_discovery d;
    const char *why;
    assert_true(oidc_discovery_parse(&a, discovery_cases[0].json, "https://idp.se", &d, &why));
    assert_string_equal(d.end_session_endpoint, "https://idp.se/logout");
    assert_string_equal(d.token_endpoint, "https://idp.se/token");
    arena_free(&a);
}

/* ---- signatures ------------------------------------------------------------------ */

static char *b64url(const void *data, size_t n)
{
    size_t len = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    char *out = malloc(len);
    sodium_bin2base64(out, len, data, n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return out;
}

/* A token signed by jwk with alg and kid (NULL: none), payload as given. */
static char *sign(cjose_jwk_t *jwk, const char *alg, const char *kid, const char *payload)
{
    cjose_err err;
    cjose_header_t *h = cjose_header_new(&err);
    cjose_header_set(h, CJOSE_HDR_ALG, alg, &err);
    if (kid) cjose_header_set(h, CJOSE_HDR_KID, kid, &err);
    cjose_jws_t *jws = cjose_jws_sign(jwk, h, (const uint8_t *)payload, strlen(payload), &err);
    assert_non_null(jws);
    const char *ser = NULL;
    assert_true(cjose_jws_export(jws, &ser, &err));
    char *out = strdup(ser);
    cjose_jws_release(jws);
    cjose_header_release(h);
    return out;
}

/* A token with the header given as JSON and a signature part given as text. */
static char *forge(const char *header, const char *payload, const char *signature)
{
    char *h = b64url(header, strlen(header)), *p = b64url(payload, strlen(payload));
    size_t n = strlen(h) + strlen(p) + strlen(signature) + 3;
    char *out = malloc(n);
    snprintf(out, n, "%s.%s.%s", h, p, signature);
    free(h);
    free(p);
    return out;
}

/* The public JWK of jwk with kid set, as a one-key set (or two with other). */
static char *jwks_of(cjose_jwk_t *jwk, const char *kid, cjose_jwk_t *other, const char *other_kid)
{
    cjose_err err;
    json_t *set = json_object(), *keys = json_array();
    cjose_jwk_t *pairs[2] = {jwk, other};
    const char *kids[2] = {kid, other_kid};
    for (int i = 0; i < 2 && pairs[i]; i++) {
        char *pub = cjose_jwk_to_json(pairs[i], false, &err);
        json_t *k = json_loads(pub, 0, NULL);
        free(pub);
        if (kids[i]) json_object_set_new(k, "kid", json_string(kids[i]));
        json_array_append_new(keys, k);
    }
    json_object_set_new(set, "keys", keys);
    char *out = json_dumps(set, JSON_COMPACT);
    json_decref(set);
    return out;
}

static const char payload[] = "{\"iss\":\"https://idp.se\",\"sub\":\"u1\"}";

static void expect_sig(arena *a, const char *situation, const char *token, const char *jwks,
                       oidc_sig want)
{
    json_t *claims = NULL;
    oidc_sig got = oidc_verify(a, token, jwks, &claims, NULL);
    if (got != want)
        fail_msg("%s: got \"%s\", want \"%s\"", situation, oidc_sig_text(got), oidc_sig_text(want));
    if ((got == OIDC_SIG_OK) != (claims != NULL))
        fail_msg("%s: claims only when verified", situation);
    if (claims) assert_string_equal(json_string_value(json_object_get(claims, "sub")), "u1");
    json_decref(claims);
}

static void test_signatures(void **state)
{
    (void)state;
    arena a;
    arena_init(&a, 0);
    cjose_err err;
    static const uint8_t e[] = {1, 0, 1};
    cjose_jwk_t *rsa = cjose_jwk_create_RSA_random(2048, e, sizeof e, &err);
    cjose_jwk_t *rsa2 = cjose_jwk_create_RSA_random(2048, e, sizeof e, &err);
    cjose_jwk_t *small = cjose_jwk_create_RSA_random(1024, e, sizeof e, &err);
    cjose_jwk_t *ec = cjose_jwk_create_EC_random(CJOSE_JWK_EC_P_256, &err);
    cjose_jwk_t *ec384 = cjose_jwk_create_EC_random(CJOSE_JWK_EC_P_384, &err);
    assert_non_null(rsa);
    assert_non_null(ec);

    char *set = jwks_of(rsa, "k1", ec, "k2");
    char *set_rotated = jwks_of(rsa2, "k1", NULL, NULL);
    char *set_no_kids = jwks_of(rsa, NULL, NULL, NULL);
    char *set_small = jwks_of(small, "s", NULL, NULL);
    char *set_p384 = jwks_of(ec384, "p", NULL, NULL);

    char *rs = sign(rsa, "RS256", "k1", payload);
    char *es = sign(ec, "ES256", "k2", payload);
    char *rs_nokid = sign(rsa, "RS256", NULL, payload);
    char *rs_other_kid = sign(rsa, "RS256", "k9", payload);
    char *rs384 = sign(rsa, "RS384", "k1", payload);
    char *ps = sign(rsa, "PS256", "k1", payload);
    char *rs_small = sign(small, "RS256", "s", payload);
    char *es384 = sign(ec384, "ES384", "p", payload);
    char *none = forge("{\"alg\":\"none\",\"kid\":\"k1\"}", payload, "");
    char *none_upper = forge("{\"alg\":\"NONE\"}", payload, "");
    char *hs = forge("{\"alg\":\"HS256\",\"kid\":\"k1\"}", payload, "c2lnbmF0dXJl");
    char *no_alg = forge("{\"kid\":\"k1\"}", payload, "c2ln");
    char *dup_alg = forge("{\"alg\":\"RS256\",\"alg\":\"none\",\"kid\":\"k1\"}", payload, "c2ln");
    /* the RS256 token's signature on another payload */
    char *tampered = strdup(rs);
    {
        char *p = b64url("{\"iss\":\"https://idp.se\",\"sub\":\"admin\"}", 38);
        char *first = strchr(tampered, '.'), *second = strchr(first + 1, '.');
        size_t n = strlen(tampered) + strlen(p) + 1;
        char *t = malloc(n);
        snprintf(t, n, "%.*s.%s%s", (int)(first - tampered), tampered, p, second);
        free(tampered);
        free(p);
        tampered = t;
    }

    expect_sig(&a, "RS256 under its key", rs, set, OIDC_SIG_OK);
    expect_sig(&a, "ES256 under its key", es, set, OIDC_SIG_OK);
    expect_sig(&a, "no kid, one fitting key", rs_nokid, set_no_kids, OIDC_SIG_OK);
    expect_sig(&a, "no kid, the set's keys named", rs_nokid, set, OIDC_SIG_OK);
    expect_sig(&a, "a kid the set lacks", rs_other_kid, set, OIDC_SIG_NO_KEY);
    expect_sig(&a, "the key rotated: the kept set's key of that kid is another", rs, set_rotated,
               OIDC_SIG_BAD);
    expect_sig(&a, "no key set yet", rs, NULL, OIDC_SIG_NO_KEY);
    expect_sig(&a, "a key set that is not JSON", rs, "nonsense", OIDC_SIG_NO_KEY);
    expect_sig(&a, "a payload changed under the signature", tampered, set, OIDC_SIG_BAD);
    expect_sig(&a, "alg none", none, set, OIDC_SIG_ALG_REFUSED);
    expect_sig(&a, "alg NONE", none_upper, set, OIDC_SIG_ALG_REFUSED);
    expect_sig(&a, "HS256 (a secret is no key here)", hs, set, OIDC_SIG_ALG_REFUSED);
    expect_sig(&a, "RS384", rs384, set, OIDC_SIG_ALG_REFUSED);
    expect_sig(&a, "PS256", ps, set, OIDC_SIG_ALG_REFUSED);
    expect_sig(&a, "ES384 on P-384", es384, set_p384, OIDC_SIG_ALG_REFUSED);
    expect_sig(&a, "no alg", no_alg, set, OIDC_SIG_ALG_REFUSED);
    expect_sig(&a, "alg given twice", dup_alg, set, OIDC_SIG_MALFORMED);
    expect_sig(&a, "a 1024-bit RSA key", rs_small, set_small, OIDC_SIG_NO_KEY);
    expect_sig(&a, "not a JWT", "abc", set, OIDC_SIG_MALFORMED);
    expect_sig(&a, "empty", "", set, OIDC_SIG_MALFORMED);
    expect_sig(&a, "a header that is not JSON", "eyJ.eyJ.c2ln", set, OIDC_SIG_MALFORMED);

    const char *alg = NULL;
    json_t *claims = NULL;
    assert_int_equal(oidc_verify(&a, es, set, &claims, &alg), OIDC_SIG_OK);
    assert_string_equal(alg, "ES256");
    json_decref(claims);

    char *all[] = {set,        set_rotated,  set_no_kids, set_small, set_p384, rs,    es,
                   rs_nokid,   rs_other_kid, rs384,       ps,        rs_small, es384, none,
                   none_upper, hs,           no_alg,      dup_alg,   tampered};
    for (size_t i = 0; i < N_ELEMS(all); i++)
        free(all[i]);
    cjose_jwk_release(rsa);
    cjose_jwk_release(rsa2);
    cjose_jwk_release(small);
    cjose_jwk_release(ec);
    cjose_jwk_release(ec384);
    arena_free(&a);
}

/* ---- claims ---------------------------------------------------------------------- */

enum { NOW = 1800000000 };

static const struct claims_case {
    const char *situation;
    const char *json;
    oidc_claims want;
} claims_cases[] = {
    {"all as expected",
     "{\"iss\":\"https://idp.se\",\"aud\":\"lis\",\"sub\":\"u\",\"exp\":1800000300,"
     "\"iat\":1800000000,\"nonce\":\"n1\"}",
     OIDC_CLAIMS_OK},
    {"audience as a one-element list",
     "{\"iss\":\"https://idp.se\",\"aud\":[\"lis\"],\"sub\":\"u\",\"exp\":1800000300,"
     "\"iat\":1800000000,\"nonce\":\"n1\"}",
     OIDC_CLAIMS_OK},
    {"several audiences with azp naming us",
     "{\"iss\":\"https://idp.se\",\"aud\":[\"lis\",\"api\"],\"azp\":\"lis\",\"sub\":\"u\","
     "\"exp\":1800000300,\"iat\":1800000000,\"nonce\":\"n1\"}",
     OIDC_CLAIMS_OK},
    {"expired within the clock skew still passes",
     "{\"iss\":\"https://idp.se\",\"aud\":\"lis\",\"sub\":\"u\",\"exp\":1799999950,"
     "\"iat\":1799999000,\"nonce\":\"n1\"}",
     OIDC_CLAIMS_OK},
    {"another issuer",
     "{\"iss\":\"https://evil.se\",\"aud\":\"lis\",\"sub\":\"u\",\"exp\":1800000300,"
     "\"iat\":1800000000,\"nonce\":\"n1\"}",
     OIDC_CLAIMS_ISSUER},
    {"no issuer",
     "{\"aud\":\"lis\",\"sub\":\"u\",\"exp\":1800000300,\"iat\":1800000000,\"nonce\":\"n1\"}",
     OIDC_CLAIMS_ISSUER},
    {"another audience",
     "{\"iss\":\"https://idp.se\",\"aud\":\"other\",\"sub\":\"u\",\"exp\":1800000300,"
     "\"iat\":1800000000,\"nonce\":\"n1\"}",
     OIDC_CLAIMS_AUDIENCE},
    {"several audiences without azp",
     "{\"iss\":\"https://idp.se\",\"aud\":[\"lis\",\"api\"],\"sub\":\"u\",\"exp\":1800000300,"
     "\"iat\":1800000000,\"nonce\":\"n1\"}",
     OIDC_CLAIMS_AUDIENCE},
    {"azp naming another client",
     "{\"iss\":\"https://idp.se\",\"aud\":\"lis\",\"azp\":\"other\",\"sub\":\"u\","
     "\"exp\":1800000300,\"iat\":1800000000,\"nonce\":\"n1\"}",
     OIDC_CLAIMS_AUDIENCE},
    {"expired",
     "{\"iss\":\"https://idp.se\",\"aud\":\"lis\",\"sub\":\"u\",\"exp\":1799999000,"
     "\"iat\":1799998000,\"nonce\":\"n1\"}",
     OIDC_CLAIMS_EXPIRED},
    {"expiry as text",
     "{\"iss\":\"https://idp.se\",\"aud\":\"lis\",\"sub\":\"u\",\"exp\":\"1800000300\","
     "\"iat\":1800000000,\"nonce\":\"n1\"}",
     OIDC_CLAIMS_EXPIRED},
    {"issued an hour ahead",
     "{\"iss\":\"https://idp.se\",\"aud\":\"lis\",\"sub\":\"u\",\"exp\":1800007200,"
     "\"iat\":1800003600,\"nonce\":\"n1\"}",
     OIDC_CLAIMS_ISSUED},
    {"no issue time",
     "{\"iss\":\"https://idp.se\",\"aud\":\"lis\",\"sub\":\"u\",\"exp\":1800000300,"
     "\"nonce\":\"n1\"}",
     OIDC_CLAIMS_ISSUED},
    {"no nonce",
     "{\"iss\":\"https://idp.se\",\"aud\":\"lis\",\"sub\":\"u\",\"exp\":1800000300,"
     "\"iat\":1800000000}",
     OIDC_CLAIMS_NONCE},
    {"another login's nonce",
     "{\"iss\":\"https://idp.se\",\"aud\":\"lis\",\"sub\":\"u\",\"exp\":1800000300,"
     "\"iat\":1800000000,\"nonce\":\"n2\"}",
     OIDC_CLAIMS_NONCE},
    {"no subject",
     "{\"iss\":\"https://idp.se\",\"aud\":\"lis\",\"exp\":1800000300,\"iat\":1800000000,"
     "\"nonce\":\"n1\"}",
     OIDC_CLAIMS_SUBJECT},
};

static void test_claims(void **state)
{
    (void)state;
    oidc_expect e = {"https://idp.se", "lis", "n1", NOW};
    for (size_t i = 0; i < N_ELEMS(claims_cases); i++) {
        json_t *c = json_loads(claims_cases[i].json, 0, NULL);
        assert_non_null(c);
        oidc_claims got = oidc_check_claims(c, &e);
        json_decref(c);
        if (got != claims_cases[i].want)
            fail_msg("%s: got \"%s\", want \"%s\"", claims_cases[i].situation,
                     oidc_claims_text(got), oidc_claims_text(claims_cases[i].want));
    }
}

static const struct email_case {
    const char *json;
    const char *claim;
    const char *want; /* NULL: none */
} email_cases[] = {
    {"{\"email\":\"Anna.Andersson@Exempelkommun.SE\"}", "email", "anna.andersson@exempelkommun.se"},
    {"{\"email\":\"  anna@kommun.se \",\"email_verified\":true}", "email", "anna@kommun.se"},
    {"{\"email\":\"anna@kommun.se\",\"email_verified\":false}", "email", NULL},
    {"{\"email\":\"anna@kommun.se\",\"email_verified\":\"false\"}", "email", NULL},
    {"{\"preferred_username\":\"anna@kommun.se\"}", "preferred_username", "anna@kommun.se"},
    {"{\"preferred_username\":\"anna@kommun.se\"}", "email", NULL},
    {"{\"email\":\"anna\"}", "email", NULL},
    {"{\"email\":\"anna@kommun\"}", "email", NULL},
    {"{\"email\":\"a@b@kommun.se\"}", "email", NULL},
    {"{\"email\":\"anna@kommun.se\\r\\nx\"}", "email", NULL},
    {"{\"email\":\"<anna@kommun.se>\"}", "email", NULL},
    {"{\"email\":42}", "email", NULL},
};

static void test_email(void **state)
{
    (void)state;
    arena a;
    arena_init(&a, 0);
    for (size_t i = 0; i < N_ELEMS(email_cases); i++) {
        json_t *c = json_loads(email_cases[i].json, 0, NULL);
        assert_non_null(c);
        const char *got = oidc_email(&a, c, email_cases[i].claim);
        json_decref(c);
        const char *want = email_cases[i].want;
        if ((got == NULL) != (want == NULL) || (got && strcmp(got, want) != 0))
            fail_msg("%s: got %s, want %s", email_cases[i].json, got ? got : "none",
                     want ? want : "none");
    }
    arena_free(&a);
}

static void test_domains(void **state)
{
    (void)state;
    assert_true(oidc_domain_allowed("anna@exempelkommun.se", "exempelkommun.se"));
    assert_true(oidc_domain_allowed("anna@Exempelkommun.SE", "skola.se, exempelkommun.se"));
    assert_true(oidc_domain_allowed("anna@bolaget.se", ""));
    assert_false(oidc_domain_allowed("anna@evil-exempelkommun.se", "exempelkommun.se"));
    assert_false(oidc_domain_allowed("anna@exempelkommun.se.evil.se", "exempelkommun.se"));
    assert_false(oidc_domain_allowed("anna@sub.exempelkommun.se", "exempelkommun.se"));
    assert_false(oidc_domain_allowed("anna", "exempelkommun.se"));
    assert_true(oidc_domains_valid("exempelkommun.se skola.exempelkommun.se,bolag-ab.se"));
    assert_true(oidc_domains_valid(""));
    assert_false(oidc_domains_valid("kommun.se; DROP"));
    assert_false(oidc_domains_valid("*.kommun.se"));
}

static void test_pkce(void **state)
{
    (void)state;
    /* RFC 7636 Appendix B */
    char out[44];
    oidc_pkce_challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", out);
    assert_string_equal(out, "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
}

int main(void)
{
    if (sodium_init() < 0) return 1;
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_urls),       cmocka_unit_test(test_discovery),
        cmocka_unit_test(test_signatures), cmocka_unit_test(test_claims),
        cmocka_unit_test(test_email),      cmocka_unit_test(test_domains),
        cmocka_unit_test(test_pkce),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
