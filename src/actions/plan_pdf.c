/* plan_pdf.c - the year's handlingsplan as a PDF for kommunstyrelsen: the decision (body,
 * date, diarienummer) or that it is still a draft, the counts by status, then per
 * förvaltning its actions with their goal, priority, responsible, end date and status,
 * and, once decided, what changed since the decision. The same actions as the page: only
 * those the reader may read, and the decision's details only for those who may read it. */
#include "plan_pages.h"
#include "../pdf/pdf.h"
#include "../http/page.h"
#include "../core/util.h"
#include <stdlib.h>
#include <string.h>

/* The decision's line and, for a reader of it, its snapshot (else NULL). */
static bool decision(req *r, int year, pdf_doc *d, const char **snapshot)
{
    *snapshot = NULL;
    const char *p[] = {plan_tenant(r), plan_num(r, year)};
    db_res *res = NULL;
    if (db_query(r->db, r->a,
                 arena_printf(r->a,
                              "SELECT d.decided_on, p.name, d.body, d.reference, d.snapshot, "
                              "CASE WHEN 1 = 1%s THEN 1 ELSE 0 END FROM plan_decision d JOIN "
                              "person p ON p.id = d.decided_by_id WHERE d.tenant_id = $1 AND "
                              "d.plan_year = $2",
                              entity_read_scope(r, &entity_plan_decisions, "d")),
                 2, p, &res) != DB_OK)
        return false;
    if (!res->nrows) {
        pdf_paragraph(d, tr(r->lang, TR_plan_not_decided));
    } else if (db_cell_int(res, 0, 5) != 1) {
        pdf_paragraph(d, tr(r->lang, TR_plan_decided_restricted));
    } else {
        pdf_meta(d, tr(r->lang, TR_decision_body), db_cell(res, 0, 2));
        pdf_meta(d, tr(r->lang, TR_decision_decided_on), db_cell(res, 0, 0));
        pdf_meta(d, tr(r->lang, TR_decision_decided_by), db_cell(res, 0, 1));
        if (!str_empty(db_cell(res, 0, 3)))
            pdf_meta(d, tr(r->lang, TR_decision_reference), db_cell(res, 0, 3));
        *snapshot = db_cell(res, 0, 4) ? db_cell(res, 0, 4) : "[]";
    }
    return true;
}

/* "12 åtgärder: 5 planerade, 4 pågår, 3 genomförda" — the plan in one line. */
static void counts(req *r, pdf_doc *d, const plan_row *rows, int n)
{
    static const char *const statuses[] = {"planned", "ongoing", "done", "cancelled"};
    buf b;
    buf_init(&b, 128);
    buf_printf(&b, "%d", n);
    for (size_t k = 0; k < sizeof statuses / sizeof statuses[0]; k++) {
        int c = 0;
        for (int i = 0; i < n; i++)
            c += rows[i].item.status && !strcmp(rows[i].item.status, statuses[k]);
        if (c)
            buf_printf(&b, "%s%s %d", k ? ", " : " (", plan_opt_label(r, "status", statuses[k]), c);
    }
    if (n) buf_puts(&b, ")");
    pdf_meta(d, tr(r->lang, TR_plan_pdf_actions), buf_str(&b));
    buf_free(&b);
}

/* One förvaltning's actions, rows[from..to). */
static void unit_table(req *r, pdf_doc *d, const plan_row *rows, int from, int to)
{
    pdf_heading(d, 2, rows[from].forv);
    const char *head[] = {tr(r->lang, TR_act_title),    tr(r->lang, TR_act_goal),
                          tr(r->lang, TR_act_priority), tr(r->lang, TR_act_responsible),
                          tr(r->lang, TR_act_end_date), tr(r->lang, TR_act_status)};
    int n = to - from;
    const char **cells = arena_alloc(r->a, sizeof(char *) * (size_t)(n * 6 + 1));
    for (int i = 0; i < n; i++) {
        const plan_row *x = &rows[from + i];
        const char **row = &cells[i * 6];
        row[0] = x->carried_year ? arena_printf(r->a, "%s (%s %s)", x->item.title,
                                                tr(r->lang, TR_plan_pdf_carried), x->carried_year)
                                 : x->item.title;
        row[1] = x->goal;
        row[2] = x->item.priority ? plan_opt_label(r, "priority", x->item.priority) : NULL;
        row[3] = x->responsible ? x->responsible : tr(r->lang, TR_plan_nobody);
        row[4] = x->item.end_date;
        row[5] = plan_opt_label(r, "status", x->item.status);
    }
    pdf_table(d, 6, head, cells, n, (double[]){0.25, 0.23, 0.12, 0.12, 0.14, 0.14});
}

static void changes(req *r, pdf_doc *d, const char *snapshot, const plan_row *rows, int n, int year)
{
    plan_change *ch = NULL;
    const char **fields = NULL;
    int nch = plan_changes(r, snapshot, rows, n, year, &ch, &fields);
    pdf_heading(d, 2, tr(r->lang, TR_plan_changes));
    if (nch <= 0) {
        pdf_paragraph(d, tr(r->lang, TR_plan_no_changes));
        return;
    }
    const char *head[] = {tr(r->lang, TR_plan_pdf_change), tr(r->lang, TR_act_title),
                          tr(r->lang, TR_plan_pdf_fields)};
    const char **cells = arena_alloc(r->a, sizeof(char *) * (size_t)(nch * 3 + 1));
    for (int i = 0; i < nch; i++) {
        cells[i * 3] = tr(r->lang, ch[i].kind == CHANGE_ADDED     ? TR_plan_added
                                   : ch[i].kind == CHANGE_REMOVED ? TR_plan_removed
                                                                  : TR_plan_changed);
        cells[i * 3 + 1] = ch[i].item->title;
        cells[i * 3 + 2] = fields[i];
    }
    pdf_table(d, 3, head, cells, nch, (double[]){0.15, 0.55, 0.3});
}

void h_plan_year_pdf(req *r, resp *out)
{
    int year = plan_route_year(r, out);
    if (!year) return;
    int n = 0;
    plan_row *rows = plan_year_actions(r, year, &n);
    if (!rows) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    const char *title = arena_printf(r->a, tr(r->lang, TR_plan_pdf_title), year);
    pdf_doc *d = pdf_begin(r->a, arena_printf(r->a, "%s — %s", title, r->auth->tenant_name));
    pdf_heading(d, 1, title);
    pdf_paragraph(d, r->auth->tenant_name);
    const char *snapshot = NULL;
    if (!decision(r, year, d, &snapshot)) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    counts(r, d, rows, n);
    if (!n) pdf_paragraph(d, tr(r->lang, TR_plan_no_actions));
    /* rows come ordered by förvaltning: one table each */
    for (int from = 0, to; from < n; from = to) {
        for (to = from + 1; to < n && !strcmp(rows[to].forv, rows[from].forv); to++)
            ;
        unit_table(r, d, rows, from, to);
    }
    if (snapshot) changes(r, d, snapshot, rows, n, year);
    pdf_respond(r, out, d, arena_printf(r->a, "handlingsplan-%d", year));
}
