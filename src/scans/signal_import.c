/* signal_import.c - see signal_import.h. */
#include "signal_import.h"
#include "scans.h"
#include "../core/util.h"
#include "../http/page.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool signal_import_begin(req *r, signal_import *si, const char *file_name, int hosts)
{
    date_today(si->today);
    time_now_iso(si->now);
    const char *pt[] = {tenant_param(r)};
    si->root = db_scalar(
        r->db, r->a, "SELECT id FROM unit WHERE tenant_id = $1 AND parent_id IS NULL ORDER BY id",
        1, pt);
    if (!si->root) {
        si->error = "the tenant has no unit";
        return false;
    }
    if (db_begin(r->db) != DB_OK) {
        si->error = "the database is busy";
        si->db_failed = true;
        return false;
    }
    const char *p[] = {tenant_param(r), si->root, file_name && *file_name ? file_name : NULL,
                       si->today,       si->now,  int_text(r->a, hosts),
                       si->format};
    db_res *id = NULL;
    if (db_query(r->db, r->a,
                 "INSERT INTO scan_import (tenant_id, unit_id, file_name, format, scanned_on, "
                 "findings, hosts, new_findings, still_open, fixed, created_at, updated_at) "
                 "VALUES ($1, $2, $3, $7, $4, 0, $6, 0, 0, 0, $5, $5) RETURNING id",
                 7, p, &id) != DB_OK ||
        id->nrows != 1) {
        db_rollback(r->db);
        si->error = "the database refused the import";
        si->db_failed = true;
        return false;
    }
    si->import_id = db_cell(id, 0, 0);
    return true;
}

bool signal_import_finding(req *r, signal_import *si, const char *check, const char *port,
                           const char *title, const char *output, const char *severity,
                           const char *due, const char *unit)
{
    const char *tenant = tenant_param(r);
    const char *key[] = {tenant, si->host, check, port};
    db_res *found = NULL;
    if (db_query(r->db, r->a,
                 "SELECT id, status FROM scan_finding WHERE tenant_id = $1 AND host = $2 AND "
                 "plugin = $3 AND port = $4",
                 4, key, &found) != DB_OK)
        return false;
    si->findings++;
    if (found->nrows == 0) {
        const char *p[] = {tenant,        unit,     si->host,   check,     port,
                           title,         severity, output,     si->today, due,
                           si->import_id, si->now,  si->scanner};
        si->new_findings++;
        return db_exec(r->db,
                       "INSERT INTO scan_finding (tenant_id, unit_id, host, plugin, port, title, "
                       "scanner, severity, output, status, first_seen, last_seen, due_on, "
                       "last_import_id, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, "
                       "$13, $7, $8, 'open', $9, $9, $10, $11, $12, $12)",
                       13, p, NULL) == DB_OK;
    }
    bool reappeared = !strcmp(db_cell(found, 0, 1), "fixed");
    if (reappeared)
        si->new_findings++;
    else
        si->still_open++;
    const char *p[] = {
        db_cell(found, 0, 0),    tenant, si->today, si->import_id, title, output, si->now,
        reappeared ? due : NULL, unit};
    return db_exec(r->db,
                   "UPDATE scan_finding SET last_seen = $3, last_import_id = $4, title = $5, "
                   "output = $6, updated_at = $7, unit_id = $9, "
                   "status = CASE WHEN CAST($8 AS TEXT) IS NULL THEN status ELSE 'open' END, "
                   "fixed_on = CASE WHEN CAST($8 AS TEXT) IS NULL THEN fixed_on END, "
                   "due_on = COALESCE(CAST($8 AS TEXT), due_on) WHERE id = $1 AND tenant_id = $2",
                   9, p, NULL) == DB_OK;
}

bool signal_import_fix_rest(req *r, signal_import *si)
{
    const char *p[] = {tenant_param(r), si->import_id, si->today, si->now, si->host};
    int64_t changed = 0;
    bool ok = db_exec(r->db,
                      "UPDATE scan_finding SET status = 'fixed', fixed_on = $3, updated_at = $4 "
                      "WHERE tenant_id = $1 AND host = $5 AND status = 'open' AND "
                      "(last_import_id IS NULL OR last_import_id <> $2)",
                      5, p, &changed) == DB_OK;
    si->fixed = (int)changed;
    return ok;
}

bool signal_import_end(req *r, signal_import *si, bool ok, bool commit, const char *summary)
{
    if (ok) {
        const char *p[] = {si->import_id,
                           tenant_param(r),
                           int_text(r->a, si->findings),
                           int_text(r->a, si->new_findings),
                           int_text(r->a, si->still_open),
                           int_text(r->a, si->fixed)};
        ok = db_exec(r->db,
                     "UPDATE scan_import SET findings = $3, new_findings = $4, still_open = $5, "
                     "fixed = $6 WHERE id = $1 AND tenant_id = $2",
                     6, p, NULL) == DB_OK;
    }
    if (ok)
        ok = entity_audit(r, "import", &entity_scan_imports, atoll(si->import_id), summary, NULL) ==
             DB_OK;
    if (ok && !commit) {
        db_rollback(r->db); /* a preview: everything counted, nothing kept */
        return true;
    }
    if (ok)
        ok = db_commit(r->db) == DB_OK;
    else
        db_rollback(r->db);
    if (!ok) {
        si->error = "the database refused the import";
        si->db_failed = true;
    }
    return ok;
}

const signal_kind *const signal_kinds[] = {&signal_kind_directory, &signal_kind_devices, NULL};

const char *signal_title_label(req *r, const char *title)
{
    for (const signal_kind *const *k = signal_kinds; *k; k++)
        for (int c = 0; c < SIGNAL_CHECKS; c++) {
            size_t n = strlen((*k)->stored_title[c]);
            if (!strncmp(title, (*k)->stored_title[c], n) && title[n] == ':')
                return arena_printf(r->a, "%s%s", tr(r->lang, (*k)->finding[c]), title + n);
        }
    return NULL;
}

const char *signal_host_label(req *r, const char *host)
{
    for (const signal_kind *const *k = signal_kinds; *k; k++)
        if (!strcmp(host, (*k)->host)) return tr(r->lang, (*k)->source);
    return NULL;
}

const char *signal_finding_title(req *r, const signal_kind *k, int c, const char *what,
                                 const char *who)
{
    return who && *who ? arena_printf(r->a, "%s: %s (%s)", k->stored_title[c], what, who)
                       : arena_printf(r->a, "%s: %s", k->stored_title[c], what);
}

void signal_row_error(arena *a, signal_result *res, int line, const char *message)
{
    if (res->errors < SIGNAL_ERROR_ROWS)
        res->error_rows[res->errors] = arena_printf(a, "row %d: %s", line, message);
    res->errors++;
}

void signal_api_import(req *r, resp *out, const signal_kind *k)
{
    if (!perm_allows(r->auth, ACT_RISK_WRITE, NULL)) {
        json_error(r, out, 403, "forbidden",
                   arena_printf(r->a, "you may not import %s findings", k->noun));
        return;
    }
    if (!r->body || !r->body_len || memchr(r->body, 0, r->body_len)) {
        json_error(r, out, 422, "invalid",
                   arena_printf(r->a, "the body is not %s", k->export_noun));
        return;
    }
    const char *preview = kv_get(&r->query, "preview");
    bool commit = !(preview && !strcmp(preview, "1"));
    signal_result res;
    if (!k->import(r, r->body, r->body_len, kv_get(&r->query, "file_name"), commit, &res)) {
        scans_json_refusal(r, out, res.db_failed, "bad rows", res.errors, res.error_rows,
                           SIGNAL_ERROR_ROWS, res.error);
        return;
    }
    respond_json(out, commit ? 201 : 200);
    buf_printf(&out->body, "{\"%s\":%d", k->json_items, res.items);
    for (int c = 0; c < SIGNAL_CHECKS; c++)
        buf_printf(&out->body, ",\"%s\":%d", k->json_check[c], res.counts[c]);
    buf_printf(&out->body,
               ",\"%s\":%d,\"new\":%d,\"still_open\":%d,\"fixed\":%d,\"preview\":%s,"
               "\"import_id\":%lld}",
               k->json_days, res.days, res.new_findings, res.still_open, res.fixed,
               commit ? "false" : "true", (long long)res.import_id);
}

/* the whole file in the arena, NUL-terminated; NULL when it cannot be read */
static char *read_whole(arena *a, const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) return NULL;
    char *data = NULL;
    long size = fseek(fp, 0, SEEK_END) == 0 ? ftell(fp) : -1;
    if (size >= 0 && fseek(fp, 0, SEEK_SET) == 0) {
        data = arena_alloc(a, (size_t)size + 1);
        *len = fread(data, 1, (size_t)size, fp);
        data[*len] = 0;
    }
    fclose(fp);
    return data;
}

int signal_cli_import(db *d, const char *tenant_code, const char *path, const signal_kind *k)
{
    arena a;
    arena_init(&a, 0);
    int rc = 1;
    req r;
    auth who;
    size_t len = 0;
    const char *data = read_whole(&a, path, &len);
    if (!scans_cli_req(d, &a, tenant_code, k->command, &r, &who)) {
        /* said */
    } else if (!data) {
        fprintf(stderr, "lis: cannot read %s\n", path);
    } else if (!len || memchr(data, 0, len)) {
        fprintf(stderr, "lis: %s: not %s; nothing was imported\n", path, k->export_noun);
    } else {
        const char *slash = strrchr(path, '/');
        signal_result res;
        if (k->import(&r, data, len, slash ? slash + 1 : path, true, &res)) {
            k->print(&res);
            rc = 0;
        } else if (res.errors) {
            for (int i = 0; i < res.errors && i < SIGNAL_ERROR_ROWS; i++)
                fprintf(stderr, "lis: %s: %s\n", path, res.error_rows[i]);
            fprintf(stderr, "lis: %s: %d bad rows; nothing was imported\n", path, res.errors);
        } else {
            fprintf(stderr, "lis: %s: %s; nothing was imported\n", path, res.error);
        }
    }
    arena_free(&a);
    return rc;
}
