/* devices_store.c - one import of a device export (devices.h) in one transaction: the
 * devices each check reports become scan findings of the host "devices" (plugin = the
 * check, port = the device), in the unit of the person whose e-mail is the device's
 * primary user (else the tenant's top unit), so that they count per förvaltning; a finding
 * a later export no longer reports is fixed, and each import keeps its counts for the
 * trend. A file with a bad row writes nothing. */
#include "scans.h"
#include "signal_import.h"
#include "../core/util.h"
#include "../http/page.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct dev_ctx {
    arena *a;
    device *dev;
    int n, cap;
    signal_result *res;
} dev_ctx;

static void on_device(void *ctx, const device *d)
{
    dev_ctx *c = ctx;
    if (c->n == c->cap) {
        int cap = c->cap ? c->cap * 2 : 256;
        device *grown = arena_alloc(c->a, sizeof *grown * (size_t)cap);
        if (c->n) memcpy(grown, c->dev, sizeof *grown * (size_t)c->n);
        c->dev = grown, c->cap = cap;
    }
    c->dev[c->n++] = *d;
}

static void on_error(void *ctx, int line, const char *message)
{
    dev_ctx *c = ctx;
    signal_row_error(c->a, c->res, line, message);
}

/* the unit of the person the device's primary user is, else root */
static const char *unit_of_user(req *r, const char *upn, const char *root)
{
    if (!*upn) return root;
    const char *p[] = {tenant_param(r), upn};
    const char *id = db_scalar(r->db, r->a,
                               "SELECT unit_id FROM person WHERE tenant_id = $1 AND LOWER(email) "
                               "= LOWER($2) AND unit_id IS NOT NULL",
                               2, p);
    return id ? id : root;
}

static const char *sev_of(dev_check k)
{
    return k == DEV_UNMANAGED ? "high" : k == DEV_NONCOMPLIANT_CHECK ? "medium" : "low";
}

static bool write_finding(req *r, signal_import *si, const device *d, dev_check k, const char *unit)
{
    const char *title = signal_finding_title(r, &signal_kind_devices, k, d->name, d->user);
    const char *output = arena_printf(r->a, "OS: %s; last check-in: %s", *d->os ? d->os : "?",
                                      *d->last ? d->last : "never");
    char due[11];
    date_add_days(si->today,
                  scan_default_days(k == DEV_UNMANAGED            ? SEV_HIGH
                                    : k == DEV_NONCOMPLIANT_CHECK ? SEV_MEDIUM
                                                                  : SEV_LOW),
                  due);
    return signal_import_finding(r, si, device_check_code(k), d->name, title, output, sev_of(k),
                                 due, unit);
}

/* The tenant's days without check-in that make a device stale, else the default. */
static int stale_days(req *r)
{
    const char *p[] = {tenant_param(r)};
    const char *days = db_scalar(
        r->db, r->a, "SELECT stale_days FROM directory_setting WHERE tenant_id = $1", 1, p);
    return days && atoi(days) > 0 ? atoi(days) : DEV_DEFAULT_STALE_DAYS;
}

bool device_import(req *r, const char *data, size_t len, const char *file_name, bool commit,
                   signal_result *res)
{
    memset(res, 0, sizeof *res);
    res->days = stale_days(r);
    dev_ctx c = {.a = r->a, .res = res};
    device_sink sink = {&c, on_device, on_error};
    char err[512] = "";
    if (!device_parse(r->a, data, len, &sink, err, sizeof err)) {
        res->error = arena_strdup(r->a, err);
        return false;
    }
    if (res->errors) return false;
    signal_import si = {.host = DEVICES_HOST, .scanner = "Devices", .format = DEVICES_FORMAT};
    if (!signal_import_begin(r, &si, file_name, c.n)) {
        res->error = si.error;
        res->db_failed = si.db_failed;
        return false;
    }
    res->items = c.n;
    bool ok = true;
    for (int i = 0; ok && i < c.n; i++) {
        const char *unit = NULL;
        for (int k = 0; ok && k < DEV_NCHECKS; k++) {
            if (!device_reports(&c.dev[i], (dev_check)k, si.today, res->days)) continue;
            if (!unit) unit = unit_of_user(r, c.dev[i].user, si.root);
            res->counts[k]++;
            ok = write_finding(r, &si, &c.dev[i], (dev_check)k, unit);
        }
    }
    if (ok) ok = signal_import_fix_rest(r, &si);
    const char *summary = arena_printf(
        r->a, "%s: %d devices: %d unmanaged, %d non-compliant, %d not checked in; %d fixed",
        file_name && *file_name ? file_name : "device export", res->items,
        res->counts[DEV_UNMANAGED], res->counts[DEV_NONCOMPLIANT_CHECK], res->counts[DEV_STALE],
        si.fixed);
    ok = signal_import_end(r, &si, ok, commit, summary);
    res->findings = si.findings, res->new_findings = si.new_findings;
    res->still_open = si.still_open, res->fixed = si.fixed;
    res->import_id = ok && commit ? atoll(si.import_id) : 0;
    res->error = si.error;
    res->db_failed = si.db_failed;
    return ok;
}

static const char *check_code(int check)
{
    return device_check_code((dev_check)check);
}

static void print_counts(const signal_result *res)
{
    printf("%d devices: %d unmanaged, %d non-compliant, %d stale (no check-in in %d days); "
           "%d new, %d still open, %d fixed\n",
           res->items, res->counts[DEV_UNMANAGED], res->counts[DEV_NONCOMPLIANT_CHECK],
           res->counts[DEV_STALE], res->days, res->new_findings, res->still_open, res->fixed);
}

const signal_kind signal_kind_devices = {
    .name = "devices",
    .command = "import-devices",
    .import = device_import,
    .host = DEVICES_HOST,
    .format = DEVICES_FORMAT,
    .source = TR_dev_card_title,
    .stored_title = {"Unmanaged device", "Non-compliant device", "Device not checked in"},
    .finding = {TR_dev_finding_unmanaged, TR_dev_finding_noncompliant, TR_dev_finding_stale},
    .check_code = check_code,
    .days = stale_days,
    .title = TR_dev_import_title,
    .intro = TR_dev_import_intro,
    .file = TR_dev_file,
    .file_help = TR_dev_file_help,
    .no_file = TR_dev_err_no_file,
    .preview_title = TR_dev_preview_title,
    .done_title = TR_dev_done_title,
    .items = TR_dev_sum_devices,
    .do_import = TR_dev_do_import,
    .open_findings = TR_dev_open_findings,
    .check = {TR_dev_check_unmanaged, TR_dev_check_noncompliant, TR_dev_check_stale},
    .days_check = DEV_STALE,
    .none = TR_dev_card_none,
    .import_link = TR_dev_import_link,
    .findings_href = "/scan_findings?host=" DEVICES_HOST "&status=open",
    .imports_href = "/scan_imports?format=Devices%20(CSV)",
    .noun = "device",
    .export_noun = "a device export",
    .json_items = "devices",
    .json_check = {"unmanaged", "noncompliant", "stale"},
    .json_days = "stale_days",
    .print = print_counts,
};

void h_api_device_import(req *r, resp *out)
{
    signal_api_import(r, out, &signal_kind_devices);
}
