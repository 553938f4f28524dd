/* todo.c - styrdokument's items on the start page (src/entity/todo.h): the documents the
 * reader owns whose review date has passed or comes within 30 days (an upphävd document is
 * moot: the kind's due date says so). */
#include "documents.h"
#include "../entity/todo.h"

bool documents_todo(req *r, todo_list *l)
{
    todo_due_query q = {
        .e = &entity_documents,
        .person_field = "owner_id",
        .what = TR_todo_what_doc_review,
    };
    return todo_due_rows(r, &q, l);
}
