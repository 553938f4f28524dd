/* audit.h - the append-only, keyed, hash-chained audit log.
 *
 * Every change is recorded in the same transaction as the change itself. Each tenant
 * has its own chain: row n stores the hash of row n-1 and its own HMAC-SHA256 over all
 * its fields under the audit key (key.h), which lives outside the database. Editing or
 * removing a row breaks the chain at that row, and recomputing the hashes needs the key.
 * Each chain's head (last seq and hash) is kept signed in audit_head, updated in the same
 * transaction, so removing the newest rows or a whole chain shows too; each new head is
 * also sent to syslog when configured. `lis audit verify` names the tenant and row.
 * Tenant 0 holds events outside any tenant. The connection carries the key
 * (db_set_audit_signer): without it nothing is written. */
#ifndef LIS_AUDIT_H
#define LIS_AUDIT_H
#include "../db/db.h"
#include <stdint.h>
#include <stdio.h>

typedef struct audit_actor {
    int64_t account_id; /* 0 for the system (command line) */
    const char *name;   /* e-mail, or "system" */
    const char *ip;
} audit_actor;

/* Must be called inside a transaction. Returns DB_OK or an error. */
int audit_write(db *d, arena *a, const audit_actor *who, int64_t tenant_id, const char *action,
                const char *entity, const char *entity_id, const char *summary,
                const char *diff) DB_MUST_CHECK;

/* One entry of a batch by the same actor in the same tenant (audit_write's fields). */
typedef struct audit_entry {
    const char *action, *entity, *entity_id, *summary, *diff;
} audit_entry;

/* Writes n entries in order: the head read once and written once, the rows in one
 * statement, so a page's reads of several need-to-know records cost what one does.
 * commit: the transaction is committed with the last statement (one round trip on
 * PostgreSQL); on failure it is still open, to be rolled back. */
int audit_write_entries(db *d, arena *a, const audit_actor *who, int64_t tenant_id,
                        const audit_entry *e, int n, bool commit) DB_MUST_CHECK;

/* Checks every chain; prints each problem to out; returns the number of problems,
 * or -1 when the log cannot be read. */
int audit_verify(db *d, FILE *out);

/* Chains with rows but no signed head: a log written before keys existed. -1 when the
 * log cannot be read. */
int audit_unkeyed_chains(db *d);

/* Once, for a log written before keys existed: checks each unsigned chain's plain
 * SHA-256 links and, only when every one is intact, re-signs its rows with the key and
 * writes its head, all in one transaction. Returns 0, the number of problems found (then
 * nothing changed), or -1. */
int audit_rekey(db *d, FILE *out);

#endif
