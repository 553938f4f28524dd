/* hygiene_store.c - one import of a directory export (hygiene.h) in one transaction: the
 * accounts each check reports become scan findings of the host "directory" (plugin = the
 * check, port = the account), in the unit whose name is the account's department or OU
 * (else the tenant's top unit); a finding a later export no longer reports is fixed. A
 * file with a bad row writes nothing. */
#include "scans.h"
#include "signal_import.h"
#include "../core/util.h"
#include "../entity/system_req.h"
#include "../http/page.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_ERROR_ROWS = 20, MAX_GROUPS = 32 };

typedef struct hyg_ctx {
    arena *a;
    dir_account *acc;
    int n, cap;
    hygiene_result *res;
} hyg_ctx;

static void on_account(void *ctx, const dir_account *acc)
{
    hyg_ctx *c = ctx;
    if (c->n == c->cap) {
        int cap = c->cap ? c->cap * 2 : 256;
        dir_account *grown = arena_alloc(c->a, sizeof *grown * (size_t)cap);
        if (c->n) memcpy(grown, c->acc, sizeof *grown * (size_t)c->n);
        c->acc = grown, c->cap = cap;
    }
    c->acc[c->n++] = *acc;
}

static void on_error(void *ctx, int line, const char *message)
{
    hyg_ctx *c = ctx;
    if (c->res->errors < MAX_ERROR_ROWS)
        c->res->error_rows[c->res->errors] = arena_printf(c->a, "row %d: %s", line, message);
    c->res->errors++;
}

static const char *unit_named(req *r, const char *name, const char *root)
{
    if (!*name) return root;
    const char *p[] = {tenant_param(r), name};
    const char *id = db_scalar(r->db, r->a,
                               "SELECT id FROM unit WHERE tenant_id = $1 AND LOWER(name) = "
                               "LOWER($2) ORDER BY id",
                               2, p);
    return id ? id : root;
}

static const char *sev_of(hyg_check k)
{
    return k == HYG_PRIVILEGED ? "high" : k == HYG_INACTIVE ? "medium" : "low";
}

static bool write_finding(req *r, signal_import *si, const dir_account *acc, hyg_check k,
                          const char *unit)
{
    static const char *titles[] = {"Inactive account", "Account never used", "Privileged account"};
    const char *title = *acc->display
                            ? arena_printf(r->a, "%s: %s (%s)", titles[k], acc->name, acc->display)
                            : arena_printf(r->a, "%s: %s", titles[k], acc->name);
    const char *output = arena_printf(r->a, "last sign-in: %s", *acc->last ? acc->last : "never");
    char due[11];
    date_add_days(si->today, scan_default_days(k == HYG_PRIVILEGED ? SEV_HIGH : SEV_MEDIUM), due);
    return signal_import_finding(r, si, hygiene_check_code(k), acc->name, title, output, sev_of(k),
                                 due, unit);
}

/* The tenant's settings: days and admin groups (one a line), else the defaults. */
static void load_settings(req *r, int *days, const char **groups)
{
    *days = HYG_DEFAULT_DAYS;
    int g = 0;
    for (; hygiene_default_admin_groups[g]; g++)
        groups[g] = hygiene_default_admin_groups[g];
    groups[g] = NULL;
    const char *p[] = {tenant_param(r)};
    db_res *res = NULL;
    if (db_query(r->db, r->a,
                 "SELECT inactive_days, admin_groups FROM directory_setting WHERE tenant_id = $1",
                 1, p, &res) != DB_OK ||
        res->nrows != 1)
        return;
    if (db_cell_int(res, 0, 0) > 0) *days = (int)db_cell_int(res, 0, 0);
    const char *list = db_cell(res, 0, 1);
    if (!list || !*list) return;
    char *copy = arena_strdup(r->a, list);
    g = 0;
    for (char *save = NULL, *t = strtok_r(copy, "\r\n", &save); t && g < MAX_GROUPS - 1;
         t = strtok_r(NULL, "\r\n", &save))
        if (*t) groups[g++] = t;
    groups[g] = NULL;
}

bool hygiene_import(req *r, const char *data, size_t len, const char *file_name, bool commit,
                    hygiene_result *res)
{
    memset(res, 0, sizeof *res);
    const char *groups[MAX_GROUPS];
    load_settings(r, &res->days, groups);
    hyg_ctx c = {.a = r->a, .res = res};
    dir_sink sink = {&c, on_account, on_error};
    char err[512] = "";
    if (!hygiene_parse(r->a, data, len, groups, &sink, err, sizeof err)) {
        res->error = arena_strdup(r->a, err);
        return false;
    }
    if (res->errors) return false;
    signal_import si = {.host = HYGIENE_HOST, .scanner = "Directory", .format = "Directory (CSV)"};
    if (!signal_import_begin(r, &si, file_name, 1)) {
        res->error = si.error;
        res->db_failed = si.db_failed;
        return false;
    }
    res->accounts = c.n;
    bool ok = true;
    for (int i = 0; ok && i < c.n; i++) {
        const char *unit = NULL;
        for (int k = 0; ok && k < HYG_NCHECKS; k++) {
            if (!hygiene_reports(&c.acc[i], (hyg_check)k, si.today, res->days)) continue;
            if (!unit) unit = unit_named(r, c.acc[i].unit, si.root);
            res->counts[k]++;
            ok = write_finding(r, &si, &c.acc[i], (hyg_check)k, unit);
        }
    }
    if (ok) ok = signal_import_fix_rest(r, &si);
    const char *summary =
        arena_printf(r->a, "%s: %d accounts: %d inactive, %d never used, %d privileged; %d fixed",
                     file_name && *file_name ? file_name : "directory export", res->accounts,
                     res->counts[HYG_INACTIVE], res->counts[HYG_NEVER_USED],
                     res->counts[HYG_PRIVILEGED], si.fixed);
    ok = signal_import_end(r, &si, ok, commit, summary);
    res->findings = si.findings, res->new_findings = si.new_findings;
    res->still_open = si.still_open, res->fixed = si.fixed;
    res->import_id = ok && commit ? atoll(si.import_id) : 0;
    res->error = si.error;
    res->db_failed = si.db_failed;
    return ok;
}

int hygiene_cli_import(db *d, const char *tenant_code, const char *path)
{
    arena a;
    arena_init(&a, 0);
    int rc = 1;
    const char *p[] = {tenant_code};
    const char *tenant = db_scalar(d, &a, "SELECT id FROM tenant WHERE code = $1", 1, p);
    req r;
    auth who;
    size_t len = 0;
    char *data = NULL;
    FILE *fp = fopen(path, "rb");
    if (fp) {
        fseek(fp, 0, SEEK_END);
        long sz = ftell(fp);
        fseek(fp, 0, SEEK_SET);
        if (sz >= 0) {
            data = arena_alloc(&a, (size_t)sz + 1);
            len = fread(data, 1, (size_t)sz, fp);
            data[len] = 0;
        }
        fclose(fp);
    }
    if (!tenant) {
        fprintf(stderr, "lis: no tenant %s\n", tenant_code);
    } else if (!data) {
        fprintf(stderr, "lis: cannot read %s\n", path);
    } else if (!system_req_init(&r, &who, &a, d, atoll(tenant), "import-directory")) {
        fprintf(stderr, "lis: tenant %s has no unit\n", tenant_code);
    } else {
        const char *slash = strrchr(path, '/');
        hygiene_result res;
        if (hygiene_import(&r, data, len, slash ? slash + 1 : path, true, &res)) {
            printf("%d accounts: %d inactive, %d never used, %d privileged\n", res.accounts,
                   res.counts[HYG_INACTIVE], res.counts[HYG_NEVER_USED],
                   res.counts[HYG_PRIVILEGED]);
            printf("%d new, %d still open, %d fixed since the last import\n", res.new_findings,
                   res.still_open, res.fixed);
            rc = 0;
        } else if (res.errors) {
            for (int i = 0; i < res.errors && i < 20; i++)
                fprintf(stderr, "lis: %s: %s\n", path, res.error_rows[i]);
            fprintf(stderr, "lis: %s: %d bad rows; nothing was imported\n", path, res.errors);
        } else {
            fprintf(stderr, "lis: %s: %s; nothing was imported\n", path, res.error);
        }
    }
    arena_free(&a);
    return rc;
}

void h_api_directory_import(req *r, resp *out)
{
    if (!perm_allows(r->auth, ACT_RISK_WRITE, NULL)) {
        json_error(r, out, 403, "forbidden", "you may not import directory findings");
        return;
    }
    if (!r->body || !r->body_len || memchr(r->body, 0, r->body_len)) {
        json_error(r, out, 422, "invalid", "the body is not an account export");
        return;
    }
    const char *preview = kv_get(&r->query, "preview");
    bool commit = !(preview && !strcmp(preview, "1"));
    hygiene_result res;
    if (!hygiene_import(r, r->body, r->body_len, kv_get(&r->query, "file_name"), commit, &res)) {
        if (res.db_failed) {
            respond_error(r, out, 500, "internal", TR_err_internal);
            return;
        }
        buf msg;
        buf_init(&msg, 1 << 16);
        if (res.errors) {
            buf_printf(&msg, "%d bad rows; nothing was imported", res.errors);
            for (int i = 0; i < res.errors && i < 20; i++)
                buf_printf(&msg, "; %s", res.error_rows[i]);
        } else {
            buf_printf(&msg, "%s; nothing was imported", res.error);
        }
        json_error(r, out, 422, "invalid", arena_strndup(r->a, msg.data, msg.len));
        buf_free(&msg);
        return;
    }
    respond_json(out, commit ? 201 : 200);
    buf_printf(&out->body,
               "{\"accounts\":%d,\"inactive\":%d,\"never_used\":%d,\"privileged\":%d,"
               "\"inactive_days\":%d,\"new\":%d,\"still_open\":%d,\"fixed\":%d,"
               "\"preview\":%s,\"import_id\":%lld}",
               res.accounts, res.counts[HYG_INACTIVE], res.counts[HYG_NEVER_USED],
               res.counts[HYG_PRIVILEGED], res.days, res.new_findings, res.still_open, res.fixed,
               commit ? "false" : "true", (long long)res.import_id);
}
