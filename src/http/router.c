/* router.c - the route table and the path every request takes: language, route,
 * authentication, CSRF, handler. Permission checks live in the handlers' entity rules
 * and perm_allows, never here by route. */
#include "router.h"
#include "page.h"
#include "../auth/auth.h"
#include "../core/escape.h"
#include "../core/util.h"
#include "../entity/entity.h"
#include <string.h>
#include <strings.h>

extern const route app_routes[]; /* src/app/routes.c */

static bool segment_match(const char *pat, size_t plen, const char *seg, size_t slen, req *r)
{
    if (plen && pat[0] == ':') {
        if (slen == 0 || slen > 200) return false;
        if (plen == 2 && pat[1] == 'e') { /* :e is an entity name */
            char name[64];
            if (slen >= sizeof name) return false;
            memcpy(name, seg, slen);
            name[slen] = 0;
            if (!entity_find(name)) return false;
        }
        if (plen == 3 && memcmp(pat, ":id", 3) == 0) {
            for (size_t i = 0; i < slen; i++)
                if (seg[i] < '0' || seg[i] > '9') return false;
            if (slen > 18) return false;
        }
        if (r->nroute_args < 4) r->route_args[r->nroute_args++] = arena_strndup(r->a, seg, slen);
        return true;
    }
    return plen == slen && memcmp(pat, seg, slen) == 0;
}

/* Matches "/a/:id/b" against the path; fills r->route_args. A suffix after a parameter
 * is matched literally: pattern "/:e.csv" or "/:e.xlsx". */
static bool path_match(const char *pattern, const char *path, req *r)
{
    r->nroute_args = 0;
    const char *p = pattern, *s = path;
    for (;;) {
        if (*p != '/' || *s != '/') return *p == 0 && *s == 0;
        p++;
        s++;
        const char *pe = strchr(p, '/'), *se = strchr(s, '/');
        size_t plen = pe ? (size_t)(pe - p) : strlen(p);
        size_t slen = se ? (size_t)(se - s) : strlen(s);
        /* a literal suffix (".csv") on a parameter segment */
        const char *dot = p[0] == ':' ? memchr(p, '.', plen) : NULL;
        size_t suf = dot ? plen - (size_t)(dot - p) : 0;
        if (dot) {
            if (slen <= suf || memcmp(s + slen - suf, dot, suf) != 0) return false;
            if (!segment_match(p, plen - suf, s, slen - suf, r)) return false;
        } else if (!segment_match(p, plen, s, slen, r)) {
            return false;
        }
        p += plen;
        s += slen;
    }
}

const route *route_find(req *r, bool *method_mismatch)
{
    *method_mismatch = false;
    for (const route *rt = app_routes; rt->pattern; rt++) {
        if (!path_match(rt->pattern, r->path, r)) continue;
        if (strcmp(rt->method, r->method) == 0 ||
            (strcmp(r->method, "HEAD") == 0 && strcmp(rt->method, "GET") == 0))
            return rt;
        *method_mismatch = true;
    }
    r->nroute_args = 0;
    return NULL;
}

/* The route a request goes to, looked up before its body is read. */
static unsigned route_flags_of(const char *method, const char *path)
{
    if (!method || !path || !strcmp(method, "GET") || !strcmp(method, "HEAD")) return 0;
    arena a;
    arena_init(&a, 64 * 1024);
    req r = {.a = &a, .method = method, .path = path};
    bool mismatch;
    const route *rt = route_find(&r, &mismatch);
    unsigned flags = rt ? rt->flags : 0;
    arena_free(&a);
    return flags;
}

size_t route_body_limit(const char *method, const char *path, const char *content_type,
                        bool *to_file)
{
    unsigned flags = route_flags_of(method, path);
    *to_file = false;
    if (content_type && strncasecmp(content_type, "multipart/form-data", 19) == 0) {
        *to_file = flags & ROUTE_STREAM_UPLOAD;
        return *to_file ? MAX_STREAMED_FILE + MAX_BODY : MAX_UPLOAD;
    }
    return flags & ROUTE_RAW_BODY ? MAX_UPLOAD : MAX_BODY;
}

/* True when an earlier route has the same method and this very path: the router takes
 * that one (POST /api/v1/tokens is written by hand, not by the generic create). */
static bool shadowed(const route *rt, const char *path)
{
    for (const route *before = app_routes; before < rt; before++)
        if (!strcmp(before->method, rt->method) && !strcmp(before->pattern, path)) return true;
    return false;
}

void route_each(arena *a,
                void (*each)(const route *rt, const entity *kind, const char *path, void *ctx),
                void *ctx)
{
    for (const route *rt = app_routes; rt->pattern; rt++) {
        const char *at = strstr(rt->pattern, ":e");
        if (!at) {
            each(rt, NULL, rt->pattern, ctx);
            continue;
        }
        for (const entity *const *e = entity_all(); *e; e++) {
            if (rt->for_kind && !rt->for_kind(*e)) continue;
            const char *path = arena_printf(a, "%.*s%s%s", (int)(at - rt->pattern), rt->pattern,
                                            (*e)->name, at + 2);
            if (!shadowed(rt, path)) each(rt, *e, path, ctx);
        }
    }
}

static lang_t pick_lang(req *r)
{
    const char *c = kv_get(&r->cookies, "lis_lang");
    if (c) return strcmp(c, "en") == 0 ? LANG_EN : LANG_SV;
    /* Swedish unless the browser prefers English and not Swedish */
    const char *al = r->accept_language;
    if (al && strncasecmp(al, "en", 2) == 0) return LANG_EN;
    return LANG_SV;
}

bool csrf_valid(req *r)
{
    const char *sent = r->api ? NULL : kv_get(&r->form, "_csrf");
    return r->auth && secret_equal(sent, r->auth->csrf);
}

void app_handle(req *r, resp *out)
{
    out->status = 200;
    r->api = strncmp(r->path, "/api/", 5) == 0;
    r->lang = pick_lang(r);
    if (r->body_too_large) {
        /* a streamed upload's page says its own limit */
        bool streamed = route_flags_of(r->method, r->path) & ROUTE_STREAM_UPLOAD;
        respond_error(r, out, 413, "too_large",
                      streamed && !r->api ? TR_import_err_too_large : TR_err_too_large);
        return;
    }
    if (!utf8_valid(r->path, strlen(r->path))) {
        respond_error(r, out, 400, "bad_request", TR_err_bad_request);
        return;
    }
    bool mismatch;
    const route *rt = route_find(r, &mismatch);
    if (!rt) {
        if (mismatch) resp_header(out, r->a, "Allow", "GET, POST");
        respond_error(r, out, mismatch ? 405 : 404, mismatch ? "method_not_allowed" : "not_found",
                      mismatch ? TR_err_method : TR_err_not_found);
        return;
    }
    bool write = strcmp(r->method, "GET") != 0 && strcmp(r->method, "HEAD") != 0;
    bool text_form = !r->query_nul; /* no field, in the query or the form, held a NUL byte */
    bool urlencoded = write && !r->api && r->content_type &&
                      strncasecmp(r->content_type, "application/x-www-form-urlencoded", 33) == 0;
    if (urlencoded && r->body && http_urlencoded_fields(r->body, r->body_len) > MAX_FORM_FIELDS) {
        respond_error(r, out, 413, "too_many_fields", TR_err_too_many_fields);
        return;
    }
    if (urlencoded)
        text_form &= http_parse_urlencoded(r->a, r->body, r->body_len, &r->form);
    else if (write && !r->api && r->body_file && r->content_type &&
             strncasecmp(r->content_type, "multipart/form-data", 19) == 0)
        text_form &= http_parse_multipart_file(r->a, r->content_type, fileno(r->body_file),
                                               r->body_len, &r->form, &r->upload);
    else if (write && !r->api && r->content_type &&
             strncasecmp(r->content_type, "multipart/form-data", 19) == 0)
        text_form &=
            http_parse_multipart_bytes(r->a, r->content_type, r->body, r->body_len, &r->form,
                                       &r->binary_part, &r->binary_data, &r->binary_len);
    if (!text_form) {
        /* as the JSON API refuses \u0000: a value cut short at a NUL is not what was sent */
        respond_error(r, out, 400, "bad_request", TR_err_nul_byte);
        return;
    }
    if (!(rt->flags & ROUTE_PUBLIC)) {
        if (!auth_load(r)) {
            if (r->api) {
                respond_error(r, out, 401, "unauthorized", TR_err_unauthorized);
                resp_header(out, r->a, "WWW-Authenticate", "Bearer");
            } else {
                buf next;
                buf_init(&next, 0);
                buf_puts(&next, "/login?next=");
                esc_url_component(&next, strcmp(r->method, "GET") == 0 ? r->path : "/");
                resp_redirect(out, r->a, arena_strdup(r->a, buf_str(&next)));
                buf_free(&next);
            }
            return;
        }
        if (r->auth->twostep_missing && !(rt->flags & ROUTE_ENROL)) {
            /* the tenant asks for two-step verification: nothing else until it is set up */
            if (!write && !r->api)
                resp_redirect(out, r->a, "/account/two-step");
            else
                respond_error(r, out, 403, "two_step_required", TR_twostep_required_first);
            return;
        }
        if (r->api && !r->auth->via_token && write) {
            /* a browser session may read the API, but writes need a token: no CSRF door */
            respond_error(r, out, 403, "token_required", TR_err_token_required);
            return;
        }
        if (write && !r->api && !csrf_valid(r)) {
            respond_error(r, out, 403, "csrf", TR_err_csrf);
            return;
        }
    }
    if (write && r->api && !(rt->flags & (ROUTE_NO_BODY | ROUTE_RAW_BODY))) {
        if (!r->content_type || strncasecmp(r->content_type, "application/json", 16) != 0) {
            respond_error(r, out, 415, "unsupported_media_type", TR_err_media_type);
            return;
        }
    }
    rt->handler(r, out);
}
