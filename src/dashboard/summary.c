/* summary.c - see summary.h: gathering the summary and writing it as a printable page
 * (A4 by the print style sheet; the navigation is not printed). */
#include "summary.h"
#include "../risks/risks.h"
#include "../actions/actions.h"
#include "../http/page.h"
#include "../core/escape.h"
#include "../core/util.h"
#include "../../build/views/dash_summary.h"
#include <stdlib.h>
#include <string.h>
#include <time.h>

static void line(summary *s, const char *label, const char *value)
{
    if (s->nlines >= SUMMARY_MAX_LINES) return;
    s->label[s->nlines] = label;
    s->value[s->nlines++] = value;
}

static const char *or_dash(const char *v)
{
    return v && *v ? v : "—";
}

static void load_risks(req *r, summary *s)
{
    const char *p[] = {tenant_param(r), s->scope.like};
    db_res *res = NULL;
    if (db_query(
            r->db, r->a,
            arena_printf(r->a,
                         "SELECT k.title, k.level, pe.name, k.treatment, u.name, k.id FROM risk k "
                         "JOIN unit u ON u.id = k.unit_id LEFT JOIN person pe ON pe.id = "
                         "k.owner_id WHERE k.tenant_id = $1 AND k.status = 'open'%s%s ORDER "
                         "BY k.likelihood * k.consequence DESC, k.consequence DESC, k.title, "
                         "k.id LIMIT %d",
                         dash_within(r, &s->scope, "k.unit_id", 2),
                         entity_read_scope(r, &entity_risks, "k"), SUMMARY_TOP),
            s->scope.unit_id ? 2 : 1, p, &res) != DB_OK ||
        !entity_audit_read_rows(r, &entity_risks, res, 5, "summary"))
        return;
    const field *tf = &entity_risks.fields[entity_field(&entity_risks, "treatment")];
    s->risks = arena_alloc(r->a, sizeof(char *) * SUMMARY_RISK_COLS * (size_t)(res->nrows + 1));
    for (int i = 0; i < res->nrows; i++) {
        const char **row = &s->risks[i * SUMMARY_RISK_COLS];
        row[0] = db_cell(res, i, 0);
        row[1] = or_dash(risk_level_name(r, db_cell(res, i, 1)));
        row[2] = or_dash(db_cell(res, i, 2));
        row[3] = db_cell(res, i, 3) ? enum_label(r, tf, db_cell(res, i, 3))
                                    : tr(r->lang, TR_sum_untreated);
        row[4] = db_cell(res, i, 4);
    }
    s->nrisks = res->nrows;
}

/* this year's late actions, by the follow-up's rule: unfinished, ended before today */
static void load_late(req *r, summary *s)
{
    const char *p[] = {tenant_param(r), arena_printf(r->a, "%d", s->fig.year), s->fig.today,
                       s->scope.like};
    db_res *res = NULL;
    if (db_query(r->db, r->a,
                 arena_printf(r->a,
                              "SELECT a.title, pe.name, a.end_date, u.name FROM action_item a JOIN "
                              "unit u ON u.id = a.unit_id LEFT JOIN person pe ON pe.id = "
                              "a.responsible_id WHERE a.tenant_id = $1 AND a.plan_year = $2 AND "
                              "a.status IN ('planned', 'ongoing') AND a.end_date < $3%s%s ORDER BY "
                              "a.end_date, a.title, a.id LIMIT %d",
                              dash_within(r, &s->scope, "a.unit_id", 4),
                              entity_read_scope(r, &entity_actions, "a"), SUMMARY_LATE_MAX),
                 s->scope.unit_id ? 4 : 3, p, &res) != DB_OK)
        return;
    s->late = arena_alloc(r->a, sizeof(char *) * SUMMARY_LATE_COLS * (size_t)(res->nrows + 1));
    for (int i = 0; i < res->nrows; i++) {
        const char **row = &s->late[i * SUMMARY_LATE_COLS];
        row[0] = db_cell(res, i, 0);
        row[1] = or_dash(db_cell(res, i, 1));
        row[2] = db_cell(res, i, 2);
        row[3] = db_cell(res, i, 3);
    }
    s->nlate = res->nrows;
}

bool summary_load(req *r, resp *out, summary *s)
{
    memset(s, 0, sizeof *s);
    if (!dash_scope_from(r, &s->scope)) {
        respond_error(r, out, 404, "not_found", TR_err_not_found);
        return false;
    }
    dash_figures *f = &s->fig;
    dash_figures_load(r, &s->scope, f);
    lang_t l = r->lang;
    s->scope_name = s->scope.unit_id ? s->scope.name : r->auth->tenant_name;
    s->title = arena_printf(r->a, "%s — %s", tr(l, TR_sum_title), s->scope_name);
    char now[21], local[24];
    time_now_iso(now);
    time_local_display(now, local);
    s->printed_at = arena_strdup(r->a, local);
    s->printed_by = r->auth->person_name ? r->auth->person_name : r->auth->email;

#define COUNT(key, n) arena_printf(r->a, tr_plural(l, TR_##key##_one, TR_##key##_many, n), n)
    line(s, tr(l, TR_sum_risks),
         arena_printf(r->a, tr(l, TR_sum_risks_value), COUNT(sum_n_open_risks, f->open),
                      f->very_high, f->high));
    line(s, arena_printf(r->a, tr(l, TR_sum_actions), f->year),
         arena_printf(r->a, tr(l, TR_sum_actions_value), COUNT(sum_n_late, f->late),
                      COUNT(sum_n_soon, f->soon), COUNT(sum_n_done, f->done)));
    line(s, tr(l, TR_sum_reviews), COUNT(sum_reviews_value, f->reviews));
    line(s, tr(l, TR_sum_analysed),
         arena_printf(r->a, tr(l, TR_sum_analysed_value), f->analysed, f->objects,
                      f->objects ? f->analysed * 100 / f->objects : 0));
    line(s, tr(l, TR_sum_classified),
         arena_printf(r->a, tr(l, TR_sum_classified_value), f->classified, f->assets,
                      f->assets ? f->classified * 100 / f->assets : 0,
                      COUNT(sum_n_cls_review, f->cls_overdue)));
    if (f->incidents) {
        int deadlines = f->dl_met + f->dl_late;
        line(s, arena_printf(r->a, tr(l, TR_sum_incidents), f->year),
             arena_printf(r->a, tr(l, TR_sum_incidents_value), COUNT(sum_n_incidents, f->inc_year),
                          arena_printf(r->a,
                                       tr_plural(l, TR_sum_n_met_one, TR_sum_n_met_many, deadlines),
                                       f->dl_met, deadlines)));
        line(s, tr(l, TR_sum_clocks),
             arena_printf(r->a, tr(l, TR_sum_clocks_value), COUNT(sum_n_open_inc, f->inc_open),
                          COUNT(sum_n_passed, f->inc_red), COUNT(sum_n_due_soon, f->inc_amber)));
    }
#undef COUNT
    s->risk_head[0] = tr(l, TR_risk_title);
    s->risk_head[1] = tr(l, TR_risk_level);
    s->risk_head[2] = tr(l, TR_risk_owner);
    s->risk_head[3] = tr(l, TR_risk_treatment);
    s->risk_head[4] = tr(l, TR_risk_unit);
    s->late_head[0] = tr(l, TR_act_title);
    s->late_head[1] = tr(l, TR_act_responsible);
    s->late_head[2] = tr(l, TR_act_end_date);
    s->late_head[3] = tr(l, TR_act_unit);
    load_risks(r, s);
    load_late(r, s);
    return true;
}

void h_dashboard_summary(req *r, resp *out)
{
    summary s;
    if (!summary_load(r, out, &s)) return;
    page_begin(r, out, s.title, "dashboard");
    view_dash_summary(&out->body, r->lang, r, &s);
    page_end(r, out);
}
