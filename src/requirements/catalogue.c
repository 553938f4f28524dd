/* catalogue.c - lis's own requirement catalogue (data/requirements.csv, compiled in)
 * kept in step in every tenant. A tenant whose copy is older than the compiled one
 * (by the file's SHA-256) gets new requirements added and the texts and triggers of
 * shipped ones updated by code; what the tenant decided (switched off, with a reason)
 * stays. One audit row per tenant and update. */
#include "requirements.h"
#include "../org/phases.h"
#include "../audit/audit.h"
#include "../core/csv.h"
#include "../core/embedded.h"
#include "../core/util.h"
#include <stdlib.h>
#include <string.h>

static const audit_actor catalogue_actor = {0, "lis", "catalogue"};

/* code;area;kind;aspect;min_level;text_sv;text_en;iso27002;msbfs;gdpr;scope — scope "org"
 * marks an organisation-wide requirement (org.c), empty one assessed per object */
enum { COLS = 11 };

static const embedded_file *catalogue_file(void)
{
    for (const embedded_file *f = embedded_data; f->name; f++)
        if (!strcmp(f->name, "requirements.csv")) return f;
    return NULL;
}

static int sync_tenant(db *d, arena *a, const embedded_file *f, const char *tenant,
                       const char *hash, int *count)
{
    char now[21];
    time_now_iso(now);
    csv_reader c;
    csv_init(&c, f->data, f->len, ';');
    char *row[COLS];
    if (csv_next(&c, a, row, COLS) != COLS) return DB_ERROR; /* the header */
    int n, rc = DB_OK;
    *count = 0;
    while (rc == DB_OK && (n = csv_next(&c, a, row, COLS)) > 0) {
        if (n != COLS) return DB_ERROR;
        const char *p[] = {tenant,
                           row[0],
                           row[1],
                           row[2],
                           row[3],
                           row[4],
                           row[5],
                           row[6],
                           *row[7] ? row[7] : NULL,
                           *row[8] ? row[8] : NULL,
                           *row[9] ? row[9] : NULL,
                           now,
                           !strcmp(row[10], "org") ? "1" : "0"};
        rc = db_exec(
            d,
            "INSERT INTO requirement (tenant_id, code, source, area, kind, aspect, "
            "min_level, text_sv, text_en, iso27002, msbfs, gdpr, created_at, updated_at, "
            "org_wide, phase) VALUES ($1, $2, 'lis', $3, $4, $5, CAST($6 AS INTEGER), $7, $8, "
            "$9, $10, $11, $12, $12, CAST($13 AS INTEGER), " PHASE_OF_AREA_SQL(
                "$3") ") ON CONFLICT (tenant_id, code) DO UPDATE SET area = excluded.area, "
                      "kind = excluded.kind, aspect = excluded.aspect, min_level = "
                      "excluded.min_level, text_sv = excluded.text_sv, text_en = excluded.text_en, "
                      "iso27002 = excluded.iso27002, msbfs = excluded.msbfs, gdpr = excluded.gdpr, "
                      "org_wide = excluded.org_wide, updated_at = excluded.updated_at WHERE "
                      "requirement.source = 'lis'",
            13, p, NULL);
        (*count)++;
    }
    if (c.error) return DB_ERROR;
    /* requirements that became organisation-wide: the objects' answers are history, the
     * strictest the tenant's answer; every count of the tenant anew */
    int carried = 0;
    if (rc == DB_OK) rc = org_answers_carry(d, a, &catalogue_actor, tenant, &carried);
    if (rc == DB_OK) rc = answer_tally_tenant_rebuild(d, tenant);
    const char *pt[] = {hash, tenant};
    if (rc == DB_OK)
        rc = db_exec(d, "UPDATE tenant SET catalogue_hash = $1 WHERE id = $2", 2, pt, NULL);
    if (rc == DB_OK)
        rc = audit_write(d, a, &catalogue_actor, atoll(tenant), "catalogue", "requirements", NULL,
                         arena_printf(a, "lis kravkatalog %.12s: %d krav", hash, *count), NULL);
    return rc;
}

int catalogue_sync(db *d, FILE *log)
{
    const embedded_file *f = catalogue_file();
    if (!f) return DB_ERROR;
    char hash[65];
    sha256_hex(f->data, f->len, hash);
    arena a;
    arena_init(&a, 0);
    const char *p[] = {hash};
    db_res *tenants = NULL;
    int rc = db_query(d, &a,
                      "SELECT id FROM tenant WHERE catalogue_hash IS NULL OR catalogue_hash <> $1 "
                      "ORDER BY id",
                      1, p, &tenants);
    int synced = 0, count = 0;
    for (int i = 0; rc == DB_OK && i < tenants->nrows; i++) {
        if ((rc = db_begin(d)) != DB_OK) break;
        arena rows; /* the rows of one tenant, freed before the next */
        arena_init(&rows, 0);
        rc = sync_tenant(d, &rows, f, db_cell(tenants, i, 0), hash, &count);
        arena_free(&rows);
        if (rc == DB_OK && (rc = db_commit(d)) == DB_OK)
            synced++;
        else
            db_rollback(d);
    }
    if (rc != DB_OK)
        fprintf(log, "lis: the requirement catalogue could not be updated: %s\n", db_error(d));
    else if (synced)
        fprintf(log, "requirement catalogue (%d requirements) brought up to date in %d tenant%s\n",
                count, synced, synced == 1 ? "" : "s");
    arena_free(&a);
    return rc;
}
