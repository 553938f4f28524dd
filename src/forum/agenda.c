/* agenda.c - a meeting and its items in agenda order: each item's source looked up in
 * its own table (risk level, action end date, incident severity and legal clocks), the
 * priority computed by priority.c. Approved minutes keep the order they were approved in
 * (the approval wrote it into the order numbers), whatever the risks have become since. */
#include "forum.h"
#include "../incidents/incidents.h"
#include "../incidents/deadline.h"
#include "../core/util.h"
#include <stdlib.h>
#include <string.h>

const char *forum_local_time(req *r, const char *iso)
{
    if (!iso) return "";
    char local[24];
    time_local_display(iso, local);
    return arena_strdup(r->a, local);
}

bool forum_meeting_load(req *r, int64_t id, forum_meeting *m)
{
    const char *p[] = {int_text(r->a, id), tenant_param(r)};
    db_res *res = NULL;
    if (db_query(
            r->db, r->a,
            "SELECT m.title, m.starts_at, m.place, m.chair_id, c.name, m.participants, "
            "m.status, a.name, m.approved_at, s.name, j.name, m.adjusted_on FROM forum_meeting m "
            "LEFT JOIN person c ON c.id = m.chair_id LEFT JOIN person a ON a.id = "
            "m.approved_by_id LEFT JOIN person s ON s.id = m.secretary_id LEFT JOIN person j "
            "ON j.id = m.adjuster_id WHERE m.id = $1 AND m.tenant_id = $2",
            2, p, &res) != DB_OK ||
        res->nrows != 1)
        return false;
    *m = (forum_meeting){.id = id,
                         .title = db_cell(res, 0, 0),
                         .starts_at = db_cell(res, 0, 1),
                         .place = db_cell(res, 0, 2),
                         .chair_id = db_cell(res, 0, 3),
                         .chair = db_cell(res, 0, 4),
                         .participants = db_cell(res, 0, 5),
                         .status = db_cell(res, 0, 6),
                         .approved_by = db_cell(res, 0, 7),
                         .approved_at = db_cell(res, 0, 8),
                         .secretary = db_cell(res, 0, 9),
                         .adjuster = db_cell(res, 0, 10),
                         .adjusted_on = db_cell(res, 0, 11)};
    return true;
}

const char *forum_adjusted_on(req *r, const forum_meeting *m)
{
    if (!str_empty(m->adjusted_on)) return m->adjusted_on;
    return m->approved_at ? arena_printf(r->a, "%.10s", forum_local_time(r, m->approved_at)) : NULL;
}

const char *forum_seriousness_text(req *r, int seriousness)
{
    static const tr_key keys[] = {TR_forum_sev_0, TR_forum_sev_1, TR_forum_sev_2,
                                  TR_forum_sev_3, TR_forum_sev_4, TR_forum_sev_5};
    return tr(r->lang, keys[seriousness >= 0 && seriousness <= 5 ? seriousness : 0]);
}

enum {
    C_ID,
    C_TITLE,
    C_DESCRIPTION,
    C_KIND,
    C_SRC,
    C_SRC_ID,
    C_PRESENTER,
    C_PROPOSAL,
    C_DECISION,
    C_NOTES,
    C_STATUS,
    C_POSITION,
    C_RISK_STATUS,
    C_RISK_LEVEL,
    C_RISK_RESIDUAL,
    C_RISK_TITLE,
    C_ACT_STATUS,
    C_ACT_END,
    C_ACT_TITLE,
    C_INC_STATUS,
    C_INC_SEVERITY,
    C_INC_REFERENCE,
    C_INC_TITLE,
};

/* The incident's clocks that no notification has answered yet. */
static void incident_urgency(req *r, const char *id, forum_prio *p)
{
    incident_clock clocks[DL__COUNT];
    int64_t iid = atoll(id);
    int n = incident_clocks(r, iid, time(NULL), clocks);
    for (int i = 0; i < n; i++) {
        if (clocks[i].sent_at) continue;
        p->open_clocks++;
        if (clocks[i].state == DS_RED) p->clock_overdue = true;
    }
}

static void describe_source(req *r, const db_res *res, int i, forum_row *row)
{
    const char *src = row->source_entity, *id = row->source_id;
    if (!src || !id) return;
    if (!strcmp(src, "risks") && db_cell(res, i, C_RISK_TITLE)) {
        row->source_text = arena_printf(
            r->a, "%s: %s (%s)", tr(r->lang, TR_risks_one), db_cell(res, i, C_RISK_TITLE),
            tr(r->lang, risk_level_label(risk_level_from_code(db_cell(res, i, C_RISK_LEVEL)))));
        row->source_href = arena_printf(r->a, "/risks/%s", id);
    } else if (!strcmp(src, "actions") && db_cell(res, i, C_ACT_TITLE)) {
        row->source_text =
            arena_printf(r->a, "%s: %s", tr(r->lang, TR_actions_one), db_cell(res, i, C_ACT_TITLE));
        row->source_href = arena_printf(r->a, "/actions/%s", id);
    } else if (!strcmp(src, "incidents") && db_cell(res, i, C_INC_REFERENCE)) {
        /* need-to-know: the reference only, unless the caller may read the incident */
        bool may = forum_may_see_incident(r, id);
        row->source_text =
            may ? arena_printf(r->a, "%s %s %s", tr(r->lang, TR_incidents_one),
                               db_cell(res, i, C_INC_REFERENCE), db_cell(res, i, C_INC_TITLE))
                : arena_printf(r->a, "%s %s", tr(r->lang, TR_incidents_one),
                               db_cell(res, i, C_INC_REFERENCE));
        row->source_href = may ? arena_printf(r->a, "/incidents/%s", id) : NULL;
    }
}

int forum_agenda(req *r, int64_t meeting, forum_row **rows)
{
    const char *p[] = {tenant_param(r), int_text(r->a, meeting)};
    db_res *res = NULL;
    if (db_query(r->db, r->a,
                 "SELECT i.id, i.title, i.description, i.kind, i.source_entity, i.source_id, "
                 "pr.name, i.proposal, i.decision, i.notes, i.status, i.position, k.status, "
                 "k.level, k.residual_level, k.title, a.status, a.end_date, a.title, n.status, "
                 "n.severity, n.reference, n.title FROM forum_item i "
                 "LEFT JOIN person pr ON pr.id = i.presenter_id "
                 "LEFT JOIN risk k ON i.source_entity = 'risks' AND k.id = i.source_id AND "
                 "k.tenant_id = i.tenant_id "
                 "LEFT JOIN action_item a ON i.source_entity = 'actions' AND a.id = i.source_id "
                 "AND a.tenant_id = i.tenant_id "
                 "LEFT JOIN incident n ON i.source_entity = 'incidents' AND n.id = i.source_id "
                 "AND n.tenant_id = i.tenant_id "
                 "WHERE i.tenant_id = $1 AND i.meeting_id = $2 ORDER BY i.position, i.id",
                 2, p, &res) != DB_OK)
        return -1;
    int n = res->nrows;
    forum_row *out = arena_alloc(r->a, sizeof(forum_row) * (size_t)(n ? n : 1));
    forum_prio *prio = arena_alloc(r->a, sizeof(forum_prio) * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++) {
        forum_row *row = &out[i];
        *row = (forum_row){.id = db_cell(res, i, C_ID),
                           .title = db_cell(res, i, C_TITLE),
                           .description = db_cell(res, i, C_DESCRIPTION),
                           .kind = db_cell(res, i, C_KIND),
                           .source_entity = db_cell(res, i, C_SRC),
                           .source_id = db_cell(res, i, C_SRC_ID),
                           .presenter = db_cell(res, i, C_PRESENTER),
                           .proposal = db_cell(res, i, C_PROPOSAL),
                           .decision = db_cell(res, i, C_DECISION),
                           .notes = db_cell(res, i, C_NOTES),
                           .status = db_cell(res, i, C_STATUS)};
        forum_prio *f = &row->prio;
        f->id = db_cell_int(res, i, C_ID);
        f->kind = forum_kind_from_code(row->kind);
        f->position = (int)db_cell_int(res, i, C_POSITION);
        f->level = forum_risk_level(db_cell(res, i, C_RISK_STATUS), db_cell(res, i, C_RISK_LEVEL),
                                    db_cell(res, i, C_RISK_RESIDUAL));
        f->severity = forum_incident_severity(db_cell(res, i, C_INC_SEVERITY));
        const char *inc_status = db_cell(res, i, C_INC_STATUS);
        if (inc_status && strcmp(inc_status, "closed") != 0) incident_urgency(r, row->source_id, f);
        const char *act_status = db_cell(res, i, C_ACT_STATUS), *end = db_cell(res, i, C_ACT_END);
        if (act_status && end && date_valid(end) &&
            (!strcmp(act_status, "planned") || !strcmp(act_status, "ongoing"))) {
            int days = date_days_until(end);
            f->days_late = days < 0 ? -days : 0;
        }
        describe_source(r, res, i, row);
        /* sorted by the row's index, which keeps the (position, id) order the rows were
         * read in for the last tie-break; the row is found again by it below */
        prio[i] = *f;
        prio[i].id = i;
    }
    forum_meeting m;
    bool approved = forum_meeting_load(r, meeting, &m) && m.approved_at;
    if (!approved) forum_prioritise(prio, n);
    forum_row *sorted = arena_alloc(r->a, sizeof(forum_row) * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++) {
        sorted[i] = out[prio[i].id];
        sorted[i].prio.seriousness = forum_seriousness(&sorted[i].prio);
    }
    *rows = sorted;
    return n;
}
