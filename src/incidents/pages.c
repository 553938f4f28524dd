/* pages.c - what the incident area shows beyond the generic record pages: the clocks,
 * what is affected, drafts and the timeline on an incident's page; the open incidents
 * with their nearest clock; the report drafts; the deadlines as JSON. Every page that
 * shows an incident is a read of it, and goes into the audit log. */
#include "incidents.h"
#include "deadline.h"
#include "../core/escape.h"
#include "../core/util.h"
#include "../entity/render.h"
#include "../http/page.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static bool is_handler(req *r)
{
    return perm_allows(r->auth, ACT_INCIDENT_HANDLE, NULL);
}

static void text(req *r, buf *out, tr_key k)
{
    esc_html(out, tr(r->lang, k));
}

static void local_time(buf *out, time_t t)
{
    char iso[21], local[24];
    time_iso_from(t, iso);
    time_local_display(iso, local);
    esc_html(out, local);
}

static const char *state_class[] = {"clock-ok", "clock-amber", "clock-red", "clock-sent"};

/* the state as a word in a badge: readable without colour */
static void state_badge(req *r, buf *out, int state)
{
    buf_printf(out, "<strong class=\"clock %s\">", state_class[state]);
    text(r, out, clock_state_label(state));
    buf_puts(out, "</strong>");
}

static const char *val(const record *rec, const char *name);

/* Where the clocks start, never silently: the awareness time beside the discovery, said
 * when the two differ, and marked as still to be confirmed until triage. */
static void aware_notice(req *r, const record *rec, buf *out)
{
    const char *aware = val(rec, "aware_at"), *discovered = val(rec, "discovered_at");
    const char *status = val(rec, "status");
    if (!aware) return;
    char aware_local[24], discovered_local[24];
    time_local_display(aware, aware_local);
    time_local_display(discovered ? discovered : "", discovered_local);
    bool differ = discovered && strcmp(aware, discovered) != 0;
    bool unconfirmed = status && !strcmp(status, "reported");
    buf_puts(out, "<p class=\"notice");
    buf_puts(out, differ ? " warn\" id=\"aware-differs\">" : "\" id=\"aware-from\">");
    text(r, out, differ ? TR_inc_aware_differs : TR_inc_aware_same);
    buf_puts(out, " <strong>");
    esc_html(out, aware_local);
    buf_puts(out, "</strong>");
    if (differ) {
        buf_puts(out, "; ");
        text(r, out, TR_inc_aware_discovered);
        buf_puts(out, " <strong>");
        esc_html(out, discovered_local);
        buf_puts(out, "</strong>");
    }
    buf_puts(out, ".");
    if (unconfirmed) {
        buf_puts(out, " ");
        text(r, out, TR_inc_aware_confirm);
    }
    buf_puts(out, "</p>");
}

static void clocks_section(req *r, const record *rec, buf *out)
{
    incident_clock c[DL__COUNT];
    time_t now = time(NULL);
    int n = incident_clocks(r, rec->id, now, c);
    buf_puts(out, "<section class=\"related\" id=\"clocks\"><h2>");
    text(r, out, TR_inc_clocks);
    buf_puts(out, "</h2>");
    aware_notice(r, rec, out);
    if (n <= 0) {
        buf_puts(out, "<p class=\"notice\">");
        text(r, out, TR_inc_clocks_none);
        buf_puts(out, "</p></section>");
        return;
    }
    /* focusable: once every notification is sent the table holds no link to scroll by */
    buf_puts(out, "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"");
    text(r, out, TR_inc_clocks);
    buf_puts(out, "\"><table class=\"list clocks\"><thead><tr><th scope=\"col\">");
    text(r, out, TR_inc_notification_kind);
    buf_puts(out, "</th><th scope=\"col\">");
    text(r, out, TR_inc_clock_due);
    buf_puts(out, "</th><th scope=\"col\">");
    text(r, out, TR_inc_clock_time_left);
    buf_puts(out, "</th><th scope=\"col\">");
    text(r, out, TR_inc_clock_state);
    buf_puts(out, "</th><th scope=\"col\">");
    text(r, out, TR_inc_sent_at);
    buf_puts(out, "</th></tr></thead><tbody>");
    for (int i = 0; i < n; i++) {
        buf_printf(out, "<tr class=\"%s\"><th scope=\"row\">", state_class[c[i].state]);
        text(r, out, clock_kind_label(c[i].kind));
        buf_puts(out, "</th><td>");
        local_time(out, c[i].due);
        buf_puts(out, "</td><td");
        if (!c[i].sent_at) {
            /* app.js counts down from here while the page stays open */
            buf_printf(out, " data-due=\"%lld\" data-left=\"", (long long)c[i].due);
            text(r, out, TR_inc_clock_left);
            buf_puts(out, "\" data-overdue=\"");
            text(r, out, TR_inc_clock_overdue_by);
            buf_puts(out, "\">");
            esc_html(out, clock_left_text(r, c[i].due - now));
        } else {
            buf_puts(out, ">");
        }
        buf_puts(out, "</td><td>");
        state_badge(r, out, c[i].state);
        buf_puts(out, "</td><td>");
        if (c[i].sent_at) {
            char local[24];
            time_local_display(c[i].sent_at, local);
            esc_html(out, local);
            if (c[i].reference) {
                buf_puts(out, " (");
                esc_html(out, c[i].reference);
                buf_puts(out, ")");
            }
        } else {
            buf_printf(out, "<a href=\"/incident_notifications/new?incident_id=%lld&amp;kind=%s\">",
                       (long long)rec->id, deadline_codes[c[i].kind]);
            text(r, out, TR_inc_record_sent);
            buf_puts(out, "</a>");
        }
        buf_puts(out, "</td></tr>");
    }
    buf_puts(out, "</tbody></table></div>");
    bool imy = false, csirt = false;
    for (int i = 0; i < n; i++) {
        imy = imy || c[i].kind == DL_IMY;
        csirt = csirt || c[i].kind != DL_IMY;
    }
    authorities_section(r, out, imy, csirt);
    buf_puts(out, "<p class=\"help\">");
    text(r, out, TR_inc_clocks_help);
    buf_puts(out, "</p></section>");
}

static void drafts_section(req *r, const record *rec, buf *out)
{
    buf_puts(out, "<section class=\"related\"><h2>");
    text(r, out, TR_inc_drafts);
    buf_puts(out, "</h2><ul>");
    buf_printf(out, "<li><a href=\"/incidents/%lld/imy-draft\">", (long long)rec->id);
    text(r, out, TR_inc_draft_imy);
    buf_printf(out, "</a></li><li><a href=\"/incidents/%lld/csirt-draft\">", (long long)rec->id);
    text(r, out, TR_inc_draft_csirt);
    buf_puts(out, "</a></li></ul><p class=\"help\">");
    text(r, out, TR_inc_drafts_help);
    buf_puts(out, "</p></section>");
}

/* The names of the fields a change touched, from its audit diff {"field": [old, new]}. */
static void changed_fields(req *r, const char *diff, buf *out)
{
    json_t *d = diff ? json_loads(diff, 0, NULL) : NULL;
    const char *key;
    json_t *v;
    bool any = false;
    if (json_is_object(d)) {
        json_object_foreach(d, key, v)
        {
            int i = entity_field_index(&entity_incidents, key);
            if (i < 0) continue;
            buf_puts(out, any ? ", " : ": ");
            text(r, out, entity_incidents.fields[i].label);
            any = true;
        }
    }
    json_decref(d);
}

/* The timeline: events written by the handlers (and by lis when a notification is
 * recorded) and every change of the incident from the audit log, oldest first. */
static void timeline_section(req *r, const record *rec, buf *out)
{
    /* the id twice: as a number for the events, as text for the audit log's entity_id
     * (one parameter used as both would get conflicting types on PostgreSQL) */
    const char *p[] = {int_text(r->a, rec->id), tenant_param(r), int_text(r->a, rec->id)};
    db_res *res = NULL;
    if (db_query(r->db, r->a,
                 "SELECT e.at, p.name, e.what, NULL, e.id FROM incident_event e LEFT JOIN person p "
                 "ON p.id = e.person_id WHERE e.incident_id = $1 AND e.tenant_id = $2 UNION ALL "
                 "SELECT l.at, l.actor, l.action, l.diff, NULL FROM audit_log l WHERE l.tenant_id "
                 "= $2 AND l.entity = 'incidents' AND l.entity_id = $3 AND l.action <> 'read' "
                 "ORDER BY 1, 5",
                 3, p, &res) != DB_OK)
        return;
    render_related_head(
        r, out, TR_inc_timeline, res->nrows,
        arena_printf(r->a, "/incident_events/new?incident_id=%lld", (long long)rec->id));
    buf_puts(out, "<ol class=\"timeline\">");
    for (int i = 0; i < res->nrows; i++) {
        char local[24];
        time_local_display(db_cell(res, i, 0), local);
        buf_puts(out, "<li><time>");
        esc_html(out, local);
        buf_puts(out, "</time> <strong>");
        render_value(r, out, db_cell(res, i, 1));
        buf_puts(out, "</strong>: ");
        if (db_cell(res, i, 4)) {
            buf_puts(out, "<span class=\"pre\">");
            esc_html(out, db_cell(res, i, 2));
            buf_puts(out, "</span>");
        } else {
            const char *action = db_cell(res, i, 2);
            text(r, out, !strcmp(action, "create") ? TR_inc_tl_created : TR_inc_tl_changed);
            changed_fields(r, db_cell(res, i, 3), out);
        }
        buf_puts(out, "</li>");
    }
    buf_puts(out, "</ol></section>");
}

void incident_detail_lead(req *r, const entity *e, const record *rec, buf *out)
{
    if (!is_handler(r)) {
        /* the reporter: the reference to quote, and who handles it */
        buf_puts(out, "<p class=\"notice\">");
        text(r, out, TR_inc_reporter_notice);
        buf_puts(out, " <strong>");
        esc_html(out, record_get(rec, e, "reference"));
        buf_puts(out, "</strong></p>");
        return;
    }
    clocks_section(r, rec, out);
    drafts_section(r, rec, out);
}

void incident_detail_extra(req *r, const entity *e, const record *rec, buf *out)
{
    (void)e;
    if (!is_handler(r)) return;
    incident_lessons_section(r, rec, out);
    timeline_section(r, rec, out);
}

/* ---- open incidents ------------------------------------------------------ */

typedef struct open_row {
    const char *id, *reference, *title, *status, *severity;
    incident_clock nearest;
    bool has_clock;
    int overdue;
} open_row;

static int by_nearest(const void *a, const void *b)
{
    const open_row *x = a, *y = b;
    if (x->has_clock != y->has_clock) return x->has_clock ? -1 : 1;
    if (x->has_clock && x->nearest.due != y->nearest.due)
        return x->nearest.due < y->nearest.due ? -1 : 1;
    return strcmp(y->reference, x->reference);
}

/* The open incidents a handler handles (for anyone else: those they reported, closed
 * too), each with its nearest unsent clock, soonest first. Returns how many, or -1. */
static int load_open(req *r, bool handler, time_t now, open_row **out_rows, int *overdue_total)
{
    const char *p[] = {tenant_param(r), int_text(r->a, r->auth->person_id)};
    db_res *res = NULL;
    /* at most the 500 newest open incidents: a kommun has a handful at a time. The sort key
     * is an expression on purpose: ordered by the bare column, SQLite walks every incident
     * of the tenant in reference order looking for open ones (20,000 at scale 100) instead
     * of seeking the few open ones by status and sorting them. */
    const char *sql = handler ? "SELECT id, reference, title, status, severity FROM incident WHERE "
                                "tenant_id = $1 AND status IN ('reported', 'triaged') ORDER BY "
                                "reference || '' DESC LIMIT 500"
                              : "SELECT id, reference, title, status, severity FROM incident WHERE "
                                "tenant_id = $1 AND reporter_id = $2 ORDER BY tenant_id DESC, "
                                "reference DESC LIMIT 500";
    if (db_query(r->db, r->a, sql, handler ? 1 : 2, p, &res) != DB_OK ||
        !entity_audit_read_rows(r, &entity_incidents, res, 0, "open incidents"))
        return -1;
    open_row *rows = arena_alloc(r->a, sizeof *rows * (size_t)(res->nrows + 1));
    *overdue_total = 0;
    for (int i = 0; i < res->nrows; i++) {
        open_row *o = &rows[i];
        o->id = db_cell(res, i, 0);
        o->reference = db_cell(res, i, 1);
        o->title = db_cell(res, i, 2);
        o->status = db_cell(res, i, 3);
        o->severity = db_cell(res, i, 4);
        if (!handler) continue;
        incident_clock c[DL__COUNT];
        int n = incident_clocks(r, atoll(o->id), now, c);
        for (int k = 0; k < n; k++) {
            if (c[k].sent_at) continue;
            if (c[k].state == DS_RED) o->overdue++;
            if (!o->has_clock || c[k].due < o->nearest.due) o->nearest = c[k];
            o->has_clock = true;
        }
        *overdue_total += o->overdue;
    }
    if (handler) qsort(rows, (size_t)res->nrows, sizeof *rows, by_nearest);
    *out_rows = rows;
    return res->nrows;
}

void h_incidents_open(req *r, resp *out)
{
    bool handler = is_handler(r);
    time_t now = time(NULL);
    open_row *rows = NULL;
    int overdue_total = 0, nrows = load_open(r, handler, now, &rows, &overdue_total);
    if (nrows < 0) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }

    buf *b = &out->body;
    page_begin(r, out, tr(r->lang, TR_inc_open_title), "incidents");
    buf_puts(b, "<h1>");
    text(r, b, handler ? TR_inc_open_title : TR_inc_mine_title);
    buf_puts(b, "</h1><p class=\"lead\">");
    text(r, b, TR_inc_intro);
    buf_puts(b, "</p><p><a class=\"button primary\" href=\"/incidents/new\">");
    text(r, b, TR_inc_report_action);
    buf_puts(b, "</a> <a href=\"/incidents\">");
    text(r, b, TR_inc_all);
    buf_puts(b, "</a>");
    if (handler) {
        buf_puts(b, " <a href=\"/incidents/stats\">");
        text(r, b, TR_inc_stats_link);
        buf_puts(b, "</a>");
    }
    buf_puts(b, "</p>");
    if (overdue_total) {
        buf_puts(b, "<p class=\"notice warn\" role=\"status\"><strong>");
        text(r, b, TR_inc_overdue_notice);
        buf_printf(b, " %d</strong></p>", overdue_total);
    }
    if (!nrows) {
        buf_puts(b, "<p>");
        text(r, b, TR_inc_none_open);
        buf_puts(b, "</p>");
        page_end(r, out);
        return;
    }
    buf_puts(b, "<div class=\"table-scroll\"><table class=\"list\"><thead><tr><th scope=\"col\">");
    text(r, b, TR_inc_reference);
    buf_puts(b, "</th><th scope=\"col\">");
    text(r, b, TR_inc_title);
    buf_puts(b, "</th><th scope=\"col\">");
    text(r, b, TR_inc_status);
    if (handler) {
        buf_puts(b, "</th><th scope=\"col\">");
        text(r, b, TR_inc_severity);
        buf_puts(b, "</th><th scope=\"col\">");
        text(r, b, TR_inc_nearest_clock);
    }
    buf_puts(b, "</th></tr></thead><tbody>");
    for (int i = 0; i < nrows; i++) {
        open_row *o = &rows[i];
        buf_puts(b, "<tr><th scope=\"row\"><a href=\"/incidents/");
        esc_html(b, o->id);
        buf_puts(b, "\">");
        esc_html(b, o->reference);
        buf_puts(b, "</a></th><td>");
        esc_html(b, o->title);
        buf_puts(b, "</td><td>");
        esc_html(b,
                 enum_label(r, &entity_incidents.fields[entity_field(&entity_incidents, "status")],
                            o->status));
        if (handler) {
            buf_puts(b, "</td><td>");
            if (o->severity)
                esc_html(
                    b, enum_label(
                           r, &entity_incidents.fields[entity_field(&entity_incidents, "severity")],
                           o->severity));
            buf_puts(b, "</td><td>");
            if (o->has_clock) {
                text(r, b, clock_kind_label(o->nearest.kind));
                buf_puts(b, ": ");
                local_time(b, o->nearest.due);
                buf_puts(b, " (");
                esc_html(b, clock_left_text(r, o->nearest.due - now));
                buf_puts(b, ") ");
                state_badge(r, b, o->nearest.state);
                if (o->overdue) {
                    buf_puts(b, " <strong class=\"clock clock-red\">");
                    text(r, b, TR_inc_overdue_count);
                    buf_printf(b, " %d</strong>", o->overdue);
                }
            } else {
                text(r, b, TR_inc_no_clock);
            }
        }
        buf_puts(b, "</td></tr>");
    }
    buf_puts(b, "</tbody></table></div>");
    page_end(r, out);
}

/* The incident card on the start page: a way to report for everyone; for a handler,
 * how many are open, how many notifications are overdue, and the nearest deadline. */
void incidents_home_card(req *r, buf *out)
{
    bool handler = is_handler(r);
    time_t now = time(NULL);
    open_row *rows = NULL;
    int overdue = 0, n = handler ? load_open(r, true, now, &rows, &overdue) : 0;
    buf_printf(out, "<section class=\"cards\"><div class=\"card%s\"><h2>", overdue ? " warn" : "");
    text(r, out, TR_nav_incidents);
    buf_puts(out, "</h2>");
    if (n > 0) {
        buf_printf(out, "<p><strong>%d</strong> ", n);
        text(r, out, TR_inc_home_open);
        buf_puts(out, "</p>");
        if (overdue) {
            buf_puts(out, "<p><strong class=\"clock clock-red\">");
            text(r, out, TR_inc_overdue_notice);
            buf_printf(out, " %d</strong></p>", overdue);
        }
        if (rows[0].has_clock) {
            buf_puts(out, "<p>");
            text(r, out, TR_inc_nearest_clock);
            buf_puts(out, ": <a href=\"/incidents/");
            esc_html(out, rows[0].id);
            buf_puts(out, "\">");
            esc_html(out, rows[0].reference);
            buf_puts(out, "</a>, ");
            text(r, out, clock_kind_label(rows[0].nearest.kind));
            buf_puts(out, " ");
            local_time(out, rows[0].nearest.due);
            buf_puts(out, " ");
            state_badge(r, out, rows[0].nearest.state);
            buf_puts(out, "</p>");
        }
    }
    incident_tasks_mine(r, out);
    buf_puts(out, "<p><a href=\"/incidents/new\">");
    text(r, out, TR_inc_report_action);
    buf_puts(out, "</a> · <a href=\"/incidents/open\">");
    text(r, out, handler ? TR_inc_open_title : TR_inc_mine_title);
    buf_puts(out, "</a></p></div></section>");
}

/* ---- report drafts ------------------------------------------------------- */

/* The incident named by the route, for a handler; answers 404 otherwise (a reporter
 * does not draft notifications; other tenants' incidents do not exist). The read is
 * recorded. */
static record *handled_incident(req *r, resp *out, const char *what)
{
    int64_t id;
    db_res *row = NULL;
    if (!is_handler(r) || r->nroute_args < 1 || !parse_int64(r->route_args[0], &id) ||
        entity_get(r, &entity_incidents, id, &row) != DB_OK || row->nrows == 0) {
        respond_error(r, out, 404, "not_found", TR_err_not_found);
        return NULL;
    }
    if (!entity_audit_read(r, &entity_incidents, id, what)) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return NULL;
    }
    return record_from_row(r, &entity_incidents, row, 0);
}

static const char *val(const record *rec, const char *name)
{
    return record_get(rec, &entity_incidents, name);
}

/* One "label: value" item of a draft, the value as stored (enums by their label, times
 * in Stockholm time); an empty one says so, to be filled in. */
static void draft_item(req *r, buf *out, const record *rec, tr_key label, const char *name)
{
    const field *f = &entity_incidents.fields[entity_field_index(&entity_incidents, name)];
    const char *v = val(rec, name);
    char local[24];
    if (v && f->type == FT_ENUM) v = enum_label(r, f, v);
    if (v && f->type == FT_DATETIME) {
        time_local_display(v, local);
        v = local;
    }
    buf_puts(out, "<dt>");
    text(r, out, label);
    buf_puts(out, "</dt><dd class=\"pre\">");
    if (v)
        esc_html(out, v);
    else {
        buf_puts(out, "<em>");
        text(r, out, TR_inc_draft_missing);
        buf_puts(out, "</em>");
    }
    buf_puts(out, "</dd>");
}

static void draft_fixed(req *r, buf *out, tr_key label, const char *v)
{
    buf_puts(out, "<dt>");
    text(r, out, label);
    buf_puts(out, "</dt><dd class=\"pre\">");
    esc_html(out, v);
    buf_puts(out, "</dd>");
}

static void draft_begin(req *r, resp *out, const record *rec, tr_key title, tr_key intro,
                        const char *recipient)
{
    const char *ref = val(rec, "reference");
    page_begin(r, out, arena_printf(r->a, "%s %s", tr(r->lang, title), ref), "incidents");
    buf *b = &out->body;
    buf_printf(b, "<p class=\"crumb noprint\"><a href=\"/incidents/%lld\">", (long long)rec->id);
    esc_html(b, ref);
    buf_puts(b, "</a></p><h1>");
    text(r, b, title);
    buf_puts(b, ": ");
    esc_html(b, ref);
    buf_puts(b, "</h1><p class=\"notice noprint\">");
    text(r, b, intro);
    buf_puts(b, "</p><dl class=\"detail draft\">");
    /* the recipient as the tenant keeps it (authorities.c), with its form and phone */
    incident_authority a = authority_of(r, recipient);
    buf_puts(b, "<dt>");
    text(r, b, TR_inc_draft_recipient);
    buf_puts(b, "</dt><dd>");
    authority_html(r, b, &a, false);
    buf_puts(b, "</dd>");
    draft_fixed(r, b, TR_inc_draft_org, r->auth->tenant_name);
    draft_fixed(r, b, TR_inc_draft_our_ref, ref);
}

/* The due times of the given deadlines, and whether each is late: a late notice must
 * give the reasons for the delay (GDPR art. 33.1). */
static void draft_deadlines(req *r, buf *out, const record *rec, int first, int last)
{
    incident_clock c[DL__COUNT];
    time_t now = time(NULL);
    int n = incident_clocks(r, rec->id, now, c);
    for (int i = 0; i < n; i++) {
        if (c[i].kind < first || c[i].kind > last) continue;
        buf_puts(out, "<dt>");
        text(r, out, clock_kind_label(c[i].kind));
        buf_puts(out, "</dt><dd>");
        text(r, out, TR_inc_clock_due);
        buf_puts(out, " ");
        local_time(out, c[i].due);
        buf_puts(out, " — ");
        text(r, out, clock_state_label(c[i].state));
        if (c[i].state == DS_RED) {
            buf_puts(out, ". ");
            text(r, out, TR_inc_draft_late);
        }
        buf_puts(out, "</dd>");
    }
}

void h_incident_imy_draft(req *r, resp *out)
{
    record *rec = handled_incident(r, out, "imy-draft");
    if (!rec) return;
    buf *b = &out->body;
    draft_begin(r, out, rec, TR_inc_draft_imy, TR_inc_draft_imy_intro, "imy");
    draft_item(r, b, rec, TR_inc_dso_contact, "dso_contact");
    draft_item(r, b, rec, TR_inc_discovered, "discovered_at");
    draft_item(r, b, rec, TR_inc_aware, "aware_at");
    draft_item(r, b, rec, TR_inc_category, "category");
    draft_item(r, b, rec, TR_inc_breach_nature, "breach_nature");
    draft_item(r, b, rec, TR_inc_subject_categories, "data_subject_categories");
    draft_item(r, b, rec, TR_inc_subjects_approx, "data_subjects_approx");
    draft_item(r, b, rec, TR_inc_records_approx, "records_approx");
    draft_item(r, b, rec, TR_inc_consequences, "consequences");
    draft_item(r, b, rec, TR_inc_measures, "measures");
    draft_item(r, b, rec, TR_inc_personal_reason, "personal_data_reason");
    draft_deadlines(r, b, rec, DL_IMY, DL_IMY);
    buf_puts(b, "</dl>");
    page_end(r, out);
}

void h_incident_csirt_draft(req *r, resp *out)
{
    record *rec = handled_incident(r, out, "csirt-draft");
    if (!rec) return;
    buf *b = &out->body;
    draft_begin(r, out, rec, TR_inc_draft_csirt, TR_inc_draft_csirt_intro, "csirt");
    draft_item(r, b, rec, TR_inc_title, "title");
    draft_item(r, b, rec, TR_inc_what, "what_happened");
    draft_item(r, b, rec, TR_inc_discovered, "discovered_at");
    draft_item(r, b, rec, TR_inc_aware, "aware_at");
    draft_item(r, b, rec, TR_inc_category, "category");
    draft_item(r, b, rec, TR_inc_cause, "suspected_cause");
    draft_item(r, b, rec, TR_inc_cross_border, "cross_border");
    draft_item(r, b, rec, TR_inc_severity, "severity");
    draft_item(r, b, rec, TR_inc_impact, "impact");
    draft_item(r, b, rec, TR_inc_indicators, "indicators");
    draft_item(r, b, rec, TR_inc_measures, "measures");
    draft_item(r, b, rec, TR_inc_significant_reason, "significant_reason");
    draft_deadlines(r, b, rec, DL_CSIRT_EARLY, DL_CSIRT_FINAL);
    buf_puts(b, "</dl>");
    page_end(r, out);
}

/* ---- JSON ---------------------------------------------------------------- */

static void json_time(buf *out, time_t t)
{
    char iso[21];
    time_iso_from(t, iso);
    esc_json_string(out, iso);
}

void api_incident_deadlines(req *r, resp *out)
{
    record *rec = handled_incident(r, out, "deadlines");
    if (!rec) return;
    incident_clock c[DL__COUNT];
    time_t now = time(NULL);
    int n = incident_clocks(r, rec->id, now, c);
    static const char *states[] = {"ok", "amber", "red", "sent"};
    respond_json(out, 200);
    buf *b = &out->body;
    buf_printf(b, "{\"incident_id\":%lld,\"reference\":", (long long)rec->id);
    esc_json_string(b, val(rec, "reference"));
    buf_puts(b, ",\"aware_at\":");
    esc_json_string(b, val(rec, "aware_at"));
    buf_puts(b, ",\"personal_data\":");
    esc_json_string(b, val(rec, "personal_data"));
    buf_puts(b, ",\"significant\":");
    esc_json_string(b, val(rec, "significant"));
    buf_puts(b, ",\"deadlines\":[");
    for (int i = 0; i < n; i++) {
        char iso[21], local[24];
        time_iso_from(c[i].due, iso);
        time_local_display(iso, local);
        buf_printf(b, "%s{\"kind\":\"%s\",\"start\":", i ? "," : "", deadline_codes[c[i].kind]);
        json_time(b, c[i].start);
        buf_puts(b, ",\"due\":");
        json_time(b, c[i].due);
        buf_puts(b, ",\"due_local\":");
        esc_json_string(b, local);
        buf_printf(b, ",\"seconds_left\":%lld,\"state\":\"%s\",\"sent_at\":",
                   (long long)(c[i].due - now), states[c[i].state]);
        if (c[i].sent_at)
            esc_json_string(b, c[i].sent_at);
        else
            buf_puts(b, "null");
        buf_puts(b, ",\"reference\":");
        if (c[i].reference)
            esc_json_string(b, c[i].reference);
        else
            buf_puts(b, "null");
        buf_puts(b, "}");
    }
    buf_puts(b, "]}");
}
