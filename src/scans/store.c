/* store.c - one import of a scan file (scans.h), in one transaction: each finding is
 * found by its key (host + plugin/NVT + port) and updated, or inserted with a deadline by
 * its severity; then every open finding of a host this scan covered that it no longer
 * reports is marked fixed. A file with a row that cannot be a finding writes nothing.
 * Each finding's queries use a scratch arena emptied after it, so a file of any size
 * imports in flat memory. */
#include "scans.h"
#include "../core/util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_RULES = 2000, MAX_ERROR_ROWS = 20 };

typedef struct host_entry {
    char *host;
    const char *system_id; /* NULL: unmapped */
    const char *unit_id;
} host_entry;

typedef struct host_rule {
    const char *pattern, *system_id, *unit_id;
} host_rule;

typedef struct import_ctx {
    req *r;
    scan_result *res;
    const char *tenant, *import_id, *default_unit, *scanner;
    char today[11], now[21];
    int days[SEV_CRITICAL + 1];
    host_rule *rules;
    int nrules;
    host_entry *hosts; /* open addressing, a power of two long */
    size_t hosts_cap;
    bool failed; /* the database refused: roll back */
    arena scratch;
} import_ctx;

static uint64_t hash_text(const char *s)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

/* The system of a host: the tenant's rules first (by address, then by name), else a
 * system named like the host. */
static void map_host(import_ctx *c, host_entry *h, const scan_item *it)
{
    for (int pass = 0; pass < 2 && !h->system_id; pass++) {
        const char *name = pass == 0 ? it->host : it->host_name;
        for (int i = 0; i < c->nrules && !h->system_id; i++)
            if (scan_pattern_matches(c->rules[i].pattern, name))
                h->system_id = c->rules[i].system_id, h->unit_id = c->rules[i].unit_id;
    }
    if (h->system_id) return;
    const char *p[] = {c->tenant, it->host, it->host_name};
    db_res *res = NULL;
    /* the scratch arena: only the two ids are kept, in the request's */
    if (db_query(c->r->db, &c->scratch,
                 "SELECT id, unit_id FROM system WHERE tenant_id = $1 AND "
                 "(LOWER(name) = LOWER($2) OR ($3 <> '' AND LOWER(name) = LOWER($3))) ORDER BY id",
                 3, p, &res) != DB_OK) {
        c->failed = true;
        return;
    }
    if (res->nrows >= 1) {
        h->system_id = arena_strdup(c->r->a, db_cell(res, 0, 0));
        h->unit_id = arena_strdup(c->r->a, db_cell(res, 0, 1));
        return;
    }
    if (c->res->nunmapped < (int)(sizeof c->res->unmapped / sizeof c->res->unmapped[0]))
        c->res->unmapped[c->res->nunmapped] =
            *it->host_name ? arena_printf(c->r->a, "%s (%s)", it->host, it->host_name) : h->host;
    c->res->nunmapped++;
}

/* The host's entry, made (and mapped) the first time the scan names it. */
static host_entry *host_of(import_ctx *c, const scan_item *it)
{
    if ((size_t)c->res->hosts * 2 >= c->hosts_cap) {
        size_t cap = c->hosts_cap ? c->hosts_cap * 2 : 256;
        host_entry *grown = calloc(cap, sizeof *grown);
        if (!grown) return NULL;
        for (size_t i = 0; i < c->hosts_cap; i++) {
            if (!c->hosts[i].host) continue;
            size_t j = hash_text(c->hosts[i].host) & (cap - 1);
            while (grown[j].host)
                j = (j + 1) & (cap - 1);
            grown[j] = c->hosts[i];
        }
        free(c->hosts);
        c->hosts = grown, c->hosts_cap = cap;
    }
    size_t j = hash_text(it->host) & (c->hosts_cap - 1);
    while (c->hosts[j].host && strcmp(c->hosts[j].host, it->host))
        j = (j + 1) & (c->hosts_cap - 1);
    host_entry *h = &c->hosts[j];
    if (!h->host) {
        h->host = arena_strdup(c->r->a, it->host);
        h->unit_id = c->default_unit;
        c->res->hosts++;
        map_host(c, h, it);
    }
    return h;
}

static void row_error(void *ctx, int line, const char *message)
{
    import_ctx *c = ctx;
    if (c->res->errors < MAX_ERROR_ROWS)
        c->res->error_rows[c->res->errors] = arena_printf(c->r->a, "row %d: %s", line, message);
    c->res->errors++;
}

static const char *null_if_empty(const char *s)
{
    return s && *s ? s : NULL;
}

static bool write_item(import_ctx *c, const scan_item *it, scan_severity sev, const char *score,
                       const char *version)
{
    host_entry *h = host_of(c, it);
    if (!h || c->failed) return false;
    arena *a = &c->scratch;
    const char *key[] = {c->tenant, it->host, it->plugin, it->port};
    db_res *found = NULL;
    if (db_query(c->r->db, a,
                 "SELECT id, status, last_import_id FROM scan_finding WHERE tenant_id = $1 AND "
                 "host = $2 AND plugin = $3 AND port = $4",
                 4, key, &found) != DB_OK)
        return false;
    char due[11];
    date_add_days(c->today, c->days[sev], due);
    const char *sevc = scan_severity_code(sev);
    if (found->nrows == 0) {
        const char *p[] = {c->tenant,
                           h->unit_id,
                           h->system_id,
                           it->host,
                           null_if_empty(it->host_name),
                           it->plugin,
                           it->port,
                           *it->title ? it->title : it->plugin,
                           c->scanner,
                           sevc,
                           null_if_empty(score),
                           null_if_empty(version),
                           null_if_empty(it->output),
                           c->today,
                           due,
                           c->import_id,
                           c->now};
        if (db_exec(c->r->db,
                    "INSERT INTO scan_finding (tenant_id, unit_id, system_id, host, host_name, "
                    "plugin, port, title, scanner, severity, cvss, cvss_version, output, status, "
                    "first_seen, last_seen, due_on, last_import_id, created_at, updated_at) VALUES "
                    "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, 'open', $14, $14, "
                    "$15, $16, $17, $17)",
                    17, p, NULL) != DB_OK)
            return false;
        c->res->findings++, c->res->new_findings++;
        return true;
    }
    const char *last = db_cell(found, 0, 2);
    if (last && !strcmp(last, c->import_id)) return true; /* named twice in one file */
    bool reappeared = !strcmp(db_cell(found, 0, 1), "fixed");
    c->res->findings++;
    if (reappeared)
        c->res->new_findings++;
    else
        c->res->still_open++;
    /* a finding that comes back is open again, with a new deadline from today */
    const char *p[] = {db_cell(found, 0, 0),
                       c->tenant,
                       c->today,
                       c->import_id,
                       *it->title ? it->title : it->plugin,
                       sevc,
                       null_if_empty(score),
                       null_if_empty(version),
                       null_if_empty(it->output),
                       c->now,
                       reappeared ? due : NULL,
                       h->system_id};
    return db_exec(c->r->db,
                   "UPDATE scan_finding SET last_seen = $3, last_import_id = $4, title = $5, "
                   "severity = $6, cvss = $7, cvss_version = $8, output = $9, updated_at = $10, "
                   "status = CASE WHEN CAST($11 AS TEXT) IS NULL THEN status ELSE 'open' END, "
                   "fixed_on = CASE WHEN CAST($11 AS TEXT) IS NULL THEN fixed_on END, "
                   "due_on = COALESCE(CAST($11 AS TEXT), due_on), "
                   "system_id = COALESCE(system_id, CAST($12 AS BIGINT)) "
                   "WHERE id = $1 AND tenant_id = $2",
                   12, p, NULL) == DB_OK;
}

static bool on_item(void *ctx, const scan_item *it)
{
    import_ctx *c = ctx;
    const char *score, *version;
    scan_severity sev = scan_item_severity(it, &score, &version);
    if (sev == SEV_NONE) {
        c->res->informational++;
        return true;
    }
    if (c->res->errors || c->failed) return true; /* reading on, to report every bad row */
    bool ok = write_item(c, it, sev, score, version);
    arena_free(&c->scratch);
    arena_init(&c->scratch, 0);
    if (!ok) c->failed = true;
    return ok;
}

/* The tenant's deadlines (its own, else the defaults) and host rules. */
static bool load_settings(import_ctx *c)
{
    for (int s = SEV_LOW; s <= SEV_CRITICAL; s++)
        c->days[s] = scan_default_days((scan_severity)s);
    const char *p[] = {c->tenant};
    db_res *res = NULL;
    if (db_query(c->r->db, c->r->a, "SELECT severity, days FROM scan_deadline WHERE tenant_id = $1",
                 1, p, &res) != DB_OK)
        return false;
    for (int i = 0; i < res->nrows; i++)
        for (int s = SEV_LOW; s <= SEV_CRITICAL; s++)
            if (!strcmp(db_cell(res, i, 0), scan_severity_code((scan_severity)s)))
                c->days[s] = (int)db_cell_int(res, i, 1);
    if (db_query(c->r->db, c->r->a,
                 "SELECT h.pattern, h.system_id, s.unit_id FROM scan_host_rule h JOIN system s ON "
                 "s.id = h.system_id AND s.tenant_id = h.tenant_id WHERE h.tenant_id = $1 ORDER BY "
                 "LENGTH(h.pattern) DESC, h.id",
                 1, p, &res) != DB_OK)
        return false;
    c->nrules = res->nrows < MAX_RULES ? res->nrows : MAX_RULES;
    c->rules = arena_alloc(c->r->a, sizeof *c->rules * (size_t)(c->nrules + 1));
    if (!c->rules) return false;
    for (int i = 0; i < c->nrules; i++)
        c->rules[i] = (host_rule){db_cell(res, i, 0), db_cell(res, i, 1), db_cell(res, i, 2)};
    /* the most specific rule first (a stable sort keeps the database's order among equals) */
    for (int i = 1; i < c->nrules; i++)
        for (int j = i; j > 0 && scan_rule_order(c->rules[j].pattern, c->rules[j - 1].pattern) < 0;
             j--) {
            host_rule t = c->rules[j];
            c->rules[j] = c->rules[j - 1];
            c->rules[j - 1] = t;
        }
    return true;
}

static const char *root_unit(req *r)
{
    const char *p[] = {tenant_param(r)};
    return db_scalar(r->db, r->a,
                     "SELECT id FROM unit WHERE tenant_id = $1 AND parent_id IS NULL ORDER BY id",
                     1, p);
}

/* Every open finding of a host this scan covered that it did not report is fixed: one
 * statement over the tenant's open findings, each host looked up by the key's prefix (a
 * statement per host let the planner scan every open finding for each host). */
static bool mark_fixed(import_ctx *c)
{
    const char *p[] = {c->tenant, c->import_id, c->today, c->now};
    int64_t changed = 0;
    if (db_exec(c->r->db,
                "UPDATE scan_finding SET status = 'fixed', fixed_on = $3, updated_at = $4 "
                "WHERE tenant_id = $1 AND status = 'open' AND last_import_id <> $2 AND EXISTS "
                "(SELECT 1 FROM scan_finding seen WHERE seen.tenant_id = $1 AND seen.host = "
                "scan_finding.host AND seen.last_import_id = $2)",
                4, p, &changed) != DB_OK)
        return false;
    c->res->fixed = (int)changed;
    return true;
}

static bool finish(import_ctx *c, const char *file_name)
{
    const scan_result *res = c->res;
    buf unmapped;
    buf_init(&unmapped, 1 << 16);
    for (int i = 0; i < res->nunmapped && i < (int)(sizeof res->unmapped / sizeof *res->unmapped);
         i++)
        buf_printf(&unmapped, "%s%s", i ? "\n" : "", res->unmapped[i]);
    if (res->nunmapped > (int)(sizeof res->unmapped / sizeof *res->unmapped))
        buf_printf(&unmapped, "\n… (%d)", res->nunmapped);
    const char *p[] = {c->import_id,
                       c->tenant,
                       int_text(c->r->a, res->findings),
                       int_text(c->r->a, res->hosts),
                       int_text(c->r->a, res->new_findings),
                       int_text(c->r->a, res->still_open),
                       int_text(c->r->a, res->fixed),
                       unmapped.len ? arena_strndup(c->r->a, unmapped.data, unmapped.len) : NULL};
    buf_free(&unmapped);
    if (db_exec(c->r->db,
                "UPDATE scan_import SET findings = $3, hosts = $4, new_findings = $5, "
                "still_open = $6, fixed = $7, unmapped_hosts = $8 WHERE id = $1 AND tenant_id = $2",
                8, p, NULL) != DB_OK)
        return false;
    const char *summary =
        arena_printf(c->r->a, "%s: %d findings on %d hosts: %d new, %d still open, %d fixed",
                     file_name ? file_name : scan_format_name(res->format), res->findings,
                     res->hosts, res->new_findings, res->still_open, res->fixed);
    return entity_audit(c->r, "import", &entity_scan_imports, atoll(c->import_id), summary, NULL) ==
           DB_OK;
}

bool scan_import(req *r, const char *data, size_t len, const char *path, const char *file_name,
                 const char *unit_id, bool commit, scan_result *res)
{
    memset(res, 0, sizeof *res);
    import_ctx c = {.r = r, .res = res, .tenant = tenant_param(r)};
    date_today(c.today);
    time_now_iso(c.now);
    char head[4096];
    size_t hn = 0;
    if (data) {
        hn = len < sizeof head ? len : sizeof head;
        memcpy(head, data, hn);
    } else {
        FILE *fp = fopen(path, "rb");
        if (fp) hn = fread(head, 1, sizeof head, fp), fclose(fp);
    }
    res->format = scan_detect(head, hn);
    if (res->format == SCAN_UNKNOWN) {
        res->error = "not a scan export lis reads (Greenbone/OpenVAS XML, Nessus .nessus or CSV)";
        return false;
    }
    c.scanner = res->format == SCAN_OPENVAS_XML ? "OpenVAS" : "Nessus";
    c.default_unit = unit_id && *unit_id ? unit_id : root_unit(r);
    if (!c.default_unit) {
        res->error = "the tenant has no unit";
        return false;
    }
    if (db_begin(r->db) != DB_OK) {
        res->error = "the database is busy";
        res->db_failed = true;
        return false;
    }
    arena_init(&c.scratch, 0);
    bool ok = load_settings(&c);
    if (ok) {
        const char *p[] = {
            c.tenant, c.default_unit, null_if_empty(file_name), scan_format_name(res->format),
            c.today,  c.now};
        db_res *id = NULL;
        ok = db_query(r->db, r->a,
                      "INSERT INTO scan_import (tenant_id, unit_id, file_name, format, scanned_on, "
                      "findings, hosts, new_findings, still_open, fixed, created_at, updated_at) "
                      "VALUES ($1, $2, $3, $4, $5, 0, 0, 0, 0, 0, $6, $6) RETURNING id",
                      6, p, &id) == DB_OK &&
             id->nrows == 1;
        if (ok) c.import_id = db_cell(id, 0, 0), res->import_id = db_cell_int(id, 0, 0);
    }
    if (ok) {
        scan_sink sink = {&c, on_item, row_error};
        char err[512] = "";
        bool read = data ? scan_parse_memory(data, len, &sink, err, sizeof err)
                         : scan_parse_file(path, &sink, err, sizeof err);
        if (!read && !c.failed) res->error = arena_strdup(r->a, err);
        ok = read && !c.failed && !res->errors;
    }
    if (ok) ok = mark_fixed(&c) && finish(&c, file_name);
    if (!ok && !res->error && !res->errors) {
        res->error = "the database refused the import";
        res->db_failed = true;
    }
    if (ok && commit)
        ok = db_commit(r->db) == DB_OK;
    else
        db_rollback(r->db);
    arena_free(&c.scratch);
    free(c.hosts);
    return ok;
}
