/* mail.h - e-mail from lis: the tenant's SMTP server (host, port, STARTTLS or TLS,
 * authentication, sender) set by the tenant administrator and tried with a test message;
 * messages composed as RFC 5322 text in UTF-8 and sent through libcurl's SMTP. */
#ifndef LIS_MAIL_H
#define LIS_MAIL_H
#include "../entity/entity.h"
#include <stddef.h>
#include <time.h>

/* compose.c, pure: one plain-text message. */
typedef struct mail_message {
    const char *from;            /* an address, "lis@kommun.se" */
    const char *to;              /* an address */
    const char *subject;         /* UTF-8, one line */
    const char *body;            /* UTF-8, lines ended by \n */
    const char *message_id_host; /* the right side of the Message-ID */
    time_t date;
} mail_message;
/* Appends the message: From, To, Subject (RFC 2047 encoded words when not plain ASCII),
 * Date, Message-ID, MIME-Version, a text/plain UTF-8 body in base64 (76-character lines),
 * CRLF line ends. false (nothing appended) when an address is not one, or a header value
 * holds a line break: a header is never injected. */
bool mail_compose(buf *out, const mail_message *m);
/* Is s a plain e-mail address (local@domain, no spaces, quotes, angle brackets or line
 * breaks, at most 254 octets)? */
bool mail_address_ok(const char *s);
/* Is s a host name or IPv4 address (letters, digits, dots, hyphens; at most 253)? */
bool mail_host_ok(const char *s);

/* smtp.c: sends one composed message to one recipient. */
typedef struct smtp_server {
    const char *host;
    int port;
    const char *security; /* "starttls", "tls" (implicit, smtps) or "none" */
    const char *username; /* NULL: no authentication */
    const char *password;
    const char *sender;
} smtp_server;
/* false with a message (English, from libcurl) in err when the server did not take it. */
bool smtp_send(const smtp_server *s, const char *rcpt, const char *message, size_t len, char *err,
               size_t errlen);

/* seal.c: the password at rest, sealed under a subkey of the key file ("lis-smtp"). */
const char *mail_seal(req *r, const char *password); /* NULL on failure */
const char *mail_unseal(req *r, const char *sealed); /* NULL when not sealed here */
/* Any secret lis keeps, sealed the same way under its own subkey: id and context (eight
 * characters) name the subkey, one pair per kind of secret (1 is the TOTP seeds'). At most
 * 1000 bytes; NULL on failure or when not sealed under that subkey. */
enum { SEAL_SMTP = 2, SEAL_OIDC = 3 };
const char *secret_seal(req *r, uint64_t id, const char *context, const char *secret);
const char *secret_unseal(req *r, uint64_t id, const char *context, const char *sealed);

/* settings.c: the administrator's page. */
void h_mail_settings(req *r, resp *out);      /* GET /admin/mail */
void h_mail_settings_save(req *r, resp *out); /* POST /admin/mail */
void h_mail_test(req *r, resp *out);          /* POST /admin/mail/test */
/* The tenant's server (password unsealed), or false with *configured false when none
 * is set; false with *configured true when it cannot be read. */
bool mail_server_of(req *r, smtp_server *s, bool *configured);
#endif
