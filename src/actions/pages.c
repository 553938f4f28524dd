/* pages.c - the handlingsplan: /plan lists the years, /plan/<year> the year's actions per
 * förvaltning with its decision and what changed since, the carry-over of unfinished
 * actions to the next year, and the follow-up view. */
#include "actions.h"
#include "../http/page.h"
#include "../core/escape.h"
#include "../core/util.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static const char *num(req *r, int64_t v)
{
    return arena_printf(r->a, "%lld", (long long)v);
}

static const char *tenant(req *r)
{
    return num(r, r->auth->tenant_id);
}

/* The year in the route, 2000–2100; answers 404 and returns 0 otherwise. */
static int route_year(req *r, resp *out)
{
    int64_t y;
    if (r->nroute_args < 1 || !parse_int64(r->route_args[0], &y) || y < 2000 || y > 2100) {
        respond_error(r, out, 404, "not_found", TR_err_not_found);
        return 0;
    }
    return (int)y;
}

static const char *today(req *r)
{
    char now[21];
    time_now_iso(now);
    return arena_strndup(r->a, now, 10);
}

/* An action of the year with what the pages show besides: its responsible's name, its
 * förvaltning (the nearest enclosing one, else its own unit) and the year it was carried
 * over from. */
typedef struct plan_row {
    plan_item item;
    const char *responsible, *forv, *carried_year;
} plan_row;

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
static plan_row *year_actions(req *r, int year, int *n)
{
    const char *p[] = {tenant(r), num(r, year)};
    db_res *res = NULL, *forv = NULL;
    if (db_query(r->db, r->a,
                 "SELECT a.id, a.title, a.status, a.priority, a.start_date, a.end_date, "
                 "a.responsible_id, a.unit_id, p.name, u.path, u.name, a.carried_from_year, "
                 "(SELECT COUNT(*) FROM action_item n WHERE n.tenant_id = a.tenant_id AND "
                 "n.carried_from_id = a.id) FROM action_item a JOIN unit u ON u.id = a.unit_id "
                 "LEFT JOIN person p ON p.id = a.responsible_id WHERE a.tenant_id = $1 AND "
                 "a.plan_year = $2",
                 2, p, &res) != DB_OK ||
        db_query(r->db, r->a,
                 "SELECT path, name FROM unit WHERE tenant_id = $1 AND kind = 'forvaltning'", 1, p,
                 &forv) != DB_OK)
        return NULL;
    plan_row *rows = arena_alloc(r->a, sizeof(plan_row) * (size_t)(res->nrows + 1));
    for (int i = 0; i < res->nrows; i++) {
        const char *path = db_cell(res, i, 9), *name = db_cell(res, i, 10);
        size_t best = 0;
        for (int k = 0; k < forv->nrows; k++) {
            const char *fp = db_cell(forv, k, 0);
            size_t len = strlen(fp);
            if (len > best && !strncmp(path, fp, len)) best = len, name = db_cell(forv, k, 1);
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
                             .carried_year = db_cell(res, i, 11)};
    }
    qsort(rows, (size_t)res->nrows, sizeof *rows, row_order);
    *n = res->nrows;
    return rows;
}

static const char *opt_label(req *r, const char *field, const char *value)
{
    int fi = entity_field_index(&entity_actions, field);
    return value ? enum_label(r, &entity_actions.fields[fi], value) : "—";
}

static void text(req *r, buf *b, tr_key k)
{
    esc_html(b, tr(r->lang, k));
}

static void action_link(req *r, buf *b, int64_t id, const char *title, const char *carried)
{
    buf_printf(b, "<a href=\"/actions/%lld\">", (long long)id);
    esc_html(b, title);
    buf_puts(b, "</a>");
    if (carried) {
        buf_puts(b, " <span class=\"tag\">");
        esc_html(b, arena_printf(r->a, tr(r->lang, TR_act_carried_mark), atoi(carried)));
        buf_puts(b, "</span>");
    }
}

static void year_nav(req *r, buf *b, int year, bool followup)
{
    buf_printf(b, "<p class=\"toolbar\"><a href=\"/plan/%d%s\">", year - 1,
               followup ? "/follow-up" : "");
    text(r, b, TR_plan_previous);
    buf_printf(b, " (%d)</a> <a href=\"/plan/%d%s\">", year - 1, year + 1,
               followup ? "/follow-up" : "");
    text(r, b, TR_plan_next);
    buf_printf(b, " (%d)</a> ", year + 1);
    if (followup) {
        buf_printf(b, "<a href=\"/plan/%d\">", year);
        esc_html(b, arena_printf(r->a, tr(r->lang, TR_plan_title), year));
    } else {
        buf_printf(b, "<a href=\"/plan/%d/follow-up\">", year);
        text(r, b, TR_plan_followup);
    }
    buf_printf(b, "</a> <a href=\"/actions.csv?plan_year=%d\">", year);
    text(r, b, TR_plan_export);
    buf_puts(b, "</a></p>");
}

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
    text(r, b, TR_plan_changes);
    buf_printf(b, " <span class=\"count\">(%d)</span></h2>", n);
    if (!n) {
        buf_puts(b, "<p>");
        text(r, b, TR_plan_no_changes);
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
        text(r, b,
             ch[i].kind == CHANGE_ADDED     ? TR_plan_added
             : ch[i].kind == CHANGE_REMOVED ? TR_plan_removed
                                            : TR_plan_changed);
        buf_puts(b, ":</strong> ");
        if (ch[i].kind == CHANGE_REMOVED)
            esc_html(b, ch[i].item->title);
        else
            action_link(r, b, ch[i].id, ch[i].item->title, NULL);
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
    const char *p[] = {tenant(r), num(r, year)};
    db_res *d = NULL;
    if (db_query(r->db, r->a,
                 "SELECT d.id, d.decided_on, p.name, d.body, d.reference, d.snapshot FROM "
                 "plan_decision d JOIN person p ON p.id = d.decided_by_id WHERE d.tenant_id = $1 "
                 "AND d.plan_year = $2",
                 2, p, &d) != DB_OK)
        return;
    buf_puts(b, "<section class=\"decision\" id=\"decision\">");
    if (d->nrows == 0) {
        buf_puts(b, "<p class=\"notice\">");
        text(r, b, TR_plan_not_decided);
        buf_puts(b, "</p>");
        if (perm_allows(r->auth, ACT_PLAN_DECIDE, NULL)) {
            buf_puts(b, "<p><a class=\"button\" href=\"");
            esc_html(b, arena_printf(r->a, "/plan_decisions/new?plan_year=%d&decided_on=%s", year,
                                     today(r)));
            buf_puts(b, "\">");
            text(r, b, TR_plan_decide);
            buf_puts(b, "</a></p>");
        }
        buf_puts(b, "</section>");
        return;
    }
    buf_puts(b, "<p class=\"flash\">");
    const char *ref = db_cell(d, 0, 4);
    esc_html(b, arena_printf(r->a, tr(r->lang, TR_plan_decided), db_cell(d, 0, 1), db_cell(d, 0, 3),
                             db_cell(d, 0, 2), ref ? ref : "—"));
    buf_printf(b, " <a href=\"/plan_decisions/%s\">", db_cell(d, 0, 0));
    text(r, b, TR_plan_decisions_one);
    buf_puts(b, "</a></p></section>");
    render_changes(r, b, db_cell(d, 0, 5), actions, nactions, year);
}

void h_plan_year(req *r, resp *out)
{
    int year = route_year(r, out);
    if (!year) return;
    int nrows = 0;
    plan_row *res = year_actions(r, year, &nrows);
    if (!res) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    const char *title = arena_printf(r->a, tr(r->lang, TR_plan_title), year);
    page_begin(r, out, title, "plan");
    buf *b = &out->body;
    buf_puts(b, "<p class=\"crumb\"><a href=\"/plan\">");
    text(r, b, TR_plan_index_title);
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
    text(r, b, TR_plan_intro);
    buf_puts(b, "</p>");
    year_nav(r, b, year, false);
    render_decision(r, b, year, res, nrows);
    bool may_create = perm_allows(r->auth, ACT_RISK_WRITE, NULL);
    for (int i = 0; !may_create && i < r->auth->ngrants; i++)
        may_create = perm_allows(r->auth, ACT_RISK_WRITE, r->auth->grants[i].unit_path);
    if (may_create) {
        buf_printf(b, "<p><a class=\"button\" href=\"/actions/new?plan_year=%d\">", year);
        text(r, b, TR_plan_new_action);
        buf_puts(b, "</a></p>");
    }
    if (!nrows) {
        buf_puts(b, "<p>");
        text(r, b, TR_plan_no_actions);
        buf_puts(b, "</p>");
    }
    const char *group = NULL;
    for (int i = 0; i < nrows; i++) {
        const char *forv = res[i].forv;
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
                text(r, b, heads[k]);
                buf_puts(b, "</th>");
            }
            buf_puts(b, "</tr></thead><tbody>");
        }
        buf_puts(b, "<tr><td>");
        action_link(r, b, res[i].item.id, res[i].item.title, res[i].carried_year);
        buf_puts(b, "</td><td>");
        esc_html(b, res[i].responsible ? res[i].responsible : "—");
        buf_puts(b, "</td><td>");
        esc_html(b, opt_label(r, "priority", res[i].item.priority));
        buf_puts(b, "</td><td>");
        esc_html(b, res[i].item.start_date ? res[i].item.start_date : "—");
        buf_puts(b, "</td><td>");
        esc_html(b, res[i].item.end_date ? res[i].item.end_date : "—");
        buf_puts(b, "</td><td>");
        esc_html(b, opt_label(r, "status", res[i].item.status));
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
        text(r, b, TR_plan_carry_over_help);
        buf_puts(b, "</p><button type=\"submit\">");
        esc_html(b, arena_printf(r->a, tr(r->lang, TR_plan_carry_over), year + 1));
        buf_puts(b, "</button></form></section>");
    }
    page_end(r, out);
}

void h_plan_index(req *r, resp *out)
{
    const char *p[] = {tenant(r)};
    db_res *res = NULL;
    if (db_query(r->db, r->a,
                 "SELECT a.plan_year, COUNT(*), (SELECT d.decided_on FROM plan_decision d WHERE "
                 "d.tenant_id = a.tenant_id AND d.plan_year = a.plan_year) FROM action_item a "
                 "WHERE a.tenant_id = $1 GROUP BY a.tenant_id, a.plan_year ORDER BY a.plan_year "
                 "DESC",
                 1, p, &res) != DB_OK) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    page_begin(r, out, tr(r->lang, TR_plan_index_title), "plan");
    buf *b = &out->body;
    buf_puts(b, "<h1>");
    text(r, b, TR_plan_index_title);
    buf_puts(b, "</h1><p class=\"lead\">");
    text(r, b, TR_plan_intro);
    buf_puts(b, "</p><ul class=\"years\">");
    int this_year = atoi(today(r));
    bool has_this_year = false;
    for (int i = 0; i < res->nrows; i++)
        has_this_year |= db_cell_int(res, i, 0) == this_year;
    if (!has_this_year) {
        buf_printf(b, "<li><a href=\"/plan/%d\">", this_year);
        esc_html(b, arena_printf(r->a, tr(r->lang, TR_plan_title), this_year));
        buf_puts(b, "</a> — ");
        text(r, b, TR_plan_no_actions);
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
        text(r, b, db_cell(res, i, 2) ? TR_plan_decisions_one : TR_plan_not_decided);
        if (db_cell(res, i, 2)) {
            buf_puts(b, " ");
            esc_html(b, db_cell(res, i, 2));
        }
        buf_puts(b, "</li>");
    }
    buf_puts(b, "</ul>");
    page_end(r, out);
}

/* Copies one action into the next year's plan, with its links to risks; audited. */
static bool carry_one(req *r, int64_t id, int year, const char *now)
{
    const char *p[] = {num(r, year + 1), num(r, year), now, num(r, id), tenant(r)};
    db_res *res = NULL;
    if (db_query(r->db, r->a,
                 "INSERT INTO action_item (tenant_id, unit_id, title, goal, measure, priority, "
                 "cost, responsible_id, start_date, end_date, status, progress, plan_year, "
                 "source_entity, source_id, carried_from_id, carried_from_year, created_at, "
                 "updated_at) SELECT tenant_id, unit_id, title, goal, measure, priority, cost, "
                 "responsible_id, start_date, end_date, status, progress, CAST($1 AS INTEGER), "
                 "source_entity, source_id, id, CAST($2 AS INTEGER), $3, $3 FROM action_item "
                 "WHERE id = CAST($4 AS BIGINT) AND tenant_id = CAST($5 AS BIGINT) RETURNING id, "
                 "title",
                 5, p, &res) != DB_OK ||
        res->nrows != 1)
        return false;
    int64_t new_id = db_cell_int(res, 0, 0);
    const char *q[] = {num(r, new_id), now, num(r, id), tenant(r)};
    if (db_exec(r->db,
                "INSERT INTO risk_action (tenant_id, risk_id, action_id, unit_id, note, "
                "created_at, updated_at) SELECT tenant_id, risk_id, CAST($1 AS BIGINT), unit_id, "
                "note, $2, $2 FROM risk_action WHERE action_id = CAST($3 AS BIGINT) AND tenant_id "
                "= CAST($4 AS BIGINT)",
                4, q, NULL) != DB_OK)
        return false;
    const char *diff =
        arena_printf(r->a, "{\"plan_year\":[null,\"%d\"],\"carried_from_id\":[null,\"%lld\"]}",
                     year + 1, (long long)id);
    return entity_audit(r, "create", &entity_actions, new_id, db_cell(res, 0, 1), diff) == DB_OK;
}

void h_plan_carry_over(req *r, resp *out)
{
    int year = route_year(r, out);
    if (!year) return;
    if (!perm_allows(r->auth, ACT_RISK_WRITE, NULL)) {
        respond_error(r, out, 403, "forbidden", TR_err_forbidden);
        return;
    }
    if (db_begin(r->db) != DB_OK) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    int nrows = 0;
    plan_row *res = year_actions(r, year, &nrows);
    char now[21];
    time_now_iso(now);
    bool ok = res != NULL;
    int carried = 0;
    for (int i = 0; ok && i < nrows; i++) {
        plan_item it = res[i].item;
        if (!plan_carry_over(&it, year)) continue;
        ok = carry_one(r, it.id, year, now);
        carried++;
    }
    if (!ok || db_commit(r->db) != DB_OK) {
        db_rollback(r->db);
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    resp_redirect(out, r->a, arena_printf(r->a, "/plan/%d?carried=%d", year + 1, carried));
}

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
    text(r, b, heading);
    buf_printf(b,
               "</h2><div class=\"table-scroll\" tabindex=\"0\" role=\"region\" "
               "aria-labelledby=\"tally-%d\"><table class=\"list\"><thead><tr><th scope=\"col\">",
               (int)heading);
    text(r, b, first);
    buf_puts(b, "</th><th scope=\"col\">");
    text(r, b, TR_plan_late);
    buf_puts(b, "</th><th scope=\"col\">");
    text(r, b, TR_plan_due_soon);
    buf_puts(b, "</th><th scope=\"col\">");
    text(r, b, TR_plan_done);
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
    int year = route_year(r, out);
    if (!year) return;
    int nrows = 0;
    plan_row *res = year_actions(r, year, &nrows);
    if (!res) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    const char *day = today(r);
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
    text(r, b, TR_plan_followup_intro);
    buf_puts(b, "</p>");
    year_nav(r, b, year, true);
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
        text(r, b, cards[k].label);
        buf_printf(b, "</h2><p><strong>%d</strong></p></div>", cards[k].count);
    }
    buf_puts(b, "</section>");
    tally_table(r, b, TR_plan_per_responsible, TR_act_responsible, people, npeople);
    tally_table(r, b, TR_plan_per_unit, TR_plan_unit, units, nunits);
    buf_puts(b, "<section class=\"related\"><h2>");
    text(r, b, TR_plan_late_list);
    buf_printf(b, " <span class=\"count\">(%d)</span></h2><ul>", nlate);
    for (int k = 0; k < nlate; k++) {
        int i = late[k];
        buf_puts(b, "<li>");
        action_link(r, b, res[i].item.id, res[i].item.title, res[i].carried_year);
        buf_puts(b, " — ");
        esc_html(b, res[i].item.end_date);
        buf_puts(b, ", ");
        esc_html(b, res[i].responsible ? res[i].responsible : tr(r->lang, TR_plan_nobody));
        buf_puts(b, "</li>");
    }
    buf_puts(b, "</ul></section>");
    page_end(r, out);
}
