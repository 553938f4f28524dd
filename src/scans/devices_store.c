/* devices_store.c - one import of a device export (devices.h) in one transaction: the
 * devices each check reports become scan findings of the host "devices" (plugin = the
 * check, port = the device), in the unit of the person whose e-mail is the device's
 * primary user (else the tenant's top unit), so that they count per förvaltning; a finding
 * a later export no longer reports is fixed, and each import keeps its counts for the
 * trend. A file with a bad row writes nothing. */
#include "scans.h"
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

static bool write_finding(req *r, const char *import_id, const device *d, dev_check k,
                          const char *unit, const char *today, const char *now, device_result *res)
{
    const char *tenant = tenant_param(r);
    const char *check = device_check_code(k);
    const char *key[] = {tenant, DEVICES_HOST, check, d->name};
    db_res *found = NULL;
    if (db_query(r->db, r->a,
                 "SELECT id, status FROM scan_finding WHERE tenant_id = $1 AND host = $2 AND "
                 "plugin = $3 AND port = $4",
                 4, key, &found) != DB_OK)
        return false;
    static const char *titles[] = {"Unmanaged device", "Non-compliant device",
                                   "Device not checked in"};
    const char *title = *d->user ? arena_printf(r->a, "%s: %s (%s)", titles[k], d->name, d->user)
                                 : arena_printf(r->a, "%s: %s", titles[k], d->name);
    const char *output = arena_printf(r->a, "OS: %s; last check-in: %s", *d->os ? d->os : "?",
                                      *d->last ? d->last : "never");
    char due[11];
    date_add_days(today,
                  scan_default_days(k == DEV_UNMANAGED            ? SEV_HIGH
                                    : k == DEV_NONCOMPLIANT_CHECK ? SEV_MEDIUM
                                                                  : SEV_LOW),
                  due);
    if (found->nrows == 0) {
        const char *p[] = {tenant,    unit,   DEVICES_HOST, check, d->name,   title,
                           sev_of(k), output, today,        due,   import_id, now};
        res->new_findings++;
        return db_exec(r->db,
                       "INSERT INTO scan_finding (tenant_id, unit_id, host, plugin, port, title, "
                       "scanner, severity, output, status, first_seen, last_seen, due_on, "
                       "last_import_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, "
                       "'Devices', $7, $8, 'open', $9, $9, $10, $11, $12, $12)",
                       12, p, NULL) == DB_OK;
    }
    bool reappeared = !strcmp(db_cell(found, 0, 1), "fixed");
    if (reappeared)
        res->new_findings++;
    else
        res->still_open++;
    const char *p[] = {db_cell(found, 0, 0),    tenant, today, import_id, title, output, now,
                       reappeared ? due : NULL, unit};
    return db_exec(r->db,
                   "UPDATE scan_finding SET last_seen = $3, last_import_id = $4, title = $5, "
                   "output = $6, updated_at = $7, unit_id = $9, "
                   "status = CASE WHEN CAST($8 AS TEXT) IS NULL THEN status ELSE 'open' END, "
                   "fixed_on = CASE WHEN CAST($8 AS TEXT) IS NULL THEN fixed_on END, "
                   "due_on = COALESCE(CAST($8 AS TEXT), due_on) WHERE id = $1 AND tenant_id = $2",
                   9, p, NULL) == DB_OK;
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
    char today[11], now[21];
    date_today(today);
    time_now_iso(now);
    const char *pt[] = {tenant_param(r)};
    const char *root = db_scalar(
        r->db, r->a, "SELECT id FROM unit WHERE tenant_id = $1 AND parent_id IS NULL ORDER BY id",
        1, pt);
    if (!root) {
        res->error = "the tenant has no unit";
        return false;
    }
    if (db_begin(r->db) != DB_OK) {
        res->error = "the database is busy";
        res->db_failed = true;
        return false;
    }
    const char *pi[] = {tenant_param(r), root, file_name && *file_name ? file_name : NULL,
                        today,           now,  int_text(r->a, c.n)};
    db_res *id = NULL;
    bool ok = db_query(r->db, r->a,
                       "INSERT INTO scan_import (tenant_id, unit_id, file_name, format, "
                       "scanned_on, findings, hosts, new_findings, still_open, fixed, created_at, "
                       "updated_at) VALUES ($1, $2, $3, '" DEVICES_FORMAT "', $4, 0, $6, 0, 0, 0, "
                       "$5, $5) RETURNING id",
                       6, pi, &id) == DB_OK &&
              id->nrows == 1;
    const char *import_id = ok ? db_cell(id, 0, 0) : NULL;
    if (ok) res->import_id = db_cell_int(id, 0, 0);
    res->devices = c.n;
    for (int i = 0; ok && i < c.n; i++) {
        const char *unit = NULL;
        for (int k = 0; ok && k < DEV_NCHECKS; k++) {
            if (!device_reports(&c.dev[i], (dev_check)k, today, res->days)) continue;
            if (!unit) unit = unit_of_user(r, c.dev[i].user, root);
            res->counts[k]++, res->findings++;
            ok = write_finding(r, import_id, &c.dev[i], (dev_check)k, unit, today, now, res);
        }
    }
    if (ok) {
        const char *p[] = {tenant_param(r), import_id, today, now, DEVICES_HOST};
        int64_t changed = 0;
        ok = db_exec(r->db,
                     "UPDATE scan_finding SET status = 'fixed', fixed_on = $3, updated_at = $4 "
                     "WHERE tenant_id = $1 AND host = $5 AND status = 'open' AND "
                     "(last_import_id IS NULL OR last_import_id <> $2)",
                     5, p, &changed) == DB_OK;
        res->fixed = (int)changed;
    }
    if (ok) {
        const char *p[] = {import_id,
                           tenant_param(r),
                           int_text(r->a, res->findings),
                           int_text(r->a, res->new_findings),
                           int_text(r->a, res->still_open),
                           int_text(r->a, res->fixed)};
        ok = db_exec(r->db,
                     "UPDATE scan_import SET findings = $3, new_findings = $4, still_open = $5, "
                     "fixed = $6 WHERE id = $1 AND tenant_id = $2",
                     6, p, NULL) == DB_OK;
    }
    if (ok) {
        const char *summary = arena_printf(
            r->a, "%s: %d devices: %d unmanaged, %d non-compliant, %d not checked in; %d fixed",
            file_name && *file_name ? file_name : "device export", res->devices,
            res->counts[DEV_UNMANAGED], res->counts[DEV_NONCOMPLIANT_CHECK], res->counts[DEV_STALE],
            res->fixed);
        ok =
            entity_audit(r, "import", &entity_scan_imports, res->import_id, summary, NULL) == DB_OK;
    }
    if (ok && !commit) {
        db_rollback(r->db); /* a preview: everything counted, nothing kept */
        res->import_id = 0;
        return true;
    }
    if (ok)
        ok = db_commit(r->db) == DB_OK;
    else
        db_rollback(r->db);
    if (!ok) {
        res->error = "the database refused the import";
        res->db_failed = true;
    }
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
