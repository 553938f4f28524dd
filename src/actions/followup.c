/* followup.c - /plan/<year>/follow-up: late, due within 30 days and done (plan_followup
 * decides), in total, per responsible and per förvaltning, and the late ones listed. */
#include "plan_pages.h"
#include "../http/page.h"
#include "../core/escape.h"
#include "../core/util.h"
#include "../../build/views/plan_followup.h"
#include <stdlib.h>
#include <string.h>

static plan_tally *tally_of(plan_tally *list, int *n, const char *name)
{
    for (int i = 0; i < *n; i++)
        if (!strcmp(list[i].name, name)) return &list[i];
    list[*n] = (plan_tally){.name = name};
    return &list[(*n)++];
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
    plan_tally *people = arena_alloc(r->a, sizeof(plan_tally) * (size_t)(n + 1));
    plan_tally *units = arena_alloc(r->a, sizeof(plan_tally) * (size_t)(n + 1));
    int npeople = 0, nunits = 0;
    int *late = arena_alloc(r->a, sizeof(int) * (size_t)(n + 1)), nlate = 0;
    plan_tally total = {0};
    for (int i = 0; i < n; i++) {
        plan_item it = res[i].item;
        followup_state s = plan_followup(&it, day);
        if (s == FOLLOWUP_NONE) continue;
        const char *who = res[i].responsible ? res[i].responsible : tr(r->lang, TR_plan_nobody);
        plan_tally *tp = tally_of(people, &npeople, who),
                   *tu = tally_of(units, &nunits, res[i].forv);
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
    view_plan_followup(&out->body, r->lang, r, year, title, &total, people, npeople, units, nunits,
                       res, late, nlate);
    page_end(r, out);
}
