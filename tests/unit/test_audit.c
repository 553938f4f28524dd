/* Unit tests of the hash-chained audit log on both engines (LIS_TEST_DB: a SQLite path
 * or a postgresql:// URL of a fresh database). After the demo organisation is created
 * the chains verify; editing or removing a row by SQL is found and the row named; each
 * tenant is its own chain. Every tampering happens inside a transaction that is rolled
 * back, so the tests do not depend on each other's damage. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "../../src/audit/audit.h"
#include "../../src/audit/key.h"
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include "../../src/core/arena.h"
#include "../../src/db/db.h"
#include "../../src/db/migrate.h"
#include "../../src/org/seed.h"
#include "../../src/app/demo.h"

typedef struct state {
    db *d;
    const char *url;
    bool seeded;
    long long tenant_a, tenant_b; /* Exempelkommun, Grannkommun */
    char sqlite_default[256];
    audit_signer key;
} state;

static bool is_pg_url(const char *u)
{
    return strncmp(u, "postgresql://", 13) == 0 || strncmp(u, "postgres://", 11) == 0;
}

static void remove_sqlite_files(const char *path)
{
    const char *suffixes[] = {"", "-wal", "-shm", "-journal"};
    char p[600];
    for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
        snprintf(p, sizeof p, "%s%s", path, suffixes[i]);
        unlink(p);
    }
}

static int group_setup(void **st)
{
    static state s;
    if (sodium_init() < 0) return -1;
    const char *u = getenv("LIS_TEST_DB");
    if (u && *u) {
        s.url = u;
    } else {
        snprintf(s.sqlite_default, sizeof s.sqlite_default, "/tmp/lis-test-audit-%ld.sqlite",
                 (long)getpid());
        s.url = s.sqlite_default;
    }
    if (!is_pg_url(s.url)) remove_sqlite_files(s.url);
    char err[512];
    if (db_open(s.url, &s.d, err, sizeof err) != DB_OK) {
        fprintf(stderr, "cannot open %s: %s\n", s.url, err);
        return -1;
    }
    /* a fixed key of the test's own: the chain is signed with it */
    memset(&s.key, 0, sizeof s.key);
    s.key.syslog_fd = -1;
    for (int i = 0; i < AUDIT_KEY_BYTES; i++)
        s.key.key[i] = (unsigned char)(0xA0 + i);
    db_set_audit_signer(s.d, &s.key);
    FILE *devnull = fopen("/dev/null", "w");
    int rc = migrate_run(s.d, s.url, devnull);
    fclose(devnull);
    if (rc != DB_OK) {
        fprintf(stderr, "migrate_run failed: %s\n", db_error(s.d));
        return -1;
    }
    *st = &s;
    return 0;
}

static int group_teardown(void **st)
{
    state *s = *st;
    db_close(s->d);
    if (!getenv("LIS_TEST_DB")) remove_sqlite_files(s->url);
    return 0;
}

/* audit_verify's return value and everything it printed. */
static int verify(db *d, char **text)
{
    size_t len = 0;
    *text = NULL;
    FILE *f = open_memstream(text, &len);
    assert_non_null(f);
    int rc = audit_verify(d, f);
    fclose(f);
    return rc;
}

static long long scalar_int(db *d, const char *sql, int n, const char *const *p)
{
    arena a;
    arena_init(&a, 0);
    const char *v = db_scalar(d, &a, sql, n, p);
    if (!v) fail_msg("%s: no value (%s)", sql, db_error(d));
    long long x = atoll(v);
    arena_free(&a);
    return x;
}

static void exec_ok(db *d, const char *sql, int n, const char *const *p)
{
    int64_t changes = 0;
    if (db_exec(d, sql, n, p, &changes) != DB_OK) fail_msg("%s: %s", sql, db_error(d));
    if (changes < 1) fail_msg("%s: changed no row", sql);
}

static void ensure_seeded(state *s)
{
    if (s->seeded) return;
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    int rc = seed_demo(s->d, "demo-lösenord-123", f);
    fclose(f);
    if (rc != 0) fail_msg("seed_demo failed: %s", out);
    free(out);
    s->tenant_a = scalar_int(s->d, "SELECT id FROM tenant WHERE code = 'EXEMPEL'", 0, NULL);
    s->tenant_b = scalar_int(s->d, "SELECT id FROM tenant WHERE code = 'GRANN'", 0, NULL);
    s->seeded = true;
}

/* The id of a tenant's row with a given seq. */
static long long row_id(db *d, long long tenant, long long seq)
{
    char t[24], q[24];
    snprintf(t, sizeof t, "%lld", tenant);
    snprintf(q, sizeof q, "%lld", seq);
    const char *p[] = {t, q};
    return scalar_int(d, "SELECT id FROM audit_log WHERE tenant_id = $1 AND seq = $2", 2, p);
}

/* Does the report name the row: "row id N " (not a longer number starting with N). */
static bool names_row(const char *text, long long id)
{
    char needle[48];
    snprintf(needle, sizeof needle, "row id %lld ", id);
    return strstr(text, needle) != NULL;
}

static bool names_tenant(const char *text, long long tenant)
{
    char needle[48];
    snprintf(needle, sizeof needle, "tenant %lld:", tenant);
    return strstr(text, needle) != NULL;
}

static void assert_intact(db *d)
{
    char *text = NULL;
    int rc = verify(d, &text);
    if (rc != 0) fail_msg("audit_verify returned %d: %s", rc, text);
    assert_non_null(strstr(text, "intact"));
    free(text);
}

/* ---- tests ------------------------------------------------------------------ */

static void test_empty_log_verifies(void **st)
{
    state *s = *st; /* runs first, before ensure_seeded */
    char *text = NULL;
    assert_int_equal(verify(s->d, &text), 0);
    assert_non_null(strstr(text, "0 rows"));
    free(text);
}

static void test_demo_chain_verifies(void **st)
{
    state *s = *st;
    ensure_seeded(s);
    assert_true(s->tenant_a > 0 && s->tenant_b > 0 && s->tenant_a != s->tenant_b);
    char t[24];
    snprintf(t, sizeof t, "%lld", s->tenant_a);
    const char *p[] = {t};
    /* the demo writes a row per tenant, unit, person and role */
    assert_true(scalar_int(s->d, "SELECT COUNT(*) FROM audit_log WHERE tenant_id = $1", 1, p) >=
                20);
    char *text = NULL;
    assert_int_equal(verify(s->d, &text), 0);
    assert_non_null(strstr(text, "audit log intact"));
    assert_non_null(strstr(text, "2 chains"));
    free(text);
    /* running the demo again (new passwords only) keeps the chains intact */
    FILE *f = fopen("/dev/null", "w");
    assert_int_equal(seed_demo(s->d, "annat-lösenord-456", f), 0);
    fclose(f);
    assert_intact(s->d);
}

/* Each column of a row, changed by SQL, is found and the row named. */
static void test_altered_row_is_named(void **st)
{
    state *s = *st;
    ensure_seeded(s);
    static const struct {
        const char *what, *sql;
    } edits[] = {
        {"summary", "UPDATE audit_log SET summary = 'Ändrad i efterhand' WHERE id = $1"},
        {"actor", "UPDATE audit_log SET actor = 'mallory@example.se' WHERE id = $1"},
        {"actor_id", "UPDATE audit_log SET actor_id = actor_id + 17 WHERE id = $1"},
        {"at", "UPDATE audit_log SET at = '2001-01-01T00:00:00Z' WHERE id = $1"},
        {"ip", "UPDATE audit_log SET ip = '10.0.0.66' WHERE id = $1"},
        {"action", "UPDATE audit_log SET action = 'delete' WHERE id = $1"},
        {"entity", "UPDATE audit_log SET entity = 'people' WHERE id = $1"},
        {"entity_id", "UPDATE audit_log SET entity_id = '4711' WHERE id = $1"},
        {"summary to NULL", "UPDATE audit_log SET summary = NULL WHERE id = $1"},
        {"diff NULL to empty", "UPDATE audit_log SET diff = '' WHERE id = $1"},
        {"hash", "UPDATE audit_log SET hash = 'ab' || hash WHERE id = $1"},
        {"prev_hash", "UPDATE audit_log SET prev_hash = 'ab' || prev_hash WHERE id = $1"},
    };
    long long id = row_id(s->d, s->tenant_a, 7);
    char idtext[24];
    snprintf(idtext, sizeof idtext, "%lld", id);
    const char *p[] = {idtext};
    for (size_t i = 0; i < sizeof edits / sizeof edits[0]; i++) {
        assert_int_equal(db_begin(s->d), DB_OK);
        exec_ok(s->d, edits[i].sql, 1, p);
        char *text = NULL;
        int rc = verify(s->d, &text);
        assert_int_equal(db_rollback(s->d), DB_OK);
        if (rc != 1) fail_msg("altering %s: audit_verify returned %d: %s", edits[i].what, rc, text);
        if (!names_row(text, id))
            fail_msg("altering %s of row %lld: not named in: %s", edits[i].what, id, text);
        assert_true(names_tenant(text, s->tenant_a));
        assert_null(strstr(text, "intact"));
        free(text);
    }
    assert_intact(s->d);
}

static void test_first_and_last_rows_altered(void **st)
{
    state *s = *st;
    ensure_seeded(s);
    char t[24];
    snprintf(t, sizeof t, "%lld", s->tenant_a);
    const char *pt[] = {t};
    long long last = scalar_int(s->d, "SELECT MAX(seq) FROM audit_log WHERE tenant_id = $1", 1, pt);
    long long seqs[] = {1, last};
    for (int i = 0; i < 2; i++) {
        long long id = row_id(s->d, s->tenant_a, seqs[i]);
        char idtext[24];
        snprintf(idtext, sizeof idtext, "%lld", id);
        const char *p[] = {idtext};
        assert_int_equal(db_begin(s->d), DB_OK);
        exec_ok(s->d, "UPDATE audit_log SET summary = 'x' WHERE id = $1", 1, p);
        char *text = NULL;
        int rc = verify(s->d, &text);
        assert_int_equal(db_rollback(s->d), DB_OK);
        assert_int_equal(rc, 1);
        assert_true(names_row(text, id));
        free(text);
    }
}

static void test_deleted_row_is_found(void **st)
{
    state *s = *st;
    ensure_seeded(s);
    /* a row in the middle, and the first row */
    long long seqs[] = {9, 1};
    for (int i = 0; i < 2; i++) {
        long long gone = row_id(s->d, s->tenant_a, seqs[i]);
        long long next = row_id(s->d, s->tenant_a, seqs[i] + 1);
        char idtext[24];
        snprintf(idtext, sizeof idtext, "%lld", gone);
        const char *p[] = {idtext};
        assert_int_equal(db_begin(s->d), DB_OK);
        exec_ok(s->d, "DELETE FROM audit_log WHERE id = $1", 1, p);
        char *text = NULL;
        int rc = verify(s->d, &text);
        assert_int_equal(db_rollback(s->d), DB_OK);
        if (rc != 1) fail_msg("deleting seq %lld: audit_verify returned %d: %s", seqs[i], rc, text);
        /* named: where the chain breaks, and which seq is missing */
        char missing[48];
        snprintf(missing, sizeof missing, "row seq %lld ", seqs[i]);
        if (!strstr(text, missing) || !names_row(text, next))
            fail_msg("deleting seq %lld (id %lld): not named in: %s", seqs[i], gone, text);
        assert_true(names_tenant(text, s->tenant_a));
        free(text);
    }
    /* two rows swapped in place (their seq exchanged) */
    long long a = row_id(s->d, s->tenant_a, 4), b = row_id(s->d, s->tenant_a, 5);
    char at[24], bt[24];
    snprintf(at, sizeof at, "%lld", a);
    snprintf(bt, sizeof bt, "%lld", b);
    const char *pa[] = {at}, *pb[] = {bt};
    assert_int_equal(db_begin(s->d), DB_OK);
    exec_ok(s->d, "UPDATE audit_log SET seq = -1 WHERE id = $1", 1, pa);
    exec_ok(s->d, "UPDATE audit_log SET seq = 4 WHERE id = $1", 1, pb);
    exec_ok(s->d, "UPDATE audit_log SET seq = 5 WHERE id = $1", 1, pa);
    char *text = NULL;
    int rc = verify(s->d, &text);
    assert_int_equal(db_rollback(s->d), DB_OK);
    assert_int_equal(rc, 1);
    assert_true(names_row(text, b));
    free(text);
    assert_intact(s->d);
}

static void test_tenants_are_separate_chains(void **st)
{
    state *s = *st;
    ensure_seeded(s);
    long long in_a = row_id(s->d, s->tenant_a, 3), in_b = row_id(s->d, s->tenant_b, 3);
    char at[24], bt[24];
    snprintf(at, sizeof at, "%lld", in_a);
    snprintf(bt, sizeof bt, "%lld", in_b);
    const char *pa[] = {at}, *pb[] = {bt};
    const char *sql = "UPDATE audit_log SET summary = 'förfalskad' WHERE id = $1";
    char *text = NULL;

    /* tampering with A reports A only */
    assert_int_equal(db_begin(s->d), DB_OK);
    exec_ok(s->d, sql, 1, pa);
    int rc = verify(s->d, &text);
    assert_int_equal(db_rollback(s->d), DB_OK);
    assert_int_equal(rc, 1);
    assert_true(names_tenant(text, s->tenant_a));
    assert_false(names_tenant(text, s->tenant_b));
    assert_true(names_row(text, in_a));
    free(text);

    /* tampering with B reports B only */
    assert_int_equal(db_begin(s->d), DB_OK);
    exec_ok(s->d, sql, 1, pb);
    rc = verify(s->d, &text);
    assert_int_equal(db_rollback(s->d), DB_OK);
    assert_int_equal(rc, 1);
    assert_true(names_tenant(text, s->tenant_b));
    assert_false(names_tenant(text, s->tenant_a));
    assert_true(names_row(text, in_b));
    free(text);

    /* both: two problems, one per chain */
    assert_int_equal(db_begin(s->d), DB_OK);
    exec_ok(s->d, sql, 1, pa);
    exec_ok(s->d, sql, 1, pb);
    rc = verify(s->d, &text);
    assert_int_equal(db_rollback(s->d), DB_OK);
    assert_int_equal(rc, 2);
    assert_true(names_row(text, in_a) && names_row(text, in_b));
    free(text);

    /* a row moved from A's chain into B's breaks A where it was taken out */
    char tb[24];
    snprintf(tb, sizeof tb, "%lld", s->tenant_b);
    const char *ptb[] = {tb};
    long long last_b =
        scalar_int(s->d, "SELECT MAX(seq) FROM audit_log WHERE tenant_id = $1", 1, ptb);
    long long moved = row_id(s->d, s->tenant_a, 6), after = row_id(s->d, s->tenant_a, 7);
    char mt[24], sq[24];
    snprintf(mt, sizeof mt, "%lld", moved);
    snprintf(sq, sizeof sq, "%lld", last_b + 1);
    const char *pm[] = {mt, tb, sq};
    assert_int_equal(db_begin(s->d), DB_OK);
    exec_ok(s->d, "UPDATE audit_log SET tenant_id = $2, seq = $3 WHERE id = $1", 3, pm);
    rc = verify(s->d, &text);
    assert_int_equal(db_rollback(s->d), DB_OK);
    assert_int_equal(rc, 2); /* a gap in A, a foreign row at the end of B */
    assert_true(names_row(text, after));
    assert_true(names_row(text, moved));
    free(text);
    assert_intact(s->d);
}

/* A chain longer than audit_verify's page of 1000 rows: the link across pages holds,
 * and damage on the second page is found. */
static void test_long_chain_across_pages(void **st)
{
    state *s = *st;
    ensure_seeded(s);
    const long long tenant = 999;
    const audit_actor who = {42, "ciso@exempelkommun.se", "192.0.2.1"};
    arena a;
    arena_init(&a, 0);
    assert_int_equal(db_begin(s->d), DB_OK);
    for (int i = 1; i <= 1003; i++) {
        arena_free(&a);
        arena_init(&a, 0);
        char id[16], summary[64];
        snprintf(id, sizeof id, "%d", i);
        snprintf(summary, sizeof summary, "Enhet %d – ändrad", i);
        if (audit_write(s->d, &a, &who, tenant, "update", "units", id, summary,
                        i % 2 ? "{\"name\":[\"gammal\",\"ny\"]}" : NULL) != DB_OK)
            fail_msg("audit_write %d: %s", i, db_error(s->d));
    }
    char *text = NULL;
    int rc = verify(s->d, &text);
    if (rc != 0) {
        db_rollback(s->d);
        fail_msg("a long chain does not verify: %s", text);
    }
    assert_non_null(strstr(text, "3 chains"));
    free(text);

    /* damage on the second page */
    long long id1002 = row_id(s->d, tenant, 1002);
    char t[24];
    snprintf(t, sizeof t, "%lld", id1002);
    const char *p[] = {t};
    exec_ok(s->d, "UPDATE audit_log SET summary = 'x' WHERE id = $1", 1, p);
    rc = verify(s->d, &text);
    assert_int_equal(rc, 1);
    assert_true(names_row(text, id1002));
    assert_true(names_tenant(text, tenant));
    free(text);

    /* the last row of the first page removed: found at the first row of the second */
    long long id1000 = row_id(s->d, tenant, 1000), id1001 = row_id(s->d, tenant, 1001);
    snprintf(t, sizeof t, "%lld", id1000);
    exec_ok(s->d, "DELETE FROM audit_log WHERE id = $1", 1, p);
    rc = verify(s->d, &text);
    assert_int_equal(db_rollback(s->d), DB_OK);
    assert_int_equal(rc, 1);
    assert_true(names_row(text, id1001));
    assert_non_null(strstr(text, "row seq 1000 "));
    free(text);
    arena_free(&a);
    assert_intact(s->d);
}

/* Writers on several connections at once (each change in its own transaction, as the
 * server does): the chain stays one unbroken sequence. batch > 0: each transaction is a
 * batch of that many reads committed with its last statement (a page's reads). */
typedef struct writer_arg {
    db_pool *pool;
    int n, failures;
    long long tenant;
    int batch;
} writer_arg;

static int write_batch(db *d, arena *a, long long tenant, int n)
{
    const audit_actor who = {7, "admin@exempelkommun.se", "198.51.100.7"};
    audit_entry e[8];
    for (int i = 0; i < n && i < 8; i++)
        e[i] = (audit_entry){"read", "incidents", "4", "list: 4, 9", NULL};
    int rc = db_begin(d);
    if (rc == DB_OK) rc = audit_write_entries(d, a, &who, tenant, e, n, true);
    if (rc != DB_OK) db_rollback(d);
    return rc;
}

static void *write_many(void *x)
{
    writer_arg *w = x;
    const audit_actor who = {7, "admin@exempelkommun.se", "198.51.100.7"};
    for (int i = 0; i < w->n; i++) {
        db *d = db_pool_get(w->pool);
        arena a;
        arena_init(&a, 0);
        int rc = DB_OK;
        if (w->batch) {
            rc = write_batch(d, &a, w->tenant, w->batch);
        } else {
            rc = db_begin(d);
            if (rc == DB_OK)
                rc = audit_write(d, &a, &who, w->tenant, "update", "people", "1",
                                 "Samtidig ändring", NULL);
            if (rc == DB_OK)
                rc = db_commit(d);
            else
                db_rollback(d);
        }
        arena_free(&a);
        db_pool_put(w->pool, d);
        w->failures += rc != DB_OK;
    }
    return NULL;
}

static void test_concurrent_writers_keep_one_chain(void **st)
{
    state *s = *st;
    ensure_seeded(s);
    enum { THREADS = 4, EACH = 15 };
    db_pool *pool = NULL;
    char err[512];
    if (db_pool_open(s->url, THREADS, &pool, err, sizeof err) != DB_OK)
        fail_msg("db_pool_open: %s", err);
    db_pool_set_audit_signer(pool, &s->key);
    writer_arg w[THREADS];
    pthread_t t[THREADS];
    for (int i = 0; i < THREADS; i++) {
        w[i] = (writer_arg){pool, EACH, 0, 555, i % 2 ? 3 : 0}; /* half write batches of 3 */
        assert_int_equal(pthread_create(&t[i], NULL, write_many, &w[i]), 0);
    }
    int failures = 0;
    for (int i = 0; i < THREADS; i++) {
        pthread_join(t[i], NULL);
        failures += w[i].failures;
    }
    db_pool_close(pool);
    assert_int_equal(failures, 0);
    enum { ROWS = THREADS / 2 * EACH + THREADS / 2 * EACH * 3 };
    assert_int_equal(
        scalar_int(s->d, "SELECT COUNT(*) FROM audit_log WHERE tenant_id = 555", 0, NULL), ROWS);
    assert_int_equal(
        scalar_int(s->d, "SELECT MAX(seq) FROM audit_log WHERE tenant_id = 555", 0, NULL), ROWS);
    assert_int_equal(scalar_int(s->d, "SELECT seq FROM audit_head WHERE tenant_id = 555", 0, NULL),
                     ROWS);
    assert_intact(s->d);
    /* tidy up: the chain and its head */
    assert_int_equal(db_exec(s->d, "DELETE FROM audit_log WHERE tenant_id = 555", 0, NULL, NULL),
                     DB_OK);
    assert_int_equal(db_exec(s->d, "DELETE FROM audit_head WHERE tenant_id = 555", 0, NULL, NULL),
                     DB_OK);
}

/* Runs sql (with the tenant as $1) in a transaction, verifies, rolls back; returns what
 * verify printed and asserts it failed naming the tenant. */
static void assert_found(state *s, long long tenant, const char *const *sqls, int n,
                         const char *expect)
{
    char t[24];
    snprintf(t, sizeof t, "%lld", tenant);
    const char *p[] = {t};
    assert_int_equal(db_begin(s->d), DB_OK);
    for (int i = 0; i < n; i++)
        exec_ok(s->d, sqls[i], 1, p);
    char *text = NULL;
    int rc = verify(s->d, &text);
    assert_int_equal(db_rollback(s->d), DB_OK);
    if (rc < 1) fail_msg("not found (%d): %s", rc, text);
    if (!names_tenant(text, tenant)) fail_msg("tenant %lld not named: %s", tenant, text);
    if (expect && !strstr(text, expect)) fail_msg("expected \"%s\" in: %s", expect, text);
    free(text);
}

/* A page's reads of several records are one batch: rows in order after the chain's end,
 * one head, committed with the last statement; more rows than one statement takes go
 * on in the next. On PostgreSQL the batch costs two round trips (BEGIN with the head's
 * read; the rows, the head and COMMIT), whatever its size below a statement's. A batch
 * that fails leaves its transaction open to roll back, and nothing of it behind. */
static void test_batch_is_one_stretch_of_the_chain(void **st)
{
    state *s = *st;
    ensure_seeded(s);
    const audit_actor who = {7, "admin@exempelkommun.se", "198.51.100.7"};
    arena a;
    arena_init(&a, 0);
    enum { MANY = 150 };
    audit_entry e[MANY];
    for (int i = 0; i < MANY; i++)
        e[i] = (audit_entry){i == 5 ? "update" : "read", "risks", arena_printf(&a, "%d", i + 1),
                             "Riskregistret", NULL};
    const char *t[] = {"556"};
    /* the first batch begins the chain (no head yet) */
    assert_int_equal(db_begin(s->d), DB_OK);
    assert_int_equal(audit_write_entries(s->d, &a, &who, 556, e, 3, true), DB_OK);
    long before = db_statements(s->d);
    assert_int_equal(db_begin(s->d), DB_OK);
    assert_int_equal(audit_write_entries(s->d, &a, &who, 556, e + 3, 4, true), DB_OK);
    if (db_kind_of(s->d) == DB_PG) assert_int_equal(db_statements(s->d) - before, 2);
    assert_int_equal(scalar_int(s->d, "SELECT MAX(seq) FROM audit_log WHERE tenant_id = $1", 1, t),
                     7);
    assert_int_equal(scalar_int(s->d, "SELECT seq FROM audit_head WHERE tenant_id = $1", 1, t), 7);
    /* in the given order: entity id k at seq k */
    assert_int_equal(scalar_int(s->d,
                                "SELECT COUNT(*) FROM audit_log WHERE tenant_id = $1 AND "
                                "entity_id = CAST(seq AS TEXT)",
                                1, t),
                     7);
    /* the batch held a change (entry 6): the tenant's write generation went up once */
    assert_int_equal(scalar_int(s->d, "SELECT n FROM write_generation WHERE tenant_id = $1", 1, t),
                     1);
    /* more than one statement's rows */
    assert_int_equal(db_begin(s->d), DB_OK);
    assert_int_equal(audit_write_entries(s->d, &a, &who, 556, e + 7, MANY - 7, true), DB_OK);
    assert_int_equal(scalar_int(s->d, "SELECT COUNT(*) FROM audit_log WHERE tenant_id = $1", 1, t),
                     MANY);
    assert_int_equal(scalar_int(s->d, "SELECT seq FROM audit_head WHERE tenant_id = $1", 1, t),
                     MANY);
    assert_intact(s->d);
    /* a failing batch (an entry without an action: NOT NULL) commits nothing */
    audit_entry bad[2] = {e[0], e[1]};
    bad[1].action = NULL;
    bad[0].action = "read";
    assert_int_equal(db_begin(s->d), DB_OK);
    assert_true(audit_write_entries(s->d, &a, &who, 556, bad, 2, true) != DB_OK);
    db_rollback(s->d);
    assert_int_equal(scalar_int(s->d, "SELECT COUNT(*) FROM audit_log WHERE tenant_id = $1", 1, t),
                     MANY);
    assert_int_equal(scalar_int(s->d, "SELECT seq FROM audit_head WHERE tenant_id = $1", 1, t),
                     MANY);
    assert_intact(s->d);
    arena_free(&a);
    assert_int_equal(db_exec(s->d, "DELETE FROM audit_log WHERE tenant_id = 556", 0, NULL, NULL),
                     DB_OK);
    assert_int_equal(db_exec(s->d, "DELETE FROM audit_head WHERE tenant_id = 556", 0, NULL, NULL),
                     DB_OK);
}

/* Issue 15 §14: the newest rows of a tenant removed leave a shorter chain that links
 * perfectly; the signed head still says where it ended. */
static void test_newest_rows_removed_are_found(void **st)
{
    state *s = *st;
    ensure_seeded(s);
    const char *one[] = {"DELETE FROM audit_log WHERE tenant_id = $1 AND seq = (SELECT MAX(seq) "
                         "FROM audit_log WHERE tenant_id = $1)"};
    assert_found(s, s->tenant_a, one, 1, "newest rows were removed");
    const char *three[] = {"DELETE FROM audit_log WHERE tenant_id = $1 AND seq > (SELECT MAX(seq) "
                           "- 3 FROM audit_log WHERE tenant_id = $1)"};
    assert_found(s, s->tenant_b, three, 1, "newest rows were removed");
    assert_intact(s->d);
}

/* A tenant's whole chain removed: with its head, or leaving the head behind. */
static void test_whole_chain_removed_is_found(void **st)
{
    state *s = *st;
    ensure_seeded(s);
    const char *both[] = {"DELETE FROM audit_log WHERE tenant_id = $1",
                          "DELETE FROM audit_head WHERE tenant_id = $1"};
    assert_found(s, s->tenant_b, both, 2, "whole chain was deleted");
    const char *rows[] = {"DELETE FROM audit_log WHERE tenant_id = $1"};
    assert_found(s, s->tenant_b, rows, 1, "signed head says");
    const char *head[] = {"DELETE FROM audit_head WHERE tenant_id = $1"};
    assert_found(s, s->tenant_a, head, 1, "no signed head");
    /* a head moved back to an earlier row, its seq and hash copied from that row */
    const char *back[] = {"UPDATE audit_head SET seq = seq - 1, hash = (SELECT l.hash FROM "
                          "audit_log l WHERE l.tenant_id = $1 AND l.seq = audit_head.seq - 1) "
                          "WHERE tenant_id = $1"};
    assert_found(s, s->tenant_a, back, 1, "head was altered");
    assert_intact(s->d);
}

static void hex_sha256_chain_row(db *d, arena *a, const char *id, const char *prev, char out[65])
{
    const char *p[] = {id};
    db_res *res = NULL;
    if (db_query(d, a,
                 "SELECT tenant_id, seq, at, actor_id, actor, ip, action, entity, entity_id, "
                 "summary, diff FROM audit_log WHERE id = $1",
                 1, p, &res) != DB_OK ||
        res->nrows != 1)
        fail_msg("row %s: %s", id, db_error(d));
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    fputs(prev, f);
    for (int i = 0; i < 11; i++) {
        fputc('\x1f', f);
        fputs(db_cell(res, 0, i) ? db_cell(res, 0, i) : "\x1e", f);
    }
    fclose(f);
    unsigned char h[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(h, (const unsigned char *)buf, len);
    sodium_bin2hex(out, 65, h, sizeof h);
    free(buf);
}

/* Rewrites a tenant's chain from its first row with plain SHA-256 links, as someone with
 * the database but not the key would after editing a row. */
static void rechain_plain(state *s, long long tenant)
{
    char t[24];
    snprintf(t, sizeof t, "%lld", tenant);
    const char *p[] = {t};
    arena a;
    arena_init(&a, 0);
    db_res *ids = NULL;
    assert_int_equal(db_query(s->d, &a,
                              "SELECT id FROM audit_log WHERE tenant_id = $1 ORDER BY seq", 1, p,
                              &ids),
                     DB_OK);
    char prev[65] = "";
    for (int i = 0; i < ids->nrows; i++) {
        char h[65];
        hex_sha256_chain_row(s->d, &a, db_cell(ids, i, 0), prev, h);
        const char *u[] = {prev, h, db_cell(ids, i, 0)};
        exec_ok(s->d, "UPDATE audit_log SET prev_hash = $1, hash = $2 WHERE id = $3", 3, u);
        snprintf(prev, sizeof prev, "%s", h);
    }
    const char *hp[] = {prev, t};
    /* the head too, where there still is one */
    assert_int_equal(
        db_exec(s->d, "UPDATE audit_head SET hash = $1 WHERE tenant_id = $2", 2, hp, NULL), DB_OK);
    arena_free(&a);
}

/* A row rewritten and every hash after it recomputed (without the key) is found. */
static void test_rewritten_with_recomputed_hashes_is_found(void **st)
{
    state *s = *st;
    ensure_seeded(s);
    char t[24];
    snprintf(t, sizeof t, "%lld", s->tenant_a);
    const char *p[] = {t};
    assert_int_equal(db_begin(s->d), DB_OK);
    exec_ok(s->d, "UPDATE audit_log SET summary = 'omskriven' WHERE tenant_id = $1 AND seq = 5", 1,
            p);
    rechain_plain(s, s->tenant_a);
    char *text = NULL;
    int rc = verify(s->d, &text);
    assert_int_equal(db_rollback(s->d), DB_OK);
    if (rc < 1 || !names_tenant(text, s->tenant_a)) fail_msg("not found: %s", text);
    free(text);
    assert_intact(s->d);
}

/* A database from before keys: plain SHA-256 chains and no heads. Writing refuses until
 * `lis audit rekey` signs it; rekey refuses a tampered chain and changes nothing. */
static void test_rekey_signs_an_old_log_once(void **st)
{
    state *s = *st;
    ensure_seeded(s);
    assert_int_equal(db_begin(s->d), DB_OK);
    rechain_plain(s, s->tenant_a);
    rechain_plain(s, s->tenant_b);
    exec_ok(s->d, "DELETE FROM audit_head WHERE tenant_id > $1", 1, (const char *[]){"0"});
    assert_int_equal(db_commit(s->d), DB_OK);
    assert_true(audit_unkeyed_chains(s->d) >= 2);
    /* a write now refuses rather than continue a chain it cannot vouch for */
    arena a;
    arena_init(&a, 0);
    const audit_actor who = {1, "admin@exempelkommun.se", "192.0.2.9"};
    assert_int_equal(db_begin(s->d), DB_OK);
    assert_int_equal(audit_write(s->d, &a, &who, s->tenant_a, "update", "units", "1", "x", NULL),
                     DB_ERROR);
    assert_non_null(strstr(db_error(s->d), "rekey"));
    db_rollback(s->d);
    /* a tampered old chain is not signed */
    char t[24];
    snprintf(t, sizeof t, "%lld", s->tenant_b);
    const char *p[] = {t};
    exec_ok(s->d, "UPDATE audit_log SET summary = 'efteråt' WHERE tenant_id = $1 AND seq = 2", 1,
            p);
    FILE *devnull = fopen("/dev/null", "w");
    assert_true(audit_rekey(s->d, devnull) > 0);
    assert_true(audit_unkeyed_chains(s->d) >= 2);
    /* put back, as it was: then rekey signs it and it verifies */
    assert_int_equal(db_begin(s->d), DB_OK);
    exec_ok(s->d, "UPDATE audit_log SET summary = 'Grannkommun' WHERE tenant_id = $1 AND seq = 2",
            1, p);
    rechain_plain(s, s->tenant_b);
    assert_int_equal(db_commit(s->d), DB_OK);
    assert_int_equal(audit_rekey(s->d, devnull), 0);
    fclose(devnull);
    assert_int_equal(audit_unkeyed_chains(s->d), 0);
    assert_intact(s->d);
    assert_int_equal(db_begin(s->d), DB_OK);
    assert_int_equal(audit_write(s->d, &a, &who, s->tenant_a, "update", "units", "1", "x", NULL),
                     DB_OK);
    assert_int_equal(db_commit(s->d), DB_OK);
    arena_free(&a);
    assert_intact(s->d);
}

/* The syslog copy: one RFC 5424 line per new head, received over UDP. */
static void test_head_goes_to_syslog(void **st)
{
    state *s = *st;
    ensure_seeded(s);
    char line[768];
    size_t n = audit_syslog_line("web 1", 42, "2026-12-03T10:00:00Z", 7, 12, "ab12", "cd34", line,
                                 sizeof line);
    assert_string_equal(line, "<110>1 2026-12-03T10:00:00Z web1 lis 42 audit-head [lis-head@32473 "
                              "tenant=\"7\" seq=\"12\" hash=\"ab12\" mac=\"cd34\"] audit chain "
                              "head of tenant 7 is seq 12");
    assert_int_equal(n, strlen(line));
    /* a listener on a free port of the loopback */
    int rx = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in addr = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    assert_int_equal(bind(rx, (struct sockaddr *)&addr, sizeof addr), 0);
    socklen_t alen = sizeof addr;
    assert_int_equal(getsockname(rx, (struct sockaddr *)&addr, &alen), 0);
    char spec[64];
    snprintf(spec, sizeof spec, "udp:127.0.0.1:%d", ntohs(addr.sin_port));
    int type = 0;
    s->key.syslog_fd = -1;
    assert_true(audit_syslog_target(&s->key, spec, &type));
    assert_false(audit_syslog_target(&s->key, "udp:127.0.0.1", &type));
    assert_false(audit_syslog_target(&s->key, "tcp:127.0.0.1", &type));
    assert_false(audit_syslog_target(&s->key, "ssl:127.0.0.1:6514", &type));
    assert_true(audit_syslog_target(&s->key, "tcp:127.0.0.1:514", &type));
    assert_int_equal(type, SOCK_STREAM);
    assert_false(s->key.syslog_tls);
    /* syslog over TLS (RFC 5425): a stream, its host kept for the certificate check */
    assert_false(audit_syslog_target(&s->key, "tls:localhost", &type));
    assert_false(audit_syslog_target(&s->key, "tls:localhost:", &type));
    assert_false(audit_syslog_target(&s->key, "tls::6514", &type));
    assert_false(audit_syslog_target(&s->key, "tls:localhost:70000", &type));
    type = 0;
    assert_true(audit_syslog_target(&s->key, "tls:localhost:6514", &type));
    assert_int_equal(type, SOCK_STREAM);
    assert_true(s->key.syslog_tls);
    assert_string_equal(s->key.syslog_host, "localhost");
    assert_true(audit_syslog_target(&s->key, "tls:[::1]:6514", &type));
    assert_true(s->key.syslog_tls);
    assert_string_equal(s->key.syslog_host, "::1");
    assert_true(audit_syslog_target(&s->key, spec, &type));
    assert_int_equal(type, SOCK_DGRAM);
    assert_false(s->key.syslog_tls);
    s->key.syslog_fd = socket(AF_INET, type, 0);
    s->key.syslog_type = type;
    snprintf(s->key.hostname, sizeof s->key.hostname, "testhost");
    arena a;
    arena_init(&a, 0);
    const audit_actor who = {1, "admin@exempelkommun.se", "192.0.2.9"};
    assert_int_equal(db_begin(s->d), DB_OK);
    assert_int_equal(audit_write(s->d, &a, &who, s->tenant_a, "update", "units", "1",
                                 "secret summary", "{\"name\":[\"a\",\"secret diff\"]}"),
                     DB_OK);
    assert_int_equal(db_commit(s->d), DB_OK);
    /* first the row (who, what, which; never its summary or diff), then the head */
    char got[1200] = "";
    ssize_t r = recv(rx, got, sizeof got - 1, 0);
    assert_true(r > 0);
    got[r] = 0;
    if (strncmp(got, "<109>1 ", 7) != 0 || !strstr(got, " audit [lis-audit@32473 ") ||
        !strstr(got, "actor=\"admin@exempelkommun.se\" action=\"update\" kind=\"units\" "
                     "id=\"1\"") ||
        strstr(got, "secret"))
        fail_msg("syslog row line: %s", got);
    r = recv(rx, got, sizeof got - 1, 0);
    assert_true(r > 0);
    got[r] = 0;
    char t[24];
    snprintf(t, sizeof t, "%lld", s->tenant_a);
    const char *p[] = {t};
    long long seq = scalar_int(s->d, "SELECT seq FROM audit_head WHERE tenant_id = $1", 1, p);
    char expect[64];
    snprintf(expect, sizeof expect, "tenant=\"%lld\" seq=\"%lld\"", s->tenant_a, seq);
    if (!strstr(got, expect) || strncmp(got, "<110>1 ", 7) != 0 || !strstr(got, " testhost lis "))
        fail_msg("syslog line: %s", got);
    close(s->key.syslog_fd);
    s->key.syslog_fd = -1;
    s->key.syslog_type = 0;
    close(rx);
    arena_free(&a);
}

/* Structured-data values: escaped as RFC 5424 §6.3.3 asks, control bytes dropped, cut at
 * 200 bytes of input without splitting a character. */
static void test_syslog_values_and_lines(void **st)
{
    (void)st;
    static const struct {
        const char *in, *want;
    } cases[] = {
        {"ciso@exempelkommun.se", "ciso@exempelkommun.se"},
        {NULL, "-"},
        {"a\"b", "a\\\"b"},
        {"x]y\\z", "x\\]y\\\\z"},
        {"rad\nbrytning\ttab", "radbrytningtab"},
        {"Åsa Öberg", "Åsa Öberg"},
    };
    char out[620];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        audit_sd_value(cases[i].in, out, sizeof out);
        if (strcmp(out, cases[i].want) != 0)
            fail_msg("case %zu: got [%s], want [%s]", i, out, cases[i].want);
    }
    char longer[400];
    memset(longer, 'a', 199);
    memcpy(longer + 199, "ö", 3); /* a two-byte character across the limit */
    audit_sd_value(longer, out, sizeof out);
    assert_int_equal(strlen(out), 199);

    char line[1100];
    audit_syslog_entry_line("web 1", 42, "2026-12-04T10:00:00Z", 3, "a@b.se", "read", "incidents",
                            "12 13", 77, line, sizeof line);
    assert_string_equal(line, "<109>1 2026-12-04T10:00:00Z web1 lis 42 audit [lis-audit@32473 "
                              "tenant=\"3\" actor=\"a@b.se\" action=\"read\" kind=\"incidents\" "
                              "id=\"12 13\" seq=\"77\"] read incidents");
    audit_syslog_event_line("h", 1, "2026-12-04T10:00:00Z", 0, NULL, "throttled", 429, "POST",
                            "/login", "192.0.2.1", line, sizeof line);
    assert_string_equal(line, "<108>1 2026-12-04T10:00:00Z h lis 1 throttled "
                              "[lis-security@32473 tenant=\"0\" actor=\"-\" event=\"throttled\" "
                              "status=\"429\" method=\"POST\" path=\"/login\" "
                              "ip=\"192.0.2.1\"] throttled 429");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty_log_verifies),
        cmocka_unit_test(test_demo_chain_verifies),
        cmocka_unit_test(test_altered_row_is_named),
        cmocka_unit_test(test_first_and_last_rows_altered),
        cmocka_unit_test(test_deleted_row_is_found),
        cmocka_unit_test(test_tenants_are_separate_chains),
        cmocka_unit_test(test_long_chain_across_pages),
        cmocka_unit_test(test_concurrent_writers_keep_one_chain),
        cmocka_unit_test(test_batch_is_one_stretch_of_the_chain),
        cmocka_unit_test(test_newest_rows_removed_are_found),
        cmocka_unit_test(test_whole_chain_removed_is_found),
        cmocka_unit_test(test_rewritten_with_recomputed_hashes_is_found),
        cmocka_unit_test(test_rekey_signs_an_old_log_once),
        cmocka_unit_test(test_head_goes_to_syslog),
        cmocka_unit_test(test_syslog_values_and_lines),
    };
    return cmocka_run_group_tests_name("audit", tests, group_setup, group_teardown);
}
