/* server.c - libmicrohttpd underneath app_handle: collects the request body (bounded),
 * adds the security headers, and sends the response. */
#include "server.h"
#include "router.h"
#include "../core/util.h"
#include "../audit/key.h"
#include "../auth/auth.h"
#include <microhttpd.h>
#include <arpa/inet.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

typedef struct conn_state {
    buf body;
    size_t limit; /* route_body_limit: MAX_BODY, or MAX_UPLOAD for a file */
    FILE *file;   /* a streamed upload's body (ROUTE_STREAM_UPLOAD), unlinked; else NULL */
    size_t file_len;
    bool too_large, file_failed;
} conn_state;

static const char *header(struct MHD_Connection *c, const char *name)
{
    return MHD_lookup_connection_value(c, MHD_HEADER_KIND, name);
}

/* One query argument, decoded by libmicrohttpd. value_size is the decoded length: a
 * value (or key) shorter as a C string holds a NUL byte (ab%00cd), and would silently
 * read as ab; the request is refused in app_handle, as a form with one is. */
static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                   size_t key_size, const char *value, size_t value_size)
{
    (void)kind;
    req *r = cls;
    if (!key) return MHD_YES;
    if (strlen(key) != key_size || (value && strlen(value) != value_size)) r->query_nul = true;
    if (r->query.n >= MAX_PARAMS) return MHD_YES;
    r->query.items[r->query.n].key = arena_strdup(r->a, key);
    r->query.items[r->query.n].value = arena_strdup(r->a, value ? value : "");
    r->query.n++;
    return MHD_YES;
}

static int64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

void add_security_headers(struct MHD_Response *m, bool api)
{
    MHD_add_response_header(m, "Content-Security-Policy",
                            "default-src 'self'; script-src 'self'; style-src 'self'; "
                            "img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; "
                            "base-uri 'none'; object-src 'none'");
    MHD_add_response_header(m, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(m, "Referrer-Policy", "same-origin");
    MHD_add_response_header(m, "X-Frame-Options", "DENY");
    MHD_add_response_header(m, "Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    (void)api;
}

/* A refused permission, a throttled login or an API call without a valid token, to the
 * SOC's syslog (LIS_AUDIT_SYSLOG): who, where (method and path; never the query string or
 * the body, which may hold need-to-know content), from which address. */
static void security_event(const req *r, int status)
{
    const char *event = status == 403   ? "denied"
                        : status == 429 ? "throttled"
                        : status == 401 ? "unauthenticated"
                                        : NULL;
    if (!event || !r->db) return;
    const auth *who = r->auth;
    /* a throttled login names the account tried: the SOC follows guessing by it */
    const char *actor = who ? who->email : NULL;
    if (!actor && status == 429 && strcmp(r->path, "/login") == 0)
        actor = kv_get(&r->form, "email");
    audit_syslog_event(db_audit_signer(r->db), who ? (long long)who->tenant_id : 0, actor, event,
                       status, r->method, r->path, r->ip);
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *upload,
                                  size_t *upload_size, void **con_cls)
{
    (void)version;
    app *ap = cls;
    conn_state *st = *con_cls;
    if (!st) {
        st = calloc(1, sizeof *st);
        /* a spreadsheet upload or a file to an import's API route may be large; every
         * other body stays small: the route is looked up before the body is read */
        bool to_file;
        st->limit = route_body_limit(method, url, header(c, "Content-Type"), &to_file);
        /* a streamed upload goes to a temporary file as it arrives: memory stays the
         * same whatever its size (without one, the body is refused: nothing is written) */
        if (to_file && !(st->file = tmpfile())) st->file_failed = true;
        buf_init(&st->body, st->limit + 1);
        *con_cls = st;
        return MHD_YES;
    }
    if (*upload_size) {
        size_t have = st->file ? st->file_len : st->body.len;
        if (have + *upload_size > st->limit || st->file_failed)
            st->too_large = true;
        else if (st->file && fwrite(upload, 1, *upload_size, st->file) != *upload_size)
            st->file_failed = st->too_large = true;
        else if (st->file)
            st->file_len += *upload_size;
        else
            buf_append(&st->body, upload, *upload_size);
        *upload_size = 0;
        return MHD_YES;
    }
    arena a;
    arena_init(&a, 64 * 1024 * 1024);
    req r = {.a = &a, .app = ap, .method = method, .path = url};
    r.started_ns = now_ns();
    r.query.items = arena_alloc(&a, sizeof(kv) * MAX_PARAMS);
    MHD_get_connection_values_n(c, MHD_GET_ARGUMENT_KIND, collect_arg, &r);
    r.content_type = header(c, "Content-Type");
    r.authorization = header(c, "Authorization");
    r.accept_language = header(c, "Accept-Language");
    if (ap->behind_proxy) r.forwarded_proto = header(c, "X-Forwarded-Proto");
    http_parse_cookies(&a, header(c, "Cookie"), &r.cookies);
    r.body = st->body.data;
    r.body_len = st->body.len;
    r.body_too_large = st->too_large;
    r.upload.fd = -1;
    if (st->file && fflush(st->file) == 0) {
        r.body_file = st->file;
        r.body_len = st->file_len;
    }
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    char ip[INET6_ADDRSTRLEN] = "";
    if (ci && ci->client_addr) {
        const struct sockaddr *sa = ci->client_addr;
        if (sa->sa_family == AF_INET)
            inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, ip, sizeof ip);
        else if (sa->sa_family == AF_INET6)
            inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, ip, sizeof ip);
    }
    r.ip = ip;
    r.db = db_pool_get(ap->pool);
    long statements_before = db_statements(r.db);

    resp out = {0};
    buf_init(&out.body, 32 * 1024 * 1024);
    app_handle(&r, &out);
    security_event(&r, out.status);
    long statements = db_statements(r.db) - statements_before;
    db_pool_put(ap->pool, r.db);

    /* the one check for both: a page built past its buffer's cap, or from an arena
     * that refused memory (so some part of it is missing), is never sent */
    if (buf_failed(&out.body) || arena_failed(&a)) {
        const char *why = buf_failed(&out.body) ? "response too large" : "request memory exhausted";
        fprintf(stderr, "lis: %s %s: %s\n", method, url, why);
        buf_reset(&out.body);
        out.status = 500;
        out.content_type = "text/plain; charset=utf-8";
        out.nheaders = 0;
        buf_printf(&out.body, "%s\n", why);
    }
    size_t len;
    char *body = buf_detach(&out.body, &len);
    if (strcmp(method, "HEAD") == 0) len = 0;
    struct MHD_Response *m = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
    add_security_headers(m, r.api);
    MHD_add_response_header(m, "Content-Type", out.content_type ? out.content_type : "text/plain");
    bool cache_set = false;
    for (int i = 0; i < out.nheaders; i++) {
        MHD_add_response_header(m, out.headers[i].key, out.headers[i].value);
        cache_set |= strcmp(out.headers[i].key, "Cache-Control") == 0;
    }
    if (!cache_set) MHD_add_response_header(m, "Cache-Control", "no-store");
    enum MHD_Result ret = MHD_queue_response(c, (unsigned)out.status, m);
    MHD_destroy_response(m);
    if (ap->timing_log)
        fprintf(stderr, "timing %s %s %d %lld us %ld sql\n", method, url, out.status,
                (long long)((now_ns() - r.started_ns) / 1000), statements);
    arena_free(&a);
    return ret;
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode code)
{
    (void)cls;
    (void)c;
    (void)code;
    conn_state *st = *con_cls;
    if (st) {
        buf_free(&st->body);
        if (st->file) fclose(st->file);
        free(st);
        *con_cls = NULL;
    }
}

static volatile sig_atomic_t stop_requested;
static void on_signal(int sig)
{
    (void)sig;
    stop_requested = 1;
}

int server_run(app *ap)
{
    char host[128] = "127.0.0.1";
    int port = 8080;
    const char *colon = strrchr(ap->listen, ':');
    if (colon) {
        snprintf(host, sizeof host, "%.*s", (int)(colon - ap->listen), ap->listen);
        port = atoi(colon + 1);
    } else {
        port = atoi(ap->listen);
    }
    if (port <= 0 || port > 65535) {
        fprintf(stderr, "lis: bad listen address %s (want host:port)\n", ap->listen);
        return 1;
    }
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    if (inet_pton(AF_INET, host, &sa.sin_addr) != 1) {
        fprintf(stderr, "lis: bad listen host %s (want an IPv4 address)\n", host);
        return 1;
    }
    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ERROR_LOG, 0, NULL, NULL, on_request, ap,
        MHD_OPTION_SOCK_ADDR, &sa, MHD_OPTION_THREAD_POOL_SIZE, (unsigned)ap->threads,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL, MHD_OPTION_CONNECTION_TIMEOUT,
        (unsigned)60, MHD_OPTION_CONNECTION_LIMIT, (unsigned)1000,
        MHD_OPTION_LISTENING_ADDRESS_REUSE, (unsigned)1, MHD_OPTION_END);
    if (!d) {
        fprintf(stderr, "lis: cannot listen on %s (in use?)\n", ap->listen);
        return 1;
    }
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    signal(SIGPIPE, SIG_IGN);
    fprintf(stderr, "lis: serving on http://%s:%d/\n", host, port);
    /* a signal ends the sleep; the tick runs between sleeps, never during one */
    time_t next_tick = time(NULL) + ap->tick_seconds;
    while (!stop_requested) {
        if (!ap->tick || ap->tick_seconds <= 0) {
            pause();
            continue;
        }
        sleep(1);
        if (!stop_requested && time(NULL) >= next_tick) {
            ap->tick(ap);
            next_tick = time(NULL) + ap->tick_seconds;
        }
    }
    MHD_stop_daemon(d);
    fprintf(stderr, "lis: stopped\n");
    return 0;
}
