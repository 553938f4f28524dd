/* next_step.c - what the handler must do next with an incident, in the order the law and
 * the work ask it: an untriaged incident is assessed first (its clocks may already run);
 * then the most urgent notification not yet sent; then the open tasks; then closing it;
 * a closed incident without lessons asks for them. Pure: the page gives the facts. */
#include "incidents.h"
#include "deadline.h"
#include <stdlib.h>
#include <string.h>

static bool is(const char *v, const char *want)
{
    return v && !strcmp(v, want);
}

incident_next incident_next_step(const incident_facts *f, const incident_clock *c, int n)
{
    incident_next next = {.kind = NEXT_NONE};
    if (is(f->status, "closed")) {
        next.kind = f->has_lessons ? NEXT_NONE : NEXT_LESSONS;
        return next;
    }
    bool pd_open = !is(f->personal_data, "yes") && !is(f->personal_data, "no");
    bool sig_open = !is(f->significant, "yes") && !is(f->significant, "no");
    if (pd_open || sig_open) {
        /* the deadlines a yes would set: they run from awareness already */
        deadline d[DL__COUNT];
        deadline_facts yes = {.aware = f->aware, .personal_breach = true, .significant = true};
        int k = deadlines_compute(&yes, d);
        for (int i = 0; i < k; i++) {
            if (pd_open && d[i].kind == DL_IMY) next.if_personal = d[i].due;
            if (sig_open && d[i].kind == DL_CSIRT_EARLY) next.if_significant = d[i].due;
        }
        next.kind = NEXT_TRIAGE;
        return next;
    }
    for (int i = 0; i < n; i++)
        if (!c[i].sent_at && (!next.clock || c[i].due < next.clock->due)) next.clock = &c[i];
    if (next.clock) {
        next.kind = NEXT_NOTIFY;
        return next;
    }
    next.kind = f->open_tasks ? NEXT_TASKS : NEXT_CLOSE;
    return next;
}

/* Unsent first, soonest first; then the sent ones in the law's order. */
static int by_urgency(const void *a, const void *b)
{
    const incident_clock *x = a, *y = b;
    bool xs = x->sent_at != NULL, ys = y->sent_at != NULL;
    if (xs != ys) return xs ? 1 : -1;
    if (!xs && x->due != y->due) return x->due < y->due ? -1 : 1;
    return x->kind - y->kind;
}

void incident_clocks_by_urgency(incident_clock *c, int n)
{
    if (n > 1) qsort(c, (size_t)n, sizeof *c, by_urgency);
}
