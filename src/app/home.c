/* home.c - the start page, per person: "Att göra" (what needs me now, from every area,
 * through the table todo_sources in contributions.c), then the figures of my scope and
 * the cards the areas contribute, in the order of the table below. An area adds its card
 * with one line here; it renders only its own card (a <section class="cards"> of its own). */
#include "../http/page.h"
#include "../http/page_memo.h"
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

/* A card and, for one that counts over the tenant or a unit, the name under which its
 * HTML is kept between the reader's requests until the next change or the next minute
 * (page_memo.h; a card that logged a need-to-know read is never kept). The others are
 * cheap and rendered each time. */
typedef struct home_card {
    home_card_fn render;
    const char *memo;
} home_card;

static const home_card home_cards[] = {
    {dash_home_figures, "home-figures"}, /* the figures of my scope (none for an employee) */
    {incidents_card, NULL},      /* open incidents and the nearest legal clock; report one */
    {documents_home_card, NULL}, /* styrdokument published to me, not yet confirmed */
    {continuity_card, NULL},     /* plans whose test is overdue (only when there are some) */
    {org_home_card, "home-org"}, /* my roles; role coverage for those who assign roles */
    {NULL, NULL},
};

/* Renders one card into out, or copies it from the memo; false as its render function. */
static bool render_card(req *r, const home_card *card, buf *out)
{
    if (!card->memo) return card->render(r, out);
    memo_part part;
    if (page_memo_find(r, card->memo, &part)) {
        buf_append(out, part.html, part.len);
        return true;
    }
    size_t start = out->len;
    if (!card->render(r, out)) return false;
    page_memo_keep(r, &part, out, start, 0);
    return true;
}

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
    /* the page's reads of need-to-know records are written together, before it answers */
    entity_reads_hold(r);
    if (!load_todo(r, &todo)) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    page_begin(r, out, tr(r->lang, TR_home_title), "home");
    view_home(&out->body, r->lang, r);
    remind_home_section(r, &todo, &out->body);
    view_home_todo(&out->body, r->lang, r, &todo);
    for (const home_card *card = home_cards; card->render; card++) {
        if (!render_card(r, card, &out->body)) {
            respond_error(r, out, 500, "internal", TR_err_internal);
            return;
        }
    }
    if (!entity_reads_write(r)) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    page_end(r, out);
}

void api_home_todo(req *r, resp *out)
{
    todo_list todo = {0};
    entity_reads_hold(r);
    if (!load_todo(r, &todo) || !entity_reads_write(r)) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    respond_json(out, 200);
    todo_json(r, &todo, &out->body);
}
