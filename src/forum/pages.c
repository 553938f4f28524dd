/* pages.c - a meeting's page (its agenda in priority order with each item's decision,
 * and the commands that fit its state), and the printable agenda and minutes. Print
 * hides the site's header and the toolbars (static/app.css), so the pages print as
 * documents. */
#include "forum.h"
#include "../entity/render.h"
#include "../http/page.h"
#include "../core/escape.h"
#include "../core/util.h"
#include <stdlib.h>
#include <string.h>

static void text(req *r, buf *b, tr_key k)
{
    esc_html(b, tr(r->lang, k));
}

static const char *kind_label(req *r, const char *kind)
{
    const field *f = &entity_forum_items.fields[entity_field(&entity_forum_items, "kind")];
    return enum_label(r, f, kind);
}

static const char *item_status_label(req *r, const char *status)
{
    const field *f = &entity_forum_items.fields[entity_field(&entity_forum_items, "status")];
    return enum_label(r, f, status);
}

static const char *meeting_status_label(req *r, const char *status)
{
    const field *f = &entity_meetings.fields[entity_field(&entity_meetings, "status")];
    return enum_label(r, f, status);
}

static void post_button(req *r, buf *b, int64_t id, const char *cmd, tr_key label)
{
    buf_printf(b, "<form method=\"post\" action=\"/meetings/%lld/%s\" class=\"inline\">",
               (long long)id, cmd);
    buf_puts(b, "<input type=\"hidden\" name=\"_csrf\" value=\"");
    esc_html(b, r->auth->csrf);
    buf_puts(b, "\"><button type=\"submit\">");
    text(r, b, label);
    buf_puts(b, "</button></form> ");
}

static void source_cell(buf *b, const forum_row *row)
{
    if (!row->source_text) return;
    if (row->source_href) {
        buf_puts(b, "<a href=\"");
        esc_url_attr(b, row->source_href);
        buf_puts(b, "\">");
        esc_html(b, row->source_text);
        buf_puts(b, "</a>");
    } else {
        esc_html(b, row->source_text);
    }
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
    bool planned = !strcmp(m.status, "planned"), approved = m.approved_at != NULL;
    bool chair = m.chair_id && atoll(m.chair_id) == r->auth->person_id;
    if (approved) {
        buf_puts(out, "<p class=\"notice\">");
        esc_html(out, arena_printf(r->a, tr(r->lang, TR_forum_approved_notice),
                                   m.approved_by ? m.approved_by : "",
                                   forum_local_time(r, m.approved_at)));
        buf_puts(out, "</p>");
    }
    buf_puts(out, "<p class=\"toolbar\">");
    buf_printf(out, "<a href=\"/meetings/%lld/agenda\">", (long long)rec->id);
    text(r, out, TR_forum_agenda);
    buf_printf(out, "</a> <a href=\"/meetings/%lld/agenda.pdf\">", (long long)rec->id);
    text(r, out, TR_forum_agenda_pdf);
    buf_printf(out, "</a> <a href=\"/meetings/%lld/minutes\">", (long long)rec->id);
    text(r, out, TR_forum_minutes);
    buf_printf(out, "</a> <a href=\"/meetings/%lld/minutes.pdf\">", (long long)rec->id);
    text(r, out, TR_forum_minutes_pdf);
    buf_puts(out, "</a></p>");
    if (!approved && (writer || chair)) {
        buf_puts(out, "<p class=\"toolbar\">");
        if (writer && planned) {
            buf_printf(out, "<a class=\"button\" href=\"/meetings/%lld/suggest\">",
                       (long long)rec->id);
            text(r, out, TR_forum_suggest);
            buf_puts(out, "</a> ");
        }
        bool postponed = false;
        for (int i = 0; i < n; i++)
            postponed |= !strcmp(rows[i].status, "postponed");
        if (writer && postponed) post_button(r, out, rec->id, "carry-over", TR_forum_carry_over);
        if (chair && !strcmp(m.status, "held"))
            post_button(r, out, rec->id, "approve", TR_forum_approve);
        buf_puts(out, "</p>");
    }
    render_related_head(
        r, out, TR_forum_agenda, n,
        proposer && !approved && strcmp(m.status, "cancelled") != 0
            ? arena_printf(r->a, "/forum_items/new?meeting_id=%lld", (long long)rec->id)
            : NULL);
    if (n) {
        buf_puts(out, "<table class=\"agenda\"><thead><tr><th scope=\"col\">");
        text(r, out, TR_forum_nr);
        buf_puts(out, "</th><th scope=\"col\">");
        text(r, out, TR_forum_item_title);
        buf_puts(out, "</th><th scope=\"col\">");
        text(r, out, TR_forum_item_kind);
        if (!approved) {
            buf_puts(out, "</th><th scope=\"col\">");
            text(r, out, TR_forum_seriousness);
        }
        buf_puts(out, "</th><th scope=\"col\">");
        text(r, out, TR_forum_item_status);
        buf_puts(out, "</th><th scope=\"col\">");
        text(r, out, TR_forum_item_decision);
        buf_puts(out, "</th></tr></thead><tbody>");
        for (int i = 0; i < n; i++) {
            buf_printf(out, "<tr><td>%d</td><td><a href=\"/forum_items/", i + 1);
            esc_html(out, rows[i].id);
            buf_puts(out, "\">");
            esc_html(out, rows[i].title);
            buf_puts(out, "</a>");
            if (rows[i].source_text) {
                buf_puts(out, "<br><small>");
                source_cell(out, &rows[i]);
                buf_puts(out, "</small>");
            }
            buf_puts(out, "</td><td>");
            esc_html(out, kind_label(r, rows[i].kind));
            if (!approved) {
                buf_puts(out, "</td><td>");
                esc_html(out, forum_seriousness_text(r, rows[i].prio.seriousness));
            }
            buf_puts(out, "</td><td>");
            esc_html(out, item_status_label(r, rows[i].status));
            buf_puts(out, "</td><td>");
            if (rows[i].decision) esc_html(out, rows[i].decision);
            buf_puts(out, "</td></tr>");
        }
        buf_puts(out, "</tbody></table>");
    } else {
        buf_puts(out, "<p>");
        text(r, out, TR_forum_no_items);
        buf_puts(out, "</p>");
    }
    buf_puts(out, "</section>");
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

static void meta(buf *b, const char *label, const char *value)
{
    if (str_empty(value)) return;
    buf_puts(b, "<dt>");
    esc_html(b, label);
    buf_puts(b, "</dt><dd>");
    esc_html(b, value);
    buf_puts(b, "</dd>");
}

static void document_head(req *r, buf *b, const forum_meeting *m, tr_key heading, bool minutes)
{
    buf_printf(b, "<p class=\"crumb noprint\"><a href=\"/meetings/%lld\">", (long long)m->id);
    esc_html(b, m->title);
    buf_puts(b, "</a></p><h1>");
    text(r, b, heading);
    buf_puts(b, "</h1><p class=\"lead\">");
    esc_html(b, m->title);
    buf_puts(b, "</p><dl class=\"meta\">");
    meta(b, tr(r->lang, TR_meeting_starts_at), forum_local_time(r, m->starts_at));
    meta(b, tr(r->lang, TR_meeting_place), m->place);
    meta(b, tr(r->lang, TR_meeting_chair), m->chair);
    meta(b, tr(r->lang, TR_meeting_participants), m->participants);
    if (minutes) meta(b, tr(r->lang, TR_meeting_status), meeting_status_label(r, m->status));
    buf_puts(b, "</dl><p class=\"toolbar noprint\">");
    buf_printf(b, "<a href=\"/meetings/%lld/%s.pdf\">", (long long)m->id,
               minutes ? "minutes" : "agenda");
    text(r, b, TR_forum_as_pdf);
    buf_puts(b, "</a></p>");
}

static void labelled(req *r, buf *b, tr_key label, const char *value)
{
    if (str_empty(value)) return;
    buf_puts(b, "<p><strong>");
    text(r, b, label);
    buf_puts(b, ":</strong> ");
    esc_html(b, value);
    buf_puts(b, "</p>");
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
    buf *b = &out->body;
    buf_puts(b, "<article class=\"document\">");
    document_head(r, b, &m, heading, minutes);
    if (!n) {
        buf_puts(b, "<p>");
        text(r, b, TR_forum_no_items);
        buf_puts(b, "</p>");
    }
    buf_puts(b, "<ol class=\"items\">");
    for (int i = 0; i < n; i++) {
        const forum_row *row = &rows[i];
        buf_puts(b, "<li><h2>");
        esc_html(b, row->title);
        buf_puts(b, "</h2><p class=\"muted\">");
        esc_html(b, kind_label(r, row->kind));
        if (!m.approved_at) {
            buf_puts(b, " · ");
            text(r, b, TR_forum_seriousness);
            buf_puts(b, ": ");
            esc_html(b, forum_seriousness_text(r, row->prio.seriousness));
        }
        if (row->source_text) {
            buf_puts(b, " · ");
            source_cell(b, row);
        }
        buf_puts(b, "</p>");
        labelled(r, b, TR_forum_item_presenter, row->presenter);
        labelled(r, b, TR_forum_item_description, row->description);
        labelled(r, b, TR_forum_item_proposal, row->proposal);
        if (minutes) {
            labelled(r, b, TR_forum_item_notes, row->notes);
            labelled(r, b, TR_forum_item_status, item_status_label(r, row->status));
            labelled(r, b, TR_forum_item_decision, row->decision);
        }
        buf_puts(b, "</li>");
    }
    buf_puts(b, "</ol>");
    if (minutes) {
        buf_puts(b, "<p class=\"signature\">");
        if (m.approved_at)
            esc_html(b, arena_printf(r->a, tr(r->lang, TR_forum_approved_notice),
                                     m.approved_by ? m.approved_by : "",
                                     forum_local_time(r, m.approved_at)));
        else
            text(r, b, TR_forum_not_approved);
        buf_puts(b, "</p>");
    }
    buf_puts(b, "</article>");
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
