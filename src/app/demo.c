/* demo.c - the demo organisation (lis demo): Exempelkommun's units and people, then each
 * area's own demo data in order (the inventory first: the risks refer to it), and a
 * second tenant for switching. The composition root calls every area; no area calls
 * another's demo. */
#include "demo.h"
#include "../org/seed.h"
#include "../inventory/demo.h"
#include "../risks/demo.h"
#include "../forum/forum.h"
#include "../incidents/incidents.h"
#include "../continuity/continuity.h"
#include "../documents/documents.h"
#include "../suppliers/suppliers.h"
#include "../awareness/awareness.h"
#include "../auth/auth.h"
#include "../core/util.h"
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    if (ok && !exists) ok = seed_documents(d, &a, tenant);
    if (ok && !exists) ok = seed_suppliers(d, &a, tenant);
    if (ok && !exists) ok = seed_service_levels(d, &a, tenant);
    if (ok && !exists) ok = seed_awareness(d, &a, tenant);
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
