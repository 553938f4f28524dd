/* http.h - one request and its response, independent of libmicrohttpd, so that the
 * whole application above the socket (routing, parsing, handlers) can be driven by
 * tests and fuzzers directly. */
#ifndef LIS_HTTP_H
#define LIS_HTTP_H
#include "../core/arena.h"
#include "../core/buf.h"
#include "../core/i18n.h"
#include "../db/db.h"
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

/* MAX_UPLOAD: a multipart form's body (an import file of 20 MB and the form around it),
 * and a file sent as the body of an import's API route; MAX_BODY: every other body.
 * The 413 message (err.too_large) names both. MAX_STREAMED_FILE: the file of a form
 * whose route streams its upload (ROUTE_STREAM_UPLOAD: the inventory's import), written
 * to a temporary file as it arrives and never held in memory; its body may be that and
 * MAX_BODY for the form around it (import.err_too_large names it). */
enum {
    MAX_BODY = 1024 * 1024,
    MAX_UPLOAD = 21 * 1024 * 1024,
    MAX_STREAMED_FILE = 50 * 1024 * 1024,
    MAX_PARAMS = 256,
    /* fields of one urlencoded form: a self-assessment of 248 requirements sends four
     * each; a form with more is refused, never cut short */
    MAX_FORM_FIELDS = 4096,
    MAX_HEADERS = 24,
    MAX_REQ_MEMO = 8
};

typedef struct kv {
    const char *key, *value;
} kv;

typedef struct kvlist {
    kv *items;
    int n;
} kvlist;

struct app;
struct auth;

typedef struct req {
    arena *a;
    struct app *app;
    db *db;
    const char *method;
    const char *path; /* decoded path, without the query string */
    const char *query_raw;
    kvlist query;            /* parsed query string */
    bool query_nul;          /* a query key or value held a NUL byte: refused (app_handle) */
    kvlist form;             /* parsed application/x-www-form-urlencoded or multipart body */
    const char *binary_part; /* a multipart file field whose content is not text */
    const char *binary_data; /* its bytes (in the body) */
    size_t binary_len;
    kvlist cookies;
    const char *body;
    size_t body_len;
    bool body_too_large;
    /* a streamed upload (ROUTE_STREAM_UPLOAD): the body in a temporary file (body NULL),
     * and its file part found in it by http_parse_multipart_file */
    FILE *body_file;
    struct http_upload {
        const char *name, *filename;
        int fd; /* body_file's; -1 when the form holds no file */
        size_t offset, len;
    } upload;
    const char *content_type;
    const char *authorization;
    const char *accept_language;
    const char *forwarded_proto; /* X-Forwarded-Proto, trusted only with --behind-proxy */
    const char *ip;
    bool tls;
    const char *route_args[4];
    int nroute_args;
    bool api;
    lang_t lang;
    struct auth *auth;
    int64_t started_ns;
    /* the moment the request acts as of, set only by lis itself (system_req_at: the demo
     * writing its history through the rules); 0, always for a person's request: now */
    time_t as_of;
    /* the tenant as a bound parameter ("17"), made once per request by tenant_param() */
    const char *tenant_text;
    int64_t tenant_text_of;
    /* what a request computes once and reads often (a tenant's matrix words): a few
     * slots by key, each value in the arena, so it dies with the request (req_memo) */
    struct {
        const void *key;
        void *value;
    } memo[MAX_REQ_MEMO];
    int nmemo;
    /* reads of need-to-know records this request already wrote to the audit log ("kind
     * ids"), so a request records each read once (src/entity/entity.c) */
    const char *reads_logged[8];
    int nreads_logged;
    int reads_audited; /* how many such reads it wrote (a page part that read any is not
                        * kept between requests: page_memo.h) */
    /* set only by lis itself when it reads for a person without their asking (the
     * reminders): the word the audit log records a read under, instead of the page's */
    const char *read_context;
} req;

typedef struct resp {
    int status;
    const char *content_type;
    buf body;
    kv headers[MAX_HEADERS];
    int nheaders;
} resp;

/* Parsing, all bounded and strict; they never fail on bad bytes, they drop them. A form
 * parser returns false when a field held a NUL byte (dropped): the caller refuses the
 * request rather than act on a value cut short. */
bool http_parse_urlencoded(arena *a, const char *s, size_t n, kvlist *out);
/* How many fields an urlencoded body holds (its '&'-separated parts), to refuse one with
 * more than MAX_FORM_FIELDS rather than read part of it. */
size_t http_urlencoded_fields(const char *s, size_t n);
void http_parse_cookies(arena *a, const char *header, kvlist *out);
/* multipart/form-data (a form with a file): each part by its name, a file as its content;
 * a file part that is not text (NUL bytes) is left out and its name set in *binary_part */
bool http_parse_multipart(arena *a, const char *content_type, const char *body, size_t n,
                          kvlist *out, const char **binary_part);
/* The same, with that file's bytes (pointing into body) in *binary_data and *binary_len. */
bool http_parse_multipart_bytes(arena *a, const char *content_type, const char *body, size_t n,
                                kvlist *out, const char **binary_part, const char **binary_data,
                                size_t *binary_len);
/* The file of multipart part name (a form's file input) as sent, NUL bytes and all: its
 * filename and bytes point into body and the arena. false when the body holds no part of
 * that name with a filename. Bounded like http_parse_multipart. */
typedef struct http_file {
    const char *filename;
    const unsigned char *data;
    size_t len;
} http_file;
bool http_multipart_file(arena *a, const char *content_type, const char *body, size_t n,
                         const char *name, http_file *out);
/* A multipart body kept in a file (fd, n bytes) parsed a piece at a time: the text
 * fields into out (each at most MAX_BODY, the same rules as http_parse_multipart), the
 * first part with a filename left in the file, where *file says. */
bool http_parse_multipart_file(arena *a, const char *content_type, int fd, size_t n, kvlist *out,
                               struct http_upload *file);
const char *kv_get(const kvlist *l, const char *key);
int kv_count(const kvlist *l, const char *key);
char *url_decode(arena *a, const char *s, size_t n);

/* The per-request cache slot: key is the address of something static of the caller's
 * (unique per use); value must live in r->a. req_memo_get returns NULL when nothing is
 * kept; req_memo_put replaces a kept value and returns false only when every slot is
 * taken (the caller then simply computes again next time). */
void *req_memo_get(const req *r, const void *key);
bool req_memo_put(req *r, const void *key, void *value);

/* The time a request acts at: now, or the system request's as_of. Rules stamp records
 * with it (created_at, triaged_at, closed_at…), so the demo's history takes the same path
 * as a person's write; the audit log keeps its own, real time. */
time_t req_now(const req *r);
void req_now_iso(const req *r, char out[21]);

void resp_header(resp *r, arena *a, const char *key, const char *value);
void resp_redirect(resp *r, arena *a, const char *location);

#endif
