/* home.c - the start page: a heading, then the cards the areas contribute, in the order
 * of the table below. An area adds its card with one line here; it renders only its own
 * card (a <section class="cards"> of its own). */
#include "../http/page.h"
#include "../org/org.h"
#include "../incidents/incidents.h"
#include "../continuity/continuity.h"
#include "../documents/documents.h"
#include "../../build/views_gen.h"

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

/* Links to the main overviews of several areas: the start page's own card. */
static bool shortcuts_card(req *r, buf *out)
{
    view_home_shortcuts(out, r->lang);
    return true;
}

static const home_card_fn home_cards[] = {
    org_home_card,   /* my roles, role coverage */
    documents_home_card, /* styrdokument published to me, not yet confirmed */
    incidents_card,  /* open incidents and the nearest legal clock; my tasks */
    continuity_card, /* plans whose test is overdue (only when there are some) */
    shortcuts_card,  NULL,
};

void h_home(req *r, resp *out)
{
    page_begin(r, out, tr(r->lang, TR_home_title), "home");
    view_home(&out->body, r->lang, r);
    for (const home_card_fn *card = home_cards; *card; card++) {
        if (!(*card)(r, &out->body)) {
            respond_error(r, out, 500, "internal", TR_err_internal);
            return;
        }
    }
    page_end(r, out);
}
