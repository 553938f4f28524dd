/* plan_page.c - /plan lists the years; /plan/<year> shows the year's actions per
 * förvaltning, its decision and what changed since the decision. */
#include "plan_pages.h"
#include "../entity/render.h"
#include "../entity/due.h"
#include "../http/page.h"
#include "../core/escape.h"
#include "../core/util.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* Changes since the decision: the snapshot against the current actions. */
static void render_changes(req *r, buf *b, const char *snapshot, const plan_row *res, int nrows,
                           int year)
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
    buf_puts(b, "<section class=\"related\" id=\"changes\"><h2>");
    plan_text(r, b, TR_plan_changes);
    buf_printf(b, " <span class=\"count\">(%d)</span></h2>", n);
    if (!n) {
        buf_puts(b, "<p>");
        plan_text(r, b, TR_plan_no_changes);
        buf_puts(b, "</p></section>");
        return;
    }
    static const struct {
        unsigned bit;
        const char *field;
    } names[] = {{PF_TITLE, "title"},       {PF_STATUS, "status"},
                 {PF_PRIORITY, "priority"}, {PF_START, "start_date"},
                 {PF_END, "end_date"},      {PF_RESPONSIBLE, "responsible_id"},
                 {PF_UNIT, "unit_id"}};
    buf_puts(b, "<ul class=\"changes\">");
    for (int i = 0; i < n; i++) {
        buf_printf(b, "<li data-change=\"%s\"><strong>",
                   ch[i].kind == CHANGE_ADDED     ? "added"
                   : ch[i].kind == CHANGE_REMOVED ? "removed"
                                                  : "changed");
        plan_text(r, b,
                  ch[i].kind == CHANGE_ADDED     ? TR_plan_added
                  : ch[i].kind == CHANGE_REMOVED ? TR_plan_removed
                                                 : TR_plan_changed);
        buf_puts(b, ":</strong> ");
        if (ch[i].kind == CHANGE_REMOVED)
            esc_html(b, ch[i].item->title);
        else
            plan_action_link(r, b, ch[i].id, ch[i].item->title, NULL);
        if (ch[i].kind == CHANGE_CHANGED) {
            buf list;
            buf_init(&list, 0);
            for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
                if (!(ch[i].fields & names[k].bit)) continue;
                int fi = entity_field_index(&entity_actions, names[k].field);
                if (list.len) buf_puts(&list, ", ");
                buf_puts(&list, tr(r->lang, entity_actions.fields[fi].label));
            }
            buf_puts(b, " — ");
            esc_html(b, arena_printf(r->a, tr(r->lang, TR_plan_change_fields), buf_str(&list)));
            buf_free(&list);
        }
        buf_puts(b, "</li>");
    }
    buf_puts(b, "</ul></section>");
}

static void render_decision(req *r, buf *b, int year, const plan_row *actions, int nactions)
{
    const char *p[] = {plan_tenant(r), plan_num(r, year)};
    db_res *d = NULL;
    /* the decision's snapshot holds the whole plan: its details and the changes since are
     * shown to those who may read the decision; others learn only that it is decided */
    if (db_query(r->db, r->a,
                 arena_printf(r->a,
                              "SELECT d.id, d.decided_on, p.name, d.body, d.reference, d.snapshot, "
                              "CASE WHEN 1 = 1%s THEN 1 ELSE 0 END FROM plan_decision d JOIN "
                              "person p ON p.id = d.decided_by_id WHERE d.tenant_id = $1 AND "
                              "d.plan_year = $2",
                              entity_read_scope(r, &entity_plan_decisions, "d")),
                 2, p, &d) != DB_OK)
        return;
    buf_puts(b, "<section class=\"decision\" id=\"decision\">");
    if (d->nrows == 0) {
        buf_puts(b, "<p class=\"notice\">");
        plan_text(r, b, TR_plan_not_decided);
        buf_puts(b, "</p>");
        if (perm_allows(r->auth, ACT_PLAN_DECIDE, NULL)) {
            buf_puts(b, "<p><a class=\"button\" href=\"");
            esc_html(b, arena_printf(r->a, "/plan_decisions/new?plan_year=%d&decided_on=%s", year,
                                     plan_today(r)));
            buf_puts(b, "\">");
            plan_text(r, b, TR_plan_decide);
            buf_puts(b, "</a></p>");
        }
        buf_puts(b, "</section>");
        return;
    }
    if (db_cell_int(d, 0, 6) != 1) {
        buf_puts(b, "<p class=\"flash\">");
        plan_text(r, b, TR_plan_decided_restricted);
        buf_puts(b, "</p></section>");
        return;
    }
    buf_puts(b, "<p class=\"flash\">");
    const char *ref = db_cell(d, 0, 4);
    esc_html(b, arena_printf(r->a, tr(r->lang, TR_plan_decided), db_cell(d, 0, 1), db_cell(d, 0, 3),
                             db_cell(d, 0, 2), ref ? ref : "—"));
    buf_printf(b, " <a href=\"/plan_decisions/%s\">", db_cell(d, 0, 0));
    plan_text(r, b, TR_plan_decisions_one);
    buf_puts(b, "</a></p></section>");
    render_changes(r, b, db_cell(d, 0, 5), actions, nactions, year);
}

/* A choice of one förvaltning's part of the plan (GET, so the page can be linked). */
static void unit_filter(req *r, buf *b, int year, const plan_row *res, int nrows, const char *only)
{
    buf_printf(b,
               "<form method=\"get\" action=\"/plan/%d\" class=\"filters\"><div "
               "class=\"filter\"><label for=\"f-forvaltning\">",
               year);
    plan_text(r, b, TR_plan_unit);
    buf_puts(b, "</label><select id=\"f-forvaltning\" name=\"forvaltning\"><option value=\"\">");
    plan_text(r, b, TR_plan_all_units);
    buf_puts(b, "</option>");
    for (int i = 0; i < nrows; i++) {
        if (i && !strcmp(res[i].forv_id, res[i - 1].forv_id)) continue; /* rows are grouped */
        buf_puts(b, "<option value=\"");
        esc_html(b, res[i].forv_id);
        buf_printf(b, "\"%s>", only && !strcmp(only, res[i].forv_id) ? " selected" : "");
        esc_html(b, res[i].forv);
        buf_puts(b, "</option>");
    }
    buf_puts(b, "</select></div><button type=\"submit\">");
    plan_text(r, b, TR_plan_show);
    buf_puts(b, "</button></form>");
}

void h_plan_year(req *r, resp *out)
{
    int year = plan_route_year(r, out);
    if (!year) return;
    int nrows = 0;
    plan_row *res = plan_year_actions(r, year, &nrows);
    if (!res) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    const char *title = arena_printf(r->a, tr(r->lang, TR_plan_title), year);
    page_begin(r, out, title, "plan");
    buf *b = &out->body;
    buf_puts(b, "<p class=\"crumb\"><a href=\"/plan\">");
    plan_text(r, b, TR_plan_index_title);
    buf_puts(b, "</a></p><h1>");
    esc_html(b, title);
    buf_puts(b, "</h1>");
    const char *carried = kv_get(&r->query, "carried");
    int64_t ncarried;
    if (carried && parse_int64(carried, &ncarried)) {
        buf_puts(b, "<p class=\"flash\" role=\"status\">");
        esc_html(b, arena_printf(r->a, tr(r->lang, TR_plan_carried_count), (int)ncarried, year));
        buf_puts(b, "</p>");
    }
    buf_puts(b, "<p class=\"lead\">");
    plan_text(r, b, TR_plan_intro);
    buf_puts(b, "</p>");
    plan_year_nav(r, b, year, false);
    render_decision(r, b, year, res, nrows);
    bool may_create = perm_allows(r->auth, ACT_RISK_WRITE, NULL);
    for (int i = 0; !may_create && i < r->auth->ngrants; i++)
        may_create = perm_allows(r->auth, ACT_RISK_WRITE, r->auth->grants[i].unit_path);
    if (may_create) {
        buf_printf(b, "<p><a class=\"button\" href=\"/actions/new?plan_year=%d\">", year);
        plan_text(r, b, TR_plan_new_action);
        buf_puts(b, "</a></p>");
    }
    if (!nrows) {
        buf_puts(b, "<p>");
        plan_text(r, b, TR_plan_no_actions);
        buf_puts(b, "</p>");
    }
    const char *only = kv_get(&r->query, "forvaltning");
    if (nrows) unit_filter(r, b, year, res, nrows, only);
    const char *group = NULL;
    for (int i = 0; i < nrows; i++) {
        const char *forv = res[i].forv;
        if (only && *only && strcmp(only, res[i].forv_id) != 0) continue;
        if (!group || strcmp(group, forv) != 0) {
            if (group) buf_puts(b, "</tbody></table></div></section>");
            group = forv;
            buf_puts(b, "<section class=\"plan-unit\"><h2>");
            esc_html(b, forv);
            buf_puts(b, "</h2><div class=\"table-scroll\"><table class=\"list\"><thead><tr>");
            static const tr_key heads[] = {TR_act_title,      TR_act_responsible, TR_act_priority,
                                           TR_act_start_date, TR_act_end_date,    TR_act_status};
            for (size_t k = 0; k < sizeof heads / sizeof heads[0]; k++) {
                buf_puts(b, "<th scope=\"col\">");
                plan_text(r, b, heads[k]);
                buf_puts(b, "</th>");
            }
            buf_puts(b, "</tr></thead><tbody>");
        }
        buf_puts(b, "<tr><td>");
        plan_action_link(r, b, res[i].item.id, res[i].item.title, res[i].carried_year);
        buf_puts(b, "</td><td>");
        render_value(r, b, res[i].responsible);
        buf_puts(b, "</td><td>");
        esc_html(b, plan_opt_label(r, "priority", res[i].item.priority));
        buf_puts(b, "</td><td>");
        render_value(r, b, res[i].item.start_date);
        buf_puts(b, "</td><td>");
        render_value(r, b, res[i].item.end_date);
        char since[11];
        if (due_overdue(r, &entity_actions, res[i].item.end_date, res[i].item.status, since))
            due_mark(r, since, b);
        buf_puts(b, "</td><td>");
        esc_html(b, plan_opt_label(r, "status", res[i].item.status));
        buf_puts(b, "</td></tr>");
    }
    if (group) buf_puts(b, "</tbody></table></div></section>");
    if (perm_allows(r->auth, ACT_RISK_WRITE, NULL)) {
        buf_printf(b,
                   "<section class=\"related\" id=\"carry-over\"><form method=\"post\" "
                   "action=\"/plan/%d/carry-over\"><input type=\"hidden\" name=\"_csrf\" value=\"",
                   year);
        esc_html(b, r->auth->csrf);
        buf_puts(b, "\"><p>");
        plan_text(r, b, TR_plan_carry_over_help);
        buf_puts(b, "</p><button type=\"submit\">");
        esc_html(b, arena_printf(r->a, tr(r->lang, TR_plan_carry_over), year + 1));
        buf_puts(b, "</button></form></section>");
    }
    page_end(r, out);
}

void h_plan_index(req *r, resp *out)
{
    const char *p[] = {plan_tenant(r)};
    db_res *res = NULL;
    /* the years of the actions the reader may read, each counting only those */
    if (db_query(r->db, r->a,
                 arena_printf(r->a,
                              "SELECT a.plan_year, COUNT(*), (SELECT d.decided_on FROM "
                              "plan_decision d WHERE d.tenant_id = a.tenant_id AND d.plan_year = "
                              "a.plan_year) FROM action_item a WHERE a.tenant_id = $1%s GROUP BY "
                              "a.tenant_id, a.plan_year ORDER BY a.plan_year DESC",
                              entity_read_scope(r, &entity_actions, "a")),
                 1, p, &res) != DB_OK) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    page_begin(r, out, tr(r->lang, TR_plan_index_title), "plan");
    buf *b = &out->body;
    buf_puts(b, "<h1>");
    plan_text(r, b, TR_plan_index_title);
    buf_puts(b, "</h1><p class=\"lead\">");
    plan_text(r, b, TR_plan_intro);
    buf_puts(b, "</p><ul class=\"years\">");
    int this_year = atoi(plan_today(r));
    bool has_this_year = false;
    for (int i = 0; i < res->nrows; i++)
        has_this_year |= db_cell_int(res, i, 0) == this_year;
    if (!has_this_year) {
        buf_printf(b, "<li><a href=\"/plan/%d\">", this_year);
        esc_html(b, arena_printf(r->a, tr(r->lang, TR_plan_title), this_year));
        buf_puts(b, "</a> — ");
        plan_text(r, b, TR_plan_no_actions);
        buf_puts(b, "</li>");
    }
    for (int i = 0; i < res->nrows; i++) {
        int y = (int)db_cell_int(res, i, 0);
        buf_printf(b, "<li><a href=\"/plan/%d\">", y);
        esc_html(b, arena_printf(r->a, tr(r->lang, TR_plan_title), y));
        buf_puts(b, "</a> — ");
        esc_html(
            b, arena_printf(r->a, tr(r->lang, TR_plan_actions_count), (int)db_cell_int(res, i, 1)));
        buf_puts(b, ". ");
        plan_text(r, b, db_cell(res, i, 2) ? TR_plan_decisions_one : TR_plan_not_decided);
        if (db_cell(res, i, 2)) {
            buf_puts(b, " ");
            esc_html(b, db_cell(res, i, 2));
        }
        buf_puts(b, "</li>");
    }
    buf_puts(b, "</ul>");
    page_end(r, out);
}
