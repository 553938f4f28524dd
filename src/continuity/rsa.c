/* rsa.c - the risk- och sårbarhetsanalys (RSA) of a term of office as a document for the
 * länsstyrelse (lagen 2006:544; the structure MSBFS 2015:5 § 5 gave it, the rule now with
 * MCF): the chapters the kommun writes, and at export the live data of what it links to —
 * the samhällsviktiga processes and förvaltningsobjekt with MTPD, RTO and RPO from the
 * BIA and the roll-up, the restore order and its gaps, the linked risks with their level,
 * the linked actions with status and end date, and the readiness of the incident response
 * plans. As PDF (to sign and send) and as XLSX, one sheet per chapter (for the
 * handläggare to edit). Need-to-know like risks: the descriptor's read scope decides, and
 * every export is recorded as a read in the audit log. */
#include "continuity.h"
#include "../core/util.h"
#include "../entity/xlsx.h"
#include "../http/page.h"
#include "../pdf/pdf.h"
#include "../risks/risks.h"
#include "../../build/views/rsa_lead.h"
#include <stdlib.h>
#include <string.h>

const rsa_chapter rsa_chapters[RSA_CHAPTERS] = {
    {"ch_area", TR_rsa_ch_area, RSA_TABLE_NONE},
    {"ch_method", TR_rsa_ch_method, RSA_TABLE_NONE},
    {"ch_critical", TR_rsa_ch_critical, RSA_TABLE_CRITICAL},
    {"ch_dependencies", TR_rsa_ch_dependencies, RSA_TABLE_RESTORE},
    {"ch_risks", TR_rsa_ch_risks, RSA_TABLE_RISKS},
    {"ch_weaknesses", TR_rsa_ch_weaknesses, RSA_TABLE_GAPS},
    {"ch_measures", TR_rsa_ch_measures, RSA_TABLE_ACTIONS},
    {"ch_capability", TR_rsa_ch_capability, RSA_TABLE_READINESS},
};

bool rsa_text_empty(const char *text)
{
    if (!text) return true;
    for (; *text; text++)
        if (*text != ' ' && *text != '\t' && *text != '\n' && *text != '\r') return false;
    return true;
}

int rsa_chapters_written(const char *const texts[RSA_CHAPTERS], bool filled[RSA_CHAPTERS])
{
    int n = 0;
    for (int i = 0; i < RSA_CHAPTERS; i++) {
        filled[i] = !rsa_text_empty(texts[i]);
        n += filled[i];
    }
    return n;
}

static const char **value(const entity *e, record *rec, const char *name)
{
    return &rec->values[entity_field(e, name)];
}

void rsa_link_validate(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    (void)r;
    (void)old;
    int things = !str_empty(*value(e, rec, "process_id")) +
                 !str_empty(*value(e, rec, "object_id")) + !str_empty(*value(e, rec, "risk_id")) +
                 !str_empty(*value(e, rec, "action_id"));
    if (things != 1) errors_add(errs, entity_field(e, "process_id"), TR_rsa_err_one_thing, NULL);
}

/* Today's date in Stockholm, YYYY-MM-DD. */
static const char *today(req *r)
{
    char *d = arena_alloc(r->a, 11);
    date_today(d);
    return d;
}

void rsa_lead(req *r, const entity *e, const record *rec, buf *out)
{
    const char *texts[RSA_CHAPTERS];
    for (int i = 0; i < RSA_CHAPTERS; i++)
        texts[i] = record_get(rec, e, rsa_chapters[i].field);
    bool filled[RSA_CHAPTERS];
    int written = rsa_chapters_written(texts, filled);
    tr_key labels[RSA_CHAPTERS];
    for (int i = 0; i < RSA_CHAPTERS; i++)
        labels[i] = rsa_chapters[i].label;
    const char *due = record_get(rec, e, "due_on"), *reported = record_get(rec, e, "reported_on");
    bool late = !reported && due && strcmp(due, today(r)) < 0;
    view_rsa_lead(out, r->lang, (long long)rec->id, due, reported, late, RSA_CHAPTERS, labels,
                  filled, written);
}

/* ---- the document's data, read once for both formats ---- */

typedef struct rsa_table {
    int ncols, nrows;
    tr_key head[6];
    const char **cells; /* nrows × ncols */
    double widths[6];
} rsa_table;

typedef struct rsa_doc {
    req *r;
    int64_t id;
    const char *term, *due_on, *reported_on, *owner;
    const char *texts[RSA_CHAPTERS];
    rsa_table tables[RSA_TABLE__COUNT];
} rsa_doc;

static const char *hours(req *r, long long h)
{
    return h < 0 ? NULL : arena_printf(r->a, "%lld", h);
}

/* Grows t by one row; its cells start empty. */
static const char **table_row(req *r, rsa_table *t, int cap)
{
    if (!t->cells) t->cells = arena_alloc(r->a, sizeof(char *) * (size_t)(cap * t->ncols + 1));
    if (!t->cells || t->nrows >= cap) return NULL;
    const char **row = &t->cells[t->nrows * t->ncols];
    memset(row, 0, sizeof(char *) * (size_t)t->ncols);
    t->nrows++;
    return row;
}

static void table_init(rsa_table *t, int ncols, const tr_key *head, const double *widths)
{
    t->ncols = ncols;
    for (int i = 0; i < ncols; i++) {
        t->head[i] = head[i];
        t->widths[i] = widths[i];
    }
}

enum { MAX_LINKS = 500 };

/* The process node of the roll-up with this id, or -1. */
static int process_node(const rollup_view *v, const char *id)
{
    int64_t want;
    if (!id || !parse_int64(id, &want)) return -1;
    for (int i = 0; i < v->nprocesses; i++)
        if (v->id[i] == want) return i;
    return -1;
}

/* One row of a kind by id within the reader's read scope (need-to-know), or NULL. */
static db_res *readable(req *r, const entity *e, const char *id)
{
    int64_t n;
    db_res *row = NULL;
    if (!e || !id || !parse_int64(id, &n) || entity_get(r, e, n, &row) != DB_OK || !row->nrows)
        return NULL;
    return row;
}

static const char *shown(req *r, const entity *e, const db_res *row, const char *field)
{
    return field_display(r, e, row, 0, entity_field(e, field));
}

static bool load_links(rsa_doc *d, const rollup_view *v, bool *linked_process)
{
    req *r = d->r;
    const char *p[] = {tenant_param(r), int_text(r->a, d->id)};
    db_res *links = NULL;
    if (db_query(r->db, r->a,
                 "SELECT process_id, object_id, risk_id, action_id, note FROM rsa_link WHERE "
                 "tenant_id = $1 AND rsa_id = $2 ORDER BY id LIMIT 500",
                 2, p, &links) != DB_OK)
        return false;
    rsa_table *crit = &d->tables[RSA_TABLE_CRITICAL], *risks = &d->tables[RSA_TABLE_RISKS],
              *acts = &d->tables[RSA_TABLE_ACTIONS];
    const entity *actions = entity_find("actions");
    for (int i = 0; i < links->nrows; i++) {
        const char *process = db_cell(links, i, 0), *object = db_cell(links, i, 1);
        const char *risk = db_cell(links, i, 2), *action = db_cell(links, i, 3);
        const char *note = db_cell(links, i, 4);
        if (process) {
            int node = process_node(v, process);
            if (node < 0) continue;
            linked_process[node] = true;
            const char **row = table_row(r, crit, MAX_LINKS);
            if (!row) break;
            row[0] = tr(r->lang, TR_cont_process);
            row[1] = v->name[node];
            row[2] = hours(r, v->mtpd[node]);
            row[3] = hours(r, v->own_rto[node]);
            row[4] = hours(r, v->own_rpo[node]);
            row[5] = note;
        } else if (object) {
            const char *q[] = {tenant_param(r), object};
            db_res *o = NULL;
            if (db_query(r->db, r->a,
                         "SELECT o.name, MIN(c.mtpd_hours), MIN(c.rto_hours), MIN(c.rpo_hours) "
                         "FROM managed_object o LEFT JOIN continuity_plan c ON c.tenant_id = "
                         "o.tenant_id AND c.object_id = o.id WHERE o.tenant_id = $1 AND o.id = "
                         "$2 GROUP BY o.id, o.name",
                         2, q, &o) != DB_OK)
                return false;
            if (!o->nrows) continue;
            const char **row = table_row(r, crit, MAX_LINKS);
            if (!row) break;
            row[0] = tr(r->lang, TR_cont_object);
            row[1] = db_cell(o, 0, 0);
            row[2] = db_cell(o, 0, 1);
            row[3] = db_cell(o, 0, 2);
            row[4] = db_cell(o, 0, 3);
            row[5] = note;
        } else if (risk) {
            db_res *k = readable(r, &entity_risks, risk);
            if (!k) continue;
            const char **row = table_row(r, risks, MAX_LINKS);
            if (!row) break;
            row[0] = shown(r, &entity_risks, k, "title");
            row[1] = shown(r, &entity_risks, k, "level");
            row[2] = shown(r, &entity_risks, k, "residual_level");
            row[3] = shown(r, &entity_risks, k, "status");
            row[4] = note;
        } else if (action) {
            db_res *a = readable(r, actions, action);
            if (!a) continue;
            const char **row = table_row(r, acts, MAX_LINKS);
            if (!row) break;
            row[0] = shown(r, actions, a, "title");
            row[1] = shown(r, actions, a, "status");
            row[2] = shown(r, actions, a, "end_date");
            row[3] = shown(r, actions, a, "responsible_id");
            row[4] = note;
        }
    }
    return true;
}

/* The restore order from the roll-up (the systems the linked processes need, or every
 * system with a need when no process is linked) and its gaps: where the system's plan or
 * supplier promises a slower restore than the need. */
static void load_restore(rsa_doc *d, const rollup_view *v, const bool *linked_process)
{
    req *r = d->r;
    bool any = false;
    for (int i = 0; i < v->nprocesses; i++)
        any = any || linked_process[i];
    rsa_table *order = &d->tables[RSA_TABLE_RESTORE], *gaps = &d->tables[RSA_TABLE_GAPS];
    for (int k = 0; k < v->norder; k++) {
        int s = v->order[k];
        int source = v->rto.need[s].source;
        if (any && (source < 0 || source >= v->nprocesses || !linked_process[source])) continue;
        const char *from = source >= 0 ? v->name[source] : NULL;
        bool gap = rollup_rto_gap(v, s);
        const char **row = table_row(r, order, v->norder);
        if (!row) break;
        row[0] = arena_printf(r->a, "%d", k + 1);
        row[1] = v->name[s];
        row[2] = hours(r, v->rto.need[s].hours);
        row[3] = hours(r, rollup_promise(v, s));
        row[4] = from;
        row[5] = tr(r->lang, gap ? TR_yes : TR_no);
        if (!gap) continue;
        const char **g = table_row(r, gaps, v->norder);
        if (!g) break;
        g[0] = v->name[s];
        g[1] = row[2];
        g[2] = row[3];
        g[3] = v->supplier[s];
        g[4] = from;
    }
}

/* The incident response plans: decided when, exercised when and with what result. */
static bool load_readiness(rsa_doc *d)
{
    req *r = d->r;
    const char *p[] = {tenant_param(r)};
    db_res *res = NULL;
    if (db_query(r->db, r->a,
                 "SELECT p.name, p.decided_on, p.review_due, x.held_on, x.result FROM "
                 "response_plan p LEFT JOIN response_exercise x ON x.id = (SELECT y.id FROM "
                 "response_exercise y WHERE y.tenant_id = p.tenant_id AND y.plan_id = p.id ORDER "
                 "BY y.held_on DESC, y.id DESC LIMIT 1) WHERE p.tenant_id = $1 ORDER BY p.name, "
                 "p.id LIMIT 50",
                 1, p, &res) != DB_OK)
        return false;
    rsa_table *t = &d->tables[RSA_TABLE_READINESS];
    for (int i = 0; i < res->nrows; i++) {
        const char **row = table_row(r, t, res->nrows);
        if (!row) break;
        row[0] = db_cell(res, i, 0);
        row[1] = db_cell(res, i, 1);
        row[2] = db_cell(res, i, 2);
        row[3] = db_cell(res, i, 3);
        const char *result = db_cell(res, i, 4);
        for (const enum_opt *o = continuity_results; result && o->value; o++)
            if (!strcmp(o->value, result)) row[4] = tr(r->lang, o->label);
    }
    return true;
}

/* The RSA of the route's id as the reader may read it; false with the response made. */
static bool rsa_doc_load(req *r, resp *out, rsa_doc *d)
{
    memset(d, 0, sizeof *d);
    d->r = r;
    db_res *row = NULL;
    const entity *e = &entity_rsa;
    if (r->nroute_args < 1 || !parse_int64(r->route_args[0], &d->id) || !entity_may_read(r, e) ||
        entity_get(r, e, d->id, &row) != DB_OK || row->nrows == 0) {
        respond_error(r, out, 404, "not_found", TR_err_not_found);
        return false;
    }
    d->term = shown(r, e, row, "term");
    d->due_on = shown(r, e, row, "due_on");
    d->reported_on = shown(r, e, row, "reported_on");
    d->owner = shown(r, e, row, "owner_id");
    for (int i = 0; i < RSA_CHAPTERS; i++)
        d->texts[i] = shown(r, e, row, rsa_chapters[i].field);
    table_init(&d->tables[RSA_TABLE_CRITICAL], 6,
               (const tr_key[]){TR_rsa_col_kind, TR_rsa_col_name, TR_cont_mtpd, TR_cont_rto,
                                TR_cont_rpo, TR_rsa_link_note},
               (const double[]){0.12, 0.3, 0.1, 0.1, 0.1, 0.28});
    table_init(&d->tables[RSA_TABLE_RESTORE], 6,
               (const tr_key[]){TR_rsa_col_order, TR_dep_system, TR_rsa_col_need,
                                TR_rsa_col_promise, TR_rsa_col_from, TR_rsa_col_gap},
               (const double[]){0.08, 0.3, 0.12, 0.14, 0.26, 0.1});
    table_init(&d->tables[RSA_TABLE_GAPS], 5,
               (const tr_key[]){TR_dep_system, TR_rsa_col_need, TR_rsa_col_promise, TR_dep_supplier,
                                TR_rsa_col_from},
               (const double[]){0.28, 0.14, 0.14, 0.2, 0.24});
    table_init(&d->tables[RSA_TABLE_RISKS], 5,
               (const tr_key[]){TR_risk_title, TR_risk_level, TR_risk_residual_level,
                                TR_risk_status, TR_rsa_link_note},
               (const double[]){0.34, 0.14, 0.14, 0.14, 0.24});
    table_init(&d->tables[RSA_TABLE_ACTIONS], 5,
               (const tr_key[]){TR_rsa_link_action, TR_rsa_col_status, TR_rsa_col_end_date,
                                TR_rsa_col_responsible, TR_rsa_link_note},
               (const double[]){0.34, 0.14, 0.14, 0.18, 0.2});
    table_init(&d->tables[RSA_TABLE_READINESS], 5,
               (const tr_key[]){TR_resp_plans_one, TR_resp_decided_on, TR_resp_review_due,
                                TR_resp_last_exercise, TR_rsa_col_result},
               (const double[]){0.36, 0.16, 0.16, 0.16, 0.16});
    rollup_view *v = arena_alloc(r->a, sizeof *v);
    if (!v || !continuity_rollup_load(r, v)) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return false;
    }
    bool *linked = arena_alloc(r->a, sizeof(bool) * (size_t)(v->nprocesses + 1));
    if (!linked) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return false;
    }
    memset(linked, 0, sizeof(bool) * (size_t)(v->nprocesses + 1));
    if (!load_links(d, v, linked) || !load_readiness(d)) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return false;
    }
    /* the restore order and its gaps are the roll-up's, read by those who read risks */
    if (perm_allows(r->auth, ACT_RISK_READ, NULL)) load_restore(d, v, linked);
    return true;
}

static const char *doc_title(rsa_doc *d)
{
    return arena_printf(d->r->a, "%s %s — %s", tr(d->r->lang, TR_rsa_doc_title), d->term,
                        d->r->auth->tenant_name);
}

static const char *chapter_heading(rsa_doc *d, int i)
{
    return arena_printf(d->r->a, "%d. %s", i + 1, tr(d->r->lang, rsa_chapters[i].label));
}

void h_rsa_pdf(req *r, resp *out)
{
    rsa_doc d;
    if (!rsa_doc_load(r, out, &d)) return;
    pdf_doc *p = pdf_begin(r->a, doc_title(&d));
    pdf_heading(p, 1, arena_printf(r->a, "%s %s", tr(r->lang, TR_rsa_doc_title), d.term));
    pdf_paragraph(p, r->auth->tenant_name);
    pdf_meta(p, tr(r->lang, TR_rsa_term), d.term);
    pdf_meta(p, tr(r->lang, TR_rsa_due_on), d.due_on);
    pdf_meta(p, tr(r->lang, TR_rsa_reported_on),
             d.reported_on ? d.reported_on : tr(r->lang, TR_rsa_not_reported));
    if (d.owner) pdf_meta(p, tr(r->lang, TR_cont_owner), d.owner);
    pdf_paragraph(p, tr(r->lang, TR_rsa_doc_basis));
    for (int i = 0; i < RSA_CHAPTERS; i++) {
        pdf_heading(p, 2, chapter_heading(&d, i));
        pdf_paragraph(p,
                      rsa_text_empty(d.texts[i]) ? tr(r->lang, TR_rsa_chapter_empty) : d.texts[i]);
        const rsa_table *t = &d.tables[rsa_chapters[i].table];
        if (rsa_chapters[i].table == RSA_TABLE_NONE || !t->ncols) continue;
        pdf_heading(p, 3, tr(r->lang, rsa_table_label(rsa_chapters[i].table)));
        if (!t->nrows) {
            pdf_paragraph(p, tr(r->lang, TR_rsa_table_empty));
            continue;
        }
        const char *head[6];
        for (int c = 0; c < t->ncols; c++)
            head[c] = tr(r->lang, t->head[c]);
        pdf_table(p, t->ncols, head, t->cells, t->nrows, t->widths);
    }
    if (!entity_audit_read(r, &entity_rsa, d.id, "pdf")) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    pdf_respond(r, out, p, arena_printf(r->a, "rsa-%lld", (long long)d.id));
}

/* A sheet's name: "1 Beskrivning av …", at most 31 characters and none of []:*?/\ . */
static const char *sheet_name(req *r, int i)
{
    const char *label = tr(r->lang, rsa_chapters[i].label);
    char *name = arena_printf(r->a, "%d %s", i + 1, label);
    /* cut at 31 characters, never inside a UTF-8 sequence */
    size_t chars = 0, at = 0;
    for (; name[at]; at++) {
        if (((unsigned char)name[at] & 0xC0) != 0x80) {
            if (chars == 31) break;
            chars++;
        }
    }
    name[at] = 0;
    for (char *c = name; *c; c++)
        if (strchr("[]:*?/\\", *c)) *c = ' ';
    return name;
}

static bool fill_rsa(lxw_workbook *wb, void *ctx)
{
    rsa_doc *d = ctx;
    req *r = d->r;
    lxw_format *bold = workbook_add_format(wb), *wrap = workbook_add_format(wb),
               *head = workbook_add_format(wb), *date = workbook_add_format(wb);
    if (!bold || !wrap || !head || !date) return false;
    format_set_bold(bold);
    format_set_bold(head);
    format_set_bottom(head, LXW_BORDER_THIN);
    format_set_text_wrap(wrap);
    format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
    format_set_num_format(date, "yyyy-mm-dd");
    format_set_align(date, LXW_ALIGN_LEFT);
    lxw_worksheet *ws = workbook_add_worksheet(wb, "RSA");
    if (!ws) return false;
    worksheet_set_column(ws, 0, 0, 28, NULL);
    worksheet_set_column(ws, 1, 1, 60, wrap);
    worksheet_write_string(ws, 0, 0, doc_title(d), bold);
    struct {
        tr_key label;
        const char *value;
        bool is_date;
    } meta[] = {{TR_rsa_term, d->term, false},
                {TR_rsa_due_on, d->due_on, true},
                {TR_rsa_reported_on, d->reported_on, true},
                {TR_cont_owner, d->owner, false}};
    for (int i = 0; i < 4; i++) {
        lxw_row_t row = (lxw_row_t)(i + 2);
        worksheet_write_string(ws, row, 0, tr(r->lang, meta[i].label), bold);
        const char *v = meta[i].value;
        if (!v) continue;
        /* the dates as dates, so that a handläggare can sort and compute with them */
        if (meta[i].is_date && strlen(v) == 10) {
            lxw_datetime dt = {atoi(v), atoi(v + 5), atoi(v + 8), 0, 0, 0};
            worksheet_write_datetime(ws, row, 1, &dt, date);
        } else {
            worksheet_write_string(ws, row, 1, v, NULL);
        }
    }
    worksheet_write_string(ws, 7, 0, tr(r->lang, TR_rsa_doc_basis), wrap);
    for (int i = 0; i < RSA_CHAPTERS; i++) {
        lxw_worksheet *cs = workbook_add_worksheet(wb, sheet_name(r, i));
        if (!cs) return false;
        const rsa_table *t = &d->tables[rsa_chapters[i].table];
        int ncols = rsa_chapters[i].table == RSA_TABLE_NONE ? 1 : t->ncols;
        worksheet_set_column(cs, 0, 0, 40, wrap);
        if (ncols > 1) worksheet_set_column(cs, 1, (lxw_col_t)(ncols - 1), 18, wrap);
        worksheet_write_string(cs, 0, 0, chapter_heading(d, i), bold);
        /* the chapter's text in one cell, to edit; empty when not written */
        if (!rsa_text_empty(d->texts[i])) worksheet_write_string(cs, 1, 0, d->texts[i], wrap);
        if (rsa_chapters[i].table == RSA_TABLE_NONE) continue;
        worksheet_write_string(cs, 3, 0, tr(r->lang, rsa_table_label(rsa_chapters[i].table)), bold);
        for (int c = 0; c < t->ncols; c++)
            worksheet_write_string(cs, 4, (lxw_col_t)c, tr(r->lang, t->head[c]), head);
        for (int k = 0; k < t->nrows; k++)
            for (int c = 0; c < t->ncols; c++) {
                const char *v = t->cells[k * t->ncols + c];
                if (v) worksheet_write_string(cs, (lxw_row_t)(5 + k), (lxw_col_t)c, v, NULL);
            }
    }
    return true;
}

void h_rsa_xlsx(req *r, resp *out)
{
    rsa_doc d;
    if (!rsa_doc_load(r, out, &d)) return;
    if (!entity_audit_read(r, &entity_rsa, d.id, "xlsx") ||
        !xlsx_to_buf(r, fill_rsa, &d, &out->body)) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    out->content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    resp_header(out, r->a, "Content-Disposition",
                arena_printf(r->a, "attachment; filename=\"lis-rsa-%lld.xlsx\"", (long long)d.id));
}

tr_key rsa_table_label(rsa_table_kind k)
{
    switch (k) {
    case RSA_TABLE_CRITICAL:
        return TR_rsa_table_critical;
    case RSA_TABLE_RESTORE:
        return TR_rsa_table_restore;
    case RSA_TABLE_GAPS:
        return TR_rsa_table_gaps;
    case RSA_TABLE_RISKS:
        return TR_rsa_table_risks;
    case RSA_TABLE_ACTIONS:
        return TR_rsa_table_actions;
    case RSA_TABLE_READINESS:
        return TR_rsa_table_readiness;
    default:
        return TR_rsa_table_empty;
    }
}
