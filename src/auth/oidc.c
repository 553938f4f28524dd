/* oidc.c - the relying party's checks (oidc.h): provider URLs, discovery documents, the ID
 * token's signature (libcjose, under the provider's JWKS), its claims, the address it
 * vouches for, and the PKCE challenge. Nothing here touches the network or the database. */
#include "oidc.h"
#include <cjose/cjose.h>
#include <sodium.h>
#include <string.h>
#include <strings.h>

enum { MAX_URL = 500, MAX_TOKEN = 16 * 1024, MAX_DOMAINS = 1000, MIN_RSA_N_CHARS = 342 };

/* Is host (n bytes) a loopback name? */
static bool loopback(const char *host, size_t n)
{
    static const char *const names[] = {"127.0.0.1", "localhost", "[::1]"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strlen(names[i]) == n && strncasecmp(host, names[i], n) == 0) return true;
    return false;
}

bool oidc_url_ok(const char *url)
{
    if (!url) return false;
    size_t len = strlen(url);
    if (len == 0 || len > MAX_URL) return false;
    for (const char *c = url; *c; c++)
        if ((unsigned char)*c <= 0x20 || (unsigned char)*c >= 0x7f || strchr("#\"<>\\`{}|^", *c))
            return false;
    bool https = strncasecmp(url, "https://", 8) == 0;
    if (!https && strncasecmp(url, "http://", 7) != 0) return false;
    const char *host = url + (https ? 8 : 7);
    size_t authority = strcspn(host, "/?");
    if (authority == 0 || memchr(host, '@', authority)) return false;
    /* the host without its port; an IPv6 literal keeps its brackets */
    size_t hostlen = authority;
    if (host[0] == '[') {
        const char *close = memchr(host, ']', authority);
        if (!close) return false;
        hostlen = (size_t)(close - host) + 1;
    } else {
        const char *colon = memchr(host, ':', authority);
        if (colon) hostlen = (size_t)(colon - host);
    }
    if (hostlen == 0) return false;
    return https || loopback(host, hostlen);
}

/* A copy of the string member name of o, or NULL. */
static const char *member(arena *a, const json_t *o, const char *name)
{
    const json_t *v = json_object_get(o, name);
    return json_is_string(v) ? arena_strdup(a, json_string_value(v)) : NULL;
}

bool oidc_discovery_parse(arena *a, const char *json, const char *issuer, oidc_discovery *out,
                          const char **why)
{
    memset(out, 0, sizeof *out);
    json_error_t jerr;
    json_t *root = json ? json_loads(json, JSON_REJECT_DUPLICATES, &jerr) : NULL;
    if (!json_is_object(root)) {
        json_decref(root);
        *why = "the discovery document is not a JSON object";
        return false;
    }
    out->issuer = member(a, root, "issuer");
    out->authorization_endpoint = member(a, root, "authorization_endpoint");
    out->token_endpoint = member(a, root, "token_endpoint");
    out->jwks_uri = member(a, root, "jwks_uri");
    out->end_session_endpoint = member(a, root, "end_session_endpoint");
    json_decref(root);
    if (!out->issuer || !issuer || strcmp(out->issuer, issuer) != 0)
        *why = "the discovery document names another issuer";
    else if (!oidc_url_ok(out->authorization_endpoint))
        *why = "the discovery document has no usable authorization_endpoint";
    else if (!oidc_url_ok(out->token_endpoint))
        *why = "the discovery document has no usable token_endpoint";
    else if (!oidc_url_ok(out->jwks_uri))
        *why = "the discovery document has no usable jwks_uri";
    else {
        /* a logout endpoint that is not usable is left out, not a failure */
        if (out->end_session_endpoint && !oidc_url_ok(out->end_session_endpoint))
            out->end_session_endpoint = NULL;
        return true;
    }
    return false;
}

const char *oidc_sig_text(oidc_sig s)
{
    switch (s) {
    case OIDC_SIG_OK:
        return "signature verified";
    case OIDC_SIG_MALFORMED:
        return "the ID token is not a signed JWT";
    case OIDC_SIG_ALG_REFUSED:
        return "the ID token's algorithm is refused (only RS256 and ES256)";
    case OIDC_SIG_NO_KEY:
        return "no key of the provider's JWKS fits the ID token";
    case OIDC_SIG_BAD:
        return "the ID token's signature does not verify";
    }
    return "?";
}

/* The protected header of a compact JWS, decoded and parsed; NULL when malformed. */
static json_t *jws_header(const char *token)
{
    const char *dot = strchr(token, '.');
    if (!dot || dot == token) return NULL;
    size_t n = (size_t)(dot - token);
    unsigned char raw[1024];
    size_t got = 0;
    if (n > 1300 || sodium_base642bin(raw, sizeof raw - 1, token, n, NULL, &got, NULL,
                                      sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
        return NULL;
    json_error_t jerr;
    json_t *h = json_loadb((const char *)raw, got, JSON_REJECT_DUPLICATES, &jerr);
    if (!json_is_object(h)) {
        json_decref(h);
        return NULL;
    }
    return h;
}

/* Does the JWK k fit a signature by alg with key id kid (NULL: any)? */
static bool key_fits(const json_t *k, const char *alg, const char *kid)
{
    const char *kty = json_string_value(json_object_get(k, "kty"));
    const char *use = json_string_value(json_object_get(k, "use"));
    const char *kalg = json_string_value(json_object_get(k, "alg"));
    const char *kkid = json_string_value(json_object_get(k, "kid"));
    if (!kty || (use && strcmp(use, "sig") != 0) || (kalg && strcmp(kalg, alg) != 0)) return false;
    if (kid && (!kkid || strcmp(kid, kkid) != 0)) return false;
    if (strcmp(alg, "RS256") == 0) {
        const char *n = json_string_value(json_object_get(k, "n"));
        /* at least 2048 bits: a shorter modulus is no key to trust a login to */
        return strcmp(kty, "RSA") == 0 && n && strlen(n) >= MIN_RSA_N_CHARS;
    }
    const char *crv = json_string_value(json_object_get(k, "crv"));
    return strcmp(kty, "EC") == 0 && crv && strcmp(crv, "P-256") == 0;
}

oidc_sig oidc_verify(arena *a, const char *token, const char *jwks, json_t **claims,
                     const char **alg_out)
{
    *claims = NULL;
    if (alg_out) *alg_out = NULL;
    size_t len = token ? strlen(token) : 0;
    if (len == 0 || len > MAX_TOKEN) return OIDC_SIG_MALFORMED;
    json_t *header = jws_header(token);
    if (!header) return OIDC_SIG_MALFORMED;
    const char *alg = json_string_value(json_object_get(header, "alg"));
    const json_t *kid_v = json_object_get(header, "kid");
    if (alg_out && alg) *alg_out = arena_strdup(a, alg);
    /* the algorithm is decided here, before any key or library sees the token */
    bool allowed = alg && (strcmp(alg, "RS256") == 0 || strcmp(alg, "ES256") == 0);
    if (!allowed || (kid_v && !json_is_string(kid_v))) {
        json_decref(header);
        return allowed ? OIDC_SIG_MALFORMED : OIDC_SIG_ALG_REFUSED;
    }
    alg = arena_strdup(a, alg);
    const char *kid = kid_v ? arena_strdup(a, json_string_value(kid_v)) : NULL;
    json_decref(header);

    json_error_t jerr;
    json_t *set = jwks ? json_loads(jwks, JSON_REJECT_DUPLICATES, &jerr) : NULL;
    json_t *keys = json_object_get(set, "keys");
    json_t *chosen = NULL;
    int fitting = 0;
    for (size_t i = 0; json_is_array(keys) && i < json_array_size(keys); i++) {
        json_t *k = json_array_get(keys, i);
        if (!json_is_object(k) || !key_fits(k, alg, kid)) continue;
        fitting++;
        if (!chosen) chosen = k;
    }
    /* without a kid, only a set with one fitting key says which key it is */
    if (!chosen || (!kid && fitting != 1)) {
        json_decref(set);
        return OIDC_SIG_NO_KEY;
    }
    cjose_err cerr;
    cjose_jwk_t *jwk = cjose_jwk_import_json((cjose_header_t *)chosen, &cerr);
    json_decref(set);
    if (!jwk) return OIDC_SIG_NO_KEY;
    oidc_sig result = OIDC_SIG_BAD;
    cjose_jws_t *jws = cjose_jws_import(token, len, &cerr);
    if (!jws) {
        result = OIDC_SIG_MALFORMED;
    } else {
        /* cjose reads the header again: it must see the algorithm decided above */
        const char *seen = cjose_header_get(cjose_jws_get_protected(jws), CJOSE_HDR_ALG, &cerr);
        uint8_t *plain = NULL;
        size_t plain_len = 0;
        if (seen && strcmp(seen, alg) == 0 && cjose_jws_verify(jws, jwk, &cerr) &&
            cjose_jws_get_plaintext(jws, &plain, &plain_len, &cerr)) {
            json_t *payload =
                json_loadb((const char *)plain, plain_len, JSON_REJECT_DUPLICATES, &jerr);
            if (json_is_object(payload)) {
                *claims = payload;
                result = OIDC_SIG_OK;
            } else {
                json_decref(payload);
                result = OIDC_SIG_MALFORMED;
            }
        }
        cjose_jws_release(jws);
    }
    cjose_jwk_release(jwk);
    return result;
}

const char *oidc_claims_text(oidc_claims c)
{
    switch (c) {
    case OIDC_CLAIMS_OK:
        return "claims accepted";
    case OIDC_CLAIMS_ISSUER:
        return "the ID token's issuer is not the provider's";
    case OIDC_CLAIMS_AUDIENCE:
        return "the ID token is not meant for this client";
    case OIDC_CLAIMS_EXPIRED:
        return "the ID token has expired";
    case OIDC_CLAIMS_ISSUED:
        return "the ID token's issue time is missing or in the future";
    case OIDC_CLAIMS_NONCE:
        return "the ID token's nonce is missing or not this login's";
    case OIDC_CLAIMS_SUBJECT:
        return "the ID token names no subject";
    }
    return "?";
}

static bool audience_ok(const json_t *claims, const char *client_id)
{
    const json_t *aud = json_object_get(claims, "aud");
    const json_t *azp = json_object_get(claims, "azp");
    if (azp && (!json_is_string(azp) || strcmp(json_string_value(azp), client_id) != 0))
        return false;
    if (json_is_string(aud)) return strcmp(json_string_value(aud), client_id) == 0;
    if (!json_is_array(aud) || json_array_size(aud) == 0) return false;
    bool ours = false;
    for (size_t i = 0; i < json_array_size(aud); i++) {
        const json_t *v = json_array_get(aud, i);
        if (!json_is_string(v)) return false;
        ours = ours || strcmp(json_string_value(v), client_id) == 0;
    }
    /* a token for several audiences is ours only when it was handed to us (Core §2) */
    return ours && (json_array_size(aud) == 1 || azp);
}

oidc_claims oidc_check_claims(const json_t *claims, const oidc_expect *e)
{
    const json_t *iss = json_object_get(claims, "iss");
    const json_t *exp = json_object_get(claims, "exp");
    const json_t *iat = json_object_get(claims, "iat");
    const json_t *nonce = json_object_get(claims, "nonce");
    const json_t *sub = json_object_get(claims, "sub");
    if (!json_is_string(iss) || strcmp(json_string_value(iss), e->issuer) != 0)
        return OIDC_CLAIMS_ISSUER;
    if (!audience_ok(claims, e->client_id)) return OIDC_CLAIMS_AUDIENCE;
    if (!json_is_number(exp) || json_number_value(exp) <= (double)(e->now - OIDC_CLOCK_SKEW))
        return OIDC_CLAIMS_EXPIRED;
    if (!json_is_number(iat) || json_number_value(iat) > (double)(e->now + OIDC_CLOCK_SKEW))
        return OIDC_CLAIMS_ISSUED;
    if (!json_is_string(nonce) || !e->nonce || strcmp(json_string_value(nonce), e->nonce) != 0)
        return OIDC_CLAIMS_NONCE;
    if (!json_is_string(sub) || !*json_string_value(sub)) return OIDC_CLAIMS_SUBJECT;
    return OIDC_CLAIMS_OK;
}

const char *oidc_email(arena *a, const json_t *claims, const char *claim)
{
    const json_t *verified = json_object_get(claims, "email_verified");
    if (json_is_false(verified) ||
        (json_is_string(verified) && strcmp(json_string_value(verified), "false") == 0))
        return NULL;
    const json_t *v = json_object_get(claims, claim ? claim : "email");
    if (!json_is_string(v)) return NULL;
    const char *s = json_string_value(v);
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (n == 0 || n > 254) return NULL;
    char *out = arena_strndup(a, s, n);
    int ats = 0;
    const char *at = NULL;
    for (char *c = out; *c; c++) {
        if ((unsigned char)*c <= 0x20 || (unsigned char)*c == 0x7f || strchr("<>\"(),;:\\[]", *c))
            return NULL;
        if (*c >= 'A' && *c <= 'Z') *c = (char)(*c - 'A' + 'a');
        if (*c == '@') ats++, at = c;
    }
    if (ats != 1 || at == out || !at[1] || !strchr(at + 1, '.') || at[1] == '.' ||
        out[n - 1] == '.')
        return NULL;
    return out;
}

bool oidc_domain_allowed(const char *email, const char *domains)
{
    const char *at = email ? strrchr(email, '@') : NULL;
    if (!at) return false;
    const char *domain = at + 1;
    size_t dlen = strlen(domain);
    bool any = false;
    for (const char *p = domains ? domains : ""; *p;) {
        p += strspn(p, " ,\t\r\n");
        size_t n = strcspn(p, " ,\t\r\n");
        if (n == 0) break;
        any = true;
        if (n == dlen && strncasecmp(p, domain, n) == 0) return true;
        p += n;
    }
    return !any;
}

bool oidc_domains_valid(const char *domains)
{
    if (!domains) return true;
    if (strlen(domains) > MAX_DOMAINS) return false;
    for (const char *c = domains; *c; c++) {
        bool word = (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
                    (*c >= '0' && *c <= '9') || *c == '.' || *c == '-';
        if (!word && !strchr(" ,\t\r\n", *c)) return false;
    }
    return true;
}

void oidc_pkce_challenge(const char *verifier, char out[44])
{
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, (const unsigned char *)verifier, strlen(verifier));
    sodium_bin2base64(out, 44, digest, sizeof digest, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}
