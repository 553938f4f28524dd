/* pages.c - a meeting's page (its agenda in priority order with each item's decision,
 * and the commands that fit its state), and the printable agenda and minutes. Print
 * hides the site's header and the toolbars (static/app.css), so the pages print as
 * documents. */
#include "forum.h"
#include "../entity/render.h"
#include "../http/page.h"
#include "../core/escape.h"
#include "../core/util.h"
#include "../../build/views/forum_document.h"
#include "../../build/views/forum_meeting.h"
#include <stdlib.h>
#include <string.h>

const char *forum_kind_label(req *r, const char *kind)
{
    const field *f = &entity_forum_items.fields[entity_field(&entity_forum_items, "kind")];
    return enum_label(r, f, kind);
}

const char *forum_item_status_label(req *r, const char *status)
{
    const field *f = &entity_forum_items.fields[entity_field(&entity_forum_items, "status")];
    return enum_label(r, f, status);
}

const char *forum_meeting_status_label(req *r, const char *status)
{
    const field *f = &entity_meetings.fields[entity_field(&entity_meetings, "status")];
    return enum_label(r, f, status);
}

void meeting_detail_extra(req *r, const entity *e, const record *rec, buf *out)
{
    (void)e;
    forum_meeting m;
    if (!forum_meeting_load(r, rec->id, &m)) return;
    forum_row *rows = NULL;
    int n = forum_agenda(r, rec->id, &rows);
    if (n < 0) return;
    bool writer = perm_allows(r->auth, ACT_FORUM_WRITE, NULL);
    bool proposer = perm_allows(r->auth, ACT_FORUM_PROPOSE, NULL);
    bool chair = m.chair_id && atoll(m.chair_id) == r->auth->person_id;
    view_forum_meeting(out, r->lang, r, (long long)rec->id, &m, rows, n, writer, proposer, chair);
}

bool forum_route_meeting(req *r, resp *out, forum_meeting *m)
{
    int64_t id;
    /* the agenda names weaknesses: only those who may read meetings (entity_meetings) */
    if (!entity_may_read(r, &entity_meetings) || !r->nroute_args ||
        !parse_int64(r->route_args[0], &id) || !forum_meeting_load(r, id, m)) {
        respond_error(r, out, 404, "not_found", TR_err_not_found);
        return false;
    }
    return true;
}

static void document(req *r, resp *out, bool minutes)
{
    forum_meeting m;
    if (!forum_route_meeting(r, out, &m)) return;
    forum_row *rows = NULL;
    int n = forum_agenda(r, m.id, &rows);
    if (n < 0) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    tr_key heading = minutes ? TR_forum_minutes : TR_forum_agenda;
    page_begin(r, out,
               arena_printf(r->a, "%s %s", tr(r->lang, heading), forum_local_time(r, m.starts_at)),
               "meetings");
    view_forum_document(&out->body, r->lang, r, &m, rows, n, minutes);
    page_end(r, out);
}

void h_meeting_agenda(req *r, resp *out)
{
    document(r, out, false);
}

void h_meeting_minutes(req *r, resp *out)
{
    document(r, out, true);
}
