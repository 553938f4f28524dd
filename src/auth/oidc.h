/* oidc.h - lis as an OpenID Connect relying party: the checks of what a provider says
 * (OpenID Connect Core 1.0 §3.1.3.7, Discovery 1.0 §4.3, RFC 7636 PKCE), pure and
 * table-tested, and HTTP to the provider through libcurl (oidc_fetch.c). The pages, the
 * settings and the database live in src/sso/.
 *
 * What is trusted: an ID token only when its signature verifies under a key of the
 * provider's JWKS with RS256 or ES256 (never "none", never HS*: a client secret is not a
 * key the provider signs with here), its issuer is the configured one exactly, the
 * audience holds our client id (and azp names us when there are several), it has not
 * expired, was not issued in the future, and carries the nonce this login sent. */
#ifndef LIS_AUTH_OIDC_H
#define LIS_AUTH_OIDC_H
#include "../core/arena.h"
#include "../core/buf.h"
#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/* How far apart lis's clock and the provider's may be. */
enum { OIDC_CLOCK_SKEW = 120 };

/* Is url one lis may talk to a provider at: https://host…, or http:// on a loopback host
 * (127.0.0.1, localhost, [::1]) for a provider on the same machine; no user:password@,
 * no fragment, no spaces, at most 500 characters. */
bool oidc_url_ok(const char *url);

/* The endpoints a discovery document gives. */
typedef struct oidc_discovery {
    const char *issuer;
    const char *authorization_endpoint;
    const char *token_endpoint;
    const char *jwks_uri;
    const char *end_session_endpoint; /* NULL when the provider has none */
} oidc_discovery;

/* Reads a discovery document (copies into a): false with *why (English) when it is not a
 * JSON object, its issuer is not `issuer` exactly (Discovery §4.3), or an endpoint is
 * missing or not an oidc_url_ok URL. */
bool oidc_discovery_parse(arena *a, const char *json, const char *issuer, oidc_discovery *out,
                          const char **why);

/* The result of checking a compact JWS against a key set. */
typedef enum oidc_sig {
    OIDC_SIG_OK,
    OIDC_SIG_MALFORMED,   /* not three base64url parts with a JSON header */
    OIDC_SIG_ALG_REFUSED, /* alg is none, HS*, or anything but RS256 and ES256 */
    OIDC_SIG_NO_KEY,      /* no key of the set fits (kid and type): refetch the set once */
    OIDC_SIG_BAD,         /* a key fits and the signature does not verify under it */
} oidc_sig;

/* Checks token against jwks (a JWK Set, JSON text; NULL reads as an empty set). The key is
 * the one whose kid is the header's kid (kty RSA for RS256; EC on P-256 for ES256); a header
 * without kid takes the only fitting key. On OIDC_SIG_OK *claims is the payload object
 * (json_decref it). *alg, when not NULL, gets the header's alg (into a) for the log. */
oidc_sig oidc_verify(arena *a, const char *token, const char *jwks, json_t **claims,
                     const char **alg);
const char *oidc_sig_text(oidc_sig s); /* English, for the log and the audit */

/* What a login expects of the ID token's claims. */
typedef struct oidc_expect {
    const char *issuer;
    const char *client_id;
    const char *nonce;
    time_t now;
} oidc_expect;

typedef enum oidc_claims {
    OIDC_CLAIMS_OK,
    OIDC_CLAIMS_ISSUER,   /* iss missing or not the issuer exactly */
    OIDC_CLAIMS_AUDIENCE, /* aud lacks the client id, or several without azp naming us */
    OIDC_CLAIMS_EXPIRED,  /* exp missing, not a number, or past (beyond the skew) */
    OIDC_CLAIMS_ISSUED,   /* iat missing, not a number, or in the future (beyond the skew) */
    OIDC_CLAIMS_NONCE,    /* nonce missing or not this login's */
    OIDC_CLAIMS_SUBJECT,  /* sub missing or empty */
} oidc_claims;

oidc_claims oidc_check_claims(const json_t *claims, const oidc_expect *e);
const char *oidc_claims_text(oidc_claims c); /* English */

/* The address the token vouches for: the string claim `claim`, trimmed and lower-cased,
 * when it is an e-mail address (one @, a dot in the domain, no spaces, at most 254); NULL
 * when it is missing or not an address, or when the token says email_verified false. */
const char *oidc_email(arena *a, const json_t *claims, const char *claim);

/* Is the domain of email one of domains (separated by spaces or commas, matched without
 * case; an empty list lets every domain in)? */
bool oidc_domain_allowed(const char *email, const char *domains);

/* Is domains a list oidc_domain_allowed reads: host names only, at most 1000 characters? */
bool oidc_domains_valid(const char *domains);

/* RFC 7636 §4.2: BASE64URL(SHA256(verifier)), no padding (43 characters). */
void oidc_pkce_challenge(const char *verifier, char out[44]);

/* oidc_fetch.c: HTTP to the provider (http and https only, no redirects followed, TLS
 * verified, 10 s to connect and 20 s in all, at most 256 KiB of answer). Each returns the
 * HTTP status, or 0 with a message (English) in err when no answer came. */
long oidc_get(const char *url, buf *body, char *err, size_t errlen);
/* POSTs form (application/x-www-form-urlencoded, already encoded) with HTTP Basic
 * authentication as client_id and secret (each form-encoded first, RFC 6749 §2.3.1); with
 * secret NULL, without (the form then names the client). */
long oidc_post_form(const char *url, const char *form, const char *client_id, const char *secret,
                    buf *body, char *err, size_t errlen);
#endif
