/* system_req.c - see system_req.h. */
#include "system_req.h"
#include "../core/util.h"
#include <stdio.h>
#include <string.h>

bool system_req_init(req *r, auth *who, arena *a, db *d, int64_t tenant, const char *actor)
{
    memset(r, 0, sizeof *r);
    memset(who, 0, sizeof *who);
    const char *p[] = {int_text(a, tenant)};
    db_res *roots = NULL;
    if (db_query(d, a,
                 "SELECT id, path FROM unit WHERE tenant_id = $1 AND parent_id IS NULL ORDER BY id",
                 1, p, &roots) != DB_OK ||
        roots->nrows == 0)
        return false;
    int n = roots->nrows * ROLE__COUNT;
    role_grant *grants = arena_alloc(a, sizeof *grants * (size_t)n);
    if (!grants) return false;
    int k = 0;
    for (int i = 0; i < roots->nrows; i++)
        for (int role_i = 0; role_i < ROLE__COUNT; role_i++)
            grants[k++] =
                (role_grant){(role)role_i, db_cell_int(roots, i, 0), db_cell(roots, i, 1)};
    *who = (auth){
        .email = actor, .tenant_id = tenant, .grants = grants, .ngrants = k, .is_system = true};
    *r = (req){
        .a = a, .db = d, .method = "POST", .path = "/", .ip = "cli", .auth = who, .lang = LANG_SV};
    return true;
}

/* The data is lis's own: a refusal is a bug in it, named for whoever runs the seed. */
static void name_refusal(req *r, const entity *e, const errors *errs)
{
    for (int i = 0; i < errs->n; i++) {
        const field_error *fe = &errs->items[i];
        fprintf(stderr, "%s: %s %s: %s%s%s\n", r->auth->email, e->name,
                fe->field >= 0 ? e->fields[fe->field].name : "-", tr(LANG_EN, fe->message),
                fe->detail ? " " : "", fe->detail ? fe->detail : "");
    }
    if (!errs->n) fprintf(stderr, "%s: %s: %s\n", r->auth->email, e->name, db_error(r->db));
}

int64_t system_create(req *r, const entity *e, const char *const *pairs)
{
    record *rec = record_new(r, e);
    for (const char *const *p = pairs; p[0]; p += 2)
        record_set(rec, e, p[0], p[1]);
    errors errs = {0};
    if (entity_create_in(r, e, rec, &errs) == DB_OK) return rec->id;
    name_refusal(r, e, &errs);
    return 0;
}

bool system_update(req *r, const entity *e, int64_t id, const char *const *pairs)
{
    db_res *row = NULL;
    if (entity_get(r, e, id, &row) != DB_OK || !row->nrows) {
        fprintf(stderr, "%s: %s %lld: not found\n", r->auth->email, e->name, (long long)id);
        return false;
    }
    const record *old = record_from_row(r, e, row, 0);
    record *next = record_from_row(r, e, row, 0);
    for (int f = 0; f < e->nfields; f++)
        next->present[f] = false;
    for (const char *const *p = pairs; p[0]; p += 2)
        record_set(next, e, p[0], p[1]);
    errors errs = {0};
    if (entity_update_in(r, e, old, next, &errs) == DB_OK) return true;
    name_refusal(r, e, &errs);
    return false;
}
