/* PDF documents: blocks collected in an arena, laid out by pango and drawn by cairo.
 *
 * Layout runs twice over the same blocks: once into a PDF surface that throws its bytes away,
 * to count the pages ("3 (7)" in every footer needs the total), and once for real. Both passes
 * use a PDF surface so the text measures exactly the same.
 *
 * Pango's cairo font map is not safe to share between threads, and the server answers from a
 * pool of threads; PDFs are rare, so one font map behind one mutex is simplest and leak-free
 * (a per-thread default map would be built — and fontconfig loaded — once per thread). */
#include "pdf.h"

#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "../core/i18n.h"
#include "../http/page.h"

#define PAGE_W 595.276 /* A4 in points */
#define PAGE_H 841.890
#define MARGIN 56.0 /* about 2 cm */
#define FOOTER 24.0 /* space kept free above the bottom margin for the footer */
#define TEXT_W (PAGE_W - 2 * MARGIN)
#define BODY_BOTTOM (PAGE_H - MARGIN - FOOTER)
#define CELL_PAD 4.0
#define FONT "DejaVu Sans"

typedef enum { B_HEADING, B_PARAGRAPH, B_META, B_TABLE, B_SIGNATURES, B_HEATMAP } block_kind;

typedef struct block {
    block_kind kind;
    int level;                      /* heading */
    const char *text;               /* heading, paragraph; meta value */
    const char *label;              /* meta */
    int ncols, nrows;               /* table; signatures: nrows of them */
    const char **header;            /* ncols; signatures: their roles */
    const char **cells;             /* nrows * ncols; signatures: the names */
    double *widths;                 /* ncols, fractions */
    const char **row_head, **fills; /* heat map: nrows labels, nrows * ncols colours */
    struct block *next;
} block;

struct pdf_doc {
    arena *a;
    const char *title;
    block *first, *last;
};

/* the state of one layout pass */
typedef struct flow {
    cairo_t *cr;
    const pdf_doc *d;
    double y;
    int page;         /* 1-based, the page being filled */
    int total;        /* pages in all; 0 while counting */
    const char *leaf; /* the structure tag whose text is being drawn (P, H1, TD …), or NULL */
} flow;

static pthread_mutex_t render_lock = PTHREAD_MUTEX_INITIALIZER;
static PangoFontMap *font_map;

/* The document keeps its own copy of every text, so a caller may pass a buffer it frees
 * before pdf_respond. Text from the database is UTF-8 by construction; this also guards
 * pango against anything that is not (it would warn on stderr and draw garbage). */
static const char *valid_utf8(arena *a, const char *s)
{
    if (!s) return "";
    if (g_utf8_validate(s, -1, NULL)) return arena_strdup(a, s);
    char *fixed = g_utf8_make_valid(s, -1);
    const char *copy = arena_strdup(a, fixed);
    g_free(fixed);
    return copy;
}

static block *add_block(pdf_doc *d, block_kind kind)
{
    block *b = arena_alloc(d->a, sizeof *b);
    memset(b, 0, sizeof *b);
    b->kind = kind;
    if (d->last)
        d->last->next = b;
    else
        d->first = b;
    d->last = b;
    return b;
}

pdf_doc *pdf_begin(arena *a, const char *title)
{
    pdf_doc *d = arena_alloc(a, sizeof *d);
    memset(d, 0, sizeof *d);
    d->a = a;
    d->title = valid_utf8(a, title);
    return d;
}

void pdf_heading(pdf_doc *d, int level, const char *text)
{
    block *b = add_block(d, B_HEADING);
    b->level = level < 1 ? 1 : level > 3 ? 3 : level;
    b->text = valid_utf8(d->a, text);
}

void pdf_paragraph(pdf_doc *d, const char *text)
{
    if (!text || !*text) return;
    add_block(d, B_PARAGRAPH)->text = valid_utf8(d->a, text);
}

void pdf_meta(pdf_doc *d, const char *label, const char *value)
{
    block *b = add_block(d, B_META);
    b->label = valid_utf8(d->a, label);
    b->text = valid_utf8(d->a, value);
}

void pdf_table(pdf_doc *d, int ncols, const char *const *header, const char *const *cells,
               int nrows, const double *widths)
{
    if (ncols <= 0 || nrows < 0) return;
    block *b = add_block(d, B_TABLE);
    b->ncols = ncols;
    b->nrows = nrows;
    b->header = arena_alloc(d->a, sizeof(char *) * (size_t)ncols);
    b->cells = arena_alloc(d->a, sizeof(char *) * (size_t)(ncols * (nrows ? nrows : 1)));
    b->widths = arena_alloc(d->a, sizeof(double) * (size_t)ncols);
    double sum = 0;
    for (int c = 0; c < ncols; c++) {
        b->header[c] = valid_utf8(d->a, header ? header[c] : NULL);
        b->widths[c] = widths && widths[c] > 0 ? widths[c] : 1.0;
        sum += b->widths[c];
    }
    for (int c = 0; c < ncols; c++)
        b->widths[c] /= sum; /* fractions even if they don't add up */
    for (int i = 0; i < ncols * nrows; i++)
        b->cells[i] = valid_utf8(d->a, cells[i]);
}

void pdf_signatures(pdf_doc *d, int n, const char *const *labels, const char *const *names)
{
    if (n <= 0) return;
    block *b = add_block(d, B_SIGNATURES);
    b->nrows = n;
    b->header = arena_alloc(d->a, sizeof(char *) * (size_t)n);
    b->cells = arena_alloc(d->a, sizeof(char *) * (size_t)n);
    for (int i = 0; i < n; i++) {
        b->header[i] = valid_utf8(d->a, labels[i]);
        b->cells[i] = valid_utf8(d->a, names ? names[i] : NULL);
    }
}

static const char **copy_texts(pdf_doc *d, const char *const *texts, int n)
{
    const char **copy = arena_alloc(d->a, sizeof(char *) * (size_t)(n ? n : 1));
    for (int i = 0; i < n; i++)
        copy[i] = valid_utf8(d->a, texts ? texts[i] : NULL);
    return copy;
}

void pdf_heatmap(pdf_doc *d, int nrows, int ncols, const char *const *row_head,
                 const char *const *col_head, const char *const *cells, const char *const *fills,
                 const char *row_title, const char *col_title)
{
    if (nrows <= 0 || ncols <= 0) return;
    block *b = add_block(d, B_HEATMAP);
    b->nrows = nrows;
    b->ncols = ncols;
    b->row_head = copy_texts(d, row_head, nrows);
    b->header = copy_texts(d, col_head, ncols);
    b->cells = copy_texts(d, cells, nrows * ncols);
    b->fills = copy_texts(d, fills, nrows * ncols);
    b->label = valid_utf8(d->a, row_title);
    b->text = valid_utf8(d->a, col_title);
}

static PangoLayout *make_layout(cairo_t *cr, const char *text, double size, bool bold, double width)
{
    PangoContext *ctx = pango_font_map_create_context(font_map);
    pango_cairo_update_context(cr, ctx);
    PangoLayout *l = pango_layout_new(ctx);
    g_object_unref(ctx);
    PangoFontDescription *fd = pango_font_description_from_string(FONT);
    pango_font_description_set_size(fd, (gint)(size * PANGO_SCALE));
    if (bold) pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    pango_layout_set_width(l, (int)(width * PANGO_SCALE));
    /* at word boundaries; only where a word is wider than the whole line (a long unit name
     * in a narrow column), which plain WORD would draw over the next column, does the
     * layout fall back to breaking inside words (WORD_CHAR). A broken word ("Hanteri-ng",
     * "Priorit-et") means a column narrower than its words: callers give columns room. */
    pango_layout_set_wrap(l, PANGO_WRAP_WORD);
    pango_layout_set_text(l, text, -1);
    int w, h;
    pango_layout_get_size(l, &w, &h);
    if (w > (int)(width * PANGO_SCALE)) pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    return l;
}

static double layout_height(PangoLayout *l)
{
    int w, h;
    pango_layout_get_size(l, &w, &h);
    return (double)h / PANGO_SCALE;
}

static void draw_footer(flow *f)
{
    if (!f->total) return;
    char pages[32];
    snprintf(pages, sizeof pages, "%d (%d)", f->page, f->total); /* Swedish page numbering */
    double y = PAGE_H - MARGIN - 10;
    cairo_set_source_rgb(f->cr, 0.35, 0.35, 0.35);
    PangoLayout *l = make_layout(f->cr, f->d->title, 8, false, TEXT_W - 60);
    pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
    cairo_move_to(f->cr, MARGIN, y);
    pango_cairo_show_layout(f->cr, l);
    g_object_unref(l);
    l = make_layout(f->cr, pages, 8, false, 60);
    pango_layout_set_alignment(l, PANGO_ALIGN_RIGHT);
    cairo_move_to(f->cr, PAGE_W - MARGIN - 60, y);
    pango_cairo_show_layout(f->cr, l);
    g_object_unref(l);
    cairo_set_source_rgb(f->cr, 0, 0, 0);
}

/* Tagged PDF (cairo's structure tags, read by screen readers): the document is a Document
 * of H1–H3, P and Table > TR > TH/TD elements. Text is only ever drawn inside a leaf tag,
 * and rules, fills and the footer outside any: cairo 1.16 gives the marked content to the
 * tag begun last, so what is drawn between leaves belongs to no element and a reader skips
 * it, as it should the footer and a table's header repeated on the next page (1.16 knows
 * no Artifact tag). A leaf never spans a page break: the footer would be read in the
 * middle of the paragraph; a paragraph that runs over is two P elements. */
static void leaf_begin(flow *f, const char *tag)
{
    if (f->leaf) return;
    cairo_tag_begin(f->cr, tag, "");
    f->leaf = tag;
}

static void leaf_end(flow *f)
{
    if (!f->leaf) return;
    cairo_tag_end(f->cr, f->leaf);
    f->leaf = NULL;
}

static void new_page(flow *f)
{
    leaf_end(f);
    draw_footer(f);
    cairo_show_page(f->cr);
    f->page++;
    f->y = MARGIN;
}

/* Makes room for h points, starting a new page if the current one has less left (a block
 * taller than a whole page starts at the top and runs over; only table rows can be that). */
static void need(flow *f, double h)
{
    if (f->y + h > BODY_BOTTOM && f->y > MARGIN) new_page(f);
}

/* Draws a layout line by line so a long paragraph continues on the next page, as the
 * structure element tag (a page break closes it, the next line opens it again). */
static void flow_layout(flow *f, PangoLayout *l, double x, const char *tag)
{
    PangoLayoutIter *it = pango_layout_get_iter(l);
    do {
        PangoRectangle logical;
        pango_layout_iter_get_line_extents(it, NULL, &logical);
        double h = (double)logical.height / PANGO_SCALE;
        need(f, h);
        leaf_begin(f, tag);
        int baseline = pango_layout_iter_get_baseline(it);
        int top = logical.y;
        cairo_move_to(f->cr, x, f->y + (double)(baseline - top) / PANGO_SCALE);
        pango_cairo_show_layout_line(f->cr, pango_layout_iter_get_line_readonly(it));
        f->y += h;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    leaf_end(f);
}

static double lay_out_row(flow *f, const block *b, const char *const *cells, bool header,
                          PangoLayout **l);
static void free_row(const block *b, PangoLayout **l);
static double heatmap_height(const block *b);

/* The height of the start of block next that must share a page with the heading before it. */
static double keep_with(flow *f, const block *next)
{
    if (!next) return 0;
    switch (next->kind) {
    case B_TABLE: {
        PangoLayout *l[next->ncols];
        double h = lay_out_row(f, next, next->header, true, l);
        free_row(next, l);
        if (next->nrows) {
            h += lay_out_row(f, next, next->cells, false, l);
            free_row(next, l);
        }
        return h;
    }
    case B_HEATMAP:
        return heatmap_height(next);
    case B_HEADING:
        return 30;
    default:
        return 40; /* two lines of a paragraph, or of a signature */
    }
}

static void flow_heading(flow *f, const block *b)
{
    static const double size[] = {0, 17, 13, 11};
    static const char *const tag[] = {NULL, "H1", "H2", "H3"};
    double before = b->level == 1 ? 0 : 10;
    PangoLayout *l = make_layout(f->cr, b->text, size[b->level], true, TEXT_W);
    /* a heading is never left alone at the foot of a page: it goes with the start of what
     * it heads (a table's header and first row, a whole heat map) */
    need(f, before + layout_height(l) + 6 + keep_with(f, b->next));
    if (f->y > MARGIN) f->y += before;
    leaf_begin(f, tag[b->level]);
    cairo_move_to(f->cr, MARGIN, f->y);
    pango_cairo_show_layout(f->cr, l);
    leaf_end(f);
    f->y += layout_height(l) + 6;
    g_object_unref(l);
}

static void flow_paragraph(flow *f, const block *b)
{
    PangoLayout *l = make_layout(f->cr, b->text, 10, false, TEXT_W);
    flow_layout(f, l, MARGIN, "P");
    f->y += 6;
    g_object_unref(l);
}

static void flow_meta(flow *f, const block *b)
{
    char *text = g_strdup_printf("%s: %s", b->label, b->text);
    PangoLayout *l = make_layout(f->cr, text, 10, false, TEXT_W);
    PangoAttrList *attrs = pango_attr_list_new();
    PangoAttribute *bold = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
    bold->start_index = 0;
    bold->end_index = (guint)strlen(b->label) + 1;
    pango_attr_list_insert(attrs, bold);
    pango_layout_set_attributes(l, attrs);
    pango_attr_list_unref(attrs);
    flow_layout(f, l, MARGIN, "P");
    f->y += 2;
    g_object_unref(l);
    g_free(text);
}

/* A row's cells laid out once, into l (ncols layouts); returns the row's height. The same
 * layouts then decide whether the row fits and are drawn. */
static double lay_out_row(flow *f, const block *b, const char *const *cells, bool header,
                          PangoLayout **l)
{
    double h = 0;
    for (int c = 0; c < b->ncols; c++) {
        l[c] = make_layout(f->cr, cells[c], 9, header, b->widths[c] * TEXT_W - 2 * CELL_PAD);
        double ch = layout_height(l[c]);
        if (ch > h) h = ch;
    }
    return h + 2 * CELL_PAD;
}

static void free_row(const block *b, PangoLayout **l)
{
    for (int c = 0; c < b->ncols; c++)
        g_object_unref(l[c]);
}

/* A row as TR of TH or TD; tagged false: the header repeated on a following page, drawn
 * for the eye only. */
static void draw_row(flow *f, const block *b, PangoLayout **l, double h, bool header, bool tagged)
{
    if (header) {
        cairo_set_source_rgb(f->cr, 0.9, 0.9, 0.9);
        cairo_rectangle(f->cr, MARGIN, f->y, TEXT_W, h);
        cairo_fill(f->cr);
        cairo_set_source_rgb(f->cr, 0, 0, 0);
    }
    if (tagged) cairo_tag_begin(f->cr, "TR", "");
    double x = MARGIN;
    for (int c = 0; c < b->ncols; c++) {
        if (tagged) leaf_begin(f, header ? "TH" : "TD");
        cairo_move_to(f->cr, x + CELL_PAD, f->y + CELL_PAD);
        pango_cairo_show_layout(f->cr, l[c]);
        leaf_end(f);
        x += b->widths[c] * TEXT_W;
    }
    if (tagged) cairo_tag_end(f->cr, "TR");
    cairo_set_line_width(f->cr, 0.5);
    cairo_move_to(f->cr, MARGIN, f->y + h);
    cairo_line_to(f->cr, MARGIN + TEXT_W, f->y + h);
    cairo_stroke(f->cr);
    f->y += h;
}

static void flow_table(flow *f, const block *b)
{
    /* the header is laid out once and drawn again at the top of every page the table uses */
    PangoLayout *head[b->ncols], *row[b->ncols];
    double hh = lay_out_row(f, b, b->header, true, head);
    bool tagged = false; /* the Table element begins with its first row, after any page break */
    for (int r = 0; r < b->nrows; r++) {
        double h = lay_out_row(f, b, b->cells + (size_t)r * (size_t)b->ncols, false, row);
        if (r == 0) {
            need(f, hh + h); /* never a header alone at the foot of a page */
            cairo_tag_begin(f->cr, "Table", "");
            tagged = true;
            draw_row(f, b, head, hh, true, true);
        } else if (f->y + h > BODY_BOTTOM && f->y > MARGIN + hh) {
            new_page(f);
            draw_row(f, b, head, hh, true, false);
        }
        draw_row(f, b, row, h, false, true);
        free_row(b, row);
    }
    if (!b->nrows) {
        need(f, hh);
        cairo_tag_begin(f->cr, "Table", "");
        tagged = true;
        draw_row(f, b, head, hh, true, true);
    }
    if (tagged) cairo_tag_end(f->cr, "Table");
    free_row(b, head);
    f->y += 10;
}

#define SIGN_SPACE 30.0 /* room above the line for a handwritten signature */
#define SIGN_GAP 24.0   /* between the two columns */

/* One signature: the role, the space and the line to sign on, the name under the line. */
static double signature_height(flow *f, const char *label, const char *name, double w,
                               PangoLayout **role, PangoLayout **printed)
{
    *role = make_layout(f->cr, label, 9, true, w);
    *printed = make_layout(f->cr, name, 10, false, w);
    return layout_height(*role) + SIGN_SPACE + 3 + layout_height(*printed);
}

static void flow_signatures(flow *f, const block *b)
{
    double w = (TEXT_W - SIGN_GAP) / 2;
    f->y += 14;
    for (int i = 0; i < b->nrows; i += 2) {
        int k = b->nrows - i < 2 ? 1 : 2;
        PangoLayout *role[2], *printed[2];
        double h = 0;
        for (int c = 0; c < k; c++) {
            double ch =
                signature_height(f, b->header[i + c], b->cells[i + c], w, &role[c], &printed[c]);
            if (ch > h) h = ch;
        }
        /* the whole block on one page: a signature page alone says nothing signed */
        if (i == 0)
            need(f, h * ((b->nrows + 1) / 2) + 18 * ((b->nrows - 1) / 2));
        else
            need(f, h);
        for (int c = 0; c < k; c++) {
            double x = MARGIN + c * (w + SIGN_GAP), y = f->y;
            /* read as the role, then the name: the line is for the pen */
            leaf_begin(f, "P");
            cairo_move_to(f->cr, x, y);
            pango_cairo_show_layout(f->cr, role[c]);
            leaf_end(f);
            y += layout_height(role[c]) + SIGN_SPACE;
            cairo_set_line_width(f->cr, 0.6);
            cairo_move_to(f->cr, x, y);
            cairo_line_to(f->cr, x + w, y);
            cairo_stroke(f->cr);
            leaf_begin(f, "P");
            cairo_move_to(f->cr, x, y + 3);
            pango_cairo_show_layout(f->cr, printed[c]);
            leaf_end(f);
            g_object_unref(role[c]);
            g_object_unref(printed[c]);
        }
        f->y += h + 18;
    }
}

#define HEAT_HEAD_W 120.0 /* the row labels' column */
#define HEAT_CELL_H 38.0
#define HEAT_HEAD_H 28.0

static double heatmap_height(const block *b)
{
    return HEAT_HEAD_H + b->nrows * HEAT_CELL_H;
}

/* "#rrggbb" as cairo's 0…1 channels; false (and mid grey) for anything else */
static bool parse_colour(const char *hex, double rgb[3])
{
    unsigned v;
    bool ok = hex && hex[0] == '#' && strlen(hex) == 7 && sscanf(hex + 1, "%6x", &v) == 1;
    if (!ok) v = 0xbbbbbb;
    rgb[0] = ((v >> 16) & 0xff) / 255.0;
    rgb[1] = ((v >> 8) & 0xff) / 255.0;
    rgb[2] = (v & 0xff) / 255.0;
    return ok;
}

/* One cell: the fill, then its text centred in ink that stands out from it (black on light
 * fills, white on dark). */
static void heat_cell(flow *f, double x, double y, double w, double h, const char *fill,
                      const char *text, bool bold, const char *tag)
{
    double rgb[3] = {1, 1, 1};
    if (fill) {
        parse_colour(fill, rgb);
        cairo_set_source_rgb(f->cr, rgb[0], rgb[1], rgb[2]);
        cairo_rectangle(f->cr, x, y, w, h);
        cairo_fill_preserve(f->cr);
        cairo_set_source_rgb(f->cr, 1, 1, 1);
        cairo_set_line_width(f->cr, 1.5);
        cairo_stroke(f->cr);
    }
    /* relative luminance with the sRGB curve taken as a square: close enough to choose
     * between black and white, whose contrast crosses over at about 0.18 */
    double lum = 0.2126 * rgb[0] * rgb[0] + 0.7152 * rgb[1] * rgb[1] + 0.0722 * rgb[2] * rgb[2];
    bool dark = lum < 0.18;
    PangoLayout *l = make_layout(f->cr, text, 9, bold, w - 2 * CELL_PAD);
    pango_layout_set_alignment(l, x > MARGIN ? PANGO_ALIGN_CENTER : PANGO_ALIGN_RIGHT);
    cairo_set_source_rgb(f->cr, dark ? 1 : 0, dark ? 1 : 0, dark ? 1 : 0);
    leaf_begin(f, tag);
    cairo_move_to(f->cr, x + CELL_PAD, y + (h - layout_height(l)) / 2);
    pango_cairo_show_layout(f->cr, l);
    leaf_end(f);
    cairo_set_source_rgb(f->cr, 0, 0, 0);
    g_object_unref(l);
}

static void flow_heatmap(flow *f, const block *b)
{
    double cw = (TEXT_W - HEAT_HEAD_W) / b->ncols;
    if (cw > 72) cw = 72;
    double head_h = HEAT_HEAD_H;
    need(f, heatmap_height(b));
    cairo_tag_begin(f->cr, "Table", "");
    /* the first row: the likelihood axis's name over its labels, the consequences */
    cairo_tag_begin(f->cr, "TR", "");
    heat_cell(f, MARGIN, f->y, HEAT_HEAD_W, head_h, NULL,
              arena_printf(f->d->a, "%s →\n%s ↓", b->text, b->label), true, "TH");
    for (int c = 0; c < b->ncols; c++)
        heat_cell(f, MARGIN + HEAT_HEAD_W + c * cw, f->y, cw, head_h, NULL, b->header[c], true,
                  "TH");
    cairo_tag_end(f->cr, "TR");
    f->y += head_h;
    for (int r = 0; r < b->nrows; r++) {
        cairo_tag_begin(f->cr, "TR", "");
        heat_cell(f, MARGIN, f->y, HEAT_HEAD_W, HEAT_CELL_H, NULL, b->row_head[r], true, "TH");
        for (int c = 0; c < b->ncols; c++) {
            int i = r * b->ncols + c;
            heat_cell(f, MARGIN + HEAT_HEAD_W + c * cw, f->y, cw, HEAT_CELL_H, b->fills[i],
                      b->cells[i], false, "TD");
        }
        cairo_tag_end(f->cr, "TR");
        f->y += HEAT_CELL_H;
    }
    cairo_tag_end(f->cr, "Table");
    f->y += 14;
}

/* Lays out every block; returns the number of pages used. */
static int run_flow(cairo_t *cr, const pdf_doc *d, int total)
{
    flow f = {.cr = cr, .d = d, .y = MARGIN, .page = 1, .total = total};
    cairo_set_source_rgb(cr, 0, 0, 0);
    cairo_tag_begin(cr, "Document", "");
    for (const block *b = d->first; b; b = b->next) {
        switch (b->kind) {
        case B_HEADING:
            flow_heading(&f, b);
            break;
        case B_PARAGRAPH:
            flow_paragraph(&f, b);
            break;
        case B_META:
            flow_meta(&f, b);
            break;
        case B_TABLE:
            flow_table(&f, b);
            break;
        case B_SIGNATURES:
            flow_signatures(&f, b);
            break;
        case B_HEATMAP:
            flow_heatmap(&f, b);
            break;
        }
    }
    leaf_end(&f);
    draw_footer(&f);
    cairo_tag_end(cr, "Document");
    cairo_show_page(cr);
    return f.page;
}

static cairo_status_t write_to_buf(void *closure, const unsigned char *data, unsigned int n)
{
    if (closure) buf_append(closure, data, n);
    return CAIRO_STATUS_SUCCESS;
}

static cairo_status_t discard(void *closure, const unsigned char *data, unsigned int n)
{
    (void)closure, (void)data, (void)n;
    return CAIRO_STATUS_SUCCESS;
}

static int render(const pdf_doc *d, cairo_write_func_t sink, buf *out, int total)
{
    cairo_surface_t *s = cairo_pdf_surface_create_for_stream(sink, out, PAGE_W, PAGE_H);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, d->title);
    cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "lis");
    cairo_t *cr = cairo_create(s);
    int pages = run_flow(cr, d, total);
    bool drawn = cairo_status(cr) == CAIRO_STATUS_SUCCESS; /* a tag out of order, say */
    cairo_destroy(cr);
    cairo_surface_finish(s);
    bool ok = drawn && cairo_surface_status(s) == CAIRO_STATUS_SUCCESS;
    cairo_surface_destroy(s);
    return ok ? pages : -1;
}

bool pdf_end(pdf_doc *d, buf *out)
{
    pthread_mutex_lock(&render_lock);
    if (!font_map) {
        font_map = pango_cairo_font_map_new();
        /* a PDF's unit is the point: at pango's default 96 dpi "10" would be 13.3 pt */
        pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(font_map), 72);
    }
    int pages = render(d, discard, NULL, 0);
    bool ok = pages > 0 && render(d, write_to_buf, out, pages) > 0 && !buf_failed(out);
    pthread_mutex_unlock(&render_lock);
    if (!ok) buf_reset(out);
    return ok;
}

void pdf_respond(req *r, resp *out, pdf_doc *d, const char *name)
{
    buf pdf;
    buf_init(&pdf, 32u << 20); /* a cap far above any agenda or summary */
    if (!pdf_end(d, &pdf)) {
        buf_free(&pdf);
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    buf_reset(&out->body);
    buf_append(&out->body, pdf.data, pdf.len);
    buf_free(&pdf);
    out->status = 200;
    out->content_type = "application/pdf";
    resp_header(out, r->a, "Content-Disposition",
                arena_printf(r->a, "attachment; filename=\"lis-%s.pdf\"", name));
}

void pdf_shutdown(void)
{
    pthread_mutex_lock(&render_lock);
    if (font_map) {
        g_object_unref(font_map);
        font_map = NULL;
        /* fontconfig and cairo keep caches for the process's life; hand them back so a leak
         * checker at exit sees only real leaks */
        cairo_debug_reset_static_data();
        FcFini();
    }
    pthread_mutex_unlock(&render_lock);
}
