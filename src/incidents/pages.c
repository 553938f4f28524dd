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
#include "../../build/views/incident_clocks.h"
#include "../../build/views/incident_draft.h"
#include "../../build/views/incident_drafts.h"
#include "../../build/views/incident_next_step.h"
#include "../../build/views/incident_reporter_notice.h"
#include "../../build/views/incident_timeline.h"
#include "../../build/views/incidents_home_card.h"
#include "../../build/views/incidents_open.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static bool is_handler(req *r)
{
    return perm_allows(r->auth, ACT_INCIDENT_HANDLE, NULL);
}

/* The incident's open tasks (its page's next step counts them); -1 when unreadable. */
static int open_tasks(req *r, int64_t id)
{
    const char *p[] = {int_text(r->a, id), tenant_param(r)};
    const char *n = db_scalar(r->db, r->a,
                              "SELECT COUNT(*) FROM incident_task WHERE incident_id = $1 AND "
                              "tenant_id = $2 AND status = 'open'",
                              2, p);
    return n ? atoi(n) : -1;
}

/* The next step, then the clocks, most urgent first. */
static void clocks_section(req *r, const record *rec, buf *out)
{
    incident_clock c[DL__COUNT];
    time_t now = time(NULL);
    int n = incident_clocks(r, rec->id, now, c);
    incident_clocks_by_urgency(c, n);
    const entity *e = &entity_incidents;
    incident_facts facts = {.status = record_get(rec, e, "status"),
                            .personal_data = record_get(rec, e, "personal_data"),
                            .significant = record_get(rec, e, "significant"),
                            .open_tasks = open_tasks(r, rec->id),
                            .has_lessons = !str_empty(record_get(rec, e, "lessons"))};
    if (n >= 0 && time_parse_iso(record_get(rec, e, "aware_at"), &facts.aware)) {
        incident_next next = incident_next_step(&facts, c, n);
        view_incident_next_step(out, r->lang, r, (long long)rec->id, &next, facts.open_tasks, now);
    }
    view_incident_clocks(out, r->lang, r, (long long)rec->id, c, n, now,
                         record_get(rec, &entity_incidents, "aware_at"),
                         record_get(rec, &entity_incidents, "discovered_at"),
                         str_same(record_get(rec, &entity_incidents, "status"), "reported"));
}

/* The names of the fields a change touched, from its audit diff {"field": [old, new]}:
 * ": Titel, Status", or "" when none is a field of the incident. */
static const char *changed_fields(req *r, const char *diff)
{
    json_t *d = diff ? json_loads(diff, 0, NULL) : NULL;
    const char *key;
    json_t *v;
    buf names;
    buf_init(&names, 4096);
    if (json_is_object(d)) {
        json_object_foreach(d, key, v)
        {
            int i = entity_field_index(&entity_incidents, key);
            if (i < 0) continue;
            buf_puts(&names, names.len ? ", " : ": ");
            buf_puts(&names, tr(r->lang, entity_incidents.fields[i].label));
        }
    }
    json_decref(d);
    const char *text = arena_strdup(r->a, buf_str(&names));
    buf_free(&names);
    return text;
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
                 "SELECT e.at, p.name, e.what, NULL, e.id, e.code, e.args FROM incident_event e "
                 "LEFT JOIN person p ON p.id = e.person_id WHERE e.incident_id = $1 AND "
                 "e.tenant_id = $2 UNION ALL "
                 "SELECT l.at, l.actor, l.action, l.diff, NULL, NULL, NULL FROM audit_log l "
                 "WHERE l.tenant_id "
                 "= $2 AND l.entity = 'incidents' AND l.entity_id = $3 AND l.action <> 'read' "
                 "ORDER BY 1, 5",
                 3, p, &res) != DB_OK)
        return;
    /* an event in the reader's words (lis's own) or as written; a change by its fields */
    const char **texts = arena_alloc(r->a, sizeof *texts * (size_t)(res->nrows + 1));
    for (int i = 0; i < res->nrows; i++) {
        const char *own = incident_event_text(r, db_cell(res, i, 5), db_cell(res, i, 6));
        texts[i] = !db_cell(res, i, 4) ? changed_fields(r, db_cell(res, i, 3))
                   : own               ? own
                                       : db_cell(res, i, 2);
    }
    view_incident_timeline(out, r->lang, r, (long long)rec->id, res, texts);
}

void incident_detail_top(req *r, const entity *e, const record *rec, buf *out)
{
    (void)e;
    if (is_handler(r)) clocks_section(r, rec, out);
}

void incident_detail_lead(req *r, const entity *e, const record *rec, buf *out)
{
    if (!is_handler(r)) {
        view_incident_reporter_notice(out, r->lang,
                                      rec->values[entity_field_index(e, "reference")]);
        return;
    }
    view_incident_drafts(out, r->lang, (long long)rec->id);
    incident_significance_panel(r, rec, out);
}

void incident_detail_extra(req *r, const entity *e, const record *rec, buf *out)
{
    (void)e;
    if (!is_handler(r)) return;
    incident_lessons_section(r, rec, out);
    timeline_section(r, rec, out);
}

/* ---- open incidents ------------------------------------------------------ */

static int by_nearest(const void *a, const void *b)
{
    const open_incident *x = a, *y = b;
    if (x->has_clock != y->has_clock) return x->has_clock ? -1 : 1;
    if (x->has_clock && x->nearest.due != y->nearest.due)
        return x->nearest.due < y->nearest.due ? -1 : 1;
    return strcmp(y->reference, x->reference);
}

/* The open incidents a handler handles (for anyone else: those they reported, closed
 * too), each with its nearest unsent clock, soonest first. Returns how many, or -1. */
static int load_open(req *r, bool handler, time_t now, open_incident **out_rows, int *overdue_total)
{
    const char *p[] = {tenant_param(r), int_text(r->a, r->auth->person_id)};
    db_res *res = NULL;
    /* at most the 500 newest open incidents: a kommun has a handful at a time. The sort key
     * is an expression on purpose: ordered by the bare column, SQLite walks every incident
     * of the tenant in reference order looking for open ones (20,000 at scale 100) instead
     * of seeking the few open ones by status and sorting them. */
    const char *sql = handler ? "SELECT id, reference, title, status, severity, personal_data, "
                                "significant, aware_at, personal_data, significant, handled_at, "
                                "closed_at FROM incident WHERE tenant_id = $1 AND status IN "
                                "('reported', 'triaged') ORDER BY reference || '' DESC LIMIT 500"
                              : "SELECT id, reference, title, status, severity, personal_data, "
                                "significant FROM incident WHERE tenant_id = $1 AND reporter_id = "
                                "$2 ORDER BY tenant_id DESC, reference DESC LIMIT 500";
    if (db_query(r->db, r->a, sql, handler ? 1 : 2, p, &res) != DB_OK ||
        !entity_audit_read_rows(r, &entity_incidents, res, 0, "open incidents"))
        return -1;
    open_incident *rows = arena_alloc(r->a, sizeof *rows * (size_t)(res->nrows + 1));
    /* a handler's: every incident's clocks, their notifications read in one query */
    incident_clock(*clocks)[DL__COUNT] = NULL;
    int *nclocks = NULL;
    if (handler) {
        clocks = arena_alloc(r->a, sizeof *clocks * (size_t)(res->nrows + 1));
        nclocks = arena_alloc(r->a, sizeof *nclocks * (size_t)(res->nrows + 1));
        if (!incident_clocks_rows(r, res, 0, 7, now, clocks, nclocks)) return -1;
    }
    *overdue_total = 0;
    for (int i = 0; i < res->nrows; i++) {
        open_incident *o = &rows[i];
        o->id = db_cell(res, i, 0);
        o->reference = db_cell(res, i, 1);
        o->title = db_cell(res, i, 2);
        o->status = db_cell(res, i, 3);
        o->severity = db_cell(res, i, 4);
        if (!handler) continue;
        o->untriaged = !str_same(db_cell(res, i, 5), "yes") && !str_same(db_cell(res, i, 5), "no");
        o->untriaged |= !str_same(db_cell(res, i, 6), "yes") && !str_same(db_cell(res, i, 6), "no");
        const incident_clock *c = clocks[i];
        for (int k = 0; k < nclocks[i]; k++) {
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
    open_incident *rows = NULL;
    int overdue_total = 0, nrows = load_open(r, handler, now, &rows, &overdue_total);
    if (nrows < 0) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }

    page_begin(r, out, tr(r->lang, TR_inc_open_title), "incidents");
    view_incidents_open(&out->body, r->lang, r, handler, rows, nrows, overdue_total, now);
    page_end(r, out);
}

/* The incident card on the start page: a way to report for everyone; for a handler,
 * how many are open, how many notifications are overdue, and the nearest deadline. */
void incidents_home_card(req *r, buf *out)
{
    bool handler = is_handler(r);
    time_t now = time(NULL);
    open_incident *rows = NULL;
    int overdue = 0, n = handler ? load_open(r, true, now, &rows, &overdue) : 0;
    view_incidents_home_card(out, r->lang, r, handler, rows, n, overdue);
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

const char *incident_enum_label(req *r, const char *field, const char *value)
{
    return enum_label(r, &entity_incidents.fields[entity_field_index(&entity_incidents, field)],
                      value);
}

/* One "label: value" item of a draft, the value as stored (enums by their label, times
 * in Stockholm time); an empty one is shown as to be filled in. */
typedef struct draft_field {
    tr_key label;
    const char *name;
} draft_field;

/* A draft: the recipient, who sends it, the items, and the due times of the deadlines
 * first..last, whether each is late. The read is recorded (handled_incident). */
static void draft_page(req *r, resp *out, const char *what, tr_key title, tr_key intro,
                       const char *recipient, const draft_field *fields, int nfields, int first,
                       int last)
{
    record *rec = handled_incident(r, out, what);
    if (!rec) return;
    const char *ref = val(rec, "reference");
    incident_draft_item *items = arena_alloc(r->a, sizeof *items * (size_t)nfields);
    for (int i = 0; i < nfields; i++) {
        const field *f =
            &entity_incidents.fields[entity_field_index(&entity_incidents, fields[i].name)];
        const char *v = val(rec, fields[i].name);
        if (v && f->type == FT_ENUM) v = enum_label(r, f, v);
        if (v && f->type == FT_DATETIME) v = time_local_text(r->a, v);
        items[i] = (incident_draft_item){fields[i].label, v};
    }
    incident_clock c[DL__COUNT];
    int n = incident_clocks(r, rec->id, time(NULL), c);
    incident_authority a = authority_of(r, recipient);
    page_begin(r, out, arena_printf(r->a, "%s %s", tr(r->lang, title), ref), "incidents");
    view_incident_draft(&out->body, r->lang, r, (long long)rec->id, ref, title, intro, &a, items,
                        nfields, c, n, first, last);
    page_end(r, out);
}

void h_incident_imy_draft(req *r, resp *out)
{
    static const draft_field fields[] = {
        {TR_inc_dso_contact, "dso_contact"},
        {TR_inc_discovered, "discovered_at"},
        {TR_inc_aware, "aware_at"},
        {TR_inc_category, "category"},
        {TR_inc_breach_nature, "breach_nature"},
        {TR_inc_subject_categories, "data_subject_categories"},
        {TR_inc_subjects_approx, "data_subjects_approx"},
        {TR_inc_records_approx, "records_approx"},
        {TR_inc_consequences, "consequences"},
        {TR_inc_measures, "measures"},
        {TR_inc_personal_reason, "personal_data_reason"},
    };
    draft_page(r, out, "imy-draft", TR_inc_draft_imy, TR_inc_draft_imy_intro, "imy", fields,
               (int)(sizeof fields / sizeof fields[0]), DL_IMY, DL_IMY);
}

void h_incident_csirt_draft(req *r, resp *out)
{
    static const draft_field fields[] = {
        {TR_inc_title, "title"},
        {TR_inc_what, "what_happened"},
        {TR_inc_discovered, "discovered_at"},
        {TR_inc_aware, "aware_at"},
        {TR_inc_category, "category"},
        {TR_inc_cause, "suspected_cause"},
        {TR_inc_cross_border, "cross_border"},
        {TR_inc_severity, "severity"},
        {TR_inc_impact, "impact"},
        {TR_inc_indicators, "indicators"},
        {TR_inc_measures, "measures"},
        {TR_inc_significant_reason, "significant_reason"},
    };
    draft_page(r, out, "csirt-draft", TR_inc_draft_csirt, TR_inc_draft_csirt_intro, "csirt", fields,
               (int)(sizeof fields / sizeof fields[0]), DL_CSIRT_EARLY, DL_CSIRT_FINAL);
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
    static const char *states[] = {"ok", "amber", "red", "sent", "sent_late"};
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
    buf_puts(b, ",\"handled_at\":");
    if (val(rec, "handled_at"))
        esc_json_string(b, val(rec, "handled_at"));
    else
        buf_puts(b, "null");
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
        buf_printf(b, ",\"provisional\":%s,\"ask_ongoing\":%s,\"final_waits_handled\":%s}",
                   c[i].provisional ? "true" : "false", c[i].ask_ongoing ? "true" : "false",
                   c[i].final_waits_handled ? "true" : "false");
    }
    buf_puts(b, "]}");
}
