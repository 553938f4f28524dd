/* todo.c - Cybersäkerhetslagen on the start page (src/entity/todo.h), for those who keep
 * the duties of an organisation (ACT_CSL_WRITE in its unit): each change to registered
 * facts not yet reported, as a legal clock due 14 days after the change; an organisation
 * the law covers that is not registered; and one whose ledning has someone without
 * management training in the current mandate period. */
#include "csl.h"
#include "../entity/todo.h"
#include "../core/util.h"
#include <string.h>

bool csl_todo(req *r, todo_list *l)
{
    if (!r->auth->person_id) return true;
    /* the changes: due rows of the kind, in the caller's units, then shown as a clock */
    int first = l->n;
    todo_due_query q = {.e = &entity_csl_changes, .what = TR_todo_what_csl_change};
    if (!todo_due_rows(r, &q, l)) return false;
    for (int i = first; i < l->n; i++)
        l->items[i].group = TODO_CLOCKS;
    /* organisations: not registered though covered, ledning without training */
    const char *path;
    if (perm_paths(r->auth, ACT_CSL_WRITE, &path, 1) < 1) return true;
    const char *p[] = {tenant_param(r)};
    db_res *res = NULL;
    const char *sql = arena_printf(
        r->a,
        "SELECT t.id, (SELECT u.name FROM unit u WHERE u.id = t.unit_id), t.unit_id, "
        "t.registered_on, t.status FROM csl_organisation t WHERE t.tenant_id = $1%s ORDER BY "
        "t.id LIMIT %d",
        entity_mine_scope(r, &entity_csl_organisations, "t"), todo_limit(l, 50));
    if (db_query(r->db, r->a, sql, 1, p, &res) != DB_OK) return false;
    char today[11], start[11], end[11], period[10];
    date_today(today);
    if (!csl_mandate_period(today, start, end, period)) return false;
    for (int i = 0; i < res->nrows; i++) {
        /* an organisation the law does not cover has neither duty */
        if (!strcmp(db_cell(res, i, 4), "ej_omfattad")) continue;
        const char *href = arena_printf(r->a, "/csl_organisations/%s", db_cell(res, i, 0));
        if (!db_cell(res, i, 3)) {
            todo_item *it = todo_add(r, l, TODO_OPEN, TR_todo_what_csl_register);
            it->title = db_cell(res, i, 1);
            it->href = href;
        }
        csl_leader *leaders = NULL;
        int n = 0, missing = 0;
        if (csl_leaders(r, db_cell(res, i, 2), period, &leaders, &n) != DB_OK) return false;
        for (int k = 0; k < n; k++)
            missing += leaders[k].trained_on == NULL;
        if (missing) {
            todo_item *it = todo_add(r, l, TODO_OPEN, TR_todo_what_csl_training);
            it->title = db_cell(res, i, 1);
            it->href = href;
            it->note = arena_printf(r->a, "%d %s %d %s (%s)", missing, tr(r->lang, TR_home_of), n,
                                    tr(r->lang, TR_csl_untrained), period);
        }
    }
    return true;
}
