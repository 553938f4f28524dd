/* todo.c - risks' items on the start page (src/entity/todo.h): accepted risks whose review
 * date has passed or comes within 30 days, in the reader's units or owned by them — the
 * acceptance is to be reviewed by those who may change it, not by all who read it. */
#include "risks.h"
#include "../entity/todo.h"

bool risks_todo(req *r, todo_list *l)
{
    todo_due_query q = {
        .e = &entity_risks,
        .date_field = "review_date",
        .extra_sql = "t.treatment = 'accept' AND t.status <> 'closed'",
        .what = TR_todo_what_risk_review,
    };
    return todo_due_rows(r, &q, l);
}
