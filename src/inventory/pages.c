/* pages.c - /inventory: the way into the four inventory lists, with how many each holds. */
#include "inventory.h"
#include "../http/page.h"
#include "../../build/views/inventory.h"
#include <stdlib.h>

static int count_of(req *r, const entity *e)
{
    const char *p[] = {tenant_param(r)};
    const char *n = db_scalar(
        r->db, r->a, arena_printf(r->a, "SELECT COUNT(*) FROM %s WHERE tenant_id = $1", e->table),
        1, p);
    return n ? atoi(n) : 0;
}

void h_inventory(req *r, resp *out)
{
    page_begin(r, out, tr(r->lang, TR_inventory_title), "inventory");
    view_inventory(&out->body, r->lang, count_of(r, &entity_objects), count_of(r, &entity_systems),
                   count_of(r, &entity_assets), count_of(r, &entity_processes));
    page_end(r, out);
}
