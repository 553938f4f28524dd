/* key.h - the audit log's key and where each new chain head is also sent.
 *
 * The chain is an HMAC-SHA256 chain under a 32-byte key kept outside the database, so
 * someone who can write the database but not read the key cannot recompute the hashes
 * after rewriting or removing rows. The key is a file of 64 hex digits, mode 0600:
 * LIS_AUDIT_KEY_FILE, or by default FILE.key beside a SQLite database FILE (PostgreSQL
 * has no file to sit beside, so there the variable is required). `lis init` and
 * `lis demo` create it; every other command only reads it.
 *
 * With LIS_AUDIT_SYSLOG set ("unix:/dev/log", "udp:HOST:PORT", "tcp:HOST:PORT",
 * "tls:HOST:PORT"), every
 * audit row (tenant, actor, action, kind, id: never its summary or diff, which may hold
 * need-to-know content), every security event (a refused permission, a throttled login,
 * an unauthenticated API call) and each new head (tenant, seq, hash, mac) are also sent as
 * RFC 5424 lines, so the SOC sees them and a copy of every chain's end lives outside the
 * database. TCP frames each line by octet counting (RFC 6587 §3.4.1); TLS (RFC 5425) frames
 * the same way inside a TLS connection whose certificate is verified against the system's
 * CA store or LIS_AUDIT_SYSLOG_CA and must name HOST, optionally presenting a client
 * certificate (LIS_AUDIT_SYSLOG_CERT and LIS_AUDIT_SYSLOG_KEY). */
#ifndef LIS_AUDIT_KEY_H
#define LIS_AUDIT_KEY_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <pthread.h>
#include <sys/socket.h>
#include <time.h>

enum { AUDIT_KEY_BYTES = 32 };

struct ssl_ctx_st; /* OpenSSL's SSL_CTX and SSL, kept out of this header */
struct ssl_st;

typedef struct audit_signer {
    unsigned char key[AUDIT_KEY_BYTES];
    int syslog_fd;   /* -1: no syslog copy (or, over TCP, not connected now) */
    int syslog_type; /* 0: none; SOCK_DGRAM (unix:, udp:) or SOCK_STREAM (tcp:, tls:) */
    bool syslog_tls; /* tls: a TLS connection over the stream, to syslog_host */
    char syslog_host[256];
    struct ssl_ctx_st *syslog_ctx; /* tls: the verifying client context */
    struct ssl_st *syslog_ssl;     /* tls: the connection on syslog_fd, NULL when none */
    struct sockaddr_storage syslog_addr;
    socklen_t syslog_addrlen;
    char hostname[256];
    /* TCP and TLS: one writer at a time; a failed connection (or handshake) is tried
     * again after retry_at */
    pthread_mutex_t syslog_lock;
    time_t syslog_retry_at;
} audit_signer;

/* The key file for a database: LIS_AUDIT_KEY_FILE, or "FILE.key" beside a SQLite file.
 * False (err says why) for PostgreSQL without the variable. */
bool audit_key_path(const char *db_url, char *out, size_t outlen, char *err, size_t errlen);

/* Loads the key (creating it, mode 0600, when create is set and the file is absent) and
 * opens the syslog copy when LIS_AUDIT_SYSLOG asks for one. False with err filled when the
 * key is missing, unreadable or malformed, or the syslog target cannot be used. */
bool audit_signer_open(audit_signer *s, const char *db_url, bool create, char *err, size_t errlen);
void audit_signer_close(audit_signer *s);

/* Parses a LIS_AUDIT_SYSLOG value into s's socket address ("unix:/path",
 * "udp:HOST:PORT", "tcp:HOST:PORT", "tls:HOST:PORT"; HOST a numeric IPv4/IPv6 address or a
 * name, which for tls: the collector's certificate must name). Sets syslog_tls and
 * syslog_host. False when malformed. */
bool audit_syslog_target(audit_signer *s, const char *spec, int *sock_type);

/* HMAC-SHA256 of data under the key, as 64 lowercase hex digits. */
void audit_mac_hex(const audit_signer *s, const void *data, size_t n, char out[65]);

/* One RFC 5424 line for a new chain head into out (no trailing newline; at most outlen-1
 * bytes): facility 13 (log audit), severity informational, app "lis", msgid "audit-head",
 * structured data [lis-head@32473 tenant= seq= hash= mac=]. at is ISO 8601 UTC. */
size_t audit_syslog_line(const char *hostname, long pid, const char *at, long long tenant,
                         long long seq, const char *hash, const char *mac, char *out,
                         size_t outlen);
/* Sends the line (best effort: a lost datagram never stops a change from being saved). */
void audit_syslog_send(const audit_signer *s, long long tenant, long long seq, const char *hash,
                       const char *mac);

/* An RFC 5424 SD-PARAM value: '"', '\\' and ']' escaped, control bytes dropped, at most
 * 200 bytes of the input (cut at a character boundary). "-" for NULL. */
void audit_sd_value(const char *in, char *out, size_t outlen);

/* One line for an audit row: msgid "audit", severity notice, structured data
 * [lis-audit@32473 tenant= actor= action= kind= id= seq=]. */
size_t audit_syslog_entry_line(const char *hostname, long pid, const char *at, long long tenant,
                               const char *actor, const char *action, const char *kind,
                               const char *id, long long seq, char *out, size_t outlen);
void audit_syslog_entry(const audit_signer *s, long long tenant, const char *actor,
                        const char *action, const char *kind, const char *id, long long seq);

/* One line for a security event: msgid the event ("denied", "throttled",
 * "unauthenticated"), severity warning, structured data [lis-security@32473 tenant= actor=
 * event= status= method= path= ip=]; tenant 0 and actor NULL when nobody is logged in. */
size_t audit_syslog_event_line(const char *hostname, long pid, const char *at, long long tenant,
                               const char *actor, const char *event, int status, const char *method,
                               const char *path, const char *ip, char *out, size_t outlen);
void audit_syslog_event(const audit_signer *s, long long tenant, const char *actor,
                        const char *event, int status, const char *method, const char *path,
                        const char *ip);

#endif
