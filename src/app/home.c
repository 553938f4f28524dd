/* home.c - the start page: a heading, then the cards the areas contribute, in the order
 * of the table below. An area adds its card with one line here; it renders only its own
 * card (a <section class="cards"> of its own). */
#include "../http/page.h"
#include "../org/org.h"
#include "../incidents/incidents.h"
#include "../continuity/continuity.h"
#include "../../build/views_gen.h"

typedef void (*home_card_fn)(req *r, buf *out);

/* Links to the main overviews of several areas: the start page's own card. */
static void shortcuts_card(req *r, buf *out)
{
    view_home_shortcuts(out, r->lang);
}

static const home_card_fn home_cards[] = {
    org_home_card,        /* my roles, role coverage */
    incidents_home_card,  /* open incidents and the nearest legal clock; my tasks */
    continuity_home_card, /* plans whose test is overdue (only when there are some) */
    shortcuts_card,       NULL,
};

void h_home(req *r, resp *out)
{
    page_begin(r, out, tr(r->lang, TR_home_title), "home");
    view_home(&out->body, r->lang, r);
    for (const home_card_fn *card = home_cards; *card; card++)
        (*card)(r, &out->body);
    page_end(r, out);
}
