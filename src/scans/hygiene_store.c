/* hygiene_store.c - one import of a directory export (hygiene.h) in one transaction: the
 * accounts each check reports become scan findings of the host "directory" (plugin = the
 * check, port = the account), in the unit whose name is the account's department or OU
 * (else the tenant's top unit); a finding a later export no longer reports is fixed. A
 * file with a bad row writes nothing. */
#include "scans.h"
#include "signal_import.h"
#include "../core/util.h"
#include "../http/page.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_GROUPS = 32 };

typedef struct hyg_ctx {
    arena *a;
    dir_account *acc;
    int n, cap;
    signal_result *res;
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
    signal_row_error(c->a, c->res, line, message);
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
    const char *title = signal_finding_title(r, &signal_kind_directory, k, acc->name, acc->display);
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
                    signal_result *res)
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
    signal_import si = {.host = HYGIENE_HOST, .scanner = "Directory", .format = HYGIENE_FORMAT};
    if (!signal_import_begin(r, &si, file_name, 1)) {
        res->error = si.error;
        res->db_failed = si.db_failed;
        return false;
    }
    res->items = c.n;
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
                     file_name && *file_name ? file_name : "directory export", res->items,
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

static int inactive_days(req *r)
{
    int days;
    const char *groups[MAX_GROUPS];
    load_settings(r, &days, groups);
    return days;
}

static const char *check_code(int check)
{
    return hygiene_check_code((hyg_check)check);
}

static void print_counts(const signal_result *res)
{
    printf("%d accounts: %d inactive, %d never used, %d privileged\n", res->items,
           res->counts[HYG_INACTIVE], res->counts[HYG_NEVER_USED], res->counts[HYG_PRIVILEGED]);
    printf("%d new, %d still open, %d fixed since the last import\n", res->new_findings,
           res->still_open, res->fixed);
}

const signal_kind signal_kind_directory = {
    .name = "directory",
    .command = "import-directory",
    .import = hygiene_import,
    .host = HYGIENE_HOST,
    .format = HYGIENE_FORMAT,
    .source = TR_hyg_source,
    .stored_title = {"Inactive account", "Account never used", "Privileged account"},
    .finding = {TR_hyg_finding_inactive, TR_hyg_finding_never_used, TR_hyg_finding_privileged},
    .check_code = check_code,
    .days = inactive_days,
    .title = TR_hyg_import_title,
    .intro = TR_hyg_import_intro,
    .file = TR_hyg_file,
    .file_help = TR_hyg_file_help,
    .no_file = TR_hyg_err_no_file,
    .preview_title = TR_hyg_preview_title,
    .done_title = TR_hyg_done_title,
    .items = TR_hyg_sum_accounts,
    .do_import = TR_hyg_do_import,
    .open_findings = TR_hyg_open_findings,
    .check = {TR_hyg_check_inactive, TR_hyg_check_never_used, TR_hyg_check_privileged},
    .days_check = HYG_INACTIVE,
    .none = TR_hyg_card_none,
    .import_link = TR_hyg_import_link,
    .findings_href = "/scan_findings?host=" HYGIENE_HOST "&status=open",
    .imports_href = "/scan_imports?format=Directory%20(CSV)",
    .noun = "directory",
    .export_noun = "an account export",
    .json_items = "accounts",
    .json_check = {"inactive", "never_used", "privileged"},
    .json_days = "inactive_days",
    .print = print_counts,
};

void h_api_directory_import(req *r, resp *out)
{
    signal_api_import(r, out, &signal_kind_directory);
}
