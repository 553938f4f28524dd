/* audit.h - the append-only, hash-chained audit log.
 *
 * Every change is recorded in the same transaction as the change itself. Each tenant
 * has its own chain: row n stores the hash of row n-1 and its own hash over all its
 * fields, so editing or removing a row breaks the chain at that row, and
 * `lis audit verify` names it. Removing the newest rows of a chain leaves a shorter
 * chain that still verifies: keep a copy of each chain's last hash elsewhere (backups)
 * to detect that. Tenant 0 holds events outside any tenant. */
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

/* Checks every chain; prints each problem to out; returns the number of problems,
 * or -1 when the log cannot be read. */
int audit_verify(db *d, FILE *out);

#endif
