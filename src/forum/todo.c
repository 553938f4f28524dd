/* todo.c - the forum's items on the start page (src/entity/todo.h): for those who read the
 * forum, the next planned meeting with its agenda, and each matter the reader presents
 * there. */
#include "forum.h"
#include "../entity/todo.h"
#include "../core/buf.h"
#include "../core/util.h"
#include <string.h>

bool forum_todo(req *r, todo_list *l)
{
    if (!entity_may_read(r, &entity_meetings)) return true;
    char now[21];
    time_now_iso(now);
    const char *p[] = {tenant_param(r), now};
    db_res *meeting = NULL;
    const char *sql = arena_printf(r->a,
                                   "SELECT t.id, t.title, t.starts_at FROM forum_meeting t WHERE "
                                   "t.tenant_id = $1 AND t.status = 'planned' AND t.starts_at >= "
                                   "$2%s ORDER BY t.starts_at, t.id LIMIT 1",
                                   entity_read_scope(r, &entity_meetings, "t"));
    if (db_query(r->db, r->a, sql, 2, p, &meeting) != DB_OK) return false;
    if (meeting->nrows == 0) return true;
    const char *id = db_cell(meeting, 0, 0);
    const char *pi[] = {tenant_param(r), id};
    db_res *items = NULL;
    sql = arena_printf(r->a,
                       "SELECT t.id, t.title, t.presenter_id FROM forum_item t WHERE t.tenant_id = "
                       "$1 AND t.meeting_id = $2%s ORDER BY t.position, t.id",
                       entity_read_scope(r, &entity_forum_items, "t"));
    if (db_query(r->db, r->a, sql, 2, pi, &items) != DB_OK) return false;
    todo_item *m = todo_add(r, l, TODO_MEETING, TR_todo_what_meeting);
    m->title = db_cell(meeting, 0, 1);
    m->href = arena_printf(r->a, "/meetings/%s", id);
    m->due = db_cell(meeting, 0, 2);
    if (items->nrows) {
        buf agenda;
        buf_init(&agenda, 0);
        buf_puts(&agenda, tr(r->lang, TR_todo_agenda));
        for (int i = 0; i < items->nrows; i++)
            buf_printf(&agenda, "%s %s", i ? ";" : "", db_cell(items, i, 1));
        m->note = arena_strdup(r->a, buf_str(&agenda));
        buf_free(&agenda);
    }
    const char *me = int_text(r->a, r->auth->person_id);
    for (int i = 0; i < items->nrows; i++) {
        const char *presenter = db_cell(items, i, 2);
        if (!presenter || strcmp(presenter, me)) continue;
        todo_item *it = todo_add(r, l, TODO_MEETING, TR_todo_what_present);
        it->title = db_cell(items, i, 1);
        it->href = arena_printf(r->a, "/forum_items/%s", db_cell(items, i, 0));
    }
    return true;
}
