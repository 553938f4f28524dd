/* review_page.c - a management review's inputs, on its page and in the PDF for
 * kommunstyrelsen: each figure as it is now (a review not yet held) or as it was when the
 * review was held (its snapshot), beside the previous held review's and the change since.
 * Both are written from the same gathered data (review_inputs), so the page and the PDF
 * never differ. */
#include "followup.h"
#include "../core/util.h"
#include "../dashboard/trends.h"
#include "../http/page.h"
#include "../pdf/pdf.h"
#include "../../build/views/review_inputs.h"
#include "../../build/views/review_inputs_error.h"
#include "../../build/views/review_goals.h"
#include <stdlib.h>
#include <string.h>

typedef struct review_inputs {
    review_figures now;      /* live, or the snapshot */
    bool kept;               /* now is the snapshot of a held review */
    review_figures previous; /* the previous held review's snapshot */
    const char *previous_id, *previous_title, *previous_held_on; /* NULL: none */
} review_inputs;

/* The previous held review before this one (by the day it was held). */
static bool load_previous(req *r, int64_t id, const char *held_on, review_inputs *in)
{
    char today[11];
    date_today(today);
    const char *p[] = {tenant_param(r), int_text(r->a, id), held_on ? held_on : today};
    db_res *res = NULL;
    const char *sql = arena_printf(
        r->a,
        "SELECT t.id, t.title, t.held_on, t.snapshot FROM management_review t WHERE t.tenant_id "
        "= $1 AND t.status = 'held' AND t.id <> CAST($2 AS BIGINT) AND t.held_on <= $3%s ORDER "
        "BY t.held_on DESC, t.id DESC LIMIT 1",
        entity_read_scope(r, &entity_management_reviews, "t"));
    if (db_query(r->db, r->a, sql, 3, p, &res) != DB_OK) return false;
    if (res->nrows && review_figures_parse(db_cell(res, 0, 3), &in->previous)) {
        in->previous_id = db_cell(res, 0, 0);
        in->previous_title = db_cell(res, 0, 1);
        in->previous_held_on = db_cell(res, 0, 2);
    }
    return true;
}

static bool review_inputs_load(req *r, const entity *e, const record *rec, review_inputs *in)
{
    memset(in, 0, sizeof *in);
    const char *status = record_get(rec, e, "status");
    in->kept = status && !strcmp(status, "held") &&
               review_figures_parse(record_get(rec, e, "snapshot"), &in->now);
    if (!in->kept && !review_figures_count(r, rec->id, &in->now)) return false;
    return load_previous(r, rec->id, in->kept ? record_get(rec, e, "held_on") : NULL, in);
}

/* The last quarter a review shows: the one it was held in, else today's. */
static const char *review_last_quarter(const entity *e, const record *rec, char upto[8])
{
    const char *status = record_get(rec, e, "status"), *held_on = record_get(rec, e, "held_on");
    char today[11];
    date_today(today);
    trend_quarter_of(status && !strcmp(status, "held") && held_on ? held_on : today, upto);
    return upto;
}

/* The quarters up to the review's, as a table (the page's charts and table, in print). */
static void pdf_trends(req *r, pdf_doc *d, const entity *e, const record *rec)
{
    char upto[8];
    trend_point pts[TREND_QUARTERS];
    int n = trends_load(r, review_last_quarter(e, rec, upto), TREND_QUARTERS, pts);
    const char **head = NULL, **cells = NULL;
    int rows = n > 0 ? trends_table(r, pts, n, &head, &cells) : 0;
    if (rows <= 0) return;
    pdf_heading(d, 2, tr(r->lang, TR_trend_title));
    pdf_paragraph(d, tr(r->lang, TR_trend_intro));
    double widths[TREND_QUARTERS + 1];
    widths[0] = 0.36;
    for (int i = 1; i <= n; i++)
        widths[i] = 0.64 / n;
    pdf_table(d, n + 1, head, cells, rows, widths);
}

/* "+2", "−1", "±0"; NULL when either side was not counted */
static const char *change_text(req *r, const review_inputs *in, int i)
{
    if (!in->previous_id || !in->now.known[i] || !in->previous.known[i]) return NULL;
    int d = in->now.value[i] - in->previous.value[i];
    return d > 0   ? arena_printf(r->a, "+%d", d)
           : d < 0 ? arena_printf(r->a, "\u2212%d", -d)
                   : "\u00b10";
}

static const char *value_text(req *r, const review_figures *f, int i)
{
    return f->known[i] ? int_text(r->a, f->value[i]) : "\u2013";
}

void review_detail_lead(req *r, const entity *e, const record *rec, buf *out)
{
    review_inputs in;
    if (!review_inputs_load(r, e, rec, &in)) {
        view_review_inputs_error(out, r->lang);
        return;
    }
    const char *now[RF__COUNT], *before[RF__COUNT], *change[RF__COUNT];
    for (int i = 0; i < RF__COUNT; i++) {
        now[i] = value_text(r, &in.now, i);
        before[i] = in.previous_id ? value_text(r, &in.previous, i) : NULL;
        change[i] = change_text(r, &in, i);
    }
    view_review_inputs(out, r->lang, r, (long long)rec->id, in.kept, in.now.counted_on,
                       in.previous_id, in.previous_title, in.previous_held_on, now, before, change);
    char upto[8];
    trends_section(r, out, review_last_quarter(e, rec, upto));
    view_review_goals(out, r->lang, &in.now, in.previous_id ? &in.previous : NULL);
}

static void labelled(req *r, pdf_doc *d, tr_key key, const char *value)
{
    if (!str_empty(value)) pdf_meta(d, tr(r->lang, key), value);
}

/* The review's decisions, in the order taken, for the PDF: decision, responsible, due. */
static int decisions(req *r, int64_t id, const char ***cells)
{
    const entity *e = &entity_review_decisions;
    kv filter[] = {{.key = "review_id", .value = int_text(r->a, id)}};
    list_query q = {.limit = 200, .order_sql = "t.id", .filters = {.items = filter, .n = 1}};
    db_res *rows = NULL;
    const char *next = NULL;
    if (entity_list(r, e, &q, &rows, &next) != DB_OK) return -1;
    const char **c = arena_alloc(r->a, sizeof(char *) * (size_t)(rows->nrows * 3 + 1));
    for (int i = 0; i < rows->nrows; i++) {
        c[i * 3] = field_display(r, e, rows, i, entity_field(e, "decision"));
        c[i * 3 + 1] = field_display(r, e, rows, i, entity_field(e, "responsible_id"));
        c[i * 3 + 2] = field_display(r, e, rows, i, entity_field(e, "due_on"));
    }
    *cells = c;
    return rows->nrows;
}

void h_review_report_pdf(req *r, resp *out)
{
    const entity *e = &entity_management_reviews;
    int64_t id;
    db_res *row = NULL;
    if (!r->nroute_args || !parse_int64(r->route_args[0], &id) || !entity_may_read(r, e) ||
        entity_get(r, e, id, &row) != DB_OK || row->nrows != 1) {
        respond_error(r, out, 404, "not_found", TR_err_not_found);
        return;
    }
    if (!entity_audit_read(r, e, id, "report pdf")) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    record *rec = record_from_row(r, e, row, 0);
    review_inputs in;
    const char **dec = NULL;
    int ndec = decisions(r, id, &dec);
    if (!review_inputs_load(r, e, rec, &in) || ndec < 0) {
        respond_error(r, out, 500, "internal", TR_err_internal);
        return;
    }
    const char *title = record_get(rec, e, "title");
    pdf_doc *d =
        pdf_begin(r->a, arena_printf(r->a, "%s — %s", tr(r->lang, TR_fu_reviews_one), title));
    pdf_heading(d, 1, tr(r->lang, TR_fu_reviews_one));
    pdf_paragraph(d, title);
    labelled(r, d, TR_fu_when, record_get(rec, e, "planned_on"));
    labelled(r, d, TR_fu_held_on, record_get(rec, e, "held_on"));
    labelled(r, d, TR_fu_attendees, record_get(rec, e, "attendees"));
    pdf_paragraph(d,
                  arena_printf(r->a, tr(r->lang, in.kept ? TR_fu_inputs_kept : TR_fu_inputs_live),
                               in.now.counted_on));
    if (in.previous_id)
        pdf_paragraph(d, arena_printf(r->a, tr(r->lang, TR_fu_inputs_previous), in.previous_title,
                                      in.previous_held_on));
    const char *head[] = {tr(r->lang, TR_fu_figure), tr(r->lang, TR_fu_now),
                          tr(r->lang, TR_fu_before), tr(r->lang, TR_fu_change)};
    for (int s = 0; s < RS__COUNT; s++) {
        const char **cells = arena_alloc(r->a, sizeof(char *) * RF__COUNT * 4);
        int n = 0;
        for (int i = 0; i < RF__COUNT; i++) {
            if (review_figure_infos[i].section != (review_section)s) continue;
            cells[n * 4] = tr(r->lang, review_figure_infos[i].label);
            cells[n * 4 + 1] = value_text(r, &in.now, i);
            cells[n * 4 + 2] = in.previous_id ? value_text(r, &in.previous, i) : NULL;
            cells[n * 4 + 3] = change_text(r, &in, i);
            n++;
        }
        pdf_heading(d, 2, tr(r->lang, review_section_labels[s]));
        static const double widths[] = {0.55, 0.15, 0.15, 0.15};
        pdf_table(d, 4, head, cells, n, widths);
    }
    pdf_trends(r, d, e, rec);
    review_goals_pdf(r, d, &in.now, in.previous_id ? &in.previous : NULL);
    static const struct {
        const char *field;
        tr_key label;
    } texts[] = {{"context_changes", TR_fu_context_changes},
                 {"feedback", TR_fu_feedback},
                 {"opportunities", TR_fu_opportunities},
                 {"conclusions", TR_fu_conclusions}};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        const char *v = record_get(rec, e, texts[i].field);
        if (str_empty(v)) continue;
        pdf_heading(d, 2, tr(r->lang, texts[i].label));
        pdf_paragraph(d, v);
    }
    pdf_heading(d, 2, tr(r->lang, TR_fu_decisions_many));
    if (ndec) {
        const char *dhead[] = {tr(r->lang, TR_fu_decision), tr(r->lang, TR_fu_responsible),
                               tr(r->lang, TR_fu_due_on)};
        static const double dwidths[] = {0.6, 0.25, 0.15};
        pdf_table(d, 3, dhead, dec, ndec, dwidths);
    } else {
        pdf_paragraph(d, tr(r->lang, TR_fu_no_decisions));
    }
    pdf_respond(r, out, d, arena_printf(r->a, "ledningens-genomgang-%lld", (long long)id));
}
