/* fuzz_app.h - what the harnesses that drive the whole application share: the demo
 * organisation in an in-memory SQLite database, restored from a snapshot after every
 * input that changed it; three users logged in through POST /login, each with a session,
 * its CSRF token and an API token; argon2id at minimum cost; one request through
 * app_handle() with a fresh arena; the checks every response must pass.
 *
 * Users: [0] admin@exempelkommun.se (tenant_admin), [1] medarbetare@ (employee),
 * [2] ciso@ (ciso, also in Grannkommun). Each harness that includes this is linked with
 * -Wl,--wrap=password_hash -Wl,--wrap=password_verify (fuzz.mk). */
#ifndef LIS_FUZZ_APP_H
#define LIS_FUZZ_APP_H
#include "fuzz_common.h"
#include "../../src/app.h"
#include "../../src/audit/key.h"
#include "../../src/auth/auth.h"
#include "../../src/core/util.h"
#include "../../src/db/migrate.h"
#include "../../src/http/router.h"
#include "../../src/org/seed.h"
#include "../../src/app/demo.h"
#include <jansson.h>
#include <sodium.h>
#include <sqlite3.h>
#include <ctype.h>
#include <strings.h>
#include <time.h>

/* ---- argon2id at minimum cost (see the top) ---- */
int __real_password_hash(const char *password, char out[128]);
bool __real_password_verify(const char *hash, const char *password);
int __wrap_password_hash(const char *password, char out[128]);
bool __wrap_password_verify(const char *hash, const char *password);

static char cheap_prefix[64]; /* "$argon2id$v=19$m=8,t=1,p=1$" */

int __wrap_password_hash(const char *password, char out[128])
{
    return crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_MIN,
                             crypto_pwhash_MEMLIMIT_MIN);
}

bool __wrap_password_verify(const char *hash, const char *password)
{
    if (hash && strncmp(hash, cheap_prefix, strlen(cheap_prefix)) != 0) return false;
    return __real_password_verify(hash, password);
}

/* ---- the database and the users ---- */
static app the_app = {.behind_proxy = true};
static db *work;          /* what the requests run on */
static sqlite3 *pristine; /* its state after start-up */
static sqlite3 *work_handle;
static int64_t clean_changes;
static time_t refreshed;
static int verbose;

typedef struct user {
    const char *email;
    const char *session, *csrf, *token;
} user;
static user users[] = {
    {"admin@exempelkommun.se"},
    {"medarbetare@exempelkommun.se"},
    {"ciso@exempelkommun.se"},
};
enum { NUSERS = sizeof users / sizeof users[0] };
static arena init_arena;

/* lis's SQLite back-end keeps the connection as the first member of its handle
 * (src/db/sqlite.c, struct sqlite_conn). */
static sqlite3 *sqlite_of(db *d)
{
    FUZZ_CHECK(db_kind_of(d) == DB_SQLITE, "not SQLite");
    return *(sqlite3 **)d->handle;
}

static void copy_db(sqlite3 *to, sqlite3 *from)
{
    sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
    FUZZ_CHECK(b, "backup: %s", sqlite3_errmsg(to));
    int rc = sqlite3_backup_step(b, -1);
    sqlite3_backup_finish(b);
    FUZZ_CHECK(rc == SQLITE_DONE, "backup: %s", sqlite3_errstr(rc));
}

/* One request through app_handle with a fresh arena; the caller frees. */
typedef struct exchange {
    arena a;
    req r;
    resp out;
} exchange;

static void exchange_begin(exchange *x)
{
    memset(x, 0, sizeof *x);
    arena_init(&x->a, 64 * 1024 * 1024);
    x->r.a = &x->a;
    x->r.app = &the_app;
    x->r.db = work;
    x->r.ip = "127.0.0.1";
    buf_init(&x->out.body, 32 * 1024 * 1024);
}

static void exchange_end(exchange *x)
{
    buf_free(&x->out.body);
    arena_free(&x->a);
}

static const char *header_value(const resp *out, const char *key, const char *prefix)
{
    for (int i = 0; i < out->nheaders; i++)
        if (!strcasecmp(out->headers[i].key, key) &&
            !strncmp(out->headers[i].value, prefix, strlen(prefix)))
            return out->headers[i].value;
    return NULL;
}

/* Logs u in through POST /login, then reads its CSRF token and makes an API token. */
static void login(user *u)
{
    static const char pre[] = "fuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzz";
    exchange x;
    exchange_begin(&x);
    const char *body =
        arena_printf(&x.a, "email=%s&password=demo-password-1&_pre=%s&next=/home", u->email, pre);
    x.r.method = "POST";
    x.r.path = "/login";
    x.r.content_type = "application/x-www-form-urlencoded";
    x.r.body = body;
    x.r.body_len = strlen(body);
    http_parse_cookies(&x.a, arena_printf(&x.a, "lis_pre=%s", pre), &x.r.cookies);
    app_handle(&x.r, &x.out);
    const char *cookie = header_value(&x.out, "Set-Cookie", "lis_session=");
    FUZZ_CHECK(x.out.status == 303 && cookie, "login of %s failed: %d\n%s", u->email, x.out.status,
               buf_str(&x.out.body));
    cookie += strlen("lis_session=");
    u->session = arena_strndup(&init_arena, cookie, strcspn(cookie, ";"));
    exchange_end(&x);

    exchange_begin(&x);
    x.r.method = "GET";
    x.r.path = "/home";
    http_parse_cookies(&x.a, arena_printf(&x.a, "lis_session=%s", u->session), &x.r.cookies);
    FUZZ_CHECK(auth_load(&x.r), "session of %s does not load", u->email);
    u->csrf = arena_strdup(&init_arena, x.r.auth->csrf);
    const char *token = api_token_create(&x.r, "fuzz", NULL);
    FUZZ_CHECK(token, "api_token_create: %s", db_error(work));
    u->token = arena_strdup(&init_arena, token);
    exchange_end(&x);
}

/* Sessions idle out after an hour and API tokens note their use once a minute: keep the
 * snapshot's times current so that neither expires nor writes during a long run. */
static void refresh_snapshot(void)
{
    char *msg = NULL;
    int rc =
        sqlite3_exec(pristine,
                     "UPDATE session SET created_at = strftime('%Y-%m-%dT%H:%M:%SZ','now'), "
                     "last_seen = strftime('%Y-%m-%dT%H:%M:%SZ','now');"
                     "UPDATE api_token SET last_used_at = strftime('%Y-%m-%dT%H:%M:%SZ','now');",
                     NULL, NULL, &msg);
    FUZZ_CHECK(rc == SQLITE_OK, "refresh: %s", msg ? msg : "?");
    refreshed = time(NULL);
}

static void restore(void)
{
    copy_db(work_handle, pristine);
    clean_changes = sqlite3_total_changes64(work_handle);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    setenv("TZ", "Europe/Stockholm", 1);
    tzset();
    FUZZ_CHECK(sodium_init() >= 0, "sodium_init");
    char probe[128];
    FUZZ_CHECK(__wrap_password_hash("probe", probe) == 0, "password_hash");
    /* "$argon2id$v=19$m=8,t=1,p=1$SALT$HASH": keep up to the fourth '$' */
    const char *d = probe;
    for (int i = 0; i < 3 && d; i++)
        d = strchr(d + 1, '$');
    FUZZ_CHECK(d, "unexpected hash %s", probe);
    snprintf(cheap_prefix, sizeof cheap_prefix, "%.*s", (int)(d - probe + 1), probe);
    arena_init(&init_arena, 0);
    verbose = getenv("FUZZ_VERBOSE") ? atoi(getenv("FUZZ_VERBOSE")) : 0;

    char err[512];
    FUZZ_CHECK(db_open(":memory:", &work, err, sizeof err) == DB_OK, "db_open: %s", err);
    work_handle = sqlite_of(work);
    /* the audit chain is signed: a fixed key of the fuzzer's own, no syslog copy */
    static audit_signer signer = {.syslog_fd = -1};
    memset(signer.key, 0x5A, sizeof signer.key);
    db_set_audit_signer(work, &signer);
    FUZZ_CHECK(migrate_run(work, ":memory:", stderr) == DB_OK, "migrate_run");
    FILE *devnull = fopen("/dev/null", "w");
    FUZZ_CHECK(devnull && seed_demo(work, "demo-password-1", devnull) == 0, "seed_demo");
    fclose(devnull);
    for (int i = 0; i < NUSERS; i++)
        login(&users[i]);

    FUZZ_CHECK(sqlite3_open(":memory:", &pristine) == SQLITE_OK, "sqlite3_open");
    copy_db(pristine, work_handle);
    refresh_snapshot();
    restore();
    return 0;
}


static bool header_safe(const char *s)
{
    return s && !strpbrk(s, "\r\n");
}

static void check_response(const req *r, resp *out)
{
    FUZZ_CHECK(out->status >= 100 && out->status <= 599, "status %d", out->status);
    FUZZ_CHECK(out->nheaders >= 0 && out->nheaders <= MAX_HEADERS, "nheaders");
    for (int i = 0; i < out->nheaders; i++) {
        const kv *h = &out->headers[i];
        FUZZ_CHECK(header_safe(h->key) && header_safe(h->value), "CR/LF in response header %s: %s",
                   h->key ? h->key : "(null)", h->value ? h->value : "(null)");
        if (!strcasecmp(h->key, "Location"))
            FUZZ_CHECK(h->value[0] == '/' && h->value[1] != '/' && h->value[1] != '\\',
                       "redirect off the site: %s", h->value);
    }
    if (buf_failed(&out->body)) return; /* the server answers 500 "response too large" */
    if (out->content_type && !strncmp(out->content_type, "text/html", 9)) {
        /* the only script a page carries is lis's own: anything else is markup that
         * escaped the escaping */
        const char *b = buf_str(&out->body), *end = b + out->body.len;
        for (const char *p = b; (p = memchr(p, '<', (size_t)(end - p))); p++)
            if (!strncasecmp(p, "<script", 7))
                FUZZ_CHECK(!strncmp(p, "<script src=\"/static/", 21),
                           "%s %s: a foreign <script> in the page: %.80s", r->method, r->path, p);
    }
    if (out->content_type && !strncmp(out->content_type, "application/json", 16)) {
        json_error_t err;
        json_t *j = json_loadb(out->body.data ? out->body.data : "", out->body.len, 0, &err);
        FUZZ_CHECK(j, "%s %s: invalid JSON response (%s): %.200s", r->method, r->path, err.text,
                   buf_str(&out->body));
        json_decref(j);
    }
}

#endif
