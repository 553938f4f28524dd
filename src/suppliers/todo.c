/* todo.c - agreements on the start page (src/entity/todo.h): the date by which notice must
 * be given and the end date, when either falls within the coming 30 days, for the person
 * responsible for the agreement. Past the notice date the agreement runs on (or renews),
 * so a passed notice date is no longer an item; its end shows until the day it ends. */
#include "suppliers.h"
#include "../entity/todo.h"
#include "../core/util.h"
#include <string.h>

enum { MAX_ITEMS = 20 };

static bool dates_within(req *r, todo_list *l, const char *column, tr_key what)
{
    char today[11];
    date_today(today);
    const field *f = &entity_agreements.fields[entity_field(&entity_agreements, column)];
    const char *soon = todo_bound(r, l, f); /* 30 days, or the årshjul's year */
    if (!soon) return false;
    const char *p[] = {tenant_param(r), int_text(r->a, r->auth->person_id), today, soon};
    db_res *res = NULL;
    /* column is one of two names this file passes, never input */
    const char *sql =
        arena_printf(r->a,
                     "SELECT t.id, t.title, t.%s FROM agreement t WHERE t.tenant_id "
                     "= $1 AND t.responsible_id = $2 AND t.%s >= $3 AND t.%s < $4%s "
                     "ORDER BY t.%s, t.title LIMIT %d",
                     column, column, column, entity_read_scope(r, &entity_agreements, "t"), column,
                     todo_limit(l, MAX_ITEMS));
    if (db_query(r->db, r->a, sql, 4, p, &res) != DB_OK) return false;
    for (int i = 0; i < res->nrows; i++) {
        todo_item *it = todo_add(r, l, TODO_SOON, what);
        it->title = db_cell(res, i, 1);
        it->href = arena_printf(r->a, "/agreements/%s", db_cell(res, i, 0));
        it->due = db_cell(res, i, 2);
    }
    return true;
}

bool agreements_todo(req *r, todo_list *l)
{
    if (!r->auth->person_id || !entity_may_read(r, &entity_agreements)) return true;
    return dates_within(r, l, "notice_date", TR_todo_what_agreement_notice) &&
           dates_within(r, l, "end_date", TR_todo_what_agreement_end);
}
