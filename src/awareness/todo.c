/* todo.c - awareness on the start page (src/entity/todo.h): each training campaign whose
 * target group holds the reader and that has started, when the reader has not completed
 * it (late after its end date) or last completed it so long ago that the repeat is
 * overdue. A phishing drill asks nothing of its readers. */
#include "awareness.h"
#include "../documents/documents.h"
#include "../entity/todo.h"
#include "../core/util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool awareness_todo(req *r, todo_list *l)
{
    if (!r->auth || !r->auth->person_id) return true;
    char today[11];
    date_today(today);
    const char *p[] = {tenant_param(r), int_text(r->a, r->auth->person_id), today};
    const char *sql = arena_printf(
        r->a,
        "SELECT c.id, c.name, c.ends_on, c.repeat_months, x.last FROM training_campaign c LEFT "
        "JOIN unit tu ON tu.id = c.target_unit_id JOIN person p ON p.id = $2 AND p.tenant_id = "
        "c.tenant_id AND p.active = 1 LEFT JOIN (SELECT campaign_id, MAX(completed_on) AS last "
        "FROM training_completion WHERE tenant_id = $1 AND person_id = $2 GROUP BY campaign_id) x "
        "ON x.campaign_id = c.id WHERE c.tenant_id = $1 AND c.kind <> 'phishing' AND "
        "(c.starts_on IS NULL OR c.starts_on <= $3) AND %s ORDER BY c.name, c.id LIMIT %d",
        audience_reached_sql(r->a, "c.target", "tu", "c.target_role"), todo_limit(l, 20));
    db_res *rows = NULL;
    if (db_query(r->db, r->a, sql, 3, p, &rows) != DB_OK) return false;
    const char *soon = todo_bound(
        r, l,
        &entity_training_campaigns.fields[entity_field(&entity_training_campaigns, "ends_on")]);
    for (int i = 0; i < rows->nrows; i++) {
        const char *ends = db_cell(rows, i, 2), *last = db_cell(rows, i, 4);
        int months = db_cell(rows, i, 3) ? atoi(db_cell(rows, i, 3)) : 0;
        todo_item *it = NULL;
        if (!last) {
            bool late = ends && strcmp(ends, today) < 0;
            /* with no end date, or one far off, it waits among the open tasks */
            todo_group g = late                                     ? TODO_LATE
                           : ends && soon && strcmp(ends, soon) < 0 ? TODO_SOON
                                                                    : TODO_OPEN;
            if (l->until && g == TODO_OPEN) continue;
            it = todo_add(r, l, g, TR_todo_what_training_missing);
            it->due = ends;
            if (late) snprintf(it->since, sizeof it->since, "%s", ends);
        } else if (months > 0 && awareness_repeat_overdue(last, months, today)) {
            char due[11];
            if (!date_add_months(last, months, due)) continue;
            it = todo_add(r, l, TODO_LATE, TR_todo_what_training_repeat);
            it->due = arena_strdup(r->a, due);
            snprintf(it->since, sizeof it->since, "%s", due);
        } else {
            continue;
        }
        it->title = db_cell(rows, i, 1);
        it->href = arena_printf(r->a, "/training_campaigns/%s", db_cell(rows, i, 0));
    }
    return true;
}
