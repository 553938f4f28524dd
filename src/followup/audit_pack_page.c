/* audit_pack_page.c - the revisionspaket (audit_pack.h) counted and handed out: the page
 * GET /followup/audit-pack, GET /api/v1/audit-pack, and the two files an auditor keeps,
 * GET /followup/audit-pack.pdf (the answers and figures, each with the link to its list)
 * and GET /followup/audit-pack.xlsx (a summary sheet and one sheet per question with the
 * figures and the rows behind them). All four are written from one gathering (pack_load),
 * so they never differ.
 *
 * Each list figure is counted by the engine from the very query string its link carries
 * (entity_count over list_query_from), within the reader's read scope: the number on the
 * page is the number of rows the link shows, by construction. The link asks for quiet=1
 * so the list page shows every row the count holds (the API shows them anyway).
 *
 * Who: the pack is the tenant's whole and names weaknesses (risks, scan findings), so it
 * is for those who read the audit log and every risk across the tenant: the CISO, the
 * auditors (revisor), the administrator. Anyone whose rights stop at some units gets 403 —
 * a pack for part of the kommun would answer the auditors' questions wrongly. The files
 * are recorded in the audit log before they are handed out, and so is reading the rows
 * of need-to-know kinds that the XLSX lists. */
#include "audit_pack.h"
#include "followup.h"
#include "list_figure.h"
#include "../audit/audit.h"
#include "../auth/auth.h"
#include "../core/util.h"
#include "../dashboard/figures.h"
#include "../entity/xlsx.h"
#include "../http/page.h"
#include "../pdf/pdf.h"
#include "../../build/views/audit_pack.h"
#include <stdlib.h>
#include <string.h>

enum { EVIDENCE_MAX = 500 }; /* rows per figure in the workbook (the list's largest page) */

typedef struct pack {
    list_dates d;
    const char *printed_by;
    list_figure fig[AP_QUESTIONS][AP_MAX_FIGURES];
    ap_answer answer[AP_QUESTIONS];
} pack;

static bool allowed(req *r, resp *out)
{
    if (perm_allows(r->auth, ACT_AUDIT_READ, NULL) && perm_allows(r->auth, ACT_RISK_READ, NULL))
        return true;
    respond_error(r, out, 403, "forbidden", TR_err_forbidden);
    return false;
}

static bool pack_load(req *r, pack *p)
{
    memset(p, 0, sizeof *p);
    if (!list_dates_now(&p->d)) return false;
    p->printed_by = r->auth->person_name ? r->auth->person_name : r->auth->email;
    dash_figures d;
    bool have_dash = false;
    for (int qi = 0; qi < AP_QUESTIONS; qi++) {
        const ap_question *q = &audit_questions[qi];
        int values[AP_MAX_FIGURES];
        bool known[AP_MAX_FIGURES];
        for (int fi = 0; fi < q->nfigures; fi++) {
            const ap_figure *def = &q->figures[fi];
            list_figure *f = &p->fig[qi][fi];
            if (def->source == AP_LIST) {
                if (!list_figure_count(r, &p->d, def->entity, def->query, f)) return false;
            } else {
                /* the lägesbild's tally of this year's deadlines, shown there too */
                dash_scope tenant = {.filter = ""};
                if (!have_dash && !dash_figures_load(r, &tenant, &d)) return false;
                have_dash = true;
                f->href = "/lagesbild#incidents";
                f->known = d.incidents;
                f->value = def->source == AP_INCIDENTS_YEAR  ? d.inc_year
                           : def->source == AP_DEADLINES_MET ? d.dl_met
                                                             : d.dl_late;
            }
            values[fi] = f->value;
            known[fi] = f->known;
        }
        audit_pack_verdict(q, values, known, &p->answer[qi]);
    }
    return true;
}

/* The answer's reasons as one sentence or a few. */
static const char *reasons(req *r, const ap_answer *a)
{
    buf b;
    buf_init(&b, 256);
    for (int i = 0; i < a->nreasons; i++)
        buf_printf(&b, "%s%s", i ? " " : "", tr(r->lang, a->reasons[i]));
    const char *s = arena_strdup(r->a, buf_str(&b));
    buf_free(&b);
    return s;
}

static const char *value_text(req *r, const list_figure *f)
{
    return f->known ? int_text(r->a, f->value) : "\u2013";
}

void h_audit_pack(req *r, resp *out)
{
    pack p;
    if (!allowed(r, out)) return;
    if (!pack_load(r, &p)) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    const char *code[AP_QUESTIONS], *label[AP_QUESTIONS], *why[AP_QUESTIONS];
    const char *fig_value[AP_QUESTIONS * AP_MAX_FIGURES] = {0},
                                         *fig_href[AP_QUESTIONS * AP_MAX_FIGURES] = {0};
    for (int q = 0; q < AP_QUESTIONS; q++) {
        code[q] = audit_pack_verdict_code(p.answer[q].verdict);
        label[q] = tr(r->lang, audit_pack_verdict_label(p.answer[q].verdict));
        why[q] = reasons(r, &p.answer[q]);
        for (int f = 0; f < audit_questions[q].nfigures; f++) {
            fig_value[q * AP_MAX_FIGURES + f] = value_text(r, &p.fig[q][f]);
            fig_href[q * AP_MAX_FIGURES + f] = p.fig[q][f].known ? p.fig[q][f].href : NULL;
        }
    }
    page_begin(r, out, tr(r->lang, TR_ap_title), "audit_pack");
    view_audit_pack(&out->body, r->lang, r, p.d.today, code, label, why, fig_value, fig_href);
    page_end(r, out);
}

void api_audit_pack(req *r, resp *out)
{
    pack p;
    if (!allowed(r, out)) return;
    if (!pack_load(r, &p)) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    respond_json(out, 200);
    buf *b = &out->body;
    buf_printf(b, "{\"counted_on\":\"%s\",\"questions\":[", p.d.today);
    for (int q = 0; q < AP_QUESTIONS; q++) {
        const ap_question *def = &audit_questions[q];
        buf_printf(b, "%s{\"number\":%d,\"key\":\"%s\",\"question\":", q ? "," : "", q + 1,
                   def->key);
        esc_json_string(b, tr(r->lang, def->question));
        buf_printf(b, ",\"answer\":\"%s\",\"answer_label\":",
                   audit_pack_verdict_code(p.answer[q].verdict));
        esc_json_string(b, tr(r->lang, audit_pack_verdict_label(p.answer[q].verdict)));
        buf_puts(b, ",\"reason\":");
        esc_json_string(b, reasons(r, &p.answer[q]));
        buf_puts(b, ",\"figures\":[");
        for (int f = 0; f < def->nfigures; f++) {
            const list_figure *x = &p.fig[q][f];
            buf_printf(b, "%s{\"key\":\"%s\",\"label\":", f ? "," : "", def->figures[f].key);
            esc_json_string(b, tr(r->lang, def->figures[f].label));
            if (x->known)
                buf_printf(b, ",\"value\":%d,\"href\":", x->value);
            else
                buf_puts(b, ",\"value\":null,\"href\":");
            esc_json_string(b, x->href);
            buf_printf(b, ",\"list\":%s}", def->figures[f].source == AP_LIST ? "true" : "false");
        }
        buf_puts(b, "]}");
    }
    buf_puts(b, "]}");
}

/* The export in the audit log, before anything is handed out (false: refuse). */
static bool audit_export(req *r, const char *format)
{
    audit_actor who = {r->auth->account_id, r->auth->email, r->ip};
    if (db_begin(r->db) != DB_OK) return false;
    if (audit_write(r->db, r->a, &who, r->auth->tenant_id, "export", "audit_pack", NULL, format,
                    NULL) == DB_OK &&
        db_commit(r->db) == DB_OK)
        return true;
    db_rollback(r->db);
    return false;
}

static const char *file_name(req *r, const pack *p, const char *ext)
{
    return arena_printf(r->a, "revisionspaket-%s.%s", p->d.today, ext);
}

/* ---- PDF ----------------------------------------------------------------- */

void h_audit_pack_pdf(req *r, resp *out)
{
    pack p;
    if (!allowed(r, out)) return;
    if (!pack_load(r, &p) || !audit_export(r, "PDF")) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    lang_t l = r->lang;
    const char *title = tr(l, TR_ap_title);
    pdf_doc *d = pdf_begin(r->a, arena_printf(r->a, "%s — %s", title, r->auth->tenant_name));
    pdf_heading(d, 1, title);
    pdf_paragraph(d, r->auth->tenant_name);
    pdf_paragraph(d, arena_printf(r->a, tr(l, TR_ap_printed), p.d.today, p.printed_by));
    pdf_paragraph(d, tr(l, TR_ap_intro));
    pdf_heading(d, 2, tr(l, TR_ap_summary));
    const char *sum_head[] = {tr(l, TR_ap_number), tr(l, TR_ap_question), tr(l, TR_ap_answer)};
    const char *sum[AP_QUESTIONS * 3];
    for (int q = 0; q < AP_QUESTIONS; q++) {
        sum[q * 3] = int_text(r->a, q + 1);
        sum[q * 3 + 1] = tr(l, audit_questions[q].question);
        sum[q * 3 + 2] = tr(l, audit_pack_verdict_label(p.answer[q].verdict));
    }
    pdf_table(d, 3, sum_head, sum, AP_QUESTIONS, (double[]){0.06, 0.78, 0.16});
    const char *fig_head[] = {tr(l, TR_ap_figure), tr(l, TR_ap_value), tr(l, TR_ap_list)};
    for (int q = 0; q < AP_QUESTIONS; q++) {
        const ap_question *def = &audit_questions[q];
        pdf_heading(d, 2, arena_printf(r->a, "%d. %s", q + 1, tr(l, def->question)));
        pdf_meta(d, tr(l, TR_ap_answer), tr(l, audit_pack_verdict_label(p.answer[q].verdict)));
        pdf_paragraph(d, reasons(r, &p.answer[q]));
        const char *cells[AP_MAX_FIGURES * 3];
        for (int f = 0; f < def->nfigures; f++) {
            cells[f * 3] = tr(l, def->figures[f].label);
            cells[f * 3 + 1] = value_text(r, &p.fig[q][f]);
            cells[f * 3 + 2] = p.fig[q][f].href;
        }
        pdf_table(d, 3, fig_head, cells, def->nfigures, (double[]){0.42, 0.1, 0.48});
    }
    pdf_respond(r, out, d, arena_printf(r->a, "revisionspaket-%s", p.d.today));
}

/* ---- XLSX ---------------------------------------------------------------- */

typedef struct pack_book {
    req *r;
    pack *p;
    lxw_format *bold, *wrap;
    bool ok;
} pack_book;

static void put_text(pack_book *x, lxw_worksheet *ws, int row, int col, const char *s,
                     lxw_format *fmt)
{
    /* always a string cell, never a formula (xlsx.h) */
    if (x->ok && s && *s &&
        worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, s, fmt) != LXW_NO_ERROR)
        x->ok = false;
}

static void put_number(pack_book *x, lxw_worksheet *ws, int row, int col, const list_figure *f)
{
    if (!x->ok) return;
    lxw_error err =
        f->known
            ? worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, (double)f->value, NULL)
            : worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, "\u2013", NULL);
    if (err != LXW_NO_ERROR) x->ok = false;
}

static void summary_sheet(pack_book *x, lxw_workbook *wb)
{
    req *r = x->r;
    lang_t l = r->lang;
    lxw_worksheet *ws = workbook_add_worksheet(wb, tr(l, TR_ap_summary));
    if (!ws) {
        x->ok = false;
        return;
    }
    put_text(x, ws, 0, 0, tr(l, TR_ap_title), x->bold);
    put_text(x, ws, 1, 0, r->auth->tenant_name, NULL);
    put_text(x, ws, 2, 0, arena_printf(r->a, tr(l, TR_ap_printed), x->p->d.today, x->p->printed_by),
             NULL);
    const tr_key head[] = {TR_ap_number, TR_ap_question, TR_ap_answer, TR_ap_reason};
    for (int c = 0; c < 4; c++)
        put_text(x, ws, 4, c, tr(l, head[c]), x->bold);
    for (int q = 0; q < AP_QUESTIONS; q++) {
        if (x->ok && worksheet_write_number(ws, (lxw_row_t)(5 + q), 0, q + 1, NULL) != LXW_NO_ERROR)
            x->ok = false;
        put_text(x, ws, 5 + q, 1, tr(l, audit_questions[q].question), x->wrap);
        put_text(x, ws, 5 + q, 2, tr(l, audit_pack_verdict_label(x->p->answer[q].verdict)), NULL);
        put_text(x, ws, 5 + q, 3, reasons(r, &x->p->answer[q]), x->wrap);
    }
    worksheet_set_column(ws, 0, 0, 6, NULL);
    worksheet_set_column(ws, 1, 1, 60, NULL);
    worksheet_set_column(ws, 2, 2, 10, NULL);
    worksheet_set_column(ws, 3, 3, 60, NULL);
}

/* The rows one list figure counted: id, the list's first two columns, the link. */
static int evidence_rows(pack_book *x, lxw_worksheet *ws, int row, const ap_figure *def,
                         list_figure *f)
{
    req *r = x->r;
    if (def->source != AP_LIST || !f->known || !f->value) return row;
    list_query q = f->q;
    q.limit = EVIDENCE_MAX;
    q.after = NULL;
    db_res *rows = NULL;
    const char *next = NULL;
    if (entity_list(r, f->e, &q, &rows, &next) != DB_OK ||
        !entity_audit_read_rows(r, f->e, rows, 0, "audit pack")) {
        x->ok = false;
        return row;
    }
    int shown[2], nshown = 0;
    for (int i = 0; i < f->e->nfields && nshown < 2; i++)
        if (f->e->fields[i].flags & F_LIST) shown[nshown++] = i;
    for (int i = 0; i < rows->nrows; i++, row++) {
        put_text(x, ws, row, 0, tr(r->lang, def->label), NULL);
        put_text(x, ws, row, 1, db_cell(rows, i, 0), NULL);
        for (int k = 0; k < nshown; k++)
            put_text(x, ws, row, 2 + k, field_display(r, f->e, rows, i, shown[k]), NULL);
        put_text(x, ws, row, 4, arena_printf(r->a, "/%s/%s", f->e->name, db_cell(rows, i, 0)),
                 NULL);
    }
    if (next) put_text(x, ws, row++, 0, tr(r->lang, TR_ap_more_rows), NULL);
    return row;
}

static void question_sheet(pack_book *x, lxw_workbook *wb, int qi)
{
    req *r = x->r;
    lang_t l = r->lang;
    const ap_question *def = &audit_questions[qi];
    lxw_worksheet *ws = workbook_add_worksheet(wb, tr(l, def->title));
    if (!ws) {
        x->ok = false;
        return;
    }
    put_text(x, ws, 0, 0, arena_printf(r->a, "%d. %s", qi + 1, tr(l, def->question)), x->bold);
    put_text(x, ws, 1, 0, tr(l, TR_ap_answer), x->bold);
    put_text(x, ws, 1, 1, tr(l, audit_pack_verdict_label(x->p->answer[qi].verdict)), NULL);
    put_text(x, ws, 2, 0, tr(l, TR_ap_reason), x->bold);
    put_text(x, ws, 2, 1, reasons(r, &x->p->answer[qi]), NULL);
    int row = 4;
    put_text(x, ws, row, 0, tr(l, TR_ap_figure), x->bold);
    put_text(x, ws, row, 1, tr(l, TR_ap_value), x->bold);
    put_text(x, ws, row++, 2, tr(l, TR_ap_list), x->bold);
    for (int f = 0; f < def->nfigures; f++, row++) {
        put_text(x, ws, row, 0, tr(l, def->figures[f].label), NULL);
        put_number(x, ws, row, 1, &x->p->fig[qi][f]);
        put_text(x, ws, row, 2, x->p->fig[qi][f].href, NULL);
    }
    row++;
    put_text(x, ws, row++, 0, tr(l, TR_ap_evidence), x->bold);
    const tr_key head[] = {TR_ap_figure, TR_ap_id, TR_ap_row, TR_ap_row_more, TR_ap_link};
    for (int c = 0; c < 5; c++)
        put_text(x, ws, row, c, tr(l, head[c]), x->bold);
    row++;
    for (int f = 0; f < def->nfigures; f++)
        row = evidence_rows(x, ws, row, &def->figures[f], &x->p->fig[qi][f]);
    worksheet_set_column(ws, 0, 0, 44, NULL);
    worksheet_set_column(ws, 1, 1, 10, NULL);
    worksheet_set_column(ws, 2, 3, 36, NULL);
    worksheet_set_column(ws, 4, 4, 28, NULL);
}

static bool fill_pack(lxw_workbook *wb, void *ctx)
{
    pack_book *x = ctx;
    x->bold = workbook_add_format(wb);
    x->wrap = workbook_add_format(wb);
    if (!x->bold || !x->wrap) return false;
    format_set_bold(x->bold);
    format_set_text_wrap(x->wrap);
    format_set_align(x->wrap, LXW_ALIGN_VERTICAL_TOP);
    x->ok = true;
    summary_sheet(x, wb);
    for (int q = 0; q < AP_QUESTIONS && x->ok; q++)
        question_sheet(x, wb, q);
    return x->ok;
}

void h_audit_pack_xlsx(req *r, resp *out)
{
    pack p;
    if (!allowed(r, out)) return;
    if (!pack_load(r, &p) || !audit_export(r, "XLSX")) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    pack_book x = {.r = r, .p = &p};
    if (!xlsx_to_buf(r, fill_pack, &x, &out->body)) {
        buf_reset(&out->body);
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    out->content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    resp_header(out, r->a, "Content-Disposition",
                arena_printf(r->a, "attachment; filename=\"lis-%s\"", file_name(r, &p, "xlsx")));
}
