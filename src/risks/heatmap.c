/* heatmap.c - the heat map of the risk matrix as SVG, drawn by the server. Readable
 * without colour: every cell carries its count and its level's name, and each cell is a
 * link to the risks it counts, named by its <title> (SVG's way to name a link: an
 * aria-label would hide the visible text from the name). Likelihood rises upwards,
 * consequence to the right, as in MSB's material. */
#include "risks.h"
#include "../core/escape.h"
#include <stdio.h>

enum { CELL_W = 112, CELL_H = 64, LEFT = 150, TOP = 12, BOTTOM = 64 };

static const char *const fills[LEVEL__COUNT] = {"#d9f2d0", "#fff0b3", "#ffd1a1", "#f6b3ad"};

static const char *level_name(lang_t lang, risk_matrix m, int l, int c)
{
    return tr(lang, risk_level_label(matrix_level(m, l, c)));
}

/* a level's name on its scale, or its number where the scale has no names */
static void axis_label(buf *out, lang_t lang, tr_key k, int value)
{
    if (k)
        esc_html(out, tr(lang, k));
    else
        buf_printf(out, "%d", value);
}

void heatmap_svg(buf *out, lang_t lang, risk_matrix m, const int *counts, const char *link_base,
                 const char *prefix, const char *title)
{
    int w = LEFT + m.consequences * CELL_W + 8, h = TOP + m.likelihoods * CELL_H + BOTTOM;
    buf_printf(out,
               "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"heatmap\" viewBox=\"0 0 %d %d\" "
               "width=\"%d\" height=\"%d\" font-family=\"sans-serif\"><title>",
               w, h, w, h);
    esc_html(out, title);
    buf_puts(out, "</title>");
    for (int l = m.likelihoods; l >= 1; l--) {
        int y = TOP + (m.likelihoods - l) * CELL_H;
        buf_printf(out,
                   "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" font-size=\"13\" fill=\"#1a1a1a\">",
                   LEFT - 8, y + CELL_H / 2 + 5);
        axis_label(out, lang, matrix_likelihood_label(m.likelihoods, l), l);
        buf_printf(out, " (%d)</text>", l);
        for (int c = 1; c <= m.consequences; c++) {
            int x = LEFT + (c - 1) * CELL_W, n = counts[(l - 1) * m.consequences + (c - 1)];
            risk_level level = matrix_level(m, l, c);
            buf_puts(out, "<a href=\"");
            esc_html(out, link_base);
            buf_printf(out,
                       "%slikelihood=%d&amp;%sconsequence=%d\" data-l=\"%d\" data-c=\"%d\" "
                       "data-count=\"%d\"><title>",
                       prefix, l, prefix, c, l, c, n);
            buf label;
            buf_init(&label, 0);
            tr_key lk = matrix_likelihood_label(m.likelihoods, l),
                   ck = matrix_consequence_label(m.consequences, c);
            char lnum[12], cnum[12];
            snprintf(lnum, sizeof lnum, "%d", l);
            snprintf(cnum, sizeof cnum, "%d", c);
            buf_printf(&label, tr(lang, TR_heatmap_cell), lk ? tr(lang, lk) : lnum,
                       ck ? tr(lang, ck) : cnum, n, level_name(lang, m, l, c));
            esc_html(out, buf_str(&label));
            buf_free(&label);
            buf_printf(out,
                       "</title><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" "
                       "stroke=\"#ffffff\" stroke-width=\"2\"/>",
                       x, y, CELL_W, CELL_H, fills[level]);
            buf_printf(out,
                       "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"22\" "
                       "font-weight=\"bold\" fill=\"#1a1a1a\">%d</text>",
                       x + CELL_W / 2, y + 30, n);
            buf_printf(out,
                       "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"12\" "
                       "fill=\"#1a1a1a\">",
                       x + CELL_W / 2, y + 50);
            esc_html(out, level_name(lang, m, l, c));
            buf_puts(out, "</text></a>");
        }
    }
    int base = TOP + m.likelihoods * CELL_H;
    for (int c = 1; c <= m.consequences; c++) {
        buf_printf(out,
                   "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"13\" "
                   "fill=\"#1a1a1a\">",
                   LEFT + (c - 1) * CELL_W + CELL_W / 2, base + 20);
        axis_label(out, lang, matrix_consequence_label(m.consequences, c), c);
        buf_printf(out, " (%d)</text>", c);
    }
    buf_printf(out,
               "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"14\" "
               "font-weight=\"bold\" fill=\"#1a1a1a\">",
               LEFT + m.consequences * CELL_W / 2, base + 48);
    esc_html(out, tr(lang, TR_risk_consequence));
    buf_printf(out,
               "</text><text x=\"14\" y=\"%d\" font-size=\"14\" font-weight=\"bold\" "
               "fill=\"#1a1a1a\" transform=\"rotate(-90 14 %d)\" text-anchor=\"middle\">",
               TOP + m.likelihoods * CELL_H / 2, TOP + m.likelihoods * CELL_H / 2);
    esc_html(out, tr(lang, TR_risk_likelihood));
    buf_puts(out, "</text></svg>");
}
