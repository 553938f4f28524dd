/* employment.c - the day a person's employment ends (person.employment_ends, from the
 * people import or the person's form) takes effect without anyone acting: lis serve's
 * periodic pass deactivates the active people whose day has come (a Stockholm date),
 * through the people entity, so their sessions and API tokens end at once (rules.c) and
 * the change is audited as the system. Each person is claimed by their own row: the
 * pass locks it (FOR UPDATE SKIP LOCKED on PostgreSQL; SQLite's write transaction is
 * exclusive) and checks again that it is still active and ended, so of several lis
 * processes only one deactivates a person, and a pass that fails is made again. */
#include "org.h"
#include "../entity/system_req.h"
#include "../core/util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Deactivates one person whose employment has ended, in a transaction of its own: 1 done,
 * 0 not (another process came first, or the rules refused: named on stderr), -1 the
 * database failed. */
static int end_one(req *r, const char *id, const char *today)
{
    if (db_begin(r->db) != DB_OK) return -1;
    const char *p[] = {id, tenant_param(r), today};
    const char *sql = db_kind_of(r->db) == DB_PG
                          ? "SELECT id FROM person WHERE id = $1 AND tenant_id = $2 AND active = 1 "
                            "AND employment_ends <= $3 FOR UPDATE SKIP LOCKED"
                          : "SELECT id FROM person WHERE id = $1 AND tenant_id = $2 AND active = 1 "
                            "AND employment_ends <= $3";
    if (!db_scalar(r->db, r->a, sql, 3, p)) {
        db_rollback(r->db);
        return 0;
    }
    if (!system_update(r, &entity_people, atoll(id), (const char *const[]){"active", "0", NULL})) {
        db_rollback(r->db);
        return 0;
    }
    return db_commit(r->db) == DB_OK ? 1 : (db_rollback(r->db), -1);
}

int employment_end_pass(db *d, time_t now, int64_t only_tenant, int *ended)
{
    *ended = 0;
    arena a;
    arena_init(&a, 0);
    char today[11];
    time_t local = now + time_stockholm_offset(now);
    struct tm tm;
    gmtime_r(&local, &tm);
    snprintf(today, sizeof today, "%04u-%02u-%02u", (unsigned)(tm.tm_year + 1900) % 10000u,
             (unsigned)(tm.tm_mon + 1) % 100u, (unsigned)tm.tm_mday % 100u);
    /* at most a thousand people a pass; the rest on the next */
    const char *p[] = {today, int_text(&a, only_tenant)};
    db_res *due = NULL;
    int rc = db_query(d, &a,
                      only_tenant ? "SELECT tenant_id, id FROM person WHERE active = 1 AND "
                                    "employment_ends IS NOT NULL AND employment_ends <= $1 AND "
                                    "tenant_id = $2 ORDER BY id LIMIT 1000"
                                  : "SELECT tenant_id, id FROM person WHERE active = 1 AND "
                                    "employment_ends IS NOT NULL AND employment_ends <= $1 "
                                    "ORDER BY tenant_id, id LIMIT 1000",
                      only_tenant ? 2 : 1, p, &due);
    int64_t tenant = 0;
    req r;
    auth who;
    bool ready = false;
    for (int i = 0; rc == DB_OK && i < due->nrows; i++) {
        if (!ready || db_cell_int(due, i, 0) != tenant) {
            tenant = db_cell_int(due, i, 0);
            ready = system_req_init(&r, &who, &a, d, tenant, "system");
            r.ip = "employment";
            if (!ready) continue;
        }
        int done = end_one(&r, db_cell(due, i, 1), today);
        if (done < 0) rc = DB_ERROR;
        if (done > 0) ++*ended;
    }
    arena_free(&a);
    return rc;
}

int employment_end_cli(db *d, const char *tenant_code, const char *now_iso)
{
    arena a;
    arena_init(&a, 0);
    const char *p[] = {tenant_code};
    const char *tenant = db_scalar(d, &a, "SELECT id FROM tenant WHERE code = $1", 1, p);
    time_t now = time(NULL);
    int rc = 1, ended = 0;
    if (!tenant) {
        fprintf(stderr, "lis: no tenant %s\n", tenant_code);
    } else if (now_iso && !time_parse_input(now_iso, &now)) {
        fprintf(stderr, "lis: --now wants a time, 2026-12-04T07:00:00Z (UTC) or 2026-12-04 08:00 "
                        "(Stockholm)\n");
    } else if (employment_end_pass(d, now, atoll(tenant), &ended) != DB_OK) {
        fprintf(stderr, "lis: employment end: %s\n", db_error(d));
    } else {
        printf("%d deactivated\n", ended);
        rc = 0;
    }
    arena_free(&a);
    return rc;
}

void employment_end_tick(db *d, time_t now)
{
    int ended = 0;
    if (employment_end_pass(d, now, 0, &ended) != DB_OK)
        fprintf(stderr, "lis: employment end: %s\n", db_error(d));
    else if (ended)
        fprintf(stderr, "lis: employment end: %d people deactivated\n", ended);
}
