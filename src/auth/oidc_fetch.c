/* oidc_fetch.c - HTTP to an OpenID Connect provider through libcurl (oidc.h): discovery,
 * JWKS and the token endpoint. Bounded in time and size so that a provider that stalls or
 * floods cannot hold a request of lis; redirects are not followed (a provider's endpoint is
 * where its discovery says it is) and TLS certificates are verified (libcurl's default). */
#include "oidc.h"
#include <curl/curl.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

enum { CONNECT_SECONDS = 10, TOTAL_SECONDS = 20, MAX_ANSWER = 256 * 1024 };

static size_t take(char *data, size_t size, size_t n, void *userdata)
{
    buf *b = userdata;
    size_t len = size * n;
    if (b->len + len > MAX_ANSWER) return 0; /* libcurl stops: CURLE_WRITE_ERROR */
    buf_append(b, data, len);
    return len;
}

/* The shared options; false when libcurl cannot start. */
static long perform(CURL *curl, const char *url, struct curl_slist *headers, buf *body, char *err,
                    size_t errlen)
{
    char curl_err[CURL_ERROR_SIZE] = "";
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, (long)CONNECT_SECONDS);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, (long)TOTAL_SECONDS);
    curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, take);
    curl_easy_setopt(curl, CURLOPT_WRITEDATA, body);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, curl_err);
    curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(curl, CURLOPT_USERAGENT, "lis");
    CURLcode rc = curl_easy_perform(curl);
    long status = 0;
    if (rc == CURLE_OK) {
        curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
    } else if (rc == CURLE_WRITE_ERROR) {
        snprintf(err, errlen, "the answer is larger than %d bytes", MAX_ANSWER);
    } else {
        snprintf(err, errlen, "%s", curl_err[0] ? curl_err : curl_easy_strerror(rc));
    }
    return status;
}

long oidc_get(const char *url, buf *body, char *err, size_t errlen)
{
    CURL *curl = curl_easy_init();
    if (!curl) {
        snprintf(err, errlen, "cannot start libcurl");
        return 0;
    }
    struct curl_slist *headers = curl_slist_append(NULL, "Accept: application/json");
    long status = perform(curl, url, headers, body, err, errlen);
    curl_slist_free_all(headers);
    curl_easy_cleanup(curl);
    return status;
}

/* s form-encoded (RFC 6749 Appendix B) onto b. */
static void form_encode(CURL *curl, buf *b, const char *s)
{
    char *e = curl_easy_escape(curl, s, 0);
    if (e) buf_puts(b, e);
    curl_free(e);
}

long oidc_post_form(const char *url, const char *form, const char *client_id, const char *secret,
                    buf *body, char *err, size_t errlen)
{
    CURL *curl = curl_easy_init();
    if (!curl) {
        snprintf(err, errlen, "cannot start libcurl");
        return 0;
    }
    /* client_secret_basic: id and secret form-encoded, joined by a colon, then base64; a
     * client without a secret (PKCE alone) names itself in the form instead */
    buf pair, header;
    buf_init(&pair, 0);
    buf_init(&header, 0);
    form_encode(curl, &pair, client_id);
    buf_putc(&pair, ':');
    form_encode(curl, &pair, secret ? secret : "");
    size_t b64len = sodium_base64_ENCODED_LEN(pair.len, sodium_base64_VARIANT_ORIGINAL);
    char *b64 = sodium_malloc(b64len);
    long status = 0;
    if (!b64 || buf_failed(&pair)) {
        snprintf(err, errlen, "out of memory");
    } else {
        sodium_bin2base64(b64, b64len, (const unsigned char *)buf_str(&pair), pair.len,
                          sodium_base64_VARIANT_ORIGINAL);
        buf_printf(&header, "Authorization: Basic %s", b64);
        struct curl_slist *headers = curl_slist_append(NULL, "Accept: application/json");
        if (secret) headers = curl_slist_append(headers, buf_str(&header));
        headers = curl_slist_append(headers, "Content-Type: application/x-www-form-urlencoded");
        curl_easy_setopt(curl, CURLOPT_POSTFIELDS, form);
        status = perform(curl, url, headers, body, err, errlen);
        curl_slist_free_all(headers);
    }
    if (b64) sodium_free(b64);
    /* the secret does not outlive the call in freed memory */
    if (pair.data) sodium_memzero(pair.data, pair.len);
    if (header.data) sodium_memzero(header.data, header.len);
    buf_free(&pair);
    buf_free(&header);
    curl_easy_cleanup(curl);
    return status;
}
