/* todo.c - scan findings on the start page (src/entity/todo.h): open findings past or near
 * their remediation deadline, in the units where the reader may act on them — those who
 * fix, not all who read. */
#include "scans.h"

bool scans_todo(req *r, todo_list *l)
{
    todo_due_query q = {
        .e = &entity_scan_findings,
        .what = TR_todo_what_scan_finding,
        .limit = 20,
    };
    return todo_due_rows(r, &q, l);
}
