/* fuzz_request - the whole request path above libmicrohttpd: app_handle() with routing,
 * cookies, forms, CSRF, sessions, API tokens, every handler and page, against the demo
 * organisation in an in-memory SQLite database.
 *
 * Input format (text, so the corpus is readable and the mutations stay meaningful):
 *
 *     METHOD TARGET                  e.g.  POST /units?x=1
 *     Header-Name: value             cookie, content-type, authorization,
 *     ...                            accept-language, x-forwarded-proto
 *     <empty line>
 *     body
 *
 * Placeholders anywhere in the target, headers and body are replaced by live values made
 * at start-up, so that mutations reach the pages behind the login:
 *     @SESSION@  @CSRF@  @TOKEN@     admin@exempelkommun.se (tenant_admin)
 *     @SESSION2@ @CSRF2@ @TOKEN2@    medarbetare@exempelkommun.se (employee)
 *     @SESSION3@ @CSRF3@ @TOKEN3@    ciso@exempelkommun.se (ciso in two tenants)
 * (the cookie is lis_session=@SESSION@; a token is sent as Authorization: Bearer @TOKEN@).
 *
 * Up to four requests can be chained in one input, separated by a line "@NEXT@"; they
 * run one after the other on the same database (create a record, then show it).
 *
 * Every input starts from the same database: when a request changed rows (or after 30 s,
 * to keep the sessions fresh) the database is restored from a snapshot taken after
 * start-up, so a crash file replays exactly.
 *
 * argon2id: password_hash is linked wrapped (-Wl,--wrap) to use libsodium's minimum cost,
 * so the demo accounts, logins and password changes are cheap; password_verify refuses
 * the costly hashes that such a run never made (the login handler's dummy hash for
 * unknown accounts) without computing them. Everything else is the real code.
 *
 * Checks beyond ASan/UBSan: a status in 100..599; no CR or LF in a response header;
 * redirects stay on this site; a JSON response parses; an HTML page has no <script> but
 * lis's own; no transaction is left open; a request without a session or token is not
 * authenticated; a session changes the database only with its CSRF token and never
 * through the API; a user of one tenant does not see another tenant's people. */
#include "fuzz_app.h"
#include <ctype.h>
#include <strings.h>

/* ---- the input ---- */
enum { MAX_CHAIN = 4 };

/* Which users' sessions or tokens the current request carries (bit per user). */
static unsigned used_credentials;

/* Replaces @NAME@ placeholders; unknown names stay as they are. */
static char *substitute(arena *a, const char *s, size_t n, size_t *out_len)
{
    buf b;
    buf_init(&b, 0);
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '@') {
            const char *end = memchr(s + i + 1, '@', n - i - 1);
            size_t len = end ? (size_t)(end - (s + i + 1)) : 0;
            const char *value = NULL;
            if (end && len >= 4 && len <= 8) {
                const char *name = s + i + 1;
                int k = 0;
                size_t base = len;
                if (name[len - 1] >= '2' && name[len - 1] <= '0' + NUSERS) {
                    k = name[len - 1] - '1';
                    base--;
                }
                if (base == 7 && !memcmp(name, "SESSION", 7))
                    value = users[k].session;
                else if (base == 4 && !memcmp(name, "CSRF", 4))
                    value = users[k].csrf;
                else if (base == 5 && !memcmp(name, "TOKEN", 5))
                    value = users[k].token;
                if (value && base != 4) /* a CSRF token alone lets nobody in */
                    used_credentials |= 1u << k;
            }
            if (value) {
                buf_puts(&b, value);
                i += len + 1;
                continue;
            }
        }
        buf_putc(&b, s[i]);
    }
    size_t len;
    char *tmp = buf_detach(&b, &len);
    char *out = arena_alloc(a, len + 1);
    if (tmp) memcpy(out, tmp, len);
    out[len] = 0;
    free(tmp);
    buf_free(&b);
    if (out_len) *out_len = len;
    return out;
}

/* The path as libmicrohttpd hands it over: %XX decoded (not '+'), up to a NUL. */
static const char *decode_path(arena *a, const char *s)
{
    size_t n = strlen(s);
    char *out = arena_alloc(a, n + 1), *o = out;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '%' && isxdigit((unsigned char)s[i + 1]) && isxdigit((unsigned char)s[i + 2])) {
            char hex[3] = {s[i + 1], s[i + 2], 0};
            *o++ = (char)strtol(hex, NULL, 16);
            i += 2;
        } else {
            *o++ = s[i];
        }
    }
    *o = 0;
    return out;
}

static const char *trim_value(const char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    return s;
}

/* Splits one request of the input into r. */
static void build(req *r, const uint8_t *data, size_t size)
{
    arena *a = r->a;
    const char *s = (const char *)data, *end = s + size;
    const char *nl = memchr(s, '\n', size);
    const char *line_end = nl ? nl : end;
    char *line = substitute(a, s, (size_t)(line_end - s), NULL);
    size_t ll = strlen(line);
    if (ll && line[ll - 1] == '\r') line[--ll] = 0;
    char *sp = strchr(line, ' ');
    const char *target = "/";
    if (sp) {
        *sp = 0;
        target = sp + 1;
    }
    r->method = line;
    char *t = arena_strdup(a, target);
    char *q = strchr(t, '?');
    if (q) {
        *q++ = 0;
        r->query_nul = !http_parse_urlencoded(a, q, strlen(q), &r->query);
    }
    r->path = decode_path(a, t);

    const char *p = nl ? nl + 1 : end;
    while (p < end) {
        const char *e = memchr(p, '\n', (size_t)(end - p));
        const char *start = p;
        size_t len = (size_t)((e ? e : end) - start);
        p = e ? e + 1 : end;
        if (len && start[len - 1] == '\r') len--;
        if (!len) break; /* the empty line before the body */
        char *h = substitute(a, start, len, NULL);
        char *colon = strchr(h, ':');
        if (!colon) continue;
        *colon = 0;
        const char *v = trim_value(colon + 1);
        if (!strcasecmp(h, "cookie"))
            http_parse_cookies(a, v, &r->cookies);
        else if (!strcasecmp(h, "content-type"))
            r->content_type = v;
        else if (!strcasecmp(h, "authorization"))
            r->authorization = v;
        else if (!strcasecmp(h, "accept-language"))
            r->accept_language = v;
        else if (!strcasecmp(h, "x-forwarded-proto"))
            r->forwarded_proto = v;
    }
    if (p < end) {
        /* NUL-terminated like the server's body buffer; inner NULs are kept and counted */
        r->body = substitute(a, p, (size_t)(end - p), &r->body_len);
        r->body_too_large = r->body_len > MAX_BODY;
    }
}

/* What a request must not show: a user of Exempelkommun only (not the CISO, who is a
 * member of Grannkommun too) never sees Grannkommun's people. Checked on the first
 * request of an input, while the database is the snapshot, and only when the input does
 * not carry the words itself (a search box or a 404 page shows what was asked). */
static const char *const other_tenant_words[] = {"Gunnar Grann", "grannkommun.se"};

static void check_isolation(const exchange *x, const uint8_t *data, size_t size)
{
    if (used_credentials & (1u << 2)) return;
    for (size_t i = 0; i < sizeof other_tenant_words / sizeof other_tenant_words[0]; i++) {
        const char *w = other_tenant_words[i];
        if (memmem(data, size, w, strlen(w))) continue;
        FUZZ_CHECK(!memmem(x->out.body.data ? x->out.body.data : "", x->out.body.len, w, strlen(w)),
                   "%s %s: another tenant's \"%s\" in the response", x->r.method, x->r.path, w);
    }
}

static void one_request(const uint8_t *data, size_t size, const uint8_t *input, size_t input_size,
                        bool first)
{
    exchange x;
    exchange_begin(&x);
    used_credentials = 0;
    build(&x.r, data, size);
    int64_t before = sqlite3_total_changes64(work_handle);
    app_handle(&x.r, &x.out);
    check_response(&x.r, &x.out);
    FUZZ_CHECK(sqlite3_get_autocommit(work_handle), "%s %s left a transaction open", x.r.method,
               x.r.path);

    /* sessions and tokens are random: without one of the placeholders nobody is in */
    const auth *who = x.r.auth;
    FUZZ_CHECK(used_credentials || !who, "%s %s: authenticated without credentials", x.r.method,
               x.r.path);
    /* a browser session writes only through a form carrying its CSRF token, and never
     * through the API (that takes a token). GETs may write: an export is audited. */
    bool get = !strcmp(x.r.method, "GET") || !strcmp(x.r.method, "HEAD");
    if (sqlite3_total_changes64(work_handle) != before && who && !who->via_token && !get) {
        const char *sent = kv_get(&x.r.form, "_csrf");
        FUZZ_CHECK(!x.r.api, "%s %s: the API wrote for a browser session", x.r.method, x.r.path);
        FUZZ_CHECK(sent && who->csrf && !strcmp(sent, who->csrf),
                   "%s %s: written without the session's CSRF token", x.r.method, x.r.path);
    }
    if (first) check_isolation(&x, input, input_size);

    if (verbose) /* FUZZ_VERBOSE=1 (2: whole bodies): what a corpus file reaches */
        fprintf(stderr, "%s %s -> %d %s\n%.*s\n", x.r.method, x.r.path, x.out.status,
                x.out.content_type ? x.out.content_type : "", verbose > 1 ? 100000 : 300,
                buf_str(&x.out.body));
    exchange_end(&x);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char next[] = "\n@NEXT@\n";
    if (time(NULL) - refreshed > 30) {
        refresh_snapshot();
        restore();
    }
    /* up to MAX_CHAIN requests, one after the other on the same database */
    const uint8_t *p = data, *end = data + size;
    for (int i = 0; i < MAX_CHAIN && p <= end; i++) {
        const uint8_t *sep = memmem(p, (size_t)(end - p), next, sizeof next - 1);
        const uint8_t *stop = sep && i + 1 < MAX_CHAIN ? sep : end;
        one_request(p, (size_t)(stop - p), data, size, i == 0);
        if (stop == end) break;
        p = stop + sizeof next - 1;
    }
    if (sqlite3_total_changes64(work_handle) != clean_changes) restore();
    return 0;
}
