/* followup.c - /plan/<year>/follow-up: late, due within 30 days and done (plan_followup
 * decides), in total, per responsible and per förvaltning, and the late ones listed. */
#include "plan_pages.h"
#include "../http/page.h"
#include "../core/escape.h"
#include "../core/util.h"
#include <stdlib.h>
#include <string.h>

typedef struct tally {
    const char *name;
    int late, soon, done;
} tally;

static tally *tally_of(tally *list, int *n, const char *name)
{
    for (int i = 0; i < *n; i++)
        if (!strcmp(list[i].name, name)) return &list[i];
    list[*n] = (tally){.name = name};
    return &list[(*n)++];
}

static void tally_table(req *r, buf *b, tr_key heading, tr_key first, const tally *t, int n)
{
    /* a table without links: its scrolling box takes the focus itself, so it can be
     * scrolled from the keyboard on a narrow screen */
    buf_printf(b, "<section class=\"related\"><h2 id=\"tally-%d\">", (int)heading);
    plan_text(r, b, heading);
    buf_printf(b,
               "</h2><div class=\"table-scroll\" tabindex=\"0\" role=\"region\" "
               "aria-labelledby=\"tally-%d\"><table class=\"list\"><thead><tr><th scope=\"col\">",
               (int)heading);
    plan_text(r, b, first);
    buf_puts(b, "</th><th scope=\"col\">");
    plan_text(r, b, TR_plan_late);
    buf_puts(b, "</th><th scope=\"col\">");
    plan_text(r, b, TR_plan_due_soon);
    buf_puts(b, "</th><th scope=\"col\">");
    plan_text(r, b, TR_plan_done);
    buf_puts(b, "</th></tr></thead><tbody>");
    for (int i = 0; i < n; i++) {
        buf_puts(b, "<tr><th scope=\"row\">");
        esc_html(b, t[i].name);
        buf_printf(b, "</th><td>%d</td><td>%d</td><td>%d</td></tr>", t[i].late, t[i].soon,
                   t[i].done);
    }
    buf_puts(b, "</tbody></table></div></section>");
}

void h_plan_follow_up(req *r, resp *out)
{
    int year = plan_route_year(r, out);
    if (!year) return;
    int nrows = 0;
    plan_row *res = plan_year_actions(r, year, &nrows);
    if (!res) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    const char *day = plan_today(r);
    int n = nrows;
    tally *people = arena_alloc(r->a, sizeof(tally) * (size_t)(n + 1));
    tally *units = arena_alloc(r->a, sizeof(tally) * (size_t)(n + 1));
    int npeople = 0, nunits = 0;
    int *late = arena_alloc(r->a, sizeof(int) * (size_t)(n + 1)), nlate = 0;
    tally total = {0};
    for (int i = 0; i < n; i++) {
        plan_item it = res[i].item;
        followup_state s = plan_followup(&it, day);
        if (s == FOLLOWUP_NONE) continue;
        const char *who = res[i].responsible ? res[i].responsible : tr(r->lang, TR_plan_nobody);
        tally *tp = tally_of(people, &npeople, who), *tu = tally_of(units, &nunits, res[i].forv);
        int *fp = s == FOLLOWUP_LATE ? &tp->late : s == FOLLOWUP_DUE_SOON ? &tp->soon : &tp->done;
        int *fu = s == FOLLOWUP_LATE ? &tu->late : s == FOLLOWUP_DUE_SOON ? &tu->soon : &tu->done;
        int *ft = s == FOLLOWUP_LATE       ? &total.late
                  : s == FOLLOWUP_DUE_SOON ? &total.soon
                                           : &total.done;
        (*fp)++, (*fu)++, (*ft)++;
        if (s == FOLLOWUP_LATE) late[nlate++] = i;
    }
    const char *title = arena_printf(r->a, tr(r->lang, TR_plan_followup_title), year);
    page_begin(r, out, title, "plan");
    buf *b = &out->body;
    buf_printf(b, "<p class=\"crumb\"><a href=\"/plan/%d\">", year);
    esc_html(b, arena_printf(r->a, tr(r->lang, TR_plan_title), year));
    buf_puts(b, "</a></p><h1>");
    esc_html(b, title);
    buf_puts(b, "</h1><p class=\"lead\">");
    plan_text(r, b, TR_plan_followup_intro);
    buf_puts(b, "</p>");
    plan_year_nav(r, b, year, true);
    const struct {
        const char *id;
        tr_key label;
        int count;
    } cards[] = {{"late", TR_plan_late, total.late},
                 {"due-soon", TR_plan_due_soon, total.soon},
                 {"done", TR_plan_done, total.done}};
    buf_puts(b, "<section class=\"cards\">");
    for (size_t k = 0; k < sizeof cards / sizeof cards[0]; k++) {
        buf_printf(b, "<div class=\"card\" id=\"%s\"><h2>", cards[k].id);
        plan_text(r, b, cards[k].label);
        buf_printf(b, "</h2><p><strong>%d</strong></p></div>", cards[k].count);
    }
    buf_puts(b, "</section>");
    tally_table(r, b, TR_plan_per_responsible, TR_act_responsible, people, npeople);
    tally_table(r, b, TR_plan_per_unit, TR_plan_unit, units, nunits);
    buf_puts(b, "<section class=\"related\"><h2>");
    plan_text(r, b, TR_plan_late_list);
    buf_printf(b, " <span class=\"count\">(%d)</span></h2><ul>", nlate);
    for (int k = 0; k < nlate; k++) {
        int i = late[k];
        buf_puts(b, "<li>");
        plan_action_link(r, b, res[i].item.id, res[i].item.title, res[i].carried_year);
        buf_puts(b, " — ");
        esc_html(b, res[i].item.end_date);
        buf_puts(b, ", ");
        esc_html(b, res[i].responsible ? res[i].responsible : tr(r->lang, TR_plan_nobody));
        buf_puts(b, "</li>");
    }
    buf_puts(b, "</ul></section>");
    page_end(r, out);
}
