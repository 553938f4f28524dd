/* seed.c - creating tenants, units, people and roles from the command line
 * (lis init, lis demo, lis user add). Each write is audited as the system. */
#include "seed.h"
#include "../inventory/demo.h"
#include "../risks/demo.h"
#include "../forum/forum.h"
#include "../incidents/incidents.h"
#include "../continuity/continuity.h"
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

typedef struct demo_unit {
    const char *name, *kind;
    int parent; /* index into the table, -1 for the root */
} demo_unit;

static const demo_unit demo_units[] = {
    /* 0 */ {NULL, "organisation", -1},
    /* 1 */ {"Kommunfullmäktige", "fullmaktige", 0},
    /* 2 */ {"Kommunstyrelsen", "styrelse", 1},
    /* 3 */ {"Kommunledningsförvaltningen", "forvaltning", 2},
    /* 4 */ {"IT-avdelningen", "avdelning", 3},
    /* 5 */ {"Barn- och utbildningsnämnden", "namnd", 1},
    /* 6 */ {"Barn- och utbildningsförvaltningen", "forvaltning", 5},
    /* 7 */ {"Socialnämnden", "namnd", 1},
    /* 8 */ {"Socialförvaltningen", "forvaltning", 7},
    /* 9 */ {"Individ- och familjeomsorg", "avdelning", 8},
    /* 10 */ {"Samhällsbyggnadsnämnden", "namnd", 1},
    /* 11 */ {"Samhällsbyggnadsförvaltningen", "forvaltning", 10},
    /* 12 */ {"Stadshus AB", "koncern", 0},
    /* 13 */ {"Bostads AB", "bolag", 12},
    /* 14 */ {"Energi AB", "bolag", 12},
};

typedef struct demo_person {
    const char *name, *local, *title;
    int unit;
    const char *role;
    int role_unit;
} demo_person;

static const demo_person demo_people[] = {
    {"Anna Andersson", "admin", "Systemförvaltare LIS", 4, "tenant_admin", 0},
    {"Carl Berg", "ciso", "Informationssäkerhetsansvarig", 3, "ciso", 0},
    {"Karin Dahl", "ledning", "Kommundirektör", 3, "ledning", 0},
    {"Sara Ek", "samordnare", "Informationssäkerhetssamordnare", 8, "coordinator", 8},
    {"Olle Falk", "agare", "Socialchef", 8, "info_owner", 8},
    {"Rita Gran", "revisor", "Revisor", 0, "auditor", 0},
    {"Mats Holm", "medarbetare", "Lärare", 6, "employee", 6},
};

static const char *demo_password(arena *a, const char *given)
{
    if (given) return given;
    /* readable but random: four groups of letters and digits */
    static const char alphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";
    char *pw = arena_alloc(a, 20);
    for (int i = 0; i < 19; i++)
        pw[i] = (i % 5 == 4) ? '-' : alphabet[randombytes_uniform(sizeof alphabet - 1)];
    return pw;
}

int seed_demo(db *d, const char *given_password, FILE *out)
{
    arena a;
    arena_init(&a, 0);
    if (db_begin(d) != DB_OK) {
        fprintf(out, "cannot start a transaction: %s\n", db_error(d));
        return 1;
    }
    const char *exists = db_scalar(d, &a, "SELECT id FROM tenant WHERE code = 'EXEMPEL'", 0, NULL);
    int64_t tenant = exists ? atoll(exists) : 0;
    int64_t units[sizeof demo_units / sizeof demo_units[0]] = {0};
    bool ok = true;
    if (!tenant) {
        tenant = seed_tenant(d, &a, "EXEMPEL", "Exempelkommun", "kommun");
        ok = tenant != 0;
        for (size_t i = 0; ok && i < sizeof demo_units / sizeof demo_units[0]; i++) {
            const demo_unit *u = &demo_units[i];
            units[i] = seed_unit(d, &a, tenant, u->parent < 0 ? 0 : units[u->parent],
                                 u->name ? u->name : "Exempelkommun", u->kind);
            ok = units[i] != 0;
        }
        const char *p[] = {int_text(&a, tenant)};
        ok = ok && db_exec(d, "UPDATE tenant SET coverage_deadline = '2027-03-31' WHERE id = $1", 1,
                           p, NULL) == DB_OK;
    }
    fprintf(out, "\nDemo organisation: Exempelkommun (and Grannkommun, for switching tenants)\n");
    fprintf(out, "Log in at http://127.0.0.1:8080/ with one of these:\n\n");
    for (size_t i = 0; ok && i < sizeof demo_people / sizeof demo_people[0]; i++) {
        const demo_person *p = &demo_people[i];
        const char *email = arena_printf(&a, "%s@exempelkommun.se", p->local);
        const char *password = demo_password(&a, given_password);
        char hash[128];
        if (password_hash(password, hash) != 0) {
            ok = false;
            break;
        }
        if (exists) {
            ok = seed_account(d, &a, email, hash) != 0;
        } else {
            int64_t person =
                seed_person(d, &a, tenant, units[p->unit], p->name, email, p->title, hash);
            ok = person && seed_role(d, &a, tenant, person, units[p->role_unit], p->role);
        }
        fprintf(out, "  %-32s %-20s %s\n", email, password, p->title);
    }
    /* the inventory, written by hand (src/inventory/demo.c); the risk demo refers to it */
    if (ok && !exists) ok = inventory_demo(d, &a, tenant, units);
    if (ok && !exists) ok = risks_demo(d, &a, tenant);
    if (ok && !exists) ok = seed_incidents(d, &a, tenant);
    if (ok && !exists) ok = seed_continuity(d, &a, tenant);
    if (ok && !exists) ok = forum_demo(d, &a, tenant);
    if (ok && !exists) {
        /* a second tenant, served by the same CISO: shows switching without logging in again */
        int64_t other = seed_tenant(d, &a, "GRANN", "Grannkommun", "kommun");
        int64_t root = other ? seed_unit(d, &a, other, 0, "Grannkommun", "organisation") : 0;
        int64_t klf =
            root ? seed_unit(d, &a, other, root, "Kommunledningskontoret", "forvaltning") : 0;
        const char *ciso_email = "ciso@exempelkommun.se";
        int64_t ciso = klf ? seed_person(d, &a, other, klf, "Carl Berg", ciso_email,
                                         "Informationssäkerhetsansvarig (delad)", NULL)
                           : 0;
        int64_t admin = ciso ? seed_person(d, &a, other, klf, "Gunnar Grann",
                                           "admin@grannkommun.se", "Administratör", NULL)
                             : 0;
        ok = admin && seed_role(d, &a, other, ciso, root, "ciso") &&
             seed_role(d, &a, other, admin, root, "tenant_admin");
    }
    if (!ok || db_commit(d) != DB_OK) {
        fprintf(out, "creating the demo failed: %s\n", db_error(d));
        db_rollback(d);
        arena_free(&a);
        return 1;
    }
    fprintf(out, "\n%s\n",
            given_password ? "(every demo user has the password given with --password)"
                           : "(new random passwords each time lis demo runs; "
                             "write them down now)");
    arena_free(&a);
    return 0;
}
