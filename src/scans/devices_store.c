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

enum { MAX_ERROR_ROWS = 20 };

typedef struct dev_ctx {
    arena *a;
    device *dev;
    int n, cap;
    device_result *res;
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
    if (c->res->errors < MAX_ERROR_ROWS)
        c->res->error_rows[c->res->errors] = arena_printf(c->a, "row %d: %s", line, message);
    c->res->errors++;
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
    static const char *titles[] = {"Unmanaged device", "Non-compliant device",
                                   "Device not checked in"};
    const char *title = *d->user ? arena_printf(r->a, "%s: %s (%s)", titles[k], d->name, d->user)
                                 : arena_printf(r->a, "%s: %s", titles[k], d->name);
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

bool device_import(req *r, const char *data, size_t len, const char *file_name, bool commit,
                   device_result *res)
{
    memset(res, 0, sizeof *res);
    res->days = DEV_DEFAULT_STALE_DAYS;
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
    res->devices = c.n;
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
        file_name && *file_name ? file_name : "device export", res->devices,
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

void h_api_device_import(req *r, resp *out)
{
    if (!perm_allows(r->auth, ACT_RISK_WRITE, NULL)) {
        json_error(r, out, 403, "forbidden", "you may not import device findings");
        return;
    }
    if (!r->body || !r->body_len || memchr(r->body, 0, r->body_len)) {
        json_error(r, out, 422, "invalid", "the body is not a device export");
        return;
    }
    const char *preview = kv_get(&r->query, "preview");
    bool commit = !(preview && !strcmp(preview, "1"));
    device_result res;
    if (!device_import(r, r->body, r->body_len, kv_get(&r->query, "file_name"), commit, &res)) {
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
               "{\"devices\":%d,\"unmanaged\":%d,\"noncompliant\":%d,\"stale\":%d,"
               "\"stale_days\":%d,\"new\":%d,\"still_open\":%d,\"fixed\":%d,"
               "\"preview\":%s,\"import_id\":%lld}",
               res.devices, res.counts[DEV_UNMANAGED], res.counts[DEV_NONCOMPLIANT_CHECK],
               res.counts[DEV_STALE], res.days, res.new_findings, res.still_open, res.fixed,
               commit ? "false" : "true", (long long)res.import_id);
}
