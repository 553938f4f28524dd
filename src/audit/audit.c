/* audit.c - writing, verifying and (once) keying the audit log's chains. */
#include "audit.h"
#include "key.h"
#include "../core/buf.h"
#include "../core/util.h"
#include <stdlib.h>
#include <string.h>

/* The fields in a fixed order, separated by a byte that cannot occur in them (\x1f
 * is refused by input validation), so two different rows never hash alike. Keyed: an
 * HMAC under the audit key; plain: the SHA-256 of rows written before keys existed (only
 * read by audit_rekey). */
static void row_hash(const audit_signer *key, const char *const f[11], const char *prev,
                     char out[65])
{
    buf b;
    buf_init(&b, 0);
    buf_puts(&b, prev ? prev : "");
    for (int i = 0; i < 11; i++) {
        buf_putc(&b, '\x1f');
        buf_puts(&b, f[i] ? f[i] : "\x1e");
    }
    if (key)
        audit_mac_hex(key, b.data, b.len, out);
    else
        sha256_hex(b.data, b.len, out);
    buf_free(&b);
}

/* The signature of a chain head: tenant, last seq and last hash under the key. */
static void head_mac(const audit_signer *key, const char *tenant, const char *seq, const char *hash,
                     char out[65])
{
    buf b;
    buf_init(&b, 0);
    buf_printf(&b, "audit-head\x1f%s\x1f%s\x1f%s", tenant, seq, hash ? hash : "");
    audit_mac_hex(key, b.data, b.len, out);
    buf_free(&b);
}

static int fail(db *d, const char *why, const char *tenant)
{
    snprintf(d->error, sizeof d->error, "audit log of tenant %s: %s", tenant, why);
    return DB_ERROR;
}

/* The signed head of the chain after the rows just written (on PostgreSQL the same upsert
 * travels with the rows' INSERT, write_rows). */
static const char head_upsert[] =
    "INSERT INTO audit_head (tenant_id, seq, hash, mac) VALUES ($1, $2, $3, $4) ON CONFLICT "
    "(tenant_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, mac = excluded.mac";

/* audit_rekey's head, once the chain is re-signed. */
static int put_head(db *d, const audit_signer *key, const char *tenant, const char *seq,
                    const char *hash)
{
    char mac[65];
    head_mac(key, tenant, seq, hash, mac);
    const char *p[] = {tenant, seq, hash, mac};
    int rc = db_exec(d, head_upsert, 4, p, NULL);
    if (rc == DB_OK) audit_syslog_send(key, atoll(tenant), atoll(seq), hash, mac);
    return rc;
}

static const char log_columns[] =
    "INSERT INTO audit_log (tenant_id, seq, at, actor_id, actor, ip, action, entity, "
    "entity_id, summary, diff, prev_hash, hash) VALUES ";
/* a change raises the tenant's write generation (page memo); a read changes nothing */
static const char generation_bump[] =
    "INSERT INTO write_generation (tenant_id, n) VALUES ($1, 1) ON CONFLICT (tenant_id) DO "
    "UPDATE SET n = write_generation.n + 1";

enum { ROW_PARAMS = 12 }; /* per row after the tenant ($1), which all rows share */
enum { ROWS_PER_STATEMENT = 64 };

/* Reads (and on PostgreSQL locks) the chain's head: the last seq and hash, *seq 0 and
 * *prev "" for a chain not begun. Writers of one tenant's chain are serialised (SQLite's
 * BEGIN IMMEDIATE already does): on PostgreSQL the head is locked as it is read, one round
 * trip; after a wait, READ COMMITTED hands back the row as the writer before left it. A
 * chain without a head yet is serialised by an advisory lock, and its head read (and
 * locked) again after it, since the first writer may have made it meanwhile. A chain with
 * rows but no head was written before keys existed (lis audit rekey) or lost its head
 * (tampering): refused. */
static int read_head(db *d, arena *a, const audit_signer *key, const char *tenant, long long *seq,
                     const char **prev)
{
    const char *tp[] = {tenant};
    db_res *head = NULL;
    bool pg = db_kind_of(d) == DB_PG;
    const char *sql = pg ? "SELECT seq, hash, mac FROM audit_head WHERE tenant_id = $1 FOR UPDATE"
                         : "SELECT seq, hash, mac FROM audit_head WHERE tenant_id = $1";
    if (db_query_planned_once(d, a, sql, 1, tp, &head) != DB_OK ||
        (pg && !head->nrows &&
         (db_exec(d, "SELECT pg_advisory_xact_lock(7, CAST($1 AS INTEGER))", 1, tp, NULL) !=
              DB_OK ||
          db_query_planned_once(d, a, sql, 1, tp, &head) != DB_OK)))
        return DB_ERROR;
    *seq = 0;
    *prev = "";
    if (head->nrows) {
        char mac[65];
        head_mac(key, tenant, db_cell(head, 0, 0), db_cell(head, 0, 1), mac);
        if (strcmp(mac, db_cell(head, 0, 2) ? db_cell(head, 0, 2) : "") != 0)
            return fail(d, "its head is not signed by this key (run lis audit verify)", tenant);
        *seq = db_cell_int(head, 0, 0);
        *prev = db_cell(head, 0, 1);
    } else if (db_scalar(d, a, "SELECT 1 FROM audit_log WHERE tenant_id = $1 LIMIT 1", 1, tp)) {
        return fail(d, "it has rows but no signed head (run lis audit rekey, then verify)", tenant);
    }
    return DB_OK;
}

/* Runs sql, and the COMMIT with it when last and commit. */
static int run_step(db *d, const char *sql, int n, const char *const *p, bool last, bool commit)
{
    return last && commit ? db_exec_commit(d, sql, n, p) : db_exec(d, sql, n, p, NULL);
}

/* Signs rows [from, to) of e, chained after seq/prev (which move on to the last row),
 * into the parameters p (the tenant as $1, then ROW_PARAMS per row) and their INSERT
 * into rows. */
static void sign_rows(arena *a, const audit_signer *key, const audit_actor *who, const char *tenant,
                      const audit_entry *e, int from, int to, long long *seq, const char **prev,
                      const char **p, buf *rows)
{
    char now_iso[21];
    time_now_iso(now_iso);
    const char *now = arena_strdup(a, now_iso), *actor_id = int_text(a, who->account_id);
    p[0] = tenant;
    buf_puts(rows, log_columns);
    for (int i = 0; i < to - from; i++) {
        const audit_entry *x = &e[from + i];
        const char *f[11] = {tenant,  int_text(a, ++*seq), now,       actor_id,     who->name,
                             who->ip, x->action,           x->entity, x->entity_id, x->summary,
                             x->diff};
        char hash[65];
        row_hash(key, f, *prev, hash);
        const char **q = p + 1 + i * ROW_PARAMS;
        for (int k = 1; k < 11; k++)
            q[k - 1] = f[k];
        q[10] = *prev;
        q[11] = arena_strdup(a, hash);
        *prev = q[11];
        buf_printf(rows, "%s($1", i ? ", " : "");
        for (int k = 0; k < ROW_PARAMS; k++)
            buf_printf(rows, ", $%d", 2 + i * ROW_PARAMS + k);
        buf_putc(rows, ')');
    }
}

/* Stores the signed rows (np parameters) and the head after them (the three parameters
 * after the rows'): on PostgreSQL one statement, the rows' INSERT and the generation's in
 * a data-modifying WITH and the head's upsert last; on SQLite, which has no such WITH,
 * one each. */
static int store_rows(db *d, const char *rows, const char *const *p, int np, bool bump, bool last,
                      bool commit)
{
    if (db_kind_of(d) != DB_PG) {
        const char *hp[] = {p[0], p[np], p[np + 1], p[np + 2]};
        int rc = db_exec(d, rows, np, p, NULL);
        if (rc == DB_OK && bump) rc = db_exec(d, generation_bump, 1, p, NULL);
        return rc == DB_OK ? run_step(d, head_upsert, 4, hp, last, commit) : rc;
    }
    buf sql;
    buf_init(&sql, 0);
    buf_printf(&sql, "WITH r AS (%s)", rows);
    if (bump) buf_printf(&sql, ", g AS (%s)", generation_bump);
    buf_printf(&sql,
               " INSERT INTO audit_head (tenant_id, seq, hash, mac) VALUES ($1, $%d, $%d, $%d) "
               "ON CONFLICT (tenant_id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, "
               "mac = excluded.mac",
               np + 1, np + 2, np + 3);
    int rc = run_step(d, buf_str(&sql), np + 3, p, last, commit);
    buf_free(&sql);
    return rc;
}

/* Writes rows [from, to) of e after seq/prev, and the signed head after them; then tells
 * the SOC (syslog). */
static int write_rows(db *d, arena *a, const audit_signer *key, const audit_actor *who,
                      const char *tenant, const audit_entry *e, int from, int to, long long *seq,
                      const char **prev, bool bump, bool last, bool commit)
{
    int n = to - from, np = 1 + n * ROW_PARAMS;
    const char **p = arena_alloc(a, sizeof *p * (size_t)(np + 3));
    if (!p) return fail(d, "out of memory", tenant);
    buf rows;
    buf_init(&rows, 0);
    sign_rows(a, key, who, tenant, e, from, to, seq, prev, p, &rows);
    char mac[65];
    p[np] = int_text(a, *seq);
    p[np + 1] = *prev;
    head_mac(key, tenant, p[np], *prev, mac);
    p[np + 2] = arena_strdup(a, mac);
    int rc = store_rows(d, buf_str(&rows), p, np, bump, last, commit);
    buf_free(&rows);
    if (rc != DB_OK) return rc;
    /* the SOC's copy: who did what to which record, never the summary or the diff */
    for (int i = 0; i < n; i++)
        audit_syslog_entry(key, atoll(tenant), who->name, e[from + i].action, e[from + i].entity,
                           e[from + i].entity_id, *seq - n + 1 + i);
    audit_syslog_send(key, atoll(tenant), *seq, *prev, p[np + 2]);
    return DB_OK;
}

int audit_write_entries(db *d, arena *a, const audit_actor *who, int64_t tenant_id,
                        const audit_entry *e, int n, bool commit)
{
    const char *tenant = int_text(a, tenant_id);
    const audit_signer *key = db_audit_signer(d);
    if (!key) return fail(d, "no audit key on this connection", tenant);
    if (n <= 0) return commit ? db_commit(d) : DB_OK;
    long long seq;
    const char *prev;
    int rc = read_head(d, a, key, tenant, &seq, &prev);
    bool bump = false;
    for (int i = 0; i < n; i++)
        bump = bump || !e[i].action || strcmp(e[i].action, "read") != 0;
    for (int from = 0; rc == DB_OK && from < n; from += ROWS_PER_STATEMENT) {
        int to = from + ROWS_PER_STATEMENT < n ? from + ROWS_PER_STATEMENT : n;
        rc = write_rows(d, a, key, who, tenant, e, from, to, &seq, &prev, bump && from == 0,
                        to == n, commit);
    }
    return rc;
}

int audit_write(db *d, arena *a, const audit_actor *who, int64_t tenant_id, const char *action,
                const char *entity, const char *entity_id, const char *summary, const char *diff)
{
    const audit_entry e = {action, entity, entity_id, summary, diff};
    return audit_write_entries(d, a, who, tenant_id, &e, 1, false);
}

/* Every tenant that has or should have a chain: those with rows, those with a head, and
 * every tenant of the organisation table (each one's creation is its first entry). */
static const char *const chains_sql =
    "SELECT tenant_id FROM audit_log GROUP BY tenant_id UNION SELECT tenant_id FROM audit_head "
    "UNION SELECT id FROM tenant ORDER BY 1";

typedef struct chain_walk {
    char prev[65];
    long long last_seq, rows;
    int problems;
} chain_walk;

/* Walks one tenant's rows in seq order, checking each against key (NULL: plain SHA-256).
 * When rewrite is set the rows are re-signed with rekey as they go (audit_rekey). Returns
 * -1 when the log cannot be read; problems are counted in w and printed to out. */
static int walk_chain(db *d, FILE *out, const char *tenant, const audit_signer *key,
                      const audit_signer *rekey, chain_walk *w)
{
    memset(w, 0, sizeof *w);
    char new_prev[65] = "";
    long long after = 0;
    for (;;) {
        arena page;
        arena_init(&page, 0);
        const char *p[] = {tenant, int_text(&page, after)};
        db_res *res = NULL;
        if (db_query(d, &page,
                     "SELECT id, tenant_id, seq, at, actor_id, actor, ip, action, entity, "
                     "entity_id, summary, diff, prev_hash, hash FROM audit_log WHERE "
                     "tenant_id = $1 AND seq > $2 ORDER BY seq LIMIT 1000",
                     2, p, &res) != DB_OK) {
            fprintf(out, "cannot read the audit log: %s\n", db_error(d));
            arena_free(&page);
            return -1;
        }
        for (int i = 0; i < res->nrows; i++) {
            long long seq = db_cell_int(res, i, 2);
            const char *f[11] = {db_cell(res, i, 1),  db_cell(res, i, 2), db_cell(res, i, 3),
                                 db_cell(res, i, 4),  db_cell(res, i, 5), db_cell(res, i, 6),
                                 db_cell(res, i, 7),  db_cell(res, i, 8), db_cell(res, i, 9),
                                 db_cell(res, i, 10), db_cell(res, i, 11)};
            char hash[65];
            row_hash(key, f, w->prev, hash);
            const char *stored_prev = db_cell(res, i, 12);
            if (seq != w->last_seq + 1 || strcmp(stored_prev ? stored_prev : "", w->prev) != 0) {
                fprintf(out,
                        "tenant %s: chain broken before row id %s (seq %lld): row seq %lld "
                        "was removed or altered\n",
                        tenant, db_cell(res, i, 0), seq, w->last_seq + 1);
                w->problems++;
            } else if (strcmp(hash, db_cell(res, i, 13) ? db_cell(res, i, 13) : "") != 0) {
                fprintf(out, "tenant %s: row id %s (seq %lld, %s %s) was altered\n", tenant,
                        db_cell(res, i, 0), seq, db_cell(res, i, 7), db_cell(res, i, 8));
                w->problems++;
            }
            if (w->problems) {
                arena_free(&page);
                return 0;
            }
            if (rekey) {
                char signed_hash[65];
                row_hash(rekey, f, new_prev, signed_hash);
                const char *u[] = {new_prev, signed_hash, db_cell(res, i, 0)};
                if (db_exec(d, "UPDATE audit_log SET prev_hash = $1, hash = $2 WHERE id = $3", 3, u,
                            NULL) != DB_OK) {
                    fprintf(out, "cannot sign the audit log: %s\n", db_error(d));
                    arena_free(&page);
                    return -1;
                }
                snprintf(new_prev, sizeof new_prev, "%s", signed_hash);
            }
            snprintf(w->prev, sizeof w->prev, "%s", db_cell(res, i, 13));
            w->last_seq = seq;
            after = seq;
            w->rows++;
        }
        int n = res->nrows;
        arena_free(&page);
        if (n < 1000) break;
    }
    if (rekey) snprintf(w->prev, sizeof w->prev, "%s", new_prev);
    return 0;
}

int audit_verify(db *d, FILE *out)
{
    const audit_signer *key = db_audit_signer(d);
    if (!key) {
        fprintf(out, "cannot verify the audit log without its key\n");
        return -1;
    }
    arena a;
    arena_init(&a, 0);
    db_res *tenants = NULL;
    int problems = 0;
    if (db_query(d, &a, chains_sql, 0, NULL, &tenants) != DB_OK) {
        fprintf(out, "cannot read the audit log: %s\n", db_error(d));
        arena_free(&a);
        return -1;
    }
    long long rows = 0;
    for (int t = 0; t < tenants->nrows; t++) {
        const char *tenant = db_cell(tenants, t, 0);
        chain_walk w;
        if (walk_chain(d, out, tenant, key, NULL, &w) < 0) {
            arena_free(&a);
            return -1;
        }
        rows += w.rows;
        problems += w.problems;
        if (w.problems) continue;
        const char *tp[] = {tenant};
        db_res *head = NULL;
        if (db_query(d, &a, "SELECT seq, hash, mac FROM audit_head WHERE tenant_id = $1", 1, tp,
                     &head) != DB_OK) {
            fprintf(out, "cannot read the audit log: %s\n", db_error(d));
            arena_free(&a);
            return -1;
        }
        if (!head->nrows) {
            fprintf(out,
                    w.rows ? "tenant %s: its chain has no signed head (rows written before the "
                             "key, or the head was deleted: run lis audit rekey only if the "
                             "former)\n"
                           : "tenant %s: has no audit chain and no signed head: its whole chain "
                             "was deleted\n",
                    tenant);
            problems++;
            continue;
        }
        char mac[65];
        head_mac(key, tenant, db_cell(head, 0, 0), db_cell(head, 0, 1), mac);
        long long head_seq = db_cell_int(head, 0, 0);
        if (strcmp(mac, db_cell(head, 0, 2) ? db_cell(head, 0, 2) : "") != 0) {
            fprintf(out, "tenant %s: its chain head was altered (the signature does not match)\n",
                    tenant);
            problems++;
        } else if (head_seq != w.last_seq ||
                   strcmp(db_cell(head, 0, 1) ? db_cell(head, 0, 1) : "", w.prev) != 0) {
            fprintf(out,
                    "tenant %s: the chain ends at seq %lld but its signed head says seq %lld: "
                    "the newest rows were removed or replaced\n",
                    tenant, w.last_seq, head_seq);
            problems++;
        }
    }
    if (!problems) fprintf(out, "audit log intact: %lld rows in %d chains\n", rows, tenants->nrows);
    arena_free(&a);
    return problems;
}

int audit_unkeyed_chains(db *d)
{
    arena a;
    arena_init(&a, 0);
    db_res *res = NULL;
    /* per tenant, by index: a tenant with rows and no head */
    int rc = db_query(d, &a,
                      "SELECT x.tenant_id FROM (SELECT id AS tenant_id FROM tenant UNION SELECT 0) "
                      "x WHERE NOT EXISTS (SELECT 1 FROM audit_head h WHERE h.tenant_id = "
                      "x.tenant_id) AND EXISTS (SELECT 1 FROM audit_log l WHERE l.tenant_id = "
                      "x.tenant_id)",
                      0, NULL, &res);
    int n = rc == DB_OK ? res->nrows : -1;
    arena_free(&a);
    return n;
}

int audit_rekey(db *d, FILE *out)
{
    const audit_signer *key = db_audit_signer(d);
    if (!key) {
        fprintf(out, "no audit key\n");
        return -1;
    }
    arena a;
    arena_init(&a, 0);
    db_res *tenants = NULL;
    if (db_begin(d) != DB_OK ||
        db_query(d, &a,
                 "SELECT l.tenant_id FROM audit_log l GROUP BY l.tenant_id HAVING NOT EXISTS "
                 "(SELECT 1 FROM audit_head h WHERE h.tenant_id = l.tenant_id) ORDER BY 1",
                 0, NULL, &tenants) != DB_OK) {
        fprintf(out, "cannot read the audit log: %s\n", db_error(d));
        db_rollback(d);
        arena_free(&a);
        return -1;
    }
    int problems = 0;
    long long rows = 0;
    for (int t = 0; t < tenants->nrows && !problems; t++) {
        const char *tenant = db_cell(tenants, t, 0);
        chain_walk w;
        /* only an intact plain chain is signed: signing a tampered one would bless it */
        if (walk_chain(d, out, tenant, NULL, key, &w) < 0) problems = -1;
        if (problems >= 0) problems += w.problems;
        rows += w.rows;
        if (!problems && put_head(d, key, tenant, int_text(&a, w.last_seq), w.prev) != DB_OK) {
            fprintf(out, "cannot sign the audit log: %s\n", db_error(d));
            problems = -1;
        }
    }
    if (problems || db_commit(d) != DB_OK) {
        db_rollback(d);
        fprintf(out, "nothing was signed: the log is as it was\n");
        arena_free(&a);
        return problems ? problems : -1;
    }
    fprintf(out, "signed %lld rows in %d chains with the audit key\n", rows, tenants->nrows);
    arena_free(&a);
    return 0;
}
