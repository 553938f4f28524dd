/* review_goals.c - the goals of the year's handlingsplan in the management review's PDF
 * (the page draws them from views/review_goals.html): each goal, how many of its actions
 * are done of all and how many are late, beside the previous review's. */
#include "review_figures.h"
#include "../core/util.h"
#include "../pdf/pdf.h"

void review_goals_pdf(req *r, pdf_doc *d, const review_figures *now, const review_figures *before)
{
    pdf_heading(d, 2, tr(r->lang, TR_fu_goals_title));
    if (!now->ngoals) {
        pdf_paragraph(d, tr(r->lang, TR_fu_goals_none));
        return;
    }
    const char *head[] = {tr(r->lang, TR_fu_goal), tr(r->lang, TR_fu_goal_done),
                          tr(r->lang, TR_fu_goal_late), tr(r->lang, TR_fu_before)};
    const char **cells = arena_alloc(r->a, sizeof(char *) * (size_t)now->ngoals * 4);
    for (int i = 0; i < now->ngoals; i++) {
        const review_goal *g = &now->goals[i];
        const review_goal *b = before ? review_goal_find(before, g->goal) : NULL;
        cells[i * 4] = g->goal;
        cells[i * 4 + 1] = arena_printf(r->a, "%d/%d", g->done, g->total);
        cells[i * 4 + 2] = int_text(r->a, g->late);
        cells[i * 4 + 3] = b ? arena_printf(r->a, "%d/%d", b->done, b->total) : "\u2013";
    }
    static const double widths[] = {0.55, 0.15, 0.15, 0.15};
    pdf_table(d, 4, head, cells, now->ngoals, widths);
}
