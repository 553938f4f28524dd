#include "audit.h"
#include "../core/buf.h"
#include "../core/util.h"
#include <stdlib.h>
#include <string.h>

/* The fields in a fixed order, separated by a byte that cannot occur in them (\x1f
 * is refused by input validation), so two different rows never hash alike. */
static void row_hash(const char *const f[11], const char *prev, char out[65])
{
    buf b;
    buf_init(&b, 0);
    buf_puts(&b, prev ? prev : "");
    for (int i = 0; i < 11; i++) {
        buf_putc(&b, '\x1f');
        buf_puts(&b, f[i] ? f[i] : "\x1e");
    }
    sha256_hex(b.data, b.len, out);
    buf_free(&b);
}

int audit_write(db *d, arena *a, const audit_actor *who, int64_t tenant_id, const char *action,
                const char *entity, const char *entity_id, const char *summary, const char *diff)
{
    const char *tenant = arena_printf(a, "%lld", (long long)tenant_id);
    const char *tp[] = {tenant};
    if (db_kind_of(d) == DB_PG) {
        /* serialise writers of one tenant's chain; SQLite's BEGIN IMMEDIATE already does */
        if (db_exec(d, "SELECT pg_advisory_xact_lock(7, CAST($1 AS INTEGER))", 1, tp, NULL) !=
            DB_OK)
            return DB_ERROR;
    }
    db_res *last = NULL;
    if (db_query(d, a,
                 "SELECT seq, hash FROM audit_log WHERE tenant_id = $1 ORDER BY seq DESC LIMIT 1",
                 1, tp, &last) != DB_OK)
        return DB_ERROR;
    long long seq = last->nrows ? db_cell_int(last, 0, 0) + 1 : 1;
    const char *prev = last->nrows ? db_cell(last, 0, 1) : "";
    char now[21], hash[65];
    time_now_iso(now);
    const char *f[11] = {tenant,    arena_printf(a, "%lld", seq),
                         now,       arena_printf(a, "%lld", (long long)who->account_id),
                         who->name, who->ip,
                         action,    entity,
                         entity_id, summary,
                         diff};
    row_hash(f, prev, hash);
    const char *p[] = {tenant, f[1],      now,     f[3], who->name, who->ip, action,
                       entity, entity_id, summary, diff, prev,      hash};
    return db_exec(d,
                   "INSERT INTO audit_log (tenant_id, seq, at, actor_id, actor, ip, action, "
                   "entity, entity_id, summary, diff, prev_hash, hash) VALUES ($1, $2, $3, $4, "
                   "$5, $6, $7, $8, $9, $10, $11, $12, $13)",
                   13, p, NULL);
}

int audit_verify(db *d, FILE *out)
{
    arena a;
    arena_init(&a, 0);
    db_res *tenants = NULL;
    int problems = 0;
    if (db_query(d, &a, "SELECT DISTINCT tenant_id FROM audit_log ORDER BY tenant_id", 0, NULL,
                 &tenants) != DB_OK) {
        fprintf(out, "cannot read the audit log: %s\n", db_error(d));
        arena_free(&a);
        return -1;
    }
    long long rows = 0;
    for (int t = 0; t < tenants->nrows; t++) {
        const char *tenant = db_cell(tenants, t, 0);
        char prev[65] = "";
        long long expect_seq = 1, after = 0;
        bool broken = false;
        for (;;) {
            arena page;
            arena_init(&page, 0);
            const char *p[] = {tenant, arena_printf(&page, "%lld", after)};
            db_res *res = NULL;
            if (db_query(d, &page,
                         "SELECT id, tenant_id, seq, at, actor_id, actor, ip, action, entity, "
                         "entity_id, summary, diff, prev_hash, hash FROM audit_log WHERE "
                         "tenant_id = $1 AND seq > $2 ORDER BY seq LIMIT 1000",
                         2, p, &res) != DB_OK) {
                fprintf(out, "cannot read the audit log: %s\n", db_error(d));
                arena_free(&page);
                arena_free(&a);
                return -1;
            }
            for (int i = 0; i < res->nrows && !broken; i++) {
                long long seq = db_cell_int(res, i, 2);
                const char *f[11] = {db_cell(res, i, 1),  db_cell(res, i, 2), db_cell(res, i, 3),
                                     db_cell(res, i, 4),  db_cell(res, i, 5), db_cell(res, i, 6),
                                     db_cell(res, i, 7),  db_cell(res, i, 8), db_cell(res, i, 9),
                                     db_cell(res, i, 10), db_cell(res, i, 11)};
                char hash[65];
                row_hash(f, prev, hash);
                const char *stored_prev = db_cell(res, i, 12);
                if (seq != expect_seq || strcmp(stored_prev ? stored_prev : "", prev) != 0) {
                    fprintf(out,
                            "tenant %s: chain broken before row id %s (seq %lld): row seq %lld "
                            "was removed or altered\n",
                            tenant, db_cell(res, i, 0), seq, expect_seq);
                    problems++;
                    broken = true;
                } else if (strcmp(hash, db_cell(res, i, 13) ? db_cell(res, i, 13) : "") != 0) {
                    fprintf(out, "tenant %s: row id %s (seq %lld, %s %s) was altered\n", tenant,
                            db_cell(res, i, 0), seq, db_cell(res, i, 7), db_cell(res, i, 8));
                    problems++;
                    broken = true;
                }
                snprintf(prev, sizeof prev, "%s", db_cell(res, i, 13));
                expect_seq = seq + 1;
                after = seq;
                rows++;
            }
            int n = res->nrows;
            arena_free(&page);
            if (n < 1000 || broken) break;
        }
    }
    if (!problems) fprintf(out, "audit log intact: %lld rows in %d chains\n", rows, tenants->nrows);
    arena_free(&a);
    return problems;
}
