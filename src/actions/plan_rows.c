/* plan_rows.c - the year's actions as the handlingsplan's pages show them (with the
 * responsible's name and the förvaltning), the changes since the decision, and the HTML
 * pieces the pages share. */
#include "plan_pages.h"
#include "../../build/views/plan_action_link.h"
#include "../../build/views/plan_year_nav.h"
#include "../http/page.h"
#include "../core/escape.h"
#include "../core/util.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

const char *plan_num(req *r, int64_t v)
{
    return int_text(r->a, v);
}

const char *plan_tenant(req *r)
{
    return plan_num(r, r->auth->tenant_id);
}

/* The year in the route, 2000–2100; answers 404 and returns 0 otherwise. */
int plan_route_year(req *r, resp *out)
{
    int64_t y;
    if (r->nroute_args < 1 || !parse_int64(r->route_args[0], &y) || y < 2000 || y > 2100) {
        respond_error(r, out, 404, "not_found", TR_err_not_found);
        return 0;
    }
    return (int)y;
}

const char *plan_today(req *r)
{
    char today[11];
    date_today(today); /* Stockholm's date, as every due date is judged (entity/due.h) */
    return arena_strdup(r->a, today);
}

static int row_order(const void *x, const void *y)
{
    const plan_row *a = x, *b = y;
    int c = strcmp(a->forv, b->forv);
    if (!c) c = strcmp(a->item.title, b->item.title);
    return c ? c : (a->item.id > b->item.id) - (a->item.id < b->item.id);
}

/* The year's actions ordered by förvaltning, title and id; NULL on a database error. The
 * förvaltning is found here, from the few förvaltningar's paths, rather than by a
 * subquery per action over every unit. */
plan_row *plan_year_actions(req *r, int year, int *n)
{
    const char *p[] = {plan_tenant(r), plan_num(r, year)};
    db_res *res = NULL, *forv = NULL;
    /* the actions the reader may read (need-to-know): the plan pages, the follow-up */
    if (db_query(
            r->db, r->a,
            arena_printf(r->a,
                         "SELECT a.id, a.title, a.status, a.priority, a.start_date, "
                         "a.end_date, a.responsible_id, a.unit_id, p.name, u.path, u.name, "
                         "a.carried_from_year, (SELECT COUNT(*) FROM action_item n WHERE "
                         "n.tenant_id = a.tenant_id AND n.carried_from_id = a.id), a.goal FROM "
                         "action_item a JOIN unit u ON u.id = a.unit_id LEFT JOIN person p ON "
                         "p.id = a.responsible_id WHERE a.tenant_id = $1 AND a.plan_year = "
                         "$2%s",
                         entity_read_scope(r, &entity_actions, "a")),
            2, p, &res) != DB_OK ||
        db_query(r->db, r->a,
                 "SELECT path, name, id FROM unit WHERE tenant_id = $1 AND kind = 'forvaltning'", 1,
                 p, &forv) != DB_OK)
        return NULL;
    plan_row *rows = arena_alloc(r->a, sizeof(plan_row) * (size_t)(res->nrows + 1));
    for (int i = 0; i < res->nrows; i++) {
        const char *path = db_cell(res, i, 9), *name = db_cell(res, i, 10),
                   *forv_id = db_cell(res, i, 7);
        size_t best = 0;
        for (int k = 0; k < forv->nrows; k++) {
            const char *fp = db_cell(forv, k, 0);
            size_t len = strlen(fp);
            if (len > best && !strncmp(path, fp, len))
                best = len, name = db_cell(forv, k, 1), forv_id = db_cell(forv, k, 2);
        }
        rows[i] = (plan_row){.item = {.id = db_cell_int(res, i, 0),
                                      .plan_year = year,
                                      .status = db_cell(res, i, 2),
                                      .carried_on = db_cell_int(res, i, 12) > 0,
                                      .title = db_cell(res, i, 1),
                                      .priority = db_cell(res, i, 3),
                                      .start_date = db_cell(res, i, 4),
                                      .end_date = db_cell(res, i, 5),
                                      .responsible_id = db_cell(res, i, 6),
                                      .unit_id = db_cell(res, i, 7)},
                             .responsible = db_cell(res, i, 8),
                             .forv = name,
                             .forv_id = forv_id,
                             .carried_year = db_cell(res, i, 11),
                             .goal = db_cell(res, i, 13)};
    }
    qsort(rows, (size_t)res->nrows, sizeof *rows, row_order);
    *n = res->nrows;
    return rows;
}

const char *plan_opt_label(req *r, const char *field, const char *value)
{
    int fi = entity_field_index(&entity_actions, field);
    return value ? enum_label(r, &entity_actions.fields[fi], value) : "—";
}

void plan_action_link(req *r, buf *b, int64_t id, const char *title, const char *carried)
{
    view_plan_action_link(b, r->lang, r, (long long)id, title, carried ? atoi(carried) : 0);
}

void plan_year_nav(req *r, buf *b, int year, bool followup)
{
    view_plan_year_nav(b, r->lang, r, year, followup);
}

int plan_changes(req *r, const char *snapshot, const plan_row *res, int nrows, int year,
                 plan_change **out, const char ***out_fields)
{
    json_t *root = json_loads(snapshot ? snapshot : "[]", 0, NULL);
    size_t nd = json_is_array(root) ? json_array_size(root) : 0;
    plan_item *decided = arena_alloc(r->a, sizeof(plan_item) * (nd + 1));
    for (size_t i = 0; i < nd; i++) {
        json_t *o = json_array_get(root, i);
#define S(k)                                                                                       \
    (json_is_string(json_object_get(o, k))                                                         \
         ? arena_strdup(r->a, json_string_value(json_object_get(o, k)))                            \
         : NULL)
        decided[i] = (plan_item){.id = json_integer_value(json_object_get(o, "id")),
                                 .plan_year = year,
                                 .status = S("status"),
                                 .title = S("title"),
                                 .priority = S("priority"),
                                 .start_date = S("start_date"),
                                 .end_date = S("end_date"),
                                 .responsible_id = S("responsible_id"),
                                 .unit_id = S("unit_id")};
#undef S
    }
    json_decref(root);
    int nn = nrows;
    plan_item *now = arena_alloc(r->a, sizeof(plan_item) * (size_t)(nn + 1));
    for (int i = 0; i < nn; i++)
        now[i] = res[i].item;
    int max = (int)nd + nn + 1;
    plan_change *ch = arena_alloc(r->a, sizeof(plan_change) * (size_t)max);
    int n = plan_diff(decided, (int)nd, now, nn, ch, max);
    static const struct {
        unsigned bit;
        const char *field;
    } names[] = {{PF_TITLE, "title"},       {PF_STATUS, "status"},
                 {PF_PRIORITY, "priority"}, {PF_START, "start_date"},
                 {PF_END, "end_date"},      {PF_RESPONSIBLE, "responsible_id"},
                 {PF_UNIT, "unit_id"}};
    /* per change, the labels of the fields it changed: "Titel, Status" */
    const char **fields = arena_alloc(r->a, sizeof(char *) * (size_t)(n + 1));
    for (int i = 0; i < n; i++) {
        buf list;
        buf_init(&list, 0);
        for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
            if (!(ch[i].fields & names[k].bit)) continue;
            int fi = entity_field_index(&entity_actions, names[k].field);
            if (list.len) buf_puts(&list, ", ");
            buf_puts(&list, tr(r->lang, entity_actions.fields[fi].label));
        }
        fields[i] = arena_strdup(r->a, buf_str(&list));
        buf_free(&list);
    }
    *out = ch;
    *out_fields = fields;
    return n;
}
