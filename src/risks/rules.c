/* rules.c - the rules of analyses and risks: an analysis names what it covers; a risk is
 * rated inside the tenant's matrix, its levels derived from the ratings; accepting a
 * risk needs a reason and a review date; a risk owner may edit their risk but not move it
 * to a unit where they have no say. Detail pages list the risks of an analysis and the
 * actions of a risk. */
#include "risks.h"
#include "../core/util.h"
#include "../entity/render.h"
#include "../entity/origin.h"
#include "../core/escape.h"
#include <stdlib.h>
#include <string.h>

static const char *value_of(const entity *e, const record *rec, const char *name)
{
    return record_get(rec, e, name);
}

static void set_value(const entity *e, record *rec, const char *name, const char *v)
{
    int i = entity_field_index(e, name);
    rec->values[i] = v;
    rec->present[i] = true;
}

risk_matrix tenant_matrix(req *r)
{
    const char *p[] = {tenant_param(r)};
    db_res *res = NULL;
    risk_matrix m = matrix_default;
    if (db_query(r->db, r->a,
                 "SELECT likelihood_levels, consequence_levels FROM risk_matrix WHERE tenant_id = "
                 "$1",
                 1, p, &res) == DB_OK &&
        res->nrows == 1) {
        risk_matrix own = {(int)db_cell_int(res, 0, 0), (int)db_cell_int(res, 0, 1)};
        if (matrix_valid(own)) m = own;
    }
    return m;
}

void analysis_validate(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    (void)r, (void)old;
    const char *kind = value_of(e, rec, "scope_kind");
    bool object = kind && !strcmp(kind, "object"), process = kind && !strcmp(kind, "process");
    if (object && !value_of(e, rec, "object_id"))
        errors_add(errs, entity_field(e, "object_id"), TR_err_scope_object, NULL);
    if (process && !value_of(e, rec, "process_id"))
        errors_add(errs, entity_field(e, "process_id"), TR_err_scope_process, NULL);
    /* only the reference the scope names is kept: a unit-wide analysis has no object */
    if (!object && value_of(e, rec, "object_id")) set_value(e, rec, "object_id", NULL);
    if (!process && value_of(e, rec, "process_id")) set_value(e, rec, "process_id", NULL);
}

/* Checks a (likelihood, consequence) pair against the matrix and returns its level code;
 * NULL when the pair is empty or wrong (then with a field error unless allowed empty). */
static const char *rating_level(req *r, const entity *e, const record *rec, risk_matrix m,
                                const char *lname, const char *cname, bool optional, errors *errs)
{
    const char *l = value_of(e, rec, lname), *c = value_of(e, rec, cname);
    if (!l && !c && optional) return NULL;
    if (!l || !c) {
        errors_add(errs, entity_field_index(e, l ? cname : lname), TR_err_rating_pair, NULL);
        return NULL;
    }
    int li = atoi(l), ci = atoi(c);
    const char *detail_l = arena_printf(r->a, "1–%d", m.likelihoods);
    const char *detail_c = arena_printf(r->a, "1–%d", m.consequences);
    if (li < 1 || li > m.likelihoods)
        errors_add(errs, entity_field_index(e, lname), TR_err_rating, detail_l);
    if (ci < 1 || ci > m.consequences)
        errors_add(errs, entity_field_index(e, cname), TR_err_rating, detail_c);
    return risk_level_code(matrix_level(m, li, ci));
}

void risk_validate(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    risk_matrix m = tenant_matrix(r);
    const char *level = rating_level(r, e, rec, m, "likelihood", "consequence", false, errs);
    const char *residual =
        rating_level(r, e, rec, m, "residual_likelihood", "residual_consequence", true, errs);
    set_value(e, rec, "level", level);
    set_value(e, rec, "residual_level", residual);
    const char *treatment = value_of(e, rec, "treatment");
    if (treatment && !strcmp(treatment, "accept")) {
        if (!value_of(e, rec, "acceptance_reason"))
            errors_add(errs, entity_field(e, "acceptance_reason"), TR_err_accept_reason, NULL);
        if (!value_of(e, rec, "review_date"))
            errors_add(errs, entity_field(e, "review_date"), TR_err_accept_review, NULL);
    }
    const char *status = value_of(e, rec, "status");
    if (status && !strcmp(status, "accepted") && (!treatment || strcmp(treatment, "accept")))
        errors_add(errs, entity_field(e, "status"), TR_err_accepted_needs_accept, NULL);
    /* a move into another unit needs the write right there: the engine checks that for
     * every kind (check_unit_move in entity.c) */
    if (!old) origin_validate(r, e, rec, errs);
}

void risk_action_validate(req *r, const entity *e, record *rec, const record *old, errors *errs)
{
    int risk_i = entity_field(e, "risk_id"), action_i = entity_field(e, "action_id");
    const char *risk = rec->values[risk_i], *action = rec->values[action_i];
    const char *tenant = tenant_param(r);
    const char *p[] = {risk, tenant};
    const char *unit =
        risk ? db_scalar(r->db, r->a, "SELECT unit_id FROM risk WHERE id = $1 AND tenant_id = $2",
                         2, p)
             : NULL;
    if (!unit) {
        errors_add(errs, risk_i, TR_err_ref, NULL);
        return;
    }
    set_value(e, rec, "unit_id", unit);
    const char *q[] = {tenant, risk, action, int_text(r->a, old ? old->id : 0)};
    if (action && db_scalar(r->db, r->a,
                            "SELECT 1 FROM risk_action WHERE tenant_id = $1 AND risk_id = $2 AND "
                            "action_id = $3 AND id <> $4",
                            4, q))
        errors_add(errs, action_i, TR_err_duplicate_risk_action, NULL);
}

/* The analysis's risks on the matrix; each cell leads to the register filtered to the
 * analysis and the cell (rows: id, title, likelihood, consequence, …). */
static void analysis_heatmap(req *r, int64_t id, const db_res *rows, buf *out)
{
    risk_matrix m = tenant_matrix(r);
    size_t cells = (size_t)m.likelihoods * (size_t)m.consequences;
    int *counts = arena_alloc(r->a, sizeof(int) * cells);
    memset(counts, 0, sizeof(int) * cells);
    for (int i = 0; i < rows->nrows; i++) {
        int l = (int)db_cell_int(rows, i, 2), c = (int)db_cell_int(rows, i, 3);
        if (matrix_rating_valid(m, l, c)) counts[(l - 1) * m.consequences + (c - 1)]++;
    }
    buf_puts(out, "<h3>");
    esc_html(out, tr(r->lang, TR_analysis_heatmap));
    buf_puts(out, "</h3>");
    heatmap_svg(out, r->lang, tenant_names(r), counts,
                arena_printf(r->a, "/risks?analysis_id=%lld&", (long long)id), "",
                tr(r->lang, TR_analysis_heatmap));
}

/* The analysis's risks on the matrix (the list itself is the analysis's related list);
 * only the risks the reader may read are counted. */
void analysis_detail_extra(req *r, const entity *e, const record *rec, buf *out)
{
    (void)e;
    const char *p[] = {int_text(r->a, rec->id), tenant_param(r)};
    db_res *res = NULL;
    if (db_query(r->db, r->a,
                 arena_printf(r->a,
                              "SELECT id, title, likelihood, consequence FROM risk WHERE "
                              "analysis_id = $1 AND tenant_id = $2%s",
                              entity_read_scope(r, &entity_risks, "risk")),
                 2, p, &res) != DB_OK ||
        !entity_audit_read_rows(r, &entity_risks, res, 0, "analysis page") || !res->nrows)
        return;
    buf_puts(out, "<section class=\"related\">");
    analysis_heatmap(r, rec->id, res, out);
    buf_puts(out, "</section>");
}

void risk_detail_lead(req *r, const entity *e, const record *rec, buf *out)
{
    origin_show(r, e, rec, out);
    risk_rating_section(r, e, rec, out);
    if (entity_may_write(r, e, rec)) {
        /* the contract of actions.h: an action created "from" this risk is linked to it */
        buf_puts(out, "<p><a class=\"button\" href=\"");
        esc_url_attr(out, arena_printf(r->a,
                                       "/actions/new?source_entity=risks&source_id=%lld&unit_id=%s",
                                       (long long)rec->id, value_of(e, rec, "unit_id")));
        buf_puts(out, "\">");
        esc_html(out, tr(r->lang, TR_risk_new_action));
        buf_puts(out, "</a></p>");
    }
}

void risk_detail_extra(req *r, const entity *e, const record *rec, buf *out)
{
    risk_history_section(r, e, rec, out);
}
