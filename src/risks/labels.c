/* labels.c - the tenant's words for its matrix (matrix.h), loaded once per request: every
 * name filled in, the tenant's own where it has set one that still applies, the default
 * otherwise (a named size's word in the reader's language, or the step's number). */
#include "risks.h"
#include "../core/util.h"
#include <stdlib.h>
#include <string.h>

/* one request's names, kept in the request's memo slot (they die with its arena); a
 * command-line job may reuse one request for several tenants or languages, so the slot
 * remembers which it was made for */
typedef struct names_memo {
    int64_t tenant_id;
    lang_t lang;
    matrix_names names;
} names_memo;

static const char names_key = 0; /* the memo slot's key: this variable's address */

void matrix_names_forget(req *r)
{
    (void)req_memo_put(r, &names_key, NULL);
}

const matrix_names *tenant_names(req *r)
{
    names_memo *cache = req_memo_get(r, &names_key);
    if (cache && cache->tenant_id == r->auth->tenant_id && cache->lang == r->lang)
        return &cache->names;
    names_memo *fresh = arena_alloc(r->a, sizeof *fresh);
    if (!fresh) {
        /* the arena refused (the request is answered 500 at the boundary): hand out the
         * defaults, made afresh here each time and never kept, so nothing is dereferenced
         * as NULL on the way there */
        static _Thread_local names_memo exhausted;
        matrix_names_defaults(&exhausted.names, r->lang, tenant_matrix(r));
        return &exhausted.names;
    }
    matrix_names *n = &fresh->names;
    const char *p[] = {tenant_param(r)};
    db_res *res = NULL;
    /* the matrix's size (as tenant_matrix reads it) and its words in one statement */
    bool read = db_query(r->db, r->a,
                         "SELECT 'matrix', likelihood_levels, consequence_levels, NULL, NULL "
                         "FROM risk_matrix WHERE tenant_id = $1 UNION ALL SELECT axis, step, "
                         "size, label, colour FROM risk_matrix_label WHERE tenant_id = $1",
                         1, p, &res) == DB_OK;
    risk_matrix m = matrix_default;
    for (int i = 0; read && i < res->nrows; i++)
        if (!strcmp(db_cell(res, i, 0), "matrix")) {
            risk_matrix own = {(int)db_cell_int(res, i, 1), (int)db_cell_int(res, i, 2)};
            if (matrix_valid(own)) m = own;
        }
    matrix_names_defaults(n, r->lang, m);
    if (read)
        for (int i = 0; i < res->nrows; i++) {
            const char *axis = db_cell(res, i, 0), *label = db_cell(res, i, 3);
            int step = (int)db_cell_int(res, i, 1), size = (int)db_cell_int(res, i, 2);
            if (!label) continue;
            if (!strcmp(axis, "likelihood") && matrix_labels_apply(size, n->m.likelihoods) &&
                step >= 1 && step <= size) {
                n->likelihood[step] = label;
                n->own_likelihood = true;
            } else if (!strcmp(axis, "consequence") &&
                       matrix_labels_apply(size, n->m.consequences) && step >= 1 && step <= size) {
                n->consequence[step] = label;
                n->own_consequence = true;
            } else if (!strcmp(axis, "level") && step >= 1 && step <= LEVEL__COUNT) {
                n->level[step - 1] = label;
                if (matrix_colour_valid(db_cell(res, i, 4)))
                    n->colour[step - 1] = db_cell(res, i, 4);
                n->own_levels = true;
            }
        }
    fresh->tenant_id = r->auth->tenant_id;
    fresh->lang = r->lang;
    /* every slot taken: computed again next time, still right */
    (void)req_memo_put(r, &names_key, fresh);
    return n;
}

bool matrix_names_kept(req *r, bool likelihood, int size)
{
    const char *p[] = {tenant_param(r), likelihood ? "likelihood" : "consequence"};
    const char *stored = db_scalar(r->db, r->a,
                                   "SELECT MAX(size) FROM risk_matrix_label WHERE tenant_id = $1 "
                                   "AND axis = $2",
                                   2, p);
    return stored && matrix_labels_apply(atoi(stored), size);
}

const char *risk_level_name(req *r, const char *code)
{
    risk_level lv = risk_level_from_code(code);
    return lv == LEVEL_INVALID ? NULL : tenant_names(r)->level[lv];
}

static const char *step_name(req *r, bool likelihood, const char *value)
{
    int64_t v;
    const matrix_names *n = tenant_names(r);
    int size = likelihood ? n->m.likelihoods : n->m.consequences;
    if (!value || !parse_int64(value, &v) || v < 1 || v > size) return NULL;
    return arena_printf(r->a, "%lld – %s", (long long)v,
                        likelihood ? n->likelihood[v] : n->consequence[v]);
}

const char *risk_likelihood_name(req *r, const char *value)
{
    return step_name(r, true, value);
}

const char *risk_consequence_name(req *r, const char *value)
{
    return step_name(r, false, value);
}
