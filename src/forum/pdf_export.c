/* pdf_export.c - the agenda and the minutes as PDF (src/pdf/pdf.h), with the same
 * content as the printable pages: the meeting's facts, the items in agenda order, and the
 * minutes as a Swedish protokoll (numbered paragraphs, signatures, justeringsdatum). An incident
 * is named by its reference only for those who may not read it, as on the pages. */
#include "forum.h"
#include "../pdf/pdf.h"
#include "../http/page.h"
#include "../core/util.h"
#include <stdlib.h>
#include <string.h>

static const char *label(req *r, const entity *e, const char *field, const char *value)
{
    return enum_label(r, &e->fields[entity_field_index(e, field)], value);
}

static void labelled(req *r, pdf_doc *d, tr_key key, const char *value)
{
    if (!str_empty(value)) pdf_meta(d, tr(r->lang, key), value);
}

/* The minutes as a Swedish protokoll: the kommun, "Protokoll", the meeting's date, place and
 * time and who were present; each item a numbered paragraph (§ 1, § 2 …) with its notes,
 * status and decision; at the end the signatures (protokollförare "Vid protokollet",
 * ordförande, justerare) and the justeringsdatum. */
static void protocol_pdf(req *r, resp *out, const forum_meeting *m, const forum_row *rows, int n)
{
    lang_t l = r->lang;
    const char *heading = tr(l, TR_forum_minutes);
    const char *when = forum_local_time(r, m->starts_at);
    pdf_doc *d = pdf_begin(r->a, arena_printf(r->a, "%s — %s %s", heading, m->title, when));
    pdf_paragraph(d, r->auth->tenant_name);
    pdf_heading(d, 1, heading);
    pdf_paragraph(d, m->title);
    labelled(r, d, TR_forum_protocol_date, arena_printf(r->a, "%.10s", when));
    const char *time = strlen(when) > 11 ? when + 11 : "";
    labelled(r, d, TR_forum_protocol_place_time,
             str_empty(m->place) ? time : arena_printf(r->a, "%s, %s", m->place, time));
    labelled(r, d, TR_meeting_chair, m->chair);
    labelled(r, d, TR_meeting_secretary, m->secretary);
    labelled(r, d, TR_meeting_adjuster, m->adjuster);
    labelled(r, d, TR_forum_protocol_present, m->participants);
    if (!n) pdf_paragraph(d, tr(l, TR_forum_no_items));
    for (int i = 0; i < n; i++) {
        const forum_row *row = &rows[i];
        pdf_heading(d, 2,
                    arena_printf(r->a, tr(l, TR_forum_protocol_paragraph), i + 1, row->title));
        labelled(r, d, TR_forum_item_source, row->source_text);
        labelled(r, d, TR_forum_item_presenter, row->presenter);
        labelled(r, d, TR_forum_item_description, row->description);
        labelled(r, d, TR_forum_item_proposal, row->proposal);
        labelled(r, d, TR_forum_item_notes, row->notes);
        labelled(r, d, TR_forum_item_status, label(r, &entity_forum_items, "status", row->status));
        labelled(r, d, TR_forum_item_decision, row->decision);
    }
    pdf_paragraph(d, m->approved_at ? arena_printf(r->a, tr(l, TR_forum_approved_notice),
                                                   m->approved_by ? m->approved_by : "",
                                                   forum_local_time(r, m->approved_at))
                                    : tr(l, TR_forum_not_approved));
    const char *roles[] = {tr(l, TR_forum_sign_secretary), tr(l, TR_forum_sign_chair),
                           tr(l, TR_forum_sign_adjuster)};
    const char *names[] = {m->secretary, m->chair, m->adjuster};
    pdf_signatures(d, 3, roles, names);
    const char *adjusted = forum_adjusted_on(r, m);
    pdf_meta(d, tr(l, TR_meeting_adjusted_on), adjusted ? adjusted : "");
    pdf_respond(r, out, d, arena_printf(r->a, "protokoll-%.10s", when));
}

static void document_pdf(req *r, resp *out, bool minutes)
{
    forum_meeting m;
    if (!forum_route_meeting(r, out, &m)) return;
    forum_row *rows = NULL;
    int n = forum_agenda(r, m.id, &rows);
    if (n < 0) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    if (minutes) {
        protocol_pdf(r, out, &m, rows, n);
        return;
    }
    const char *heading = tr(r->lang, TR_forum_agenda);
    const char *when = forum_local_time(r, m.starts_at);
    pdf_doc *d = pdf_begin(r->a, arena_printf(r->a, "%s — %s %s", heading, m.title, when));
    pdf_heading(d, 1, heading);
    pdf_paragraph(d, m.title);
    labelled(r, d, TR_meeting_starts_at, when);
    labelled(r, d, TR_meeting_place, m.place);
    labelled(r, d, TR_meeting_chair, m.chair);
    labelled(r, d, TR_meeting_participants, m.participants);

    /* the overview: one row per item, in agenda order; the last column is the seriousness
     * (not on approved minutes' agenda: their order is the approved one, not today's ranks) */
    bool fourth = !m.approved_at;
    int ncols = fourth ? 4 : 3;
    const char *head[] = {tr(r->lang, TR_forum_nr), tr(r->lang, TR_forum_item_title),
                          tr(r->lang, TR_forum_item_kind), tr(r->lang, TR_forum_seriousness)};
    const char **cells = arena_alloc(r->a, sizeof(char *) * (size_t)(n * ncols + 1));
    for (int i = 0; i < n; i++) {
        const char **row = &cells[i * ncols];
        row[0] = arena_printf(r->a, "%d", i + 1);
        row[1] = rows[i].title;
        row[2] = label(r, &entity_forum_items, "kind", rows[i].kind);
        if (fourth) row[3] = forum_seriousness_text(r, rows[i].prio.seriousness);
    }
    if (n) {
        pdf_heading(d, 2, tr(r->lang, TR_forum_agenda));
        static const double four[] = {0.08, 0.57, 0.15, 0.20}, three[] = {0.08, 0.67, 0.25};
        pdf_table(d, ncols, head, cells, n, ncols == 4 ? four : three);
    } else {
        pdf_paragraph(d, tr(r->lang, TR_forum_no_items));
    }

    for (int i = 0; i < n; i++) {
        const forum_row *row = &rows[i];
        pdf_heading(d, 3, arena_printf(r->a, "%d. %s", i + 1, row->title));
        labelled(r, d, TR_forum_item_source, row->source_text);
        labelled(r, d, TR_forum_item_presenter, row->presenter);
        labelled(r, d, TR_forum_item_description, row->description);
        labelled(r, d, TR_forum_item_proposal, row->proposal);
    }
    pdf_respond(r, out, d, arena_printf(r->a, "dagordning-%.10s", when));
}

void h_meeting_agenda_pdf(req *r, resp *out)
{
    document_pdf(r, out, false);
}

void h_meeting_minutes_pdf(req *r, resp *out)
{
    document_pdf(r, out, true);
}
