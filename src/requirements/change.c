/* change.c - what a classification's decision does to the requirements: per object whose
 * protection need it moves, the active requirements of the tenant that start or stop
 * applying, by the one rule (requirement_applies). */
#include "requirements.h"
#include "../core/util.h"
#include <stdlib.h>
#include <string.h>

enum { NAMED = 5 }; /* name them when at most this many */

/* "code text; code text" of the rows marked in pick, or NULL when none or more than NAMED */
static const char *names_of(req *r, const db_res *reqs, const bool *pick, int count)
{
    if (!count || count > NAMED) return NULL;
    buf b;
    buf_init(&b, 256);
    int text_col = r->lang == LANG_EN ? 4 : 3;
    for (int q = 0; q < reqs->nrows; q++) {
        if (!pick[q]) continue;
        const char *text =
            db_cell(reqs, q, text_col) ? db_cell(reqs, q, text_col) : db_cell(reqs, q, 3);
        buf_printf(&b, "%s%s %s", b.len ? "; " : "", db_cell(reqs, q, 0), text);
    }
    const char *s = arena_strdup(r->a, buf_str(&b));
    buf_free(&b);
    return s;
}

bool requirements_change(req *r, cls_change *objects, int n)
{
    if (!n) return true;
    const char *p[] = {tenant_param(r)};
    db_res *reqs = NULL;
    if (db_query(r->db, r->a,
                 "SELECT code, aspect, min_level, text_sv, text_en FROM requirement WHERE "
                 "tenant_id = $1 AND active = 1 AND org_wide = 0 ORDER BY area, code",
                 1, p, &reqs) != DB_OK)
        return false;
    bool *starting = arena_alloc(r->a, sizeof(bool) * (size_t)(reqs->nrows + 1));
    bool *stopping = arena_alloc(r->a, sizeof(bool) * (size_t)(reqs->nrows + 1));
    for (int i = 0; i < n; i++) {
        cls_change *o = &objects[i];
        o->starts = o->stops = 0;
        for (int q = 0; q < reqs->nrows; q++) {
            const char *aspect = db_cell(reqs, q, 1);
            int level = atoi(db_cell(reqs, q, 2));
            bool was = requirement_applies(aspect, level, o->before);
            bool will = requirement_applies(aspect, level, o->after);
            starting[q] = will && !was;
            stopping[q] = was && !will;
            o->starts += starting[q];
            o->stops += stopping[q];
        }
        o->starting = names_of(r, reqs, starting, o->starts);
        o->stopping = names_of(r, reqs, stopping, o->stops);
    }
    return true;
}
