/* key.c - loading and creating the audit key; the RFC 5424 copy of each chain head. */
#include "key.h"
#include "../core/util.h"
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

static bool is_pg_url(const char *u)
{
    return strncmp(u, "postgresql://", 13) == 0 || strncmp(u, "postgres://", 11) == 0;
}

bool audit_key_path(const char *db_url, char *out, size_t outlen, char *err, size_t errlen)
{
    const char *env = getenv("LIS_AUDIT_KEY_FILE");
    if (env && *env) {
        if ((size_t)snprintf(out, outlen, "%s", env) >= outlen) {
            snprintf(err, errlen, "LIS_AUDIT_KEY_FILE is too long");
            return false;
        }
        return true;
    }
    if (!db_url || is_pg_url(db_url)) {
        snprintf(err, errlen,
                 "a PostgreSQL database needs LIS_AUDIT_KEY_FILE: the path of the file that holds "
                 "the audit log's key (lis init or lis demo creates it; keep it outside the "
                 "database, e.g. /etc/lis/audit.key, readable by lis alone)");
        return false;
    }
    if ((size_t)snprintf(out, outlen, "%s.key", db_url) >= outlen) {
        snprintf(err, errlen, "the database path is too long");
        return false;
    }
    return true;
}

static bool read_key(const char *path, unsigned char key[AUDIT_KEY_BYTES], char *err, size_t errlen)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errlen, "cannot read the audit key %s: %s", path, strerror(errno));
        return false;
    }
    char hex[2 * AUDIT_KEY_BYTES + 8] = "";
    size_t n = fread(hex, 1, sizeof hex - 1, f);
    fclose(f);
    hex[n] = 0;
    while (n && (hex[n - 1] == '\n' || hex[n - 1] == '\r'))
        hex[--n] = 0;
    size_t got = 0;
    if (n != 2 * AUDIT_KEY_BYTES ||
        sodium_hex2bin(key, AUDIT_KEY_BYTES, hex, n, NULL, &got, NULL) != 0 ||
        got != AUDIT_KEY_BYTES) {
        snprintf(err, errlen, "the audit key %s is not 64 hex digits", path);
        return false;
    }
    return true;
}

static bool create_key(const char *path, unsigned char key[AUDIT_KEY_BYTES], char *err,
                       size_t errlen)
{
    /* O_EXCL: two commands creating it at once never write different keys */
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0) {
        if (errno == EEXIST) return read_key(path, key, err, errlen);
        snprintf(err, errlen, "cannot create the audit key %s: %s", path, strerror(errno));
        return false;
    }
    randombytes_buf(key, AUDIT_KEY_BYTES);
    char hex[2 * AUDIT_KEY_BYTES + 2];
    sodium_bin2hex(hex, sizeof hex, key, AUDIT_KEY_BYTES);
    size_t len = strlen(hex);
    hex[len++] = '\n';
    bool ok = write(fd, hex, len) == (ssize_t)len && fsync(fd) == 0;
    ok = close(fd) == 0 && ok;
    sodium_memzero(hex, sizeof hex);
    if (!ok) {
        snprintf(err, errlen, "cannot write the audit key %s: %s", path, strerror(errno));
        unlink(path);
    }
    return ok;
}

bool audit_syslog_target(audit_signer *s, const char *spec, int *sock_type)
{
    memset(&s->syslog_addr, 0, sizeof s->syslog_addr);
    if (strncmp(spec, "unix:", 5) == 0) {
        struct sockaddr_un *un = (struct sockaddr_un *)&s->syslog_addr;
        if (!spec[5] || strlen(spec + 5) >= sizeof un->sun_path) return false;
        un->sun_family = AF_UNIX;
        memcpy(un->sun_path, spec + 5, strlen(spec + 5) + 1);
        s->syslog_addrlen = sizeof *un;
        *sock_type = SOCK_DGRAM;
        return true;
    }
    bool tls = strncmp(spec, "tls:", 4) == 0;
    bool tcp = tls || strncmp(spec, "tcp:", 4) == 0;
    if (!tcp && strncmp(spec, "udp:", 4) != 0) return false;
    const char *hostport = spec + 4;
    const char *colon = strrchr(hostport, ':');
    if (!colon || colon == hostport || !colon[1]) return false;
    char host[256];
    size_t hlen = (size_t)(colon - hostport);
    if (hlen >= sizeof host) return false;
    memcpy(host, hostport, hlen);
    host[hlen] = 0;
    if (host[0] == '[' && hlen > 2 && host[hlen - 1] == ']') { /* [::1]:514 */
        memmove(host, host + 1, hlen - 2);
        host[hlen - 2] = 0;
    }
    int64_t port;
    if (!parse_int64(colon + 1, &port) || port < 1 || port > 65535) return false;
    struct addrinfo hints = {.ai_socktype = tcp ? SOCK_STREAM : SOCK_DGRAM}, *res = NULL;
    if (getaddrinfo(host, colon + 1, &hints, &res) != 0 || !res) return false;
    memcpy(&s->syslog_addr, res->ai_addr, res->ai_addrlen);
    s->syslog_addrlen = res->ai_addrlen;
    freeaddrinfo(res);
    *sock_type = tcp ? SOCK_STREAM : SOCK_DGRAM;
    s->syslog_tls = tls;
    snprintf(s->syslog_host, sizeof s->syslog_host, "%s", host);
    return true;
}

/* The first OpenSSL error, for a message; "" when there is none. */
static const char *ssl_reason(void)
{
    unsigned long e = ERR_get_error();
    const char *r = e ? ERR_reason_error_string(e) : NULL;
    ERR_clear_error();
    return r ? r : "";
}

/* The TLS client context: TLS 1.2 or later, the peer verified against LIS_AUDIT_SYSLOG_CA
 * or the system's CA store, the client certificate when one is named. */
static bool tls_context(audit_signer *s, char *err, size_t errlen)
{
    const char *ca = getenv("LIS_AUDIT_SYSLOG_CA");
    const char *cert = getenv("LIS_AUDIT_SYSLOG_CERT");
    const char *key = getenv("LIS_AUDIT_SYSLOG_KEY");
    if (cert && !*cert) cert = NULL;
    if (key && !*key) key = NULL;
    if (!cert != !key) {
        snprintf(err, errlen,
                 "LIS_AUDIT_SYSLOG_CERT and LIS_AUDIT_SYSLOG_KEY go together: give "
                 "both (a client certificate and its key) or neither");
        return false;
    }
    SSL_CTX *ctx = SSL_CTX_new(TLS_client_method());
    if (!ctx) {
        snprintf(err, errlen, "LIS_AUDIT_SYSLOG: cannot set up TLS: %s", ssl_reason());
        return false;
    }
    s->syslog_ctx = ctx;
    SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
    SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, NULL);
    if (ca && *ca) {
        FILE *f = fopen(ca, "r"); /* the reason OpenSSL gives is less plain than errno's */
        if (!f) {
            snprintf(err, errlen, "LIS_AUDIT_SYSLOG_CA=%s: cannot read it: %s", ca,
                     strerror(errno));
            return false;
        }
        fclose(f);
        if (SSL_CTX_load_verify_locations(ctx, ca, NULL) != 1) {
            snprintf(err, errlen, "LIS_AUDIT_SYSLOG_CA=%s: not a PEM file of CA certificates (%s)",
                     ca, ssl_reason());
            return false;
        }
    } else if (SSL_CTX_set_default_verify_paths(ctx) != 1) {
        snprintf(err, errlen,
                 "LIS_AUDIT_SYSLOG: cannot load the system's CA certificates (%s); "
                 "name the collector's CA with LIS_AUDIT_SYSLOG_CA",
                 ssl_reason());
        return false;
    }
    if (cert) {
        if (SSL_CTX_use_certificate_chain_file(ctx, cert) != 1) {
            snprintf(err, errlen, "LIS_AUDIT_SYSLOG_CERT=%s: cannot read a PEM certificate (%s)",
                     cert, ssl_reason());
            return false;
        }
        if (SSL_CTX_use_PrivateKey_file(ctx, key, SSL_FILETYPE_PEM) != 1 ||
            SSL_CTX_check_private_key(ctx) != 1) {
            snprintf(err, errlen,
                     "LIS_AUDIT_SYSLOG_KEY=%s: cannot read a PEM key matching the certificate "
                     "(%s)",
                     key, ssl_reason());
            return false;
        }
    }
    /* a collector that closes the connection must not end lis with SIGPIPE (lis serve
     * ignores it already; the other commands that write audit rows too) */
    struct sigaction sa;
    if (sigaction(SIGPIPE, NULL, &sa) == 0 && sa.sa_handler == SIG_DFL) signal(SIGPIPE, SIG_IGN);
    return true;
}

bool audit_signer_open(audit_signer *s, const char *db_url, bool create, char *err, size_t errlen)
{
    memset(s, 0, sizeof *s);
    s->syslog_fd = -1;
    char path[1024];
    if (!audit_key_path(db_url, path, sizeof path, err, errlen)) return false;
    struct stat st;
    bool absent = stat(path, &st) != 0 && errno == ENOENT;
    if (absent && !create) {
        snprintf(err, errlen,
                 "no audit key at %s: lis init and lis demo create it; for a database made "
                 "before keys existed run `lis audit rekey` once (see the README)",
                 path);
        return false;
    }
    if (!(absent ? create_key(path, s->key, err, errlen) : read_key(path, s->key, err, errlen)))
        return false;
    const char *spec = getenv("LIS_AUDIT_SYSLOG");
    if (spec && *spec) {
        int type = 0;
        if (!audit_syslog_target(s, spec, &type)) {
            snprintf(err, errlen,
                     "LIS_AUDIT_SYSLOG=%s: give unix:/dev/log, udp:HOST:PORT, tcp:HOST:PORT or "
                     "tls:HOST:PORT",
                     spec);
            return false;
        }
        s->syslog_type = type;
        pthread_mutex_init(&s->syslog_lock, NULL);
        if (s->syslog_tls && !tls_context(s, err, errlen)) {
            audit_signer_close(s);
            return false;
        }
        /* TCP connects at the first line (and again after a failure): a collector that is
         * down never stops lis from starting */
        if (type == SOCK_DGRAM) {
            s->syslog_fd = socket(s->syslog_addr.ss_family, type | SOCK_CLOEXEC, 0);
            if (s->syslog_fd < 0) {
                snprintf(err, errlen, "LIS_AUDIT_SYSLOG: cannot open a socket: %s",
                         strerror(errno));
                return false;
            }
        }
        if (gethostname(s->hostname, sizeof s->hostname - 1) != 0 || !s->hostname[0])
            snprintf(s->hostname, sizeof s->hostname, "-");
    }
    return true;
}

void audit_signer_close(audit_signer *s)
{
    if (s->syslog_ssl) {
        (void)SSL_shutdown(s->syslog_ssl); /* close_notify (RFC 5425 §4.4), not waited for */
        SSL_free(s->syslog_ssl);
        ERR_clear_error();
    }
    s->syslog_ssl = NULL;
    if (s->syslog_ctx) SSL_CTX_free(s->syslog_ctx);
    s->syslog_ctx = NULL;
    if (s->syslog_fd >= 0) close(s->syslog_fd);
    s->syslog_fd = -1;
    if (s->syslog_type) pthread_mutex_destroy(&s->syslog_lock);
    s->syslog_type = 0;
    sodium_memzero(s->key, sizeof s->key);
}

void audit_mac_hex(const audit_signer *s, const void *data, size_t n, char out[65])
{
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256(mac, data, n, s->key);
    sodium_bin2hex(out, 65, mac, sizeof mac);
}

/* RFC 5424 §6: HOSTNAME is printable US-ASCII without spaces, at most 255 */
static void header_token(const char *in, char *out, size_t outlen)
{
    size_t k = 0;
    for (; *in && k + 1 < outlen; in++)
        if (*in > 32 && *in < 127) out[k++] = *in;
    if (!k && outlen > 1) out[k++] = '-';
    out[k] = 0;
}

size_t audit_syslog_line(const char *hostname, long pid, const char *at, long long tenant,
                         long long seq, const char *hash, const char *mac, char *out, size_t outlen)
{
    char host[256];
    header_token(hostname ? hostname : "-", host, sizeof host);
    /* PRI = facility 13 (log audit) * 8 + severity 6 (informational) = 110; the hash
     * and mac are hex, so the structured data needs no escaping */
    int n = snprintf(out, outlen,
                     "<110>1 %s %s lis %ld audit-head [lis-head@32473 tenant=\"%lld\" "
                     "seq=\"%lld\" hash=\"%s\" mac=\"%s\"] audit chain head of tenant %lld "
                     "is seq %lld",
                     at, host, pid, tenant, seq, hash, mac, tenant, seq);
    if (n < 0) return 0;
    return (size_t)n < outlen ? (size_t)n : outlen - 1;
}

/* A TCP connection to the collector, waiting at most a second; -1 when there is none. */
static int stream_connect(const audit_signer *s)
{
    int fd = socket(s->syslog_addr.ss_family, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) return -1;
    if (connect(fd, (const struct sockaddr *)&s->syslog_addr, s->syslog_addrlen) == 0) return fd;
    if (errno == EINPROGRESS) {
        struct pollfd p = {.fd = fd, .events = POLLOUT};
        int soerr = 0;
        socklen_t len = sizeof soerr;
        if (poll(&p, 1, 1000) == 1 && getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &len) == 0 &&
            soerr == 0)
            return fd;
    }
    close(fd);
    return -1;
}

/* The TLS handshake on a connected non-blocking socket, verifying the collector's
 * certificate and that it names the host, within the same deadline as the connect. The
 * connection, or NULL (the socket is then closed by the caller). */
static SSL *tls_handshake(const audit_signer *s, int fd)
{
    SSL *ssl = SSL_new(s->syslog_ctx);
    if (!ssl) return NULL;
    unsigned char ip[sizeof(struct in6_addr)];
    bool numeric =
        inet_pton(AF_INET, s->syslog_host, ip) == 1 || inet_pton(AF_INET6, s->syslog_host, ip) == 1;
    bool ok = SSL_set_fd(ssl, fd) == 1;
    if (numeric) /* an address: the certificate must carry it as an IP SAN */
        ok = ok && X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), s->syslog_host) == 1;
    else
        ok = ok && SSL_set1_host(ssl, s->syslog_host) == 1 &&
             SSL_set_tlsext_host_name(ssl, s->syslog_host) == 1;
    time_t until = time(NULL) + 2;
    while (ok) {
        int r = SSL_connect(ssl);
        if (r == 1) {
            ERR_clear_error();
            return ssl;
        }
        int e = SSL_get_error(ssl, r);
        if (e != SSL_ERROR_WANT_READ && e != SSL_ERROR_WANT_WRITE) break;
        struct pollfd p = {.fd = fd, .events = e == SSL_ERROR_WANT_READ ? POLLIN : POLLOUT};
        time_t now = time(NULL);
        if (now >= until || poll(&p, 1, (int)(until - now) * 1000) != 1) break;
    }
    ERR_clear_error(); /* an untrusted or unreachable collector: tried again later */
    SSL_free(ssl);
    return NULL;
}

/* Sends one line: a datagram, or over TCP "LEN SP LINE" (RFC 6587 octet counting). Best
 * effort, never blocking a request for long: a line the socket cannot take at once is
 * lost, and a broken connection is tried again at the next line (at most every 5 s). */
static void syslog_emit(const audit_signer *cs, const char *line, size_t n)
{
    if (!cs || !cs->syslog_type) return;
    if (cs->syslog_type == SOCK_DGRAM) {
        if (cs->syslog_fd >= 0)
            (void)!sendto(cs->syslog_fd, line, n, MSG_DONTWAIT | MSG_NOSIGNAL,
                          (const struct sockaddr *)&cs->syslog_addr, cs->syslog_addrlen);
        return;
    }
    audit_signer *s = (audit_signer *)cs; /* the connection state changes; the key never */
    char frame[1200];
    int head = snprintf(frame, sizeof frame, "%zu ", n);
    if (head < 0 || (size_t)head + n > sizeof frame) return;
    memcpy(frame + head, line, n);
    size_t len = (size_t)head + n;
    pthread_mutex_lock(&s->syslog_lock);
    for (int attempt = 0; attempt < 2; attempt++) {
        if (s->syslog_fd < 0) {
            if (time(NULL) < s->syslog_retry_at) break;
            s->syslog_fd = stream_connect(s);
            if (s->syslog_fd >= 0 && s->syslog_tls) {
                s->syslog_ssl = tls_handshake(s, s->syslog_fd);
                if (!s->syslog_ssl) { /* a failed handshake is a failed connect */
                    close(s->syslog_fd);
                    s->syslog_fd = -1;
                }
            }
            if (s->syslog_fd < 0) {
                s->syslog_retry_at = time(NULL) + 5;
                break;
            }
        }
        ssize_t w;
        if (s->syslog_ssl) {
            /* the socket is non-blocking: a record it cannot take at once fails the write */
            int r = SSL_write(s->syslog_ssl, frame, (int)len);
            w = r > 0 ? r : -1;
            if (r <= 0) ERR_clear_error();
        } else {
            w = send(s->syslog_fd, frame, len, MSG_DONTWAIT | MSG_NOSIGNAL);
        }
        if (w == (ssize_t)len) break;
        /* a part sent breaks the framing, an error the connection: start a new one */
        if (s->syslog_ssl) SSL_free(s->syslog_ssl);
        s->syslog_ssl = NULL;
        close(s->syslog_fd);
        s->syslog_fd = -1;
        if (w > 0) break;
    }
    pthread_mutex_unlock(&s->syslog_lock);
}

void audit_syslog_send(const audit_signer *s, long long tenant, long long seq, const char *hash,
                       const char *mac)
{
    if (!s || !s->syslog_type) return;
    char at[21], line[768];
    time_now_iso(at);
    size_t n = audit_syslog_line(s->hostname, (long)getpid(), at, tenant, seq, hash, mac, line,
                                 sizeof line);
    syslog_emit(s, line, n);
}

void audit_sd_value(const char *in, char *out, size_t outlen)
{
    size_t k = 0, taken = 0;
    if (!in) in = "-";
    for (; *in && taken < 200 && k + 3 < outlen; in++, taken++) {
        unsigned char c = (unsigned char)*in;
        if (c < 32 || c == 127) continue;
        if (c == '"' || c == '\\' || c == ']') out[k++] = '\\';
        out[k++] = (char)c;
    }
    /* cut short inside a character: drop its first bytes too */
    if (*in && ((unsigned char)*in & 0xC0) == 0x80) {
        while (k > 0 && ((unsigned char)out[k - 1] & 0xC0) == 0x80)
            k--;
        if (k > 0 && ((unsigned char)out[k - 1] & 0xC0) == 0xC0) k--;
    }
    out[k] = 0;
}

size_t audit_syslog_entry_line(const char *hostname, long pid, const char *at, long long tenant,
                               const char *actor, const char *action, const char *kind,
                               const char *id, long long seq, char *out, size_t outlen)
{
    char host[256], ac[620], act[620], kd[620], ident[620];
    header_token(hostname ? hostname : "-", host, sizeof host);
    audit_sd_value(actor, ac, sizeof ac);
    audit_sd_value(action, act, sizeof act);
    audit_sd_value(kind, kd, sizeof kd);
    audit_sd_value(id, ident, sizeof ident);
    /* PRI = facility 13 (log audit) * 8 + severity 5 (notice) = 109 */
    int n = snprintf(out, outlen,
                     "<109>1 %s %s lis %ld audit [lis-audit@32473 tenant=\"%lld\" actor=\"%s\" "
                     "action=\"%s\" kind=\"%s\" id=\"%s\" seq=\"%lld\"] %s %s",
                     at, host, pid, tenant, ac, act, kd, ident, seq, act, kd);
    if (n < 0) return 0;
    return (size_t)n < outlen ? (size_t)n : outlen - 1;
}

void audit_syslog_entry(const audit_signer *s, long long tenant, const char *actor,
                        const char *action, const char *kind, const char *id, long long seq)
{
    if (!s || !s->syslog_type) return;
    char at[21], line[1100];
    time_now_iso(at);
    size_t n = audit_syslog_entry_line(s->hostname, (long)getpid(), at, tenant, actor, action, kind,
                                       id, seq, line, sizeof line);
    syslog_emit(s, line, n);
}

size_t audit_syslog_event_line(const char *hostname, long pid, const char *at, long long tenant,
                               const char *actor, const char *event, int status, const char *method,
                               const char *path, const char *ip, char *out, size_t outlen)
{
    char host[256], ac[620], ev[64], me[64], pa[620], addr[128], msgid[33];
    header_token(hostname ? hostname : "-", host, sizeof host);
    header_token(event ? event : "-", msgid, sizeof msgid);
    audit_sd_value(actor, ac, sizeof ac);
    audit_sd_value(event, ev, sizeof ev);
    audit_sd_value(method, me, sizeof me);
    audit_sd_value(path, pa, sizeof pa);
    audit_sd_value(ip, addr, sizeof addr);
    /* PRI = facility 13 (log audit) * 8 + severity 4 (warning) = 108 */
    int n = snprintf(out, outlen,
                     "<108>1 %s %s lis %ld %s [lis-security@32473 tenant=\"%lld\" actor=\"%s\" "
                     "event=\"%s\" status=\"%d\" method=\"%s\" path=\"%s\" ip=\"%s\"] %s %d",
                     at, host, pid, msgid, tenant, ac, ev, status, me, pa, addr, ev, status);
    if (n < 0) return 0;
    return (size_t)n < outlen ? (size_t)n : outlen - 1;
}

void audit_syslog_event(const audit_signer *s, long long tenant, const char *actor,
                        const char *event, int status, const char *method, const char *path,
                        const char *ip)
{
    if (!s || !s->syslog_type) return;
    char at[21], line[1100];
    time_now_iso(at);
    size_t n = audit_syslog_event_line(s->hostname, (long)getpid(), at, tenant, actor, event,
                                       status, method, path, ip, line, sizeof line);
    syslog_emit(s, line, n);
}
