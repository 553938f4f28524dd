/* trends_page.c - the quarters read back for a reader (need-to-know: a figure only for those
 * who would see all of it live), drawn as small bar charts with a table of the same values
 * (the lägesbild, the management review and its PDF), and given as JSON and CSV. */
#include "trends.h"
#include "figures.h"
#include "../actions/actions.h"
#include "../awareness/awareness.h"
#include "../core/escape.h"
#include "../core/util.h"
#include "../http/page.h"
#include "../risks/risks.h"
#include "../../build/views/trends_section.h"
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

enum { TREND_API_QUARTERS = 40 };

/* What the reader may see of the kept figures: what they would see whole today. */
static void readable(req *r, bool see[TR_READ__COUNT])
{
    see[TR_READ_RISKS] = !*entity_read_scope(r, &entity_risks, "k");
    see[TR_READ_ACTIONS] = !*entity_read_scope(r, &entity_actions, "a");
    see[TR_READ_ANALYSES] = !*entity_read_scope(r, &entity_analyses, "x");
    see[TR_READ_ANY] = true;
    see[TR_READ_INCIDENTS] = dash_incidents_visible(r);
    see[TR_READ_TRAINING] = awareness_share_visible(r);
}

static int read_rows(req *r, const char *from, const char *upto, int max, trend_point *out)
{
    bool see[TR_READ__COUNT];
    readable(r, see);
    buf sql;
    buf_init(&sql, 0);
    trend_select_sql(&sql);
    buf_puts(&sql, " AND quarter >= $2 AND quarter <= $3 ORDER BY quarter");
    const char *p[] = {tenant_param(r), from, upto};
    db_res *res = NULL;
    int rc = db_query(r->db, r->a, buf_str(&sql), 3, p, &res);
    buf_free(&sql);
    if (rc != DB_OK) return -1;
    int n = 0;
    for (int row = res->nrows > max ? res->nrows - max : 0; row < res->nrows; row++, n++) {
        trend_point *pt = &out[n];
        memset(pt, 0, sizeof *pt);
        snprintf(pt->quarter, sizeof pt->quarter, "%s", db_cell(res, row, 0));
        snprintf(pt->counted_on, sizeof pt->counted_on, "%s", db_cell(res, row, 1));
        for (int i = 0; i < TF__COUNT; i++) {
            const char *v = db_cell(res, row, 2 + i);
            pt->known[i] = v && see[trend_figure_infos[i].reader];
            pt->value[i] = pt->known[i] ? atoi(v) : 0;
        }
    }
    return n;
}

int trends_load(req *r, const char *upto, int max, trend_point *out)
{
    char today[11], quarter[8], from[8];
    trend_today(time(NULL), today, quarter);
    if (!upto || strcmp(upto, quarter) > 0) upto = quarter;
    if (max < 1 || !trend_quarter_step(upto, -(max - 1), from)) return 0;
    const char *p[] = {tenant_param(r)};
    if (!db_scalar(r->db, r->a,
                   "SELECT id FROM trend_snapshot WHERE tenant_id = $1 AND counted_on IS NOT NULL "
                   "LIMIT 1",
                   1, p)) {
        /* a new tenant sees its first point at once */
        bool written;
        if (trends_snapshot_tenant(r->db, r->auth->tenant_id, time(NULL), false, &written) != DB_OK)
            return -1;
    }
    return read_rows(r, from, upto, max, out);
}

/* the figures drawn, in order: a count, or the share of part in whole */
typedef struct trend_series {
    const char *id;
    tr_key title;
    trend_figure part;
    int whole; /* a trend_figure; -1: a count */
    int level; /* a risk level: the title names the tenant's word for it; -1: none */
} trend_series;

static const trend_series series[] = {
    {"risks-very-high", TR_trend_risks_level, TF_RISKS_VERY_HIGH, -1, LEVEL_VERY_HIGH},
    {"risks-high", TR_trend_risks_level, TF_RISKS_HIGH, -1, LEVEL_HIGH},
    {"risks-medium", TR_trend_risks_level, TF_RISKS_MEDIUM, -1, LEVEL_MEDIUM},
    {"risks-low", TR_trend_risks_level, TF_RISKS_LOW, -1, LEVEL_LOW},
    {"actions-late", TR_trend_actions_late, TF_ACTIONS_LATE, -1, -1},
    {"actions-open", TR_trend_actions_open, TF_ACTIONS_OPEN, -1, -1},
    {"classified", TR_trend_classified, TF_ASSETS_CLASSIFIED, TF_ASSETS, -1},
    {"analysed", TR_trend_analysed, TF_OBJECTS_ANALYSED, TF_OBJECTS, -1},
    {"incidents", TR_trend_incidents, TF_INCIDENTS, -1, -1},
    {"deadlines-met", TR_trend_deadlines_met, TF_DEADLINES_MET, -1, -1},
    {"deadlines-late", TR_trend_deadlines_late, TF_DEADLINES_LATE, -1, -1},
    {"training", TR_trend_training, TF_TRAINING_DONE, TF_TRAINING_PEOPLE, -1},
};
enum { TREND_SERIES = sizeof series / sizeof series[0] };

/* The charts the reader may see (a series none of whose points they may see is left
 * out); returns how many. */
static int build_charts(req *r, const trend_point *pts, int n, trend_chart *charts)
{
    int nc = 0;
    if (n > TREND_QUARTERS) {
        pts += n - TREND_QUARTERS;
        n = TREND_QUARTERS;
    }
    for (size_t s = 0; s < TREND_SERIES; s++) {
        const trend_series *se = &series[s];
        int values[TREND_QUARTERS], max = se->whole >= 0 ? 100 : 0;
        bool any = false;
        trend_chart *ch = &charts[nc];
        memset(ch, 0, sizeof *ch);
        buf desc;
        buf_init(&desc, 0);
        for (int i = 0; i < n; i++) {
            const trend_point *pt = &pts[i];
            bool known = pt->known[se->part] && (se->whole < 0 || pt->known[se->whole]);
            int v = !known          ? -1
                    : se->whole < 0 ? pt->value[se->part]
                                    : trend_percent(pt->value[se->part], pt->value[se->whole]);
            values[i] = v;
            any |= pt->known[se->part];
            if (se->whole < 0 && v > max) max = v;
            trend_bar *b = &ch->bars[i];
            b->value = v < 0           ? NULL
                       : se->whole < 0 ? int_text(r->a, v)
                                       : arena_printf(r->a, "%d\u00a0%%", v);
            b->quarter = arena_strdup(r->a, pt->quarter + 5);
            b->year = arena_strndup(r->a, pt->quarter, 4);
            buf_printf(&desc, "%s%s: %s", i ? ", " : "", pt->quarter,
                       b->value ? b->value : tr(r->lang, TR_trend_not_counted));
        }
        if (!any) {
            buf_free(&desc);
            continue;
        }
        trend_chart_layout(values, n, max, ch->bars);
        ch->n = n;
        ch->id = se->id;
        ch->title = se->level >= 0 ? arena_printf(r->a, tr(r->lang, se->title),
                                                  tenant_names(r)->level[se->level])
                                   : tr(r->lang, se->title);
        ch->desc = arena_strdup(r->a, buf_str(&desc));
        buf_free(&desc);
        nc++;
    }
    return nc;
}

void trends_section(req *r, buf *out, const char *upto)
{
    trend_point pts[TREND_QUARTERS];
    trend_chart charts[TREND_SERIES];
    int n = trends_load(r, upto, TREND_QUARTERS, pts);
    if (n < 0) return;
    int nc = build_charts(r, pts, n, charts);
    if (n && !nc) return; /* nothing this reader may see */
    view_trends_section(out, r->lang, charts, nc, pts, n, upto ? "review-trends" : "trends");
}

int trends_table(req *r, const trend_point *points, int n, const char ***header,
                 const char ***cells)
{
    trend_chart charts[TREND_SERIES];
    int nc = build_charts(r, points, n, charts);
    if (n > TREND_QUARTERS) {
        points += n - TREND_QUARTERS;
        n = TREND_QUARTERS;
    }
    const char **h = arena_alloc(r->a, sizeof(char *) * (size_t)(n + 1));
    const char **c = arena_alloc(r->a, sizeof(char *) * (size_t)((n + 1) * nc + 1));
    h[0] = tr(r->lang, TR_trend_figure);
    for (int i = 0; i < n; i++)
        h[i + 1] = points[i].quarter;
    for (int k = 0; k < nc; k++) {
        c[k * (n + 1)] = charts[k].title;
        for (int i = 0; i < n; i++)
            c[k * (n + 1) + i + 1] = charts[k].bars[i].value ? charts[k].bars[i].value : "\u2013";
    }
    *header = h;
    *cells = c;
    return nc;
}

/* ?upto=2026-Q4 (default: the current quarter); false after answering 400 */
static bool api_points(req *r, resp *out, trend_point **pts, int *n)
{
    const char *upto = kv_get(&r->query, "upto");
    char check[11], last[11];
    if (upto && *upto && !trend_quarter_bounds(upto, check, last)) {
        json_error(r, out, 400, "bad_request", "upto must be a quarter such as 2026-Q4");
        return false;
    }
    *pts = arena_alloc(r->a, sizeof(trend_point) * TREND_API_QUARTERS);
    *n = trends_load(r, upto && *upto ? upto : NULL, TREND_API_QUARTERS, *pts);
    if (*n < 0) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return false;
    }
    return true;
}

void h_api_trends(req *r, resp *out)
{
    trend_point *pts;
    int n;
    if (!api_points(r, out, &pts, &n)) return;
    json_t *quarters = json_array();
    for (int i = 0; i < n; i++) {
        json_t *figures = json_object();
        for (int k = 0; k < TF__COUNT; k++)
            if (pts[i].known[k])
                json_object_set_new(figures, trend_figure_infos[k].column,
                                    json_integer(pts[i].value[k]));
        json_array_append_new(quarters,
                              json_pack("{s:s, s:s, s:o}", "quarter", pts[i].quarter, "counted_on",
                                        pts[i].counted_on, "figures", figures));
    }
    json_t *root = json_pack("{s:o}", "quarters", quarters);
    char *text = root ? json_dumps(root, JSON_COMPACT) : NULL;
    json_decref(root);
    if (!text) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    respond_json(out, 200);
    buf_puts(&out->body, text);
    free(text);
}

void h_trends_csv(req *r, resp *out)
{
    trend_point *pts;
    int n;
    if (!api_points(r, out, &pts, &n)) return;
    out->content_type = "text/csv; charset=utf-8";
    resp_header(out, r->a, "Content-Disposition", "attachment; filename=\"lis-trends.csv\"");
    buf *b = &out->body;
    buf_puts(b, "quarter;counted_on");
    for (int k = 0; k < TF__COUNT; k++)
        buf_printf(b, ";%s", trend_figure_infos[k].column);
    buf_puts(b, "\r\n");
    for (int i = 0; i < n; i++) {
        buf_printf(b, "%s;%s", pts[i].quarter, pts[i].counted_on);
        for (int k = 0; k < TF__COUNT; k++)
            if (pts[i].known[k])
                buf_printf(b, ";%d", pts[i].value[k]);
            else
                buf_puts(b, ";");
        buf_puts(b, "\r\n");
    }
}
