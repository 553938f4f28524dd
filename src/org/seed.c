/* seed.c - creating tenants, units, people and roles from the command line
 * (lis init, lis user add; the demo in src/app/demo.c). Each write is audited as the
 * system. */
#include "seed.h"
#include "../audit/audit.h"
#include "../auth/auth.h"
#include "../core/util.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const audit_actor system_actor = {0, "system", "cli"};

int64_t seed_tenant(db *d, arena *a, const char *code, const char *name, const char *kind)
{
    char now[21];
    time_now_iso(now);
    const char *p[] = {code, name, kind, now};
    db_res *res = NULL;
    if (db_query(d, a,
                 "INSERT INTO tenant (code, name, kind, created_at) VALUES ($1, $2, $3, $4) "
                 "RETURNING id",
                 4, p, &res) != DB_OK)
        return 0;
    int64_t id = db_cell_int(res, 0, 0);
    if (audit_write(d, a, &system_actor, id, "create", "tenants", int_text(a, id), name, NULL) !=
        DB_OK)
        return 0;
    return id;
}

int64_t seed_unit(db *d, arena *a, int64_t tenant, int64_t parent, const char *name,
                  const char *kind)
{
    char now[21];
    time_now_iso(now);
    const char *p[] = {int_text(a, tenant), parent ? int_text(a, parent) : NULL, name, kind, now};
    db_res *res = NULL;
    if (db_query(
            d, a,
            "INSERT INTO unit (tenant_id, parent_id, path, name, kind, created_at, updated_at) "
            "VALUES ($1, $2, '', $3, $4, $5, $5) RETURNING id",
            5, p, &res) != DB_OK)
        return 0;
    int64_t id = db_cell_int(res, 0, 0);
    const char *ppath = "/";
    if (parent) {
        const char *q[] = {int_text(a, parent)};
        ppath = db_scalar(d, a, "SELECT path FROM unit WHERE id = $1", 1, q);
        if (!ppath) return 0;
    }
    const char *q[] = {arena_printf(a, "%s%lld/", ppath, (long long)id), int_text(a, id)};
    if (db_exec(d, "UPDATE unit SET path = $1 WHERE id = $2", 2, q, NULL) != DB_OK ||
        audit_write(d, a, &system_actor, tenant, "create", "units", int_text(a, id), name, NULL) !=
            DB_OK)
        return 0;
    return id;
}

/* E-mail addresses are stored in lower case: that is how people log in. */
static const char *lower_email(arena *a, const char *email)
{
    char *s = arena_strdup(a, email);
    for (char *c = s; *c; c++)
        if (*c >= 'A' && *c <= 'Z') *c = (char)(*c - 'A' + 'a');
    return s;
}

int64_t seed_account(db *d, arena *a, const char *email, const char *password_hash)
{
    email = lower_email(a, email);
    const char *p[] = {email};
    const char *id = db_scalar(d, a, "SELECT id FROM account WHERE email = $1", 1, p);
    if (id) {
        if (password_hash) {
            const char *q[] = {id, password_hash};
            if (db_exec(d, "UPDATE account SET password_hash = $2 WHERE id = $1", 2, q, NULL) !=
                DB_OK)
                return 0;
        }
        return atoll(id);
    }
    char now[21];
    time_now_iso(now);
    const char *q[] = {email, password_hash, now};
    db_res *res = NULL;
    if (db_query(d, a,
                 "INSERT INTO account (email, password_hash, created_at) VALUES ($1, $2, $3) "
                 "RETURNING id",
                 3, q, &res) != DB_OK)
        return 0;
    return db_cell_int(res, 0, 0);
}

int64_t seed_person(db *d, arena *a, int64_t tenant, int64_t unit, const char *name,
                    const char *email, const char *title, const char *password_hash)
{
    email = lower_email(a, email);
    int64_t account = seed_account(d, a, email, password_hash);
    if (!account) return 0;
    char now[21];
    time_now_iso(now);
    const char *p[] = {int_text(a, tenant),
                       int_text(a, account),
                       name,
                       email,
                       title,
                       unit ? int_text(a, unit) : NULL,
                       now};
    db_res *res = NULL;
    if (db_query(d, a,
                 "INSERT INTO person (tenant_id, account_id, name, email, title, unit_id, active, "
                 "created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $7) RETURNING id",
                 7, p, &res) != DB_OK)
        return 0;
    int64_t id = db_cell_int(res, 0, 0);
    if (audit_write(d, a, &system_actor, tenant, "create", "people", int_text(a, id), name, NULL) !=
        DB_OK)
        return 0;
    return id;
}

int64_t seed_role(db *d, arena *a, int64_t tenant, int64_t person, int64_t unit, const char *role)
{
    char now[21];
    time_now_iso(now);
    const char *p[] = {int_text(a, tenant), int_text(a, person), int_text(a, unit), role, now};
    db_res *res = NULL;
    if (db_query(d, a,
                 "INSERT INTO role_assignment (tenant_id, person_id, unit_id, role, created_at, "
                 "updated_at) VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
                 5, p, &res) != DB_OK)
        return 0;
    int64_t id = db_cell_int(res, 0, 0);
    if (audit_write(d, a, &system_actor, tenant, "create", "roles", int_text(a, id), role, NULL) !=
        DB_OK)
        return 0;
    return id;
}

int64_t seed_insert_audited(db *d, arena *a, int64_t tenant, const char *entity, const char *action,
                            const char *title, const char *sql, int n, const char **p)
{
    db_res *res = NULL;
    if (db_query(d, a, sql, n, p, &res) != DB_OK || res->nrows != 1) return 0;
    int64_t id = db_cell_int(res, 0, 0);
    return audit_write(d, a, &system_actor, tenant, action, entity, int_text(a, id), title, NULL) ==
                   DB_OK
               ? id
               : 0;
}
