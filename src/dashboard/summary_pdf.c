/* summary_pdf.c - the management summary as an A4 PDF, from the same text as the page. */
#include "summary.h"
#include "../pdf/pdf.h"
#include "../risks/risks.h"
#include "../risks/matrix.h"
#include "../core/i18n.h"
#include <stdio.h>
#include <string.h>

/* a step's name and number, "Trolig (3)"; just the number where the name is the number */
static const char *axis(req *r, const char *name, int value)
{
    char num[12];
    snprintf(num, sizeof num, "%d", value);
    return strcmp(name, num) ? arena_printf(r->a, "%s (%d)", name, value) : arena_strdup(r->a, num);
}

/* The open risks on the tenant's matrix in its colours, the most likely row on top; each
 * cell its count and its level's word, so the map reads in black and white too. */
static void heatmap(req *r, pdf_doc *d, const summary *s)
{
    int nl, nc;
    int *counts = dash_heatmap_counts(r, &s->scope, &nl, &nc);
    if (!counts) return;
    const matrix_names *names = tenant_names(r);
    const char **rows = arena_alloc(r->a, sizeof(char *) * (size_t)nl);
    const char **cols = arena_alloc(r->a, sizeof(char *) * (size_t)nc);
    const char **cells = arena_alloc(r->a, sizeof(char *) * (size_t)(nl * nc));
    const char **fills = arena_alloc(r->a, sizeof(char *) * (size_t)(nl * nc));
    for (int c = 1; c <= nc; c++)
        cols[c - 1] = axis(r, names->consequence[c], c);
    for (int row = 0; row < nl; row++) {
        int l = nl - row;
        rows[row] = axis(r, names->likelihood[l], l);
        for (int c = 1; c <= nc; c++) {
            risk_level level = matrix_level(names->m, l, c);
            cells[row * nc + c - 1] =
                arena_printf(r->a, "%d\n%s", counts[(l - 1) * nc + (c - 1)], names->level[level]);
            fills[row * nc + c - 1] = names->colour[level];
        }
    }
    pdf_heading(d, 2, tr(r->lang, TR_dash_heatmap));
    pdf_heatmap(d, nl, nc, rows, cols, cells, fills, tr(r->lang, TR_risk_likelihood),
                tr(r->lang, TR_risk_consequence));
}

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
    heatmap(r, d, &s);
    pdf_heading(d, 2, tr(l, TR_sum_top));
    if (s.nrisks)
        pdf_table(d, SUMMARY_RISK_COLS, s.risk_head, s.risks, s.nrisks,
                  (double[]){0.26, 0.13, 0.14, 0.14, 0.33});
    else
        pdf_paragraph(d, tr(l, TR_dash_none));
    pdf_heading(d, 2, arena_printf(r->a, tr(l, TR_sum_late), s.fig.year));
    if (s.nlate)
        pdf_table(d, SUMMARY_LATE_COLS, s.late_head, s.late, s.nlate,
                  (double[]){0.38, 0.17, 0.13, 0.32});
    else
        pdf_paragraph(d, tr(l, TR_dash_none));
    pdf_respond(r, out, d,
                s.scope.unit_id
                    ? arena_printf(r->a, "lagesbild-%s-%.10s", s.scope.unit_id, s.fig.today)
                    : arena_printf(r->a, "lagesbild-%.10s", s.fig.today));
}
