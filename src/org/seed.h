/* seed.h - command-line creation of tenants, units, people and roles. */
#ifndef LIS_SEED_H
#define LIS_SEED_H
#include "../db/db.h"
#include <stdint.h>
#include <stdio.h>
/* Each returns the new id, or 0 on failure (the caller rolls back). Call inside a
 * transaction. */
int64_t seed_tenant(db *d, arena *a, const char *code, const char *name, const char *kind);
int64_t seed_unit(db *d, arena *a, int64_t tenant, int64_t parent, const char *name,
                  const char *kind);
int64_t seed_account(db *d, arena *a, const char *email, const char *password_hash);
int64_t seed_person(db *d, arena *a, int64_t tenant, int64_t unit, const char *name,
                    const char *email, const char *title, const char *password_hash);
int64_t seed_role(db *d, arena *a, int64_t tenant, int64_t person, int64_t unit, const char *role);
/* The demo's and the generators' kit: runs sql (an INSERT … RETURNING id) and records the
 * new row in the audit log as the system (action on entity, with title). The new id, or 0
 * on failure. */
int64_t seed_insert_audited(db *d, arena *a, int64_t tenant, const char *entity, const char *action,
                            const char *title, const char *sql, int n, const char **p);
#endif
