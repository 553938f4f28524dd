/* Unit tests of the engine (src/entity/) on both engines: LIS_TEST_DB is a SQLite path or
 * a postgresql:// URL of a fresh database (scripts/check.sh runs this file on both).
 * The descriptors checked against the schema the migrations made; the list SQL builder
 * (filters, search, sort, keyset paging both ways) and the generic validation over a
 * test kind with its own table; typed field access; the per-request memo and tenant
 * parameter; and a person's deactivation rolled back when their sessions cannot end. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "../../src/audit/key.h"
#include "../../src/core/util.h"
#include "../../src/db/migrate.h"
#include "../../src/entity/check.h"
#include "../../src/entity/sql_builder.h"
#include "../../src/entity/system_req.h"
#include "../../src/org/org.h"
#include "../../src/org/seed.h"

/* ---- the database: migrated, with two tenants ------------------------------------ */

typedef struct state {
    db *d;
    const char *url;
    char sqlite_default[256];
    int64_t tenant, other_tenant, root, unit_a, unit_b, other_unit;
    int64_t admin_person, admin_account, plain_person;
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

static void exec_ok(db *d, const char *sql)
{
    if (db_exec(d, sql, 0, NULL, NULL) != DB_OK) fail_msg("%s: %s", sql, db_error(d));
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

static int group_setup(void **st)
{
    static state s;
    if (sodium_init() < 0) return -1;
    const char *u = getenv("LIS_TEST_DB");
    if (u && *u) {
        s.url = u;
    } else {
        snprintf(s.sqlite_default, sizeof s.sqlite_default, "/tmp/lis-test-engine-%ld.sqlite",
                 (long)getpid());
        s.url = s.sqlite_default;
    }
    if (!is_pg_url(s.url)) remove_sqlite_files(s.url);
    char err[512];
    if (db_open(s.url, &s.d, err, sizeof err) != DB_OK) {
        fprintf(stderr, "cannot open %s: %s\n", s.url, err);
        return -1;
    }
    /* the audit chain is signed: a fixed test key, no syslog copy */
    static audit_signer signer = {.syslog_fd = -1};
    memset(signer.key, 0x5A, sizeof signer.key);
    db_set_audit_signer(s.d, &signer);
    FILE *devnull = fopen("/dev/null", "w");
    int rc = migrate_run(s.d, s.url, devnull);
    fclose(devnull);
    if (rc != DB_OK) return -1;
    arena a;
    arena_init(&a, 0);
    bool ok = db_begin(s.d) == DB_OK;
    ok = ok && (s.tenant = seed_tenant(s.d, &a, "ENG", "Motorkommun", "kommun")) != 0;
    ok = ok && (s.root = seed_unit(s.d, &a, s.tenant, 0, "Motorkommun", "organisation")) != 0;
    ok = ok && (s.unit_a = seed_unit(s.d, &a, s.tenant, s.root, "Förvaltning A", "forvaltning"));
    ok = ok && (s.unit_b = seed_unit(s.d, &a, s.tenant, s.root, "Förvaltning B", "forvaltning"));
    ok = ok && (s.admin_person = seed_person(s.d, &a, s.tenant, s.root, "Ada Admin",
                                             "ada@motor.example", NULL, NULL));
    ok = ok && seed_role(s.d, &a, s.tenant, s.admin_person, s.root, "tenant_admin");
    ok = ok && (s.plain_person = seed_person(s.d, &a, s.tenant, s.unit_a, "Per Plain",
                                             "per@motor.example", NULL, NULL));
    ok = ok && (s.other_tenant = seed_tenant(s.d, &a, "GRANN", "Grannkommun", "kommun")) != 0;
    ok = ok &&
         (s.other_unit = seed_unit(s.d, &a, s.other_tenant, 0, "Grannkommun", "organisation")) != 0;
    ok = ok && db_commit(s.d) == DB_OK;
    arena_free(&a);
    if (!ok) {
        fprintf(stderr, "seeding failed: %s\n", db_error(s.d));
        return -1;
    }
    s.admin_account = scalar_int(s.d,
                                 "SELECT account_id FROM person WHERE email = "
                                 "'ada@motor.example'",
                                 0, NULL);
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

/* A request of the tenant's administrator (held for the root unit). */
typedef struct request {
    arena a;
    auth who;
    role_grant grant;
    req r;
} request;

static req *request_open(request *q, state *s)
{
    memset(q, 0, sizeof *q);
    arena_init(&q->a, 0);
    q->grant =
        (role_grant){ROLE_TENANT_ADMIN, s->root, arena_printf(&q->a, "/%lld/", (long long)s->root)};
    q->who = (auth){.account_id = s->admin_account,
                    .email = "ada@motor.example",
                    .tenant_id = s->tenant,
                    .person_id = s->admin_person,
                    .grants = &q->grant,
                    .ngrants = 1};
    q->r = (req){.a = &q->a, .db = s->d, .auth = &q->who, .ip = "127.0.0.1"};
    return &q->r;
}

static void request_close(request *q)
{
    arena_free(&q->a);
}

/* ---- descriptors ---------------------------------------------------------------- */

static char *check_text(db *d, const entity *const *all, int *problems)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    assert_non_null(f);
    *problems = all ? entity_check_registry(d, all, f) : entity_check_descriptors(d, f);
    fclose(f);
    return text;
}

static void test_descriptors_agree_with_schema(void **st)
{
    state *s = *st;
    int problems = -1;
    char *text = check_text(s->d, NULL, &problems);
    if (problems != 0) fail_msg("%d problems:\n%s", problems, text);
    free(text);
}

/* a table of the test's own, with the columns a kind needs */
static void make_widget_table(db *d)
{
    exec_ok(d, "DROP TABLE IF EXISTS widget");
    if (db_exec_script(d, "CREATE TABLE widget (id @ID@, tenant_id BIGINT NOT NULL, "
                          "created_at TEXT NOT NULL, name TEXT NOT NULL, size BIGINT, kind TEXT, "
                          "unit_id BIGINT, note TEXT, due TEXT, retired_at TEXT)") != DB_OK)
        fail_msg("widget: %s", db_error(d));
}

static const enum_opt widget_kinds[] = {
    {"gear", TR_err_required}, {"cog", TR_err_required}, {NULL, 0}};

static const field widget_fields[] = {
    {"name", FT_TEXT, TR_err_required, F_LIST | F_FILTER | F_SORT | F_FORM | F_REQUIRED | F_SEARCH,
     .max_len = 20},
    {"size", FT_INT, TR_err_required, F_LIST | F_FILTER | F_SORT | F_FORM, .min = 1, .max = 10},
    {"kind", FT_ENUM, TR_err_required, F_LIST | F_FILTER | F_FORM, .options = widget_kinds},
    {"unit_id", FT_REF, TR_err_required, F_LIST | F_FILTER | F_FORM, .ref = "units"},
    {"note", FT_LONGTEXT, TR_err_required, F_FORM | F_SEARCH, .max_len = 200},
    {"due", FT_DATE, TR_err_required, F_LIST | F_FILTER | F_SORT | F_FORM},
};

static const entity widgets = {
    .name = "widgets",
    .table = "widget",
    .fields = widget_fields,
    .nfields = sizeof widget_fields / sizeof widget_fields[0],
    .title_sql = "t.name",
    .default_sort = "name",
    .read_action = ACT_READ,
    .write_action = ACT_ORG_WRITE,
    .unit_field = "unit_id",
    .retire_column = "retired_at",
    .can_create = true,
    .can_edit = true,
};

static void test_descriptor_check_names_each_problem(void **st)
{
    state *s = *st;
    make_widget_table(s->d);
    int problems = -1;
    const entity *good[] = {&widgets, NULL};
    char *text = check_text(s->d, good, &problems);
    if (problems != 0) fail_msg("the test kind itself: %s", text);
    free(text);

    static const enum_opt too_few_roles[] = {
        {"ciso", TR_err_required}, {"nobody", TR_err_required}, {NULL, 0}};
    static const field broken_fields[] = {
        {"name", FT_TEXT, TR_err_required, F_FORM | F_REQUIRED},
        {"colour", FT_TEXT, TR_err_required, F_FORM},                        /* no column */
        {"size", FT_INT, TR_err_required, F_FORM | F_REQUIRED},              /* takes NULL */
        {"unit_id", FT_REF, TR_err_required, F_FORM, .ref = "no_such_kind"}, /* no kind */
        {"role", FT_ENUM, TR_err_required, F_FORM, .options = too_few_roles},
    };
    static const entity broken = {
        .name = "broken",
        .table = "widget",
        .fields = broken_fields,
        .nfields = sizeof broken_fields / sizeof broken_fields[0],
        .title_sql = "t.name",
        .default_sort = "weight",
        .unit_field = "unit",
        .owner_field = "name",
        .draft_field = "state",
        .retire_column = "gone_at",
        .can_create = true,
    };
    static const entity no_table = {
        .name = "ghosts", .table = "ghost", .fields = broken_fields, .nfields = 1};
    const entity *bad[] = {&broken, &no_table, NULL};
    text = check_text(s->d, bad, &problems);
    const char *expected[] = {
        "broken: field colour is not a column of table widget",
        "broken: field size is required but column widget.size takes NULL",
        "broken: field unit_id refers to no_such_kind, which is no registered kind",
        "broken: field role is not a column of table widget",
        "broken: role nobody is not a role of perm.c",
        "broken: field role offers 2 roles",
        "broken: unit_field unit is not a reference to units",
        "broken: owner_field name is not a reference",
        "broken: draft_field state is not one of its fields with draft values",
        "broken: retire_column gone_at is not a column of widget",
        "broken: default_sort weight is not one of its fields",
        "ghosts: table ghost does not exist",
    };
    for (size_t i = 0; i < sizeof expected / sizeof expected[0]; i++)
        if (!strstr(text, expected[i])) fail_msg("missing \"%s\" in:\n%s", expected[i], text);
    assert_int_equal(problems, (int)(sizeof expected / sizeof expected[0]));
    free(text);
}

/* ---- typed field access ------------------------------------------------------------ */

static void test_record_get_and_set_by_name(void **st)
{
    state *s = *st;
    request q;
    req *r = request_open(&q, s);
    record *rec = record_new(r, &widgets);
    assert_null(record_get(rec, &widgets, "kind"));
    record_set(rec, &widgets, "kind", "cog");
    assert_string_equal(record_get(rec, &widgets, "kind"), "cog");
    assert_true(rec->present[entity_field(&widgets, "kind")]);
    assert_false(rec->present[entity_field(&widgets, "name")]);
    assert_int_equal(entity_field(&widgets, "due"), 5);
    request_close(&q);
}

/* Runs fn in a child and reports whether it aborted, with its stderr in err. */
static bool aborts(void (*fn)(void), char *err, size_t errlen)
{
    int pipefd[2];
    assert_int_equal(pipe(pipefd), 0);
    fflush(NULL);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        dup2(pipefd[1], 2);
        close(pipefd[0]);
        fn();
        _exit(0);
    }
    close(pipefd[1]);
    ssize_t n = read(pipefd[0], err, errlen - 1);
    err[n > 0 ? n : 0] = 0;
    close(pipefd[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT;
}

static void write_unknown_field(void)
{
    static const char *values[6];
    static bool present[6];
    record rec = {.values = values, .present = present};
    record_set(&rec, &widgets, "colour", "blå"); /* not a field: must never write [-1] */
}

static void read_unknown_field(void)
{
    static const char *values[6];
    record rec = {.values = values};
    (void)record_get(&rec, &widgets, "weight");
}

static void test_unknown_field_name_aborts_with_its_name(void **st)
{
    (void)st;
    char err[512];
    assert_true(aborts(write_unknown_field, err, sizeof err));
    assert_non_null(strstr(err, "widgets has no field colour"));
    assert_true(aborts(read_unknown_field, err, sizeof err));
    assert_non_null(strstr(err, "widgets has no field weight"));
}

/* ---- the request: tenant parameter and memo slots ---------------------------------- */

static void test_tenant_param_made_once_per_tenant(void **st)
{
    state *s = *st;
    request q;
    req *r = request_open(&q, s);
    const char *t = tenant_param(r);
    assert_int_equal(atoll(t), s->tenant);
    assert_ptr_equal(tenant_param(r), t); /* made once */
    q.who.tenant_id = s->other_tenant;    /* a job moving on to the next tenant */
    assert_int_equal(atoll(tenant_param(r)), s->other_tenant);
    request_close(&q);
}

static void test_memo_slots_belong_to_the_request(void **st)
{
    state *s = *st;
    static const char key_one = 0, key_two = 0;
    request q;
    req *r = request_open(&q, s);
    assert_null(req_memo_get(r, &key_one));
    char *v = arena_strdup(r->a, "ett");
    assert_true(req_memo_put(r, &key_one, v));
    assert_ptr_equal(req_memo_get(r, &key_one), v);
    assert_null(req_memo_get(r, &key_two));
    assert_true(req_memo_put(r, &key_one, NULL)); /* forgotten */
    assert_null(req_memo_get(r, &key_one));
    static const char keys[MAX_REQ_MEMO + 1];
    int kept = 0;
    for (int i = 0; i <= MAX_REQ_MEMO; i++)
        kept += req_memo_put(r, &keys[i], v);
    assert_int_equal(kept, MAX_REQ_MEMO - 1); /* key_one holds a slot */
    request_close(&q);
    /* a new request starts with nothing kept */
    r = request_open(&q, s);
    assert_null(req_memo_get(r, &keys[0]));
    request_close(&q);
}

/* ---- the SQL builder ---------------------------------------------------------------- */

static void test_sql_builder_refuses_too_many_params(void **st)
{
    state *s = *st;
    arena a;
    arena_init(&a, 0);
    sql_builder b;
    sql_builder_init(&b, &a, 0);
    buf_puts(&b.sql, "SELECT 1 WHERE 1 IN (");
    for (int i = 0; i <= SQL_MAX_PARAMS; i++)
        buf_printf(&b.sql, "%s%s", i ? ", " : "", sql_param(&b, "1"));
    buf_puts(&b.sql, ")");
    assert_true(sql_builder_failed(&b));
    db_res *res = NULL;
    assert_int_equal(sql_builder_query(s->d, &b, &res), DB_ERROR);
    assert_non_null(strstr(db_error(s->d), "too many parameters"));
    sql_builder_free(&b);
    /* within the limit it runs, values bound */
    sql_builder_init(&b, &a, 0);
    buf_printf(&b.sql, "SELECT %s", sql_param(&b, "hej"));
    assert_false(sql_builder_failed(&b));
    assert_int_equal(sql_builder_query(s->d, &b, &res), DB_OK);
    assert_string_equal(db_cell(res, 0, 0), "hej");
    sql_builder_free(&b);
    /* and a text past its cap is refused the same way */
    sql_builder_init(&b, &a, 32);
    buf_puts(&b.sql, "SELECT 'this is far longer than thirty-two bytes'");
    assert_int_equal(sql_builder_query(s->d, &b, &res), DB_ERROR);
    sql_builder_free(&b);
    arena_free(&a);
}

/* ---- lists: filters, search, sort, keyset paging ------------------------------------ */

typedef struct widget_row {
    const char *name, *size, *kind, *note, *due;
    bool in_b, retired;
} widget_row;

static const widget_row widget_rows[] = {
    {"Alfa", "3", "gear", "rostfri", "2026-01-10", false, false},
    {"Beta", "7", "cog", NULL, "2026-02-20", false, false},
    {"Gamma", NULL, "gear", "100% bomull", NULL, true, false},
    {"Delta", "3", NULL, "mässing", "2026-03-01", true, false},
    {"Epsilon", "9", "cog", NULL, "2026-01-31", false, false},
    {"Zeta", "1", "gear", NULL, "2025-12-24", false, false},
    {"Eta", "3", "cog", NULL, NULL, true, false},
    {"Theta", "5", "gear", NULL, "2026-06-30", false, true}, /* retired */
};
enum { NWIDGETS = sizeof widget_rows / sizeof widget_rows[0] };

static void fill_widgets(state *s)
{
    make_widget_table(s->d);
    arena a;
    arena_init(&a, 0);
    for (int i = 0; i < NWIDGETS; i++) {
        const widget_row *w = &widget_rows[i];
        const char *p[] = {int_text(&a, s->tenant),
                           w->name,
                           w->size,
                           w->kind,
                           int_text(&a, w->in_b ? s->unit_b : s->unit_a),
                           w->note,
                           w->due,
                           w->retired ? "2026-01-01T00:00:00Z" : NULL};
        if (db_exec(s->d,
                    "INSERT INTO widget (tenant_id, created_at, name, size, kind, unit_id, note, "
                    "due, retired_at) VALUES ($1, '2026-01-01T00:00:00Z', $2, $3, $4, $5, $6, $7, "
                    "$8)",
                    8, p, NULL) != DB_OK)
            fail_msg("widget %s: %s", w->name, db_error(s->d));
    }
    /* another tenant's widget, which no list of this tenant may show */
    const char *o[] = {int_text(&a, s->other_tenant), int_text(&a, s->other_unit)};
    if (db_exec(s->d,
                "INSERT INTO widget (tenant_id, created_at, name, size, kind, unit_id) VALUES "
                "($1, '2026-01-01T00:00:00Z', 'Alfa granne', 3, 'gear', $2)",
                2, o, NULL) != DB_OK)
        fail_msg("%s", db_error(s->d));
    arena_free(&a);
}

/* The names a query lists, comma-separated, following every page to the end; pages
 * counts the pages. */
static const char *list_names(req *r, const char *const *params, int nparams, int *pages)
{
    buf names;
    buf_init(&names, 0);
    const char *after = NULL;
    *pages = 0;
    do {
        kv items[16];
        kvlist l = {items, 0};
        for (int i = 0; i < nparams; i++)
            items[l.n++] = (kv){params[2 * i], params[2 * i + 1]};
        if (after) items[l.n++] = (kv){"after", after};
        list_query q;
        list_query_from(r, &widgets, &l, &q);
        db_res *rows = NULL;
        const char *next = NULL;
        if (entity_list(r, &widgets, &q, &rows, &next) != DB_OK)
            fail_msg("entity_list: %s", db_error(r->db));
        for (int i = 0; i < rows->nrows; i++)
            buf_printf(&names, "%s%s", names.len ? "," : "",
                       db_cell(rows, i, entity_col(&widgets, 0)));
        after = next;
        ++*pages;
        assert_true(*pages < 20);
    } while (after);
    const char *out = arena_strdup(r->a, buf_str(&names));
    buf_free(&names);
    return out;
}

#define LIST(r, pages, ...)                                                                        \
    list_names(r, (const char *const[]){__VA_ARGS__},                                              \
               (int)(sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *) / 2),       \
               pages)

static void test_list_filters_search_and_sort(void **st)
{
    state *s = *st;
    fill_widgets(s);
    request q;
    req *r = request_open(&q, s);
    int pages;
    /* default order (name), retired and other tenants' rows left out */
    assert_string_equal(LIST(r, &pages, "sort", "name"), "Alfa,Beta,Delta,Epsilon,Eta,Gamma,Zeta");
    assert_string_equal(LIST(r, &pages, "sort", "name", "retired", "1"),
                        "Alfa,Beta,Delta,Epsilon,Eta,Gamma,Theta,Zeta");
    assert_string_equal(LIST(r, &pages, "sort", "name", "dir", "desc"),
                        "Zeta,Gamma,Eta,Epsilon,Delta,Beta,Alfa");
    /* equality on a choice and a number; a number filter that is no number is ignored */
    assert_string_equal(LIST(r, &pages, "kind", "gear"), "Alfa,Gamma,Zeta");
    assert_string_equal(LIST(r, &pages, "size", "3"), "Alfa,Delta,Eta");
    assert_string_equal(LIST(r, &pages, "size", "3 OR 1=1"),
                        "Alfa,Beta,Delta,Epsilon,Eta,Gamma,Zeta");
    /* every row but a choice, rows without one included */
    assert_string_equal(LIST(r, &pages, "kind_not", "gear"), "Beta,Delta,Epsilon,Eta");
    /* a text filter is a case-blind substring; LIKE's wildcards are plain characters */
    assert_string_equal(LIST(r, &pages, "name", "ET"), "Beta,Eta,Zeta");
    assert_string_equal(LIST(r, &pages, "q", "100%"), "Gamma");
    assert_string_equal(LIST(r, &pages, "q", "_"), "");
    /* search covers every F_SEARCH field */
    assert_string_equal(LIST(r, &pages, "q", "MÄSSING"), "Delta"); /* Swedish letters too */
    assert_string_equal(LIST(r, &pages, "q", "ssing"), "Delta");
    assert_string_equal(LIST(r, &pages, "q", "lf"), "Alfa");
    /* a date range, bounds included; a malformed bound is ignored */
    assert_string_equal(LIST(r, &pages, "due_from", "2026-01-10", "due_to", "2026-02-20"),
                        "Alfa,Beta,Epsilon");
    assert_string_equal(LIST(r, &pages, "due_from", "2026-13-01"),
                        "Alfa,Beta,Delta,Epsilon,Eta,Gamma,Zeta");
    /* a reference by id, by "Name (#id)", and a unit with its subtree */
    char id[32], titled[64], root[32];
    snprintf(id, sizeof id, "%lld", (long long)s->unit_b);
    snprintf(titled, sizeof titled, "Förvaltning B (#%lld)", (long long)s->unit_b);
    snprintf(root, sizeof root, "%lld", (long long)s->root);
    assert_string_equal(LIST(r, &pages, "unit_id", id), "Delta,Eta,Gamma");
    assert_string_equal(LIST(r, &pages, "unit_id", titled), "Delta,Eta,Gamma");
    assert_string_equal(LIST(r, &pages, "unit_id_within", root),
                        "Alfa,Beta,Delta,Epsilon,Eta,Gamma,Zeta");
    /* filters combine; a filter on a field that is no filter is ignored */
    assert_string_equal(LIST(r, &pages, "kind", "cog", "size", "3"), "Eta");
    assert_string_equal(LIST(r, &pages, "note", "rostfri"),
                        "Alfa,Beta,Delta,Epsilon,Eta,Gamma,Zeta");
    /* sorting by a column with NULLs: NULL first ascending (as 0), ties by id */
    assert_string_equal(LIST(r, &pages, "sort", "size"), "Gamma,Zeta,Alfa,Delta,Eta,Beta,Epsilon");
    assert_string_equal(LIST(r, &pages, "sort", "due"), "Gamma,Eta,Zeta,Alfa,Epsilon,Beta,Delta");
    request_close(&q);
}

static void test_keyset_paging_both_directions(void **st)
{
    state *s = *st;
    fill_widgets(s);
    request q;
    req *r = request_open(&q, s);
    int pages;
    /* pages of two give the same rows, in the same order, as one page of all */
    const char *sorts[] = {"name", "size", "due", "id"};
    const char *dirs[] = {"asc", "desc"};
    for (size_t i = 0; i < sizeof sorts / sizeof sorts[0]; i++)
        for (size_t k = 0; k < 2; k++) {
            const char *whole = LIST(r, &pages, "sort", sorts[i], "dir", dirs[k], "limit", "500");
            assert_int_equal(pages, 1);
            const char *paged = LIST(r, &pages, "sort", sorts[i], "dir", dirs[k], "limit", "2");
            if (strcmp(whole, paged) != 0)
                fail_msg("sort %s %s: paged %s, whole %s", sorts[i], dirs[k], paged, whole);
            assert_int_equal(pages, 4); /* 7 rows: 2+2+2+1 */
            /* and with a filter */
            whole = LIST(r, &pages, "sort", sorts[i], "dir", dirs[k], "kind_not", "cog");
            paged =
                LIST(r, &pages, "sort", sorts[i], "dir", dirs[k], "kind_not", "cog", "limit", "1");
            assert_string_equal(whole, paged);
        }
    assert_string_equal(LIST(r, &pages, "sort", "size", "dir", "desc", "limit", "3"),
                        "Epsilon,Beta,Eta,Delta,Alfa,Zeta,Gamma");
    /* a cursor that is not one is ignored, not an error */
    assert_string_equal(LIST(r, &pages, "sort", "name", "after", "x.y' OR 1=1"),
                        "Alfa,Beta,Delta,Epsilon,Eta,Gamma,Zeta");
    request_close(&q);
}

/* ---- validation ------------------------------------------------------------------- */

/* Creates a widget from name=value pairs; returns the result with the errors in errs. */
static int create_widget(req *r, errors *errs, const char *const *pairs, int n)
{
    record *rec = record_new(r, &widgets);
    for (int i = 0; i < n; i++)
        record_set(rec, &widgets, pairs[2 * i], pairs[2 * i + 1]);
    memset(errs, 0, sizeof *errs);
    return entity_create(r, &widgets, rec, errs);
}

#define CREATE(r, errs, ...)                                                                       \
    create_widget(r, errs, (const char *const[]){__VA_ARGS__},                                     \
                  (int)(sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *) / 2))

static bool has_error(const errors *errs, const char *field, tr_key message)
{
    int fi = field ? entity_field(&widgets, field) : -1;
    for (int i = 0; i < errs->n; i++)
        if (errs->items[i].field == fi && errs->items[i].message == message) return true;
    return false;
}

static void test_validation_per_field_changes_nothing(void **st)
{
    state *s = *st;
    make_widget_table(s->d);
    request q;
    req *r = request_open(&q, s);
    errors errs;
    char unit[32], foreign_unit[32];
    snprintf(unit, sizeof unit, "%lld", (long long)s->unit_a);
    snprintf(foreign_unit, sizeof foreign_unit, "%lld", (long long)s->other_unit);

    assert_int_equal(CREATE(r, &errs, "name", NULL, "size", "3"), DB_CONSTRAINT);
    assert_true(has_error(&errs, "name", TR_err_required));
    /* max_len counts characters, not bytes: 20 å is allowed, 21 is not */
    assert_int_equal(CREATE(r, &errs, "name", "ååååååååååååååååååååå"), DB_CONSTRAINT);
    assert_true(has_error(&errs, "name", TR_err_too_long));
    assert_int_equal(CREATE(r, &errs, "name", "x", "size", "11"), DB_CONSTRAINT);
    assert_true(has_error(&errs, "size", TR_err_number));
    assert_int_equal(CREATE(r, &errs, "name", "x", "size", "0"), DB_CONSTRAINT);
    assert_true(has_error(&errs, "size", TR_err_number));
    assert_int_equal(CREATE(r, &errs, "name", "x", "size", "3.5"), DB_CONSTRAINT);
    assert_true(has_error(&errs, "size", TR_err_number));
    assert_int_equal(CREATE(r, &errs, "name", "x", "kind", "sprocket"), DB_CONSTRAINT);
    assert_true(has_error(&errs, "kind", TR_err_choice));
    assert_int_equal(CREATE(r, &errs, "name", "x", "due", "2026-02-30"), DB_CONSTRAINT);
    assert_true(has_error(&errs, "due", TR_err_date));
    assert_int_equal(CREATE(r, &errs, "name", "x", "due", "30/1/2026"), DB_CONSTRAINT);
    assert_true(has_error(&errs, "due", TR_err_date));
    /* a reference into another tenant is no reference */
    assert_int_equal(CREATE(r, &errs, "name", "x", "unit_id", foreign_unit), DB_CONSTRAINT);
    assert_true(has_error(&errs, "unit_id", TR_err_ref));
    /* a line break in one-line text */
    assert_int_equal(CREATE(r, &errs, "name", "x\ny"), DB_CONSTRAINT);
    assert_true(has_error(&errs, "name", TR_err_utf8));
    /* several errors at once, each on its field */
    assert_int_equal(CREATE(r, &errs, "size", "99", "kind", "?", "due", "igår"), DB_CONSTRAINT);
    assert_int_equal(errs.n, 4);
    /* nothing of any of it was written */
    assert_int_equal(scalar_int(s->d, "SELECT COUNT(*) FROM widget", 0, NULL), 0);

    /* the bounds themselves are valid */
    assert_int_equal(CREATE(r, &errs, "name", "ÅÄÖåäöéüÅÄÖåäöéüÅÄÖå", "size", "10", "kind", "cog",
                            "due", "2028-02-29", "unit_id", unit),
                     DB_OK);
    assert_int_equal(CREATE(r, &errs, "name", "y", "size", "1"), DB_OK);
    assert_int_equal(scalar_int(s->d, "SELECT COUNT(*) FROM widget", 0, NULL), 2);
    request_close(&q);
}

/* ---- errors cannot be ignored: a deactivation that cannot end sessions ------------- */

static void test_deactivation_rolled_back_when_sessions_cannot_end(void **st)
{
    state *s = *st;
    bool pg = db_kind_of(s->d) == DB_PG;
    arena a;
    arena_init(&a, 0);
    const char *pp[] = {int_text(&a, s->plain_person), int_text(&a, s->tenant)};
    /* a session and a token of the person */
    exec_ok(s->d, "DELETE FROM session");
    if (db_exec(s->d,
                "INSERT INTO session (id_hash, account_id, tenant_id, csrf, created_at, last_seen) "
                "SELECT 'h-per', account_id, tenant_id, 'c', '2026-01-01T00:00:00Z', "
                "'2026-01-01T00:00:00Z' FROM person WHERE id = $1",
                1, pp, NULL) != DB_OK ||
        db_exec(
            s->d,
            "INSERT INTO api_token (tenant_id, person_id, name, token_hash, prefix, created_at) "
            "VALUES ($2, $1, 'skript', 'th-per', 'lis_', '2026-01-01T00:00:00Z')",
            2, pp, NULL) != DB_OK)
        fail_msg("%s", db_error(s->d));
    /* ending sessions fails (as a lost connection or a lock timeout would) */
    if (pg) {
        exec_ok(s->d, "CREATE OR REPLACE FUNCTION refuse_session_delete() RETURNS trigger AS $$ "
                      "BEGIN RAISE EXCEPTION 'sessions cannot be ended'; END $$ LANGUAGE plpgsql");
        exec_ok(s->d, "CREATE TRIGGER no_session_delete BEFORE DELETE ON session FOR EACH ROW "
                      "EXECUTE FUNCTION refuse_session_delete()");
    } else {
        exec_ok(s->d, "CREATE TRIGGER no_session_delete BEFORE DELETE ON session BEGIN "
                      "SELECT RAISE(ABORT, 'sessions cannot be ended'); END");
    }
    request q;
    req *r = request_open(&q, s);
    db_res *row = NULL;
    assert_int_equal(entity_get(r, &entity_people, s->plain_person, &row), DB_OK);
    assert_int_equal(row->nrows, 1);
    record *old = record_from_row(r, &entity_people, row, 0);
    record *rec = record_new(r, &entity_people);
    record_set(rec, &entity_people, "active", "0");
    errors errs = {0};
    int rc = entity_update(r, &entity_people, old, rec, &errs);
    assert_int_not_equal(rc, DB_OK);
    assert_true(errs.n > 0);
    /* still active, session and token alive: nothing half-done */
    assert_int_equal(scalar_int(s->d, "SELECT active FROM person WHERE id = $1", 1, pp), 1);
    assert_int_equal(
        scalar_int(s->d, "SELECT COUNT(*) FROM session WHERE id_hash = 'h-per'", 0, NULL), 1);
    assert_int_equal(scalar_int(s->d,
                                "SELECT COUNT(*) FROM api_token WHERE token_hash = 'th-per' AND "
                                "revoked_at IS NULL",
                                0, NULL),
                     1);
    request_close(&q);

    /* once sessions can end again, the same change goes through, all of it */
    exec_ok(s->d,
            pg ? "DROP TRIGGER no_session_delete ON session" : "DROP TRIGGER no_session_delete");
    r = request_open(&q, s);
    assert_int_equal(entity_get(r, &entity_people, s->plain_person, &row), DB_OK);
    old = record_from_row(r, &entity_people, row, 0);
    rec = record_new(r, &entity_people);
    record_set(rec, &entity_people, "active", "0");
    memset(&errs, 0, sizeof errs);
    rc = entity_update(r, &entity_people, old, rec, &errs);
    if (rc != DB_OK) fail_msg("update: %d (%d errors) %s", rc, errs.n, db_error(s->d));
    assert_int_equal(scalar_int(s->d, "SELECT active FROM person WHERE id = $1", 1, pp), 0);
    assert_int_equal(
        scalar_int(s->d, "SELECT COUNT(*) FROM session WHERE id_hash = 'h-per'", 0, NULL), 0);
    assert_int_equal(scalar_int(s->d,
                                "SELECT COUNT(*) FROM api_token WHERE token_hash = 'th-per' AND "
                                "revoked_at IS NULL",
                                0, NULL),
                     0);
    request_close(&q);
    arena_free(&a);
}

/* ---- lis writing as itself: the demo and imports through the engine --------------- */

static void test_system_request_writes_through_the_rules(void **st)
{
    state *s = *st;
    make_widget_table(s->d);
    arena a;
    arena_init(&a, 0);
    req r;
    auth who;
    assert_true(system_req_init(&r, &who, &a, s->d, s->tenant, "system"));
    const char *unit = int_text(&a, s->unit_b);
    assert_int_equal(db_begin(s->d), DB_OK);
    int64_t id = system_create(
        &r, &widgets,
        (const char *const[]){"name", "Kugghjul", "size", "4", "unit_id", unit, NULL});
    /* the same validation as a person's: a size out of range is refused, nothing written */
    int64_t bad =
        system_create(&r, &widgets, (const char *const[]){"name", "x", "size", "99", NULL});
    assert_int_equal(db_commit(s->d), DB_OK);
    assert_true(id > 0);
    assert_int_equal(bad, 0);
    assert_int_equal(scalar_int(s->d, "SELECT COUNT(*) FROM widget", 0, NULL), 1);
    /* audited under the system's name, in this tenant */
    const char *p[] = {int_text(&a, id), int_text(&a, s->tenant)};
    assert_int_equal(scalar_int(s->d,
                                "SELECT COUNT(*) FROM audit_log WHERE entity = 'widgets' AND "
                                "entity_id = $1 AND tenant_id = $2 AND actor = 'system'",
                                2, p),
                     1);
    /* a tenant without units has no root to hold the grants: refused, not a blank actor */
    int64_t empty = seed_tenant(s->d, &a, "TOM", "Tomkommun", "kommun");
    assert_true(empty > 0);
    assert_false(system_req_init(&r, &who, &a, s->d, empty, "system"));
    arena_free(&a);
}

/* The lists that grow with a kommun (10,000 people, 10,000 role assignments at the
 * scale of a large one) page in the order of an index: a sort would read and order the
 * whole tenant for each page of 50. An enum's order is its options' (a CASE), which an
 * index matches only while its expression is the same text: this fails when the options
 * change and the index (migration 0062 for the roles) does not. On PostgreSQL sorting is
 * made dear for the EXPLAIN, so a Sort in the plan means no index gives the order. */
static void test_growing_lists_ordered_by_an_index(void **st)
{
    state *s = *st;
    const char *const lists[] = {"people",        "units",
                                 "roles",         "systems",
                                 "assets",        "objects",
                                 "processes",     "classifications",
                                 "answers",       "risks",
                                 "actions",       "incidents",
                                 "meetings",      "training_completions",
                                 "scan_findings", "documents",
                                 "suppliers",     NULL};
    bool pg = db_kind_of(s->d) == DB_PG;
    if (pg) exec_ok(s->d, "SET enable_sort = off");
    if (pg) exec_ok(s->d, "SET enable_incremental_sort = off");
    for (int i = 0; lists[i]; i++) {
        const entity *e = entity_find(lists[i]);
        if (!e) fail_msg("no entity %s", lists[i]);
        request q;
        req *r = request_open(&q, s);
        kvlist none = {NULL, 0};
        list_query lq;
        list_query_from(r, e, &none, &lq);
        list_query_quiet(r, e, &lq);
        sql_builder b;
        sql_builder_init(&b, r->a, 64 * 1024);
        buf_puts(&b.sql, pg ? "EXPLAIN " : "EXPLAIN QUERY PLAN ");
        entity_list_statement(r, e, &lq, &b);
        db_res *plan = NULL;
        if (sql_builder_query(s->d, &b, &plan) != DB_OK)
            fail_msg("%s: %s", lists[i], db_error(s->d));
        for (int row = 0; row < plan->nrows; row++) {
            const char *line = db_cell(plan, row, plan->ncols - 1);
            /* SQLite: "USE TEMP B-TREE FOR [RIGHT PART OF] ORDER BY"; PostgreSQL: a Sort */
            if (line && ((strstr(line, "TEMP B-TREE") && strstr(line, "ORDER BY")) ||
                         strstr(line, "Sort Key")))
                fail_msg("/%s (sorted by %s) sorts the tenant's rows: %s", lists[i],
                         e->default_sort, line);
        }
        sql_builder_free(&b);
        request_close(&q);
    }
    if (pg) exec_ok(s->d, "RESET enable_sort");
    if (pg) exec_ok(s->d, "RESET enable_incremental_sort");
}

/* A list page shows the F_LIST columns only, so it does not look up the other
 * references' names (on PostgreSQL those lookups were half of /risks' time); the JSON
 * list and the exports, which show every field, still get every name. */
static void test_list_page_looks_up_listed_names_only(void **st)
{
    state *s = *st;
    request q;
    req *r = request_open(&q, s);
    const char *p[] = {int_text(r->a, s->tenant), int_text(r->a, s->unit_a),
                       int_text(r->a, s->admin_person)};
    if (db_exec(s->d,
                "INSERT INTO system (tenant_id, unit_id, name, status, owner_id, manager_id, "
                "created_at, updated_at) VALUES ($1, $2, 'Namnprov', 'operation', $3, $3, "
                "'2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
                3, p, NULL) != DB_OK)
        fail_msg("%s", db_error(s->d));
    const entity *e = entity_find("systems");
    int owner = entity_field_index(e, "owner_id"), manager = entity_field_index(e, "manager_id");
    assert_true((e->fields[owner].flags & F_LIST) && !(e->fields[manager].flags & F_LIST));
    const char *person = db_scalar(s->d, r->a, "SELECT name FROM person WHERE id = $1", 1, p + 2);
    assert_non_null(person);
    for (int page = 0; page < 2; page++) {
        kv items[] = {{"q", "Namnprov"}};
        kvlist l = {items, 1};
        list_query lq;
        list_query_from(r, e, &l, &lq);
        lq.listed_only = page == 1;
        db_res *rows = NULL;
        const char *next = NULL;
        if (entity_list(r, e, &lq, &rows, &next) != DB_OK) fail_msg("%s", db_error(s->d));
        assert_int_equal(rows->nrows, 1);
        assert_string_equal(db_cell(rows, 0, entity_label_col(e, owner)), person);
        if (page == 1)
            assert_null(db_cell(rows, 0, entity_label_col(e, manager)));
        else
            assert_string_equal(db_cell(rows, 0, entity_label_col(e, manager)), person);
    }
    exec_ok(s->d, "DELETE FROM system WHERE name = 'Namnprov'");
    request_close(&q);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_descriptors_agree_with_schema),
        cmocka_unit_test(test_descriptor_check_names_each_problem),
        cmocka_unit_test(test_record_get_and_set_by_name),
        cmocka_unit_test(test_unknown_field_name_aborts_with_its_name),
        cmocka_unit_test(test_tenant_param_made_once_per_tenant),
        cmocka_unit_test(test_memo_slots_belong_to_the_request),
        cmocka_unit_test(test_sql_builder_refuses_too_many_params),
        cmocka_unit_test(test_list_filters_search_and_sort),
        cmocka_unit_test(test_keyset_paging_both_directions),
        cmocka_unit_test(test_validation_per_field_changes_nothing),
        cmocka_unit_test(test_deactivation_rolled_back_when_sessions_cannot_end),
        cmocka_unit_test(test_system_request_writes_through_the_rules),
        cmocka_unit_test(test_growing_lists_ordered_by_an_index),
        cmocka_unit_test(test_list_page_looks_up_listed_names_only),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
