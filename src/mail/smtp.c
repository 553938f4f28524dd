/* smtp.c - one message to one recipient through libcurl's SMTP (mail.h): STARTTLS
 * required when asked for (CURLUSESSL_ALL: never falls back to plain text), implicit TLS
 * as smtps://, the server's certificate verified, authentication when a user is set. */
#include "mail.h"
#include <curl/curl.h>
#include <stdio.h>
#include <string.h>

/* A network bound, so that a server that never answers cannot hold a request for ever. */
enum { SMTP_SECONDS = 30 };

typedef struct upload {
    const char *data;
    size_t left;
} upload;

static size_t read_message(char *to, size_t size, size_t n, void *userdata)
{
    upload *u = userdata;
    size_t room = size * n, take = u->left < room ? u->left : room;
    memcpy(to, u->data, take);
    u->data += take;
    u->left -= take;
    return take;
}

bool smtp_send(const smtp_server *s, const char *rcpt, const char *message, size_t len, char *err,
               size_t errlen)
{
    char url[300], from[300], to[300], curl_err[CURL_ERROR_SIZE] = "";
    bool tls = !strcmp(s->security, "tls");
    snprintf(url, sizeof url, "%s://%s:%d", tls ? "smtps" : "smtp", s->host, s->port);
    snprintf(from, sizeof from, "<%s>", s->sender);
    snprintf(to, sizeof to, "<%s>", rcpt);
    CURL *curl = curl_easy_init();
    if (!curl) {
        snprintf(err, errlen, "cannot start libcurl");
        return false;
    }
    struct curl_slist *rcpts = curl_slist_append(NULL, to);
    upload u = {message, len};
    curl_easy_setopt(curl, CURLOPT_URL, url);
    curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
    curl_easy_setopt(curl, CURLOPT_USE_SSL,
                     !strcmp(s->security, "starttls") ? (long)CURLUSESSL_ALL
                                                      : (long)CURLUSESSL_NONE);
    if (s->username && *s->username) {
        curl_easy_setopt(curl, CURLOPT_USERNAME, s->username);
        curl_easy_setopt(curl, CURLOPT_PASSWORD, s->password ? s->password : "");
    }
    curl_easy_setopt(curl, CURLOPT_MAIL_FROM, from);
    curl_easy_setopt(curl, CURLOPT_MAIL_RCPT, rcpts);
    curl_easy_setopt(curl, CURLOPT_READFUNCTION, read_message);
    curl_easy_setopt(curl, CURLOPT_READDATA, &u);
    curl_easy_setopt(curl, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT, (long)SMTP_SECONDS);
    curl_easy_setopt(curl, CURLOPT_TIMEOUT, (long)SMTP_SECONDS * 2);
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, curl_err);
    CURLcode rc = curl_easy_perform(curl);
    if (rc != CURLE_OK)
        snprintf(err, errlen, "%s", curl_err[0] ? curl_err : curl_easy_strerror(rc));
    curl_slist_free_all(rcpts);
    curl_easy_cleanup(curl);
    return rc == CURLE_OK;
}
