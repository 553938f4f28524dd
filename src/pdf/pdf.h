/* PDF documents for printing and filing: forum agendas and minutes, the lägesbild summary.
 *
 * A document is a flow of blocks — headings, paragraphs, label/value lines, tables — laid out
 * on A4 pages by pango (proper shaping, å ä ö, line breaking) and drawn by cairo into memory.
 * Text is plain UTF-8: the module escapes it, callers never write markup. Tables break across
 * pages and repeat their header row. Every page carries the document title and "page N of M"
 * in the footer, so a printed page can be put back in order. The PDF is tagged: headings,
 * paragraphs and tables are structure elements (H1–H3, P, Table/TR/TH/TD) in reading order
 * and the title is in the metadata, so a screen reader reads the document as a document.
 *
 *   pdf_doc *d = pdf_begin(r->a, "Dagordning — Forum 2026-12-03");
 *   pdf_heading(d, 1, "Dagordning");
 *   pdf_meta(d, "Datum", "2026-12-03 13:00");
 *   const char *head[] = {"Nr", "Ärende", "Prioritet"};
 *   const char *cells[] = {"1", "Ransomware", "Hög", "2", "Backup", "Medel"};
 *   pdf_table(d, 3, head, cells, 2, (double[]){0.1, 0.7, 0.2});
 *   pdf_respond(r, out, d, "forum-2026-12-03");   // application/pdf attachment
 */
#ifndef LIS_PDF_H
#define LIS_PDF_H

#include <stdbool.h>

#include "../core/arena.h"
#include "../core/buf.h"
#include "../http/http.h"

typedef struct pdf_doc pdf_doc;

/* A new A4 document; its memory lives in the arena. The title goes in the footer and the
 * PDF's metadata. */
pdf_doc *pdf_begin(arena *a, const char *title);
/* level 1 (document title), 2 (section), 3 (sub-section) */
void pdf_heading(pdf_doc *d, int level, const char *text);
/* A paragraph; newlines in text start new lines. NULL or "" draws nothing. */
void pdf_paragraph(pdf_doc *d, const char *text);
/* One "Label: value" line, the label in bold (meeting date, decided by, reference …). */
void pdf_meta(pdf_doc *d, const char *label, const char *value);
/* A table of nrows × ncols cells, row by row (cells[row * ncols + col]; NULL = empty).
 * widths: fractions of the text width per column, summing to 1; NULL = equal widths. */
void pdf_table(pdf_doc *d, int ncols, const char *const *header, const char *const *cells,
               int nrows, const double *widths);
/* A grid of coloured cells: the risk matrix as a heat map. nrows × ncols cells, row by row
 * from the top (cells[row * ncols + col]), each a text (a count and a level's word, on lines
 * of their own) on its fill ("#rrggbb"; the text black or white by the fill's lightness).
 * row_head and col_head label the rows and columns, row_title and col_title name the axes
 * (likelihood, consequence). Never split across pages; tagged as a table, so the counts
 * and words read without the colours. */
void pdf_heatmap(pdf_doc *d, int nrows, int ncols, const char *const *row_head,
                 const char *const *col_head, const char *const *cells, const char *const *fills,
                 const char *row_title, const char *col_title);
/* The signature block of a protokoll: for each of n signatories its role ("Vid protokollet",
 * "Ordförande", "Justerare"), a line to sign on and the name printed under the line (NULL or
 * "": the line stays, for a name written by hand). Two signatures side by side; the block is
 * never split across pages. */
void pdf_signatures(pdf_doc *d, int n, const char *const *labels, const char *const *names);
/* Writes the finished PDF's bytes into out. Returns false if cairo failed (out is then empty). */
bool pdf_end(pdf_doc *d, buf *out);
/* pdf_end into the response, as an attachment lis-<name>.pdf; a 500 page if rendering failed. */
void pdf_respond(req *r, resp *out, pdf_doc *d, const char *name);
/* At exit: frees the font caches, so leak checking stays meaningful. */
void pdf_shutdown(void);

#endif
