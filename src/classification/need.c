/* need.c - skyddsbehov: a system's protection need is at least, per aspect, the highest
 * level of the information it handles; an object's is that of the information its
 * systems handle. Computed from the current classifications on every read, so a new
 * decision shows everywhere at once. Each maximum names the assets it comes from. */
#include "classification.h"
#include "../entity/render.h"
#include "../core/escape.h"
#include "../core/util.h"
#include <stdlib.h>
#include <string.h>

int need_level(const char *v)
{
    return v && *v >= '0' && *v <= '4' && !v[1] ? *v - '0' : -1;
}

void need_max(const int (*levels)[ASPECTS], int n, int out[ASPECTS])
{
    for (int a = 0; a < ASPECTS; a++) {
        out[a] = -1;
        for (int i = 0; i < n; i++)
            if (levels[i][a] > out[a]) out[a] = levels[i][a];
    }
}

/* the assets (rows: id, name) whose level for aspect equals level, as links */
static void asset_links(const db_res *res, const int (*levels)[ASPECTS], int aspect, int level,
                        buf *out)
{
    bool first = true;
    for (int i = 0; i < res->nrows; i++) {
        if (levels[i][aspect] != level) continue;
        if (!first) buf_puts(out, ", ");
        first = false;
        buf_puts(out, "<a href=\"/assets/");
        esc_html(out, db_cell(res, i, 0));
        buf_puts(out, "\">");
        esc_html(out, db_cell(res, i, 1));
        buf_puts(out, "</a>");
    }
}

/* rows: asset id, asset name, k, r, t, s (NULL levels when not classified) */
static void need_table(req *r, const db_res *res, buf *out)
{
    int n = res->nrows;
    int(*levels)[ASPECTS] = arena_alloc(r->a, sizeof *levels * (size_t)(n ? n : 1));
    int classified = 0;
    for (int i = 0; i < n; i++) {
        for (int a = 0; a < ASPECTS; a++)
            levels[i][a] = need_level(db_cell(res, i, 2 + a));
        classified += levels[i][0] >= 0;
    }
    int max[ASPECTS];
    need_max((const int(*)[ASPECTS])levels, n, max);
    buf_puts(out, "<p class=\"help\">");
    esc_html(out, tr(r->lang, TR_need_intro));
    buf_puts(out, "</p>");
    if (!classified) {
        buf_puts(out, "<p>");
        esc_html(out, tr(r->lang, TR_need_none));
        buf_puts(out, "</p>");
    } else {
        buf_puts(out, "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"");
        esc_html(out, tr(r->lang, TR_need_title));
        buf_puts(out, "\"><table class=\"list need\"><thead><tr><th scope=\"col\">");
        esc_html(out, tr(r->lang, TR_need_aspect));
        buf_puts(out, "</th><th scope=\"col\">");
        esc_html(out, tr(r->lang, TR_need_level));
        buf_puts(out, "</th><th scope=\"col\">");
        esc_html(out, tr(r->lang, TR_need_from));
        buf_puts(out, "</th></tr></thead><tbody>");
        for (int a = 0; a < ASPECTS; a++) {
            if (max[a] < 0) continue;
            buf_printf(out, "<tr class=\"level-%d\"><th scope=\"row\">", max[a]);
            esc_html(out, tr(r->lang, aspect_labels[a]));
            buf_puts(out, "</th><td>");
            esc_html(out, tr(r->lang, level_label(max[a])));
            buf_puts(out, "</td><td>");
            asset_links(res, (const int(*)[ASPECTS])levels, a, max[a], out);
            buf_puts(out, "</td></tr>");
        }
        buf_puts(out, "</tbody></table></div>");
        bool four = false;
        for (int a = 0; a < ASPECTS; a++)
            four |= max[a] == 4;
        if (four) {
            buf_puts(out, "<p class=\"warning\" role=\"note\">");
            esc_html(out, tr(r->lang, TR_cls_level4));
            buf_puts(out, "</p>");
        }
    }
    if (classified < n) {
        buf_puts(out, "<p>");
        esc_html(out, tr(r->lang, TR_need_unclassified));
        buf_puts(out, ": ");
        asset_links(res, (const int(*)[ASPECTS])levels, 0, -1, out);
        buf_puts(out, "</p>");
    }
}

static void need_section(req *r, const char *sql, int64_t id, buf *out)
{
    const char *p[] = {int_text(r->a, id), tenant_param(r)};
    db_res *res = NULL;
    if (db_query(r->db, r->a, sql, 2, p, &res) != DB_OK) return;
    buf_puts(out, "<section class=\"related\"><h2>");
    esc_html(out, tr(r->lang, TR_need_title));
    buf_puts(out, "</h2>");
    need_table(r, res, out);
    buf_puts(out, "</section>");
}

#define NEED_COLUMNS "a.id, a.name, c.k, c.r, c.t, c.s"
#define CURRENT_OF_A                                                                               \
    " LEFT JOIN classification c ON c.asset_id = a.id AND c.tenant_id = a.tenant_id AND "          \
    "c.is_current = 1"

void need_system_section(req *r, int64_t system_id, buf *out)
{
    need_section(r,
                 "SELECT " NEED_COLUMNS " FROM system_asset l JOIN information_asset a ON a.id = "
                 "l.asset_id" CURRENT_OF_A " WHERE l.system_id = $1 AND l.tenant_id = $2 AND "
                 "a.status <> 'retired' ORDER BY a.name, a.id",
                 system_id, out);
}

void need_object_section(req *r, int64_t object_id, buf *out)
{
    need_section(r,
                 "SELECT DISTINCT " NEED_COLUMNS
                 " FROM system s JOIN system_asset l ON l.tenant_id = s.tenant_id AND l.system_id "
                 "= s.id JOIN "
                 "information_asset a ON a.id = l.asset_id" CURRENT_OF_A
                 " WHERE s.object_id = $1 AND s.tenant_id = $2 AND s.status <> 'retired' AND "
                 "a.status <> 'retired' ORDER BY "
                 "a.name, a.id",
                 object_id, out);
}

bool need_of_object(req *r, int64_t object_id, int need[ASPECTS])
{
    const char *p[] = {tenant_param(r), int_text(r->a, object_id)};
    db_res *res = NULL;
    if (db_query(r->db, r->a, NEED_PER_OBJECT_SQL(" AND s.object_id = $2"), 2, p, &res) != DB_OK)
        return false;
    for (int a = 0; a < ASPECTS; a++) {
        const char *v = res->nrows ? db_cell(res, 0, 1 + a) : NULL;
        need[a] = v ? atoi(v) : -1;
    }
    return true;
}
