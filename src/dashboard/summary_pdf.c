/* summary_pdf.c - the management summary as an A4 PDF, from the same text as the page. */
#include "summary.h"
#include "../pdf/pdf.h"
#include "../core/i18n.h"

void h_dashboard_summary_pdf(req *r, resp *out)
{
    summary s;
    if (!summary_load(r, out, &s)) return;
    lang_t l = r->lang;
    pdf_doc *d = pdf_begin(r->a, s.title);
    pdf_heading(d, 1, s.title);
    pdf_paragraph(d, arena_printf(r->a, tr(l, TR_sum_printed), s.printed_at, s.printed_by));
    pdf_heading(d, 2, tr(l, TR_sum_state));
    for (int i = 0; i < s.nlines; i++)
        pdf_meta(d, s.label[i], s.value[i]);
    pdf_heading(d, 2, tr(l, TR_sum_top));
    if (s.nrisks)
        pdf_table(d, SUMMARY_RISK_COLS, s.risk_head, s.risks, s.nrisks,
                  (double[]){0.30, 0.15, 0.17, 0.15, 0.23});
    else
        pdf_paragraph(d, tr(l, TR_dash_none));
    pdf_heading(d, 2, arena_printf(r->a, tr(l, TR_sum_late), s.fig.year));
    if (s.nlate)
        pdf_table(d, SUMMARY_LATE_COLS, s.late_head, s.late, s.nlate,
                  (double[]){0.40, 0.19, 0.18, 0.23});
    else
        pdf_paragraph(d, tr(l, TR_dash_none));
    pdf_respond(r, out, d,
                s.scope.unit_id
                    ? arena_printf(r->a, "lagesbild-%s-%.10s", s.scope.unit_id, s.fig.today)
                    : arena_printf(r->a, "lagesbild-%.10s", s.fig.today));
}
