/* home.c - the start page, per person: "Att göra" (what needs me now, from every area,
 * through the table todo_sources in contributions.c), then the figures of my scope and
 * the cards the areas contribute, in the order of the table below. An area adds its card
 * with one line here; it renders only its own card (a <section class="cards"> of its own). */
#include "../http/page.h"
#include "../org/org.h"
#include "../incidents/incidents.h"
#include "../continuity/continuity.h"
#include "../documents/documents.h"
#include "../dashboard/dashboard.h"
#include "../entity/todo.h"
#include "../remind/remind.h"
#include "../../build/views/home.h"
#include "../../build/views/home_todo.h"

/* Renders one card; false when its data cannot be read (the page answers 500). */
typedef bool (*home_card_fn)(req *r, buf *out);

static bool incidents_card(req *r, buf *out)
{
    incidents_home_card(r, out);
    return true;
}

static bool continuity_card(req *r, buf *out)
{
    continuity_home_card(r, out);
    return true;
}

static const home_card_fn home_cards[] = {
    dash_home_figures,   /* the figures of my scope (nothing for a plain employee) */
    incidents_card,      /* open incidents and the nearest legal clock; report one */
    documents_home_card, /* styrdokument published to me, not yet confirmed */
    continuity_card,     /* plans whose test is overdue (only when there are some) */
    org_home_card,       /* my roles; role coverage for those who assign roles */
    NULL,
};

/* Every area's items for the reader, sorted; false when one could not be read. */
static bool load_todo(req *r, todo_list *l)
{
    for (const todo_source *s = todo_sources; *s; s++)
        if (!(*s)(r, l)) return false;
    todo_sort(l);
    return true;
}

void h_home(req *r, resp *out)
{
    todo_list todo = {0};
    if (!load_todo(r, &todo)) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    page_begin(r, out, tr(r->lang, TR_home_title), "home");
    view_home(&out->body, r->lang, r);
    remind_home_section(r, &todo, &out->body);
    view_home_todo(&out->body, r->lang, r, &todo);
    for (const home_card_fn *card = home_cards; *card; card++) {
        if (!(*card)(r, &out->body)) {
            respond_error(r, out, 500, "internal", TR_err_internal);
            return;
        }
    }
    page_end(r, out);
}

void api_home_todo(req *r, resp *out)
{
    todo_list todo = {0};
    if (!load_todo(r, &todo)) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    respond_json(out, 200);
    todo_json(r, &todo, &out->body);
}
