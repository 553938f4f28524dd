/* heatmap.c - the heat map of the risk matrix as SVG, drawn by the server. Readable
 * without colour: every cell carries its count and its level's name, and each cell is a
 * link to the risks it counts, named by its <title> (SVG's way to name a link: an
 * aria-label would hide the visible text from the name). Likelihood rises upwards,
 * consequence to the right, as in MSB's material. */
#include "risks.h"
#include "../core/escape.h"
#include <stdio.h>
#include <string.h>

enum { CELL_W = 112, CELL_H = 64, LEFT = 150, TOP = 12, BOTTOM = 64 };

void matrix_names_defaults(matrix_names *n, lang_t lang, risk_matrix m)
{
    static const char *const numbers[MATRIX_MAX_LEVELS + 1] = {"0", "1", "2", "3", "4",
                                                               "5", "6", "7", "8", "9"};
    memset(n, 0, sizeof *n);
    n->m = m;
    for (int v = 1; v <= m.likelihoods && v <= MATRIX_MAX_LEVELS; v++) {
        tr_key k = matrix_likelihood_label(m.likelihoods, v);
        n->likelihood[v] = k ? tr(lang, k) : numbers[v];
    }
    for (int v = 1; v <= m.consequences && v <= MATRIX_MAX_LEVELS; v++) {
        tr_key k = matrix_consequence_label(m.consequences, v);
        n->consequence[v] = k ? tr(lang, k) : numbers[v];
    }
    for (int k = 0; k < LEVEL__COUNT; k++) {
        n->level[k] = tr(lang, risk_level_label((risk_level)k));
        n->colour[k] = matrix_default_colours[k];
    }
}

/* the tenant's name of a cell's level */
static const char *level_name(const matrix_names *n, int l, int c)
{
    return n->level[matrix_level(n->m, l, c)];
}

/* a step's name and number, "Trolig (3)"; just the number where the name is the number */
static void axis_label(buf *out, const char *name, int value)
{
    char num[12];
    snprintf(num, sizeof num, "%d", value);
    if (strcmp(name, num)) {
        esc_html(out, name);
        buf_printf(out, " (%d)", value);
    } else {
        buf_puts(out, num);
    }
}

void heatmap_svg(buf *out, lang_t lang, const matrix_names *names, const int *counts,
                 const char *link_base, const char *prefix, const char *title)
{
    risk_matrix m = names->m;
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
        axis_label(out, names->likelihood[l], l);
        buf_puts(out, "</text>");
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
            buf_printf(&label, tr(lang, TR_heatmap_cell), names->likelihood[l],
                       names->consequence[c], n, level_name(names, l, c));
            esc_html(out, buf_str(&label));
            buf_free(&label);
            buf_printf(out,
                       "</title><rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" "
                       "stroke=\"#ffffff\" stroke-width=\"2\"/>",
                       x, y, CELL_W, CELL_H, names->colour[level]);
            /* the text's colour by the fill's luminance, so any colour stays readable */
            const char *ink = matrix_text_colour(names->colour[level]);
            buf_printf(out,
                       "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"22\" "
                       "font-weight=\"bold\" fill=\"%s\">%d</text>",
                       x + CELL_W / 2, y + 30, ink, n);
            buf_printf(out,
                       "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"12\" "
                       "fill=\"%s\">",
                       x + CELL_W / 2, y + 50, ink);
            esc_html(out, level_name(names, l, c));
            buf_puts(out, "</text></a>");
        }
    }
    int base = TOP + m.likelihoods * CELL_H;
    for (int c = 1; c <= m.consequences; c++) {
        buf_printf(out,
                   "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"13\" "
                   "fill=\"#1a1a1a\">",
                   LEFT + (c - 1) * CELL_W + CELL_W / 2, base + 20);
        axis_label(out, names->consequence[c], c);
        buf_puts(out, "</text>");
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
